// The checked conversions and sums (`Int(checked:)`, `checkedSum`, …) live in CheckedNumbers so
// that the domain targets (DispatchModel, DispatchGenerator) share the one implementation;
// every solver target reaches them through AssignmentCore, as before.
@_exported import CheckedNumbers

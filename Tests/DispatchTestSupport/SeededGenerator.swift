import DispatchGenerator

/// The tests' seeded generator is the product's (SplitMix64, `DeterministicRNG`), so
/// random tests and generated scenarios share one implementation and are reproducible
/// across processes and platforms.
public typealias SeededGenerator = DeterministicRNG

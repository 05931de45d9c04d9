/// GLPK's array convention: element `k` of a length-`n` vector lives at index
/// `k` for `k` in `1...n`; **index 0 is padding** that GLPK never reads. This is
/// the only place the back end builds such arrays.
enum GLPKArrays {
  /// Calls `body(ind, val, n)` with 1-based copies of `entries` (index 0 is padding).
  static func withOneBased<R>(
    _ entries: [(index: Int32, value: Double)],
    _ body: (UnsafePointer<Int32>, UnsafePointer<Double>, Int32) throws -> R
  ) rethrows -> R {
    var ind = [Int32](repeating: 0, count: entries.count + 1)
    var val = [Double](repeating: 0, count: entries.count + 1)
    for (k, entry) in entries.enumerated() {
      ind[k + 1] = entry.index
      val[k + 1] = entry.value
    }
    return try ind.withUnsafeBufferPointer { i in
      try val.withUnsafeBufferPointer { v in try body(i.baseAddress!, v.baseAddress!, Int32(entries.count)) }
    }
  }

  /// A 1-based copy of `values` (index 0 is padding), for `glp_ios_heur_sol`.
  static func oneBased(_ values: [Double]) -> [Double] { [0] + values }
}

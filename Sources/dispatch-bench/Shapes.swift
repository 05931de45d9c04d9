import AssignmentCore
import DispatchPlanner
import DispatchPlanning
import Foundation

/// SplitMix64, as `Tests/DispatchTestSupport/SeededGenerator.swift`: the same seed gives the
/// same instance on every platform.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// One benchmark shape: a fixed seed and a generator.
struct BenchShape {
  var id: String
  var title: String
  var rows: Int
  var columns: Int
  var capacity: Int
  /// Every pair is an arc (written as a matrix for the peers).
  var dense: Bool
  var seed: UInt64
  /// Whether the GLPK pure LP runs by default (`--glpk auto`).
  var glpkByDefault: Bool
  var glpkSkipNote: String
  /// A bundled scenario (folder under `scenarios/`) whose pure problem is the instance, or nil for a generated one.
  var scenario: String? = nil

  static let all: [BenchShape] = [
    BenchShape(id: "city-dense", title: "city struct dense", rows: 1557, columns: 484, capacity: 4, dense: true, seed: 1557_484,
               glpkByDefault: false, glpkSkipNote: "skipped (an earlier trial did not finish in 5 min; --glpk all to run it)"),
    BenchShape(id: "city-sparse", title: "city struct sparse", rows: 1557, columns: 484, capacity: 4, dense: false, seed: 1557_484,
               glpkByDefault: true, glpkSkipNote: ""),
    BenchShape(id: "large-dense", title: "large city struct dense", rows: 5333, columns: 1436, capacity: 4, dense: true, seed: 5333_1436,
               glpkByDefault: false, glpkSkipNote: "skipped (larger than city dense; --glpk all to run it)"),
    BenchShape(id: "large-sparse", title: "large city struct sparse", rows: 5333, columns: 1436, capacity: 4, dense: false, seed: 5333_1436,
               glpkByDefault: true, glpkSkipNote: ""),
    BenchShape(id: "random-dense", title: "dense random 4000×4000", rows: 4000, columns: 4000, capacity: 1, dense: true, seed: 4000_4000,
               glpkByDefault: false, glpkSkipNote: "skipped (16 M arcs; --glpk all to run it)"),
    // The generator's large-city profile (scenarios/yanan: `dispatch generate --profile yanan --seed 7`),
    // built by the planner's own scorer: realistic scores with many ties, capacity 4, full coverage.
    BenchShape(id: "yanan", title: "large city profile (yanan)", rows: 5333, columns: 1436, capacity: 4, dense: false, seed: 7,  // capacity: the instructors' own (2–6)
               glpkByDefault: false, glpkSkipNote: "skipped (7.6 M arcs; --glpk all to run it)", scenario: "yanan"),
  ]

  func makeProblem() -> AssignmentProblem {
    if let scenario { return scenarioProblem(scenario) }
    return id == "random-dense" ? makeRandom() : makeCity()
  }

  /// The pure problem of a bundled scenario, as `dispatch plan` builds it (read from the package root).
  private func scenarioProblem(_ name: String) -> AssignmentProblem {
    do {
      let loaded = try Planner.load(folder: URL(fileURLWithPath: "scenarios/\(name)", isDirectory: true))
      return try ProblemBuilder().build(loaded.scenario).problem
    } catch {
      fail("scenario \(name): \(error) (run from the package root)")
    }
  }

  /// Uniform integer scores 0…999 on every pair (maximised; the same as minimising 999 − s).
  private func makeRandom() -> AssignmentProblem {
    var rng = SplitMix64(seed: seed)
    var arcs: [Arc] = []
    arcs.reserveCapacity(rows * columns)
    for r in 0..<rows { for c in 0..<columns { arcs.append(Arc(row: r, column: c, score: Int64(rng.next() % 1000))) } }
    return try! AssignmentProblem(rowCount: rows, columnCapacities: Array(repeating: capacity, count: columns), arcs: arcs)
  }

  /// The city structure. Vocabularies are small, so scores tie a lot:
  /// - 20 regions on a ring, of random weights (0.5…1.5); rows and columns are apportioned to
  ///   regions by the same weights (so each region can cover its own rows), then shuffled;
  /// - 8 skills: an instructor (column) has 1–3, an organization (row) needs 1–2;
  ///   skill term = 20 per needed skill the instructor has, at most 40;
  /// - 40 sending units and 12 industries: unit u's counterpart industry is u mod 12 (30),
  ///   its related industry (7u + 3) mod 12 (15), otherwise 0;
  /// - region term: same region 30, neighbouring region on the ring 10, otherwise 0.
  /// Score = skill + counterpart + region, in 0…100. Dense: every pair is an arc.
  /// Sparse: only the columns of the row's own region.
  private func makeCity() -> AssignmentProblem {
    var rng = SplitMix64(seed: seed)
    let regionCount = 20, skillCount = 8, unitCount = 40, industryCount = 12
    let weights = (0..<regionCount).map { _ in 0.5 + Double(rng.next() % 1001) / 1000 }
    func apportion(_ total: Int) -> [Int] {
      let sum = weights.reduce(0, +)
      var counts = weights.map { Int(Double(total) * $0 / sum) }
      var k = 0
      while counts.reduce(0, +) < total { counts[k % regionCount] += 1; k += 1 }
      return counts
    }
    let columnsPerRegion = apportion(columns)
    var rowsPerRegion = apportion(rows)
    // Keep each region coverable by its own columns (needed by the sparse shape).
    for k in 0..<regionCount where rowsPerRegion[k] > capacity * columnsPerRegion[k] {
      let excess = rowsPerRegion[k] - capacity * columnsPerRegion[k]
      rowsPerRegion[k] -= excess
      let target = (0..<regionCount).max { capacity * columnsPerRegion[$0] - rowsPerRegion[$0] < capacity * columnsPerRegion[$1] - rowsPerRegion[$1] }!
      rowsPerRegion[target] += excess
    }
    var columnRegion = columnsPerRegion.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
    var rowRegion = rowsPerRegion.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
    columnRegion.shuffle(using: &rng)
    rowRegion.shuffle(using: &rng)
    func skillSet(_ count: Int) -> UInt8 {
      var mask: UInt8 = 0
      while mask.nonzeroBitCount < count { mask |= 1 << UInt8(rng.next() % UInt64(skillCount)) }
      return mask
    }
    let columnSkills = (0..<columns).map { _ in skillSet(1 + Int(rng.next() % 3)) }
    let columnUnit = (0..<columns).map { _ in Int(rng.next() % UInt64(unitCount)) }
    let rowNeeds = (0..<rows).map { _ in skillSet(1 + Int(rng.next() % 2)) }
    let rowIndustry = (0..<rows).map { _ in Int(rng.next() % UInt64(industryCount)) }
    var columnsOfRegion = [[Int]](repeating: [], count: regionCount)
    for c in 0..<columns { columnsOfRegion[columnRegion[c]].append(c) }

    func score(_ r: Int, _ c: Int) -> Int64 {
      let skill = min(40, 20 * (rowNeeds[r] & columnSkills[c]).nonzeroBitCount)
      let unit = columnUnit[c], industry = rowIndustry[r]
      let counterpart = industry == unit % industryCount ? 30 : industry == (7 * unit + 3) % industryCount ? 15 : 0
      let distance = abs(rowRegion[r] - columnRegion[c])
      let ring = min(distance, regionCount - distance)
      let region = ring == 0 ? 30 : ring == 1 ? 10 : 0
      return Int64(skill + counterpart + region)
    }
    var arcs: [Arc] = []
    arcs.reserveCapacity(dense ? rows * columns : rows * (columns / regionCount + 1))
    for r in 0..<rows {
      for c in dense ? Array(0..<columns) : columnsOfRegion[rowRegion[r]] { arcs.append(Arc(row: r, column: c, score: score(r, c))) }
    }
    return try! AssignmentProblem(rowCount: rows, columnCapacities: Array(repeating: capacity, count: columns), arcs: arcs)
  }
}

//===----------------------------------------------------------------------===//
// RuleKeepingImprover — a deterministic local search that turns the pure
// relaxation's plan into a plan that keeps the `exclusive` and `mix` rules (with
// capacities, arc loads, locks and coverage), then improves its score while every
// rule stays kept. Used as the incumbent of the warm GLPK path and as the plan of
// the native repair (issue 4). It never claims anything: callers check its plan
// with `SolutionChecker` and bound it with the relaxation optimum U.
//
// SCOPE. Problems whose side rules are only `exclusive` and `mix` (any number of
// each); otherwise `improve` returns nil. Rows never become open: a row open in
// the starting plan stays open, a covered row stays covered, locked rows never move.
//
// COLUMN VALIDITY. A column is valid when its load fits its capacity, it holds no
// other row beside an exclusive row, and, holding ≥ 2 rows, at least one row of
// each group of every mix rule. Every move below is applied only if each column it
// touches is valid afterwards — except the repairs, which may leave the column
// they repair still invalid, never a column that was valid.
//
// 1. EXCLUSIVE. For each exclusive row r sharing its column c (in row order): the
//    cheaper of (a) moving c's other rows each to their best valid column, or
//    (b) moving r to the best empty column. c may be left breaking mix (step 2).
// 2. MIX. While some column c breaks a rule, in column order, the cheapest of:
//    bring a row in from a column that stays valid; swap one of c's rows with a
//    row of another column (both valid after); move one of c's rows out to a
//    column that stays valid (making c valid). Failing all, the cheapest move-out
//    of one of c's rows to any column that stays valid (c shrinks). If nothing
//    applies, the improver gives up (nil).
// 3. IMPROVE. Until no step improves or the budget is spent: (i') with one mix rule
//    splitting the movable rows, re-solve group A exactly with B fixed, then B with A
//    fixed (a column takes ≤ 1 row of the side when the other side has none there,
//    ≥ 1 when the other side has ≥ 2 — a mandatory slot, scored with a bonus and
//    checked filled); otherwise (i) re-solve, for each
//    class of rows with the same membership in every mix group, the pure problem
//    that keeps every column's count of that class (exclusive rows stay in place,
//    their columns closed to others; loads 1 only) — any of its plans keeps every
//    rule, and the native solver finds its optimum; (ii) first-improvement passes
//    over moves (row to a better column) and swaps (two rows exchange columns),
//    rows and columns in index order.
//
// COMPLEXITY. Step 3(ii) is O(r·(m + r)) per pass; 3(i) is one native solve per class.
//===----------------------------------------------------------------------===//

import AssignmentCore
import Foundation
import NativeSolver

public struct RuleKeepingImprover: Sendable {
  public let problem: AssignmentProblem
  /// Wall-clock seconds for the improvement phase (capped by `deadline`, which the repair keeps too).
  public var timeBudget: Double
  /// Checked with the time budget: true ends the improvement early (a stop request), keeping the plan so far.
  public var shouldStop: @Sendable () -> Bool = { false }
  /// The whole search stops by then (the caller's time limit): a repair not finished by then gives no plan,
  /// the improvement stops with the plan so far.
  public var deadline: Deadline = .never

  public init(problem: AssignmentProblem, timeBudget: Double = 10) {
    self.problem = problem
    self.timeBudget = timeBudget
  }

  /// Whether the improver handles `problem`'s side rules (only `exclusive` and `mix`).
  public static func supports(_ problem: AssignmentProblem) -> Bool {
    problem.sideRules.allSatisfy { $0.softWeight == nil && $0.descriptor.repair == .ruleKeepingLocalSearch }
  }

  /// A plan that keeps every rule, from `start` (e.g. the pure relaxation's optimum); nil when
  /// the rules are not supported or the repair gets stuck. The plan is checked by `SolutionChecker`.
  public func improve(from start: [Int32]) -> [Int32]? {
    // A clock that has run out gives no plan (the caller's time limit is spent).
    guard Self.supports(problem), start.count == problem.rowCount, !deadline.hasPassed else { return nil }
    var search = LocalSearch(problem: problem, start: start)
    guard search.repairExclusive(until: deadline), search.repairMix(until: deadline) else { return nil }
    search.improve(until: Deadline(secondsFromNow: timeBudget).capped(by: deadline), shouldStop: shouldStop)
    let plan = search.column
    guard SolutionChecker.violations(plan, in: problem)
      .allSatisfy({ if case .uncoveredRow(let r) = $0 { start[r] < 0 } else { false } })
    else { return nil }
    return plan
  }
}

private struct LocalSearch {
  let problem: AssignmentProblem
  let n: Int
  let m: Int
  var column: [Int32]
  var members: [[Int]]
  var load: [Int]
  let exclusive: [Bool]
  var exclusiveCount: [Int]
  /// Per mix rule: membership of each row (bit 0: group A, bit 1: group B), counts per column.
  let groups: [[UInt8]]
  var countA: [[Int]]
  var countB: [[Int]]
  /// Dense scores (Int64.min: no arc) when the matrix is small enough.
  let dense: [Int64]?
  let locked: [Bool]

  init(problem: AssignmentProblem, start: [Int32]) {
    self.problem = problem
    n = problem.rowCount
    m = problem.columnCount
    column = start
    var excl = [Bool](repeating: false, count: n)
    var gs: [[UInt8]] = []
    for rule in problem.sideRules {
      switch rule {
      case .exclusive(let r): excl[r] = true
      case .mix(let a, let b):
        var g = [UInt8](repeating: 0, count: n)
        for r in a { g[r] |= 1 }
        for r in b { g[r] |= 2 }
        gs.append(g)
      default: break
      }
    }
    exclusive = excl
    groups = gs
    locked = problem.lockedColumn.map { $0 >= 0 }
    if n * m <= 20_000_000 {
      var d = [Int64](repeating: .min, count: n * m)
      for r in 0..<n { for a in problem.arcs(ofRow: r) { d[r * m + Int(problem.arcColumns[a])] = problem.arcScores[a] } }
      dense = d
    } else {
      dense = nil
    }
    members = [[Int]](repeating: [], count: m)
    load = [Int](repeating: 0, count: m)
    exclusiveCount = [Int](repeating: 0, count: m)
    countA = [[Int]](repeating: [Int](repeating: 0, count: m), count: gs.count)
    countB = countA
    for r in 0..<n where start[r] >= 0 { add(r, Int(start[r])) }
  }

  // MARK: Bookkeeping

  func score(_ r: Int, _ c: Int) -> Int64? {
    if let dense { let s = dense[r * m + c]; return s == .min ? nil : s }
    return problem.arcIndex(row: r, column: c).map { problem.arcScores[$0] }
  }

  func arcLoad(_ r: Int, _ c: Int) -> Int {
    problem.arcLoads.isEmpty ? 1 : (problem.arcIndex(row: r, column: c).map(problem.load(ofArc:)) ?? 0)
  }

  mutating func add(_ r: Int, _ c: Int) {
    column[r] = Int32(c)
    members[c].append(r)
    load[c] += arcLoad(r, c)
    if exclusive[r] { exclusiveCount[c] += 1 }
    for k in groups.indices {
      if groups[k][r] & 1 != 0 { countA[k][c] += 1 }
      if groups[k][r] & 2 != 0 { countB[k][c] += 1 }
    }
  }

  mutating func remove(_ r: Int) {
    let c = Int(column[r])
    column[r] = -1
    if let i = members[c].firstIndex(of: r) { members[c].remove(at: i) }
    load[c] -= arcLoad(r, c)
    if exclusive[r] { exclusiveCount[c] -= 1 }
    for k in groups.indices {
      if groups[k][r] & 1 != 0 { countA[k][c] -= 1 }
      if groups[k][r] & 2 != 0 { countB[k][c] -= 1 }
    }
  }

  mutating func move(_ r: Int, to c: Int) {
    remove(r)
    add(r, c)
  }

  /// Whether column c is valid after removing `out` (a row of c) and adding `into` (a row elsewhere).
  func valid(_ c: Int, removing out: Int? = nil, adding into: Int? = nil) -> Bool {
    let count = members[c].count - (out == nil ? 0 : 1) + (into == nil ? 0 : 1)
    if let into {
      let l = load[c] - (out.map { arcLoad($0, c) } ?? 0) + arcLoad(into, c)
      if l > problem.columnCapacities[c] { return false }
    } else if load[c] > problem.columnCapacities[c] {
      return false
    }
    if count <= 1 { return true }
    let ex = exclusiveCount[c] - (out.map { exclusive[$0] ? 1 : 0 } ?? 0) + (into.map { exclusive[$0] ? 1 : 0 } ?? 0)
    if ex > 0 { return false }
    for k in groups.indices {
      let g = groups[k]
      var a = countA[k][c], b = countB[k][c]
      if let out { if g[out] & 1 != 0 { a -= 1 }; if g[out] & 2 != 0 { b -= 1 } }
      if let into { if g[into] & 1 != 0 { a += 1 }; if g[into] & 2 != 0 { b += 1 } }
      if a < 1 || b < 1 { return false }
    }
    return true
  }

  func movable(_ r: Int) -> Bool { !locked[r] && column[r] >= 0 }

  /// The best column other than `c` where `r` may go and that stays valid, with its score.
  func bestTarget(_ r: Int, avoiding c: Int, emptyOnly: Bool = false) -> (column: Int, score: Int64)? {
    var best: (column: Int, score: Int64)? = nil
    for d in 0..<m where d != c {
      guard let s = score(r, d), best.map({ s > $0.score }) ?? true else { continue }
      if emptyOnly && !members[d].isEmpty { continue }
      if valid(d, adding: r) { best = (d, s) }
    }
    return best
  }

  // MARK: 1. Exclusive

  /// False when it gets stuck or `deadline` passes first.
  mutating func repairExclusive(until deadline: Deadline) -> Bool {
    for r in 0..<n where exclusive[r] && column[r] >= 0 {
      if deadline.hasPassed { return false }
      let c = Int(column[r])
      guard members[c].count > 1 else { continue }
      let others = members[c].filter { $0 != r }
      // (a) the others leave: estimated cost (targets chosen independently).
      var costA: Int64? = others.contains(where: { locked[$0] || exclusive[$0] }) ? nil : 0
      if costA != nil {
        for o in others {
          guard let t = bestTarget(o, avoiding: c) else { costA = nil; break }
          costA! += score(o, c)! - t.score
        }
      }
      // (b) r goes to an empty column.
      var costB: Int64? = nil
      var targetB: Int? = nil
      if !locked[r], let t = bestTarget(r, avoiding: c, emptyOnly: true) {
        costB = score(r, c)! - t.score
        targetB = t.column
      }
      if let a = costA, costB.map({ a <= $0 }) ?? true {
        for o in others {
          if let t = bestTarget(o, avoiding: c) { move(o, to: t.column) }
        }
        if members[c].count > 1, let t = targetB, members[t].isEmpty { move(r, to: t) }
      } else if let t = targetB {
        move(r, to: t)
      }
      if let cc = Optional(Int(column[r])), members[cc].count > 1 { return false }
    }
    return true
  }

  // MARK: 2. Mix

  /// False when it gets stuck or `deadline` passes first.
  mutating func repairMix(until deadline: Deadline) -> Bool {
    var budget = 20 * (n + m) + 100
    var c = 0
    var sweepsWithoutInvalid = 0
    while sweepsWithoutInvalid < m {
      if valid(c) { sweepsWithoutInvalid += 1; c = (c + 1) % m; continue }
      sweepsWithoutInvalid = 0
      if deadline.hasPassed { return false }
      budget -= 1
      if budget < 0 { return false }
      guard fixMix(c) else { return false }
      // Revisit c (it may still be invalid after a partial fix).
    }
    return true
  }

  /// One step toward making column c valid; false when nothing applies.
  mutating func fixMix(_ c: Int) -> Bool {
    let inside = members[c].filter { !locked[$0] }
    enum Step { case bring(Int), swap(Int, Int), out(Int, Int) }
    var best: (cost: Int64, step: Step)? = nil
    func consider(_ cost: Int64, _ step: Step) { if best.map({ cost < $0.cost }) ?? true { best = (cost, step) } }
    for b in 0..<n where movable(b) && Int(column[b]) != c {
      let d = Int(column[b])
      guard let sbc = score(b, c), let sbd = score(b, d) else { continue }
      if valid(c, adding: b) && valid(d, removing: b) { consider(sbd - sbc, .bring(b)) }
      for a in inside {
        guard let sad = score(a, d), let sac = score(a, c) else { continue }
        let cost = sac + sbd - sad - sbc
        if best.map({ cost < $0.cost }) ?? true, valid(c, removing: a, adding: b), valid(d, removing: b, adding: a) {
          consider(cost, .swap(a, b))
        }
      }
    }
    for a in inside where valid(c, removing: a) {
      if let t = bestTarget(a, avoiding: c) { consider(score(a, c)! - t.score, .out(a, t.column)) }
    }
    if best == nil {
      // Shrink c: the cheapest move-out to a column that stays valid.
      for a in inside { if let t = bestTarget(a, avoiding: c) { consider(score(a, c)! - t.score, .out(a, t.column)) } }
    }
    guard let step = best?.step else { return false }
    switch step {
    case .bring(let b): move(b, to: c)
    case .swap(let a, let b):
      let d = Int(column[b])
      move(a, to: d)
      move(b, to: c)
    case .out(let a, let t): move(a, to: t)
    }
    return true
  }

  // MARK: 3. Improvement

  mutating func improve(until deadline: Deadline, shouldStop: () -> Bool = { false }) {
    var rounds = 0
    while !deadline.hasPassed && rounds < 50 && !shouldStop() {
      rounds += 1
      var improved = groups.count == 1 && isPartition ? resolveSides(until: deadline) : resolveClasses(until: deadline)
      if deadline.hasPassed || shouldStop() { break }
      improved = localPass(until: deadline, shouldStop: shouldStop) || improved
      guard improved else { break }
    }
  }

  var total: Int64 {
    var t: Int64 = 0
    for r in 0..<n where column[r] >= 0 { t += score(r, Int(column[r]))! }
    return t
  }

  /// (ii) One first-improvement pass over moves and swaps; true when the score rose.
  mutating func localPass(until deadline: Deadline, shouldStop: () -> Bool = { false }) -> Bool {
    var improved = false
    for r in 0..<n where movable(r) {
      if r % 64 == 0 && (deadline.hasPassed || shouldStop()) { break }
      var c = Int(column[r])
      var src = score(r, c)!
      // Best single move.
      var bestMove: (Int, Int64)? = nil
      if valid(c, removing: r) {
        for d in 0..<m where d != c {
          guard let s = score(r, d), s > src, bestMove.map({ s > $0.1 }) ?? true else { continue }
          if valid(d, adding: r) { bestMove = (d, s) }
        }
      }
      if let (d, _) = bestMove { move(r, to: d); improved = true; c = d; src = score(r, c)! }
      // First improving swap.
      for r2 in 0..<n where r2 != r && movable(r2) {
        let d = Int(column[r2])
        guard d != c, let s12 = score(r, d), let s21 = score(r2, c) else { continue }
        let gain = s12 + s21 - src - score(r2, d)!
        guard gain > 0, valid(c, removing: r, adding: r2), valid(d, removing: r2, adding: r) else { continue }
        move(r, to: d)
        move(r2, to: c)
        improved = true
        c = d
        src = s12
      }
    }
    return improved
  }

  /// One mix rule whose groups split the movable rows (each in exactly one group).
  var isPartition: Bool {
    (0..<n).allSatisfy { r in !movable(r) || exclusive[r] || groups[0][r] == 1 || groups[0][r] == 2 }
  }

  /// (i') With one mix rule splitting the rows: re-solve group A's rows exactly with group B's
  /// rows fixed, then B's with A's fixed, until neither improves. Fixing the other side, a column
  /// takes at most one row when the other side has none there, any number up to its capacity
  /// otherwise, and at least one when the other side has two or more there and nothing locked
  /// of this side (a mandatory slot, scored with a bonus and checked to be filled).
  mutating func resolveSides(until deadline: Deadline) -> Bool {
    guard problem.arcLoads.isEmpty else { return false }
    var changed = false
    var idle = 0
    var side = 1
    var guardRounds = 0
    while idle < 2 && guardRounds < 40 && !deadline.hasPassed {
      guardRounds += 1
      if resolveSide(UInt8(side)) { changed = true; idle = 0 } else { idle += 1 }
      side = 3 - side
    }
    return changed
  }

  mutating func resolveSide(_ side: UInt8) -> Bool {
    let g = groups[0]
    let rows = (0..<n).filter { movable($0) && !exclusive[$0] && g[$0] == side }
    guard !rows.isEmpty else { return false }
    var normal = [Int](repeating: 0, count: m)
    var mandatory = [Bool](repeating: false, count: m)
    for c in 0..<m {
      var other = 0, fixedSame = 0  // rows of the other side; rows of this side that stay
      for r in members[c] {
        if g[r] == side && movable(r) && !exclusive[r] { continue } else if g[r] & side != 0 { fixedSame += 1 } else { other += 1 }
      }
      if exclusiveCount[c] > 0 { continue }
      let room = problem.columnCapacities[c] - other - fixedSame
      if other == 0 {
        normal[c] = max(0, min(room, 1 - fixedSame))
      } else if other >= 2 && fixedSame == 0 {
        mandatory[c] = true
        normal[c] = max(0, room - 1)
      } else {
        normal[c] = max(0, room)
      }
    }
    var maxScore: Int64 = 1
    for r in rows { for a in problem.arcs(ofRow: r) { maxScore = max(maxScore, abs(problem.arcScores[a])) } }
    let bonus = maximumScoreMagnitude - maxScore
    guard bonus > 0 else { return false }
    var slot = [Int](repeating: -1, count: m)  // column index of c's mandatory slot
    var capacity = normal
    for c in 0..<m where mandatory[c] { slot[c] = capacity.count; capacity.append(1) }
    var arcs: [Arc] = []
    arcs.reserveCapacity(rows.count * m)
    for (i, r) in rows.enumerated() {
      for a in problem.arcs(ofRow: r) {
        let c = Int(problem.arcColumns[a])
        if normal[c] > 0 { arcs.append(Arc(row: i, column: c, score: problem.arcScores[a])) }
        if slot[c] >= 0 { arcs.append(Arc(row: i, column: slot[c], score: problem.arcScores[a] + bonus)) }
      }
    }
    guard let sub = try? AssignmentProblem(rowCount: rows.count, columnCapacities: capacity, arcs: arcs, coverage: .requireAll),
          let o = try? ShortestAugmentingPathSolver().solve(sub), o.status.isOptimal else { return false }
    var filled = [Bool](repeating: false, count: capacity.count)
    for c in o.columnOfRow where c >= 0 { filled[Int(c)] = true }
    guard (0..<m).allSatisfy({ slot[$0] < 0 || filled[slot[$0]] }) else { return false }
    var realColumn = [Int](repeating: -1, count: capacity.count)
    for c in 0..<m { realColumn[c] = c; if slot[c] >= 0 { realColumn[slot[c]] = c } }
    var old: Int64 = 0, new: Int64 = 0
    for (i, r) in rows.enumerated() { old += score(r, Int(column[r]))!; new += score(r, realColumn[Int(o.columnOfRow[i])])! }
    guard new > old else { return false }
    let saved = column
    for r in rows { remove(r) }
    for (i, r) in rows.enumerated() { add(r, realColumn[Int(o.columnOfRow[i])]) }
    if !(0..<m).allSatisfy({ valid($0) }) {
      // Should not happen; undo.
      for r in rows { remove(r) }
      for r in rows { add(r, Int(saved[r])) }
      return false
    }
    return true
  }

  /// (i) Exact re-solve of each class of rows with the column counts of the class kept.
  mutating func resolveClasses(until deadline: Deadline) -> Bool {
    guard problem.arcLoads.isEmpty else { return false }
    let before = total
    var classOf: [[UInt8]: [Int]] = [:]
    for r in 0..<n where movable(r) && !exclusive[r] {
      classOf[groups.map { $0[r] }, default: []].append(r)
    }
    let solver = ShortestAugmentingPathSolver()
    var changed = false
    for key in classOf.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) where !deadline.hasPassed {
      let rows = classOf[key]!
      var capacity = [Int](repeating: 0, count: m)
      for r in rows { capacity[Int(column[r])] += 1 }
      var arcs: [Arc] = []
      arcs.reserveCapacity(rows.count * 8)
      for (i, r) in rows.enumerated() {
        for a in problem.arcs(ofRow: r) {
          let c = Int(problem.arcColumns[a])
          if capacity[c] > 0 { arcs.append(Arc(row: i, column: c, score: problem.arcScores[a])) }
        }
      }
      guard let sub = try? AssignmentProblem(rowCount: rows.count, columnCapacities: capacity, arcs: arcs, coverage: .requireAll),
            let o = try? solver.solve(sub), o.status.isOptimal else { continue }
      var old: Int64 = 0, new: Int64 = 0
      for (i, r) in rows.enumerated() { old += score(r, Int(column[r]))!; new += score(r, Int(o.columnOfRow[i]))! }
      guard new > old else { continue }
      for r in rows { remove(r) }
      for (i, r) in rows.enumerated() { add(r, Int(o.columnOfRow[i])) }
      changed = true
    }
    return changed && total > before
  }
}

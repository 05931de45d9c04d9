//===----------------------------------------------------------------------===//
// MixLagrangianBound — an upper bound on the score of every full-coverage plan of
// a problem with `exclusive` rules and one `mix` rule, stronger than the pure
// relaxation U (issue 4: the bound that closes the gap of the local search).
//
// RELAXATION. Dualise "each row is assigned exactly once" with free multipliers
// x_r. The problem falls apart by column: column c picks the subset S of rows
// that maximises Σ_{r∈S} (s(r,c) − x_r) subject to its own rules — empty, a single
// row (exclusive rows only alone), or 2…cap non-exclusive rows holding ≥ 1 of
// group A and ≥ 1 of group B (the best A, the best B, and the best positive rest).
// For every x, L(x) = Σ_r x_r + Σ_c v_c(x) ≥ the score of every plan (each plan's
// columns are feasible subsets, and its rows sum to Σ x_r).
//
// SEARCH. Subgradient descent on x (g_r = 1 − times r is picked), Polyak steps
// toward the incumbent's score, starting from the pure relaxation's row duals, or from
// given multipliers (`start`: a previous solve's, LagrangianPrices) where it has them, the
// other rows' duals moved to their level (the median difference). All arithmetic is Int64
// in thousandths of a point, so every L(x) evaluated is an exact bound; the result is
// ⌊min L / 1000⌋.
//
// STOP. At the target (⌊L⌋ ≤ the incumbent's score: scores are whole points, so it is proven), when the step size has
// halved to nothing, when — started from given multipliers only — the bound has not fallen by a
// whole point in `patience` iterations (measured on huangshan: from a previous quarter's multipliers
// the re-plan's bound stood still for 480 of 754 iterations; from the relaxation's duals the bound can
// stand still that long and then fall far, LagrangianPatienceTests), at `maximumIterations`, or at the
// deadline — the last evaluation starts while two iterations' time is left, so it ends by then.
//
// SOFT MIX. When the mix rule is soft with weight w, a column may also take any 2…cap
// non-exclusive rows at a cost of w: v_c = max(single, best mixed subset, best
// subset − w), which is exactly the best subset's profit minus its penalty (a mixed
// subset is never worse under the first two). The bound is then on the score minus
// the penalties, and the per-arc bounds take the same third option.
//
// MINIMUM LOADS. A hard `minimumLoad(c, k)` (loads 1) only narrows column c's subsets: a
// single row only if it is exclusive (the rule's exemption) or k ≤ 1, and a subset of 2…cap
// rows only with at least k of them (the best k, then every further positive one). The bound
// and per-arc bounds stay exact for that narrower family, so they hold for the problem with
// its minimum loads (far tighter than dropping them).
//
// SCOPE. Coverage `.requireAll`, no locks, loads 1, side rules: hard `exclusive`, hard
// `minimumLoad` and exactly one `mix` (hard or soft) whose groups do not overlap; otherwise nil.
//
// CODE. `Instance` holds the problem in the search's terms (kinds, exclusive rows, scores in
// thousandths); `bestSubset` is one column's v_c(x), `arcSlacks` its per-arc bounds and
// `proposal` the plan built from the columns' choices; `boundAndProposal` is the subgradient loop.
//
// INCREMENTAL. Once few multipliers change per step, each column's best rows are updated from
// the rows that changed instead of a scan of every arc (MixLagrangianIncremental.swift): the same
// values and choices, so the same search, in a fraction of the time (`incremental: false` scans).
//
// COMPLEXITY. O(r·m·cap) per iteration with a scan; O(m·cap² + m·|Δ|) with the update (Δ: rows changed).
//===----------------------------------------------------------------------===//

import AssignmentCore
import Foundation

public enum MixLagrangianBound {
  public static func supports(_ problem: AssignmentProblem) -> Bool {
    guard problem.coverage == .requireAll, problem.arcLoads.isEmpty, problem.lockedColumn.allSatisfy({ $0 < 0 }) else { return false }
    var mixes = 0
    for rule in problem.sideRules {
      switch rule {
      case .exclusive, .minimumLoad: continue
      case .mix(let a, let b), .soft(.mix(let a, let b), _):
        mixes += 1
        if !Set(a).isDisjoint(with: b) { return false }
      default: return false
      }
    }
    return mixes == 1
  }

  /// An upper bound on the score of every feasible plan (covering every row), or nil.
  /// - Parameters:
  ///   - plan, duals: the pure relaxation's optimum and its duals (the start), when known.
  ///   - target: a score known to be reachable (the incumbent); the search stops once the bound reaches it.
  public static func bound(_ problem: AssignmentProblem, plan: [Int32]?, duals: AssignmentDuals?, target: Int64,
                           deadline: Deadline, maximumIterations: Int = 3000) -> Int64? {
    boundAndProposal(problem, plan: plan, duals: duals, target: target, deadline: deadline, maximumIterations: maximumIterations)?.bound
  }

  /// The bound; a plan built from the columns' choices at the best multipliers (every row
  /// covered, capacities kept; the rules may be broken — a start for `RuleKeepingImprover`);
  /// and per arc a bound on the score of every plan that uses it (Lagrangian reduced-cost fixing).
  public static func boundAndProposal(_ problem: AssignmentProblem, plan: [Int32]?, duals: AssignmentDuals?, target: Int64,
                                      deadline: Deadline, maximumIterations: Int = 3000,
                                      shouldStop: () -> Bool = { false }) -> (bound: Int64, proposal: [Int32], arcBound: [Int64])? {
    search(problem, plan: plan, duals: duals, target: target, deadline: deadline, maximumIterations: maximumIterations,
           shouldStop: shouldStop).map { ($0.bound, $0.proposal, $0.arcBound) }
  }

  /// What the search learned: the bound, the proposal, the per-arc bounds and the certificate
  /// (the best multipliers, which price every column's subsets: `Certificate.patterns`).
  public struct Result: Sendable {
    public var bound: Int64
    public var proposal: [Int32]
    public var arcBound: [Int64]
    public var certificate: Certificate
    /// Iterations of the subgradient search (evaluations of L(x) before the last).
    public var iterations: Int
    /// The best multipliers x, per row, in thousandths of a point (`scale`): a start for a later search
    /// of a similar problem (`search(start:)`); any x gives a valid bound, so a stale one is safe.
    public var multipliers: [Int64] { certificate.x }
  }

  /// `boundAndProposal`, with the certificate. `start`: multipliers to start from (per row, thousandths;
  /// `unknownMultiplier` where a row has none, which then starts from `plan` and `duals` as without a start),
  /// e.g. the previous quarter's (`Result.multipliers`); ignored unless it has one entry per row.
  public static func search(_ problem: AssignmentProblem, plan: [Int32]?, duals: AssignmentDuals?, target: Int64,
                            deadline: Deadline, maximumIterations: Int = 3000, start: [Int64]? = nil,
                            incremental: Bool = true, shouldStop: () -> Bool = { false }) -> Result? {
    guard supports(problem) else { return nil }
    let n = problem.rowCount, m = problem.columnCount
    guard n > 0 else {
      return Result(bound: 0, proposal: [], arcBound: [], certificate: Certificate(instance: Instance(problem), x: [], value: 0, columnValue: [Int64](repeating: 0, count: m)),
                    iterations: 0)
    }
    let instance = Instance(problem)
    var x = instance.startingMultipliers(plan: plan, duals: duals)
    let warmStart = start?.count == n
    if let start, start.count == n {
      // Rows without a start take the relaxation's start moved to the given rows' level (the median difference).
      var shifts = (0..<n).filter { start[$0] != unknownMultiplier }.map { start[$0] - x[$0] }
      shifts.sort()
      let shift = shifts.isEmpty ? 0 : shifts[shifts.count / 2]
      for r in 0..<n { x[r] = start[r] != unknownMultiplier ? start[r] : x[r] + shift }
    }
    var iterations = 0
    // ⌊v / scale⌋ for either sign (Int64.max, no bound yet, stays above every bound).
    func floorScaled(_ v: Int64) -> Int64 { v == .max ? .max : v >= 0 ? v / scale : -((-v + scale - 1) / scale) }
    let targetScaled = target * scale
    var best = Int64.max
    var count = [Int32](repeating: 0, count: n)
    var lambda = 2.0
    // Iterations since the bound (whole points) last fell: after `patience` the search ends (STOP in the header).
    var sinceWholePoint = 0
    var sinceBest = 0
    var lists = ColumnLists()
    var bestX = x
    var choice = [[Int]](repeating: [], count: m)
    var valueOf = [Int64](repeating: 0, count: m)
    var stop = false, forceLast = false
    var arcSlack = [Int64](repeating: 0, count: problem.arcCount)
    var caches = ColumnCaches(instance)
    // The rows whose multiplier changed since the last evaluation, when known.
    var changed: [Int] = [], changedKnown = false
    let clock = Stopwatch()
    for iteration in 0...maximumIterations {
      // The last evaluation (with the per-arc bounds) must end by the deadline too: it starts when less
      // than two iterations' time is left.
      let perIteration = iteration > 0 ? clock.seconds / Double(iteration) : 0
      let last = forceLast || iteration == maximumIterations || deadline.secondsLeft <= 2 * perIteration || shouldStop()
      if last { x = bestX; changedKnown = false }
      for r in 0..<n { count[r] = 0 }
      var total: Int64 = 0
      for r in 0..<n { total += x[r] }
      // Incremental (MixLagrangianIncremental.swift) while few rows changed since the last evaluation.
      let fewChanged = changedKnown && changed.count * 3 <= n * 2
      for c in 0..<m where problem.columnCapacities[c] > 0 {
        let value: Int64
        if !incremental {
          value = instance.bestSubset(column: c, x: x, lists: &lists)
        } else if fewChanged, let v = caches.update(column: c, x: x, changed: changed, instance: instance, lists: &lists) {
          value = v
        } else {
          value = caches.scan(column: c, x: x, instance: instance, lists: &lists)
        }
        if value > 0 { total += value; for r in lists.chosen { count[r] += 1 } }
        if last {
          choice[c] = value > 0 ? lists.chosen : []
          valueOf[c] = value
          instance.arcSlacks(column: c, x: x, lists: lists, value: value, into: &arcSlack)
        }
      }
      if last {
        // At the best multipliers (their value), or at the start when the clock ran out before any iteration.
        best = min(best, total)
        break
      }
      iterations += 1
      sinceWholePoint = floorScaled(total) < floorScaled(best) ? 0 : sinceWholePoint + 1
      if total < best { best = total; sinceBest = 0; bestX = x } else { sinceBest += 1 }
      // Only from given multipliers: from the relaxation's duals the bound can stand still for a while and
      // then fall far (huangshan with minimum load 2 and adjacent-region reach: 83572 at the patience stop, 82301 without it).
      if warmStart && sinceWholePoint >= patience { stop = true }
      // Scores are whole points: a bound whose floor is the incumbent's score proves it (no patience).
      if floorScaled(best) <= target { stop = true }
      if stop { x = bestX; forceLast = true; continue }
      if sinceBest >= 25 { lambda /= 2; sinceBest = 0; if lambda < 1e-4 { stop = true } }
      var norm = 0.0
      for r in 0..<n { let g = 1 - Int64(count[r]); norm += Double(g * g) }
      if norm == 0 { stop = true }  // the relaxed choice is a plan: L(x) is its score
      if stop { x = bestX; forceLast = true; continue }
      let step = lambda * Double(total - targetScaled) / norm
      changed.removeAll(keepingCapacity: true)
      changedKnown = true
      for r in 0..<n {
        let g = 1 - Int64(count[r])
        // A step that is not a finite integer (NaN, ±∞) ends the search at the best multipliers so far.
        if g != 0 {
          guard let d = Int64(checked: step * Double(g), .toNearestOrAwayFromZero) else { stop = true; break }
          if d != 0 { x[r] -= d; changed.append(r) }
        }
      }
    }
    guard best != .max else { return nil }
    let certificate = Certificate(instance: instance, x: bestX, value: best, columnValue: valueOf.map { max(0, $0) })
    return Result(bound: floorScaled(best), proposal: instance.proposal(choice: choice, valueOf: valueOf),
                  arcBound: arcSlack.map { floorScaled(best - $0) }, certificate: certificate, iterations: iterations)
  }

  /// The best multipliers x and what they price (PATTERNS in the header). Every full-coverage plan
  /// has score·scale = value − Σ_c slack_c, where slack_c = v_c − profit_c(S_c) ≥ 0 is what column c's
  /// subset S_c falls short of its best (an empty column: v_c). So a plan scoring ≥ T takes, at every
  /// column, a subset whose slack is at most value − T·scale: `patterns` lists exactly those.
  public struct Certificate: Sendable {
    let instance: Instance
    let x: [Int64]
    /// L(x) in thousandths of a point (the bound is ⌊value / 1000⌋).
    public let value: Int64
    /// v_c, per column, in thousandths.
    let columnValue: [Int64]

    /// The slack budget of plans scoring at least `target`: value − target·scale (negative: none exists).
    public func budget(target: Int64) -> Int64 { value - target * MixLagrangianBound.scale }

    /// Whether column c may be left empty by a plan within `budget` (its slack v_c fits).
    public func mayStayEmpty(column c: Int, budget: Int64) -> Bool { columnValue[c] <= budget }

    /// Every subset column c may take with its rules kept and slack ≤ `budget`, as patterns (rows in
    /// increasing order, score = the pairs' scores minus a soft mix penalty); nil when there are more
    /// than `limit`. Depth-first over the rows by profit, cut when no extension can reach the floor.
    public func patterns(column c: Int, budget: Int64, limit: Int) -> [PatternProblem.Pattern]? {
      let problem = instance.problem, n = instance.n
      let cap = problem.columnCapacities[c]
      guard cap > 0, budget >= 0 else { return [] }
      let floor = columnValue[c] - budget
      let need = instance.minimum[c]
      var out: [PatternProblem.Pattern] = []
      var items: [(profit: Int64, row: Int)] = []
      for r in 0..<n {
        let sc = instance.s[c * n + r]
        if sc == Instance.none { continue }
        let p = sc - x[r]
        if instance.exclusive[r] {
          if p >= floor { out.append(PatternProblem.Pattern(column: c, rows: [r], score: sc / MixLagrangianBound.scale)) }
        } else {
          items.append((p, r))
        }
      }
      items.sort { ($0.profit, -$0.row) > ($1.profit, -$1.row) }
      let k = items.count
      // best[i][j]: the largest sum of j positive profits among items[i...] (sorted, so the first j).
      var chosen: [Int] = []
      var overflow = false
      func topPositive(from i: Int, count j: Int) -> Int64 {
        var sum: Int64 = 0
        var t = i
        while t < k && t < i + j && items[t].profit > 0 { sum += items[t].profit; t += 1 }
        return sum
      }
      func emit(_ sum: Int64) {
        let size = chosen.count
        if size == 1 && need > 1 { return }
        if size >= 2 && size < need { return }
        var profit = sum, score: Int64 = 0
        var hasA = false, hasB = false
        for i in chosen {
          let r = items[i].row
          score += instance.s[c * n + r]
          if instance.kind[r] == 1 { hasA = true } else if instance.kind[r] == 2 { hasB = true }
        }
        var scaledScore = score
        if size >= 2 && !(hasA && hasB) {
          guard let penalty = instance.penalty else { return }
          profit -= penalty
          scaledScore -= penalty
        }
        guard profit >= floor else { return }
        if out.count >= limit { overflow = true; return }
        out.append(PatternProblem.Pattern(column: c, rows: chosen.map { items[$0].row }.sorted(), score: scaledScore / MixLagrangianBound.scale))
      }
      func extend(from start: Int, sum: Int64) {
        guard chosen.count < cap, !overflow else { return }
        var i = start
        while i < k && !overflow {
          let s2 = sum + items[i].profit
          // The best any subset holding chosen + items[i] (and later items only) can reach.
          if s2 + topPositive(from: i + 1, count: cap - chosen.count - 1) < floor { break }
          chosen.append(i)
          emit(s2)
          extend(from: i + 1, sum: s2)
          chosen.removeLast()
          i += 1
        }
      }
      extend(from: 0, sum: 0)
      return overflow ? nil : out
    }
  }

  /// Iterations without a fall of the bound by a whole point after which the search ends.
  public static let patience = 150
  /// Scores and multipliers are in thousandths of a point.
  public static let scale = LagrangianMultipliers.scale
  /// A row without a start in `search(start:)`.
  public static let unknownMultiplier = LagrangianMultipliers.unknown

  /// One column's best rows of each kind (small lists sorted by profit, descending), and the rows
  /// of its best subset; reused from column to column.
  struct ColumnLists {
    var listE: [(Int64, Int)] = [], listA: [(Int64, Int)] = [], listB: [(Int64, Int)] = [], listN: [(Int64, Int)] = []
    var chosen: [Int] = []

    /// Inserts `item` into `list`, keeping the `k` largest in descending order.
    static func push(_ list: inout [(Int64, Int)], _ item: (Int64, Int), _ k: Int) { _ = pushEvicting(&list, item, k) }

    /// `push`, returning the profit of the item left out (the new one or the one it displaced), if any.
    /// Ties keep the earlier item, so rows pushed in increasing order stay ordered by (profit desc, row asc).
    static func pushEvicting(_ list: inout [(Int64, Int)], _ item: (Int64, Int), _ k: Int) -> Int64? {
      var out: Int64? = nil
      if list.count == k {
        if item.0 < list[k - 1].0 || (item.0 == list[k - 1].0 && item.1 > list[k - 1].1) { return item.0 }
        out = list.removeLast().0
      }
      var i = list.count
      list.append(item)
      while i > 0 && (list[i - 1].0 < item.0 || (list[i - 1].0 == item.0 && list[i - 1].1 > item.1)) { list[i] = list[i - 1]; i -= 1 }
      list[i] = item
      return out
    }
  }

  /// The problem in the search's terms.
  struct Instance: Sendable {
    let problem: AssignmentProblem
    let n: Int, m: Int
    /// Per row: 1 group A, 2 group B, 0 neither.
    var kind: [UInt8]
    var exclusive: [Bool]
    /// Per row its list in `ColumnLists`: 0 exclusive, 1 group A, 2 group B, 3 neither.
    var kindIndex: [UInt8] = []
    /// The soft mix rule's weight in thousandths; nil when the mix rule is hard.
    var penalty: Int64? = nil
    /// Per column, the fewest rows it may take when used (hard minimum loads; 0 without one).
    var minimum: [Int]
    /// Scores, column-major, in thousandths; `none` where there is no arc.
    var s: [Int64]
    var arcRow: [Int32]
    var arcsOfColumn: [[Int]]
    static let none = Int64.min
    /// The profit of a subset that cannot hold the row (its slack then prunes the arc); far from overflow.
    static let impossible = -(Int64(1) << 60)

    init(_ problem: AssignmentProblem) {
      self.problem = problem
      n = problem.rowCount
      m = problem.columnCount
      kind = [UInt8](repeating: 0, count: n)
      exclusive = [Bool](repeating: false, count: n)
      minimum = [Int](repeating: 0, count: m)
      for rule in problem.sideRules {  // `supports`: hard exclusive rows and minimum loads, one mix, hard or soft
        switch rule.constraint {
        case .exclusive(let r): exclusive[r] = true
        case .minimumLoad(let c, let k): minimum[c] = max(minimum[c], k)
        case .mix(let a, let b):
          for r in a { kind[r] = 1 }
          for r in b { kind[r] = 2 }
          penalty = rule.softWeight.map { $0 * scale }
        default: break
        }
      }
      kindIndex = [UInt8](repeating: 3, count: n)
      for r in 0..<n { kindIndex[r] = exclusive[r] ? 0 : kind[r] == 0 ? 3 : kind[r] }
      s = [Int64](repeating: Self.none, count: n * m)
      arcRow = [Int32](repeating: 0, count: problem.arcCount)
      arcsOfColumn = [[Int]](repeating: [], count: m)
      for r in 0..<n {
        for a in problem.arcs(ofRow: r) {
          s[Int(problem.arcColumns[a]) * n + r] = problem.arcScores[a] * scale
          arcRow[a] = Int32(r)
          arcsOfColumn[Int(problem.arcColumns[a])].append(a)
        }
      }
    }

    /// The start: x_r = rowDual_r − B (B read off an assigned row), else the row's best score.
    func startingMultipliers(plan: [Int32]?, duals: AssignmentDuals?) -> [Int64] {
      var x = [Int64](repeating: 0, count: n)
      if let plan, let duals, duals.rowDual.count == n, duals.columnDual.count == m,
         let r0 = (0..<n).first(where: { plan[$0] >= 0 }) {
        let c0 = Int(plan[r0])
        if let a = problem.arcIndex(row: r0, column: c0) {
          let big = duals.rowDual[r0] + duals.columnDual[c0] - problem.arcScores[a]
          for r in 0..<n { x[r] = (duals.rowDual[r] - big) * scale }
          return x
        }
      }
      for r in 0..<n { x[r] = (problem.arcs(ofRow: r).map { problem.arcScores[$0] }.max() ?? 0) * scale }
      return x
    }

    /// v_c(x): the value of the best subset column c (capacity > 0) may take at multipliers x, its
    /// own rules kept (its rows in `lists.chosen`); the best rows of each kind are left in `lists`.
    func bestSubset(column c: Int, x: [Int64], lists: inout ColumnLists) -> Int64 {
      let k = problem.columnCapacities[c] + 1
      lists.listE.removeAll(keepingCapacity: true)
      lists.listA.removeAll(keepingCapacity: true); lists.listB.removeAll(keepingCapacity: true); lists.listN.removeAll(keepingCapacity: true)
      let base = c * n
      for r in 0..<n {
        let sc = s[base + r]
        if sc == Self.none { continue }
        let p = sc - x[r]
        switch kindIndex[r] {
        case 0: ColumnLists.push(&lists.listE, (p, r), 1)
        case 1: ColumnLists.push(&lists.listA, (p, r), k)
        case 2: ColumnLists.push(&lists.listB, (p, r), k)
        default: ColumnLists.push(&lists.listN, (p, r), k)
        }
      }
      return value(column: c, lists: &lists)
    }

    /// v_c(x) from `lists` (per kind the best rows, by profit descending then row ascending: `listE` the
    /// best exclusive row, the others the best cap + 1); its rows in `lists.chosen`.
    func value(column c: Int, lists: inout ColumnLists) -> Int64 {
      let cap = problem.columnCapacities[c]
      let need = minimum[c]  // a subset of ≥ 2 rows holds at least `need`; a single row is exclusive or need ≤ 1
      // The single row: the largest positive profit, the lowest row among equals (an exclusive row, or any when need ≤ 1).
      var single: (Int64, Int) = (0, -1)
      for item in need <= 1 ? [lists.listE.first, lists.listA.first, lists.listB.first, lists.listN.first] : [lists.listE.first] {
        guard let item else { continue }
        if item.0 > single.0 || (item.0 == single.0 && item.0 > 0 && item.1 < single.1) { single = item }
      }
      var value = single.0
      lists.chosen.removeAll(keepingCapacity: true)
      if single.1 >= 0 { lists.chosen.append(single.1) }
      if cap >= max(2, need), let a1 = lists.listA.first, let b1 = lists.listB.first {
        var rest: [(Int64, Int)] = Array(lists.listA.dropFirst()) + Array(lists.listB.dropFirst()) + lists.listN
        rest.sort { $0.0 > $1.0 }
        if let (more, rows) = Self.fill(rest, forced: need - 2, most: cap - 2) {
          let mixed = a1.0 + b1.0 + more
          if mixed > value { value = mixed; lists.chosen = [a1.1, b1.1] + rows }
        }
      }
      if let penalty, cap >= max(2, need) {
        // Soft: the best 2…cap rows of any kind (at least `need`), paying the penalty.
        var any = lists.listA + lists.listB + lists.listN
        any.sort { $0.0 > $1.0 }
        if let (sum, rows) = Self.fill(any, forced: max(2, need), most: cap), sum - penalty > value {
          value = sum - penalty
          lists.chosen = rows
        }
      }
      return value
    }

    /// From `sorted` (profits, descending): the first `forced` items whatever their sign, then every
    /// further positive one, `most` in all; their profit and rows, or nil when there are too few.
    static func fill(_ sorted: [(Int64, Int)], forced: Int, most: Int) -> (Int64, [Int])? {
      guard sorted.count >= forced else { return nil }
      var sum: Int64 = 0
      var rows: [Int] = []
      for (k, item) in sorted.prefix(most).enumerated() where k < forced || item.0 > 0 {
        sum += item.0
        rows.append(item.1)
      }
      return (sum, rows)
    }

    /// Per arc (r, c) of column c: v_c minus the best subset of c that holds r; a plan using the
    /// arc scores at most (L(x) − that slack) / scale. `lists` as `bestSubset` left them.
    func arcSlacks(column c: Int, x: [Int64], lists: ColumnLists, value: Int64, into arcSlack: inout [Int64]) {
      let cap = problem.columnCapacities[c]
      let base = c * n
      let (listA, listB, listN) = (lists.listA, lists.listB, lists.listN)
      let v = max(0, value)
      let least = minimum[c]  // the column's minimum load (0: none)
      // The most the other rows of a subset holding r (non-exclusive, of kind k) add to r's profit; nil: no such subset.
      func others(_ r: Int, _ k: UInt8) -> Int64? {
        var extra: Int64? = nil
        func top(_ list: [(Int64, Int)]) -> (Int64, Int)? { list.first { $0.1 != r } }
        var need: [(Int64, Int)] = []
        var ok = true
        switch k {
        case 1: if let b = top(listB) { need = [b] } else { ok = false }
        case 2: if let a = top(listA) { need = [a] } else { ok = false }
        default:
          if cap >= 3, let a = top(listA), let b = top(listB) { need = [a, b] } else { ok = false }
        }
        if ok {
          let taken = Set(need.map(\.1) + [r])
          var rest = (listA + listB + listN).filter { !taken.contains($0.1) }
          rest.sort { $0.0 > $1.0 }
          let fixed = 1 + need.count
          if let (more, _) = Self.fill(rest, forced: least - fixed, most: cap - fixed) { extra = need.reduce(0) { $0 + $1.0 } + more }
        }
        if let penalty {
          // Soft: r with the best cap − 1 other rows of any kind (at least `least` in all), paying the penalty.
          var rest = (listA + listB + listN).filter { $0.1 != r }
          rest.sort { $0.0 > $1.0 }
          if let (more, _) = Self.fill(rest, forced: max(2, least) - 1, most: cap - 1) { extra = max(extra ?? .min, more - penalty) }
        }
        return extra
      }
      // A row in none of the lists is excluded from nothing: what the others add depends on its kind alone.
      let listed = Set((listA + listB + listN).map(\.1))
      var byKind: [Int64??] = [nil, nil, nil]
      for a in arcsOfColumn[c] {
        let r = Int(arcRow[a])
        let p = s[base + r] - x[r]
        var withR = exclusive[r] || least <= 1 ? p : Self.impossible
        if !exclusive[r] && cap >= max(2, least) {
          let k = kind[r]
          let extra: Int64?
          if listed.contains(r) {
            extra = others(r, k)
          } else if let known = byKind[Int(k)] {
            extra = known
          } else {
            extra = others(r, k)
            byKind[Int(k)] = .some(extra)
          }
          if let extra { withR = max(withR, p + extra) }
        }
        arcSlack[a] = v - withR
      }
    }

    /// The proposal: columns by value, each taking its chosen rows still open; the rest go to
    /// their best column with room.
    func proposal(choice: [[Int]], valueOf: [Int64]) -> [Int32] {
      var proposal = [Int32](repeating: -1, count: n)
      var used = [Int](repeating: 0, count: m)
      for c in (0..<m).sorted(by: { (valueOf[$0], -$0) > (valueOf[$1], -$1) }) {
        for r in choice[c] where proposal[r] < 0 && used[c] < problem.columnCapacities[c] { proposal[r] = Int32(c); used[c] += 1 }
      }
      for r in 0..<n where proposal[r] < 0 {
        var bestColumn = -1, bestScore = Int64.min
        for a in problem.arcs(ofRow: r) {
          let c = Int(problem.arcColumns[a])
          if used[c] < problem.columnCapacities[c] && problem.arcScores[a] > bestScore { bestColumn = c; bestScore = problem.arcScores[a] }
        }
        if bestColumn >= 0 { proposal[r] = Int32(bestColumn); used[bestColumn] += 1 }
      }
      return proposal
    }
  }
}

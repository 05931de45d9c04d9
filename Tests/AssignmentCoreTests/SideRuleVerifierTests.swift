// One verifier per office rule (issue 15 point 3, after Timefold's ConstraintVerifier): given a
// plan, the rule is broken exactly this many times. And for every rule, on random small problems
// and every plan: its linear rows (the model GLPKBackend solves) agree with its count — a hard
// rule's rows hold exactly when the plan keeps it; a soft rule's rows hold with its violation
// variables at their counts, which add up to the rule's count.
import AssignmentCore
import DispatchTestSupport
import Testing

/// Rows 0...3, columns 0...2 (capacity 3 each), every arc of score 1.
private func problem(_ rules: [SideRule], capacities: [Int] = [3, 3, 3], loads: [Int]? = nil) throws -> AssignmentProblem {
  let arcs = (0..<4).flatMap { r in (0..<capacities.count).map { c in Arc(row: r, column: c, score: 1, load: loads?[r] ?? 1) } }
  return try AssignmentProblem(rowCount: 4, columnCapacities: capacities, arcs: arcs, sideRules: rules)
}

/// How often `plan` breaks the problem's only rule.
private func broken(_ plan: [Int32], _ rule: SideRule, loads: [Int]? = nil) throws -> Int {
  let p = try problem([rule], loads: loads)
  return rule.descriptor.breach(in: PlanOccupancy(plan, in: p))?.count ?? 0
}

@Suite struct SideRuleVerifierTests {
  @Test func exclusive() throws {
    let rule = SideRule.exclusive(row: 0)
    #expect(try broken([0, 1, 2, -1], rule) == 0)
    #expect(try broken([0, 0, 1, -1], rule) == 1)
    #expect(try broken([0, 0, 0, 0], rule) == 1)
    #expect(try broken([-1, 0, 0, 0], rule) == 0)  // unassigned: nothing to keep exclusive
    #expect(rule.descriptor.kind == .exclusive && rule.descriptor.repair == .ruleKeepingLocalSearch)
  }

  @Test func mix() throws {
    let rule = SideRule.mix(groupA: [0, 1], groupB: [2, 3])
    #expect(try broken([0, 0, 1, 1], rule) == 2)    // columns 0 and 1 each take one kind only
    #expect(try broken([0, 2, 0, 2], rule) == 0)    // each column takes one of each
    #expect(try broken([0, 1, 2, -1], rule) == 0)   // one row per column is never constrained
    #expect(try broken([0, 0, 0, 1], rule) == 0)    // column 0 has both kinds
    #expect(rule.descriptor.maximumViolations(columnCount: 3) == 3)
  }

  @Test func minimumLoad() throws {
    let rule = SideRule.minimumLoad(column: 0, minimum: 2)
    #expect(try broken([0, 1, 1, 1], rule) == 1)
    #expect(try broken([0, 0, 1, 1], rule) == 0)
    #expect(try broken([1, 1, 1, -1], rule) == 0)   // unused: exempt
    // A column holding an exclusive rule's row is exempt (key project's own instructor).
    let withExclusive = try problem([rule, .exclusive(row: 0)])
    #expect(rule.descriptor.breach(in: PlanOccupancy([0, 1, 1, 1], in: withExclusive)) == nil)
    // Loads count, not rows: one organization of 2 days meets a minimum of 2 days.
    #expect(try broken([0, 1, 1, 1], rule, loads: [2, 1, 1, 1]) == 0)
  }

  @Test func usedColumns() throws {
    let rule = SideRule.usedColumns(columns: [0, 1, 2], minimum: 1, maximum: 2)
    #expect(try broken([0, 1, 2, -1], rule) == 1)   // three used, at most two
    #expect(try broken([-1, -1, -1, -1], rule) == 1) // none used, at least one
    #expect(try broken([0, 0, 1, 1], rule) == 0)
    #expect(try broken([0, 1, -1, -1], SideRule.usedColumns(columns: [0, 1, 2], minimum: 3, maximum: 3)) == 1)
  }

  @Test func distinctColumns() throws {
    let rule = SideRule.distinctColumns(rows: [0, 1, 2])
    #expect(try broken([0, 0, 0, 0], rule) == 2)
    #expect(try broken([0, 0, 1, 1], rule) == 1)
    #expect(try broken([0, 1, 2, 0], rule) == 0)
    #expect(try broken([-1, -1, 0, 0], rule) == 0)
  }

  @Test func maximumMoves() throws {
    let rule = SideRule.maximumMoves(rows: [0, 1, 2], columns: [0, 1, 2], limit: 1)
    #expect(try broken([0, 1, 2, 0], rule) == 0)
    #expect(try broken([1, 1, 2, 0], rule) == 0)    // one move, within the limit
    #expect(try broken([1, 0, 2, 0], rule) == 1)
    #expect(try broken([-1, -1, -1, 0], rule) == 2) // unassigned rows move too
    #expect(rule.moves(in: [-1, -1, -1, 0]) == 3)
  }

  @Test func softRulesCountLikeTheirHardRuleAndCostTheirWeight() throws {
    let hard = SideRule.distinctColumns(rows: [0, 1, 2])
    let p = try problem([.soft(hard, weight: 7)])
    let plan: [Int32] = [0, 0, 0, 1]
    #expect(SolutionChecker.violationCounts(of: plan, in: p) == [2])
    #expect(SolutionChecker.penalty(of: plan, in: p) == 14)
    #expect(SolutionChecker.violations(plan, in: p).isEmpty)  // soft: it costs, it is not broken
    #expect(SideRule.soft(hard, weight: 7).kind == .distinctColumns)
    #expect(SideRule.soft(hard, weight: 7).maximumViolations(columnCount: 3) == 2 && hard.maximumViolations(columnCount: 3) == 0)
  }

  @Test func everyKindHasADescriptor() throws {
    let rules: [SideRule] = [.exclusive(row: 0), .mix(groupA: [0], groupB: [1]), .minimumLoad(column: 0, minimum: 2),
                             .usedColumns(columns: [0], minimum: 0, maximum: 1), .distinctColumns(rows: [0, 1]),
                             .maximumMoves(rows: [0], columns: [0], limit: 0)]
    #expect(Set(rules.map(\.kind)) == Set(SideRuleKind.allCases))
    for rule in rules {
      #expect(rule.descriptor.outOfRange(rowCount: 4, columnCount: 3) == nil)
      #expect(rule.descriptor.outOfRange(rowCount: 0, columnCount: 0) != nil)
      #expect(rule.renamed(row: { $0 }, column: { $0 }) == rule)
    }
  }
}

/// The rows of each rule against its count, on every plan of random small problems.
@Suite struct SideRuleModelAgreementTests {
  /// Plans that keep the core constraints the rows rely on: one column per row, capacities, locks.
  func everyPlan(_ problem: AssignmentProblem, _ context: LinearModelContext, _ body: ([Int32]) -> Void) {
    var plan = [Int32](repeating: -1, count: problem.rowCount)
    var load = [Int](repeating: 0, count: problem.columnCount)
    func visit(_ row: Int) {
      if row == problem.rowCount { body(plan); return }
      if problem.lockedColumn[row] < 0 { plan[row] = -1; visit(row + 1) }
      for arc in problem.arcs(ofRow: row) where context.includes(arc: arc) {
        let c = Int(problem.arcColumns[arc]), l = problem.load(ofArc: arc)
        guard load[c] + l <= problem.columnCapacities[c] else { continue }
        plan[row] = Int32(c); load[c] += l
        visit(row + 1)
        load[c] -= l
      }
      plan[row] = -1
    }
    visit(0)
  }

  func value(_ v: LinearVariable, _ plan: PlanOccupancy, _ parts: RuleRows, _ problem: AssignmentProblem) -> Double {
    switch v {
    case .arc(let a):
      let row = (0..<problem.rowCount).first { problem.arcs(ofRow: $0).contains(a) }!
      return plan.columnOfRow[row] == problem.arcColumns[a] ? 1 : 0
    case .used(let c): return plan.load[c] > 0 ? 1 : 0
    case .violation(let k): return parts.violations[k].count(plan)
    }
  }

  func holds(_ parts: RuleRows, _ plan: PlanOccupancy, _ problem: AssignmentProblem) -> Bool {
    parts.rows.allSatisfy { row in
      let sum = row.entries.reduce(0.0) { $0 + $1.coefficient * value($1.variable, plan, parts, problem) }
      return (row.lower.map { sum >= $0 - 1e-9 } ?? true) && (row.upper.map { sum <= $0 + 1e-9 } ?? true)
    }
  }

  @Test func theRowsAgreeWithTheCountOnEveryPlan() throws {
    var shape = RandomProblemShape()
    shape.rows = 1...5
    shape.columns = 1...3
    var checked = 0
    for seed in UInt64(1)...150 {
      var shape = shape
      shape.loads = seed % 3 == 0 ? 0...2 : 1...1
      let base = RandomSideRules.attach(to: RandomProblems.make(seed: seed, shape: shape), seed: seed, count: 1...3)
      // A move budget too (RandomSideRules has none).
      let moves = SideRule.maximumMoves(rows: Array(0..<base.rowCount), columns: (0..<base.rowCount).map { $0 % base.columnCount },
                                        limit: Int(seed % 3))
      let problem = base.keeping(base.sideRules + [moves])
      let context = LinearModelContext(integerModelOf: problem)
      for rule in problem.sideRules {
        let descriptor = rule.descriptor
        guard let hardRows = try? descriptor.linearRows(in: context, soft: false) else { continue }  // empty range: no plan keeps it
        let softRows = try descriptor.linearRows(in: context, soft: true)
        everyPlan(problem, context) { columnOfRow in
          let plan = PlanOccupancy(columnOfRow, in: problem)
          let count = descriptor.breach(in: plan)?.count ?? 0
          #expect(holds(hardRows, plan, problem) == (count == 0), "seed \(seed) \(rule) plan \(columnOfRow)")
          #expect(holds(softRows, plan, problem), "seed \(seed) soft \(rule) plan \(columnOfRow)")
          let total = softRows.violations.reduce(0.0) { $0 + $1.count(plan) }
          #expect(total == Double(count), "seed \(seed) soft \(rule) plan \(columnOfRow): variables \(total), count \(count)")
          checked += 1
        }
      }
    }
    #expect(checked > 1000)
  }
}

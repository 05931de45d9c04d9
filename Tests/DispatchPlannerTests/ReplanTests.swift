// Re-planning, the move budget, the sweep, candidate plans and their inputs.
import AssignmentCore
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import DispatchReports
import DispatchTestSupport
import Foundation
import Testing

@Suite struct ReplanTests {
  /// Scores from instructor wishes only: rank 1 = 30, rank 2 = 20, rank 3 = 10; every other weight 0.
  static func wishScenario(instructors: Int, organizations: Int, wishes: [(Int, Int, Int)]) -> Scenario {
    var settings = ScenarioSettings()
    var w = ScoreWeights()
    w.skillMatch = 0; w.counterpart = 0; w.sameRegion = 0; w.adjacentRegion = 0; w.sameGrid = 0; w.sameStation = 0
    w.organizationWish = 0; w.mutualWishBonus = 0
    settings.weights = w
    return Scenario(
      instructors: (1...instructors).map { Instructor(id: InstructorID("I\($0)"), name: "指导员\($0)", unit: "U1", region: "R1", capacity: 1) },
      organizations: (1...organizations).map { Organization(id: OrganizationID("O\($0)"), name: "组织\($0)", region: "R1", industry: "制造") },
      units: [SendingUnit(id: "U1", name: "单位", functions: [])], regions: [Region(id: "R1", name: "区")],
      wishes: wishes.map { .instructorWants(InstructorID("I\($0.0)"), OrganizationID("O\($0.1)"), rank: $0.2) }, settings: settings)
  }

  static func pairs(_ list: [(Int, Int)]) -> [PreviousPair] {
    list.map { PreviousPair(organization: OrganizationID("O\($0.0)"), role: .instructor, instructor: InstructorID("I\($0.1)")) }
  }

  let replanner = Replanner(solvers: Planner.standardSolvers)

  func assignment(_ setup: ReplanSetup, _ solve: ReplanSolve) -> [String] {
    solve.record.outcome.columnOfRow.map { $0 < 0 ? "-" : setup.model.scenario.instructors[Int($0)].id.rawValue }
  }

  /// s(O1,I2) = 20, s(O2,I1) = 30, others 0; previously O1–I1, O2–I2 (score 0).
  /// Without continuity the swap (50) wins; keeping both earns 2c: c = 30 → 60 > 50 keeps, c = 20 → 40 < 50 swaps.
  @Test func continuityBonusKeepsPairsExactlyWhenItOutweighsTheGain() throws {
    let scenario = Self.wishScenario(instructors: 2, organizations: 2, wishes: [(2, 1, 2), (1, 2, 1)])
    let previous = Self.pairs([(1, 1), (2, 2)])
    let keep = try replanner.prepare(scenario, previous: previous, limits: .none)  // default continuity 30
    #expect(keep.continuity == Replanner.defaultContinuity)
    #expect(keep.keepable == 2 && keep.forcedMoves == 0)
    let kept = try replanner.solve(keep, maxMoves: nil, limits: .none)
    #expect(assignment(keep, kept) == ["I1", "I2"])
    #expect(kept.record.outcome.objective.score == 60)
    let swap = try replanner.prepare(scenario, previous: previous, continuity: 20, limits: .none)
    let swapped = try replanner.solve(swap, maxMoves: nil, limits: .none)
    #expect(assignment(swap, swapped) == ["I2", "I1"])
    #expect(swapped.record.outcome.objective.score == 50)
    let changes = Replanner.changes(swap, previous: previous, columnOfRow: swapped.record.outcome.columnOfRow)
    #expect(changes.map(\.status) == [.moved, .moved])
    #expect(changes[0].reason.contains("better fit by 20"))
  }

  /// A 3-cycle: s(O1,I2) = s(O2,I3) = s(O3,I1) = 30, others 0; previously Ok–Ik. No continuity.
  /// Budget 0 → keep all (0); 1 → still 0 (one move alone is impossible); 2 → a swap (30); 3 / all → rotate (90).
  @Test func moveBudgetIsHardAndExact() throws {
    let scenario = Self.wishScenario(instructors: 3, organizations: 3, wishes: [(2, 1, 1), (3, 2, 1), (1, 3, 1)])
    let setup = try replanner.prepare(scenario, previous: Self.pairs([(1, 1), (2, 2), (3, 3)]), continuity: 0, limits: .none)
    var scores: [Int64] = []
    for budget in [0, 1, 2, 3] {
      let solved = try replanner.solve(setup, maxMoves: budget, limits: .none)
      #expect(solved.moves <= budget)
      #expect(solved.record.outcome.status.isOptimal)
      #expect(solved.record.violations.isEmpty)
      scores.append(solved.record.outcome.objective.score)
    }
    #expect(scores == [0, 0, 30, 90])
    // The budget-2 point falls between Lagrangian breakpoints: it needs the MIP; check it against brute force.
    let rule = SideRule.maximumMoves(rows: setup.keepRows, columns: setup.keepColumns, limit: 2)
    let constrained = try AssignmentProblem(
      rowCount: 3, columnCapacities: setup.model.problem.columnCapacities, arcs: setup.model.problem.allArcs, sideRules: [rule])
    #expect(BruteForce.optimum(constrained)?.score == 30)
  }

  @Test func sweepScoresNeverIncreaseAsTheBudgetShrinks() throws {
    // Random wish scenarios: 6 organizations, 4 instructors, random previous plan.
    for seed in UInt64(1)...12 {
      var rng = SeededGenerator(seed: seed)
      var wishes: [(Int, Int, Int)] = []
      for i in 1...4 { for o in 1...6 where Bool.random(using: &rng) { wishes.append((i, o, Int.random(in: 1...3, using: &rng))) } }
      var scenario = Self.wishScenario(instructors: 4, organizations: 6, wishes: wishes)
      for k in scenario.instructors.indices { scenario.instructors[k].capacity = 2 }
      let previous = Self.pairs((1...6).map { ($0, Int.random(in: 1...4, using: &rng)) }.filter { _ in Int.random(in: 0..<5, using: &rng) > 0 })
      let setup = try replanner.prepare(scenario, previous: previous, continuity: Int.random(in: 0...20, using: &rng), limits: .none)
      let cache = ReplanCache()
      var last: Int64?
      for budget in (0...6).reversed() {
        let solved = try replanner.solve(setup, maxMoves: budget, limits: .none, cache: cache)
        #expect(solved.moves <= setup.forcedMoves + budget, "seed \(seed)")
        let score = solved.record.outcome.objective.score
        if let last { #expect(score <= last, "seed \(seed) budget \(budget): \(score) > \(last)") }
        last = score
        // Exact: the MIP with the rule agrees.
        let rule = SideRule.maximumMoves(rows: setup.keepRows, columns: setup.keepColumns, limit: setup.forcedMoves + budget)
        let p = try AssignmentProblem(rowCount: setup.model.problem.rowCount, columnCapacities: setup.model.problem.columnCapacities,
                                      arcs: setup.model.problem.allArcs, coverage: setup.model.problem.coverage, sideRules: [rule])
        #expect(BruteForce.optimum(p) == solved.record.outcome.objective, "seed \(seed) budget \(budget)")
      }
    }
  }

  @Test func candidatesMeetTheBoundDifferBoundedlyAndAreDeterministic() throws {
    var rng = SeededGenerator(seed: 99)
    var wishes: [(Int, Int, Int)] = []
    for i in 1...5 { for o in 1...8 where Int.random(in: 0..<3, using: &rng) > 0 { wishes.append((i, o, Int.random(in: 1...3, using: &rng))) } }
    var scenario = Self.wishScenario(instructors: 5, organizations: 8, wishes: wishes)
    for k in scenario.instructors.indices { scenario.instructors[k].capacity = 2 }
    let problem = try ProblemBuilder().build(scenario).problem
    for limit in [1, 2, 3] {
      let search = CandidateSearch(solvers: Planner.standardSolvers, maximumChanges: limit)
      let first = try search.candidates(problem, count: 3, within: 0.2, limits: .none).candidates
      let again = try search.candidates(problem, count: 3, within: 0.2, limits: .none).candidates
      #expect(first.map(\.record.outcome.columnOfRow) == again.map(\.record.outcome.columnOfRow))
      let optimum = first[0].record.outcome.objective
      #expect(optimum == BruteForce.optimum(problem))
      let minimum = CandidateSearch.minimumScore(optimum: optimum.score, within: 0.2)
      let base = first[0].record.outcome.columnOfRow
      var changed = Set<Int>()
      for c in first {
        #expect(c.record.outcome.objective.score >= minimum)
        #expect(c.record.outcome.objective.covered == optimum.covered)
        #expect(c.record.violations.isEmpty)
        let rows = (0..<problem.rowCount).filter { c.record.outcome.columnOfRow[$0] != base[$0] }
        #expect(rows == c.changedRows, "changedRows are exactly the differing slots")
        #expect(rows.count <= limit)
        #expect(c.number == 1 || !rows.isEmpty)
        #expect(changed.isDisjoint(with: rows), "two candidates change the same slot")
        changed.formUnion(rows)
      }
      #expect(Set(first.map(\.record.outcome.columnOfRow)).count == first.count, "candidates are not pairwise different")
      #expect(first.count == 3, "limit \(limit): \(first.count) candidates")
    }
  }

  /// When no further candidate exists, the result says so instead of repeating a plan.
  @Test func aShortfallIsSaidNotFilledWithCopies() throws {
    // One organization, one eligible instructor: nothing else can be a plan.
    let scenario = Self.wishScenario(instructors: 1, organizations: 1, wishes: [(1, 1, 1)])
    let problem = try ProblemBuilder().build(scenario).problem
    let set = try CandidateSearch(solvers: Planner.standardSolvers).candidates(problem, count: 3, within: 0.5, limits: .none)
    #expect(set.candidates.count == 1)
    #expect(set.shortfall != nil)
  }

  // MARK: - Inputs and folders

  func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("replan-\(UUID().uuidString)", isDirectory: true)
  }

  func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(("\u{FEFF}" + text).utf8).write(to: url)
  }

  @Test func badPreviousPlanGivesLocatedErrors() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try write("组织编号,组织名称,职务,指导员编号\r\nO1,甲,指导员,I1\r\nO1,甲,指导员,I2\r\nO2,乙,书记员,I1\r\n", to: folder.appendingPathComponent("plan.csv"))
    do {
      _ = try Planner.loadPrevious(folder: folder.appendingPathComponent("plan.csv"))
      Issue.record("expected errors")
    } catch {
      let text = error.issues.map(\.description)
      #expect(text.count == 2)
      #expect(text[0].contains("plan.csv:3:组织编号") && text[0].contains("first on line 2"))
      #expect(text[1].contains("plan.csv:4:职务"))
    }
    try write("组织编号,组织名称\r\nO1,甲\r\n", to: folder.appendingPathComponent("plan.csv"))
    #expect(throws: InputErrors.self) { try Planner.loadPrevious(folder: folder.appendingPathComponent("plan.csv")) }
  }

  @Test func badChangeSetGivesLocatedErrors() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("changes.csv")
    try write("""
      action,kind,id,field,value\r
      close,organization,O1,,\r
      update,organization,O1,size,medium\r
      leave,instructor,I9,,\r
      update,organization,O2,size,huge\r
      explode,organization,O2,,\r
      open,organization,O3,name,新组织\r
      """, to: file)
    let reader = ChangeTableReader(organizations: ["O1", "O2"], instructors: ["I1"])
    do {
      _ = try reader.read(file)
      Issue.record("expected errors")
    } catch {
      let text = error.issues.map(\.description)
      #expect(text.contains { $0.contains("changes.csv:3") && $0.contains("contradictory") && $0.contains("line 2") })
      #expect(text.contains { $0.contains("changes.csv:4") && $0.contains("unknown instructor") })
      #expect(text.contains { $0.contains("changes.csv:5") && $0.contains("huge") })
      #expect(text.contains { $0.contains("changes.csv:6") && $0.contains("unknown change") })
      #expect(text.contains { $0.contains("changes.csv:7") && $0.contains("region") })  // opened without region/industry
    }
  }

  @Test func replanWritesItsFolderAndLeavesThePreviousOneUntouched() throws {
    let base = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let scenarioFolder = base.appendingPathComponent("tiny")
    try ScenarioWriter().write(ScenarioFixtures.tiny(), to: scenarioFolder)
    let loaded = try Planner.load(folder: scenarioFolder)
    let first = try Planner().plan(loaded.scenario, name: loaded.name, inputSHA256: loaded.inputSHA256)
    let previous = base.appendingPathComponent("plan-1")
    try PlanWriter.write(first, to: previous)
    func snapshot() throws -> [String: Data] {
      var out: [String: Data] = [:]
      for name in try FileManager.default.contentsOfDirectory(atPath: previous.path).sorted() {
        out[name] = try Data(contentsOf: previous.appendingPathComponent(name))
      }
      return out
    }
    let before = try snapshot()
    // A change set: O3 closes, I2 leaves.
    let changes = base.appendingPathComponent("changes.csv")
    try write("action,kind,id,field,value\r\nclose,organization,O3,,\r\nleave,instructor,I2,,\r\n", to: changes)
    let replan = try Planner().replan(loaded, previousFolder: previous, changesFile: changes, maxMoves: 0, sweep: [0, nil])
    let out = base.appendingPathComponent("plan-2")
    try Planner.writeReplan(replan, to: out)
    #expect(try snapshot() == before)
    for name in ["plan.csv", "summary.json", "report.md", "changes.csv", "sweep.csv"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
    }
    // O3 is dropped (closed); every previous pair names an organization and instructor the report accounts for.
    #expect(replan.changes.contains { $0.organization == "O3" && $0.status == .dropped })
    let previousPairs = try Planner.loadPrevious(folder: previous)
    for pair in previousPairs { #expect(replan.changes.contains { $0.organization == pair.organization && $0.previous == pair.instructor }) }
    #expect(replan.report.contains("Re-planning"))
    let comparison = try Planner.compare(previous, out, scenario: scenarioFolder)
    #expect(comparison.contains("plan-1") && comparison.contains("plan-2"))
    #expect(!comparison.contains("different from the first | — | — |"))
  }

  /// A budget with no plan is a point that says so, never an empty assignment's figures (it was shown
  /// as score 0 with every slot moved). Two instructors hold O1 and O2; key project O3 opens and its
  /// instructor may cover nothing else, so besides O3's own slot one more pair must move: budget 0 has
  /// no plan (proven), "all" has one.
  @Test func sweepBudgetWithoutAPlanSaysSo() throws {
    let base = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    var scenario = Self.wishScenario(instructors: 2, organizations: 2, wishes: [(1, 1, 1), (2, 2, 1)])
    scenario.instructors = scenario.instructors.map { var i = $0; i.capacity = 2; return i }
    scenario.settings.rules.keyProjectExclusive = true
    scenario.settings.requireFullCoverage = true
    let folder = base.appendingPathComponent("key")
    try ScenarioWriter().write(scenario, to: folder)
    let loaded = try Planner.load(folder: folder)
    let first = try Planner().plan(loaded.scenario, name: loaded.name, inputSHA256: loaded.inputSHA256)
    let previous = base.appendingPathComponent("plan-1")
    try PlanWriter.write(first, to: previous)
    let changes = base.appendingPathComponent("changes.csv")
    try write("action,kind,id,field,value\r\nopen,organization,O3,name,重点项目\r\nopen,organization,O3,region,R1\r\n"
              + "open,organization,O3,industry,制造\r\nopen,organization,O3,key_project,yes\r\n", to: changes)
    let replan = try Planner().replan(loaded, previousFolder: previous, changesFile: changes, sweep: [0, nil])
    let noPlan = try #require(replan.sweep.first)
    #expect(noPlan.maxMoves == 0 && !noPlan.hasPlan && noPlan.optimal && noPlan.score == nil && noPlan.moves == nil)
    let all = try #require(replan.sweep.last)
    #expect(all.maxMoves == nil && all.hasPlan && all.optimal && all.score == replan.figures.score)
    #expect(!replan.sweepTable.rows.contains { $0.count > 2 && $0[1] == "0" && $0[2] == "0" })
    #expect(ReplanReport.sweepTable(replan.sweep).contains { $0.hasPrefix("| 0 | — | — |") })
  }

  /// The points given up for continuity come without a second full solve: exact (the native cold
  /// optimum) on a pure scenario; with rules, an upper bound on the cold optimum, which a full solve confirms.
  @Test func scoreIgnoringContinuityIsExactWhenPureAndABoundWithRules() throws {
    for rules in [false, true] {
      let base = temporaryFolder()
      defer { try? FileManager.default.removeItem(at: base) }
      var settings = ScenarioSettings()
      if rules { settings.rules.mix = true; settings.rules.keyProjectExclusive = true }
      let folder = base.appendingPathComponent("tiny")
      try ScenarioWriter().write(ScenarioFixtures.tiny(settings: settings), to: folder)
      let loaded = try Planner.load(folder: folder)
      let first = try Planner().plan(loaded.scenario, name: loaded.name, inputSHA256: loaded.inputSHA256)
      let previous = base.appendingPathComponent("plan-1")
      try PlanWriter.write(first, to: previous)
      let changes = base.appendingPathComponent("changes.csv")
      try write("action,kind,id,field,value\r\nleave,instructor,I2,,\r\n", to: changes)
      let replan = try Planner().replan(loaded, previousFolder: previous, changesFile: changes)
      let cold = try #require(replan.figures.cold, "rules \(rules)")
      let optimum = try Planner().plan(replan.scenario, name: "cold", inputSHA256: "")
      #expect(optimum.record.outcome.status.isOptimal)
      #expect(cold.bound >= optimum.summary.objective, "rules \(rules): bound \(cold.bound), optimum \(optimum.summary.objective)")
      #expect(optimum.summary.objective >= replan.figures.scoreWithoutContinuity)
      if !rules { #expect(cold.exact && cold.bound == optimum.summary.objective) }
      #expect((replan.figures.givenUpForContinuity ?? -1) >= 0)
    }
  }
}

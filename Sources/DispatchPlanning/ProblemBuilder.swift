import AssignmentCore
import DispatchModel
import DispatchScoring

//===----------------------------------------------------------------------===//
// Scenario + scores → AssignmentProblem.
//
// Rows are the organizations' role slots in (organization id, role) order;
// columns are the instructors in id order, so the solver's tie rule (lowest
// column, then lowest row) becomes "the instructor with the smallest id wins a
// tie" — the stated, reproducible tie rule of every plan.
//
// An arc exists when the scorer calls the pair eligible (reach, roles,
// `--scores-only`) and the office did not forbid it. A lock is hard and
// overrides eligibility (the office has the final say), but not roles.
//
// Complexity: O(m · n) pair scores for m slots and n instructors. The arcs are
// computed by `workers` threads in chunks of organizations and concatenated in
// organization order (`OrderedParallel`), so the problem is identical for any
// worker count; slots, locks and side rules are laid out sequentially first.
// An organization's scores are computed once for all its slots, a row at a time
// (`Scorer.scores(organization:instructors:)`), and the chunks are CSR pieces
// (columns, scores, row ends) that become the problem's arrays directly: no `[Arc]`
// (32 bytes per arc) is made, so memory is 12 bytes per arc plus the concatenation.
//===----------------------------------------------------------------------===//

/// The arcs of a run of consecutive rows in CSR form: row k's arcs end at `rowEnds[k]`.
struct ArcChunk: Sendable {
  var rowEnds: [Int] = []
  var columns: [Int32] = []
  var scores: [Int64] = []
  /// The load of every arc of row k (one per organization: its workload units).
  var rowLoads: [Int] = []
}

/// One row of the model: an organization's role slot.
public struct SlotRef: Sendable, Hashable {
  public var organization: Int  // index into scenario.organizations
  public var role: DispatchRole
}

/// The model of one scenario and the maps back to the domain.
public struct PlanningModel: Sendable {
  public let scenario: Scenario
  public let scorer: Scorer
  public let problem: AssignmentProblem
  /// `slots[row]`: the organization and role of each row.
  public let slots: [SlotRef]

  public init(scenario: Scenario, scorer: Scorer, problem: AssignmentProblem, slots: [SlotRef]) {
    self.scenario = scenario
    self.scorer = scorer
    self.problem = problem
    self.slots = slots
  }
}

/// A scenario the model cannot be built from (the reader catches these with
/// file and line first; this is the planner's own guard).
public enum PlanningError: Error, Equatable, Sendable, CustomStringConvertible {
  case invalidModel(String)
  case lockNotHoldable(organization: OrganizationID, instructor: InstructorID)
  /// The locks contradict a hard rule: no plan exists (`RuleContradiction`).
  case contradictions([RuleContradiction])
  /// Numbers outside their documented domain (`NumberDomain`): a scenario built in code.
  case numbersOutsideDomain([NumberOutsideDomain])
  /// A figure formed from the model's numbers does not fit (a model built in code, bypassing the domains).
  case numberOverflow(NumberOverflow)

  public var description: String {
    switch self {
    case .invalidModel(let detail): "模型无效 invalid model: \(detail)"
    case .lockNotHoldable(let o, let i): "锁定无效 lock \(o.rawValue.echoed)–\(i.rawValue.echoed): the instructor may hold none of the organization's roles"
    case .contradictions(let list): list.map(\.description).joined(separator: "\n")
    case .numbersOutsideDomain(let list):
      "数值超出范围 numbers outside their domain (Documentation/ScenarioFormat.md): "
        + list.prefix(5).map(\.description).joined(separator: "; ") + (list.count > 5 ? " (and \(list.count - 5) more)" : "")
    case .numberOverflow(let overflow): overflow.description
    }
  }
}

public struct ProblemBuilder: Sendable {
  public var scoresOnly: Bool
  /// Threads that compute the arcs (the result does not depend on it).
  public var workers = OrderedParallel.defaultWorkers

  public init(scoresOnly: Bool = false) { self.scoresOnly = scoresOnly }

  public func build(_ scenario: Scenario) throws(PlanningError) -> PlanningModel {
    // The reader refuses these with their place; a scenario built in code meets the same domains
    // here, so no score, load or penalty sum formed later can overflow.
    let outside = NumberDomain.violations(in: scenario)
    guard outside.isEmpty else { throw .numbersOutsideDomain(outside) }
    let scorer = Scorer(scenario: scenario, scoresOnly: scoresOnly)
    let index = ScenarioIndex(scenario)
    var forbidden: [Int: Set<Int>] = [:]  // organization → forbidden instructors
    var lockedInstructors: [Int: [Int]] = [:]  // organization → instructors, for lookup only
    for override in scenario.overrides {
      guard let o = index.organizationIndex[override.organization], let i = index.instructorIndex[override.instructor] else { continue }
      switch override.action {
      case .forbid: forbidden[o, default: []].insert(i)
      case .lock: lockedInstructors[o, default: []].append(i)
      }
    }

    let rules = scenario.settings.rules
    var slots: [SlotRef] = []
    var slotLock: [Int?] = []  // per row: the locked instructor
    var firstRow: [Int] = []   // per organization
    var sideRules: [SideRule] = []
    var locks: [(row: Int, column: Int)] = []
    for (o, organization) in scenario.organizations.enumerated() {
      var pendingLocks = (lockedInstructors[o] ?? []).sorted()
      firstRow.append(slots.count)
      for role in organization.slots {
        let row = slots.count
        slots.append(SlotRef(organization: o, role: role))
        // A lock takes the first slot, in role order, that its instructor may hold.
        let lock = pendingLocks.firstIndex { scenario.instructors[$0].mayHold(role) }.map { pendingLocks.remove(at: $0) }
        slotLock.append(lock)
        if let lock { locks.append((row, lock)) }
        if rules.keyProjectExclusive && organization.keyProject { sideRules.append(Self.rule(.exclusive(row: row), weight: rules.keyProjectExclusiveWeight)) }
      }
      if !rules.allowDualRole && organization.slots.count > 1 {
        sideRules.append(Self.rule(.distinctColumns(rows: Array(slots.count - organization.slots.count..<slots.count)), weight: rules.dualRoleWeight))
      }
      if let stray = pendingLocks.first {
        throw .lockNotHoldable(organization: organization.id, instructor: scenario.instructors[stray].id)
      }
    }
    // The arcs of organizations o0..<o1, in (row, instructor) order, as CSR pieces. The workers
    // read only immutable copies (checked: `arcs` is @Sendable).
    let organizations = scenario.organizations
    let (forbiddenOf, lockOfRow, firstRowOf, settings) = (forbidden, slotLock, firstRow, scenario.settings)
    @Sendable func arcs(of range: Range<Int>) -> ArcChunk {
      var chunk = ArcChunk()
      var rowScores: [Int64] = []
      func add(_ column: Int, _ score: Int64) {
        chunk.columns.append(Int32(column))
        chunk.scores.append(score)
      }
      for o in range {
        let organization = organizations[o]
        let forbiddenHere = forbiddenOf[o] ?? []
        let load = settings.loadUnits(of: organization)
        let reachable = scorer.reachableInstructors(organization: o)
        // The organization's scores with every reachable instructor, once for all its slots.
        rowScores.removeAll(keepingCapacity: true)
        scorer.scores(organization: o, instructors: reachable, into: &rowScores)
        for (k, role) in organization.slots.enumerated() {
          let row = firstRowOf[o] + k
          let lock = lockOfRow[row]
          defer { chunk.rowEnds.append(chunk.columns.count); chunk.rowLoads.append(load) }
          if let lock, !reachable.contains(lock) {
            // Locks override reach, so a locked instructor joins the reachable ones.
            var candidates = reachable
            candidates.append(lock)
            candidates.sort()
            for i in candidates {
              let isLocked = lock == i
              guard isLocked || ((forbiddenHere.isEmpty || !forbiddenHere.contains(i)) && scorer.isEligible(organization: o, instructor: i, role: role)) else { continue }
              add(i, Int64(scorer.score(organization: o, instructor: i)))
            }
            continue
          }
          // `isEligible` without the per-pair role lookup: reachable instructors are within reach.
          let roleMask = Scorer.roleMask(role)
          for (position, i) in reachable.enumerated() {
            let eligible = lock == i || ((forbiddenHere.isEmpty || !forbiddenHere.contains(i))
              && (scorer.scoresOnly ? scorer.isEligible(organization: o, instructor: i, role: role)
                  : scorer.mayHold(instructor: i, roleMask: roleMask) && scorer.reachAllows(organization: o, instructor: i)))
            guard eligible else { continue }
            add(i, rowScores[position])
          }
        }
      }
      return chunk
    }
    // Chunks of organizations (more than workers, for balance), concatenated in order.
    let chunkCount = min(organizations.count, workers > 1 ? 16 * workers : 1)
    let chunks = OrderedParallel.map(count: chunkCount, workers: workers) { k in
      arcs(of: (organizations.count * k / chunkCount)..<(organizations.count * (k + 1) / chunkCount))
    }
    let arcCount = chunks.reduce(0) { $0 + $1.columns.count }
    var rowStart = [0]
    rowStart.reserveCapacity(slots.count + 1)
    var arcColumns: [Int32] = [], arcScores: [Int64] = [], arcLoads: [Int] = []
    if chunks.count == 1 {
      arcColumns = chunks[0].columns
      arcScores = chunks[0].scores
      rowStart += chunks[0].rowEnds
    } else {
      arcColumns.reserveCapacity(arcCount)
      arcScores.reserveCapacity(arcCount)
      for chunk in chunks {
        let offset = arcColumns.count
        rowStart += chunk.rowEnds.map { $0 + offset }
        arcColumns += chunk.columns
        arcScores += chunk.scores
      }
    }
    let rowLoads = chunks.flatMap(\.rowLoads)
    if rowLoads.contains(where: { $0 != 1 }) {
      arcLoads.reserveCapacity(arcCount)
      for (row, load) in rowLoads.enumerated() { arcLoads += repeatElement(load, count: rowStart[row + 1] - rowStart[row]) }
    }
    sideRules += Self.linkingRules(scenario, slots: slots)
    let capacities = scenario.instructors.map(scenario.settings.capacityUnits(of:))
    let problem: AssignmentProblem
    do {
      problem = try AssignmentProblem(
        rowCount: slots.count, columnCapacities: capacities, rowStart: rowStart, arcColumns: arcColumns, arcScores: arcScores,
        arcLoads: arcLoads, locks: locks, coverage: scenario.settings.requireFullCoverage ? .requireAll : .maximize, sideRules: sideRules)
    } catch {
      throw .invalidModel(error.description)
    }
    let model = PlanningModel(scenario: scenario, scorer: scorer, problem: problem, slots: slots)
    // Locks against hard rules: infeasible input, said before any solver runs.
    let contradictions = RuleContradiction.find(in: model)
    guard contradictions.isEmpty else { throw .contradictions(contradictions) }
    return model
  }

  /// `rule` as it is set: hard, or soft with its weight.
  static func rule(_ rule: SideRule, weight: Int?) -> SideRule {
    weight.map { .soft(rule, weight: Int64($0)) } ?? rule
  }

  /// Rules over whole columns or groups of rows: mix, minimum load, unit quotas.
  static func linkingRules(_ scenario: Scenario, slots: [SlotRef]) -> [SideRule] {
    let rules = scenario.settings.rules
    var out: [SideRule] = []
    if rules.mix {
      // An organization whose party status is not given counts as one without its own organization.
      let hasOrganization = slots.indices.filter { scenario.organizations[slots[$0].organization].partyStatus == .organization }
      let lacksOrganization = slots.indices.filter { scenario.organizations[slots[$0].organization].partyStatus != .organization }
      out.append(rule(.mix(groupA: hasOrganization, groupB: lacksOrganization), weight: rules.mixWeight))
    }
    if rules.minimumLoad > 0 {
      let perSlot = scenario.settings.unitsPerOrganization
      for column in scenario.instructors.indices {
        out.append(rule(.minimumLoad(column: column, minimum: rules.minimumLoad * perSlot), weight: rules.minimumLoadWeight))
      }
    }
    if rules.unitMinimumInstructors != nil || rules.unitMaximumInstructors != nil {
      for unit in scenario.units {
        let columns = scenario.instructors.indices.filter { scenario.instructors[$0].unit == unit.id }
        guard !columns.isEmpty else { continue }
        out.append(rule(.usedColumns(
          columns: columns, minimum: min(rules.unitMinimumInstructors ?? 0, columns.count),
          maximum: rules.unitMaximumInstructors ?? columns.count), weight: rules.unitQuotaWeight))
      }
    }
    return out
  }
}

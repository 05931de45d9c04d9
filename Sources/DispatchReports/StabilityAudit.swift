import AssignmentCore
import DispatchModel
import DispatchPlanning

//===----------------------------------------------------------------------===//
// Stability audit of a plan against the two-way selection (双向选择).
//
// A blocking pair is an instructor i and an organization slot s, not paired
// in the plan, who both ranked each other, where
//   - the organization ranks i above the instructor the plan gives s (any
//     ranked instructor beats none or an unranked one), and
//   - the instructor has room: spare capacity for s's load, or one of his organizations
//     that he ranks below s's organization (or did not rank at all) whose dropping frees
//     enough. Capacity and load are counted as the plan counts them (`capacityUnits`,
//     `loadUnits`: places, or days with capacity_in_days),
// and the pair is allowed (it has an arc in the model: reach, roles, forbids).
// The plan stays the weighted optimum; the audit tells the office where
// either side could rightly object.
//
// Complexity: O(s + a·w) for s slots, a arcs and w wishes per organization (a few):
// every arc of the model is looked at. The rows are audited by `workers` threads in
// chunks and the findings concatenated in row order (`OrderedParallel`), so the list
// is the same for any worker count.
//===----------------------------------------------------------------------===//

public struct BlockingPair: Sendable, Hashable {
  public var organization: OrganizationID
  public var role: DispatchRole
  public var instructor: InstructorID
  /// The rank the organization gave the instructor, and the instructor the organization.
  public var organizationRank: Int
  public var instructorRank: Int
  /// What each side has in the plan instead.
  public var organizationHas: InstructorID?
  public var instructorWouldDrop: OrganizationID?
}

public enum StabilityAudit {
  public static func blockingPairs(plan: DispatchPlan, model: PlanningModel, workers: Int = OrderedParallel.defaultWorkers) -> [BlockingPair] {
    let scenario = model.scenario
    let index = ScenarioIndex(scenario)
    var instructorOfSlot = [Int?](repeating: nil, count: model.slots.count)  // row → instructor
    var rowsOfInstructor = [[Int]](repeating: [], count: scenario.instructors.count)
    var rowOfSlot: [SlotKey: Int] = [:]
    for (row, slot) in model.slots.enumerated() { rowOfSlot[SlotKey(organization: slot.organization, role: slot.role)] = row }
    for a in plan.assignments {
      guard let o = index.organizationIndex[a.organization], let i = index.instructorIndex[a.instructor],
            let row = rowOfSlot[SlotKey(organization: o, role: a.role)] else { continue }
      instructorOfSlot[row] = i
      rowsOfInstructor[i].append(row)
    }
    // Read-only from here on: the chunks below only read them.
    let (instructorOf, rowsOf) = (instructorOfSlot, rowsOfInstructor)
    let settings = scenario.settings
    let loadOfRow = model.slots.map { settings.loadUnits(of: scenario.organizations[$0.organization]) }
    let capacity = scenario.instructors.map(settings.capacityUnits(of:))
    let used = rowsOf.map { $0.reduce(0) { $0 + loadOfRow[$1] } }
    @Sendable func audit(_ rows: Range<Int>) -> [BlockingPair] {
      var found: [BlockingPair] = []
      for row in rows {
        let slot = model.slots[row]
        let o = slot.organization
        for arc in model.problem.arcs(ofRow: row) {
          let i = Int(model.problem.arcColumns[arc])
          guard instructorOf[row] != i else { continue }
          let ranks = model.scorer.wishRanks(organization: o, instructor: i)
          guard let byOrganization = ranks.byOrganization, let byInstructor = ranks.byInstructor else { continue }
          // The organization prefers i to what it has.
          let current = instructorOf[row]
          if let current, let currentRank = model.scorer.wishRanks(organization: o, instructor: current).byOrganization,
             currentRank <= byOrganization { continue }
          // The instructor has room, or would drop a worse organization.
          var drop: Int?? = nil
          if used[i] + loadOfRow[row] <= capacity[i] {
            drop = .some(nil)
          } else {
            let worst = rowsOf[i].max { a, b in
              rank(model, model.slots[a].organization, i) < rank(model, model.slots[b].organization, i)
            }
            if let worst, rank(model, model.slots[worst].organization, i) > byInstructor,
               used[i] - loadOfRow[worst] + loadOfRow[row] <= capacity[i] { drop = .some(worst) }
          }
          guard let dropped = drop else { continue }
          found.append(BlockingPair(
            organization: scenario.organizations[o].id, role: slot.role, instructor: scenario.instructors[i].id,
            organizationRank: byOrganization, instructorRank: byInstructor,
            organizationHas: current.map { scenario.instructors[$0].id },
            instructorWouldDrop: dropped.map { scenario.organizations[model.slots[$0].organization].id }))
        }
      }
      return found
    }
    let rows = model.slots.count
    let chunks = min(rows, workers > 1 ? 16 * workers : 1)
    return OrderedParallel.map(count: chunks, workers: workers) { k in audit((rows * k / chunks)..<(rows * (k + 1) / chunks)) }
      .flatMap { $0 }
  }

  /// The instructor's rank of an organization; unranked counts as worst.
  private static func rank(_ model: PlanningModel, _ organization: Int, _ instructor: Int) -> Int {
    model.scorer.wishRanks(organization: organization, instructor: instructor).byInstructor ?? Int.max
  }
}

private struct SlotKey: Hashable {
  var organization: Int
  var role: DispatchRole
}

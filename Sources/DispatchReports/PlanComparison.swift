import DispatchModel
import DispatchPlanning
import Foundation

/// The numbers that tell candidate plans apart (`plan --candidates`, `compare A B`).
public struct PlanMetrics: Sendable, Equatable {
  public var name: String
  public var score: Int
  /// (optimum − score) / |optimum|, when the optimum is known.
  public var gap: Double?
  public var covered: Int
  public var slots: Int
  public var mutualWishes: Int
  public var blockingPairs: Int
  /// Remote-township slots covered / all remote slots; nil when the regions are not known.
  public var remoteCovered: Int?
  public var remoteSlots: Int?
  public var instructorsUsed: Int
  public var loadMin: Int
  public var loadMax: Int
  public var loadStandardDeviation: Double
  /// Slots with an instructor other than in the first plan compared (nil for the first).
  public var differentFromFirst: Int?

  public init(name: String, score: Int, gap: Double?, covered: Int, slots: Int, mutualWishes: Int, blockingPairs: Int,
              remoteCovered: Int?, remoteSlots: Int?, loads: [Int], differentFromFirst: Int?) {
    self.name = name
    self.score = score
    self.gap = gap
    self.covered = covered
    self.slots = slots
    self.mutualWishes = mutualWishes
    self.blockingPairs = blockingPairs
    self.remoteCovered = remoteCovered
    self.remoteSlots = remoteSlots
    self.differentFromFirst = differentFromFirst
    instructorsUsed = loads.filter { $0 > 0 }.count
    let used = loads.filter { $0 > 0 }
    loadMin = used.min() ?? 0
    loadMax = used.max() ?? 0
    let mean = used.isEmpty ? 0 : Double(used.reduce(0, +)) / Double(used.count)
    loadStandardDeviation = used.isEmpty ? 0 : (used.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / Double(used.count)).squareRoot()
  }
}

public enum PlanComparison {
  /// Slot key → instructor id, for counting differences.
  public static func slotInstructors(_ plan: DispatchPlan) -> [String: String] {
    Dictionary(plan.assignments.map { ($0.organization.rawValue + "/" + $0.role.rawValue, $0.instructor.rawValue) }, uniquingKeysWith: { a, _ in a })
  }

  /// Slots whose instructor differs (assigned in one and not the other counts too).
  public static func differences(_ a: [String: String], _ b: [String: String]) -> Int {
    Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.count
  }

  public static func metrics(name: String, plan: DispatchPlan, model: PlanningModel, optimum: Int?, first: DispatchPlan?) -> PlanMetrics {
    let scenario = model.scenario
    let index = ScenarioIndex(scenario)
    let summaryWishes = plan.assignments.filter { a in
      guard let o = index.organizationIndex[a.organization], let i = index.instructorIndex[a.instructor] else { return false }
      return model.scorer.wishKind(organization: o, instructor: i) == .mutual
    }.count
    var remoteSlots = 0, remoteCovered = 0
    let covered = Set(plan.assignments.map { $0.organization.rawValue + "/" + $0.role.rawValue })
    for slot in model.slots {
      let org = scenario.organizations[slot.organization]
      guard index.regions[org.region]?.remote == true else { continue }
      remoteSlots += 1
      if covered.contains(org.id.rawValue + "/" + slot.role.rawValue) { remoteCovered += 1 }
    }
    var loads = [Int](repeating: 0, count: scenario.instructors.count)
    for a in plan.assignments { if let i = index.instructorIndex[a.instructor] { loads[i] += 1 } }
    let gap = optimum.map { Double($0 - plan.totalScore) / Double(max(1, abs($0))) }
    return PlanMetrics(
      name: name, score: plan.totalScore, gap: gap, covered: plan.assignments.count, slots: model.slots.count,
      mutualWishes: summaryWishes, blockingPairs: StabilityAudit.blockingPairs(plan: plan, model: model).count,
      remoteCovered: remoteCovered, remoteSlots: remoteSlots, loads: loads,
      differentFromFirst: first.map { differences(slotInstructors($0), slotInstructors(plan)) })
  }

  /// A Markdown table, one column per plan.
  public static func markdown(_ plans: [PlanMetrics]) -> String {
    var md = ["| 指标 metric | " + plans.map(\.name).joined(separator: " | ") + " |", "|---|" + plans.map { _ in "---:|" }.joined()]
    func row(_ label: String, _ f: (PlanMetrics) -> String) { md.append("| \(label) | " + plans.map(f).joined(separator: " | ") + " |") }
    row("总分 score") { "\($0.score)" }
    row("与最优差距 gap to optimum") { $0.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "—" }
    row("覆盖 coverage") { "\($0.covered)/\($0.slots)" }
    row("双向选择 mutual wishes honoured") { "\($0.mutualWishes)" }
    row("阻塞对 blocking pairs") { "\($0.blockingPairs)" }
    row("边远乡镇 remote slots covered") { m in m.remoteCovered.map { "\($0)/\(m.remoteSlots ?? 0)" } ?? "—" }
    row("使用指导员 instructors used") { "\($0.instructorsUsed)" }
    row("负荷 load min–max (sd)") { String(format: "%d–%d (%.2f)", $0.loadMin, $0.loadMax, $0.loadStandardDeviation) }
    row("与方案1不同 different from the first") { $0.differentFromFirst.map(String.init) ?? "—" }
    return md.joined(separator: "\n")
  }
}

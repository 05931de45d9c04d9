// An office's adjustment to a scenario, made in the workbench. Edits are kept in
// the workspace database (never written into the office's ledger files) and applied
// on load, in history order: a later edit of the same pair or instructor wins.
import DispatchModel

public struct ScenarioEdit: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// This organization must get this instructor.
    case lock
    /// This organization must not get this instructor.
    case forbid
    /// The instructor's capacity (number of organizations) becomes `capacity`.
    case capacity
    /// The instructor is away this period: taken off the roster.
    case absent

    public var chineseName: String {
      switch self {
      case .lock: "锁定"
      case .forbid: "禁止"
      case .capacity: "改上限"
      case .absent: "缺席"
      }
    }
  }

  public var kind: Kind
  public var organization: OrganizationID?
  public var instructor: InstructorID
  public var capacity: Int?

  public init(kind: Kind, organization: OrganizationID? = nil, instructor: InstructorID, capacity: Int? = nil) {
    self.kind = kind
    self.organization = organization
    self.instructor = instructor
    self.capacity = capacity
  }

  /// One line for the history and the audit trail, e.g. "锁定 lock O13 → I08".
  public var summary: String {
    switch kind {
    case .lock, .forbid: "\(kind.chineseName) \(kind.rawValue) \(organization?.rawValue ?? "?") → \(instructor.rawValue)"
    case .capacity: "\(kind.chineseName) capacity \(instructor.rawValue) = \(capacity ?? 0)"
    case .absent: "\(kind.chineseName) absent \(instructor.rawValue)"
    }
  }

  /// Why this edit cannot apply to `scenario`, in Chinese and English; nil when it can.
  public func problem(in scenario: Scenario) -> String? {
    guard scenario.instructors.contains(where: { $0.id == instructor }) else {
      return "没有这位指导员 no instructor \(instructor.rawValue) in this scenario"
    }
    switch kind {
    case .lock, .forbid:
      guard let organization else { return "请选择组织 choose an organization" }
      guard scenario.organizations.contains(where: { $0.id == organization }) else {
        return "没有这个组织 no organization \(organization.rawValue) in this scenario"
      }
    case .capacity:
      guard let capacity, (0...50).contains(capacity) else { return "上限应为 0–50 the capacity must be a whole number from 0 to 50" }
    case .absent: break
    }
    return nil
  }

  /// `scenario` with `edits` applied in order. Edits naming people no longer on the
  /// ledger are skipped (the ledger is the source of truth).
  public static func apply(_ edits: [ScenarioEdit], to scenario: Scenario) -> Scenario {
    var instructors = scenario.instructors
    var overrides = scenario.overrides
    var absent: Set<InstructorID> = []
    for edit in edits where edit.problem(in: scenario) == nil {
      switch edit.kind {
      case .lock, .forbid:
        let action: OverrideAction = edit.kind == .lock ? .lock : .forbid
        overrides.removeAll { $0.organization == edit.organization && $0.instructor == edit.instructor }
        overrides.append(PairOverride(organization: edit.organization!, instructor: edit.instructor, action: action))
      case .capacity:
        if let i = instructors.firstIndex(where: { $0.id == edit.instructor }) { instructors[i].capacity = edit.capacity! }
      case .absent:
        absent.insert(edit.instructor)
      }
    }
    var organizations = scenario.organizations
    for i in organizations.indices where organizations[i].currentInstructor.map(absent.contains) == true {
      organizations[i].currentInstructor = nil
    }
    return Scenario(
      instructors: instructors.filter { !absent.contains($0.id) }, organizations: organizations, units: scenario.units,
      regions: scenario.regions, wishes: scenario.wishes.filter { !absent.contains($0.instructor) },
      givenScores: scenario.givenScores.filter { !absent.contains($0.instructor) },
      overrides: overrides.filter { !absent.contains($0.instructor) }, settings: scenario.settings)
  }
}

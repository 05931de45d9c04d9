// The one place that says how an instructor's capacity and an organization's load are
// counted (issue 15 point 6): in places (one organization slot each) by default, in days a
// month with `capacity_in_days` (保德). The problem builder, the reader's lock check, the
// stability audit and the minimum-load rule all read it from here.
//
// With capacity_in_days an organization needs its `workload_days`, else the scenario's
// `default_workload_days`; 0 days is a real value (an organization that needs no days is
// charged none). An instructor offers his `days_per_month`, else capacity × default days.

extension ScenarioSettings {
  /// The capacity of `instructor` in the problem's units (places, or days a month).
  public func capacityUnits(of instructor: Instructor) -> Int {
    rules.capacityInDays ? (instructor.daysPerMonth ?? instructor.capacity * defaultWorkloadDays) : instructor.capacity
  }

  /// What one slot of `organization` uses of its instructor's capacity (1 place, or its days).
  public func loadUnits(of organization: Organization) -> Int {
    rules.capacityInDays ? max(0, organization.workloadDays ?? defaultWorkloadDays) : 1
  }

  /// The units of one organization of default size, for rules stated in organizations (minimum load).
  public var unitsPerOrganization: Int { rules.capacityInDays ? defaultWorkloadDays : 1 }
}

import DispatchModel

/// Small, readable scenarios for tests: two regions in one grid, two units.
public enum ScenarioFixtures {
  /// 2 instructors, 3 organizations; every score is worked out by hand in the tests.
  ///
  /// - 张伟 (I1, 市场监管局 → 商贸, capacity 2, skills 党务 经营管理, region R1, station S1)
  /// - 李娜 (I2, 民政局, capacity 1, skills 党务, region R2)
  /// - O1 商贸 in R1 needs 经营管理 财税; O2 制造 in R2; O3 社会组织 行业协会 in R2 needs 党务
  public static func tiny(settings: ScenarioSettings = ScenarioSettings(), wishes: [Wish] = [], overrides: [PairOverride] = []) -> Scenario {
    Scenario(
      instructors: [
        Instructor(id: "I1", name: "张伟", unit: "U1", region: "R1", capacity: 2, skills: ["党务", "经营管理"], station: "S1"),
        Instructor(id: "I2", name: "李娜", unit: "U2", region: "R2", capacity: 1, skills: ["党务"]),
      ],
      organizations: [
        Organization(id: "O1", name: "黄山市徽茶商贸有限公司", region: "R1", industry: "商贸", kind: .enterprise, needs: ["经营管理", "财税"]),
        Organization(id: "O2", name: "屯溪精工制造有限公司", region: "R2", industry: "制造", kind: .enterprise),
        Organization(id: "O3", name: "屯溪区个体劳动者协会", region: "R2", industry: "行业协会", kind: .social, needs: ["党务"]),
      ],
      units: [SendingUnit(id: "U1", name: "市场监管局", functions: ["市场监管"]), SendingUnit(id: "U2", name: "民政局", functions: ["民政"])],
      regions: [
        Region(id: "R1", name: "屯溪区", grid: "G1", station: "S1", neighbours: ["R2"]),
        Region(id: "R2", name: "黄山区", grid: "G1", remote: true, neighbours: ["R1"]),
      ],
      wishes: wishes, overrides: overrides, settings: settings)
  }
}

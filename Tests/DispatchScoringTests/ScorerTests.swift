import DispatchModel
import DispatchScoring
import DispatchTestSupport
import Testing

@Suite struct ScorerTests {
  // Indices: I1 = 0, I2 = 1; O1 = 0, O2 = 1, O3 = 2 (id order).

  @Test func termsAddUpAsWorkedOutByHand() {
    let scorer = Scorer(scenario: ScenarioFixtures.tiny())
    // O1 × I1: skill 经营管理 (10) + counterpart 市场监管→商贸 (15) + same region (20) + station S1 (5)
    #expect(scorer.score(organization: 0, instructor: 0) == 10 + 15 + 20 + 5)
    // O2 × I1: 制造 is served by 市场监管 (15) + neighbour (8) + same grid (6)
    #expect(scorer.score(organization: 1, instructor: 0) == 15 + 8 + 6)
    // O3 × I2: skill 党务 (10) + 民政 serves social organizations (15) + same region (20)
    #expect(scorer.score(organization: 2, instructor: 1) == 10 + 15 + 20)
    // O1 × I2: neighbour (8) + grid (6)
    #expect(scorer.score(organization: 0, instructor: 1) == 8 + 6)
  }

  @Test func breakdownSumsToScore() {
    let scenario = ScenarioFixtures.tiny(wishes: [.instructorWants("I2", "O1", rank: 2), .organizationWants("O1", "I2", rank: 1)])
    let scorer = Scorer(scenario: scenario)
    for o in 0..<3 {
      for i in 0..<2 {
        let terms = scorer.breakdown(organization: o, instructor: i)
        #expect(terms.reduce(0) { $0 + $1.points } == scorer.score(organization: o, instructor: i), "pair \(o),\(i)")
      }
    }
  }

  /// Issue 13: a rank at the edge of Int (the reader refuses it; a scenario built in code may
  /// hold it) scores no wish points instead of trapping in step × (rank − 1).
  @Test func aRankAtTheEdgeOfIntScoresNothingAndDoesNotTrap() {
    let scenario = ScenarioFixtures.tiny(wishes: [.instructorWants("I2", "O1", rank: Int.max)])
    let scorer = Scorer(scenario: scenario)
    #expect(scorer.score(organization: 0, instructor: 1) == 8 + 6)
    #expect(scorer.breakdown(organization: 0, instructor: 1).reduce(0) { $0 + $1.points } == 8 + 6)
  }

  @Test func wishesCountByRankAndMutualBonus() {
    let scenario = ScenarioFixtures.tiny(wishes: [.instructorWants("I2", "O1", rank: 2), .organizationWants("O1", "I2", rank: 1)])
    let scorer = Scorer(scenario: scenario)
    // base 8 + 6, instructor rank 2 → 30 − 10, organization rank 1 → 30, mutual 10
    #expect(scorer.score(organization: 0, instructor: 1) == 8 + 6 + 20 + 30 + 10)
    #expect(scorer.wishKind(organization: 0, instructor: 1) == .mutual)
    #expect(scorer.wishKind(organization: 0, instructor: 0) == .none)
  }

  @Test func lowRanksNeverGoNegative() {
    let scenario = ScenarioFixtures.tiny(wishes: [.instructorWants("I2", "O1", rank: 9)])
    #expect(Scorer(scenario: scenario).score(organization: 0, instructor: 1) == 8 + 6)
  }

  @Test func reachRulesLimitEligibility() {
    var settings = ScenarioSettings()
    settings.reach = .sameRegion
    let scorer = Scorer(scenario: ScenarioFixtures.tiny(settings: settings))
    #expect(scorer.isEligible(organization: 0, instructor: 0))
    #expect(!scorer.isEligible(organization: 0, instructor: 1))
    settings.reach = .adjacentRegion
    #expect(Scorer(scenario: ScenarioFixtures.tiny(settings: settings)).isEligible(organization: 0, instructor: 1))
  }

  @Test func givenScoresReplaceAndScoresOnlyRestricts() {
    var scenario = ScenarioFixtures.tiny()
    scenario.givenScores = [GivenScore(organization: "O2", instructor: "I2", score: 77)]
    let scorer = Scorer(scenario: scenario, scoresOnly: true)
    #expect(scorer.score(organization: 1, instructor: 1) == 77)
    #expect(scorer.isEligible(organization: 1, instructor: 1))
    #expect(!scorer.isEligible(organization: 0, instructor: 0))
    #expect(scorer.breakdown(organization: 1, instructor: 1) == [ScoreTerm(kind: .given, points: 77, note: "office score")])
  }

  @Test func rolesNeedAnInstructorWhoMayHoldThem() {
    var scenario = ScenarioFixtures.tiny()
    scenario.instructors[0].roles = [.firstChairman]
    let scorer = Scorer(scenario: scenario)
    #expect(scorer.isEligible(organization: 0, instructor: 0, role: .firstChairman))
    #expect(!scorer.isEligible(organization: 0, instructor: 1, role: .firstChairman))
    #expect(scorer.isEligible(organization: 0, instructor: 1, role: .instructor))
  }
}

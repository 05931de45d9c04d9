// The sweep's points as the report and the workbench show them: one verdict per outcome, the
// curve over the planned points only, and every budget without a plan named beside it.
@testable import DispatchReports
import Testing

@Suite struct SweepReportTests {
  typealias Point = ReplanReport.SweepPoint

  static let noPlan = Point(label: "0", maxMoves: 0, moves: nil, score: nil, optimal: true, method: "MIP")
  static let timedOut = Point(label: "1", maxMoves: 1, moves: nil, score: nil, optimal: false, method: "time limit")
  static let five = Point(label: "5", maxMoves: 5, moves: 4, score: 100, optimal: false, method: "MIP")
  static let all = Point(label: "all", maxMoves: nil, moves: 9, score: 130, optimal: true, method: "native")

  @Test func eachOutcomeHasItsOwnVerdictInEachLanguage() {
    let points = [Self.all, Self.five, Self.noPlan, Self.timedOut]
    #expect(points.map(\.outcome) == [.optimal, .notProvenOptimal, .noPlanWithinBudget, .noneFoundInTime])
    for language in ReportLanguage.allCases {
      #expect(Set(points.map { $0.verdict(in: language) }).count == 4, "\(language)")
    }
    #expect(Self.noPlan.verdict == Self.noPlan.verdict(in: .chinese) + " " + Self.noPlan.verdict(in: .english))
    #expect(Self.all.budget(in: .chinese) == "不限" && Self.all.budget(in: .english) == "all" && Self.five.budget(in: .english) == "5")
  }

  @Test func theCurveDrawsPlannedPointsAndNamesTheOthers() throws {
    let points = [Self.noPlan, Self.timedOut, Self.five, Self.all]
    #expect(ReplanReport.planned(points).map(\.moves) == [4, 9] && ReplanReport.planned(points).map(\.score) == [100, 130])
    let chart = ReplanReport.chart(points, in: .chinese)
    let svg = try #require(chart.svg)
    #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
    let note = try #require(chart.note)
    #expect(note.contains(Self.noPlan.verdict(in: .chinese)) && note.contains(Self.timedOut.verdict(in: .chinese)))
    // Every point planned: nothing to name.
    #expect(ReplanReport.chart([Self.five, Self.all], in: .english).note == nil)
  }

  /// One dot (every plan moves as many people) is no curve: the table carries the points.
  @Test func plansMovingTheSameNumberDrawNoCurve() {
    var same = Self.all
    same.moves = Self.five.moves
    let chart = ReplanReport.chart([Self.noPlan, Self.five, same], in: .chinese)
    #expect(chart.svg == nil && chart.note == nil)
  }

  @Test func reportHTMLListsEveryBudgetWithItsVerdict() {
    let html = ReportHTML.sweepTable([Self.noPlan, Self.all], .english)
    #expect(html.contains("<tr class=\"no-plan\"><td>0</td>"))
    #expect(html.contains(Self.noPlan.verdict(in: .english)) && html.contains(Self.all.verdict(in: .english)))
  }
}

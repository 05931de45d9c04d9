// SolveControl: what an observer sees is monotone within a step, scoped views map or drop
// values, a stop request is visible everywhere, and the JSON line carries every field.
import AssignmentCore
import Foundation
import Synchronization
import Testing

@Suite struct SolveControlTests {
  final class Seen: Sendable { let events = Mutex<[SolveProgress]>([]) }

  func value(_ score: Int64, covered: Int = 10) -> ObjectiveValue { ObjectiveValue(covered: covered, score: score) }

  @Test func bestRisesAndBoundFallsWithinAStep() {
    let seen = Seen()
    let control = SolveControl { p in seen.events.withLock { $0.append(p) } }
    control.begin(step: nil, timeLimit: 60)
    control.record(best: value(50), bound: value(90))
    control.record(best: value(40), bound: value(95))  // worse on both: no event
    control.record(best: value(60))
    control.record(bound: value(80))
    let last = control.latest
    #expect(last.best == value(60))
    #expect(last.bound == value(80))
    #expect(last.gap == 20.0 / 80.0)
    #expect(seen.events.withLock { $0.count } == 4)  // begin + three improvements
    control.begin(step: "budget 5", timeLimit: 60)
    #expect(control.latest.best == nil && control.latest.bound == nil && control.latest.step == "budget 5")
  }

  @Test func scopedViewsMapOrDropValuesButShareTheStopFlag() {
    let control = SolveControl()
    let floor = value(70)
    let restricted = control.scoped(best: { $0 }, bound: { max($0, floor) })
    restricted.record(best: value(30), bound: value(65))
    #expect(control.latest.best == value(30))
    #expect(control.latest.bound == floor)
    let component = control.phasesOnly
    component.record(best: value(1000), bound: value(1))
    component.enter(.branchAndBound)
    #expect(control.latest.best == value(30) && control.latest.bound == floor)
    #expect(control.latest.phase == .branchAndBound)
    #expect(!component.isCancelled)
    control.cancel()
    #expect(component.isCancelled && restricted.isCancelled && control.latest.cancelled)
    #expect(SolveLimits(control: component).isCancelled)
  }

  @Test func theJSONLineHasEveryField() throws {
    let control = SolveControl()
    control.begin(step: "cold plan", timeLimit: 30)
    control.enter(.bounding)
    control.record(best: value(85881, covered: 1557), bound: value(85942, covered: 1557))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(control.latest.jsonLine.utf8)) as? [String: Any])
    #expect(object["phase"] as? String == "bounding")
    #expect(object["step"] as? String == "cold plan")
    #expect((object["best"] as? [String: Any])?["score"] as? Int == 85881)
    #expect((object["bound"] as? [String: Any])?["covered"] as? Int == 1557)
    #expect(object["time_limit"] as? Double == 30)
    #expect(object["cancelled"] as? Bool == false)
    #expect(abs((object["gap"] as? Double ?? -1) - 61.0 / 85942.0) < 1e-12)
    #expect(!control.latest.jsonLine.contains("\n"))
  }
}

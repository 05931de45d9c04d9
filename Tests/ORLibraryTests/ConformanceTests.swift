import AssignmentCore
import Foundation
import GLPKBackend
import NativeSolver
import ORLibrary
import Testing

/// The published OR-Library optima, reached exactly by each back end.
///
/// Needs the OR-Library files (`$DISPATCH_ORLIB_DIR`, else `/work/shared/benchmarks/orlib`, else
/// the repository's copy `Tests/Fixtures/orlib`); fails, never skips, without them. The larger
/// files run only with `DISPATCH_LONG_TESTS=1` (and fail when they are not found).
enum ORLibraryFixture {
  static let directory = ORLibraryLocation.find(packageRoot: URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path)
  static let long = ProcessInfo.processInfo.environment["DISPATCH_LONG_TESTS"] == "1"

  static let optima: [ORLibraryOptimum] = {
    guard let directory else { return [] }
    return (try? ORLibraryOptima.load(directory.appendingPathComponent("optima.csv"))) ?? []
  }()

  /// Default suite: files whose whole set solves in a few seconds in a debug build.
  /// Debug build, 2 cores: parsing and solving these takes a few seconds; assign500–800 and
  /// the larger sparse files take ~35 s more (parsing dominates in debug), so they are long.
  static let defaultAssignFiles = ["assign100", "assign200", "assign300", "assign400", "assignp800"]
  static let longAssignFiles = ["assign500", "assign600", "assign700", "assign800", "assignp1500", "assignp3000", "assignp5000"]
  /// GLPK proves these optimal in under a second each (gap1–4: ~6 s for all 40 solves).
  static let defaultGAPFiles = (1...4).map { "gap\($0)" }
  /// gap5–6 take up to ~2–4 s per problem; on gap7–12 GLPK often does not prove optimality in 30 s.
  /// `DISPATCH_GAP_FILES=gap7,gapa` narrows them (to run one file at a time).
  static let longGAPFiles: [String] = {
    let all = (5...12).map { "gap\($0)" } + ["gapa", "gapb", "gapc", "gapd"]
    guard let only = ProcessInfo.processInfo.environment["DISPATCH_GAP_FILES"] else { return all }
    let wanted = Set(only.split(separator: ",").map(String.init))
    return all.filter(wanted.contains)
  }()

  static func instances(_ stem: String, sense: OptimizationSense) throws -> [ORLibraryInstance] {
    let folder = stem.hasPrefix("gap") ? "gap" : "assign"
    let directory = try #require(directory, "OR-Library files not found")
    return try ORLibraryParser.load(directory.appendingPathComponent("\(folder)/\(stem).txt"), sense: sense)
  }

  static func optima(of stem: String) -> [ORLibraryOptimum] {
    optima.filter { $0.file.hasSuffix("/\(stem).txt") }
  }
}

@Suite struct ORLibraryConformanceTests {
  @Test func theFilesAndTheirOptimaAreFound() throws {
    _ = try #require(ORLibraryFixture.directory, "OR-Library files not found: set \(ORLibraryLocation.environmentVariable)")
    #expect(ORLibraryFixture.optima.count > 0)
  }

  @Test func everyFileParsesToThePublishedSizes() throws {
    let stems = Set(ORLibraryFixture.optima.map { String($0.file.split(separator: "/").last!.prefix { $0 != "." }) })
    #expect(stems.count == 28)
    for stem in stems.sorted() where ORLibraryFixture.long || !ORLibraryFixture.longAssignFiles.contains(stem) {
      let instances = try ORLibraryFixture.instances(stem, sense: .minimize)
      for optimum in ORLibraryFixture.optima(of: stem) where optimum.sense == .minimize {
        let instance = try #require(instances.first { $0.name == optimum.instanceName }, "\(optimum.instanceName)")
        // optima.csv gives OR-Library's sizes: agents × jobs for GAP, n × n for assign.
        #expect(instance.problem.rowCount == optimum.columns, "\(instance.name)")
        #expect(instance.problem.columnCount == optimum.rows, "\(instance.name)")
        #expect(instance.problem.coverage == .requireAll)
      }
    }
  }

  @Test(arguments: ORLibraryFixture.defaultAssignFiles + (ORLibraryFixture.long ? ORLibraryFixture.longAssignFiles : []))
  func nativeSolverHitsThePublishedAssignmentOptimum(_ stem: String) throws {
    let instance = try #require(try ORLibraryFixture.instances(stem, sense: .minimize).first)
    let published = try #require(ORLibraryFixture.optima(of: stem).first)
    let outcome = try ShortestAugmentingPathSolver().solve(instance.problem, limits: .none)
    #expect(outcome.status == .optimal)
    #expect(SolutionChecker.violations(outcome.columnOfRow, in: instance.problem, claimed: outcome.objective).isEmpty)
    #expect(instance.publishedValue(of: outcome.objective) == published.optimum, "\(stem)")
  }

  @Test(arguments: ORLibraryFixture.defaultGAPFiles)
  func glpkHitsThePublishedGAPOptima(_ stem: String) throws {
    for sense in OptimizationSense.allCases {
      let instances = try ORLibraryFixture.instances(stem, sense: sense)
      for optimum in ORLibraryFixture.optima(of: stem) where optimum.sense == sense {
        let instance = try #require(instances.first { $0.name == optimum.instanceName })
        let outcome = try GLPKSolver().solve(instance.problem, limits: SolveLimits(timeLimit: 60))
        #expect(outcome.status == .optimal, "\(instance.name) \(sense)")
        #expect(SolutionChecker.violations(outcome.columnOfRow, in: instance.problem, claimed: outcome.objective).isEmpty)
        #expect(instance.publishedValue(of: outcome.objective) == optimum.optimum, "\(instance.name) \(sense)")
      }
    }
  }

  /// gap5–12 (both senses) and gapa–d (minimisation), 30 s each: the plan is either proven
  /// optimal and equal to the published value, or its value and bound bracket the published optimum.
  @Test(.enabled(if: ORLibraryFixture.long, "set DISPATCH_LONG_TESTS=1"), arguments: ORLibraryFixture.longGAPFiles)
  func glpkOnTheLargerGAPFilesWithATimeLimit(_ stem: String) throws {
    for sense in OptimizationSense.allCases {
      let instances = try ORLibraryFixture.instances(stem, sense: sense)
      for optimum in ORLibraryFixture.optima(of: stem) where optimum.sense == sense {
        let instance = try #require(instances.first { $0.name == optimum.instanceName })
        let outcome: AssignmentOutcome
        let label = "\(stem) \(optimum.instanceName) \(sense)"
        let began = ContinuousClock.now
        let result = Result(catching: { () throws(SolverError) in try GLPKSolver().solve(instance.problem, limits: SolveLimits(timeLimit: 30)) })
        let elapsed = ContinuousClock.now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        switch result {
        case .success(let solved): outcome = solved
        case .failure(.timeLimitWithoutSolution):
          print("GAP \(label): no plan in 30 s (\(String(format: "%.1f", seconds)) s); published \(optimum.optimum)")
          continue  // no plan within the limit: nothing to compare
        case .failure(let error): throw error
        }
        // One line per instance, for Documentation/Benchmarks.md: time, status, plan value, bound, published value.
        let planValue = instance.publishedValue(of: outcome.objective).map(String.init) ?? "?"
        let boundValue = outcome.bound.flatMap { instance.publishedValue(of: $0) }.map(String.init) ?? "—"
        print("GAP \(label): \(outcome.status == .optimal ? "optimal" : "feasible") in \(String(format: "%.1f", seconds)) s, "
          + "plan \(planValue), bound \(boundValue), published \(optimum.optimum)\(optimum.isOptimum ? "" : " (not proven)")")
        #expect(SolutionChecker.violations(outcome.columnOfRow, in: instance.problem, claimed: outcome.objective).isEmpty)
        let value = try #require(instance.publishedValue(of: outcome.objective))
        // `better(a, b)`: a is at least as good as b in the published sense.
        func better(_ a: Int64, _ b: Int64) -> Bool { sense == .minimize ? a <= b : a >= b }
        if outcome.status == .optimal {
          if optimum.isOptimum { #expect(value == optimum.optimum, "\(label): \(value)") }
          else { #expect(better(value, optimum.optimum) || value - optimum.optimum <= 6, "\(label): \(value)") }
        } else {
          #expect(optimum.isOptimum ? better(optimum.optimum, value) : true, "\(label): plan \(value) beats the optimum")
          let bound = try #require(outcome.bound)
          let limit = try #require(instance.publishedValue(of: ObjectiveValue(covered: bound.covered, score: bound.score)))
          #expect(better(limit, optimum.optimum), "\(label): bound \(limit) excludes \(optimum.optimum)")
        }
      }
    }
  }
}

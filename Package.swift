// swift-tools-version:6.0
// DispatchPlanner: exact dispatch plans for party-building instructors.
//
// Layering (a target imports only targets below it; every import is declared here, and
// `scripts/check-imports`, run by scripts/test, fails when a source imports an undeclared module):
//
//   dispatch (CLI)         → DispatchPlanner (facade); DispatchIO, DispatchPlanning, DispatchReports,
//                            DispatchModel for the types the commands print
//   dispatch-bench         → DispatchPlanner, DispatchPlanning, DispatchIO, the solver targets, ORLibrary
//   DispatchPlanner        → DispatchIO, DispatchReports, DispatchGenerator, DispatchPlanning,
//                            HybridSolver, RuleHeuristics, NativeSolver, GLPKBackend
//   DispatchReports        → DispatchPlanning, DispatchScoring, DispatchModel, AssignmentCore
//   DispatchGenerator      → DispatchIO, DispatchScoring, DispatchModel, CheckedNumbers
//   DispatchIO             → DispatchModel
//   DispatchPlanning       → DispatchScoring, DispatchModel, AssignmentCore
//   DispatchScoring        → DispatchModel
//   HybridSolver           → RuleHeuristics, AssignmentCore (the pure and MIP solvers are injected)
//   RuleHeuristics         → NativeSolver, AssignmentCore (local search, Lagrangian bound, repairs:
//                            feasible plans and bounds, never the exact answer)
//   NativeSolver           → AssignmentCore (exact shortest augmenting paths only)
//   GLPKBackend            → CGLPKGuard, CGLPK, AssignmentCore (the only module that calls GLPK)
//   XLSXWriter             → CXLSXWriter (the only module that calls libxlsxwriter)
//   ORLibrary              → AssignmentCore
//   AssignmentCore, DispatchModel → CheckedNumbers (checked sums and conversions; no dependencies).
//
// Build settings: `DISPATCH_INTERNAL_CHECKS` (on in debug builds) turns on the solvers'
// invariant checks after every augmentation; tests run in debug, so they always run them.
import PackageDescription
import Foundation

let internalChecks: [SwiftSetting] = [.define("DISPATCH_INTERNAL_CHECKS", .when(configuration: .debug))]

let package = Package(
  name: "DispatchPlanner",
  products: [
    .executable(name: "dispatch", targets: ["dispatch"]),
    .executable(name: "dispatch-bench", targets: ["dispatch-bench"]),
    .library(name: "DispatchPlanner", targets: ["DispatchPlanner"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Reading .xlsx ledgers (a zip of XML parts); the XML is read with Foundation's XMLParser.
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
  ],
  targets: [
    // MARK: - Domain (pure: no I/O, no C)
    .target(name: "DispatchModel", dependencies: ["CheckedNumbers"]),
    .target(name: "DispatchScoring", dependencies: ["DispatchModel"]),

    // MARK: - Assignment problem and solver back ends
    // Checked sums and Double → integer conversions (typed errors, never a trap): one home for all targets.
    .target(name: "CheckedNumbers"),
    .target(name: "AssignmentCore", dependencies: ["CheckedNumbers"], swiftSettings: internalChecks),
    .target(name: "NativeSolver", dependencies: ["AssignmentCore"], swiftSettings: internalChecks),
    // Rule heuristics: feasible plans and bounds for side-rule problems (never the exact solve).
    .target(name: "RuleHeuristics", dependencies: ["AssignmentCore", "NativeSolver"], swiftSettings: internalChecks),
    .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
    .target(name: "CGLPKGuard", dependencies: ["CGLPK"]),
    .target(name: "GLPKBackend", dependencies: ["AssignmentCore", "CGLPK", "CGLPKGuard"]),
    // Excel workbooks out: Debian's libxlsxwriter, reachable only through the typed XLSXWriter wrapper.
    .systemLibrary(name: "CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
    .target(name: "XLSXWriter", dependencies: ["CXLSXWriter"]),
    // Readers of public benchmark formats (OR-Library assignment and GAP files).
    .target(name: "ORLibrary", dependencies: ["AssignmentCore"]),
    // The warm-started MIP path: a pure solver (native) and a MIP solver (GLPK), injected.
    .target(name: "HybridSolver", dependencies: ["AssignmentCore", "RuleHeuristics"]),

    // MARK: - Planning, formats, reports, facade
    .target(name: "DispatchPlanning", dependencies: ["DispatchModel", "DispatchScoring", "AssignmentCore", "CheckedNumbers"]),
    // renameat2(RENAME_NOREPLACE): publishing a complete plan folder under a free name in one step.
    .target(name: "CFileSystem"),
    .target(name: "DispatchIO", dependencies: [
      "DispatchModel", "CFileSystem", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
    ]),
    .target(name: "DispatchGenerator", dependencies: ["DispatchModel", "DispatchScoring", "DispatchIO", "CheckedNumbers"]),
    .target(name: "DispatchReports", dependencies: ["DispatchModel", "DispatchScoring", "DispatchPlanning", "AssignmentCore", "XLSXWriter"]),
    .target(name: "DispatchPlanner", dependencies: [
      "DispatchModel", "AssignmentCore", "DispatchPlanning", "DispatchIO",
      "DispatchReports", "DispatchGenerator", "NativeSolver", "RuleHeuristics", "GLPKBackend", "HybridSolver", "XLSXWriter",
    ]),

    // MARK: - The office's workbench (`dispatch serve`): state in SQLite, pages over HTTP
    // WorkbenchStore: the workspace database (edits, versions, publications) — no HTTP.
    .target(name: "WorkbenchStore", dependencies: [
      "DispatchModel", .product(name: "GRDB", package: "GRDB.swift"),
    ]),
    // DispatchWorkbench: the HTTP application (routes, pages, solve queue) over WorkbenchStore.
    .target(name: "DispatchWorkbench", dependencies: [
      "DispatchPlanner", "WorkbenchStore", "DispatchModel", "DispatchIO", "DispatchPlanning", "DispatchReports", "DispatchGenerator",
      "AssignmentCore",
      .product(name: "Hummingbird", package: "hummingbird"),
      .product(name: "Mustache", package: "swift-mustache"),
      .product(name: "MultipartKit", package: "multipart-kit"),
    ]),

    // MARK: - Executables
    .executableTarget(name: "dispatch", dependencies: [
      "DispatchPlanner", "DispatchWorkbench", "AssignmentCore", "DispatchIO", "DispatchModel", "DispatchPlanning", "DispatchReports",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]),
    .executableTarget(name: "dispatch-bench", dependencies: ["DispatchPlanner", "DispatchPlanning", "DispatchModel", "DispatchIO", "NativeSolver", "GLPKBackend", "HybridSolver", "AssignmentCore", "ORLibrary"]),

    // MARK: - Tests
    .target(name: "DispatchTestSupport",
            dependencies: ["AssignmentCore", "DispatchModel", "DispatchGenerator"],
            path: "Tests/DispatchTestSupport"),
    .testTarget(name: "AssignmentCoreTests", dependencies: ["AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "NativeSolverTests", dependencies: ["NativeSolver", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "GLPKBackendTests", dependencies: ["GLPKBackend", "CGLPK", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "HybridSolverTests", dependencies: ["HybridSolver", "NativeSolver", "GLPKBackend", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "SolverConformanceTests", dependencies: ["NativeSolver", "RuleHeuristics", "GLPKBackend", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "ORLibraryTests", dependencies: ["ORLibrary", "NativeSolver", "GLPKBackend", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "DispatchScoringTests", dependencies: ["DispatchScoring", "DispatchModel", "DispatchTestSupport"]),
    .testTarget(name: "DispatchIOTests", dependencies: ["DispatchIO", "DispatchModel", "DispatchTestSupport"],
                resources: [.copy("Fixtures")]),
    .testTarget(name: "DispatchGeneratorTests", dependencies: ["DispatchGenerator", "DispatchIO", "DispatchModel", "CheckedNumbers"]),
    .testTarget(name: "DispatchPlanningTests", dependencies: ["DispatchPlanning", "DispatchModel", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "DispatchReportsTests", dependencies: ["DispatchReports", "DispatchPlanning", "DispatchModel", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "DispatchPlannerTests", dependencies: [
      "DispatchPlanner", "DispatchIO", "DispatchModel", "DispatchPlanning", "DispatchReports", "DispatchScoring", "AssignmentCore", "DispatchTestSupport",
      "NativeSolver", "RuleHeuristics",
    ]),
    // Runs the built `dispatch` executable (`swift build --build-tests` builds it beside the tests).
    .testTarget(name: "DispatchCLITests"),
    .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter"]),
    .testTarget(name: "WorkbenchStoreTests", dependencies: ["WorkbenchStore", "DispatchModel", .product(name: "GRDB", package: "GRDB.swift")]),
  ]
)

// The libFuzzer harness (scripts/fuzz), never part of the normal build: it needs
// `-sanitize=fuzzer` and its own build folder.
if ProcessInfo.processInfo.environment["DISPATCH_FUZZ"] != nil {
  package.targets.append(.executableTarget(
    name: "FuzzReaders", dependencies: ["DispatchIO", "DispatchGenerator", "DispatchModel"], path: "Fuzz/FuzzReaders"))
}

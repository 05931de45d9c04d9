// swift-tools-version:6.0
// DispatchPlanner: exact dispatch plans for party-building instructors.
//
// Layering (a target may import only those to its right):
//   dispatch, dispatch-bench → DispatchPlanner → DispatchIO, DispatchReports, DispatchPlanning,
//   NativeSolver, GLPKBackend → DispatchScoring → DispatchModel; AssignmentCore is the generic
//   problem every solver back end shares. Only GLPKBackend imports GLPK; only XLSXWriter imports libxlsxwriter.
//
// Build settings: `DISPATCH_INTERNAL_CHECKS` (on in debug builds) turns on the solvers'
// invariant checks after every augmentation; tests run in debug, so they always run them.
import PackageDescription

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
  ],
  targets: [
    // MARK: - Domain (pure: no I/O, no C)
    .target(name: "DispatchModel"),
    .target(name: "DispatchScoring", dependencies: ["DispatchModel"]),

    // MARK: - Assignment problem and solver back ends
    .target(name: "AssignmentCore", swiftSettings: internalChecks),
    .target(name: "NativeSolver", dependencies: ["AssignmentCore"], swiftSettings: internalChecks),
    .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
    .target(name: "CGLPKGuard", dependencies: ["CGLPK"]),
    .target(name: "GLPKBackend", dependencies: ["AssignmentCore", "CGLPK", "CGLPKGuard"]),
    // Excel workbooks out: Debian's libxlsxwriter, reachable only through the typed XLSXWriter wrapper.
    .systemLibrary(name: "CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
    .target(name: "XLSXWriter", dependencies: ["CXLSXWriter"]),
    // Readers of public benchmark formats (OR-Library assignment and GAP files).
    .target(name: "ORLibrary", dependencies: ["AssignmentCore"]),
    // The warm-started MIP path: a pure solver (native) and a MIP solver (GLPK), injected.
    .target(name: "HybridSolver", dependencies: ["AssignmentCore", "NativeSolver"]),

    // MARK: - Planning, formats, reports, facade
    .target(name: "DispatchPlanning", dependencies: ["DispatchModel", "DispatchScoring", "AssignmentCore"]),
    .target(name: "DispatchIO", dependencies: ["DispatchModel", "DispatchScoring"]),
    .target(name: "DispatchGenerator", dependencies: ["DispatchModel", "DispatchScoring", "DispatchIO"]),
    .target(name: "DispatchReports", dependencies: ["DispatchModel", "DispatchScoring", "DispatchPlanning", "AssignmentCore"]),
    .target(name: "DispatchPlanner", dependencies: [
      "DispatchModel", "DispatchScoring", "AssignmentCore", "DispatchPlanning", "DispatchIO",
      "DispatchReports", "DispatchGenerator", "NativeSolver", "GLPKBackend", "HybridSolver",
    ]),

    // MARK: - Executables
    .executableTarget(name: "dispatch", dependencies: [
      "DispatchPlanner", .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]),
    .executableTarget(name: "dispatch-bench", dependencies: ["DispatchPlanner", "NativeSolver", "GLPKBackend", "HybridSolver", "AssignmentCore", "ORLibrary"]),

    // MARK: - Tests
    .target(name: "DispatchTestSupport",
            dependencies: ["AssignmentCore", "DispatchModel", "DispatchScoring", "DispatchGenerator"],
            path: "Tests/DispatchTestSupport"),
    .testTarget(name: "AssignmentCoreTests", dependencies: ["AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "NativeSolverTests", dependencies: ["NativeSolver", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "GLPKBackendTests", dependencies: ["GLPKBackend", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "HybridSolverTests", dependencies: ["HybridSolver", "NativeSolver", "GLPKBackend", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "SolverConformanceTests", dependencies: ["NativeSolver", "GLPKBackend", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "ORLibraryTests", dependencies: ["ORLibrary", "NativeSolver", "GLPKBackend", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "DispatchScoringTests", dependencies: ["DispatchScoring", "DispatchModel", "DispatchTestSupport"]),
    .testTarget(name: "DispatchIOTests", dependencies: ["DispatchIO", "DispatchModel", "DispatchTestSupport"],
                resources: [.copy("Fixtures")]),
    .testTarget(name: "DispatchGeneratorTests", dependencies: ["DispatchGenerator", "DispatchIO", "DispatchModel", "DispatchTestSupport"]),
    .testTarget(name: "DispatchPlanningTests", dependencies: ["DispatchPlanning", "DispatchModel", "DispatchScoring", "AssignmentCore", "NativeSolver", "DispatchTestSupport"]),
    .testTarget(name: "DispatchReportsTests", dependencies: ["DispatchReports", "DispatchPlanning", "DispatchModel", "AssignmentCore", "DispatchTestSupport"]),
    .testTarget(name: "DispatchPlannerTests", dependencies: ["DispatchPlanner", "DispatchTestSupport"]),
    .testTarget(name: "DispatchCLITests", dependencies: ["DispatchTestSupport"]),
    .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter"]),
  ]
)

import AssignmentCore
import DispatchTestSupport
@testable import NativeSolver
import Testing

/// The dense path's fast kernel (scores narrowed to Int16/Int32 in a copy made by row chunks on
/// several threads, chunked column minima, shifted distances, the fused batch search) against
/// its reference kernel (lapjv.cpp's loops on the Int64 scores, one thread): the same
/// assignment, the same duals and the same number of searches, array for array.
@Suite struct DenseKernelTests {
  /// rows × size scores (row-major), uniform in `scores`.
  private func matrix(seed: UInt64, rows: Int, size: Int, scores: ClosedRange<Int64>) -> [Int64] {
    var rng = SeededGenerator(seed: seed)
    return (0..<rows * size).map { _ in Int64.random(in: scores, using: &rng) }
  }

  private func expectSameResult(_ scores: [Int64], rows: Int, size: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    let magnitude = scores.reduce(Int64(1)) { max($0, abs($1)) }
    scores.withUnsafeBufferPointer { buffer in
      let reference = DenseJonkerVolgenant.solve(scores: buffer, rows: rows, size: size, maxScoreMagnitude: magnitude, kernel: .reference)
      // A complete assignment: every column used once, padding rows included.
      #expect(Set(reference.columnOfRow).count == size && reference.columnOfRow.allSatisfy { (0..<size).contains($0) },
              sourceLocation: sourceLocation)
      for workers in [1, 2, 3] {
        // The narrow type the magnitude picks, and Int32 (a magnitude beyond Int16) for the same scores.
        for bound in [magnitude, maximumScoreMagnitude] {
          let fast = DenseJonkerVolgenant.solve(scores: buffer, rows: rows, size: size, maxScoreMagnitude: bound,
                                                kernel: .fast, workers: workers)
          let same = fast == reference  // a Bool: on failure, the case, not two long arrays
          #expect(same, "\(rows) × \(size), workers \(workers), bound \(bound)", sourceLocation: sourceLocation)
        }
      }
    }
  }

  @Test(arguments: [
    (2, 2), (3, 3), (5, 7), (17, 17), (31, 33), (64, 64), (101, 103), (130, 131), (257, 257), (300, 318),
  ])
  func fastKernelGivesTheReferenceResult(rows: Int, size: Int) {
    for (index, range) in [Int64(0)...3, 0...1, 0...999, -32767...32767, -1_000_000...1_000_000].enumerated() {
      expectSameResult(matrix(seed: UInt64(rows * 1000 + size * 10 + index), rows: rows, size: size, scores: range), rows: rows, size: size)
    }
  }

  /// Every score equal (each search a tie from the first column on) and a few columns much better
  /// for every row (the searches' batches grow to many columns).
  @Test func fastKernelGivesTheReferenceResultOnDegenerateScores() {
    let size = 97
    expectSameResult([Int64](repeating: 5, count: size * size), rows: size, size: size)
    var rng = SeededGenerator(seed: 7)
    let skewed = (0..<90 * size).map { a -> Int64 in a % size < 4 ? 900 : Int64.random(in: 0...2, using: &rng) }
    expectSameResult(skewed, rows: 90, size: size)
  }

  /// The solver's dense path: its plan is the reference kernel's, below the size where it starts
  /// threads and above it (the largest score, the copy and the certificate then by row chunks).
  @Test(arguments: [120, 520])
  func densePathPlanIsTheReferenceKernelsAssignment(size: Int) throws {
    let rows = size
    #expect((size * size >= ShortestAugmentingPathSolver.parallelScores) == (size > 512))
    let scores = matrix(seed: 99, rows: rows, size: size, scores: 0...20)
    var arcs: [Arc] = []
    for r in 0..<rows { for c in 0..<size { arcs.append(Arc(row: r, column: c, score: scores[r * size + c])) } }
    let problem = try AssignmentProblem(rowCount: rows, columnCapacities: [Int](repeating: 1, count: size), arcs: arcs)
    let outcome = try ShortestAugmentingPathSolver().solve(problem, limits: .none)
    #expect(outcome.statistics.nativePath == .dense)
    let reference = scores.withUnsafeBufferPointer {
      DenseJonkerVolgenant.solve(scores: $0, rows: rows, size: size, maxScoreMagnitude: 20, kernel: .reference)
    }
    #expect(outcome.columnOfRow.map(Int.init) == reference.columnOfRow)
    #expect(outcome.status == .optimal && certificateFailures(problem, outcome).isEmpty)
  }
}

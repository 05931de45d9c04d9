import AssignmentCore
import DispatchTestSupport
import ORLibrary
import Testing

@Suite struct ParserTests {
  @Test func denseAssignmentBecomesNegatedScoresWithFullCoverage() throws {
    let instance = try ORLibraryParser.parseDenseAssignment("2\n 4 1\n 2\n 7\n", name: "tiny")
    let p = instance.problem
    #expect(instance.name == "tiny" && instance.sense == .minimize && instance.offset == 0)
    #expect(p.rowCount == 2 && p.columnCapacities == [1, 1] && p.coverage == .requireAll)
    #expect(p.arcScores == [-4, -1, -2, -7])
    #expect(p.isPureAssignment)
    // Best: (0→1, 1→0) costs 1 + 2 = 3.
    let best = try #require(BruteForce.optimum(p))
    #expect(instance.publishedValue(of: best) == 3)
  }

  @Test func complementedMappingKeepsScoresNonNegativeAndTheSameOptimum() throws {
    let instance = try ORLibraryParser.parseDenseAssignment("2 4 1 2 7", name: "tiny", mapping: .complemented)
    #expect(instance.problem.arcScores == [3, 6, 5, 0])
    #expect(instance.offset == 14)
    let best = try #require(BruteForce.optimum(instance.problem))
    #expect(instance.publishedValue(of: best) == 3)
    // An incomplete plan has no published value.
    #expect(instance.publishedValue(of: ObjectiveValue(covered: 1, score: 6)) == nil)
  }

  @Test func sparseAssignmentIsOneBasedAndLineBased() throws {
    let text = """
     3
     1 2 5
     3 3 1
     2 1 4
     1 1 9
    """
    let instance = try ORLibraryParser.parseSparseAssignment(text, name: "sp")
    let p = instance.problem
    #expect(p.rowCount == 3 && p.columnCount == 3 && p.arcCount == 4)
    #expect(p.arcIndex(row: 0, column: 1).map { p.arcScores[$0] } == -5)
    #expect(p.arcIndex(row: 2, column: 2).map { p.arcScores[$0] } == -1)
    #expect(p.arcIndex(row: 1, column: 1) == nil)
    let best = try #require(BruteForce.optimum(p))
    #expect(instance.publishedValue(of: best) == 10)  // 1→2 (5), 2→1 (4), 3→3 (1)
  }

  @Test func gapRowsAreJobsColumnsAreAgents() throws {
    // 1 problem, 2 agents, 3 jobs.
    let text = """
    1
    2 3
    1 2 3
    4 5 6
    2 2 2
    1 1 3
    4 3
    """
    let minimum = try ORLibraryParser.parseGAP(text, name: "g", sense: .minimize)
    let maximum = try ORLibraryParser.parseGAP(text, name: "g", sense: .maximize)
    #expect(minimum.count == 1 && minimum[0].name == "g#1")
    let p = minimum[0].problem
    #expect(p.rowCount == 3 && p.columnCapacities == [4, 3] && p.coverage == .requireAll)
    // Row j (job), column i (agent): score −c[i][j], load r[i][j].
    let arc = try #require(p.arcIndex(row: 2, column: 1))
    #expect(p.arcScores[arc] == -6 && p.load(ofArc: arc) == 3)
    #expect(maximum[0].problem.arcScores[arc] == 6)
    // Agent 0 takes two jobs (load 4), agent 1 one job of load ≤ 3.
    // Min: jobs 0,1 → agent 0 (1 + 2), job 2 → agent 1 (6) = 9, or 0,2 → a0 (1+3), 1 → a1 (5) = 9.
    #expect(minimum[0].publishedValue(of: try #require(BruteForce.optimum(p))) == 9)
    // Max: agent 1 takes jobs 0 and 1 (4 + 5, load 2 ≤ 3), agent 0 job 2 (3) = 12.
    #expect(maximum[0].publishedValue(of: try #require(BruteForce.optimum(maximum[0].problem))) == 12)
  }

  @Test func malformedInputNamesFileAndLine() {
    #expect(throws: ORLibraryParseError(file: "a.txt", line: 2, kind: .notAnInteger("x"))) {
      try ORLibraryParser.parseDenseAssignment("2\n1 x\n3 4\n", name: "a", file: "a.txt")
    }
    #expect(throws: ORLibraryParseError(file: "a.txt", line: 3, kind: .unexpectedEnd(expected: "cost (2, 2)"))) {
      try ORLibraryParser.parseDenseAssignment("2\n1 2\n3\n", name: "a", file: "a.txt")
    }
    #expect(throws: ORLibraryParseError(file: "a.txt", line: 4, kind: .trailingData("9"))) {
      try ORLibraryParser.parseDenseAssignment("2\n1 2\n3 4\n9\n", name: "a", file: "a.txt")
    }
    #expect(throws: ORLibraryParseError(file: "a.txt", line: 1, kind: .outOfRange(what: "the size n", value: 0, allowed: 1...Int64(Int32.max)))) {
      try ORLibraryParser.parseDenseAssignment("0\n", name: "a", file: "a.txt")
    }
    #expect(throws: ORLibraryParseError(file: "p.txt", line: 3, kind: .malformedArcLine(tokens: 2))) {
      try ORLibraryParser.parseSparseAssignment("2\n1 1 3\n2 2\n", name: "p", file: "p.txt")
    }
    #expect(throws: ORLibraryParseError(file: "p.txt", line: 2, kind: .outOfRange(what: "column", value: 3, allowed: 1...2))) {
      try ORLibraryParser.parseSparseAssignment("2\n1 3 3\n", name: "p", file: "p.txt")
    }
    #expect(throws: ORLibraryParseError(file: "p.txt", line: 4, kind: .duplicateArc(row: 1, column: 1))) {
      try ORLibraryParser.parseSparseAssignment("2\n1 1 3\n2 2 1\n1 1 4\n", name: "p", file: "p.txt")
    }
    #expect(throws: ORLibraryParseError(file: "g.txt", line: 2, kind: .outOfRange(what: "m (agents) of problem 1", value: -1, allowed: 1...1_000_000))) {
      try ORLibraryParser.parseGAP("1\n-1 3\n", name: "g", file: "g.txt", sense: .minimize)
    }
    #expect(throws: ORLibraryParseError(file: "g.txt", line: 4, kind: .unexpectedEnd(expected: "capacity b[2] of problem 1"))) {
      try ORLibraryParser.parseGAP("1\n2 1\n1 2 3 4\n5", name: "g", file: "g.txt", sense: .minimize)
    }
  }

  @Test func errorsReadAsFileLineMessage() {
    let error = ORLibraryParseError(file: "assign100.txt", line: 7, kind: .notAnInteger("1.5"))
    #expect(error.description == "assign100.txt:7: expected an integer, found \"1.5\"")
  }

  @Test func formatFollowsTheFileName() {
    #expect(ORLibraryFormat(fileName: "assign/assignp800.txt") == .sparseAssignment)
    #expect(ORLibraryFormat(fileName: "assign100.txt") == .denseAssignment)
    #expect(ORLibraryFormat(fileName: "gapa.txt") == .generalizedAssignment)
    #expect(ORLibraryFormat(fileName: "notes.txt") == nil)
  }

  @Test func optimaCSVWithQuotedStatus() throws {
    let text = """
    file,problem,sense,rows,columns,optimum,name,status
    assign/assign100.txt,1,min,100,100,305,,proven
    gap/gapd.txt,6,min,20,200,12241,d20200,"open: best known 12241, lower bound 12235"\r
    """
    let optima = try ORLibraryOptima.parse(text)
    #expect(optima.count == 2)
    #expect(optima[0].instanceName == "assign100" && optima[0].optimum == 305 && optima[0].isOptimum)
    #expect(optima[1].instanceName == "gapd#6" && optima[1].name == "d20200")
    #expect(optima[1].status == "open: best known 12241, lower bound 12235" && !optima[1].isOptimum)
    let crlf = try ORLibraryOptima.parse("file,problem,sense,rows,columns,optimum,name,status\r\ngap/gap1.txt,2,max,5,15,327,,proven\r\n")
    #expect(crlf.map(\.instanceName) == ["gap1#2"] && crlf[0].sense == .maximize && crlf[0].status == "proven")
    #expect(throws: ORLibraryParseError(file: "optima.csv", line: 2, kind: .notAnInteger("x"))) {
      try ORLibraryOptima.parse("file,problem,sense,rows,columns,optimum,name,status\na,x,min,1,1,1,,proven\n")
    }
  }
}

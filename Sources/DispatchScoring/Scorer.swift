import DispatchModel

//===----------------------------------------------------------------------===//
// The pair score: an integer, so two solvers compare exactly, that adds
// weighted, documented terms (Documentation/Model.md):
//
//   skill        weights.skillMatch × min(|needs ∩ skills|, maxSkillMatches)
//   counterpart  weights.counterpart if the unit's functions serve the industry
//   region       weights.sameRegion, else weights.adjacentRegion for a neighbour
//   grid         weights.sameGrid when in the same grid but not the same region
//   station      weights.sameStation when the instructor's station serves the region
//   wishes       instructorWish / organizationWish − wishRankStep × (rank − 1), ≥ 0
//   mutual       mutualWishBonus when both sides wish for each other
//   continuity   weights.continuity when the instructor is the current one
//   out of reach −settings.reachWeight when reach is soft and the pair is out of reach
//
// Reach: the reach rule (same region / adjacent / same grid) and the distance limit
// (region seats at most `maximumDistanceKilometres` apart; a region without a seat
// reaches only itself) both hold. Hard reach removes the pair; soft reach keeps it
// with the penalty above.
//
// A score given by the office (scores.csv) replaces the computed score of its
// pair. With `scoresOnly`, only given pairs are eligible.
//
// Complexity: O(n + m + w + R² + U·K) to build for n instructors, m organizations,
// w wishes, R regions, U units and K industries; O(1) per `score` (skills are interned
// as 64-bit masks; beyond 64 distinct skills the rest share the last bit, documented
// as a limitation). `scores(organization:instructors:)` gives a whole row: the terms
// that depend on the organization alone are looked up once, the region and counterpart
// terms are table reads, and the few pairs with a wish, a given score or continuity go
// through `score` itself, so the row equals `score` pair by pair (tested).
//===----------------------------------------------------------------------===//

/// Scores pairs of one scenario. Build once; `score` is cheap and pure.
public struct Scorer: Sendable {
  public let scenario: Scenario
  public let scoresOnly: Bool
  private let weights: ScoreWeights
  private let instructorSkills: [UInt64]
  private let organizationNeeds: [UInt64]
  private let skillNames: [String]
  private let counterpart: [[Bool]]  // [unitIndex][industryIndex + social flag]
  private let instructorUnitIndex: [Int]
  private let organizationIndustryKey: [Int]
  private let instructorRegion: [Int]
  private let organizationRegion: [Int]
  private let regionGrid: [Int]          // -1 when none
  private let regionStation: [Int]       // -1 when none
  /// regionCount × regionCount adjacency, so the per-pair test is an array read, not a hash.
  private let adjacent: [Bool]
  /// regionCount × regionCount: the organization's region [row] reaches the instructor's [column]
  /// (rule and distance); empty when every region reaches every other.
  private let reaches: [Bool]
  /// The penalty of a pair out of reach when reach is soft, nil when reach is hard.
  private let reachPenalty: Int?
  private let regionCount: Int
  private let instructorStation: [Int]   // -1 when none
  /// Bit `r` set when the instructor may hold role `r` (`DispatchRole.allCases` order).
  private let instructorRoleMask: [UInt8]
  /// Instructor indices per region, ascending, for the reach rules.
  private let instructorsOfRegion: [[Int]]
  /// Per organization, the pairs with a wish or a given score, sorted by instructor:
  /// a few entries each, so a scan beats hashing the 10⁶–10⁷ pairs of a city.
  private let pairFacts: [[PairFact]]
  private let currentInstructor: [Int]   // per organization, -1 when none
  /// regionCount × regionCount: the region and grid points of an organization's region [row]
  /// and an instructor's region [column] (`regionPoints` without the station term).
  private let regionPairPoints: [Int32]
  /// Per industry key, per unit index + 1 (0: no unit): the counterpart points.
  private let counterpartPoints: [[Int32]]
  /// Per skill-match count 0...64: the skill points.
  private let skillPoints: [Int32]
  /// Whether the three tables above hold every term exactly (see `init`).
  private let rowTablesExact: Bool

  public init(scenario: Scenario, scoresOnly: Bool = false, counterpartTable: CounterpartTable = .standard) {
    self.scenario = scenario
    self.scoresOnly = scoresOnly
    self.weights = scenario.settings.weights
    let index = ScenarioIndex(scenario)

    var skillBit: [String: Int] = [:]
    var names: [String] = []
    func mask(_ tags: [String]) -> UInt64 {
      var m: UInt64 = 0
      for tag in tags {
        let bit: Int
        if let b = skillBit[tag] { bit = b } else {
          bit = min(names.count, 63)
          if names.count < 64 { names.append(tag) }
          skillBit[tag] = bit
        }
        m |= 1 << UInt64(bit)
      }
      return m
    }
    // Interned in a fixed order (instructors, then organizations) so bits do not depend on hashing.
    instructorSkills = scenario.instructors.map { mask($0.skills) }
    organizationNeeds = scenario.organizations.map { mask($0.needs) }
    skillNames = names

    var unitIndex: [UnitID: Int] = [:]
    for (i, unit) in scenario.units.enumerated() { unitIndex[unit.id] = i }
    instructorUnitIndex = scenario.instructors.map { unitIndex[$0.unit] ?? -1 }
    var industries: [String] = []
    var industryIndex: [String: Int] = [:]
    organizationIndustryKey = scenario.organizations.map { org in
      let key = org.industry + (org.kind == .social ? "\u{1}social" : "")
      if let k = industryIndex[key] { return k }
      industryIndex[key] = industries.count
      industries.append(key)
      return industries.count - 1
    }
    counterpart = scenario.units.map { unit in
      industries.map { key in
        let isSocial = key.hasSuffix("\u{1}social")
        let industry = isSocial ? String(key.dropLast("\u{1}social".count)) : key
        return counterpartTable.serves(functions: unit.functions, industry: industry, isSocial: isSocial)
      }
    }

    var regionIndex: [RegionID: Int] = [:]
    var regionIDs: [RegionID] = scenario.regions.map(\.id)
    for (i, id) in regionIDs.enumerated() { regionIndex[id] = i }
    func regionNumber(_ id: RegionID) -> Int {
      if let i = regionIndex[id] { return i }
      regionIndex[id] = regionIDs.count
      regionIDs.append(id)
      return regionIDs.count - 1
    }
    instructorRegion = scenario.instructors.map { regionNumber($0.region) }
    organizationRegion = scenario.organizations.map { regionNumber($0.region) }
    var labelIndex: [String: Int] = [:]
    func label(_ text: String?) -> Int {
      guard let text, !text.isEmpty else { return -1 }
      if let i = labelIndex[text] { return i }
      labelIndex[text] = labelIndex.count
      return labelIndex.count - 1
    }
    let regionByID = index.regions
    regionGrid = regionIDs.map { label(regionByID[$0]?.grid.map { "grid:" + $0 }) }
    regionStation = regionIDs.map { label(regionByID[$0]?.station.map { "station:" + $0 }) }
    let regionNeighbours = regionIDs.map { id in Set((regionByID[id]?.neighbours ?? []).compactMap { regionIndex[$0] }) }
    instructorStation = scenario.instructors.map { label($0.station.map { "station:" + $0 }) }
    regionCount = regionIDs.count
    instructorRoleMask = scenario.instructors.map { instructor in
      DispatchRole.allCases.enumerated().reduce(UInt8(0)) { mask, role in instructor.mayHold(role.element) ? mask | (1 << role.offset) : mask }
    }
    var byRegion = [[Int]](repeating: [], count: regionIDs.count)
    for (i, r) in instructorRegion.enumerated() { byRegion[r].append(i) }
    instructorsOfRegion = byRegion
    var adjacency = [Bool](repeating: false, count: regionIDs.count * regionIDs.count)
    for (r, neighbours) in regionNeighbours.enumerated() { for q in neighbours { adjacency[r * regionIDs.count + q] = true } }
    adjacent = adjacency
    reachPenalty = scenario.settings.reachWeight
    let settings = scenario.settings
    if !settings.reachIsLimited {
      reaches = []
    } else {
      let n = regionIDs.count
      let seats = regionIDs.map { regionByID[$0]?.location }
      let limit = settings.maximumDistanceKilometres.map { $0 * 1000 }
      var matrix = [Bool](repeating: false, count: n * n)
      for a in 0..<n {
        for b in 0..<n {
          var ok: Bool
          switch settings.reach {
          case .any: ok = true
          case .sameRegion: ok = a == b
          case .adjacentRegion: ok = a == b || adjacency[a * n + b]
          case .sameGrid: ok = a == b || (regionGrid[a] >= 0 && regionGrid[a] == regionGrid[b])
          }
          if ok, a != b, let limit {
            if let p = seats[a], let q = seats[b] { ok = p.metres(to: q) <= limit } else { ok = false }
          }
          matrix[a * n + b] = ok
        }
      }
      reaches = matrix
    }

    var facts = [[Int: PairFact]](repeating: [:], count: scenario.organizations.count)
    for wish in scenario.wishes {
      guard let o = index.organizationIndex[wish.organization], let i = index.instructorIndex[wish.instructor] else { continue }
      var fact = facts[o][i] ?? PairFact(instructor: i)
      switch wish {
      case .instructorWants: fact.byInstructor = min(fact.byInstructor ?? .max, wish.rank)
      case .organizationWants: fact.byOrganization = min(fact.byOrganization ?? .max, wish.rank)
      }
      facts[o][i] = fact
    }
    for g in scenario.givenScores {
      guard let o = index.organizationIndex[g.organization], let i = index.instructorIndex[g.instructor] else { continue }
      var fact = facts[o][i] ?? PairFact(instructor: i)
      fact.given = g.score
      facts[o][i] = fact
    }
    pairFacts = facts.map { $0.values.sorted { $0.instructor < $1.instructor } }
    currentInstructor = scenario.organizations.map { org in org.currentInstructor.flatMap { index.instructorIndex[$0] } ?? -1 }
    let w = weights
    var pairPoints = [Int32](repeating: 0, count: regionIDs.count * regionIDs.count)
    for ro in 0..<regionIDs.count {
      for ri in 0..<regionIDs.count {
        var points = 0
        if ro == ri { points += w.sameRegion } else {
          if adjacency[ro * regionIDs.count + ri] { points += w.adjacentRegion }
          if regionGrid[ro] >= 0 && regionGrid[ro] == regionGrid[ri] { points += w.sameGrid }
        }
        pairPoints[ro * regionIDs.count + ri] = Int32(clamping: points)
      }
    }
    regionPairPoints = pairPoints
    let table = counterpart
    counterpartPoints = industries.indices.map { key in
      [0] + table.map { $0[key] ? Int32(clamping: w.counterpart) : 0 }
    }
    // The Int32 tables hold every term exactly when each weight (and skill product) is within ±10⁸;
    // otherwise `scores(organization:instructors:)` scores pair by pair.
    let limit = 100_000_000
    let skillProducts = (0...64).map { w.skillMatch.multipliedReportingOverflow(by: min($0, w.maxSkillMatches)) }
    rowTablesExact = skillProducts.allSatisfy { !$0.overflow && abs($0.partialValue) <= limit }
      && [w.counterpart, w.sameRegion, w.adjacentRegion, w.sameGrid, w.sameStation].allSatisfy { abs($0) <= limit }
    skillPoints = skillProducts.map { Int32(clamping: $0.partialValue) }
  }

  /// The scores of `organization` with each of `instructors` (indices, ascending), appended
  /// to `scores`: the same values as `score(organization:instructor:)` pair by pair.
  /// - Complexity: O(*k* + *w*) for *k* instructors and the organization's *w* wishes and given scores.
  public func scores(organization o: Int, instructors: [Int], into scores: inout [Int64]) {
    guard rowTablesExact else {
      for i in instructors { scores.append(Int64(score(organization: o, instructor: i))) }
      return
    }
    let ro = organizationRegion[o]
    let needs = organizationNeeds[o]
    let station = regionStation[ro]
    let stationPoints = weights.sameStation
    let current = currentInstructor[o]
    let facts = pairFacts[o]
    let penalty = reachPenalty.flatMap { reaches.isEmpty ? nil : $0 }
    var nextFact = 0
    counterpartPoints[organizationIndustryKey[o]].withUnsafeBufferPointer { counterpartOfUnit in
      regionPairPoints.withUnsafeBufferPointer { pairPoints in
        skillPoints.withUnsafeBufferPointer { skill in
          let regionRow = ro * regionCount
          for i in instructors {
            while nextFact < facts.count && facts[nextFact].instructor < i { nextFact += 1 }
            if i == current || (nextFact < facts.count && facts[nextFact].instructor == i) {
              scores.append(Int64(score(organization: o, instructor: i)))
              continue
            }
            let ri = instructorRegion[i]
            var total = Int(skill[(instructorSkills[i] & needs).nonzeroBitCount])
            total += Int(counterpartOfUnit[instructorUnitIndex[i] + 1])
            total += Int(pairPoints[regionRow + ri])
            if station >= 0 && instructorStation[i] == station { total += stationPoints }
            if let penalty, !reaches[regionRow + ri] { total -= penalty }
            scores.append(Int64(total))
          }
        }
      }
    }
  }

  /// Bit `role` of `instructorRoleMask` (the `DispatchRole.allCases` order).
  public static func roleMask(_ role: DispatchRole) -> UInt8 { roleBit(role) }

  /// Whether `instructor` may hold `role` (the roles part of `isEligible`).
  public func mayHold(instructor i: Int, roleMask: UInt8) -> Bool { instructorRoleMask[i] & roleMask != 0 }

  /// What the wishes and the office's scores say about one pair.
  private struct PairFact: Sendable {
    var instructor: Int
    var byInstructor: Int? = nil
    var byOrganization: Int? = nil
    var given: Int? = nil
  }

  private func fact(_ o: Int, _ i: Int) -> PairFact? {
    for fact in pairFacts[o] where fact.instructor >= i { return fact.instructor == i ? fact : nil }
    return nil
  }

  private func isAdjacent(_ a: Int, _ b: Int) -> Bool { adjacent[a * regionCount + b] }

  /// Whether the pair is within reach (the reach rule and the distance limit).
  public func isWithinReach(organization o: Int, instructor i: Int) -> Bool {
    reaches.isEmpty || reaches[organizationRegion[o] * regionCount + instructorRegion[i]]
  }

  /// Whether hard reach, `scoresOnly` and roles let `instructor` take `role` in `organization`
  /// (forbids are applied by the planner). Soft reach never excludes a pair.
  public func isEligible(organization o: Int, instructor i: Int, role: DispatchRole = .instructor) -> Bool {
    if scoresOnly && fact(o, i)?.given == nil { return false }
    guard instructorRoleMask[i] & Self.roleBit(role) != 0 else { return false }
    return reachAllows(organization: o, instructor: i)
  }

  /// The reach part of `isEligible`: soft reach allows every pair, hard reach those within reach.
  public func reachAllows(organization o: Int, instructor i: Int) -> Bool {
    reachPenalty != nil || isWithinReach(organization: o, instructor: i)
  }

  private static func roleBit(_ role: DispatchRole) -> UInt8 {
    UInt8(1) << DispatchRole.allCases.firstIndex(of: role)!
  }

  /// The instructors the reach rule lets near `organization`, ascending: every one for
  /// `any`, else those of the regions it reaches. A superset of the eligible ones
  /// (`isEligible` still decides), so a city-wide problem never scans every pair.
  /// - Complexity: O(*k* log *k*) for the *k* instructors returned (O(*n*) for `any`).
  public func reachableInstructors(organization o: Int) -> [Int] {
    guard !reaches.isEmpty, reachPenalty == nil else { return Array(scenario.instructors.indices) }
    let ro = organizationRegion[o]
    let regions = (0..<regionCount).filter { reaches[ro * regionCount + $0] }
    return regions.count == 1 ? instructorsOfRegion[regions[0]] : regions.flatMap { instructorsOfRegion[$0] }.sorted()
  }

  /// The pair score of `organization` × `instructor` (indices into the scenario's arrays).
  /// - Complexity: O(*w*) for the *w* wishes and given scores of the organization (a few).
  public func score(organization o: Int, instructor i: Int) -> Int {
    let pair = fact(o, i)
    let outOfReach = reachPenalty.map { isWithinReach(organization: o, instructor: i) ? 0 : $0 } ?? 0
    if let given = pair?.given { return given - outOfReach }
    var total = -outOfReach
    let common = (instructorSkills[i] & organizationNeeds[o]).nonzeroBitCount
    total += weights.skillMatch * min(common, weights.maxSkillMatches)
    let unit = instructorUnitIndex[i]
    if unit >= 0 && counterpart[unit][organizationIndustryKey[o]] { total += weights.counterpart }
    total += regionPoints(o, i)
    if let pair {
      let (iw, ow) = wishPoints(pair)
      total += iw + ow
      if pair.byInstructor != nil && pair.byOrganization != nil { total += weights.mutualWishBonus }
    }
    if currentInstructor[o] == i { total += weights.continuity }
    return total
  }

  private func regionPoints(_ o: Int, _ i: Int) -> Int {
    let ro = organizationRegion[o], ri = instructorRegion[i]
    var points = 0
    if ro == ri { points += weights.sameRegion } else {
      if isAdjacent(ro, ri) { points += weights.adjacentRegion }
      if regionGrid[ro] >= 0 && regionGrid[ro] == regionGrid[ri] { points += weights.sameGrid }
    }
    if instructorStation[i] >= 0 && instructorStation[i] == regionStation[ro] { points += weights.sameStation }
    return points
  }

  private func wishPoints(_ pair: PairFact) -> (instructor: Int, organization: Int) {
    (pair.byInstructor.map { rankedPoints(weights.instructorWish, rank: $0) } ?? 0,
     pair.byOrganization.map { rankedPoints(weights.organizationWish, rank: $0) } ?? 0)
  }

  /// weight − step × (rank − 1), at least 0; a step × rank beyond `Int` (impossible within the
  /// reader's domains, possible for a scenario built in code) counts as "nothing left".
  private func rankedPoints(_ weight: Int, rank: Int) -> Int {
    let (drop, overflow) = weights.wishRankStep.multipliedReportingOverflow(by: max(0, rank - 1))
    return overflow ? 0 : max(0, weight - drop)
  }

  /// Which sides wished for this pair.
  public func wishKind(organization o: Int, instructor i: Int) -> WishKind {
    let pair = fact(o, i)
    switch (pair?.byInstructor, pair?.byOrganization) {
    case (.some, .some): return .mutual
    case (.some, .none): return .instructorOnly
    case (.none, .some): return .organizationOnly
    case (.none, .none): return .none
    }
  }

  /// The rank `instructor` gave `organization`, and the reverse, if any.
  public func wishRanks(organization o: Int, instructor i: Int) -> (byInstructor: Int?, byOrganization: Int?) {
    let pair = fact(o, i)
    return (pair?.byInstructor, pair?.byOrganization)
  }

  /// The named terms of the pair score; their points add up to `score`.
  public func breakdown(organization o: Int, instructor i: Int) -> [ScoreTerm] {
    var terms: [ScoreTerm] = []
    if let penalty = reachPenalty, !isWithinReach(organization: o, instructor: i) {
      terms.append(ScoreTerm(kind: .outOfReach, points: -penalty, note: "超出选派范围"))
    }
    if let given = fact(o, i)?.given { return [ScoreTerm(kind: .given, points: given, note: "office score")] + terms }
    let commonMask = instructorSkills[i] & organizationNeeds[o]
    let common = commonMask.nonzeroBitCount
    if common > 0 {
      let matched = skillNames.indices.filter { commonMask & (1 << UInt64($0)) != 0 }.map { skillNames[$0] }
      terms.append(ScoreTerm(kind: .skill, points: weights.skillMatch * min(common, weights.maxSkillMatches), note: matched.joined(separator: "、")))
    }
    let unit = instructorUnitIndex[i]
    if unit >= 0 && counterpart[unit][organizationIndustryKey[o]] {
      terms.append(ScoreTerm(kind: .counterpart, points: weights.counterpart, note: scenario.organizations[o].industry))
    }
    let ro = organizationRegion[o], ri = instructorRegion[i]
    if ro == ri {
      terms.append(ScoreTerm(kind: .region, points: weights.sameRegion, note: "同区域"))
    } else {
      if isAdjacent(ro, ri) { terms.append(ScoreTerm(kind: .region, points: weights.adjacentRegion, note: "相邻区域")) }
      if regionGrid[ro] >= 0 && regionGrid[ro] == regionGrid[ri] { terms.append(ScoreTerm(kind: .grid, points: weights.sameGrid, note: "同网格")) }
    }
    if instructorStation[i] >= 0 && instructorStation[i] == regionStation[ro] {
      terms.append(ScoreTerm(kind: .station, points: weights.sameStation, note: "同指导站"))
    }
    let (iw, ow) = fact(o, i).map(wishPoints) ?? (0, 0)
    let ranks = wishRanks(organization: o, instructor: i)
    if let r = ranks.byInstructor { terms.append(ScoreTerm(kind: .instructorWish, points: iw, note: "指导员第\(r)志愿")) }
    if let r = ranks.byOrganization { terms.append(ScoreTerm(kind: .organizationWish, points: ow, note: "组织第\(r)志愿")) }
    if ranks.byInstructor != nil && ranks.byOrganization != nil {
      terms.append(ScoreTerm(kind: .mutualWish, points: weights.mutualWishBonus, note: "双向选择"))
    }
    if currentInstructor[o] == i && weights.continuity != 0 {
      terms.append(ScoreTerm(kind: .continuity, points: weights.continuity, note: "现任"))
    }
    return terms
  }
}

/// Which side of the two-way selection wished for a pair.
public enum WishKind: String, Sendable, Hashable {
  case mutual = "mutual"
  case instructorOnly = "instructor"
  case organizationOnly = "organization"
  case none = "none"

  public var chineseName: String {
    switch self {
    case .mutual: "双向"
    case .instructorOnly: "指导员单向"
    case .organizationOnly: "组织单向"
    case .none: "无"
    }
  }
}

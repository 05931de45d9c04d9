import AssignmentCore
import DispatchModel
import DispatchPlanning
import DispatchScoring
import Foundation

/// The re-planning parts of a replan's `report.md` and its `changes.csv`.
public enum ReplanReport {
  public static let changesHeader = ["组织编号", "组织名称", "职务", "状态", "原指导员编号", "新指导员编号", "原因", "配对得分变化"]

  public static func changeRows(_ changes: [SlotChange]) -> [[String]] {
    changes.map { c in
      [c.organization.rawValue, c.organizationName, c.role.chineseName, "\(c.status.chineseName) \(c.status.rawValue)",
       c.previous?.rawValue ?? "", c.current?.rawValue ?? "", c.reason, c.scoreChange.map(String.init) ?? ""]
    }
  }

  /// One point of the trade-off curve. A budget without a plan says so (`moves`/`score` nil) rather than
  /// showing an empty assignment's figures: `optimal` then means no plan within the budget exists (proven),
  /// otherwise none was found within the time limit.
  public struct SweepPoint: Sendable {
    public var label: String
    public var maxMoves: Int?
    public var moves: Int?
    public var score: Int?
    public var optimal: Bool
    public var method: String
    public var hasPlan: Bool { score != nil }
    public init(label: String, maxMoves: Int?, moves: Int?, score: Int?, optimal: Bool, method: String) {
      self.label = label
      self.maxMoves = maxMoves
      self.moves = moves
      self.score = score
      self.optimal = optimal
      self.method = method
    }
    /// What became of the budget.
    public enum Outcome: Sendable, Equatable, CaseIterable {
      case optimal, notProvenOptimal
      /// No plan keeps within the budget (proven).
      case noPlanWithinBudget
      /// None was found within the time limit.
      case noneFoundInTime
    }
    public var outcome: Outcome {
      switch (hasPlan, optimal) {
      case (true, true): .optimal
      case (true, false): .notProvenOptimal
      case (false, true): .noPlanWithinBudget
      case (false, false): .noneFoundInTime
      }
    }
    /// The point's verdict in the office's words: the one place these phrases are written.
    public func verdict(in language: ReportLanguage) -> String {
      switch outcome {
      case .optimal: language.text("最优", "optimal")
      case .notProvenOptimal: language.text("未证明最优", "not proven optimal")
      case .noPlanWithinBudget: language.text("此上限内无可行方案", "no plan within this budget")
      case .noneFoundInTime: language.text("时限内未找到方案", "none found in time")
      }
    }
    /// Both languages, Chinese first (report.md, sweep.csv).
    public var verdict: String { verdict(in: .chinese) + " " + verdict(in: .english) }
    /// The budget as the office reads it ("5", or "不限" / "all" without a budget).
    public func budget(in language: ReportLanguage) -> String { maxMoves.map(String.init) ?? language.text("不限", "all") }
  }

  /// The points with a plan, as (moves, score): what the curve draws.
  public static func planned(_ points: [SweepPoint]) -> [(moves: Int, score: Int)] {
    points.compactMap { p in p.moves.flatMap { m in p.score.map { (moves: m, score: $0) } } }
  }

  /// The score-against-moves curve (report.html and the workbench draw the same one), nil unless the plans
  /// move two different numbers of people (one dot is no curve: the table says it); `note` names every budget
  /// the curve leaves out and why, so no point goes missing unsaid.
  public static func chart(_ points: [SweepPoint], in language: ReportLanguage) -> (svg: String?, note: String?) {
    let l = language, planned = planned(points)
    let svg = Set(planned.map(\.moves)).count < 2 ? nil : SVGChart.line(planned.map { (x: Double($0.moves), y: Double($0.score), label: "\($0.moves)") },
                                                      title: l.text("调整人次与方案得分", "Score against moves"),
                                                      xLabel: l.text("调整人次", "moves"), yLabel: l.text("得分", "score"))
    let missing = points.filter { !$0.hasPlan }
    let note = missing.isEmpty ? nil : l.text("图中未画出：", "Not on the curve: ")
      + missing.map { l.text("上限 \($0.budget(in: l))：\($0.verdict(in: l))", "budget \($0.budget(in: l)): \($0.verdict(in: l))") }
      .joined(separator: l.text("；", "; ")) + l.text("。", ".")
    return (svg, svg == nil ? nil : note)
  }

  /// The best score ignoring continuity, or an upper bound on it, learned without a second full solve.
  public struct ColdReference: Sendable, Equatable {
    /// An upper bound on the cold optimum's score (the score itself when `exact`).
    public var bound: Int
    public var exact: Bool
    /// How the bound was obtained; its text names the rules the bound kept or dropped.
    public var method: Method
    public var seconds: Double

    public enum Method: Sendable, Equatable, CustomStringConvertible {
      /// The cold optimum itself, by this solver.
      case coldOptimum(solver: String)
      /// The optimum of the problem with these rules dropped.
      case pureRelaxation(dropped: [SideRuleKind])
      /// The Lagrangian bound that keeps these rules (MixLagrangianBound).
      case lagrangian(kept: [SideRuleKind])

      /// The kinds of `problem`'s side rules, once each, in `SideRuleKind` order: what a bound keeps or drops.
      public static func ruleKinds(of problem: AssignmentProblem) -> [SideRuleKind] {
        let present = Set(problem.sideRules.map(\.kind))
        return SideRuleKind.allCases.filter(present.contains)
      }

      public var description: String {
        func rules(_ kinds: [SideRuleKind]) -> String { kinds.map(Self.words).joined(separator: " + ") }
        return switch self {
        case .coldOptimum(let solver): "cold optimum by \(solver)"
        case .pureRelaxation(let dropped): "pure relaxation (\(dropped.isEmpty ? "no rules" : rules(dropped)) dropped)"
        case .lagrangian(let kept): "Lagrangian bound (\(rules(kept)))"
        }
      }

      static func words(_ kind: SideRuleKind) -> String {
        switch kind {
        case .exclusive: "key projects exclusive"
        case .mix: "mix"
        case .minimumLoad: "minimum load"
        case .usedColumns: "unit quotas"
        case .distinctColumns: "two people for two roles"
        case .maximumMoves: "move budget"
        }
      }
    }

    public init(bound: Int, exact: Bool, method: Method, seconds: Double) {
      self.bound = bound
      self.exact = exact
      self.method = method
      self.seconds = seconds
    }
  }

  public struct Figures: Sendable {
    public var previousFolder: String
    /// The input fingerprint the previous plan was made from (its manifest); nil when unknown.
    public var previousInputSHA256: String?
    public var continuity: Int
    public var keepable: Int
    public var forcedMoves: Int
    public var maxMoves: Int?
    public var moves: Int
    public var method: String
    /// Score (continuity included) of the new plan.
    public var score: Int
    /// Best score without continuity (the cold optimum of the new scenario), or a bound on it; nil when unknown.
    public var cold: ColdReference?
    /// The new plan's score without its continuity points.
    public var scoreWithoutContinuity: Int
    public var replanSeconds: Double
    public init(previousFolder: String, previousInputSHA256: String? = nil, continuity: Int, keepable: Int, forcedMoves: Int, maxMoves: Int?,
                moves: Int, method: String, score: Int, cold: ColdReference?, scoreWithoutContinuity: Int, replanSeconds: Double) {
      self.previousFolder = previousFolder
      self.previousInputSHA256 = previousInputSHA256
      self.continuity = continuity
      self.keepable = keepable
      self.forcedMoves = forcedMoves
      self.maxMoves = maxMoves
      self.moves = moves
      self.method = method
      self.score = score
      self.cold = cold
      self.scoreWithoutContinuity = scoreWithoutContinuity
      self.replanSeconds = replanSeconds
    }
    /// Pair score given up to keep organizations with their instructors: exactly this when `cold.exact`, else at most this.
    public var givenUpForContinuity: Int? { cold.map { max(0, $0.bound - scoreWithoutContinuity) } }

    /// "543" or "at most 612 (Lagrangian bound …)", or "unknown".
    public var givenUpText: String {
      guard let cold, let points = givenUpForContinuity else { return "未知 unknown" }
      return cold.exact ? "\(points)" : "至多 at most \(points) (\(cold.method); 0 ≤ exact figure ≤ \(points))"
    }
  }

  public static func markdown(_ f: Figures, changes: [SlotChange], sweep: [SweepPoint] = []) -> String {
    var md: [String] = ["", "## 季度调整 Re-planning", ""]
    md.append("| 项目 item | 值 value |")
    md.append("|---|---|")
    md.append("| 上期方案 previous plan | `\(f.previousFolder)` |")
    md.append("| 上期方案的输入 previous plan's input (SHA-256) | \(f.previousInputSHA256.map { "`\($0)`" } ?? "unknown (plan.csv given directly)") |")
    md.append("| 延续分 continuity bonus | \(f.continuity) per kept pair |")
    md.append("| 可保持 keepable slots | \(f.keepable) |")
    md.append("| 不可避免的调整 forced moves | \(f.forcedMoves) |")
    md.append("| 调整上限 move budget | \(f.maxMoves.map { "\($0) (+ \(f.forcedMoves) forced)" } ?? "none") |")
    md.append("| 调整 moves | \(f.moves) |")
    md.append("| 方法 method | \(f.method) |")
    md.append("| 总分（含延续分）score with continuity | \(f.score) |")
    md.append("| 不计延续分 score without continuity | \(f.scoreWithoutContinuity) |")
    if let cold = f.cold {
      md.append("| 不考虑延续的最优 best score ignoring continuity | \(cold.exact ? "\(cold.bound)" : "≤ \(cold.bound) (\(cold.method))") |")
    }
    md.append("| 为延续放弃的分数 score given up for continuity | \(f.givenUpText) |")
    // The score ignoring continuity is bounded on another core while the re-plan solves (ColdReference.swift).
    md.append(String(format: "| 用时 time | replan %.3f s (the score ignoring continuity: %.3f s alongside, on another core) |", f.replanSeconds, f.cold?.seconds ?? 0))
    md.append("")
    var counts: [SlotChange.Status: Int] = [:]
    for c in changes { counts[c.status, default: 0] += 1 }
    md.append(SlotChange.Status.allCases.map { "\($0.chineseName) \($0.rawValue): \(counts[$0] ?? 0)" }.joined(separator: " · "))
    md.append("")
    if !sweep.isEmpty {
      md.append("### 调整数与总分 Moves vs score")
      md.append("")
      md += sweepTable(sweep)
      md.append("")
    }
    md.append("### 组织变化 Changes by organization")
    md.append("")
    md.append("| 组织 organization | 职务 role | 状态 status | 原 previous | 新 new | 原因 reason |")
    md.append("|---|---|---|---|---|---|")
    for c in changes where c.status != .kept {
      let e = MarkdownText.cell
      md.append("| \(e(c.organization.rawValue)) \(e(c.organizationName)) | \(c.role.chineseName) | \(c.status.chineseName) \(c.status.rawValue) | \(e(c.previous?.rawValue ?? "")) | \(e(c.current?.rawValue ?? "")) | \(e(c.reason)) |")
    }
    md.append("")
    md.append("(\(counts[.kept] ?? 0) kept slots are listed in changes.csv.)")
    return md.joined(separator: "\n") + "\n"
  }

  /// The trade-off table with a text bar chart of the score above the smallest one.
  public static func sweepTable(_ points: [SweepPoint]) -> [String] {
    let scores = points.compactMap(\.score)
    let low = scores.min() ?? 0, high = scores.max() ?? 0
    var out = ["| 上限 budget | 调整 moves | 总分 score | 结果 outcome | |", "|---|---:|---:|---|---|"]
    for p in points {
      guard let score = p.score, let moves = p.moves else {
        out.append("| \(p.label) | — | — | \(p.verdict) | |")
        continue
      }
      let width = high > low ? Int(clamping: Double(score - low) / Double(high - low) * 30, .toNearestOrAwayFromZero, nan: 0) : 30
      out.append("| \(p.label) | \(moves) | \(score) | \(p.verdict) | `\(String(repeating: "█", count: width))` |")
    }
    return out
  }
}

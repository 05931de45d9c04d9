// The sweep and candidates page (score against moves; near-optimal alternatives) and the
// "start the next quarter" action from a published version.
import DispatchGenerator
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchReports
import Foundation
import Hummingbird
import WorkbenchStore

extension WorkbenchApp {
  static let defaultBudgets = "0, 1, 2, 5, 10, all"

  /// A free name for the next quarter's scenario: `<name>-下季度`, then `-下季度2`…
  static func nextName(_ scenario: String, in workspace: Workspace) -> String {
    let taken = Set(workspace.scenarioFolders().map(\.name))
    let base = String(scenario.prefix(34)) + "-下季度"
    var name = base, n = 1
    while taken.contains(name) {
      n += 1
      name = base + String(n)
    }
    return name
  }

  /// The versions a sweep may start from: the last quarter's published plans (any scenario's),
  /// then this scenario's history; the default is the newest publication that is not the current
  /// version, else the scenario's first plan.
  func sweepBases(_ s: String, current: PlanVersion) throws -> (bases: [PlanVersion], preferred: Int64) {
    var bases: [PlanVersion] = []
    for p in try store.allPublications() where !bases.contains(where: { $0.id == p.planVersion }) {
      if let v = try store.planVersion(p.planVersion) { bases.append(v) }
    }
    let published = bases.first { $0.id != current.id }
    for v in try store.historyVersions(s) where !bases.contains(where: { $0.id == v.id }) { bases.append(v) }
    let first = try store.historyVersions(s).last
    return (bases, published?.id ?? first?.id ?? current.id)
  }

  func sweepPage(_ request: Request, _ s: String) throws -> Response {
    let lang = Lang(request)
    guard let current = try store.currentVersion(s) else { return redirect("/s/\(encoded(s))") }
    let state = try store.state(of: s)
    let (bases, preferred) = try sweepBases(s, current: current.version)
    var context: [String: Any] = [
      "key": encoded(s), "name": s, "version": state.version, "id": current.version.id, "budgets": Self.defaultBudgets,
      "bases": bases.map { v -> [String: Any] in
        ["id": v.id, "selected": v.id == preferred,
         "label": "#\(v.id) \(v.scenario) · \(kindLabel(v.kind, lang: lang)) · \(v.objective)" + (v.id == current.version.id ? lang.t("（当前）", " (current)") : "")]
      },
      "t": [
        "title": lang.t("得分与变动人数、候选方案", "Score against moves, and candidate plans"),
        "sweepTitle": lang.t("得分与变动人数（扫描）", "Score against moves (sweep)"),
        "sweepHelp": lang.t("把场景现在的样子（台账和已采用的调整）从一个已有方案出发重新安排：在每个“最多变动人数”下求解，看少动人要付出多少分。不会改变任何方案。",
                            "Re-plans the scenario as it is now (ledger and accepted adjustments) from an earlier plan within each budget of moves, to see what moving fewer people costs. Changes nothing."),
        "base": lang.t("从哪个方案出发", "Start from"),
        "budgets": lang.t("变动人数上限（逗号分隔，all 表示不限）", "Budgets of moves (comma-separated; all = no budget)"),
        "runSweep": lang.t("开始扫描", "Run the sweep"),
        "candidatesTitle": lang.t("候选方案", "Candidate plans"),
        "candidatesHelp": lang.t("找几个与最优分相差不多、彼此各改动少数岗位的备选方案，供会上比较。不会改变任何方案。",
                                 "Finds a few plans close to the best score, each changing a few slots of the first, to compare in the meeting. Changes nothing."),
        "count": lang.t("方案个数", "How many"), "within": lang.t("与最优分相差不超过（%）", "Within (%) of the best score"),
        "runCandidates": lang.t("寻找候选方案", "Find candidates"),
        "running": lang.t("正在计算……本页每 2 秒刷新。", "Working… this page refreshes every 2 s."),
        "failed": lang.t("没有完成：", "Did not finish: "), "of": lang.t("基于方案", "Of plan"),
        "budget": lang.t("上限", "Budget"), "moves": lang.t("变动人数", "Moves"), "score": lang.t("得分", "Score"),
        "outcome": lang.t("结果", "Outcome"),
        "candidate": lang.t("候选", "Candidate"), "gap": lang.t("与最优差距", "Gap to the best"), "covered": lang.t("已覆盖", "Covered"),
        "differs": lang.t("与候选 1 不同的岗位", "Slots differing from #1"), "blocking": lang.t("互相更愿意的结对", "Blocking pairs"),
        "recommended": lang.t("推荐", "Recommended"), "org": lang.t("组织", "Organization"), "change": lang.t("得分变化", "Points"),
        "first": lang.t("候选 1", "#1"), "open": lang.t("空缺", "open"), "sweepNote": lang.t("得分含保持原指导员的延续加分。", "Scores include the continuity bonus for keeping an instructor."),
        "back": lang.t("返回场景", "Back to the scenario"),
      ],
    ]
    var shownStudies: [[String: Any]] = []
    for kind in [Study.Kind.sweep, .candidates] {
      guard let study = studies.study(kind, of: s) else { continue }
      let seconds = study.seconds ?? Date().timeIntervalSince(study.started)
      var shown: [String: Any] = ["of": study.version, "elapsed": String(format: "%.1f", seconds)]
      switch study.outcome {
      case nil:
        shown["running"] = true
        context["refresh"] = true
      case .failure(let failure)?:
        shown["error"] = failure.description
      case .success(.sweep(let replan))?:
        let points = replan.sweep
        shown["sweepShown"] = true
        let language: ReportLanguage = lang.english ? .english : .chinese
        shown["sweep"] = points.map { p -> [String: Any] in
          ["budget": p.budget(in: language), "moves": p.moves.map(String.init) ?? "—", "score": p.score.map(String.init) ?? "—",
           "verdict": p.verdict(in: language), "noPlan": !p.hasPlan]
        }
        // The report's own chart (report.html draws the same curve for `replan --sweep`).
        let chart = ReplanReport.chart(points, in: language)
        if let svg = chart.svg { shown["curve"] = svg; shown["hasCurve"] = true }
        if let note = chart.note { shown["curveNote"] = note }
      case .success(.candidates(let result))?:
        shown["candidatesShown"] = true
        shown["candidates"] = result.metrics.enumerated().map { k, m -> [String: Any] in
          ["number": k + 1, "score": m.score, "gap": m.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "—",
           "covered": "\(m.covered)/\(m.slots)", "differs": m.differentFromFirst.map(String.init) ?? "—", "blocking": m.blockingPairs,
           "recommended": k == result.recommended]
        }
        shown["differences"] = result.differences.enumerated().filter { !$0.element.isEmpty }.map { k, list -> [String: Any] in
          ["number": k + 1, "rows": list.map { d -> [String: Any] in
            ["org": "\(d.organizationName) (\(d.organization.rawValue))", "role": lang.english ? d.role.rawValue : d.role.chineseName,
             "first": d.firstInstructor?.rawValue ?? lang.t("空缺", "open"), "this": d.instructor?.rawValue ?? lang.t("空缺", "open"),
             "change": (d.scoreChange > 0 ? "+" : "") + String(d.scoreChange)]
          }]
        }
        if let shortfall = result.shortfall { shown["shortfall"] = shortfall }
      }
      shownStudies.append(shown)
    }
    context["studies"] = shownStudies
    return pages.page("sweep", context, title: s, crumbs: crumbs(s, [Crumb(label: lang.t("扫描与候选", "Sweep and candidates"), href: "/s/\(encoded(s))/sweep")]),
                      lang: lang, refresh: context["refresh"] != nil)
  }

  func startStudy(_ request: Request, _ s: String) async throws -> Response {
    let lang = Lang(request)
    let form = try await Form.read(request)
    if let stale = try outOfDate(form, s, back: "/s/\(encoded(s))/sweep", lang: lang) { return stale }
    let state = try store.state(of: s)
    guard let current = try store.currentVersion(s) else { throw WorkbenchFailure.refused(lang.t("请先制定方案", "make a plan first")) }
    let (bases, preferred) = try sweepBases(s, current: current.version)
    let baseID = form["base"].flatMap { Int64($0) } ?? preferred
    guard let base = bases.first(where: { $0.id == baseID }) else { throw WorkbenchFailure.notFound("plan version \(baseID)") }
    let kind = form["kind"].flatMap(Study.Kind.init(rawValue:)) ?? .sweep
    guard let budgets = SolveQueue.budgets(form["budgets"] ?? Self.defaultBudgets) else {
      throw WorkbenchFailure.refused(lang.t("变动人数上限应为 0–10000 的整数或 all，用逗号分隔，最多 12 个",
                                            "budgets are whole numbers from 0 to 10000 or all, comma-separated, at most 12"))
    }
    let count = min(10, max(2, form["count"].flatMap { Int($0) } ?? 3))
    let within = min(20, max(0.1, form["within"].flatMap { Double($0) } ?? 2)) / 100
    let edits = try store.edits(s, at: state.cursor)
    _ = solves.study(kind, scenario: s, base: kind == .sweep ? base : current.version, edits: edits, budgets: budgets, count: count,
                     within: within, studies: studies)
    return redirect("/s/\(encoded(s))/sweep")
  }

  /// Starts the next quarter from a published version: a new scenario (this ledger with the
  /// quarter's changes table applied, written as a new folder; the office's files untouched)
  /// whose first step is a re-plan from the published plan with the fewest moves.
  func startNextQuarter(_ request: Request, _ s: String) async throws -> Response {
    let lang = Lang(request)
    let parts = try await multipartParts(request, form: lang.t("请用“开始下一季度”表单", "use the next-quarter form"))
    func field(_ name: String) -> String? {
      parts.first { $0.name == name && $0.filename == nil }?.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    guard let name = field("name"), UploadPolicy.isSafeScenarioName(name) else {
      throw WorkbenchFailure.refused(lang.t("新场景名称只能用汉字、字母、数字、- 和 _", "a scenario name may use letters, digits, Chinese characters, - and _ only"))
    }
    guard let publicationID = field("publication").flatMap({ Int64($0) }), let publication = try store.publication(publicationID),
          publication.scenario == s, let published = try store.planVersion(publication.planVersion) else {
      throw WorkbenchFailure.notFound(lang.t("已发布的方案", "the published plan"))
    }
    let changes = parts.first { $0.name == "changes" && $0.filename != nil && !$0.body.isEmpty }
    let workspace = self.workspace, who = author(request)
    let target = workspace.root.appendingPathComponent("uploads", isDirectory: true).appendingPathComponent(name, isDirectory: true)
    guard (try? workspace.folder(of: name)) == nil, !FileManager.default.fileExists(atPath: target.path) else {
      throw WorkbenchFailure.refused(lang.t("已有同名场景，请换一个名称", "a scenario with this name exists already; choose another name"))
    }
    try await offload {
      var scenario = try workspace.load(s).scenario
      if let changes {
        guard UploadPolicy.isSafeFileName(changes.filename ?? ""), (changes.filename ?? "").lowercased().hasSuffix(".csv") else {
          throw WorkbenchFailure.refused("变动表应为 .csv 文件（dispatch replan --changes 的格式） the changes table is a .csv file (the format of dispatch replan --changes)")
        }
        // Read from a private copy so that its problems are located by the name the office gave it.
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("next-quarter-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        let file = staging.appendingPathComponent(changes.filename!)
        try Data(changes.body).write(to: file)
        do { scenario = try ChangeSetReader().read(file, for: scenario).applied(to: scenario) } catch let error as InputErrors {
          throw WorkbenchFailure.input(error)
        }
      }
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      do { try ScenarioWriter().write(scenario, to: target) } catch { throw WorkbenchFailure.output("\(error)") }
    }
    let job = try solves.submit(scenario: name, kind: .nextQuarter, edit: nil, author: who,
                                start: NextQuarterStart(previousFolder: workspace.url(of: published)))
    return redirect("/s/\(encoded(name))/jobs/\(job.id)")
  }
}

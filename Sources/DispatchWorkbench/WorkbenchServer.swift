//===----------------------------------------------------------------------===//
// `dispatch serve`: the office's workbench over a workspace folder.
// Routes (every POST carries the scenario version it was made against):
//   GET  /                          workspace: scenarios, their state, upload
//   GET  /s/:s                      scenario: problems in place, plan, jobs, history (undo/redo), publish
//   POST /s/:s/plan                 plan in the background → job page (live progress, cancel)
//   GET  /s/:s/review               the current plan: filters, roll-ups, adjust form
//   GET  /s/:s/explain/:org         why this instructor (a fragment with ?fragment=1)
//   POST /s/:s/edits                lock / forbid / capacity / absent → re-plan job → diff
//   POST /s/:s/jobs/:id/accept|discard|cancel,  GET /s/:s/jobs/:id[/events]
//   POST /s/:s/undo|redo|publish,   GET /s/:s/compare,  GET /files/:version/:name
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import DispatchReports
import Foundation
import Hummingbird
import MultipartKit
import WorkbenchStore

public struct WorkbenchConfiguration: Sendable {
  public var workspace: URL
  public var host: String
  public var port: Int
  /// Required unless bound to loopback.
  public var token: String?
  public var timeLimit: Double
  /// Seconds an adjustment's re-plan may run (it starts from the previous plan).
  public var editTimeLimit: Double
  public var uploadLimit: Int

  public init(workspace: URL, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, timeLimit: Double = 60,
              editTimeLimit: Double = 10, uploadLimit: Int = 20 * 1024 * 1024) {
    self.editTimeLimit = editTimeLimit
    self.workspace = workspace
    self.host = host
    self.port = port
    self.token = token
    self.timeLimit = timeLimit
    self.uploadLimit = uploadLimit
  }

  public static func isLoopback(_ host: String) -> Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }
}

public enum WorkbenchServer {
  /// Runs the server until the process is stopped.
  public static func run(_ configuration: WorkbenchConfiguration, onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
    let workspace = try Workspace(root: configuration.workspace)
    let app = try WorkbenchApp(workspace: workspace, configuration: configuration)
    app.warmUp()
    let router = Router()
    router.add(middleware: GuardMiddleware(token: configuration.token, pages: app.pages))
    app.routes(router)
    let application = Application(
      router: router,
      configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "dispatch-workbench"),
      onServerRunning: { channel in onRunning(channel.localAddress?.port ?? configuration.port) })
    try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
  }
}

final class WorkbenchApp: Sendable {
  let workspace: Workspace
  let solves: SolveQueue
  let explanations = ExplanationQueue()
  let studies = Studies()
  let pages: Pages
  let configuration: WorkbenchConfiguration

  init(workspace: Workspace, configuration: WorkbenchConfiguration) throws {
    self.workspace = workspace
    self.configuration = configuration
    solves = SolveQueue(workspace: workspace, timeLimit: configuration.timeLimit, editTimeLimit: configuration.editTimeLimit)
    pages = try Pages()
  }

  var store: WorkbenchStore { workspace.store }

  /// Rebuilds the current plan version of every scenario in the background after a start,
  /// so the first review, explanation or diff does not wait for it.
  func warmUp() {
    let workspace = self.workspace
    DispatchQueue.global(qos: .utility).async {
      for (name, _) in workspace.scenarioFolders() {
        if let current = try? workspace.store.currentVersion(name) { _ = try? workspace.view(current.version.id) }
      }
    }
  }

  /// A path parameter, percent-decoded (links encode scenario names and ids).
  func path(_ context: BasicRequestContext, _ name: String) throws -> String {
    let raw = try context.parameters.require(name)
    return raw.removingPercentEncoding ?? raw
  }

  func routes(_ router: Router<BasicRequestContext>) {
    router.get("/static/app.css") { _, _ in
      Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
               body: .init(byteBuffer: ByteBuffer(string: StaticAssets.css)))
    }
    router.get("/static/app.js") { _, _ in
      Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
               body: .init(byteBuffer: ByteBuffer(string: StaticAssets.js)))
    }
    router.get("/lang") { request, _ in
      let to = request.uri.queryParameters.get("to") == "en" ? "en" : "zh"
      var response = redirect(request.headers[.referer].flatMap { URL(string: $0)?.path } ?? "/")
      response.setCookie(Cookie(name: "lang", value: to, path: "/", httpOnly: true, sameSite: .lax))
      return response
    }
    router.get("/") { request, _ in try await offload { try self.workspacePage(request) } }
    router.post("/upload") { request, _ in try await self.upload(request) }
    router.get("/s/:s") { request, context in
      let s = try self.path(context, "s")
      return try await offload { try self.scenarioPage(request, s) }
    }
    router.post("/s/:s/plan") { request, context in try await self.startPlan(request, try self.path(context, "s")) }
    router.get("/s/:s/review") { request, context in
      let s = try self.path(context, "s")
      return try await offload { try self.reviewPage(request, s) }
    }
    router.get("/s/:s/explain/:org") { request, context in
      try await self.explainPage(request, try self.path(context, "s"), try self.path(context, "org"))
    }
    router.post("/s/:s/edits") { request, context in try await self.proposeEdit(request, try self.path(context, "s")) }
    router.get("/s/:s/jobs/:id") { request, context in
      let s = try self.path(context, "s"), id = try context.parameters.require("id", as: Int64.self)
      return try await offload { try self.jobPage(request, s, id) }
    }
    router.get("/s/:s/jobs/:id/events") { request, context in
      self.jobEvents(request, try context.parameters.require("id", as: Int64.self))
    }
    router.post("/s/:s/jobs/:id/accept") { request, context in
      try await self.accept(request, try self.path(context, "s"), try context.parameters.require("id", as: Int64.self))
    }
    router.post("/s/:s/jobs/:id/discard") { request, context in
      let s = try self.path(context, "s"), id = try context.parameters.require("id", as: Int64.self)
      try self.store.discard(jobID: id)
      self.solves.dropProposal(id)
      return redirect("/s/\(encoded(s))/review")
    }
    router.post("/s/:s/jobs/:id/cancel") { request, context in
      let s = try self.path(context, "s"), id = try context.parameters.require("id", as: Int64.self)
      self.solves.cancel(id)
      return redirect("/s/\(encoded(s))/jobs/\(id)")
    }
    router.post("/s/:s/undo") { request, context in try await self.move(request, try self.path(context, "s"), undo: true) }
    router.post("/s/:s/redo") { request, context in try await self.move(request, try self.path(context, "s"), undo: false) }
    router.post("/s/:s/publish") { request, context in try await self.publish(request, try self.path(context, "s")) }
    router.post("/s/:s/next-quarter") { request, context in try await self.startNextQuarter(request, try self.path(context, "s")) }
    router.get("/s/:s/compare") { request, context in
      let s = try self.path(context, "s")
      return try await offload { try self.comparePage(request, s) }
    }
    router.get("/s/:s/sweep") { request, context in
      let s = try self.path(context, "s")
      return try await offload { try self.sweepPage(request, s) }
    }
    router.post("/s/:s/sweep") { request, context in try await self.startStudy(request, try self.path(context, "s")) }
    router.get("/files/:version/:name") { request, context in
      let version = try context.parameters.require("version", as: Int64.self), name = try context.parameters.require("name")
      return try await offload { try self.download(version, name) }
    }
    // A small JSON API for scripts (the load test): the scenario's version and edit count.
    router.get("/api/s/:s/state") { request, context in
      let s = try self.path(context, "s")
      let state = try self.store.state(of: s)
      let current = try self.store.currentVersion(s)
      let json = "{\"version\":\(state.version),\"cursor\":\(state.cursor),\"edits\":\(try self.store.acceptedEditCount(s)),\"plan\":\(current?.version.id ?? 0)}"
      return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }
  }

  // MARK: - Helpers

  func author(_ request: Request, _ form: Form? = nil) -> String {
    if let name = form?["author"] { return String(name.prefix(40)) }
    if let name = request.cookies["who"]?.value.removingPercentEncoding, !name.isEmpty { return String(name.prefix(40)) }
    return "办公室 office"
  }

  func version(_ form: Form) throws -> Int {
    guard let text = form["version"], let v = Int(text) else {
      throw PageError(status: .badRequest, what: ("页面已过期", "This page is out of date"), todo: ("请刷新页面后重试。", "Reload the page and try again."))
    }
    return v
  }

  func conflict(_ c: VersionConflict, back: String, lang: Lang) -> Response {
    let events = c.since.map { ["author": $0.author, "action": $0.action, "detail": $0.detail, "at": short($0.at)] }
    return pages.page("conflict", [
      "t": ["title": lang.t("别人刚刚改过这个场景", "Someone else changed this scenario meanwhile"),
            "lead": lang.t("您的操作没有执行，以免覆盖别人的修改。别人做了：", "Your change was not made, so as not to overwrite theirs. They did:"),
            "reload": lang.t("查看最新状态", "See the latest state")],
      "events": events, "back": back,
    ], title: lang.t("版本冲突", "Version conflict"), lang: lang, status: .conflict)
  }

  /// The conflict page when the form was made against an older version of the scenario (someone
  /// changed it since); nil when the form is current.
  func outOfDate(_ form: Form, _ s: String, back: String, lang: Lang) throws -> Response? {
    let expected = try version(form)
    let state = try store.state(of: s)
    guard state.version != expected else { return nil }
    return conflict(VersionConflict(expected: expected, current: state.version, since: try store.events(s, after: expected)), back: back, lang: lang)
  }

  /// Runs a store change; a version conflict is returned (to be shown), any other failure thrown.
  func conflicting(_ change: () throws(StoreError) -> Void) throws(StoreError) -> VersionConflict? {
    do {
      try change()
      return nil
    } catch {
      if case .conflict(let c) = error { return c }
      throw error
    }
  }

  func short(_ iso: String) -> String { String(iso.prefix(19)).replacingOccurrences(of: "T", with: " ") }

  func statusLabel(_ optimal: Bool, _ status: PlanStatus, lang: Lang) -> String {
    if optimal { return lang.t("已证明最优", "proven optimal") }
    return switch status {
    case .optimal, .feasible: lang.t("未证明最优", "not proven optimal")
    case .infeasible: lang.t("无法覆盖全部岗位（已尽量覆盖）", "not every slot can be covered (as many as possible are)")
    case .coverageUnproven: lang.t("未证明能否覆盖全部岗位", "not proven whether every slot can be covered")
    }
  }

  func kindLabel(_ kind: PlanKind, lang: Lang) -> String {
    switch kind {
    case .plan: lang.t("方案", "plan")
    case .replan: lang.t("调整", "re-plan")
    case .nextQuarter: lang.t("下一季度", "next quarter")
    }
  }

  func crumbs(_ s: String, _ extra: [Crumb] = []) -> [Crumb] { [Crumb(label: s, href: "/s/\(encoded(s))")] + extra }

  // MARK: - Workspace

  func workspacePage(_ request: Request) throws -> Response {
    let lang = Lang(request)
    var rows: [[String: Any]] = []
    for (name, url) in workspace.scenarioFolders() {
      var problems = 0
      if case .failure(let errors) = try workspace.read(name) { problems = errors.errors.count }
      let current = try store.currentVersion(name)
      let published = try store.publications(name).first
      rows.append([
        "key": encoded(name), "name": name, "folder": workspace.relativePath(url), "ok": problems == 0, "problems": problems,
        "current": current.map { "#\($0.version.id) · \($0.version.objective) " + lang.t("分", "points") } ?? lang.t("尚无方案", "no plan yet"),
        "published": published.map { short($0.publishedAt) + " · " + $0.publishedBy } ?? "—",
      ])
    }
    let t = [
      "title": lang.t("工作区", "Workspace"), "lead": lang.t("选择一个场景（一套台账）开始：检查台账、制定方案、审阅、调整、发布。",
                                                    "Choose a scenario (one ledger) to check it, plan, review, adjust and publish."),
      "scenario": lang.t("场景", "Scenario"), "folder": lang.t("文件夹", "Folder"), "state": lang.t("台账检查", "Ledger check"),
      "current": lang.t("当前方案", "Current plan"), "published": lang.t("最近发布", "Last published"),
      "valid": lang.t("✓ 无误", "✓ clean"), "problems": lang.t("个问题", "problem(s)"), "none": lang.t("工作区里还没有台账。", "No ledger in this workspace yet."),
      "upload": lang.t("上传台账", "Upload a ledger"),
      "uploadHelp": lang.t("上传一套台账：CSV 文件，或一个 Excel 台账工作簿（.xlsx），合计不超过 20 MB。会建立一个新场景，原有文件不会被覆盖。",
                           "Upload a ledger: its CSV files, or one Excel ledger workbook (.xlsx), at most 20 MB in all. It becomes a new scenario; nothing existing is overwritten."),
      "uploadName": lang.t("场景名称", "Scenario name"), "uploadButton": lang.t("上传", "Upload"),
    ]
    return pages.page("workspace", ["t": t, "scenarios": rows], title: t["title"]!, lang: lang)
  }

  /// Uploads: one new scenario folder under `uploads/`, only ledger files, names confined to it.
  func upload(_ request: Request) async throws -> Response {
    let lang = Lang(request)
    let parts = try await multipartParts(request, form: lang.t("请用上传表单上传文件", "use the upload form"))
    guard let name = parts.first(where: { $0.name == "scenario" })?.text.trimmingCharacters(in: .whitespaces),
          UploadPolicy.isSafeScenarioName(name) else {
      throw WorkbenchFailure.refused(lang.t("场景名称只能用汉字、字母、数字、- 和 _", "a scenario name may use letters, digits, Chinese characters, - and _ only"))
    }
    let files = parts.filter { $0.filename != nil }
    let target = workspace.root.appendingPathComponent("uploads", isDirectory: true).appendingPathComponent(name, isDirectory: true)
    try UploadPolicy.write(files.map { ($0.filename!, $0.body) }, into: target, workspace: workspace.root)
    return redirect("/s/\(encoded(name))")
  }

  /// The parts of a multipart form (an upload), at most the upload limit in all.
  func multipartParts(_ request: Request, form: String) async throws -> [FormDataParser.Part] {
    guard let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
          let boundary = type.components(separatedBy: "boundary=").last?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) else {
      throw WorkbenchFailure.refused(form)
    }
    var request = request
    let buffer: ByteBuffer
    do { buffer = try await request.collectBody(upTo: configuration.uploadLimit) } catch {
      throw PageError(status: .contentTooLarge, what: ("文件太大", "The upload is too large"),
                      todo: ("每次上传合计不超过 20 MB。", "Keep an upload under 20 MB in total."))
    }
    return try FormDataParser.parts(buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? [], boundary: boundary)
  }

  // MARK: - Scenario

  func scenarioPage(_ request: Request, _ s: String) throws -> Response {
    let lang = Lang(request)
    let issues: [InputIssue]
    switch try workspace.read(s) {
    case .success(let loaded): issues = loaded.warnings
    case .failure(let errors): issues = errors.issues
    }
    let state = try store.state(of: s)
    let current = try store.currentVersion(s)
    let chain = Set(try store.activeChain(s).map(\.id))
    let steps = try store.allSteps(s)
    var history: [[String: Any]] = []
    for step in steps {
      let v = try store.planVersion(step.planVersion)
      history.append([
        "label": step.edit.map { $0.summary }
          ?? (v?.kind == .nextQuarter ? lang.t("下一季度：从已发布方案重新安排", "Next quarter: re-planned from the published plan") : lang.t("制定方案", "Plan")),
        "version": step.planVersion, "score": v?.objective ?? 0,
        "author": step.author, "at": short(step.createdAt), "active": chain.contains(step.id), "current": step.id == state.cursor,
      ])
    }
    let jobs = try store.recentJobs(s, limit: 6).map { job -> [String: Any] in
      ["key": encoded(s), "id": job.id, "kindLabel": job.edit?.summary ?? (job.kind == .nextQuarter ? lang.t("下一季度", "next quarter") : lang.t("制定方案", "plan")),
       "status": job.status.rawValue, "statusLabel": jobStatus(job.status, lang), "author": job.author, "createdAt": short(job.createdAt)]
    }
    let running = try store.recentJobs(s, limit: 20).contains { $0.kind != .edit && !$0.status.isFinished }
    let publications = try store.publications(s).map { p -> [String: Any] in
      let v = try? store.planVersion(p.planVersion)
      let names = v.map { PublishedFiles.names(in: workspace.url(of: $0)) } ?? []
      return ["id": p.id, "planVersion": p.planVersion, "by": p.publishedBy, "at": short(p.publishedAt), "hash": String(p.inputSHA256.prefix(12)) + "…",
              "files": names.map { ["name": $0, "href": "/files/\(p.planVersion)/\(encoded($0))"] }]
    }
    var context: [String: Any] = [
      "name": s, "key": encoded(s), "version": state.version, "blocked": running,
      "issues": ["any": !issues.isEmpty, "rows": issues.map { i -> [String: Any] in
        // A worksheet's problem names its sheet, as the CLI does (台账.xlsx!指导员, row 5, column E).
        ["file": (i.file as NSString).lastPathComponent + (i.sheet.map { "!" + $0 } ?? ""), "line": i.line.map(String.init) ?? "", "column": i.column ?? "",
         "severity": i.severity.rawValue, "severityLabel": i.severity == .error ? lang.t("错误", "error") : lang.t("提醒", "warning"),
         "message": i.message]
      }],
      "jobs": ["any": !jobs.isEmpty, "rows": jobs], "history": history, "canUndo": state.cursor != 0,
      "canRedo": try store.redoTarget(s) != nil, "publications": publications, "author": author(request),
      "t": [
        "problemsTitle": lang.t("台账检查发现的问题", "Problems found in the ledger"),
        "problemsHelp": lang.t("与命令行相同的检查；请在 Excel/WPS 中按文件、行、列改正后刷新本页。", "The same checks as the command line; fix them in Excel/WPS by file, line and column, then reload."),
        "file": lang.t("文件", "File"), "line": lang.t("行", "Line"), "column": lang.t("列", "Column"), "severity": lang.t("级别", "Kind"),
        "message": lang.t("说明", "Message"), "score": lang.t("总分", "Score"), "covered": lang.t("已覆盖", "Covered"),
        "status": lang.t("状态", "Status"), "version": lang.t("版本", "Version"), "review": lang.t("审阅方案", "Review the plan"),
        "compare": lang.t("比较", "Compare"), "noPlan": lang.t("还没有方案。点击“制定方案”，在后台求解。", "No plan yet. Press Plan to solve in the background."),
        "plan": lang.t("制定方案", "Plan"), "jobs": lang.t("最近的求解", "Recent solves"), "history": lang.t("调整历史", "History"),
        "undo": lang.t("撤销", "Undo"), "redo": lang.t("重做", "Redo"), "points": lang.t("分", "points"),
        "noHistory": lang.t("还没有历史。", "Nothing yet."), "publish": lang.t("发布", "Publish"), "who": lang.t("发布人", "Published by"),
        "publishButton": lang.t("发布当前方案（发布后不可更改）", "Publish the current plan (frozen for good)"), "when": lang.t("时间", "When"),
        "inputHash": lang.t("输入指纹", "Input hash"), "downloads": lang.t("下载", "Downloads"), "noPublications": lang.t("尚未发布。", "Not published yet."),
        "sweep": lang.t("扫描与候选方案", "Sweep and candidates"),
        "nextQuarter": lang.t("开始下一季度", "Start the next quarter"),
        "nextQuarterHelp": lang.t("从最近发布的方案出发：把本季度的变动表（dispatch replan --changes 的格式：新开、关闭的组织，离开、加入的指导员……）用到台账上，另存为一个新场景（原台账不变），再以最少的人员变动重新安排。",
                                  "Starts from the latest published plan: the quarter's changes table (the format of dispatch replan --changes: organizations opened or closed, instructors who left or joined…) is applied to the ledger and saved as a new scenario (this ledger is untouched), then re-planned with the fewest moves."),
        "nextName": lang.t("新场景名称", "New scenario's name"), "changesFile": lang.t("变动表（可不选）", "Changes table (optional)"),
        "nextQuarterButton": lang.t("开始下一季度", "Start the next quarter"),
      ],
    ]
    if let latest = try store.publications(s).first {
      context["latestPublication"] = ["id": latest.id, "suggestedName": Self.nextName(s, in: workspace)]
    }
    if let current {
      context["current"] = ["key": encoded(s), "id": current.version.id, "score": current.version.objective, "assigned": current.version.assigned,
                            "slots": current.version.slots, "statusLabel": statusLabel(current.version.optimal, current.version.status, lang: lang),
                            "version": state.version, "author": author(request)]
    }
    return pages.page("scenario", context, title: s, crumbs: crumbs(s), lang: lang)
  }

  func jobStatus(_ status: JobStatus, _ lang: Lang) -> String {
    switch status {
    case .queued: lang.t("排队中", "queued")
    case .running: lang.t("求解中", "running")
    case .ready: lang.t("待确认", "waiting for you")
    case .accepted: lang.t("已采用", "accepted")
    case .discarded: lang.t("已放弃", "discarded")
    case .failed: lang.t("失败", "failed")
    case .cancelled: lang.t("已取消", "cancelled")
    case .interrupted: lang.t("被中断", "interrupted")
    case .stale: lang.t("已过期", "out of date")
    }
  }

  func startPlan(_ request: Request, _ s: String) async throws -> Response {
    let form = try await Form.read(request)
    _ = try workspace.folder(of: s)
    if let stale = try outOfDate(form, s, back: "/s/\(encoded(s))", lang: Lang(request)) { return stale }
    let workspace = self.workspace
    _ = try await offload { try workspace.load(s) }
    let job = try solves.submit(scenario: s, kind: .plan, edit: nil, author: author(request, form))
    return redirect("/s/\(encoded(s))/jobs/\(job.id)")
  }

  // MARK: - Review

  func reviewPage(_ request: Request, _ s: String) throws -> Response {
    let lang = Lang(request)
    guard let current = try store.currentVersion(s) else { return redirect("/s/\(encoded(s))") }
    let view = try workspace.view(current.version.id)
    let state = try store.state(of: s)
    let q = request.uri.queryParameters
    let filter = PlanFilter(district: q.get("district"), region: q.get("region"), unit: q.get("unit"), instructor: q.get("instructor"),
                            keyOnly: q.get("key") == "1", openOnly: q.get("open") == "1")
    let table = PlanRows(view: view)
    let shown = table.rows.filter { filter.admits($0) }
    let limit = 600
    let rows = shown.prefix(limit).map { r -> [String: Any] in
      var row: [String: Any] = [
        "scenarioKey": encoded(s), "orgKey": encoded(r.organization.id.rawValue), "orgID": r.organization.id.rawValue,
        "orgName": r.organization.name, "regionName": r.region?.name ?? r.organization.region.rawValue,
        "role": lang.english ? r.role.rawValue : r.role.chineseName, "key": r.organization.keyProject, "remote": r.region?.remote == true,
        "open": r.instructor == nil, "points": r.points.map(String.init) ?? "", "unitName": r.unit?.name ?? "",
        "reason": r.openReason.map { reasonText($0, lang) } ?? "",
      ]
      if let i = r.instructor { row["instructorID"] = i.id.rawValue; row["instructorName"] = i.name }
      return row
    }
    let scenario = view.model.scenario
    let districts = Set(scenario.regions.compactMap(\.grid)).sorted()
    let t: [String: String] = [
      "title": lang.t("方案", "Plan"), "score": lang.t("总分", "Score"), "covered": lang.t("已覆盖", "Covered"),
      "openSlots": lang.t("空缺", "Open slots"), "status": lang.t("状态", "Status"), "remote": lang.t("边远地区覆盖", "Remote places covered"),
      "key": lang.t("重点项目覆盖", "Key projects covered"), "district": lang.t("网格", "District"), "region": lang.t("区域", "Region"),
      "unit": lang.t("选派单位", "Unit"), "instructor": lang.t("指导员", "Instructor"), "keyOnly": lang.t("只看重点项目", "Key projects only"),
      "openOnly": lang.t("只看空缺", "Open slots only"), "filter": lang.t("筛选", "Filter"), "clear": lang.t("清除", "Clear"),
      "all": lang.t("全部", "All"), "rows": lang.t("行", "rows"), "org": lang.t("组织", "Organization"), "role": lang.t("职务", "Role"),
      "points": lang.t("得分", "Points"), "why": lang.t("为什么？", "Why?"), "keyTag": lang.t("重点", "key"), "remoteTag": lang.t("边远", "remote"),
      "open": lang.t("空缺", "open"), "truncated": lang.t("只显示前 600 行，请用筛选缩小范围。", "Only the first 600 rows are shown; narrow them with the filters."),
      "clickHint": lang.t("点击组织名称，这里会说明为什么派这位指导员、换人要付出什么。", "Click an organization to see why it got its instructor and what any other choice would cost."),
      "adjust": lang.t("调整", "Adjust"),
      "adjustHelp": lang.t("调整会以最少的人员变动重新求解，先给您看变动，确认后才采用。", "An adjustment is re-solved with the fewest moves and shown to you before it is accepted."),
      "action": lang.t("操作", "Action"), "lock": lang.t("锁定（必须派）", "Lock (must assign)"), "forbid": lang.t("禁止（不能派）", "Forbid (must not)"),
      "capacity": lang.t("改联系上限", "Change capacity"), "absent": lang.t("标记缺席", "Mark absent"), "newCapacity": lang.t("新上限", "New capacity"),
      "try": lang.t("试算", "Try it"), "rollup": lang.t("各区域覆盖", "Coverage by region"), "loads": lang.t("指导员负担", "Instructor loads"),
      "bound": lang.t("上界（最好可能的得分）", "Bound (best possible score)"), "gap": lang.t("与上界的差距", "Gap to the bound"),
      "stopped": lang.t("求解被提前停止，这是停止时找到的最好方案。", "The solve was stopped early; this is the best plan it had found."),
      "fullReport": lang.t("完整报告", "Full report"), "reportTitle": lang.t("方案报告（图表与汇总）", "The plan's report (charts and roll-ups)"),
    ]
    var loadCount: [Int: Int] = [:]
    var loadOf: [InstructorID: Int] = [:]
    for a in view.plan.assignments { loadOf[a.instructor, default: 0] += 1 }
    for i in scenario.instructors { loadCount[loadOf[i.id] ?? 0, default: 0] += 1 }
    let maxLoadCount = max(1, loadCount.values.max() ?? 1)
    let rollup = table.rollup()
    let files = PublishedFiles.names(in: workspace.url(of: view.version))
    var context: [String: Any] = [
      "t": t, "name": s, "id": view.version.id, "scenarioKey": encoded(s), "version": state.version,
      "score": view.plan.totalScore, "assigned": view.plan.assignments.count, "slots": view.model.slots.count,
      "open": view.plan.uncovered.count, "statusLabel": statusLabel(view.version.optimal, view.version.status, lang: lang),
      "remoteCovered": table.rows.filter { $0.region?.remote == true && $0.instructor != nil }.count,
      "remoteSlots": table.rows.filter { $0.region?.remote == true }.count,
      "keyCovered": table.rows.filter { $0.organization.keyProject && $0.instructor != nil }.count,
      "keySlots": table.rows.filter { $0.organization.keyProject }.count,
      "districts": districts.map { ["value": $0, "selected": $0 == filter.district] },
      "regions": scenario.regions.map { ["id": $0.id.rawValue, "value": $0.name, "selected": $0.id.rawValue == filter.region] },
      "units": scenario.units.map { ["id": $0.id.rawValue, "value": $0.name, "selected": $0.id.rawValue == filter.unit] },
      "q": ["instructor": filter.instructor ?? "", "key": filter.keyOnly, "open": filter.openOnly],
      "rows": Array(rows), "shown": shown.count, "total": table.rows.count, "truncated": shown.count > limit,
      "orgOptions": scenario.organizations.map { ["id": $0.id.rawValue, "name": $0.name] },
      "instructorOptions": scenario.instructors.map { ["id": $0.id.rawValue, "name": $0.name] },
      "rollup": rollup.map { ["name": $0.name, "covered": $0.covered, "slots": $0.slots, "remote": $0.remote,
                              "pct": $0.slots == 0 ? 0 : $0.covered * 100 / $0.slots] },
      "loads": loadCount.keys.sorted().map { ["label": lang.t("负责 \($0) 个", "\($0) each"), "count": loadCount[$0]!, "pct": loadCount[$0]! * 100 / maxLoadCount] },
      "files": files.map { ["name": $0, "href": "/files/\(view.version.id)/\(encoded($0))"] },
      "reportHref": files.contains("report.html") ? "/files/\(view.version.id)/report.html" : "/files/\(view.version.id)/report.md",
    ]
    if files.contains("report.html") { context["reportHTML"] = "/files/\(view.version.id)/report.html" }
    // Not proven optimal: say how far from the best it can be (the bound and gap summary.json records),
    // and whether the office stopped the solve early.
    let summaryURL = workspace.url(of: view.version).appendingPathComponent(PlanWriter.summaryFile)
    if let data = FileManager.default.contents(atPath: summaryURL.path), let summary = try? JSONDecoder().decode(PlanSummary.self, from: data) {
      if !summary.optimal {
        context["bound"] = summary.bound.map(String.init) ?? "—"
        context["gap"] = summary.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "—"
      }
      if summary.stoppedOnRequest == true { context["stopped"] = true }
    }
    return pages.page("review", context, title: s, crumbs: crumbs(s, [Crumb(label: t["title"]!, href: "/s/\(encoded(s))/review")]), lang: lang)
  }

  func reasonText(_ reason: UncoveredReason, _ lang: Lang) -> String {
    switch reason {
    case .noEligibleInstructor: lang.t("没有可派的指导员", "no eligible instructor")
    case .capacityExhausted(let n): lang.t("\(n) 位可派指导员的名额已用完", "the \(n) eligible instructors are all full")
    }
  }

  // MARK: - Explain

  func explainPage(_ request: Request, _ s: String, _ org: String) async throws -> Response {
    let lang = Lang(request)
    guard let current = try store.currentVersion(s) else { return redirect("/s/\(encoded(s))") }
    let workspace = self.workspace
    let view = try await offload { try workspace.view(current.version.id) }
    let state = try store.state(of: s)
    let fragment = request.uri.queryParameters.get("fragment") == "1"
    // An explanation of a city prices each next-best instructor by a re-solve: when it is not
    // ready in a few seconds, say so (202) and let the page ask again; it goes on meanwhile.
    guard let explanation = try await explanations.explanation(of: OrganizationID(org), in: view, waiting: 6) else {
      let href = "/s/\(encoded(s))/explain/\(encoded(org))"
      let context: [String: Any] = ["pending": true, "href": href, "orgID": org,
                                    "t": ["pending": lang.t("正在计算每位其他人选的代价，请稍候，本页会自动刷新……",
                                                            "Pricing each next-best instructor; this refreshes by itself in a moment…")]]
      if fragment { return pages.fragment("explain", context, status: .accepted) }
      return pages.page("explain", context, title: org, crumbs: crumbs(s), lang: lang, status: .accepted)
    }
    let base = view.outcome.objective
    let slots = explanation.slots.map { slot -> [String: Any] in
      var out: [String: Any] = ["role": lang.english ? slot.role.rawValue : slot.role.chineseName, "eligible": slot.eligibleCount]
      if let p = slot.planned {
        out["planned"] = ["name": p.instructorName, "id": p.instructor.rawValue, "score": p.score, "scenarioKey": encoded(s),
                          "version": state.version, "orgID": org,
                          "terms": p.breakdown.map { ["points": ($0.points > 0 ? "+" : "") + String($0.points), "note": $0.note] }]
      }
      out["alternatives"] = slot.alternatives.map { c -> [String: Any] in
        var cost: String
        if let impossible = c.impossible { cost = lang.t("不可行：", "impossible: ") + impossible }
        else if let locked = c.lockedObjective {
          let lost = base.score - locked.score
          let uncovered = base.covered - locked.covered
          cost = lost == 0 ? lang.t("总分不变", "no points lost") : lang.t("总分少 \(lost) 分", "\(lost) points fewer")
          if uncovered > 0 { cost += lang.t("，多 \(uncovered) 个空缺", ", \(uncovered) more open") }
        } else { cost = "—" }
        if !c.exact, c.impossible == nil { cost += lang.t("（按交换估算）", " (by exchange)") }
        let names = Dictionary(view.model.scenario.organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let moves = c.otherMoves.prefix(6).map { m in (names[m.organization] ?? m.organization.rawValue) }
        var moved = moves.joined(separator: lang.t("、", ", "))
        if c.otherMoves.count > 6 { moved += lang.t(" 等 \(c.otherMoves.count) 个", " and \(c.otherMoves.count - 6) more") }
        return ["name": c.instructorName, "id": c.instructor.rawValue, "score": c.score, "cost": cost, "canLock": c.impossible == nil,
                "scenarioKey": encoded(s), "version": state.version, "orgID": org].merging(moved.isEmpty ? [:] : ["moved": moved]) { a, _ in a }
      }
      return out
    }
    let t = [
      "assigned": lang.t("已派", "Assigned"), "points": lang.t("分", "points"), "open": lang.t("空缺", "Open"),
      "eligible": lang.t("位指导员可派", "eligible instructors"), "alternative": lang.t("其他人选", "Next best"),
      "cost": lang.t("换成他/她的代价", "Cost of choosing them"), "moved": lang.t("随之变动的组织：", "Others that move: "),
      "lockThis": lang.t("锁定此人", "Lock"), "forbidThis": lang.t("禁止当前人选", "Forbid the current instructor"),
    ]
    var context: [String: Any] = ["t": t, "orgName": explanation.organizationName, "orgID": org, "slots": slots]
    if !view.version.optimal || view.model.slots.count > 300 {
      let seconds = Int(ExplanationQueue.limit(for: view))
      context["note"] = lang.t("代价是与当前方案相比、每次限时 \(seconds) 秒重算的结果；当前方案\(view.version.optimal ? "已" : "未")证明最优，代价可能略有出入。",
                               "Costs compare with this plan, each re-solve limited to \(seconds) s; this plan is \(view.version.optimal ? "" : "not ")proven optimal, so a cost may be slightly off.")
    }
    if fragment { return pages.fragment("explain", context) }
    return pages.page("explain", context, title: explanation.organizationName,
                      crumbs: crumbs(s, [Crumb(label: lang.t("方案", "Plan"), href: "/s/\(encoded(s))/review")]), lang: lang)
  }


  // MARK: - Edits, jobs, accept

  /// Proposes an adjustment: queued as a re-plan of the current version. A diff ready within
  /// a moment is shown at once (303 to it); otherwise the answer is 202 with the job's live
  /// progress page (its Location), which turns into the diff when the re-plan is done.
  func proposeEdit(_ request: Request, _ s: String) async throws -> Response {
    let lang = Lang(request)
    let form = try await Form.read(request)
    if let stale = try outOfDate(form, s, back: "/s/\(encoded(s))/review", lang: lang) { return stale }
    guard let kind = form["kind"].flatMap(ScenarioEdit.Kind.init(rawValue:)), let instructor = form["instructor"] else {
      throw WorkbenchFailure.refused(lang.t("请选择操作和指导员", "choose an action and an instructor"))
    }
    let edit = ScenarioEdit(kind: kind, organization: form["organization"].map(OrganizationID.init), instructor: InstructorID(instructor),
                            capacity: form["capacity"].flatMap { Int($0) })
    let workspace = self.workspace
    let loaded = try await offload { try workspace.load(s) }
    if let problem = edit.problem(in: loaded.scenario) { throw WorkbenchFailure.refused(problem) }
    let job = try solves.submit(scenario: s, kind: .edit, edit: edit, author: author(request, form))
    let location = "/s/\(encoded(s))/jobs/\(job.id)"
    if await solves.wait(for: job.id, seconds: 2) { return redirect(location) }
    var response = try await offload { try self.jobPage(request, s, job.id) }
    response.status = .accepted
    response.headers[.location] = location
    return response
  }

  func jobPage(_ request: Request, _ s: String, _ id: Int64) throws -> Response {
    let lang = Lang(request)
    guard let job = try store.job(id), job.scenario == s else { throw WorkbenchFailure.notFound("job \(id)") }
    if job.kind != .edit, [.accepted, .cancelled].contains(job.status) { return redirect("/s/\(encoded(s))/review") }
    let title = switch job.kind {
    case .plan: lang.t("制定方案", "Planning")
    case .nextQuarter: lang.t("下一季度：从已发布方案重新安排", "Next quarter: re-planned from the published plan")
    case .edit: lang.t("调整：", "Adjustment: ") + (job.edit?.summary ?? "")
    }
    var context: [String: Any] = ["key": encoded(s), "id": id, "title": title]
    context["t"] = [
      "runningHelp": lang.t("在后台求解，您可以离开本页，稍后回来查看。", "Solving in the background; you may leave and come back."),
      "autoRefresh": lang.t("本页每 2 秒刷新。", "This page refreshes every 2 s."), "cancel": lang.t("停止", "Stop"),
      "cancelHelp": lang.t("停止后保留目前找到的最好方案，并如实标明是否最优。", "Stopping keeps the best plan found so far, marked honestly as optimal or not."),
      "best": lang.t("目前最好方案得分", "Best plan so far"), "bound": lang.t("上界", "Bound"), "gap": lang.t("差距", "Gap"),
      "failed": lang.t("求解没有完成", "The solve did not finish"), "back": lang.t("返回场景", "Back to the scenario"),
      "stale": job.kind == .edit
        ? lang.t("这个调整提出后，场景已被别人修改（另一项调整已采用），所以没有求解。请在最新方案上重新试算。",
                 "The scenario changed after this adjustment was proposed (another one was accepted), so it was not solved. Try it again on the latest plan.")
        : lang.t("求解期间场景已被修改，这个结果没有采用。请重新制定方案。", "The scenario changed while this ran, so its result was not used. Plan again."),
      "diffTitle": lang.t("变动一览（尚未采用）", "What changes (not yet accepted)"), "moves": lang.t("人员变动", "Moves"),
      "delta": lang.t("得分变化", "Points gained or lost"), "score": lang.t("总分", "Score"), "covered": lang.t("已覆盖", "Covered"),
      "org": lang.t("组织", "Organization"), "role": lang.t("职务", "Role"), "before": lang.t("原指导员", "Before"),
      "after": lang.t("新指导员", "After"), "points": lang.t("得分变化", "Points"), "noMoves": lang.t("没有人员变动。", "Nobody moves."),
      "accept": lang.t("采用这个调整", "Accept this adjustment"), "discard": lang.t("放弃", "Discard"),
    ]
    switch job.status {
    case .queued, .running:
      let live = LiveProgress(solves.progress(of: id), lang: lang)
      context["running"] = true
      context["phase"] = live.phase
      context["elapsed"] = live.elapsed
      context["limit"] = live.limit
      context["pct"] = live.pct
      context["best"] = live.best
      context["bound"] = live.bound
      context["gap"] = live.gap
    case .failed, .interrupted, .cancelled, .discarded:
      context["failed"] = true
      context["error"] = job.error ?? jobStatus(job.status, lang)
    case .stale:
      context["stale"] = true
    case .ready, .accepted:
      let after: PlanView
      if let proposal = solves.proposal(id) {
        after = proposal.after
      } else if let newID = job.planVersion {
        after = try workspace.view(newID)
      } else {
        context["failed"] = true
        context["error"] = lang.t("这个调整的结果已不在（服务器重启过或结果过多），请重新试算。",
                                  "This adjustment's result is no longer held (the server restarted, or too many were waiting); try it again.")
        break
      }
      if job.kind == .edit, let base = try store.allSteps(s).first(where: { $0.id == job.baseStep }) {
        let before = try workspace.view(base.planVersion)
        var diff = diffContext(before: before, after: after, job: job, lang: lang)
        if let proposal = solves.proposal(id) {
          // What the re-plan took, and where the time went (summary.json's timings of the re-plan).
          let t = proposal.replan.result.summary.timings
          let f = { (x: Double) in String(format: "%.2f", x) }
          let cold = proposal.replan.figures.cold.map { c in (lang.t("，不计延续的分数界 ", ", score bound without continuity "), f(c.seconds)) }
          diff["timing"] = lang.t("重新求解用时 \(f(proposal.seconds)) 秒（建模 \(f(t.build))，求解 \(f(t.solve))\(cold.map { $0.0 + $0.1 } ?? "")）",
                                  "Re-planned in \(f(proposal.seconds)) s (model \(f(t.build)), solve \(f(t.solve))\(cold.map { $0.0 + $0.1 } ?? ""))")
          diff["seconds"] = f(proposal.seconds)
        }
        context["diff"] = diff
      }
    }
    return pages.page("job", context, title: title, crumbs: crumbs(s), lang: lang)
  }

  func diffContext(before: PlanView, after: PlanView, job: Job, lang: Lang) -> [String: Any] {
    let diff = PlanDiff(before: before, after: after)
    let delta = after.plan.totalScore - before.plan.totalScore
    return [
      "moves": diff.rows.count, "delta": (delta > 0 ? "+" : "") + String(delta), "deltaClass": delta < 0 ? "loss" : "gain",
      "before": before.plan.totalScore, "after": after.plan.totalScore,
      "assignedBefore": before.plan.assignments.count, "assignedAfter": after.plan.assignments.count,
      "ready": job.status == .ready, "baseVersion": job.baseVersion, "key": encoded(job.scenario), "id": job.id,
      "rows": diff.rows.map { r -> [String: Any] in
        ["orgName": r.organizationName, "orgID": r.organization.rawValue, "role": lang.english ? r.role.rawValue : r.role.chineseName,
         "before": r.before ?? lang.t("（空缺）", "(open)"), "after": r.after ?? lang.t("（空缺）", "(open)"),
         "change": (r.pointsChange > 0 ? "+" : "") + String(r.pointsChange), "cls": r.pointsChange < 0 ? "loss" : "gain"]
      },
    ]
  }

  func jobEvents(_ request: Request, _ id: Int64) -> Response {
    let lang = Lang(request)
    let solves = self.solves, store = self.store
    let body = ResponseBody { writer in
      while true {
        let done = (try? store.job(id)).flatMap { $0 }.map { $0.status.isFinished } ?? true
        let live = LiveProgress(solves.progress(of: id), lang: lang)
        try await writer.write(ByteBuffer(string: "data: \(live.json(done: done))\n\n"))
        if done { break }
        try await Task.sleep(for: .milliseconds(400))
      }
      try await writer.finish(nil)
    }
    return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
  }

  func accept(_ request: Request, _ s: String, _ id: Int64) async throws -> Response {
    let form = try await Form.read(request)
    let expected = try version(form), who = author(request, form)
    guard let job = try store.job(id), job.scenario == s, job.kind == .edit else { throw WorkbenchFailure.notFound("job \(id)") }
    let solves = self.solves
    if let c = try await offload({ try solves.accept(job, expectedVersion: expected, author: who) }) {
      return conflict(c, back: "/s/\(encoded(s))/review", lang: Lang(request))
    }
    return redirect("/s/\(encoded(s))/review")
  }

  func move(_ request: Request, _ s: String, undo: Bool) async throws -> Response {
    let form = try await Form.read(request)
    let expected = try version(form), who = author(request, form)
    let store = self.store
    if let c = try conflicting({ () throws(StoreError) in
      if undo { try store.undo(s, expectedVersion: expected, author: who) } else { try store.redo(s, expectedVersion: expected, author: who) }
    }) {
      return conflict(c, back: "/s/\(encoded(s))", lang: Lang(request))
    }
    return redirect("/s/\(encoded(s))")
  }

  func publish(_ request: Request, _ s: String) async throws -> Response {
    let form = try await Form.read(request)
    guard let current = try store.currentVersion(s) else { throw WorkbenchFailure.refused("还没有方案可发布 there is no plan to publish yet") }
    let folder = workspace.url(of: current.version)
    let files = PublishedFiles.names(in: folder).map { "\($0) \(PublishedFiles.sha256(folder.appendingPathComponent($0)))" }.joined(separator: "\n")
    let expected = try version(form), who = author(request, form)
    let store = self.store
    if let c = try conflicting({ () throws(StoreError) in _ = try store.publish(s, expectedVersion: expected, author: who, files: files) }) {
      return conflict(c, back: "/s/\(encoded(s))", lang: Lang(request))
    }
    var response = redirect("/s/\(encoded(s))")
    if let who = form["author"] { response.setCookie(Cookie(name: "who", value: encoded(who), path: "/", httpOnly: true, sameSite: .lax)) }
    return response
  }

  // MARK: - Compare

  func comparePage(_ request: Request, _ s: String) throws -> Response {
    let lang = Lang(request)
    let versions = try store.historyVersions(s)
    let q = request.uri.queryParameters
    let a = q.get("a").flatMap(Int64.init) ?? versions.last?.id
    let b = q.get("b").flatMap(Int64.init) ?? versions.first?.id
    func label(_ v: PlanVersion) -> String { kindLabel(v.kind, lang: lang) + " · \(v.objective)" }
    var context: [String: Any] = [
      "name": s, "key": encoded(s),
      "versions": versions.map { ["id": $0.id, "label": label($0), "isA": $0.id == a, "isB": $0.id == b] },
      "t": ["title": lang.t("方案比较", "Compare plans"), "show": lang.t("比较", "Compare"), "score": lang.t("总分", "Score"),
            "covered": lang.t("已覆盖", "Covered"), "status": lang.t("状态", "Status"), "differences": lang.t("不同的岗位数", "Slots that differ"),
            "org": lang.t("组织", "Organization"), "curve": lang.t("得分与变动人数", "Score against moves"),
            "curveHelp": lang.t("每个调整后的方案：相对上一版的人员变动与总分。", "Each re-plan: people moved against the version before, and its score."),
            "moves": lang.t("变动", "Moves"), "change": lang.t("方案", "Version"),
            "sweepLink": lang.t("按变动人数上限扫描、寻找候选方案 →", "Sweep budgets of moves, find candidate plans →")],
    ]
    if let a, let b, versions.contains(where: { $0.id == a }), versions.contains(where: { $0.id == b }) {
      let va = try workspace.view(a), vb = try workspace.view(b)
      let diff = PlanDiff(before: va, after: vb)
      func side(_ v: PlanView) -> [String: Any] {
        ["id": v.version.id, "score": v.plan.totalScore, "assigned": v.plan.assignments.count, "slots": v.model.slots.count,
         "status": statusLabel(v.version.optimal, v.version.status, lang: lang)]
      }
      context["pair"] = ["a": side(va), "b": side(vb), "differences": diff.rows.count,
                         "rows": diff.rows.prefix(300).map { ["org": "\($0.organizationName) (\($0.organization.rawValue))", "a": $0.before ?? "—", "b": $0.after ?? "—"] }]
    }
    let points = versions.filter { $0.moves != nil }.reversed().map { (id: $0.id, moves: $0.moves!, score: $0.objective, label: label($0)) }
    context["points"] = points.map { ["id": $0.id, "moves": $0.moves, "score": $0.score, "label": $0.label] }
    if !points.isEmpty {
      context["curve"] = SVGChart.line(points.map { (x: Double($0.moves), y: Double($0.score), label: "\($0.moves)") },
                                       title: lang.t("调整人次与方案得分", "Score against moves"), xLabel: lang.t("调整人次", "moves"),
                                       yLabel: lang.t("得分", "score"))
    }
    return pages.page("compare", context, title: s, crumbs: crumbs(s), lang: lang)
  }

  // MARK: - Downloads

  func download(_ versionID: Int64, _ rawName: String) throws -> Response {
    let name = rawName.removingPercentEncoding ?? rawName
    guard let version = try store.planVersion(versionID) else { throw WorkbenchFailure.notFound("plan version \(versionID)") }
    let folder = workspace.url(of: version)
    guard PublishedFiles.names(in: folder).contains(name) else { throw WorkbenchFailure.notFound(name) }
    let data = try Data(contentsOf: folder.appendingPathComponent(name))
    let type: String = switch (name as NSString).pathExtension {
    case "csv": "text/csv; charset=utf-8"
    case "json": "application/json"
    case "md": "text/markdown; charset=utf-8"
    case "html": "text/html; charset=utf-8"
    case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    case "pdf": "application/pdf"
    default: "application/octet-stream"
    }
    let disposition = name.hasSuffix(".html") ? "inline" : "attachment; filename*=UTF-8''\(encoded(name))"
    return Response(status: .ok, headers: [.contentType: type, .contentDisposition: disposition],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }
}

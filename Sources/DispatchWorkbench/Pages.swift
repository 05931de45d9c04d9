// Renders pages: a template for the body, the layout around it, the language chosen.
import Foundation
import Hummingbird
import Mustache

struct Crumb { let label: String; let href: String }

final class Pages: Sendable {
  let library: MustacheLibrary

  init() throws {
    var library = MustacheLibrary()
    for (name, text) in Templates.all { try library.register(text, named: name) }
    self.library = library
  }

  func html(_ template: String, _ context: [String: Any], title: String, crumbs: [Crumb] = [], lang: Lang, refresh: Bool = false) -> String {
    let body = library.render(context, withTemplate: template) ?? ""
    let layout: [String: Any] = [
      "refresh": refresh,
      "lang": lang.english ? "en" : "zh-CN", "title": title, "body": body,
      "app": lang.t("党建指导员选派工作台", "Instructor dispatch workbench"),
      "crumbs": crumbs.map { ["label": $0.label, "href": $0.href] },
      "otherLang": lang.english ? "zh" : "en", "otherLangLabel": lang.english ? "中文" : "English",
      "footer": lang.t("数据保存在本工作区；台账文件不会被修改。", "Everything stays in this workspace; the ledger files are never modified."),
    ]
    return library.render(layout, withTemplate: "layout") ?? body
  }

  func page(_ template: String, _ context: [String: Any], title: String, crumbs: [Crumb] = [], lang: Lang,
            status: HTTPResponse.Status = .ok, refresh: Bool = false) -> Response {
    htmlResponse(html(template, context, title: title, crumbs: crumbs, lang: lang, refresh: refresh), status: status)
  }

  func fragment(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
    htmlResponse(library.render(context, withTemplate: template) ?? "", status: status)
  }

  func error(_ e: PageError, lang: Lang) -> Response {
    var context: [String: Any] = ["what": lang.t(e.what.zh, e.what.en), "todo": lang.t(e.todo.zh, e.todo.en),
                                  "home": lang.t("回到工作区", "Back to the workspace")]
    if let detail = e.detail { context["detail"] = detail }
    return page("error", context,
         title: lang.t(e.what.zh, e.what.en), lang: lang, status: e.status)
  }
}

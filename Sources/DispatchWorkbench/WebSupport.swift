// Small pieces every page needs: the language, form bodies, page rendering with the
// layout, redirects, and the guard (access token, same-origin check) with its error page.
import Foundation
import Hummingbird
import Mustache
import WorkbenchStore

/// Chinese first; English when the `lang` cookie says so.
struct Lang: Sendable {
  let english: Bool
  init(_ request: Request) { english = request.cookies["lang"]?.value == "en" }
  func t(_ zh: String, _ en: String) -> String { english ? en : zh }
}

/// A page-level failure with what happened and what to do, shown as a page (never a stack trace).
struct PageError: Error, Sendable {
  var status: HTTPResponse.Status
  var what: (zh: String, en: String)
  var todo: (zh: String, en: String)
  var detail: String?

  static func from(_ failure: WorkbenchFailure) -> PageError {
    switch failure {
    case .unknownScenario, .notFound:
      PageError(status: .notFound, what: ("找不到", "Not found"), todo: ("请回到工作区重新选择。", "Go back to the workspace and choose again."),
                detail: failure.description)
    case .input:
      PageError(status: .unprocessableContent, what: ("台账有误", "The ledger has problems"),
                todo: ("请打开场景页查看每个问题的位置，在 Excel/WPS 中改正后刷新。", "Open the scenario page to see where each problem is, fix it in Excel/WPS, then reload."),
                detail: failure.description)
    case .store(.notFound):
      PageError(status: .notFound, what: ("找不到", "Not found"), todo: ("请回到工作区重新选择。", "Go back to the workspace and choose again."),
                detail: failure.description)
    case .store(.conflict):
      PageError(status: .conflict, what: ("别人刚刚改过这个场景", "Someone else changed this scenario meanwhile"),
                todo: ("请刷新页面，看清最新状态后再操作。", "Reload the page, look at the latest state, then try again."), detail: failure.description)
    case .refused, .store(.refused):
      PageError(status: .badRequest, what: ("不能这样做", "This cannot be done"), todo: ("请按提示修改后重试。", "Change it as the message says and try again."),
                detail: failure.description)
    default:
      PageError(status: .internalServerError, what: ("出错了", "Something went wrong"),
                todo: ("请稍后重试；如果反复出现，请把这页的内容告诉维护人员。", "Try again; if it keeps happening, send this page to whoever maintains the workbench."),
                detail: failure.description)
    }
  }
}

struct Form: Sendable {
  var values: [String: String] = [:]
  subscript(_ key: String) -> String? { values[key].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } }

  static func decode(_ text: String) -> Form {
    var form = Form()
    for pair in text.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
      if let key = parts.first { form.values[key] = parts.count > 1 ? parts[1] : "" }
    }
    return form
  }

  static func read(_ request: Request) async throws -> Form {
    var request = request
    let buffer = try await request.collectBody(upTo: 64 * 1024)
    return decode(String(buffer: buffer))
  }
}

func htmlResponse(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
  Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
           body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
}

func redirect(_ location: String) -> Response {
  Response(status: .seeOther, headers: [.location: location])
}

/// Percent-encodes one path segment or query value.
func encoded(_ s: String) -> String {
  var allowed = CharacterSet.alphanumerics
  allowed.insert(charactersIn: "-._~")
  return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
}

/// The access guard. On loopback with no token nothing is asked; with a token every
/// request needs it (from `?token=` once, then an HttpOnly cookie). Every state-changing
/// request must come from the workbench's own pages (Origin or Referer of this host).
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
  let token: String?
  let pages: Pages

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let lang = Lang(request)
    do {
      var setCookie = false
      if let token {
        let given = request.uri.queryParameters.get("token") ?? request.cookies["dispatch_token"]?.value
          ?? request.headers[.authorization].map { $0.replacingOccurrences(of: "Bearer ", with: "") }
        guard let given, constantTimeEqual(given, token) else {
          throw PageError(status: .unauthorized, what: ("需要访问口令", "An access token is needed"),
                          todo: ("请使用启动服务器时打印的完整地址（含 ?token=…）打开。", "Open the full address printed when the server started (with ?token=…)."))
        }
        setCookie = request.cookies["dispatch_token"]?.value != token
      }
      if request.method != .get && request.method != .head {
        guard sameOrigin(request) else {
          throw PageError(status: .forbidden, what: ("请求来源不对", "This request did not come from the workbench's own page"),
                          todo: ("请在工作台页面上操作。", "Use the buttons on the workbench's pages."))
        }
      }
      var response = try await next(request, context)
      if setCookie, let token { response.setCookie(Cookie(name: "dispatch_token", value: token, path: "/", httpOnly: true, sameSite: .strict)) }
      return response
    } catch let error as PageError {
      return pages.error(error, lang: lang)
    } catch let error as WorkbenchFailure {
      return pages.error(.from(error), lang: lang)
    } catch let error as StoreError {
      return pages.error(.from(.store(error)), lang: lang)
    } catch let error as HTTPError {
      return pages.error(PageError(status: error.status, what: ("请求有误", "The request could not be handled"),
                                   todo: ("请回到上一页重试。", "Go back and try again."), detail: error.body), lang: lang)
    } catch {
      return pages.error(PageError(status: .internalServerError, what: ("出错了", "Something went wrong"),
                                   todo: ("请稍后重试；如果反复出现，请把这页的内容告诉维护人员。", "Try again; if it keeps happening, send this page to whoever maintains the workbench."),
                                   detail: String(describing: type(of: error))), lang: lang)
    }
  }

  func sameOrigin(_ request: Request) -> Bool {
    guard let host = request.head.authority else { return false }
    if let origin = request.headers[.origin] { return origin == "http://\(host)" || origin == "https://\(host)" }
    if let referer = request.headers[.referer] { return referer.hasPrefix("http://\(host)/") || referer.hasPrefix("https://\(host)/") }
    return false
  }
}

func constantTimeEqual(_ a: String, _ b: String) -> Bool {
  let x = Array(a.utf8), y = Array(b.utf8)
  guard x.count == y.count else { return false }
  return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}

/// Page work (database reads, the cached scenario and model, rendering; on a cache miss a
/// ledger read or a model build) runs on these threads, never on the server's cooperative
/// threads: those few must stay free to accept connections and stream progress.
private let pageWork = DispatchQueue(label: "dispatch.workbench.pages", qos: .userInitiated, attributes: .concurrent)

func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    pageWork.async { continuation.resume(with: Result { try body() }) }
  }
}

/// `operation`'s result if it comes within `seconds`, else nil; the operation goes on either way.
/// (A task group would not do: it waits for every child, and a child awaiting a continuation or
/// another task's value does not end when cancelled.)
func within<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async throws -> T) async throws -> T? {
  let first = FirstAnswer<T?>()
  return try await withCheckedThrowingContinuation { continuation in
    first.wait(continuation)
    Task {
      do { first.answer(.success(try await operation())) } catch { first.answer(.failure(error)) }
    }
    Task {
      try? await Task.sleep(for: .seconds(seconds))
      first.answer(.success(nil))
    }
  }
}

/// Resumes its continuation with the first answer given; later answers are dropped.
final class FirstAnswer<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation: CheckedContinuation<T, Error>?
  private var early: Result<T, Error>?

  func wait(_ continuation: CheckedContinuation<T, Error>) {
    lock.lock()
    if let early {
      lock.unlock()
      continuation.resume(with: early)
      return
    }
    self.continuation = continuation
    lock.unlock()
  }

  func answer(_ result: Result<T, Error>) {
    lock.lock()
    guard let waiting = continuation else {
      if early == nil { early = result }
      lock.unlock()
      return
    }
    continuation = nil
    early = result
    lock.unlock()
    waiting.resume(with: result)
  }
}

import Foundation
import HTTPTypes

/// An RFC 9457 problem: why a request was refused, answered as `application/problem+json`.
///
/// Every refusal of bad input is a `Problem` with a 4xx status and a sentence that says how to fix
/// the request; a store that cannot be read is the one 503.
struct Problem: Error, Sendable {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// A short summary of the kind of problem ("Unknown site").
    var title: String
    /// What is wrong with this request, and the fix.
    var detail: String

    /// The JSON body: `type`, `title`, `status`, `detail` and `instance` (the request's path).
    ///
    /// - Parameter path: The path the request asked for.
    /// - Returns: UTF-8 JSON.
    func json(path: String) -> String {
        let object: [String: Any] = [
            "type": "about:blank", "title": title, "status": Int(status.code), "detail": detail, "instance": path,
        ]
        // Strings and an integer only: serialization cannot fail.
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, title: "Not found", detail: detail)
    }

    static func badRequest(_ detail: String) -> Problem {
        Problem(status: .badRequest, title: "Bad request", detail: detail)
    }

    static func unknownSite(_ id: String) -> Problem {
        Problem(
            status: .notFound,
            title: "Unknown site",
            detail: "no site '\(id)' in the store; GET /api/v1/sites lists the known ones"
        )
    }
}

import JSON

/// mimetype → value. Text values are held joined as one string; JSON mimetypes
/// (`application/json`, `application/*+json`) hold their JSON as is.
public typealias MimeBundle = [String: JSONValue]

/// One output of a code cell, exactly the four kinds nbformat 4 allows.
public enum Output: Equatable, Sendable {
    case stream(name: String, text: String)
    case displayData(data: MimeBundle, metadata: [String: JSONValue])
    case executeResult(executionCount: Int?, data: MimeBundle, metadata: [String: JSONValue])
    case error(ename: String, evalue: String, traceback: [String])

    /// Whether a mimetype carries JSON rather than text (nbformat's `_is_json_mime`).
    public static func isJSONMime(_ mime: String) -> Bool {
        guard mime.hasPrefix("application/"), mime.hasSuffix("json") else { return false }
        return mime == "application/json" || mime.hasSuffix("+json")
    }
}

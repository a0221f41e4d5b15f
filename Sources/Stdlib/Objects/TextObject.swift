import Language
import Pipeline

/// Preformatted text (a file tree, a report) that shows as itself rather than as a quoted string.
final class TextObject: HostObject {
    let text: String

    init(_ text: String) { self.text = text }

    var typeName: String { "Text" }
    var members: [HostMember] {
        [.constant("text", .string(text), doc: "The text itself.")]
    }

    func display() -> MimeBundle {
        ["text/plain": text, "text/html": "<pre>\(HTML.escape(text))</pre>"]
    }
}

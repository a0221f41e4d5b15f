/// Why a notebook could not be read or written, with where: the file, and inside it a path such
/// as `cells[3] (id 1a2b3c4d).outputs[0]`.
public struct NotebookError: Error, CustomStringConvertible, Equatable {
    public var path: String?
    public var location: String?
    public var message: String

    public init(path: String? = nil, location: String? = nil, _ message: String) {
        self.path = path
        self.location = location
        self.message = message
    }

    public var description: String {
        ([path, location].compactMap { $0 } + [message]).joined(separator: ": ")
    }
}

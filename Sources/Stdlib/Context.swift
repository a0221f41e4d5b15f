import Foundation
import Language
import Pipeline

/// What the library functions of one session share: the current workspace. It is the one
/// `open(workspace:)` chose, or — until a cell opens one — the folder in `PROPEL_WORKSPACE`, else
/// `./workspace`, opened on first use.
public final class Context {
    private var current: Workspace?
    private let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Opens (creating) the workspace at `path` and makes it current; re-opening the current one
    /// keeps it, so running a notebook's first cell again costs nothing.
    func open(_ path: String) throws -> Workspace {
        let root = URL(fileURLWithPath: (path as NSString).expandingTildeInPath, isDirectory: true).standardizedFileURL
        if let current, current.root == root { return current }
        let workspace = try bridging { try Workspace(path: path, environment: environment) }
        current = workspace
        return workspace
    }

    /// The current workspace, opening the default one if no cell has chosen one yet.
    func workspace() throws -> Workspace {
        if let current { return current }
        let workspace = try bridging { try Workspace(path: nil, environment: environment) }
        current = workspace
        return workspace
    }

    var catalog: Catalog {
        get throws { try workspace().catalog }
    }
}

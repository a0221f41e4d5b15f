import Language
import Pipeline

/// The workspace as a value: its folder and datasets, shown as a titled summary.
final class WorkspaceObject: HostObject {
    let workspace: Workspace

    init(_ workspace: Workspace) { self.workspace = workspace }

    var typeName: String { "Workspace" }
    var doc: String { "A workspace folder: platform.db (catalog and datasets) and storage/ (exported and imported files)." }

    var members: [HostMember] {
        let workspace = self.workspace
        return [
            .constant("path", .string(workspace.root.path), doc: "The workspace folder."),
            .property("datasets", type: "Table", doc: "Every dataset with its schema, profile flag and snapshots.") {
                TableObject.value(try bridging { try workspace.catalog.datasetsTable() })
            },
        ]
    }

    func display() -> MimeBundle {
        let datasets = (try? workspace.catalog.datasetsTable()) ?? Table.empty
        let heading = "Workspace \(workspace.root.path): \(datasets.rowCount) dataset\(datasets.rowCount == 1 ? "" : "s")"
        return [
            "text/plain": datasets.rowCount == 0 ? heading : heading + "\n" + datasets.text(),
            "text/html": "<div><div style=\"font-weight:600;margin-bottom:4px\">\(HTML.escape(heading))</div>"
                + (datasets.rowCount == 0 ? "" : datasets.html()) + "</div>",
        ]
    }
}

import JSON

/// A Jupyter notebook in nbformat 4.5, the only version Propel writes.
///
/// Reading accepts 4.0–4.5 and upgrades in memory (cell ids added, minor bumped), so everything
/// downstream — the runner, reports, the writer — deals with one shape. Multi-line strings are held
/// joined; the writer splits them again the way nbformat does.
public struct Notebook: Equatable, Sendable {
    public static let formatMajor = 4
    public static let formatMinor = 5

    public var metadata: [String: JSONValue]
    public var cells: [Cell]

    public init(metadata: [String: JSONValue] = [:], cells: [Cell] = []) {
        self.metadata = metadata
        self.cells = cells
    }

    /// `metadata.kernelspec.name`, the kernel a runner uses unless told otherwise.
    public var kernelName: String? { metadata["kernelspec"]?["name"]?.stringValue }

    /// `metadata.language_info.name`, or the kernelspec's `language` when there is no language_info.
    public var languageName: String? {
        metadata["language_info"]?["name"]?.stringValue ?? metadata["kernelspec"]?["language"]?.stringValue
    }

    /// Index of the first cell carrying `tag`, as papermill finds its `parameters` cell.
    public func firstCell(taggedWith tag: String) -> Int? {
        cells.firstIndex { $0.tags.contains(tag) }
    }

    /// Replaces missing, malformed and duplicate cell ids with fresh ones, keeping the valid
    /// first occurrences, so the notebook passes nbformat's strict (4.5, no repair) validation.
    public mutating func repairCellIDs() {
        var seen = Set<String>()
        for index in cells.indices {
            let id = cells[index].id
            if CellID.isValid(id), !seen.contains(id) {
                seen.insert(id)
            } else {
                let fresh = CellID.fresh(avoiding: seen)
                seen.insert(fresh)
                cells[index].id = fresh
            }
        }
    }
}

import Foundation

/// The storage folder drawn as a tree with file sizes, as the reference prints its landing zone:
///
///     egress/
///     └── scores/
///         └── exportTime=20261122102422/
///             └── part-00000.parquet  3.2 MB
public enum StorageTree {
    /// The tree under `folder` (hidden staging folders left out), folders first, then by name.
    public static func render(_ folder: URL) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw PipelineError(.io, "no folder at \(folder.path)")
        }
        var lines = [folder.lastPathComponent + "/"]
        draw(folder, prefix: "", into: &lines)
        return lines.joined(separator: "\n")
    }

    private static func draw(_ folder: URL, prefix: String, into lines: inout [String]) {
        let fm = FileManager.default
        let entries = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.map { name -> (String, Bool) in
            var isFolder: ObjCBool = false
            _ = fm.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
            return (name, isFolder.boolValue)
        }.sorted { ($0.1 ? 0 : 1, $0.0) < ($1.1 ? 0 : 1, $1.0) }
        for (i, (name, isFolder)) in entries.enumerated() {
            let last = i == entries.count - 1
            let url = folder.appendingPathComponent(name)
            if isFolder {
                lines.append(prefix + (last ? "└── " : "├── ") + name + "/")
                draw(url, prefix: prefix + (last ? "    " : "│   "), into: &lines)
            } else {
                let size = (try? fm.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
                lines.append(prefix + (last ? "└── " : "├── ") + name + "  " + byteCount(size))
            }
        }
    }

    /// `812 B`, `4.1 KB`, `3.2 MB`, `1.5 GB` (powers of 1024).
    public static func byteCount(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}

import Foundation

/// A table written as `part-NNNNN.<ext>` files in a new `exportTime=…` folder.
public struct PartFiles: Sendable {
    /// The `exportTime=…` folder.
    public let folder: URL
    public let files: [URL]
    public let rows: Int
    public let bytes: Int
    /// The time in the folder's name.
    public let time: Timestamp

    /// Writes `table` under `parent` as parts of at most `rowsPerFile` rows (one part, possibly
    /// empty, for an empty table). Atomic: the parts are written into a hidden temporary folder
    /// that is renamed to `exportTime=<UTC>` only when all are complete, so readers never see a
    /// partial export. If that name is taken (two exports in one second), the next free second is
    /// used, keeping names unique and in time order.
    public static func write(_ table: Table, under parent: URL, format: FileFormat, compression: ParquetCompression,
                             rowsPerFile: Int = 1_000_000, at now: Timestamp = Timestamp(Date())) throws -> PartFiles {
        guard rowsPerFile > 0 else { throw PipelineError(.invalidArgument, "rowsPerFile must be at least 1 (got \(rowsPerFile))") }
        let fm = FileManager.default
        let staging = parent.appendingPathComponent(".staging-\(UUID().uuidString)", isDirectory: true)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(.io, "cannot create \(staging.path): \(error.localizedDescription)")
        }
        do {
            var names: [String] = [], bytes = 0, start = 0
            repeat {
                let end = Swift.min(start + rowsPerFile, table.rowCount)
                let name = String(format: "part-%05d.%@", names.count, format.fileExtension)
                let part = start == 0 && end == table.rowCount ? table : table.gathering(Array(start..<end))
                bytes += try TableFile.write(part, to: staging.appendingPathComponent(name),
                                             as: format, compression: compression)
                names.append(name)
                start = end
            } while start < table.rowCount
            var time = ExportTime.wholeSecond(now)
            var target = parent.appendingPathComponent(ExportTime.folderName(time), isDirectory: true)
            while rename(staging.path, target.path) != 0 {
                guard errno == EEXIST || errno == ENOTEMPTY else {
                    throw PipelineError(.io, "cannot move the export into \(target.path): \(String(cString: strerror(errno)))")
                }
                time = Timestamp(microseconds: time.microseconds + 1_000_000)
                target = parent.appendingPathComponent(ExportTime.folderName(time), isDirectory: true)
            }
            return PartFiles(folder: target, files: names.map { target.appendingPathComponent($0) }, rows: table.rowCount,
                             bytes: bytes, time: time)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}

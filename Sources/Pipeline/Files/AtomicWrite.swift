import Foundation

/// Writing files so a reader never sees half of one: write a temporary sibling, then rename it into
/// place (rename is atomic within a file system). A failure removes the temporary file.
public enum AtomicWrite {
    public static func replace(_ url: URL, with data: Data) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
            do {
                try data.write(to: temporary)
                if rename(temporary.path, url.path) != 0 { throw PipelineError(.io, "cannot rename into \(url.path): \(String(cString: strerror(errno)))") }
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(.io, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

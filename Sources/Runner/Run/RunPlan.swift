import Foundation
import Notebook

/// Runs every notebook of one `propel run` invocation, in order or `jobs` at a time, each with its
/// own kernel; prints each one's error report and summary line; writes the CI report.
public struct RunPlan {
    public let inputs: [String]
    public let options: RunOptions
    public let launcher: KernelLauncher
    public let console: Console

    public init(inputs: [String], options: RunOptions, launcher: KernelLauncher, console: Console) {
        self.inputs = inputs
        self.options = options
        self.launcher = launcher
        self.console = console
    }

    /// Where each input's executed notebook goes. Two inputs that would overwrite each other are a
    /// usage error, reported before anything runs.
    public func outputs() throws -> [String] {
        let paths: [String] = inputs.map { input in
            switch options.destination {
            case .inPlace: return input
            case .directory(let dir): return (dir as NSString).appendingPathComponent((input as NSString).lastPathComponent)
            }
        }
        var seen: [String: String] = [:]
        for (input, output) in zip(inputs, paths) {
            let key = URL(fileURLWithPath: output).standardizedFileURL.path
            if let other = seen[key] { throw ParameterError("\(other) and \(input) would both be written to \(output)") }
            seen[key] = input
        }
        return paths
    }

    /// Runs everything and returns the results in input order.
    public func run() throws -> [NotebookResult] {
        let outputs = try outputs()
        for folder in [options.destination == .inPlace ? nil : outputs.first.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path },
                       options.htmlDirectory].compactMap({ $0 }) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var results = [NotebookResult?](repeating: nil, count: inputs.count)
        let lock = NSLock()
        let work: (Int) -> Void = { index in
            let result: NotebookResult
            if let signal = Cancellation.shared.received {
                result = NotebookResult(input: inputs[index], status: .cancelled(signal: signal), message: "not run: the runner was interrupted")
            } else {
                result = NotebookRun(input: inputs[index], output: outputs[index], options: options, launcher: launcher, console: console).run()
            }
            report(result)
            lock.lock()
            results[index] = result
            lock.unlock()
        }
        if options.jobs <= 1 || inputs.count <= 1 {
            inputs.indices.forEach(work)
        } else {
            let queue = OperationQueue()
            queue.maxConcurrentOperationCount = options.jobs
            for index in inputs.indices { queue.addOperation { work(index) } }
            queue.waitUntilAllOperationsAreFinished()
        }
        let final = results.compactMap { $0 }
        if let path = options.report, let format = SummaryReport.Format(path: path) {
            try AtomicFile.write(SummaryReport.render(final, format: format), to: path)
        }
        return final
    }

    /// A failed cell gets the full error report; a notebook that failed before any cell ran (bad
    /// input, no kernel) is fully described by its summary line.
    private func report(_ result: NotebookResult) {
        if result.status != .ok, result.failure != nil {
            console.error(ErrorReport.text(for: result, color: console.color))
        }
        if result.status != .ok || console.mode != .quiet {
            console.error(result.summaryLine)
        }
    }
}

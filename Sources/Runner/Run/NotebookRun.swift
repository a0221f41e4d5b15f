import Foundation
import Notebook

/// Runs one notebook from file to file: read, inject parameters, start a fresh kernel in the right
/// folder, execute, and write the output notebook (and HTML page) whatever happened.
struct NotebookRun {
    let input: String
    let output: String
    let options: RunOptions
    let launcher: KernelLauncher
    let console: Console

    func run() -> NotebookResult {
        let started = Date()
        var result = execute()
        result.seconds = Date().timeIntervalSince(started)
        if let directory = options.htmlDirectory, let notebook = result.notebook {
            let name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
            let page = HTMLPage.render(notebook, title: name, result: result)
            do {
                try AtomicFile.write(page, to: URL(fileURLWithPath: directory).appendingPathComponent(name + ".html").path)
            } catch {
                console.error("warning: \(input): cannot write the HTML page: \(error)")
            }
        }
        return result
    }

    private func execute() -> NotebookResult {
        var notebook: Notebook
        do {
            notebook = try Notebook.read(from: input)
        } catch var error as NotebookError {
            error.path = nil  // every message names the input already
            return NotebookResult(input: input, status: .usage, message: "\(error)")
        } catch {
            return NotebookResult(input: input, status: .usage, message: "\(error)")
        }
        let spec: KernelSpecInfo
        do {
            guard let name = options.kernel ?? notebook.kernelName else {
                throw KernelStartError.failed("the notebook names no kernel (metadata.kernelspec.name); pass -k KERNEL")
            }
            spec = try launcher.find(name)
        } catch {
            return NotebookResult(input: input, status: .kernelStartFailed, message: "\(error)")
        }
        if options.kernel != nil {
            notebook.metadata["kernelspec"] = ["name": .string(spec.name), "display_name": .string(spec.displayName)]
            if let language = spec.language { notebook.metadata["kernelspec"]?["language"] = .string(language) }
        }
        do {
            let language = spec.language ?? notebook.languageName
            if !options.parameters.isEmpty {
                guard let translator = ParameterLanguages.forLanguage(language) else {
                    throw ParameterError("no parameter translator for the language '\(language ?? "unknown")' of kernel '\(spec.name)'")
                }
                for warning in try ParameterInjection.inject(options.parameters, into: &notebook, language: translator) {
                    console.error("warning: \(input): \(warning)")
                }
            }
        } catch {
            return NotebookResult(input: input, status: .usage, message: "\(error)")
        }

        let directory = options.workingDirectory ?? URL(fileURLWithPath: input).deletingLastPathComponent().path
        var result: NotebookResult
        do {
            let kernel = try launcher.start(spec, directory: directory, startupTimeout: options.startupTimeout)
            let name = URL(fileURLWithPath: input).lastPathComponent
            let printer = ProgressPrinter(console: console, name: name, key: input, logOutput: options.logOutput)
            let autosave = options.autosaveInterval.map { interval in
                Autosave(interval: interval, write: { try $0.write(to: output) },
                         failed: { console.error("warning: \(input): cannot save the output notebook while it runs: \($0)") })
            }
            let outcome = NotebookExecutor(options: options.execution, observer: printer, autosave: autosave).run(&notebook, on: kernel)
            kernel.shutdown()
            result = NotebookResult(
                input: input, status: outcome.status, failure: outcome.failure, allowedErrors: outcome.allowedErrors,
                executedCells: outcome.executedCells, plannedCells: outcome.plannedCells)
        } catch {
            if let signal = Cancellation.shared.received {
                result = NotebookResult(input: input, status: .cancelled(signal: signal), message: "cancelled while the kernel was starting")
            } else {
                result = NotebookResult(input: input, status: .kernelStartFailed, message: "\(error)")
            }
        }
        do {
            try notebook.write(to: output)
            result.output = output
        } catch {
            console.error("error: \(input): cannot write the output notebook: \(error)")
        }
        result.notebook = notebook
        return result
    }
}

import ArgumentParser
import Foundation
import Runner

/// `propel run`: executes notebooks headless, the way CI runs them.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run notebooks headless: each in a fresh kernel, output notebooks written even on failure.",
        discussion: """
            Each NOTEBOOK runs top to bottom in a fresh kernel (its own kernelspec unless -k), in the \
            notebook's folder (unless --cwd), and stops at the first error unless --allow-errors. Cells \
            tagged `skip-execution` are skipped; an error in a cell tagged `raises-exception` is expected. \
            The executed notebook is written to DIR (default ./out) or in place — also when a cell fails, \
            times out or the kernel dies.

            Parameters work as in papermill: values go into an `injected-parameters` cell after the cell \
            tagged `parameters`, and keep the type that cell declares (`-p name 007` stays the string \
            "007" when `name` defaults to a string). Precedence: -f, then -y, then -p, then -r.

            \(RunStatus.helpText)
            """)

    @Argument(help: "The notebooks to run (.ipynb).")
    var notebooks: [String] = []

    @Option(name: [.short, .customLong("output-dir")], help: ArgumentHelp("Folder for the executed notebooks (default: out).", valueName: "DIR"))
    var outputDir: String?

    @Flag(help: "Overwrite each input notebook with its executed version.")
    var inplace = false

    @Option(name: .shortAndLong, help: "Kernelspec to use instead of the notebook's own.")
    var kernel: String?

    @Option(name: [.short, .customLong("parameter")],
            help: ArgumentHelp("NAME VALUE: a parameter, typed as the parameters cell declares it (repeatable).", valueName: "NAME VALUE"))
    var parameter: [String] = []

    @Option(name: [.short, .customLong("parameter-raw")],
            help: ArgumentHelp("NAME VALUE: a parameter that is always a string (repeatable).", valueName: "NAME VALUE"))
    var raw: [String] = []

    @Option(name: [.short, .customLong("parameters-yaml")], help: ArgumentHelp("Parameters as a YAML (or JSON) mapping.", valueName: "YAML"))
    var yaml: [String] = []

    @Option(name: [.short, .customLong("parameters-file")], help: ArgumentHelp("Parameters from a YAML file.", valueName: "FILE"))
    var file: [String] = []

    @Option(help: ArgumentHelp("Per-cell timeout in seconds; the kernel is interrupted (default: none).", valueName: "S"))
    var timeout: Double?

    @Option(name: .customLong("total-timeout"), help: ArgumentHelp("Timeout for a whole notebook in seconds (default: none).", valueName: "S"))
    var totalTimeout: Double?

    @Option(name: .customLong("startup-timeout"), help: ArgumentHelp("Seconds to wait for a kernel to start.", valueName: "S"))
    var startupTimeout: Double = 60

    @Flag(name: .customLong("allow-errors"), help: "Keep running after a cell error (the run still succeeds).")
    var allowErrors = false

    @Option(help: ArgumentHelp("Working directory for the kernels (default: each notebook's folder).", valueName: "DIR"))
    var cwd: String?

    @Flag(name: .customLong("log-output"), help: "Stream the cells' stdout and stderr as they run.")
    var logOutput = false

    @Flag(name: .shortAndLong, help: "Print only errors and failed notebooks.")
    var quiet = false

    @Option(name: .short, help: ArgumentHelp("Run up to N notebooks at once.", valueName: "N"))
    var jobs: Int = 1

    @Option(help: ArgumentHelp("Write a summary: FILE.md (Markdown) or FILE.xml (JUnit).", valueName: "FILE"))
    var report: String?

    @Option(help: ArgumentHelp("Write each executed notebook as a standalone HTML page into DIR.", valueName: "DIR"))
    var html: String?

    @Option(help: ArgumentHelp("Save each output notebook this often while it runs, so a killed run keeps its outputs; 0: only at the end.",
                               valueName: "S"))
    var autosave: Double = 10

    func validate() throws {
        if notebooks.isEmpty { throw ValidationError("give at least one NOTEBOOK") }
        if inplace && outputDir != nil { throw ValidationError("use either -o DIR or --inplace, not both") }
        if parameter.contains(where: { Self.pair($0) == nil }) { throw ValidationError("-p takes a NAME and a VALUE") }
        if raw.contains(where: { Self.pair($0) == nil }) { throw ValidationError("-r takes a NAME and a VALUE") }
        for (name, value) in [("--timeout", timeout), ("--total-timeout", totalTimeout), ("--startup-timeout", startupTimeout)] {
            if let value, !(value > 0) { throw ValidationError("\(name) must be a positive number of seconds") }
        }
        if jobs < 1 { throw ValidationError("-j must be at least 1") }
        if !(autosave >= 0) { throw ValidationError("--autosave must be 0 or a positive number of seconds") }
        if let report, SummaryReport.Format(path: report) == nil {
            throw ValidationError("--report must end in .md (Markdown) or .xml (JUnit)")
        }
    }

    func run() throws {
        let console = Console.standard(quiet: quiet)
        var options = RunOptions()
        do {
            options = try makeOptions()
        } catch {
            console.error("propel run: \(error)")
            throw ExitCode(RunStatus.usage.exitCode)
        }
        Cancellation.shared.install()
        let plan = RunPlan(inputs: notebooks, options: options, launcher: JupyterKernelLauncher(), console: console)
        let results: [NotebookResult]
        do {
            results = try plan.run()
        } catch {
            console.error("propel run: \(error)")
            throw ExitCode(RunStatus.usage.exitCode)
        }
        let status = RunStatus.overall(results.map(\.status))
        if results.count > 1, !quiet || status != .ok {
            let failed = results.filter { $0.status != .ok }.count
            console.error("\(failed == 0 ? "OK" : "FAILED"): \(results.count - failed) of \(results.count) notebooks succeeded")
        }
        if status != .ok { throw ExitCode(status.exitCode) }
    }

    private func makeOptions() throws -> RunOptions {
        var options = RunOptions()
        if inplace { options.destination = .inPlace }
        if let outputDir { options.destination = .directory(outputDir) }
        options.kernel = kernel
        var parameters: [(name: String, input: ParameterInput)] = []
        for path in file {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ParameterError("-f \(path): cannot read the file")
            }
            parameters += try YAMLValue.parseMapping(text, source: path)
        }
        for text in yaml { parameters += try YAMLValue.parseMapping(text, source: "-y") }
        parameters += parameter.compactMap(Self.pair).map { ($0.name, .text($0.value)) }
        parameters += raw.compactMap(Self.pair).map { ($0.name, .raw($0.value)) }
        options.parameters = parameters
        options.execution = .init(cellTimeout: timeout, totalTimeout: totalTimeout, allowErrors: allowErrors)
        options.startupTimeout = startupTimeout
        options.workingDirectory = cwd
        options.logOutput = logOutput
        options.jobs = jobs
        options.report = report
        options.htmlDirectory = html
        options.autosaveInterval = autosave > 0 ? autosave : nil
        return options
    }

    /// Separates NAME from VALUE inside one argument after `pairingParameters`.
    static let pairSeparator: Character = "\u{1F}"

    /// `-p NAME VALUE` takes two arguments, and VALUE may start with a dash (`-p offset -5`,
    /// `-p flag -x`), which ArgumentParser would read as an option. Before parsing, each `-p`/`-r`
    /// and the two arguments after it become one `--parameter=NAME<US>VALUE` argument.
    static func pairingParameters(_ arguments: [String]) -> [String] {
        guard let run = arguments.firstIndex(of: "run"), arguments[..<run].allSatisfy({ $0.hasPrefix("-") }) else { return arguments }
        let longNames = ["-p": "--parameter", "--parameter": "--parameter", "-r": "--parameter-raw", "--parameter-raw": "--parameter-raw"]
        var out = Array(arguments[...run])
        var i = run + 1
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" {
                out += arguments[i...]
                break
            }
            if let long = longNames[argument], i + 2 < arguments.count {
                out.append("\(long)=\(arguments[i + 1])\(pairSeparator)\(arguments[i + 2])")
                i += 3
            } else {
                out.append(argument)
                i += 1
            }
        }
        return out
    }

    static func pair(_ argument: String) -> (name: String, value: String)? {
        guard let split = argument.firstIndex(of: pairSeparator) else { return nil }
        return (String(argument[..<split]), String(argument[argument.index(after: split)...]))
    }
}

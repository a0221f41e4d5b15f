import ArgumentParser
import Foundation

/// The `propel` command: runs the kernel, notebooks and scripts.
@main
struct Propel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propel",
        abstract: "Customer-propensity notebooks: a Jupyter kernel, a headless runner and the Propel language.",
        version: "0.1.0",
        subcommands: [RunCommand.self, ScriptCommand.self, MLParityCommand.self, KernelCommand.self, InstallCommand.self, FilesCommand.self],
        defaultSubcommand: ScriptCommand.self
    )

    /// Usage errors exit with 2, as click and argparse tools do (ArgumentParser's default is 64),
    /// so `propel run`'s documented exit codes hold for bad flags too.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            if let connectionFile = KernelCommand.connectionFile(kernelspecArguments: arguments) {
                try KernelCommand.serve(connectionFile: connectionFile)
                return
            }
            var command = try parseAsRoot(RunCommand.pairingParameters(arguments))
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

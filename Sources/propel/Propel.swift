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
        do {
            var command = try parseAsRoot(RunCommand.pairingParameters(Array(CommandLine.arguments.dropFirst())))
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

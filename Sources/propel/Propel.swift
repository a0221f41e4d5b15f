import ArgumentParser

/// The `propel` command: runs the kernel, notebooks and scripts.
@main
struct Propel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propel",
        abstract: "Customer-propensity notebooks: a Jupyter kernel, a headless runner and the Propel language.",
        version: "0.1.0",
        subcommands: [ScriptCommand.self],
        defaultSubcommand: ScriptCommand.self
    )
}

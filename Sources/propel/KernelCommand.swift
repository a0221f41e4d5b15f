import ArgumentParser
import Foundation
import Jupyter
import Kernel
import Stdlib

/// `propel kernel -f CONNECTION_FILE`: the Jupyter kernel, as a kernelspec's argv starts it.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Run the Propel Jupyter kernel on the sockets a connection file names."
    )

    @Option(name: [.customShort("f"), .customLong("connection-file")], help: "The connection file Jupyter wrote.")
    var connectionFile: String

    func run() throws {
        try Self.serve(connectionFile: connectionFile)
    }

    /// The kernelspec's argv (`InstallCommand`): `propel kernel -f FILE`, exactly.
    static func connectionFile(kernelspecArguments arguments: [String]) -> String? {
        arguments.count == 3 && arguments[0] == "kernel" && arguments[1] == "-f" ? arguments[2] : nil
    }

    /// Serves until shutdown. Jupyter starts the kernel with the kernelspec's argv, which `Propel.main`
    /// recognises and sends here directly: ArgumentParser's first parse (building the command tree by
    /// reflection over every subcommand) is about a third of the kernel's start-up instructions.
    static func serve(connectionFile: String) throws {
        // Before any thread exists: SIGINT is then taken only by the watcher thread (see InterruptSignal).
        InterruptSignal.block()
        let connection: ConnectionInfo
        let server: KernelServer
        do {
            connection = try ConnectionInfo.read(from: connectionFile)
            server = try KernelServer(connection: connection, engine: PropelEngine(session: Stdlib.session()))
        } catch {
            FileHandle.standardError.write(Data("propel kernel: \(error)\n".utf8))
            throw ExitCode(1)
        }
        InterruptSignal.watch { server.interrupt() }
        ParentWatch.start { parent in
            KernelLogs.standardError("the process that started this kernel (pid \(parent)) has exited; shutting down")
            server.stop()
        }
        server.start()
        server.waitForShutdown()
        // A cell that ignored the interrupt may still run on the execution thread: leave anyway.
        Foundation.exit(0)
    }
}

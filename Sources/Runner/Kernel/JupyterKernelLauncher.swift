import Foundation
import Jupyter

/// Starts kernels through the Jupyter client, finding kernelspecs where Jupyter looks for them.
public struct JupyterKernelLauncher: KernelLauncher {
    let finder: KernelSpecFinder

    public init(finder: KernelSpecFinder = KernelSpecFinder()) {
        self.finder = finder
    }

    public func find(_ name: String) throws -> KernelSpecInfo {
        do {
            let installed = try finder.find(name)
            return KernelSpecInfo(name: installed.name, displayName: installed.spec.displayName, language: installed.spec.language, directory: installed.directory)
        } catch KernelClientError.noSuchKernel(let name, let searched) {
            throw KernelStartError.notFound(name: name, searched: searched)
        } catch {
            throw KernelStartError.failed("\(error)")
        }
    }

    public func start(_ spec: KernelSpecInfo, directory: String, startupTimeout: Double) throws -> KernelSession {
        let log = KernelLog()
        do {
            let installed = try spec.directory.map { try InstalledKernelSpec.load(name: spec.name, directory: $0) } ?? finder.find(spec.name)
            let options = KernelStartOptions(workingDirectory: directory, logPath: log.path, readyTimeout: startupTimeout, finder: finder)
            let client = try KernelClient.start(spec: installed, options: options)
            return JupyterKernelSession(client: client, log: log)
        } catch {
            let reason = "kernel '\(spec.name)' did not start: \(error)" + log.tail()
            log.remove()
            throw KernelStartError.failed(reason)
        }
    }
}

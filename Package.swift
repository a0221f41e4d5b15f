// swift-tools-version:6.0
import PackageDescription

/// Propel: the customer-propensity workflow as notebooks, with its own language, kernel and runner.
///
/// Imports point one way: propel (CLI) → Runner / Kernel → Jupyter → ZeroMQ, and
/// Stdlib → Language + Pipeline. `JSON` is the one value model every layer that speaks JSON shares.
let package = Package(
    name: "Propel",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "propel", targets: ["propel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // System libraries.
        // libzmq.pc adds `-isystem` flags (from krb5) that SwiftPM rejects with a warning on every
        // build, so the shim relies on the standard include and library paths; scripts/setup checks
        // for libzmq with pkg-config and installs it.
        .systemLibrary(name: "CZeroMQ", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libcurl, loaded on first use (webhook activations) so it costs nothing at start-up.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),

        // Shared value model.
        .target(name: "JSON"),

        // Transport and protocol.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        .target(name: "Jupyter", dependencies: [
            "ZeroMQ", "JSON", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Kernel", dependencies: ["Jupyter", "JSON"]),

        // The language and the platform it drives.
        .target(name: "Language"),
        .target(name: "Pipeline", dependencies: ["CSQLite", "CZlib", "CCurl", "JSON"]),
        .target(name: "Stdlib", dependencies: ["Language", "Pipeline", "JSON"]),

        // Notebooks and the headless runner.
        .target(name: "Notebook", dependencies: ["JSON"]),
        .target(name: "Runner", dependencies: [
            "Jupyter", "Notebook", "JSON",
            .product(name: "Yams", package: "Yams"), .product(name: "Ink", package: "Ink"),
        ]),

        // The command-line tool.
        .executableTarget(name: "propel", dependencies: [
            "Kernel", "Runner", "Stdlib", "Language", "Jupyter", "Notebook", "Pipeline", "JSON",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks (built in release mode by Benchmarks/run).
        .executableTarget(name: "propel-bench", dependencies: [
            "Language", "Pipeline", "Stdlib", "Notebook", "JSON",
        ], path: "Benchmarks/Sources/propel-bench"),

        // Tests.
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "JupyterTests", dependencies: ["Jupyter", "JSON", "ZeroMQ"]),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "Jupyter", "JSON", "ZeroMQ"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language"]),
        .target(name: "TestSupport", dependencies: ["Pipeline"], path: "Tests/TestSupport"),
        // The child process WorkspaceTests kill or watch exit mid-ingestion.
        .executableTarget(name: "propel-test-child", dependencies: ["Pipeline", "TestSupport"], path: "Tests/Child"),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "JSON", "TestSupport"]),
        .testTarget(name: "StdlibTests", dependencies: ["Stdlib", "Language", "Pipeline", "TestSupport"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "JSON"], exclude: ["Fixtures"]),
        .testTarget(name: "RunnerTests", dependencies: ["Runner", "Notebook", "Jupyter", "JSON"]),
    ],
    swiftLanguageModes: [.v5]
)

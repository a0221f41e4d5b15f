import Foundation

/// The benchmark areas, by the name each `Benchmarks/<area>/run` script passes.
/// An area registers one entry here and keeps its code in its own file.
let areas: [String: (_ smoke: Bool) throws -> Void] = [
    "language": LanguageBenchmarks.run,
    "files": FilesBenchmarks.run,
    "models": ModelsBenchmarks.run,
    "audiences": AudiencesBenchmarks.run,
    "pipeline": pipelineBenchmark,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let run = areas[name] else {
    let known = areas.keys.sorted().joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: propel-bench AREA [--smoke]   (areas: \(known))\n".utf8))
    exit(2)
}
try run(arguments.contains("--smoke"))

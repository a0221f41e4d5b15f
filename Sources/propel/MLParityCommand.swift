import ArgumentParser
import Foundation
import Pipeline

/// `propel ml-parity TRAIN TEST --model logistic|gbt`: trains on one CSV and scores another,
/// printing the test metrics as JSON. Hidden: it exists so the Python parity tests can hold our
/// trainer against scikit-learn on exactly the same split.
struct MLParityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ml-parity",
        abstract: "Train on TRAIN.csv, evaluate on TEST.csv, print JSON metrics (for parity tests).",
        shouldDisplay: false
    )

    @Argument(help: "Training CSV: a header, numeric columns, empty cells for missing values.")
    var train: String
    @Argument(help: "Test CSV with the same columns.")
    var test: String
    @Option(help: "logistic, gbt or forest.")
    var model: String = "logistic"
    @Option(help: "The 0/1 label column; every other column is a feature.")
    var label: String = "label"

    func run() throws {
        do {
            let trainTable = try NumericCSV.read(path: train)
            let testTable = try NumericCSV.read(path: test)
            let features = trainTable.columnNames.filter { $0 != label }
            let spec = try ModelSpec(kind: model, parameters: [:])
            let started = Date()
            let fitted = try Model.train(spec, table: trainTable, features: features, label: label)
            let seconds = Date().timeIntervalSince(started)
            let evaluation = try Evaluation.evaluate(fitted, x: try FeatureMatrix(table: testTable, features: features),
                                                     y: try BinaryLabel.values(of: testTable, column: label), repeats: 1)
            var out = evaluation.metrics
            out["train_seconds"] = seconds
            let json = "{" + out.keys.sorted().map { "\"\($0)\": \(out[$0]!)" }.joined(separator: ", ") + "}"
            print(json)
        } catch let error as PipelineError {
            FileHandle.standardError.write(Data("\(error.kind.rawValue): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// The minimal CSV the parity tests write: a header, then numbers; an empty cell is missing.
enum NumericCSV {
    static func read(path: String) throws -> Table {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PipelineError(.io, "cannot read `\(path)`")
        }
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw PipelineError(.malformedFile, "`\(path)` is empty") }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var columns = [[Double]](repeating: [], count: header.count)
        for (r, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == header.count else {
                throw PipelineError(.malformedFile, "`\(path)` line \(r + 2) has \(cells.count) cells, expected \(header.count)")
            }
            for (c, cell) in cells.enumerated() {
                if cell.isEmpty { columns[c].append(.nan); continue }
                guard let v = Double(cell) else {
                    throw PipelineError(.malformedFile, "`\(path)` line \(r + 2), column `\(header[c])`: `\(cell)` is not a number")
                }
                columns[c].append(v)
            }
        }
        return try Table(zip(header, columns).map { name, values in
            Column(name, doubles: values.map { $0.isNaN ? 0 : $0 }, nulls: values.map(\.isNaN))
        })
    }
}

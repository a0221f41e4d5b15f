import Language
import Pipeline

/// A model's evaluation on test rows: the headline metrics as members, the curves and tables as
/// charts, all on the test set only.
final class EvaluationObject: HostObject {
    /// The figures and curves. Permutation importance, which costs features × repeats more
    /// scorings of the test rows, is only computed when it is first shown (`withImportance`):
    /// most evaluations — candidates compared, a reloaded model checked — never show it.
    let evaluation: Evaluation
    let modelLabel: String
    private let addImportance: (Evaluation) throws -> Evaluation
    private var completed: Evaluation?

    init(_ evaluation: Evaluation, model: String, addImportance: @escaping (Evaluation) throws -> Evaluation) {
        self.evaluation = evaluation
        self.modelLabel = model
        self.addImportance = addImportance
    }

    /// The evaluation with permutation importance, computed once.
    func withImportance() throws -> Evaluation {
        if let completed { return completed }
        let full = try addImportance(evaluation)
        completed = full
        return full
    }

    var typeName: String { "Evaluation" }
    var doc: String { "Test-set metrics of a model (ROC AUC, PR AUC, log loss, accuracy, precision, recall, F1) with ROC, precision–recall, calibration, gains, importance and confusion charts." }

    var members: [HostMember] {
        let e = evaluation, label = modelLabel
        func chart(_ name: String, _ doc: String, _ make: @escaping () throws -> Chart) -> HostMember {
            .property(name, type: "Chart", doc: doc) { ChartModule.chart(try bridging(make)) }
        }
        return [
            .constant("model", .string(label), doc: "The model evaluated."),
            .constant("rows", .int(e.rows), doc: "Test rows."),
            .constant("positives", .int(e.positives), doc: "Positive test rows."),
            .constant("auc", .double(e.rocAUC), doc: "ROC AUC."),
            .constant("prAUC", .double(e.averagePrecision), doc: "Average precision (PR AUC)."),
            .constant("logLoss", .double(e.logLoss), doc: "Mean log loss."),
            .constant("accuracy", .double(e.accuracy), doc: "Accuracy at the threshold."),
            .constant("precision", .double(e.precision), doc: "Precision at the threshold."),
            .constant("recall", .double(e.recall), doc: "Recall at the threshold."),
            .constant("f1", .double(e.f1), doc: "F1 at the threshold."),
            .property("metrics", type: "Table", doc: "Every headline metric.") { TableObject.value(e.metricsTable) },
            .property("importanceTable", type: "Table", doc: "Permutation (and gain) importance per feature.") {
                TableObject.value(try bridging { try self.withImportance() }.importanceTable)
            },
            .property("gainsTable", type: "Table", doc: "Lift and cumulative gains by decile.") { TableObject.value(e.liftTable) },
            chart("roc", "ROC curve against chance.") { try EvaluationCharts.roc(e, label) },
            chart("precisionRecall", "Precision against recall.") { try EvaluationCharts.precisionRecall(e, label) },
            chart("calibration", "Observed rate against mean predicted probability per bin.") { try EvaluationCharts.calibration(e, label) },
            chart("gains", "Cumulative share of positives found by decile, against random targeting.") { try EvaluationCharts.gains(e, label) },
            chart("importance", "How much the test AUC drops when each feature is shuffled.") {
                try EvaluationCharts.importance(try self.withImportance(), label)
            },
            chart("confusion", "Counts at the threshold: actual classes as rows, predicted as columns.") { try EvaluationCharts.confusion(e, label) },
        ]
    }

    func display() -> MimeBundle {
        let e = evaluation
        return Record("Evaluation", title: "\(modelLabel) on \(CellFormat.grouped(e.rows)) test rows (\(CellFormat.grouped(e.positives)) positive)", fields: [
            .init(name: "ROC AUC", value: .double(e.rocAUC), doc: ""),
            .init(name: "PR AUC", value: .double(e.averagePrecision), doc: ""),
            .init(name: "log loss", value: .double(e.logLoss), doc: ""),
            .init(name: "accuracy", value: .double(e.accuracy), doc: ""),
            .init(name: "precision", value: .double(e.precision), doc: ""),
            .init(name: "recall", value: .double(e.recall), doc: ""),
            .init(name: "F1", value: .double(e.f1), doc: ""),
            .init(name: "threshold", value: .double(e.confusion.threshold), doc: ""),
        ]).display()
    }
}

/// The evaluation charts, built from the evaluation's tables and curves.
enum EvaluationCharts {
    /// Curves have one point per distinct score; a few hundred points draw the same line.
    static func thinned(_ points: [(Double, Double)], limit: Int = 300) -> [(Double, Double)] {
        guard points.count > limit else { return points }
        let step = Double(points.count - 1) / Double(limit - 1)
        return (0..<limit).map { points[Int((Double($0) * step).rounded())] }
    }

    static func roc(_ e: Evaluation, _ label: String) throws -> Chart {
        let p = thinned(e.rocCurve)
        let t = try Table([Column("false_positive_rate", doubles: p.map(\.0)), Column("true_positive_rate", doubles: p.map(\.1)),
                           Column("chance", doubles: p.map(\.0))])
        return try Chart.line(t, x: "false_positive_rate", y: ["true_positive_rate", "chance"],
                              text: ChartText(title: "ROC curve of \(label) (AUC \(CellFormat.number(e.rocAUC)))",
                                              xLabel: "false positive rate", yLabel: "true positive rate"))
    }

    static func precisionRecall(_ e: Evaluation, _ label: String) throws -> Chart {
        let p = thinned(e.prCurve)
        let base = Double(e.positives) / Double(max(e.rows, 1))
        let t = try Table([Column("recall", doubles: p.map(\.0)), Column("precision", doubles: p.map(\.1)),
                           Column("positive_rate", doubles: p.map { _ in base })])
        return try Chart.line(t, x: "recall", y: ["precision", "positive_rate"],
                              text: ChartText(title: "Precision–recall of \(label) (PR AUC \(CellFormat.number(e.averagePrecision)))"))
    }

    static func calibration(_ e: Evaluation, _ label: String) throws -> Chart {
        let t = try e.calibrationTable.adding("perfect") { try $0.value("mean_predicted") }
        return try Chart.line(t, x: "mean_predicted", y: ["observed_rate", "perfect"],
                              text: ChartText(title: "Calibration of \(label)", xLabel: "mean predicted probability",
                                              yLabel: "observed subscription rate"))
    }

    static func gains(_ e: Evaluation, _ label: String) throws -> Chart {
        let deciles = e.lift.count
        let t = try Table([Column("share_targeted", doubles: [0] + e.lift.map { Double($0.group) / Double(max(deciles, 1)) }),
                           Column("cumulative_gain", doubles: [0] + e.lift.map(\.cumulativeGain)),
                           Column("random", doubles: [0] + e.lift.map { Double($0.group) / Double(max(deciles, 1)) })])
        return try Chart.line(t, x: "share_targeted", y: ["cumulative_gain", "random"],
                              text: ChartText(title: "Cumulative gains of \(label)", xLabel: "share of people targeted (by score)",
                                              yLabel: "share of subscribers reached"))
    }

    static func importance(_ e: Evaluation, _ label: String) throws -> Chart {
        try Chart.bar(e.importanceTable, x: "feature", y: "permutation_importance", horizontal: true,
                      text: ChartText(title: "Permutation importance in \(label)", xLabel: "drop in test ROC AUC", yLabel: ""))
    }

    static func confusion(_ e: Evaluation, _ label: String) throws -> Chart {
        let m = e.confusion.rows
        let t = try Table([Column("actual", strings: ["not subscribed", "not subscribed", "subscribed", "subscribed"]),
                           Column("predicted", strings: ["not subscribed", "subscribed", "not subscribed", "subscribed"]),
                           Column("people", ints: [m[0][0], m[0][1], m[1][0], m[1][1]])])
        return try Chart.heatmap(t, x: "predicted", y: "actual", value: "people",
                                 text: ChartText(title: "Confusion matrix of \(label) at \(CellFormat.number(e.confusion.threshold)) (test rows)",
                                                 xLabel: "predicted", yLabel: "actual"))
    }
}

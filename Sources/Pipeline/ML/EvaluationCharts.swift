import Foundation

/// Charts of an evaluation and a search, drawn with the shared SVG chart library.
extension Evaluation {
    /// ROC curve with the chance diagonal (NaN breaks the line between the two series).
    public func rocChart() throws -> Chart {
        let n = rocCurve.count
        let t = try Table([Column("false_positive_rate", doubles: rocCurve.map(\.0) + [0, 1]),
                           Column("model", doubles: rocCurve.map(\.1) + [.nan, .nan]),
                           Column("chance", doubles: [Double](repeating: .nan, count: n) + [0, 1])])
        return try Chart.line(t, x: "false_positive_rate", y: ["model", "chance"],
                              text: ChartText(title: "ROC curve (AUC \(String(format: "%.4f", rocAUC)))",
                                              xLabel: "False positive rate", yLabel: "True positive rate"))
    }

    public func precisionRecallChart() throws -> Chart {
        let t = try Table([Column("recall", doubles: prCurve.map(\.0)), Column("precision", doubles: prCurve.map(\.1))])
        return try Chart.line(t, x: "recall", y: ["precision"],
                              text: ChartText(title: "Precision–recall (average precision \(String(format: "%.4f", averagePrecision)))",
                                              xLabel: "Recall", yLabel: "Precision"))
    }

    public func calibrationChart() throws -> Chart {
        let t = try Table([Column("mean_predicted", doubles: calibration.map(\.meanPredicted) + [0, 1]),
                           Column("observed", doubles: calibration.map(\.observedRate) + [.nan, .nan]),
                           Column("perfect", doubles: [Double](repeating: .nan, count: calibration.count) + [0, 1])])
        return try Chart.line(t, x: "mean_predicted", y: ["observed", "perfect"],
                              text: ChartText(title: "Calibration", xLabel: "Mean predicted probability", yLabel: "Observed positive rate"))
    }

    /// Cumulative gains by decile against the random baseline.
    public func gainsChart() throws -> Chart {
        let t = try Table([Column("share_of_rows", doubles: [0] + lift.map { Double($0.group) / Double(lift.count) }),
                           Column("model", doubles: [0] + lift.map(\.cumulativeGain)),
                           Column("random", doubles: [0] + lift.map { Double($0.group) / Double(lift.count) })])
        return try Chart.line(t, x: "share_of_rows", y: ["model", "random"],
                              text: ChartText(title: "Cumulative gains", xLabel: "Share of rows (highest scores first)", yLabel: "Share of positives"))
    }

    public func liftChart() throws -> Chart {
        try Chart.bar(liftTable, x: "decile", y: "lift", text: ChartText(title: "Lift by decile", xLabel: "Decile", yLabel: "Lift"))
    }

    /// Rows: actual class; columns: predicted class.
    public func confusionChart() throws -> Chart {
        let m = confusion.rows, names = ["negative", "positive"]
        let t = try Table([Column("predicted", strings: ["negative", "positive", "negative", "positive"]),
                           Column("actual", strings: [names[0], names[0], names[1], names[1]]),
                           Column("count", ints: [m[0][0], m[0][1], m[1][0], m[1][1]])])
        return try Chart.heatmap(t, x: "predicted", y: "actual", value: "count",
                                 text: ChartText(title: "Confusion matrix at \(confusion.threshold)", xLabel: "Predicted", yLabel: "Actual"))
    }

    public func importanceChart() throws -> Chart {
        try Chart.bar(importanceTable, x: "feature", y: "permutation_importance", horizontal: true,
                      text: ChartText(title: "Permutation importance (ROC AUC drop)", xLabel: "AUC drop", yLabel: "Feature"))
    }
}

extension HyperparameterSearch.Result {
    /// Trial number against validation ROC AUC, coloured by successive-halving rung.
    public func trialsChart() throws -> Chart {
        let t = try table.setting(Column("rung_label", strings: trials.map { "rung \($0.rung)" }))
        return try Chart.scatter(t, x: "trial", y: "roc_auc", color: "rung_label",
                                 text: ChartText(title: "Search trials", xLabel: "Trial", yLabel: "Validation ROC AUC"))
    }
}

import Foundation
import JSON

/// The model file format (`docs/model-format.md`): one JSON document, `"format": "propel-model"`,
/// `"version": 1`. Doubles are written in their shortest round-trip form and parsed back to
/// the same bits, so a reloaded model scores bit-identically; NaN (a kept-missing fill) is `null`.
public enum ModelFile {
    public static let format = "propel-model"
    public static let version = 1

    public static func encode(_ model: Model) -> JSONValue {
        var estimator: [String: JSONValue]
        switch model.estimator {
        case .logistic(let m):
            estimator = ["weights": doubles(m.weights), "intercept": .double(m.intercept),
                         "iterations": .int(m.iterations), "converged": .bool(m.converged)]
        case .boostedTrees(let m):
            estimator = ["baseline": .double(m.baseline), "trees": .array(m.trees.map(tree)),
                         "gain_importance": doubles(m.gainImportance)]
        case .randomForest(let m):
            estimator = ["trees": .array(m.trees.map(tree)), "gain_importance": doubles(m.gainImportance)]
        }
        estimator["kind"] = .string(model.spec.kind)
        return .object([
            "format": .string(format), "version": .int(version),
            "features": .array(model.features.map(JSONValue.string)),
            "spec": .object(model.spec.parameters.mapValues(JSONValue.string)),
            "preprocessing": .object(["missing": .string(model.preprocessing.policy.rawValue),
                                      "fill": doubles(model.preprocessing.fill),
                                      "center": doubles(model.preprocessing.center),
                                      "scale": doubles(model.preprocessing.scale)]),
            "estimator": .object(estimator),
        ])
    }

    public static func data(_ model: Model) -> Data { Data(JSONWriter(style: .compact, sortKeys: true).bytes(encode(model))) }

    /// Writes atomically (temporary file, then rename): a crash never leaves half a model.
    public static func write(_ model: Model, to url: URL) throws { try AtomicWrite.replace(url, with: data(model)) }

    public static func read(from url: URL) throws -> Model {
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw PipelineError(.io, "cannot read the model file `\(url.path)`")
        }
        do {
            return try decode(try JSONParser.parse(Array(bytes)))
        } catch let error as JSONError {
            throw PipelineError(.malformedFile, "model file `\(url.path)`: \(error)")
        } catch let error as PipelineError {
            throw PipelineError(error.kind, "model file `\(url.path)`: \(error.message)", hint: error.hint)
        }
    }

    public static func decode(_ json: JSONValue) throws -> Model {
        guard json["format"]?.stringValue == format else { throw bad("not a propel model (no `\"format\": \"\(format)\"`)") }
        guard let v = json["version"]?.intValue else { throw bad("no version") }
        guard v == version else { throw bad("version \(v) is not supported (this build reads version \(version))") }
        let features = try strings(json["features"], "features")
        guard let kind = json["estimator"]?["kind"]?.stringValue else { throw bad("no estimator kind") }
        let spec = try decodeSpec(kind: kind, json["spec"])
        guard let pre = json["preprocessing"], let policyName = pre["missing"]?.stringValue,
              let policy = MissingValuePolicy(rawValue: policyName) else { throw bad("missing or unknown preprocessing policy") }
        let preprocessing = Preprocessing(policy: policy, fill: try numbers(pre["fill"], "preprocessing.fill"),
                                          center: try numbers(pre["center"], "preprocessing.center"),
                                          scale: try numbers(pre["scale"], "preprocessing.scale"))
        guard [preprocessing.fill, preprocessing.center, preprocessing.scale].allSatisfy({ $0.count == features.count }) else {
            throw bad("preprocessing lists do not have one entry per feature")
        }
        let e = json["estimator"]!
        let estimator: Estimator
        switch kind {
        case "logistic":
            let weights = try numbers(e["weights"], "estimator.weights")
            guard weights.count == features.count, let b = e["intercept"]?.doubleValue else { throw bad("logistic weights do not match the features") }
            estimator = .logistic(LogisticRegression(weights: weights, intercept: b, iterations: e["iterations"]?.intValue ?? 0,
                                                     converged: e["converged"]?.boolValue ?? true))
        case "gbt":
            guard let baseline = e["baseline"]?.doubleValue else { throw bad("no baseline") }
            estimator = .boostedTrees(GradientBoostedTrees(baseline: baseline, trees: try trees(e["trees"], features.count),
                                                           gainImportance: try numbers(e["gain_importance"], "gain_importance")))
        case "forest":
            estimator = .randomForest(RandomForest(trees: try trees(e["trees"], features.count),
                                                   gainImportance: try numbers(e["gain_importance"], "gain_importance")))
        default: throw bad("unknown estimator kind `\(kind)`")
        }
        return Model(spec: spec, features: features, preprocessing: preprocessing, estimator: estimator)
    }

    private static func decodeSpec(kind: String, _ json: JSONValue?) throws -> ModelSpec {
        guard let object = json?.objectValue else { throw bad("no spec") }
        var numbers: [String: Double] = [:]
        var criterion: String?
        for (name, value) in object {
            guard let text = value.stringValue else { throw bad("spec `\(name)` is not a string") }
            switch (name, text) {
            case ("criterion", _): criterion = text
            case (_, "none"), ("maxFeatures", "sqrt"): continue
            case ("bootstrap", _): numbers[name] = text == "true" ? 1 : 0
            default:
                guard let v = Double(text) else { throw bad("spec `\(name)` = `\(text)` is not a number") }
                numbers[name] = v
            }
        }
        return try ModelSpec(kind: kind, parameters: numbers, criterion: criterion)
    }

    private static func tree(_ t: DecisionTree) -> JSONValue {
        .object(["feature": .array(t.feature.map { .int(Int($0)) }), "threshold": doubles(t.threshold),
                 "missing_left": .array(t.missingGoesLeft.map(JSONValue.bool)),
                 "left": .array(t.left.map { .int(Int($0)) }), "right": .array(t.right.map { .int(Int($0)) }),
                 "value": doubles(t.value)])
    }

    private static func trees(_ json: JSONValue?, _ featureCount: Int) throws -> [DecisionTree] {
        guard let list = json?.arrayValue else { throw bad("no trees") }
        return try list.enumerated().map { index, t in
            func ints(_ key: String) throws -> [Int32] {
                guard let a = t[key]?.arrayValue else { throw bad("tree \(index) has no `\(key)`") }
                return try a.map { guard let i = $0.intValue else { throw bad("tree \(index) `\(key)` has a non-integer") }; return Int32(i) }
            }
            let feature = try ints("feature"), left = try ints("left"), right = try ints("right")
            let threshold = try numbers(t["threshold"], "tree \(index) threshold"), value = try numbers(t["value"], "tree \(index) value")
            guard let missing = t["missing_left"]?.arrayValue?.compactMap(\.boolValue) else { throw bad("tree \(index) has no `missing_left`") }
            let n = feature.count
            guard n > 0, [left.count, right.count, threshold.count, value.count, missing.count].allSatisfy({ $0 == n }) else {
                throw bad("tree \(index) node lists differ in length")
            }
            // Children must point forward inside the tree, so prediction always terminates.
            for k in 0..<n where feature[k] >= 0 {
                guard Int(feature[k]) < featureCount, left[k] > Int32(k), right[k] > Int32(k), Int(left[k]) < n, Int(right[k]) < n else {
                    throw bad("tree \(index) node \(k) has an invalid feature or child")
                }
            }
            return DecisionTree(feature: feature, threshold: threshold, missingGoesLeft: missing, left: left, right: right, value: value)
        }
    }

    private static func doubles(_ values: [Double]) -> JSONValue { .array(values.map { $0.isNaN ? .null : .double($0) }) }

    private static func numbers(_ json: JSONValue?, _ what: String) throws -> [Double] {
        guard let list = json?.arrayValue else { throw bad("no `\(what)` list") }
        return try list.map { v in
            if v.isNull { return .nan }
            guard let d = v.doubleValue else { throw bad("`\(what)` has a non-number") }
            return d
        }
    }

    private static func strings(_ json: JSONValue?, _ what: String) throws -> [String] {
        guard let list = json?.arrayValue, case let s = list.compactMap(\.stringValue), s.count == list.count else { throw bad("no `\(what)` list of strings") }
        return s
    }

    private static func bad(_ message: String) -> PipelineError { PipelineError(.malformedFile, message) }
}

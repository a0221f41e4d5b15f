import Language
import Pipeline

/// A trained model as a value: its kind, features and hyperparameters, and — once registered or
/// loaded — its registry name and version. Renders as an HTML summary.
final class ModelObject: HostObject {
    let model: Model
    let name: String?
    let version: Int?

    init(_ model: Model, name: String? = nil, version: Int? = nil) {
        self.model = model
        self.name = name
        self.version = version
    }

    var typeName: String { "Model" }
    var doc: String { "A trained propensity model (logistic, gbt or forest) with its preprocessing; it scores tables by feature name." }

    /// `gbt v3 of propensity`, or the kind alone before registration.
    var label: String {
        guard let name, let version else { return model.spec.kind }
        return "\(name) v\(version) (\(model.spec.kind))"
    }

    var members: [HostMember] {
        let model = self.model
        return [
            .constant("kind", .string(model.spec.kind), doc: "logistic, gbt or forest."),
            .constant("features", .array(model.features.map(Language.Value.string)), doc: "The feature columns it reads, in order."),
            .constant("params", .dictionary(OrderedDictionary(model.spec.parameters.sorted { $0.key < $1.key }
                .map { (.string($0.key), .string($0.value)) })), doc: "Its hyperparameters."),
            .constant("name", name.map(Language.Value.string) ?? .null, doc: "The registry name (nil before registration)."),
            .constant("version", version.map(Language.Value.int) ?? .null, doc: "The registry version (nil before registration)."),
            .method(function("predict", [.positional("table", "Table")], returns: "[Double]",
                             doc: "P(subscribe) for every row, reading the model's feature columns by name.") { a in
                .array(try model.probabilities(try a.object(0, as: TableObject.self).table).map(Language.Value.double))
            }),
        ]
    }

    func display() -> MimeBundle {
        let parameters = model.spec.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        let record = Record("Model", title: "Model \(label)", fields: [
            .init(name: "kind", value: .string(model.spec.kind), doc: ""),
            .init(name: "params", value: .string(parameters), doc: ""),
            .init(name: "missing values", value: .string(model.preprocessing.policy.rawValue), doc: ""),
            .init(name: "features", value: .string(model.features.joined(separator: ", ")), doc: ""),
        ])
        return record.display()
    }
}

import JSON
import Notebook

/// Papermill's `parameterize_notebook`: the new `injected-parameters` cell replaces an existing
/// one, else goes right after the cell tagged `parameters`, else at the top (with a warning).
/// The values are recorded in `metadata.papermill.parameters`.
public enum ParameterInjection {
    public static let parametersTag = "parameters"
    public static let injectedTag = "injected-parameters"

    /// Types and injects `inputs` (in papermill's precedence order); returns the warnings to print.
    @discardableResult
    public static func inject(
        _ inputs: [(name: String, input: ParameterInput)], into notebook: inout Notebook, language: ParameterLanguage
    ) throws -> [String] {
        var warnings: [String] = []
        let parametersIndex = notebook.firstCell(taggedWith: parametersTag)
        let declarations = parametersIndex.map { language.declarations(in: notebook.cells[$0].source) } ?? []
        var values: [(name: String, value: ParameterValue)] = []
        for (name, input) in inputs {
            let declaration = declarations.last { $0.name == name }
            if declaration == nil, parametersIndex != nil { warnings.append("Passed unknown parameter: \(name)") }
            let value = try ParameterTyping.resolve(name, input, declaration: declaration)
            if let existing = values.firstIndex(where: { $0.name == name }) {
                values[existing].value = value
            } else {
                values.append((name, value))
            }
        }
        var papermill = notebook.metadata["papermill"]?.objectValue ?? [:]
        papermill["parameters"] = ParameterValue.dict(values.map { .init($0.name, $0.value) }).json
        notebook.metadata["papermill"] = .object(papermill)
        guard !values.isEmpty else { return warnings }

        let cell = Cell.code(language.injectedSource(values, declarations: declarations), tags: [injectedTag])
        if let injected = notebook.firstCell(taggedWith: injectedTag) {
            notebook.cells[injected] = cell
        } else if let parametersIndex {
            notebook.cells.insert(cell, at: parametersIndex + 1)
        } else {
            warnings.append("Input notebook does not contain a cell with tag 'parameters'")
            notebook.cells.insert(cell, at: 0)
        }
        notebook.repairCellIDs()
        return warnings
    }
}

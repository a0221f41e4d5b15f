import JSON
import Notebook
import Runner
import XCTest

/// Parameters: declared types kept, papermill inference otherwise, rendering per language, injection.
final class ParameterTests: XCTestCase {
    let propelCell = """
        // Parameters for this step
        let workspace = "workspace/demo"   // where tables go
        let users = 1000
        var rate: Double = 0.1
        let name = "007"
        let verbose = false
        let regions = ["eu", "us"]
        let weights: [String: Double] = [:]
        let cutoff: Int? = nil
        let expression = computeDefault()
        """

    func testPropelDeclarationsTypeFromLiteralsAndAnnotations() {
        let found = PropelTranslator().declarations(in: propelCell)
        XCTAssertEqual(found.map(\.name), ["workspace", "users", "rate", "name", "verbose", "regions", "weights", "cutoff", "expression"])
        XCTAssertEqual(found.map(\.type), [.string, .int, .double, .string, .bool, .list, .dict, .optional(.int), .unknown])
        XCTAssertEqual(found[2].keyword, "var")
        XCTAssertEqual(found[6].annotation, "[String: Double]")
    }

    func testPythonDeclarationsLikePapermillInspect() {
        let source = "# comment\nalpha = 0.6  # a float\nname = '007'\nn: int = 3\nflag = True\nitems = [1, 2]\nopts = {'a': 1}\nmaybe: Optional[str] = None\nx == 3\n  indented = 1\n"
        let found = PythonTranslator().declarations(in: source)
        XCTAssertEqual(found.map(\.name), ["alpha", "name", "n", "flag", "items", "opts", "maybe"])
        XCTAssertEqual(found.map(\.type), [.double, .string, .int, .bool, .list, .dict, .optional(.string)])
    }

    func testTextValuesKeepTheDeclaredType() throws {
        let d = Dictionary(uniqueKeysWithValues: PropelTranslator().declarations(in: propelCell).map { ($0.name, $0) })
        func resolve(_ name: String, _ text: String) throws -> ParameterValue {
            try ParameterTyping.resolve(name, .text(text), declaration: d[name])
        }
        XCTAssertEqual(try resolve("name", "007"), .string("007"))
        XCTAssertEqual(try resolve("workspace", "True"), .string("True"))
        XCTAssertEqual(try resolve("users", "5000"), .int(5000))
        XCTAssertEqual(try resolve("users", "1_000"), .int(1000))
        XCTAssertEqual(try resolve("rate", "1"), .double(1))
        XCTAssertEqual(try resolve("verbose", "true"), .bool(true))
        XCTAssertEqual(try resolve("verbose", "False"), .bool(false))
        XCTAssertEqual(try resolve("regions", "[de, fr]"), .list([.string("de"), .string("fr")]))
        XCTAssertEqual(try resolve("weights", #"{"a": 0.5}"#), .dict([.init("a", .double(0.5))]))
        XCTAssertEqual(try resolve("cutoff", "nil"), .none)
        XCTAssertEqual(try resolve("cutoff", "7"), .int(7))
        XCTAssertEqual(try resolve("expression", "007"), .int(7), "undeclared types fall back to papermill's inference")
        XCTAssertThrowsError(try resolve("users", "many")) { error in
            XCTAssertEqual("\(error)", #"parameter 'users': "many" is not a valid Int (the parameters cell declares `let users = 1000`)"#)
        }
        XCTAssertThrowsError(try resolve("verbose", "yes"))
        XCTAssertThrowsError(try resolve("regions", "{a: 1}"))
    }

    func testPapermillInferenceForUndeclaredValues() {
        XCTAssertEqual(ParameterTyping.inferred("True"), .bool(true))
        XCTAssertEqual(ParameterTyping.inferred("None"), .none)
        XCTAssertEqual(ParameterTyping.inferred("007"), .int(7))
        XCTAssertEqual(ParameterTyping.inferred(" -3 "), .int(-3))
        XCTAssertEqual(ParameterTyping.inferred("0.6"), .double(0.6))
        XCTAssertEqual(ParameterTyping.inferred("1e3"), .double(1000))
        XCTAssertEqual(ParameterTyping.inferred("inf"), .double(.infinity))
        XCTAssertEqual(ParameterTyping.inferred("0x10"), .string("0x10"))
        XCTAssertEqual(ParameterTyping.inferred("a=b"), .string("a=b"))
        XCTAssertEqual(ParameterTyping.inferred("true"), .string("true"))
    }

    func testYAMLValuesKeepScalarTextForDeclaredStrings() throws {
        let entries = try YAMLValue.parseMapping("name: 007\nusers: 5000\nextra: [1, 2.5, x, null]\nflag: true\n", source: "-y")
        XCTAssertEqual(entries.map(\.name), ["name", "users", "extra", "flag"])
        let stringDecl = ParameterDeclaration(name: "name", type: .string, line: #"let name = "x""#)
        XCTAssertEqual(try ParameterTyping.resolve("name", entries[0].input, declaration: stringDecl), .string("007"))
        XCTAssertEqual(try ParameterTyping.resolve("users", entries[1].input, declaration: nil), .int(5000))
        XCTAssertEqual(try ParameterTyping.resolve("extra", entries[2].input, declaration: nil),
                       .list([.int(1), .double(2.5), .string("x"), .none]))
        XCTAssertEqual(try ParameterTyping.resolve("flag", entries[3].input, declaration: nil), .bool(true))
        XCTAssertThrowsError(try YAMLValue.parseMapping("[1, 2]", source: "-y")) { error in
            XCTAssertEqual("\(error)", "-y: expected a mapping of parameter names to values")
        }
        XCTAssertThrowsError(try YAMLValue.parseMapping("a: [1,", source: "params.yaml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("params.yaml: invalid YAML"), "\(error)")
        }
    }

    func testPythonLiteralsMatchPapermillsTranslator() {
        let t = PythonTranslator()
        XCTAssertEqual(t.literal(.none), "None")
        XCTAssertEqual(t.literal(.bool(true)), "True")
        XCTAssertEqual(t.literal(.int(7)), "7")
        XCTAssertEqual(t.literal(.double(0.6)), "0.6")
        XCTAssertEqual(t.literal(.double(2)), "2.0")
        XCTAssertEqual(t.literal(.double(.nan)), "float('nan')")
        XCTAssertEqual(t.literal(.double(-.infinity)), "float('-inf')")
        // "a\"b'\\\n\té😀" through papermill's translate_escaped_str:
        XCTAssertEqual(t.literal(.string("a\"b'\\\n\té😀\u{1}")), #""a\"b'\\\n\t\xe9\U0001f600\x01""#)
        XCTAssertEqual(t.literal(.list([.int(1), .string("x")])), #"[1, "x"]"#)
        XCTAssertEqual(t.literal(.dict([.init("k", .list([]))])), #"{"k": []}"#)
    }

    func testPropelLiteralsAreSwiftSyntax() {
        let t = PropelTranslator()
        XCTAssertEqual(t.literal(.none), "nil")
        XCTAssertEqual(t.literal(.bool(false)), "false")
        XCTAssertEqual(t.literal(.double(0.25)), "0.25")
        XCTAssertEqual(t.literal(.double(.infinity)), "Double.infinity")
        XCTAssertEqual(t.literal(.string("a\"b\\c\n\t\u{1}é")), #""a\"b\\c\n\t\u{1}é""#)
        XCTAssertEqual(t.literal(.list([.string("eu"), .int(2)])), #"["eu", 2]"#)
        XCTAssertEqual(t.literal(.dict([])), "[:]")
        XCTAssertEqual(t.literal(.dict([.init("a", .double(0.5)), .init("b", .none)])), #"["a": 0.5, "b": nil]"#)
    }

    func testInjectionAfterTheParametersCellMirrorsDeclarations() throws {
        var notebook = Notebook(
            metadata: ["kernelspec": ["name": "propel", "display_name": "Propel"]],
            cells: [.markdown("# Title", id: "md"), .code(propelCell, id: "params", tags: ["parameters"]), .code("print(users)", id: "use")])
        let warnings = try ParameterInjection.inject(
            [("users", .text("5000")), ("name", .text("007")), ("cutoff", .text("nil")), ("weights", .text("{}")), ("extra", .raw("x"))],
            into: &notebook, language: PropelTranslator())
        XCTAssertEqual(warnings, ["Passed unknown parameter: extra"])
        XCTAssertEqual(notebook.cells.map(\.id).prefix(2), ["md", "params"])
        let injected = notebook.cells[2]
        XCTAssertEqual(injected.tags, ["injected-parameters"])
        XCTAssertEqual(injected.source, """
            // Parameters
            let users = 5000
            let name = "007"
            let cutoff: Int? = nil
            let weights: [String: Double] = [:]
            let extra = "x"

            """)
        XCTAssertEqual(notebook.metadata["papermill"]?["parameters"], ["users": 5000, "name": "007", "cutoff": nil, "weights": [:], "extra": "x"])

        // Running again replaces the injected cell instead of adding another.
        try ParameterInjection.inject([("users", .text("10"))], into: &notebook, language: PropelTranslator())
        XCTAssertEqual(notebook.cells.count, 4)
        XCTAssertEqual(notebook.cells[2].source, "// Parameters\nlet users = 10\n")
        XCTAssertNotEqual(notebook.cells[2].id, injected.id)
    }

    func testInjectionWithoutParametersCellGoesOnTopWithWarning() throws {
        var notebook = Notebook(cells: [.code("x = 1", id: "a")])
        let warnings = try ParameterInjection.inject([("alpha", .text("0.6")), ("name", .text("007"))], into: &notebook, language: PythonTranslator())
        XCTAssertEqual(warnings, ["Input notebook does not contain a cell with tag 'parameters'"])
        XCTAssertEqual(notebook.cells[0].source, "# Parameters\nalpha = 0.6\nname = 7\n")
        XCTAssertEqual(notebook.cells[1].id, "a")
    }

    func testNoParametersLeavesCellsAloneButRecordsEmptyParameters() throws {
        var notebook = Notebook(cells: [.code("x = 1", id: "a", tags: ["parameters"])])
        try ParameterInjection.inject([], into: &notebook, language: PythonTranslator())
        XCTAssertEqual(notebook.cells.count, 1)
        XCTAssertEqual(notebook.metadata["papermill"]?["parameters"], [:])
    }

    func testBadValueForDeclaredTypeFailsInjectionWithoutTouchingTheNotebook() {
        var notebook = Notebook(cells: [.code("let users = 10", id: "p", tags: ["parameters"])])
        let before = notebook
        XCTAssertThrowsError(try ParameterInjection.inject([("users", .text("lots"))], into: &notebook, language: PropelTranslator()))
        XCTAssertEqual(notebook, before)
    }
}

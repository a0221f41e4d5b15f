import Foundation
import XCTest
@testable import Jupyter

final class KernelSpecFinderTests: XCTestCase {
    var root: String!

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "propel-specs-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func install(_ name: String, under base: String, display: String) throws {
        let dir = "\(base)/kernels/\(name)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try #"{"argv": ["k", "-f", "{connection_file}"], "display_name": "\#(display)", "language": "x"}"#
            .write(toFile: dir + "/kernel.json", atomically: true, encoding: .utf8)
    }

    func testSearchOrderPutsJupyterPathFirstThenUserThenEnvironmentThenSystem() {
        let finder = KernelSpecFinder(environment: ["JUPYTER_PATH": "/a:/b/", "HOME": "/home/u", "PATH": "", "JUPYTER_PREFER_ENV_PATH": "0",
                                                    "VIRTUAL_ENV": "/venv"])
        XCTAssertEqual(finder.searchPaths, ["/a/kernels", "/b/kernels", "/home/u/.local/share/jupyter/kernels",
                                            "/venv/share/jupyter/kernels", "/usr/local/share/jupyter/kernels",
                                            "/usr/share/jupyter/kernels"])
        let preferEnv = KernelSpecFinder(environment: ["HOME": "/home/u", "VIRTUAL_ENV": "/venv", "JUPYTER_PREFER_ENV_PATH": "1"])
        XCTAssertEqual(preferEnv.searchPaths.prefix(2), ["/venv/share/jupyter/kernels", "/home/u/.local/share/jupyter/kernels"])
    }

    func testFindTakesTheFirstMatchAndListsAll() throws {
        try install("propel", under: root + "/first", display: "First")
        try install("propel", under: root + "/second", display: "Second")
        try install("other", under: root + "/second", display: "Other")
        let finder = KernelSpecFinder(environment: ["JUPYTER_PATH": "\(root!)/first:\(root!)/second", "HOME": root!])
        let found = try finder.find("Propel")
        XCTAssertEqual(found.spec.displayName, "First")
        XCTAssertEqual(found.directory, root + "/first/kernels/propel")
        XCTAssertEqual(Set(finder.all().keys), ["propel", "other"])
        XCTAssertThrowsError(try finder.find("nope")) {
            guard case .noSuchKernel(let name, let searched)? = $0 as? KernelClientError else { return XCTFail("\($0)") }
            XCTAssertEqual(name, "nope")
            XCTAssertTrue(searched.contains(root + "/first/kernels"))
        }
    }

    func testBrokenKernelJSONIsAnErrorNamingTheFile() throws {
        let dir = root + "/kernels/broken"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try #"{"argv": []"#.write(toFile: dir + "/kernel.json", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try KernelSpecFinder(environment: ["JUPYTER_PATH": root!, "HOME": root!]).find("broken")) {
            XCTAssertTrue(String(describing: $0).contains(dir + "/kernel.json"), String(describing: $0))
        }
    }

    func testEnvironmentExpansionLeavesUnknownNames() {
        XCTAssertEqual(KernelClient.expand("${A}/x/${B}", ["A": "1"]), "1/x/${B}")
    }
}

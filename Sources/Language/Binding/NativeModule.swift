/// A named namespace of documented functions and constants (`sql`, `synth`, `math`) that a library
/// installs into a session's prelude. Propel code reaches members as `sql.query("…")`.
public final class NativeModule {
    public let name: String
    public let doc: String
    public private(set) var members: [HostMember]

    public init(_ name: String, doc: String = "", members: [HostMember] = []) {
        self.name = name
        self.doc = doc
        self.members = members
    }

    /// Adds (or replaces) a member.
    public func add(_ member: HostMember) {
        members.removeAll { $0.name == member.name }
        members.append(member)
    }

    /// Adds a function member.
    public func add(_ function: NativeFunction) { add(.method(function)) }

    public func member(named name: String) -> HostMember? { members.first { $0.name == name } }
}

import Language

/// Declares a documented native function whose library errors become language errors, so every
/// binding reports failures the same way.
func function(_ name: String, _ parameters: [Parameter] = [], returns: String? = nil, doc: String,
              _ body: @escaping (Arguments) throws -> Language.Value) -> NativeFunction {
    NativeFunction(name, parameters, returns: returns, doc: doc) { arguments in
        try bridging { try body(arguments) }
    }
}

/// Declares a documented module from its functions and constants.
func module(_ name: String, doc: String, _ members: [HostMember]) -> NativeModule {
    NativeModule(name, doc: doc, members: members)
}

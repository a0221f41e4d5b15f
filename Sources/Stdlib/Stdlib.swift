import Language
import Pipeline

/// The entry point the kernel glue, the script runner and tests use: a session with the pipeline
/// library bound in — the documented modules, the global helpers and the `%%sql` cell magic — all
/// working on one shared current workspace.
public enum Stdlib {
    /// The library's modules, every one working on `context`'s current workspace.
    public static func modules(_ context: Context) -> [NativeModule] {
        [
            CatalogModule.make(context),
            ChartModule.make(),
            SynthModule.make(context),
            SQLModule.make(context),
            StorageModule.make(context),
            MLModule.make(),
            ModelsModule.make(context),
            ProfilesModule.make(context),
            AudiencesModule.make(context),
            DestinationsModule.make(context),
        ]
    }

    /// A new session with every module, the global helpers (`open(workspace:)`, `check`, `table`,
    /// `format`, `percent`, `profile`) and `%%sql`.
    public static func session(context: Context = Context(), options: SessionOptions = .init()) -> Session {
        let session = Session(prelude: modules(context), options: options)
        for function in Globals.functions(context) + ProfilesModule.globals(context) {
            // Globals must exist before the first cell runs; a failure here is a programming error.
            try! session.define(function.name, .native(function))
        }
        SQLMagic.register(on: session, context: context)
        return session
    }
}

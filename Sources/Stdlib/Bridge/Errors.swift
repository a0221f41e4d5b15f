import Language
import Pipeline

/// Library errors become language errors whose kind (the `ename` users see) is the library's own,
/// with its hint; the interpreter then adds the location of the call.
extension PipelineError {
    var languageError: LanguageError {
        LanguageError(kind.rawValue, message, hints: hint.map { [$0] } ?? [])
    }
}

/// Runs library code, translating the errors it throws.
func bridging<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as PipelineError {
        throw error.languageError
    }
}

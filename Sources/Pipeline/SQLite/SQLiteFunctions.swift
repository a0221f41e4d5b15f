import CSQLite

/// The state of one aggregate or window-function evaluation (one group, or one partition's
/// sliding frame). SQLite creates one per group through `init()`.
public protocol SQLiteAggregate: AnyObject {
    init()
    /// Adds a row to the group (or to the window frame).
    func step(_ arguments: SQLiteArguments) throws
    /// Removes the oldest row from a window frame; only window functions are asked to.
    func inverse(_ arguments: SQLiteArguments) throws
    /// The result for the rows stepped so far.
    func value() throws -> Value
}

public extension SQLiteAggregate {
    func inverse(_ arguments: SQLiteArguments) throws {
        throw PipelineError(.sql, "\(Self.self) cannot be used with a sliding window frame")
    }
}

/// Boxes what a C callback needs to reach Swift: SQLite hands back this pointer as user data.
private final class ScalarBox {
    let body: (SQLiteArguments) throws -> Value
    init(_ body: @escaping (SQLiteArguments) throws -> Value) { self.body = body }
}

private final class AggregateBox {
    let make: () -> SQLiteAggregate
    init(_ make: @escaping () -> SQLiteAggregate) { self.make = make }
}

/// Holds one group's aggregate behind a concrete class, so reaching it from the C callbacks is
/// a plain pointer load (a cast from `AnyObject` to the protocol would be a runtime lookup per row).
private final class AggregateHolder {
    let state: SQLiteAggregate
    init(_ state: SQLiteAggregate) { self.state = state }
}

private let releaseBox: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
    if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
}

/// The aggregate object for this call's group, created on first use; nil when the group never
/// saw a row and `create` is false.
private func aggregateState(_ context: OpaquePointer?, create: Bool) -> SQLiteAggregate? {
    let size = create ? Int32(MemoryLayout<UnsafeMutableRawPointer?>.size) : 0
    guard let slot = sqlite3_aggregate_context(context, size)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self) else { return nil }
    if let existing = slot.pointee {
        return Unmanaged<AggregateHolder>.fromOpaque(existing).takeUnretainedValue().state
    }
    guard create else { return nil }
    let box = Unmanaged<AggregateBox>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
    let state = box.make()
    slot.pointee = Unmanaged.passRetained(AggregateHolder(state)).toOpaque()
    return state
}

private func freshState(_ context: OpaquePointer?) -> SQLiteAggregate {
    Unmanaged<AggregateBox>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue().make()
}

private let stepCallback: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, argc, argv in
    do { try aggregateState(context, create: true)?.step(SQLiteArguments(argc, argv)) } catch { setError(context, error) }
}

private let inverseCallback: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, argc, argv in
    do { try aggregateState(context, create: true)?.inverse(SQLiteArguments(argc, argv)) } catch { setError(context, error) }
}

private let valueCallback: @convention(c) (OpaquePointer?) -> Void = { context in
    let state = aggregateState(context, create: false) ?? freshState(context)
    do { setResult(context, try state.value()) } catch { setError(context, error) }
}

private let finalCallback: @convention(c) (OpaquePointer?) -> Void = { context in
    let slot = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    let state = aggregateState(context, create: false) ?? freshState(context)
    do { setResult(context, try state.value()) } catch { setError(context, error) }
    if let slot, let pointer = slot.pointee {
        Unmanaged<AggregateHolder>.fromOpaque(pointer).release()
        slot.pointee = nil
    }
}

private let scalarCallback: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, argc, argv in
    let box = Unmanaged<ScalarBox>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
    do { setResult(context, try box.body(SQLiteArguments(argc, argv))) } catch { setError(context, error) }
}

extension SQLiteDatabase {
    /// Registers a scalar SQL function. `argumentCount` -1 accepts any number. `deterministic`
    /// lets SQLite use it in indexes and factor it out of loops; seeded random is not.
    public func createFunction(_ name: String, argumentCount: Int, deterministic: Bool = true,
                               _ body: @escaping (SQLiteArguments) throws -> Value) throws {
        let box = Unmanaged.passRetained(ScalarBox(body) as AnyObject).toOpaque()
        let flags = SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0)
        let rc = sqlite3_create_function_v2(handle, name, Int32(argumentCount), flags, box,
                                            scalarCallback, nil, nil, releaseBox)
        guard rc == SQLITE_OK else { throw currentError(rc) }
    }

    /// Registers an aggregate; with `window: true` it also works as a window function with any
    /// frame (`inverse` is then required for sliding frames).
    public func createAggregate<A: SQLiteAggregate>(_ name: String, argumentCount: Int, _ type: A.Type,
                                                    window: Bool = false) throws {
        let box = Unmanaged.passRetained(AggregateBox { A() } as AnyObject).toOpaque()
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC
        let rc: Int32
        if window {
            rc = sqlite3_create_window_function(handle, name, Int32(argumentCount), flags, box,
                                                stepCallback, finalCallback, valueCallback, inverseCallback, releaseBox)
        } else {
            rc = sqlite3_create_function_v2(handle, name, Int32(argumentCount), flags, box,
                                            nil, stepCallback, finalCallback, releaseBox)
        }
        guard rc == SQLITE_OK else { throw currentError(rc) }
    }
}

/// The profile store's rows, computed from the profile datasets (see `ProfileStore` for the
/// merge rule): the identity column, in the order identities were first applied, then every
/// attribute holding the value of the last row applied that has one.
///
/// Each dataset is read once, with the generation of every row, instead of once per snapshot;
/// attributes are merged column by column on the typed arrays, so no per-value boxing.
struct ProfileMerge {
    /// One profile dataset's live rows.
    private struct Source {
        let dataset: String
        let identity: String
        let rows: Table
    }

    /// One applied snapshot: its source and its rows there, in order.
    private struct Step {
        let at: Timestamp
        let source: Int
        let generation: Int
        let rows: [Int]
    }

    let store: Table
    /// Dataset → rows read from it.
    let sources: [String: Int]
    let attributes: [String]

    init(catalog: Catalog, identityColumn: String) throws {
        var sources: [Source] = [], steps: [Step] = []
        for dataset in try catalog.datasets() where dataset.profileEnabled {
            let schema = try catalog.schema(named: dataset.schema)
            guard schema.kind == .profile, let identity = schema.identity else { continue }
            // A replacing batch deleted every earlier row, so only it and later snapshots hold rows.
            let snapshots = try catalog.snapshots(dataset: dataset.name)
            let live = snapshots[(snapshots.lastIndex { $0.replaced } ?? 0)...]
            guard let first = live.first, let last = live.last else { continue }
            let read = try catalog.readWithGenerations(dataset.name, snapshots: first.generation...last.generation, generations: true)
            guard let generations = read.generations else {
                throw PipelineError(.conflict, "dataset `\(dataset.name)`: cannot tell which snapshot wrote its rows")
            }
            var rowsOf: [Int: [Int]] = [:]
            for (r, g) in generations.enumerated() { rowsOf[g, default: []].append(r) }
            for snapshot in live {
                steps.append(Step(at: snapshot.madeCurrentAt, source: sources.count, generation: snapshot.generation, rows: rowsOf[snapshot.generation] ?? []))
            }
            sources.append(Source(dataset: dataset.name, identity: identity.field, rows: read.rows))
        }
        steps.sort { ($0.at, sources[$0.source].dataset, $0.generation) < ($1.at, sources[$1.source].dataset, $1.generation) }

        // Every row's profile slot (per source, per row); an identity's first row applied makes its slot.
        var slots = sources.map { [Int32](repeating: 0, count: $0.rows.rowCount) }
        var order: [String] = [], index: [String: Int32] = [:]
        index.reserveCapacity(sources.reduce(0) { $0 + $1.rows.rowCount })
        var attributes: [String] = [], types: [String: DataType] = [:]
        var counted = Set<Int>()
        for step in steps {
            let source = sources[step.source]
            if counted.insert(step.source).inserted {
                for column in source.rows.columns where column.name != source.identity {
                    if let known = types[column.name] {
                        guard known == column.type else {
                            throw PipelineError(.schemaViolation, "attribute `\(column.name)` is \(known) in one profile dataset and \(column.type) in `\(source.dataset)`")
                        }
                    } else {
                        types[column.name] = column.type
                        attributes.append(column.name)
                    }
                }
            }
            let ids = try source.rows.column(source.identity)
            var texts: [String]?
            if case .string(let strings) = ids.storage { texts = strings }
            try slots[step.source].withUnsafeMutableBufferPointer { slotOf in
                for r in step.rows {
                    guard !ids.isNull(r) else { throw PipelineError(.schemaViolation, "dataset `\(source.dataset)` has a null identity at row \(r + 1)") }
                    let id = texts?[r] ?? ids[r].description
                    if let slot = index[id] { slotOf[r] = slot } else {
                        slotOf[r] = Int32(order.count)
                        index[id] = slotOf[r]
                        order.append(id)
                    }
                }
            }
        }

        self.sources = sources.reduce(into: [:]) { $0[$1.dataset, default: 0] += $1.rows.rowCount }
        self.attributes = attributes
        store = try Table([Column(identityColumn, strings: order)] + attributes.map { name in
            Self.latest(name, type: types[name]!, profiles: order.count, steps: steps, sources: sources, slots: slots)
        })
    }

    /// Attribute `name` of every profile: the value of the last row applied that has one, null
    /// when none has.
    private static func latest(_ name: String, type: DataType, profiles: Int, steps: [Step], sources: [Source], slots: [[Int32]]) -> Column {
        let columns = sources.map { source in source.rows.columnIndex(name).flatMap { name == source.identity ? nil : source.rows.columns[$0] } }
        var missing = [Bool](repeating: true, count: profiles)
        func merge<T>(_ empty: T, _ values: (Column.Storage) -> [T]?) -> [T] {
            var out = [T](repeating: empty, count: profiles)
            out.withUnsafeMutableBufferPointer { out in
                missing.withUnsafeMutableBufferPointer { missing in
                    for step in steps {
                        guard let column = columns[step.source], let values = values(column.storage) else { continue }
                        let slots = slots[step.source]
                        for r in step.rows where !column.isNull(r) {
                            let slot = Int(slots[r])
                            out[slot] = values[r]
                            missing[slot] = false
                        }
                    }
                }
            }
            return out
        }
        let storage: Column.Storage
        switch type {
        case .int: storage = .int(merge(0) { if case .int(let a) = $0 { return a }; return nil })
        case .double: storage = .double(merge(0) { if case .double(let a) = $0 { return a }; return nil })
        case .string: storage = .string(merge("") { if case .string(let a) = $0 { return a }; return nil })
        case .bool: storage = .bool(merge(false) { if case .bool(let a) = $0 { return a }; return nil })
        case .timestamp: storage = .timestamp(merge(0) { if case .timestamp(let a) = $0 { return a }; return nil })
        }
        return Column(name: name, storage: storage, nulls: missing)
    }
}

import ReplicaStore
import SyncCore

/// An office's daily records on its replica: every command checks its input, then writes ordinary
/// SQL in one transaction (the replica's triggers capture the writes for sync). A command that fails
/// writes nothing.
///
/// Not `Sendable`: it uses the replica's connection, which one owner uses at a time.
public struct Office {
    /// The replica written.
    public let replica: Replica
    /// The rows of the replica's tables, as its catalog describes them now (a sync may move it to a
    /// newer version while the office works).
    var store: RecordStore { RecordStore(connection: replica.connection, catalog: replica.catalog) }

    /// An office working on `replica`.
    public init(replica: Replica) {
        self.replica = replica
    }

    /// An office working on the replica at `path`.
    ///
    /// - Throws: `OfficeError.database` when the file is missing or not a replica.
    public init(path: String) throws(OfficeError) {
        self.init(replica: try OfficeError.wrap("opening \(path)") { try Replica(path: path) })
    }

    /// Writes `input` as a new row after checking it, resolving its references and checking it
    /// against the rows they name (`RecordInput.check(_:against:)`).
    ///
    /// - Throws: `OfficeError` naming the field at fault; nothing is written then.
    public func add<Input: RecordInput>(_ input: Input) throws(OfficeError) -> SavedRecord {
        let values = try input.validated()
        return try write("adding a \(Input.form.table)") { store in
            let values = try resolved(values, Input.form, store)
            try Input.check(values, against: { try store.fetch($0, id: $1)?.values })
            return try store.insert(Input.form.table, values)
        }
    }

    /// Runs `body` in one transaction; errors roll it back and come out as `OfficeError`.
    func write<T>(_ doing: String, _ body: (RecordStore) throws -> T) throws(OfficeError) -> T {
        try OfficeError.wrap(doing) { try replica.connection.transaction { try body(store) } }
    }

    /// `values` with every reference (an id, code or name) replaced by the id of the row it names.
    func resolved(
        _ values: [String: FieldValue], _ form: RecordForm, _ store: RecordStore
    ) throws
        -> [String: FieldValue]
    {
        var values = values
        for field in form.fields {
            guard case .reference(let table) = field.rule, case .text(let key)? = values[field.column] else { continue }
            values[field.column] = .text(try store.resolve(key, in: table, field: field.label))
        }
        return values
    }
}

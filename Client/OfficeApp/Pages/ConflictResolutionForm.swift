import OfficeWork
import ReplicaStore
import SyncCore
import SyncProtocol

/// What a posted conflict form asks for, as a `Resolution`.
enum ConflictResolutionForm {
    /// The resolution `fields` ask for on `description`: `side=N` takes side N, `action=keep|delete`
    /// keeps or deletes an edited-and-deleted row, `value=TEXT` writes a typed value (a date typed
    /// dd/mm/yyyy, an amount typed 1.234,50 read the Italian way, an enumeration's value by its name in
    /// `catalog`, the replica's); nil when the form is not one of these.
    static func resolution(_ fields: [String: String], description: ConflictDescription, catalog: Catalog) -> Resolution? {
        let conflict = description.conflict
        if let number = fields["side"].flatMap(Int.init) {
            guard let side = description.sides.first(where: { $0.number == number }) else { return nil }
            return .take(Dot(replica: ReplicaID(side.side.replica), counter: side.side.counter))
        }
        switch fields["action"] {
        case "keep"?: return .keepRow
        case "delete"?: return .deleteRow
        default: break
        }
        guard let typed = fields["value"]?.trimmingCharacters(in: .whitespaces), !typed.isEmpty else { return nil }
        if RecordNamer.isDate(conflict.column) { return ItalianFormat.parseDate(typed).map(Resolution.typedValue) }
        if conflict.column == "amount_cents" {
            return ItalianFormat.parseEuros(typed).flatMap(Euros.cents(from:)).map { .typedValue(String($0)) }
        }
        if let allowed = catalog.table(named: conflict.table)?.column(named: conflict.column)?.allowed {
            let texts = Texts.italian.naming(with: catalog)
            let stored = allowed.first { $0 == typed || texts.value(conflict.table, conflict.column, $0).lowercased() == typed.lowercased() }
            return stored.map(Resolution.typedValue)
        }
        return .typedValue(typed)
    }
}

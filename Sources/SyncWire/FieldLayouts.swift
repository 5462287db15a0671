import SyncCore
import SyncProtocol

/// One field dictionary layout per table, shared by every row version the JSON reader decodes, so
/// that two versions of a row hold their fields in the same order.
///
/// Swift seeds each dictionary's hashing apart, so two dictionaries built independently from the
/// same names iterate in different orders, while a copy keeps its original's order. Decoding a
/// row's fields into a copy of its table's layout (when the names are the same) lets
/// `RowVersion.mergeFields(with:)` pair fields by position rather than hash every name.
enum FieldLayouts {
    /// The layouts by table: the field names of the latest row decoded without one, every value
    /// `unfilled`.
    private static let layouts = SharedTable<String, [String: [Sibling]]>(limit: 256)

    /// The value of a layout's fields, which decoding replaces: one array, recognised by address.
    static let unfilled = [Sibling(dot: Dot(replica: ReplicaID(""), counter: 0), value: .null)]

    /// The layout for `table`, if one is known.
    static func layout(of table: String) -> [String: [Sibling]]? {
        layouts[table]
    }

    /// Makes the order of `fields` the layout of `table`.
    static func adopt(_ fields: [String: [Sibling]], for table: String) {
        // `mapValues` keeps the order of the dictionary it maps.
        layouts.store(fields.mapValues { _ in unfilled }, for: table)
    }

    /// Whether `siblings` is a layout's placeholder, not yet replaced.
    @inline(__always)
    static func isUnfilled(_ siblings: [Sibling]) -> Bool {
        siblings.withUnsafeBufferPointer { given in
            unfilled.withUnsafeBufferPointer { placeholder in given.baseAddress == placeholder.baseAddress }
        }
    }
}

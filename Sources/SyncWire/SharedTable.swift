import SyncCore
import Foundation

/// A bounded map shared by every thread of the process, for values worth sharing between the row
/// versions it decodes (see `FieldLayouts` and `JSONReader.replicaID()`).
///
/// Every access holds `lock`, hence `@unchecked Sendable`. Once `limit` keys are stored, new keys are
/// not remembered (callers then go without sharing, never without a value).
final class SharedTable<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]
    /// The most keys the table holds.
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The value stored for `key`, if any.
    subscript(key: Key) -> Value? {
        lock.withLock { entries[key] }
    }

    /// Stores `value` for `key` (replacing any value there), unless the table is full of other keys.
    func store(_ value: Value, for key: Key) {
        lock.withLock {
            if entries.count < limit || entries[key] != nil { entries[key] = value }
        }
    }

    /// The value stored for `key`; when there is none, `value` (stored first if there is room).
    func intern(_ value: Value, for key: Key) -> Value {
        lock.withLock {
            if let known = entries[key] { return known }
            if entries.count < limit { entries[key] = value }
            return value
        }
    }
}

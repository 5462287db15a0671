import SyncCore
import SyncProtocol
import Testing

/// An enumeration takes its values byte for byte, as a replica's `CHECK (c IN (…))` does: a
/// canonically equivalent spelling (which Swift's `==` calls equal) would be stored by the server
/// and then refused, or shown, by every replica that receives it.
@Suite struct EnumerationValueTests {
    static let catalog = Catalog(schemaVersion: 1, tables: [TableSpec("lab", .shared, [ColumnSpec("status", allowed: ["attività"])])])

    @Test func anAllowedValueIsTakenAndACanonicallyEquivalentSpellingRefused() throws {
        #expect(try Self.catalog.checkedValue(.text("attività"), table: "lab", column: "status") == .text("attività"))
        let error = try #require(throws: SyncCoreError.self) {
            try Self.catalog.checkedValue(.text("attivita\u{300}"), table: "lab", column: "status")
        }
        #expect(error.description.contains("is not one of"))
    }
}

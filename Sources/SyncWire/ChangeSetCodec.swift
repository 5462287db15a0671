import SyncCore
import Foundation
import SyncProtocol

/// Reads and writes change sets as JSON (the file format and the HTTP body; see protocol/SYNC.md).
public enum ChangeSetCodec {
    /// The change set as compact JSON.
    public static func encode(_ changeSet: ChangeSet) -> [UInt8] {
        WireJSON.encode(changeSet)
    }

    /// Decodes and validates a change set against `catalog`.
    ///
    /// - Throws: `SyncCoreError.malformedChangeSet` for bytes that are not a change set (truncated,
    ///   corrupted, another document), `.unsupportedProtocol` / `.schemaMismatch` for another version,
    ///   and the row errors of `Catalog.validate` for unknown tables, columns or bad values.
    public static func decode(_ bytes: some Collection<UInt8>, catalog: Catalog) throws(SyncCoreError) -> ChangeSet {
        try decode(bytes, newest: catalog.schemaVersion) { $0 == catalog.schemaVersion ? catalog : nil }
    }

    /// Decodes a change set and validates it against `catalogFor(its schema version)`; a version for
    /// which it gives nil is refused (`.schemaMismatch` naming `newest`).
    public static func decode(
        _ bytes: some Collection<UInt8>, newest: Int, catalogFor: (Int) -> Catalog?
    ) throws(SyncCoreError) -> ChangeSet {
        try withoutActuallyEscaping(catalogFor) { lookup throws(SyncCoreError) in
            try decode(Array(bytes), catalogs: VersionedCatalogs(newest: newest, lookup: lookup))
        }
    }

    private static func decode(_ contiguous: [UInt8], catalogs: VersionedCatalogs) throws(SyncCoreError) -> ChangeSet {
        if let parts = contiguous.withUnsafeBytes(WireJSON.changeSetParts) {
            // The fast reader understood the document: the same header checks as the reference decoder.
            let catalog = try checkHeader(
                format: parts.format, protocolVersion: parts.protocolVersion, schemaVersion: parts.schemaVersion,
                catalogs: catalogs)
            if var changeSet = parts.changeSet {
                try validate(&changeSet, catalog: catalog)
                return changeSet
            }
        }
        return try decodeWithFoundation(contiguous, catalogs: catalogs)
    }

    /// The reference decoder: slower, with JSONDecoder's precise messages for malformed documents.
    static func decodeWithFoundation(_ bytes: [UInt8], catalogs: VersionedCatalogs) throws(SyncCoreError) -> ChangeSet {
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes))
        } catch {
            throw .malformedChangeSet(detail: JSONErrorSummary.describe(error))
        }
        let catalog = try checkHeader(
            format: header.format, protocolVersion: header.protocolVersion, schemaVersion: header.schemaVersion,
            catalogs: catalogs)
        var changeSet: ChangeSet
        do {
            changeSet = try JSONDecoder().decode(ChangeSet.self, from: Data(bytes))
        } catch {
            throw .malformedChangeSet(detail: JSONErrorSummary.describe(error))
        }
        try validate(&changeSet, catalog: catalog)
        return changeSet
    }

    /// Refuses a document of another format, protocol version or schema version, in that order;
    /// returns the catalog of its schema version.
    private static func checkHeader(
        format: String?, protocolVersion: Int?, schemaVersion: Int?, catalogs: VersionedCatalogs
    ) throws(SyncCoreError) -> Catalog {
        guard format == ChangeSet.formatName else {
            throw .malformedChangeSet(detail: "'format' is '\(format ?? "missing")', expected '\(ChangeSet.formatName)'")
        }
        guard protocolVersion == ProtocolVersion.current else {
            throw .unsupportedProtocol(found: protocolVersion ?? 0, supported: ProtocolVersion.current)
        }
        guard let schemaVersion, let catalog = catalogs.lookup(schemaVersion) else {
            throw .schemaMismatch(found: schemaVersion ?? 0, expected: catalogs.newest)
        }
        return catalog
    }

    /// Validates every row and retained view against `catalog`.
    private static func validate(_ changeSet: inout ChangeSet, catalog: Catalog) throws(SyncCoreError) {
        changeSet.rows = try changeSet.rows.map { row throws(SyncCoreError) in try catalog.validate(row) }
        if let retained = changeSet.retained {
            changeSet.retained = try retained.map { row throws(SyncCoreError) in try catalog.validate(row) }
        }
    }

    /// The catalog of each schema version a decoder takes, and the newest, for its refusal.
    struct VersionedCatalogs {
        let newest: Int
        let lookup: (Int) -> Catalog?
    }

    /// The fields read first, so that a change set of another version is refused with a clear reason
    /// rather than a decoding error.
    private struct Header: Decodable {
        let format: String?
        let protocolVersion: Int?
        let schemaVersion: Int?
    }
}

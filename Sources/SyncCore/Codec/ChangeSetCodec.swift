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
        let contiguous = Array(bytes)
        if let parts = contiguous.withUnsafeBytes(WireJSON.changeSetParts) {
            // The fast reader understood the document: same checks, same order, as below.
            guard parts.format == ChangeSet.formatName else {
                throw .malformedChangeSet(detail: "'format' is '\(parts.format ?? "missing")', expected '\(ChangeSet.formatName)'")
            }
            guard parts.protocolVersion == ProtocolVersion.current else {
                throw .unsupportedProtocol(found: parts.protocolVersion ?? 0, supported: ProtocolVersion.current)
            }
            guard parts.schemaVersion == catalog.schemaVersion else {
                throw .schemaMismatch(found: parts.schemaVersion ?? 0, expected: catalog.schemaVersion)
            }
            if var changeSet = parts.changeSet {
                try validate(&changeSet, catalog: catalog)
                return changeSet
            }
        }
        return try decodeWithFoundation(contiguous, catalog: catalog)
    }

    /// The reference decoder: slower, with JSONDecoder's precise messages for malformed documents.
    static func decodeWithFoundation(_ bytes: [UInt8], catalog: Catalog) throws(SyncCoreError) -> ChangeSet {
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes))
        } catch {
            throw .malformedChangeSet(detail: JSONErrorSummary.describe(error))
        }
        guard header.format == ChangeSet.formatName else {
            throw .malformedChangeSet(detail: "'format' is '\(header.format ?? "missing")', expected '\(ChangeSet.formatName)'")
        }
        guard header.protocolVersion == ProtocolVersion.current else {
            throw .unsupportedProtocol(found: header.protocolVersion ?? 0, supported: ProtocolVersion.current)
        }
        guard header.schemaVersion == catalog.schemaVersion else {
            throw .schemaMismatch(found: header.schemaVersion ?? 0, expected: catalog.schemaVersion)
        }
        var changeSet: ChangeSet
        do {
            changeSet = try JSONDecoder().decode(ChangeSet.self, from: Data(bytes))
        } catch {
            throw .malformedChangeSet(detail: JSONErrorSummary.describe(error))
        }
        try validate(&changeSet, catalog: catalog)
        return changeSet
    }

    /// Validates every row and retained view against `catalog`.
    private static func validate(_ changeSet: inout ChangeSet, catalog: Catalog) throws(SyncCoreError) {
        changeSet.rows = try changeSet.rows.map { row throws(SyncCoreError) in try catalog.validate(row) }
        if let retained = changeSet.retained {
            changeSet.retained = try retained.map { row throws(SyncCoreError) in try catalog.validate(row) }
        }
    }

    /// The fields read first, so that a change set of another version is refused with a clear reason
    /// rather than a decoding error.
    private struct Header: Decodable {
        let format: String?
        let protocolVersion: Int?
        let schemaVersion: Int?
    }
}

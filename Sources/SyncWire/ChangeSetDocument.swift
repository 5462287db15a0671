import SyncCore
import SyncProtocol

/// A change set as its JSON document, ready to send or to write to a file (`ChangeSetBuilder` makes
/// it): what crosses from the replica to the transport, so that no untyped bytes do.
public struct ChangeSetDocument: Sendable, Equatable {
    /// The document's bytes (compact JSON, protocol/SYNC.md).
    public let bytes: [UInt8]

    /// The document whose bytes are `bytes`.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }
}

extension ChangeSetCodec {
    /// Decodes and validates `document` (`decode(_:catalog:)`).
    public static func decode(_ document: ChangeSetDocument, catalog: Catalog) throws(SyncCoreError) -> ChangeSet {
        try decode(document.bytes, catalog: catalog)
    }
}

import Foundation
import SyncCore
import SyncProtocol
import SyncWire

/// A pull or snapshot page as it arrived, not yet decoded: decoding a page of a thousand rows takes
/// longer than the server takes to send the next, so a sync asks for the next page (`ahead`) before
/// it decodes this one, on another thread (`decoded()` touches nothing but the page).
struct ArrivedPage: Sendable {
    /// The server's answer.
    let response: HTTPResponse
    /// What the rows are checked against: the replica's catalog as pulled rows are held.
    let catalog: Catalog

    /// Where the next page starts, as the page's headers say (protocol/SYNC.md, "Paging ahead"); nil
    /// when the server sent none (an older one): the page must then be decoded first.
    var ahead: PageAhead? { PageAhead(headers: response.headers) }

    /// The page decoded, every row checked against the catalog it is held at.
    func decoded() throws(SyncError) -> PullPage {
        var page: PullPage
        if let fast = response.body.withUnsafeBytes(WireJSON.pullPage) {
            page = fast
        } else {
            page = try ServerAPI.decode(PullPage.self, from: response)
        }
        do {
            // A column a later version dropped may still be in a row's state: the replica keeps no field of it.
            page.rows = try page.rows.map { row throws(SyncCoreError) in
                try catalog.validate(catalog.withoutUnknownFields(row))
            }
        } catch {
            throw .badResponse(detail: "\(error)")
        }
        if let ahead, ahead.more != page.more || ahead.through != page.through {
            throw .badResponse(
                detail: "a page's headers say more=\(ahead.more) through=\(ahead.through), its document more=\(page.more) "
                    + "through=\(page.through)")
        }
        return page
    }
}

/// Where the page after one starts, from its `FareLegami-Page-*` headers.
struct PageAhead: Equatable, Sendable {
    /// Whether more pages follow (after `through` for a pull, further in the table for a snapshot).
    let more: Bool
    /// The page's `through`.
    let through: UInt64
    /// A snapshot page's last key read (the next page's `after`); nil when none was given.
    let after: String?

    /// The headers' values; nil unless `more` and `through` are both there and well formed.
    init?(headers: [String: String]) {
        guard let more = headers["farelegami-page-more"], more == "0" || more == "1",
            let through = headers["farelegami-page-through"].flatMap(UInt64.init)
        else { return nil }
        self.more = more == "1"
        self.through = through
        self.after = headers["farelegami-page-after"].flatMap { $0.removingPercentEncoding }
    }
}

import SQLiteDatabase
import SyncCore


/// Realistic FareLegami rows (~200 bytes each): a mix of partner, need_report and household rows,
/// with time-ordered random ids (UUIDv7 layout), or wholly random ones (`randomIDs`, as ids other
/// programs or imports give), generated deterministically from a seed.
struct Workload {
    /// The tables the rows go to, with the columns written (`id` first, then the catalog's columns).
    static let tables = ["partner", "need_report", "household"]

    let site: String
    let seed: UInt64
    /// Ids with no time order (`--random-ids`): rows written in index order land at random keys.
    var randomIDs = false

    /// `INSERT INTO t (id, site_id, ...) VALUES (?1, ...)` for each table.
    static func insertSQL(_ table: String) -> String {
        let columns = ["id"] + spec(table).columnNames
        let placeholders = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }

    /// An UPDATE of one or two columns of a row: `?1` is the id.
    static func updateSQL(_ table: String) -> String {
        switch table {
        case "partner": "UPDATE partner SET legal_form = ?2 WHERE id = ?1"
        case "need_report": "UPDATE need_report SET status = 'answered', response = ?2 WHERE id = ?1"
        default: "UPDATE household SET vulnerability = ?2 WHERE id = ?1"
        }
    }

    static func spec(_ table: String) -> TableSpec { Catalog.farelegami.table(named: table)! }

    /// The table of row `index`.
    static func table(of index: Int) -> String { tables[index % 3] }

    /// The id of row `index`: time-ordered (the row index plays the millisecond clock), random tail.
    func id(_ index: Int) -> String {
        var random = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        let tail = random.next()
        let time = randomIDs ? random.next() : UInt64(1_780_000_000_000) &+ UInt64(index)
        var bytes = [UInt8](repeating: 0, count: 16)
        for byte in 0..<6 { bytes[byte] = UInt8(truncatingIfNeeded: time >> (8 * (5 - UInt64(byte)))) }
        for byte in 6..<16 { bytes[byte] = UInt8(truncatingIfNeeded: tail >> (8 * UInt64(byte % 8))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0f)
        bytes[8] = 0x80 | (bytes[8] & 0x3f)
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (offset, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(offset) { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The values of row `index`, in `insertSQL` order.
    func values(_ index: Int) -> [SQLValue] {
        var random = SeededGenerator(seed: seed ^ UInt64(index))
        let n = Int(random.next() % 100_000)
        let key = SQLValue.text(id(index))
        switch index % 3 {
        case 0:
            return [
                key, .text(site), .text("Cooperativa sociale Il Girasole \(n) di Crema e del territorio cremasco"),
                .text("cooperativa sociale di tipo A"), .text("0\(1_000_000_000 + n)19"),
                .text(["lead", "partner", "supporter"][n % 3]),
            ]
        case 1:
            return [
                key, .text(site), .text(id(index / 7)), .text("2026-0\(1 + n % 9)-1\(n % 10)"),
                .text(["housing", "work", "care", "isolation", "economic"][n % 5]), .text(["low", "medium", "high"][n % 3]),
                .text("new"), .text("Richiesta di supporto \(n): accompagnamento ai servizi e orientamento"), .null, .null,
            ]
        default:
            return [
                key, .text(site), .text("CR-\(String(n, radix: 36).uppercased())"), .text(["Crema", "Cremona", "Casalmaggiore"][n % 3]),
                .integer(Int64(1 + n % 3)), .integer(Int64(n % 4)), .integer(Int64(n % 2)),
                .text("fragilità economica e abitativa, segnalata dai servizi sociali \(n)"), .text("servizi sociali comunali"),
            ]
        }
    }

    /// The new value an update writes to row `index`.
    func updatedValue(_ index: Int) -> SQLValue {
        .text("aggiornato \(index): esito del colloquio e prossimi passi concordati")
    }
}

extension Connection {
    /// Inserts rows `range` of `workload` with one prepared statement per table (no transaction of its own).
    func insertRows(_ workload: Workload, _ range: Range<Int>) throws {
        let statements = try Workload.tables.map { try prepare(Workload.insertSQL($0)) }
        for index in range {
            try statements[index % 3].bind(workload.values(index)).run()
        }
    }

    /// Updates rows `indices` of `workload` (no transaction of its own), writing `value(index)`
    /// (by default the workload's `updatedValue`).
    func updateRows<Indices: Sequence<Int>>(
        _ workload: Workload, _ indices: Indices, value: ((Int) -> SQLValue)? = nil
    ) throws {
        let statements = try Workload.tables.map { try prepare(Workload.updateSQL($0)) }
        for index in indices {
            try statements[index % 3].bind([.text(workload.id(index)), value?(index) ?? workload.updatedValue(index)]).run()
        }
    }
}

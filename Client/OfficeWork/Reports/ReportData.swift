/// The rows reports are computed from, read from a replica in one pass and held as plain values,
/// so every report is a pure function of this data and a period.
public struct ReportData: Sendable {
    /// A pact's reportable fields.
    public struct Pact: Sendable {
        /// The fields reports read.
        public var site: String, householdID: String, kind: String, status: String, signedOn: ISODate?
    }
    /// A household's site and declared composition.
    public struct Household: Sendable {
        /// The fields reports read.
        public var id: String, site: String, adults: Int, minors: Int, over65: Int
    }
    /// A lab.
    public struct Lab: Sendable {
        /// The fields reports read.
        public var id: String, site: String, theme: String
    }
    /// A lab session's head-counts.
    public struct Session: Sendable {
        /// The fields reports read.
        public var labID: String, heldOn: ISODate?, participants: Int, minors: Int, elderly: Int, volunteers: Int
    }
    /// A civic center.
    public struct Center: Sendable {
        /// The fields reports read.
        public var id: String, site: String, name: String
    }
    /// A need's dates and status.
    public struct Need: Sendable {
        /// The fields reports read.
        public var centerID: String, status: String, reportedOn: ISODate?, answeredOn: ISODate?
    }
    /// One entry of volunteer hours.
    public struct Hours: Sendable {
        /// The fields reports read.
        public var site: String, volunteer: String, doneOn: ISODate?, hours: Double
    }
    /// Money in.
    public struct Funding: Sendable {
        /// The fields reports read.
        public var site: String, kind: String, partnerID: String?, cents: Int64, onDate: ISODate?
    }
    /// A budget line.
    public struct BudgetLine: Sendable {
        /// The fields reports read.
        public var site: String, action: String, year: Int, cents: Int64
    }
    /// Money out.
    public struct Expense: Sendable {
        /// The fields reports read.
        public var site: String, action: String, cents: Int64, spentOn: ISODate?
    }

    /// The replica the data comes from (reports note when it is not the central office's).
    public var replicaSite = "hq"
    /// Site names by id.
    public var sites: [String: String] = [:]
    /// Partner names by id.
    public var partners: [String: String] = [:]
    /// The pacts.
    public var pacts: [Pact] = []
    /// The households.
    public var households: [Household] = []
    /// The household id of every person.
    public var personHouseholds: [String] = []
    /// The labs.
    public var labs: [Lab] = []
    /// The lab sessions.
    public var sessions: [Session] = []
    /// The civic centers.
    public var centers: [Center] = []
    /// The needs.
    public var needs: [Need] = []
    /// The volunteer hours.
    public var hours: [Hours] = []
    /// The funding.
    public var funding: [Funding] = []
    /// The budget lines.
    public var budgetLines: [BudgetLine] = []
    /// The expenses.
    public var expenses: [Expense] = []

    /// Empty data (fill it in, or load it with `Office.reportData()`).
    public init() {}

    /// `sites` in report order: crema, cremona, casalmaggiore, hq, then any other alphabetically.
    public static func ordered(_ sites: some Sequence<String>) -> [String] {
        let fixed = ["crema", "cremona", "casalmaggiore", "hq"]
        let unique = Set(sites)
        return fixed.filter(unique.contains) + unique.subtracting(fixed).sorted()
    }
}

/// The reports `farelegami report` prints (the funder's six-monthly figures).
public enum ReportName: String, Sendable, CaseIterable {
    /// Pacts by kind and status per site (signed in the period).
    case pacts
    /// Households and people reached per site (with a pact signed in the period).
    case households
    /// Labs, sessions and participants per site (sessions held in the period).
    case labs
    /// Civic-center needs by status and average days to answer (reported in the period).
    case needs
    /// Volunteers and hours per site (in the period).
    case volunteers
    /// Co-financing realised vs pledged per partner (up to the period's end).
    case cofinancing
    /// Donations per site (in the period).
    case donations
    /// Spending vs budget by site and action.
    case spending
    /// Funds and spending against the project budget of EUR 3,300,000 (EUR 1,500,000 from Cariplo).
    case budget
    /// Every report above, in order.
    case all

    /// The reports `all` stands for.
    public static var each: [ReportName] { allCases.filter { $0 != .all } }
}

/// The project's budget as approved: EUR 3,300,000 over three years, EUR 1,500,000 of it a grant
/// from Fondazione Cariplo, the rest partners' co-financing and fundraising.
public enum ProjectBudget {
    /// The whole budget in cents.
    public static let totalCents: Int64 = 330_000_000
    /// Fondazione Cariplo's grant in cents.
    public static let cariploCents: Int64 = 150_000_000
    /// The share partners and fundraising bring, in cents.
    public static var partnersCents: Int64 { totalCents - cariploCents }
}

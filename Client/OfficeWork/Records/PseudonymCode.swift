/// Household pseudonyms: a site prefix and random characters (`CR-7Q2K`), never derived from a tax
/// code or any other personal datum, so they cannot be enumerated back to a person.
public enum PseudonymCode {
    /// Crockford's base32: digits and capitals without I, L, O and U, easy to read aloud and copy.
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The prefix codes of `site` start with: `CR` crema, `CM` cremona, `CA` casalmaggiore, `HQ` hq,
    /// else the site's first two letters in capitals.
    public static func prefix(for site: String) -> String {
        switch site {
        case "crema": "CR"
        case "cremona": "CM"
        case "casalmaggiore": "CA"
        case "hq": "HQ"
        default: String(site.uppercased().filter { $0.isLetter || $0.isNumber }.prefix(2))
        }
    }

    /// A random code for `site` with `length` random characters (4 by default), e.g. `CR-7Q2K`.
    public static func random(
        site: String, length: Int = 4, using generator: inout some RandomNumberGenerator
    )
        -> String
    {
        let body = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
        return "\(prefix(for: site))-\(String(body))"
    }

    /// A random code for `site` that `isTaken` does not know: four characters, one more after every
    /// 16 collisions (so a site never runs out of codes).
    public static func unique(
        site: String, using generator: inout some RandomNumberGenerator, isTaken: (String) throws -> Bool
    ) rethrows -> String {
        var length = 4
        var attempts = 0
        while true {
            let code = random(site: site, length: length, using: &generator)
            if try !isTaken(code) { return code }
            attempts += 1
            if attempts % 16 == 0 { length += 1 }
        }
    }

    /// Whether `code` has the shape of a pseudonym: a prefix, a dash and 4 or more base32 characters.
    public static func isWellFormed(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].count >= 4 && parts[1].allSatisfy(alphabet.contains)
    }
}

/// A commit author as a changelog credits them: by GitHub login when the email
/// says it (`12345+login@users.noreply.github.com`, `login@users.noreply.github.com`),
/// else by name.
public struct Contributor: Sendable, Hashable {
    public let name: String
    public let email: String
    /// The GitHub login, or `nil` when the email is not a GitHub no-reply address.
    public let login: String?

    public init(name: String, email: String) {
        self.name = name
        self.email = email
        login = Self.gitHubLogin(fromEmail: email)
    }

    /// The login in a GitHub no-reply address: the local part, without the numeric
    /// id and `+` that accounts created after July 2017 carry. Bots keep their
    /// `[bot]` suffix (`41898282+github-actions[bot]@…` → `github-actions[bot]`).
    public static func gitHubLogin(fromEmail email: String) -> String? {
        let suffix = "@users.noreply.github.com".utf8
        let bytes = email.utf8
        // Bytes, case-insensitively: this runs once per commit of the changelog.
        guard bytes.count > suffix.count,
              zip(bytes.suffix(suffix.count), suffix).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) else { return nil }
        var local = Substring(email.utf8.dropLast(suffix.count))
        if let plus = local.firstIndex(of: "+"), local[..<plus].allSatisfy(\.isASCIIDigitCharacter), plus != local.startIndex {
            local = local[local.index(after: plus)...]
        }
        guard !local.isEmpty, local.allSatisfy({ $0.isASCIILoginCharacter }) else { return nil }
        return String(local)
    }

    /// How the changelog names them: `@login`, else the name, else the email.
    public var displayName: String {
        if let login { return "@" + login }
        return name.isEmpty ? email : name
    }

    /// Two commits are by the same contributor when the login matches, else the
    /// email (case-insensitively), else the name.
    var identity: String {
        if let login { return "login:" + login.lowercased() }
        if !email.isEmpty { return "email:" + email.lowercased() }
        return "name:" + name
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
    /// GitHub logins: ASCII letters, digits, `-`; bot accounts add `[bot]`.
    fileprivate var isASCIILoginCharacter: Bool {
        isASCII && (isLetter || isNumber || self == "-" || self == "[" || self == "]" || self == "_")
    }
}

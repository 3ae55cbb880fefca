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
        // By bytes too: a login is ASCII, so any other byte already means "not one".
        var local = bytes.dropLast(suffix.count)
        if let plus = local.firstIndex(of: UInt8(ascii: "+")), plus != local.startIndex,
           local[..<plus].allSatisfy(Self.isDigit) {
            local = local[local.index(after: plus)...]
        }
        guard !local.isEmpty, local.allSatisfy(Self.isLoginByte) else { return nil }
        return String(Substring(local))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// GitHub logins: ASCII letters, digits, `-`; bot accounts add `[bot]`.
    private static func isLoginByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "_")
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

/// Values chosen to break naive output writers and log printers: each one is a way
/// text from a commit, a branch or an API body could forge an output or a command.
enum HostileValues {
    static let delimiterLookalike = "ghadelimiter_00000000-0000-0000-0000-000000000000"

    static let all: [String] = [
        "",
        "plain",
        "two\nlines",
        "trailing newline\n",
        "\n",
        "\n\n\nleading newlines",
        "carriage\rreturn",
        "crlf\r\nline",
        "\r\n",
        "name=value",
        "injected\nextra=forged",
        "injected\nextra<<EOF\nforged\nEOF",
        "other<<" + delimiterLookalike,
        delimiterLookalike,
        "x\n" + delimiterLookalike + "\ny",
        "ghadelimiter_",
        "EOF",
        "::set-output name=forged::value",
        "::error::forged annotation",
        "line\n::add-mask::secret",
        "##[set-output name=forged;]value",
        "text ##[error]inline legacy command",
        "%0A%0D%25 already escaped",
        "percent % and %%",
        "tabs\tand\u{0B}vertical\u{0C}feed",
        "unicode ✓ ü 漢字 🚀 \u{200B}zero-width",
        "\u{2028}line separator\u{2029}",
        "ansi \u{1B}[31mred\u{1B}[0m",
        "bell \u{07} and delete \u{7F}",
        "quote \" backslash \\ and ' single",
        "  surrounding blanks  ",
        "{\"json\": [1, 2, {\"x\": null}]}",
        "<script>alert(1)</script> & | pipes |",
        String(repeating: "long line ", count: 2000),
        (1...200).map { "line \($0)" }.joined(separator: "\n"),
    ]
}

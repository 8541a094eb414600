import CLibXML2

/// Process-wide libxml2 set-up and the options every parse uses.
enum LibXML {
    /// `xmlInitParser()` must run once before threads parse concurrently; a static `let` runs it
    /// exactly once, thread-safely.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Runs libxml2's one-time initialisation if it has not run yet.
    static func initialize() {
        _ = initialized
    }

    /// Recover from any markup, stay silent, never touch the network, and ignore `<meta>` charsets:
    /// the bytes handed to libxml2 are already transcoded to the charset named in the call.
    static let parseOptions: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
    )
}

/// A network error in a few words a person can act on, for fetches and webhook deliveries alike.
public enum TransportReason {
    /// "connection refused", "the host name does not resolve", …; else the error's first line.
    ///
    /// The HTTP client's errors print as type dumps ("connection reset (error set): Connection
    /// refused) (errno: 111)"); the known ones are named by what happened.
    public static func of(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") { return "no connection within the time limit" }
        if text.contains("onnection refused") || text.contains("ECONNREFUSED") { return "connection refused" }
        if text.contains("redirectCycleDetected") { return "the redirects go round in a loop" }
        if text.contains("redirectLimitReached") { return "more than 5 redirects" }
        if text.contains("NXDOMAIN") || text.contains("nodename nor servname") || text.contains("getaddrinfo")
            || text.contains("dnsAError") || text.contains("dnsAAAAError") || text.contains("dnsError")
            || text.contains("UnknownHost") || text.contains("DNS error")
        {
            return "the host name does not resolve"
        }
        if text.contains("NIOConnectionError") { return "no address of the host accepted a connection" }
        if text.contains("onnection reset") { return "the connection was reset" }
        return text.split(separator: "\n").first.map(String.init) ?? text
    }
}

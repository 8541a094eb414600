import MonitorCore
import Testing

/// `Site.urlProblem`: every URL is checked in full before a request, so no input reaches the HTTP
/// client's preconditions (a port above 65535 once crashed `monitor run` on every start).
@Suite struct SiteURLTests {
    @Test(arguments: [
        "https://colinraffel.com/", "http://127.0.0.1:8470/page", "https://user:pw@example.edu:443/~a/?q=1#x",
        "http://[::1]:8080/", "HTTPS://Example.EDU/",
    ])
    func usableURLsPass(url: String) {
        #expect(Site.urlProblem(url) == nil)
        #expect(Site.isHTTPURL(url))
    }

    @Test(arguments: [
        ("http://127.0.0.1:99999/", "the port 99999 is not between 1 and 65535"),
        ("http://127.0.0.1:0/", "the port 0 is not between 1 and 65535"),
        ("http://example.edu:8o/", "it is not a URL"),
        ("ftp://example.edu/", "it is not http(s) but ftp"),
        ("file:///etc/passwd", "it is not http(s) but file"),
        ("https:///nohost", "it names no host"),
        ("https://exa mple.edu/", "it contains spaces or control characters"),
        ("http://[::1/", "it is not a URL"),
        ("example.edu", "it is not a URL"),
    ])
    func badURLsSayWhatIsWrong(url: String, problem: String) {
        #expect(Site.urlProblem(url) == problem)
        #expect(!Site.isHTTPURL(url))
    }
}

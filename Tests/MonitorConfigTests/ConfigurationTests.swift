import Foundation
import MonitorConfig
import MonitorCore
import MonitorTestSupport
import Testing

@Suite struct ConfigurationTests {
    @Test func theExampleParsesWithEveryKey() throws {
        let file = Fixture.packageRoot.appendingPathComponent("monitor.example.toml")
        let configuration = try Configuration.parse(String(contentsOf: file, encoding: .utf8), file: file.path)
        #expect(configuration.contact == "mailto:you@example.edu")
        #expect(configuration.interval == .seconds(6 * 3_600))
        #expect(configuration.timeout == .seconds(60))
        #expect(configuration.concurrency == 4)
        #expect(configuration.sites.map(\.id) == ["colinraffel", "ada-lindqvist"])
        #expect(configuration.sites[1].interval == .seconds(86_400))
        #expect(configuration.enabledSites.map(\.id) == ["colinraffel"])
        // What `config check` prints parses back to the same configuration.
        #expect(configuration.webhooks.map(\.name) == ["lab-notify"])
        #expect(configuration.webhooks.first?.events.count == 4)
        #expect(!configuration.rendered().contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        var again = try Configuration.parse(configuration.rendered(showingSecrets: true), file: "rendered")
        again.source = configuration.source
        #expect(again == configuration)
    }

    static let invalid: [(text: String, error: String)] = [
        (
            "colour = 1\n",
            "f.toml:1: colour: unknown key; top-level keys are contact, state_dir, [defaults], [limits], [[sites]], [[webhooks]], [serve] and [digest]"
        ),
        ("[defaults]\ninterval = 5m\n", "f.toml:2: not valid TOML"),
        ("[defaults]\n\ninterval = \"soon\"\n", "f.toml:3: defaults.interval: must be a duration"),
        ("[defaults]\njitter = 2\n", "f.toml:2: defaults.jitter: must be a fraction between 0 and 1"),
        ("[limits]\nconcurrency = 0\n", "f.toml:2: limits.concurrency: must be a whole number above 0"),
        (
            "[[sites]]\nid = \"a\"\nurl = \"https://a.example/\"\n[[sites]]\nid = \"b\"\nurl = \"ftp://b\"\n",
            "f.toml:6: sites.url: 'ftp://b' is not a usable http(s) URL (it is not http(s) but ftp)"
        ),
        (
            "[[sites]]\nid = \"a\"\nurl = \"http://127.0.0.1:99999/\"\n",
            "f.toml:3: sites.url: 'http://127.0.0.1:99999/' is not a usable http(s) URL (the port 99999 is not between 1 and 65535)"
        ),
        (
            "[[webhooks]]\nname = \"w\"\nurl = \"http://127.0.0.1:0/hook\"\nsecret = \"whsec_AAAA\"\n",
            "f.toml:3: webhooks.url: webhook 'w': 'http://127.0.0.1:0/hook' is not a usable http(s) URL (the port 0 is not between 1 and 65535)"
        ),
        (
            "[[sites]]\nid = \"a\"\nurl = \"https://a.example/\"\n[[sites]]\nid = \"a\"\nurl = \"https://b.example/\"\n",
            "f.toml:5: sites.id: site 'a' is already defined (entry 1); ids must be unique"
        ),
        ("[[sites]]\nurl = \"https://a.example/\"\n", "f.toml:1: this [[sites]] entry has no id"),
        ("[[sites]]\nid = \"a b\"\nurl = \"https://a.example/\"\n", "f.toml:2: sites.id: 'a b' is not a usable id"),
        (
            "[[sites]]\nid = \"a\"\nurl = \"https://a.example/\"\nenabled = \"yes\"\n",
            "f.toml:4: sites.enabled: must be true or false"
        ),
        (
            "[[sites]]\nid = \"a\"\nurl = \"https://a.example/\"\nselector = \"//li\"\n",
            "f.toml:4: sites.selector: unknown key"
        ),
        (
            "[[webhooks]]\nname = \"h\"\nurl = \"https://h.example/\"\nsecret = \"hunter2\"\n",
            "f.toml:4: webhooks.secret: a secret must be whsec_"
        ),
        ("[[webhooks]]\nname = \"h\"\nurl = \"https://h.example/\"\n", "f.toml:1: webhook 'h' has no secret"),
        (
            "[[webhooks]]\nname = \"h\"\nurl = \"https://h.example/\"\nsecret = \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"\n"
                + "events = [\"paper.added\"]\n",
            "f.toml:5: webhooks.events: 'paper.added' is not an event"
        ),
        (
            "[[sites]]\nid = \"a\"\nurl = \"https://a.example/\"\n[[sites]]\nid = \"b\"\nurl = \"https://b.example/\"\n"
                + "[sites.selectors.talks]\nentry = \"//li[@class='x'\"\n",
            "f.toml:8: sites.selectors.talks.entry: '//li[@class='x'' is not a valid XPath 1.0 expression (invalid predicate)"
        ),
        (
            "[[sites]]\nid = \"a\"\nurl = \"https://a.example/\"\n[sites.selectors.publications]\ntitle = \"//b\"\n",
            "f.toml:4: [sites.selectors.publications] has no entry; add entry = \".//li\""
        ),
        (
            "[[sites]]\nid = \"a\"\nurl = \"https://a.example/\"\n[sites.selectors.members]\nentry = \"//li\"\nrole = \"//i\"\n",
            "f.toml:6: sites.selectors.members.role: unknown key; [sites.selectors.members] takes section, entry and name, url, description"
        ),
        (
            "[[sites]]\nid = \"a\"\nurl = \"https://a.example/\"\n[sites.selectors.papers]\nentry = \"//li\"\n",
            "f.toml:4: sites.selectors.papers: unknown key; [sites.selectors] takes the tables publications, talks and members"
        ),
    ]

    @Test func selectorOverridesParseAndPrintBack() throws {
        let file = Fixture.directory.appendingPathComponent("overrides/monitor.toml")
        let configuration = try Configuration.parse(String(contentsOf: file, encoding: .utf8), file: file.path)
        let site = try #require(configuration.sites.first)
        let publications = try #require(site.selectors.publications)
        #expect(publications.section == "//h2[. = 'Recent Work']/following-sibling::div[1]")
        #expect(publications.entry == "./div[@class = 'pub']")
        #expect(Set(publications.fields.keys) == ["title", "authors", "venue", "year", "url"])
        #expect(site.selectors.talks?.fields.keys.sorted() == ["venues", "year"])
        #expect(site.selectors.members == nil)
        #expect(site.site.selectors == site.selectors)
        var again = try Configuration.parse(configuration.rendered(), file: "rendered")
        again.source = configuration.source
        #expect(again == configuration)
    }

    @Test(arguments: invalid)
    func errorsNameTheLineKeyAndFix(text: String, error: String) {
        do {
            _ = try Configuration.parse(text, file: "f.toml")
            Issue.record("parsed: \(text)")
        } catch let failure as ConfigError {
            #expect(failure.description.hasPrefix(error), "\(failure)")
            #expect(!failure.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theFileIsFoundInTheDocumentedOrder() {
        let home = ["HOME": "/home/u"]
        #expect(Configuration.path(option: "/x.toml", environment: ["MONITOR_CONFIG": "/m.toml"]) == ("/x.toml", true))
        #expect(Configuration.path(option: nil, environment: ["MONITOR_CONFIG": "/m.toml"]) == ("/m.toml", true))
        #expect(
            Configuration.path(option: nil, environment: ["CONFIGURATION_DIRECTORY": "/etc/monitor"]) == (
                "/etc/monitor/monitor.toml", false
            )
        )
        #expect(
            Configuration.path(option: nil, environment: ["XDG_CONFIG_HOME": "/c"]) == (
                "/c/monitor/monitor.toml", false
            )
        )
        #expect(Configuration.path(option: nil, environment: home) == ("/home/u/.config/monitor/monitor.toml", false))
    }

    @Test func noFileMeansTheEmbeddedDefault() throws {
        let configuration = try Configuration.load(option: nil, environment: ["HOME": "/nonexistent-home"])
        #expect(configuration.source == "embedded default")
        #expect(configuration.sites.map(\.url) == ["https://colinraffel.com/"])
        #expect(configuration.sites.first?.interval == .seconds(6 * 3_600))
        #expect(throws: ConfigError.self) { try Configuration.load(option: "/nonexistent.toml", environment: [:]) }
    }

    @Test func durations() {
        #expect(DurationText.parse("90s") == .seconds(90))
        #expect(DurationText.parse("30m") == .seconds(1_800))
        #expect(DurationText.parse("1w") == .seconds(604_800))
        #expect(DurationText.parse("0h") == nil)
        #expect(DurationText.parse("1.5h") == nil)
        #expect(DurationText.parse("99999999999999w") == nil)
        #expect(DurationText.parse("53w") == nil)
        #expect(DurationText.format(.seconds(5_400)) == "90m")
        #expect(DurationText.format(.seconds(21_600)) == "6h")
    }
}

/// `[serve]` and `[digest]` (`Configuration+Web.swift`).
@Suite struct WebSectionsTests {
    @Test func serveAndDigestParseAndPrintBack() throws {
        let text = """
            [serve]
            listen = "0.0.0.0:8470"
            token_file = "/etc/monitor/web.token"

            [digest]
            to = ["a@example.edu", "b@example.edu"]
            every = "1d"
            from = "monitor@example.edu"
            sendmail = "/usr/local/bin/fake-sendmail"

            """
        let configuration = try Configuration.parse(text, file: "web.toml")
        #expect(configuration.serve == ServeSettings(listen: "0.0.0.0:8470", tokenFile: "/etc/monitor/web.token"))
        #expect(
            configuration.digest
                == DigestSettings(
                    to: ["a@example.edu", "b@example.edu"],
                    every: .seconds(86_400),
                    from: "monitor@example.edu",
                    sendmail: "/usr/local/bin/fake-sendmail"
                )
        )
        var again = try Configuration.parse(configuration.rendered(), file: "web.toml")
        again.source = configuration.source
        #expect(again == configuration)
        let defaults = try Configuration.parse("[digest]\nto = \"a@example.edu\"\n", file: "d.toml").digest
        #expect(defaults?.every == .seconds(7 * 86_400))
        #expect(defaults?.sendmail == "/usr/sbin/sendmail")
    }

    static let errors: [(String, String)] = [
        ("[serve]\nport = 1\n", "e.toml:2: serve.port: unknown key; [serve] takes listen and token_file"),
        (
            "[serve]\nlisten = \"localhost\"\n",
            "e.toml:2: serve.listen: must be HOST:PORT, such as \"127.0.0.1:8470\" or \"[::1]:8470\""
        ),
        (
            "[digest]\nevery = \"1w\"\n",
            "e.toml:1: [digest] needs to = \"you@example.edu\" (or a list of addresses)"
        ),
        (
            "[digest]\nto = [\"a@example.edu\", \"nobody\"]\n",
            "e.toml:2: digest.to: 'nobody' is not an e-mail address; write to = \"you@example.edu\""
        ),
        (
            "[digest]\nto = \"a@example.edu\"\nevery = \"soon\"\n",
            "e.toml:3: digest.every: must be a duration such as \"6h\", \"30m\", \"90s\" or \"1d\", or whole seconds "
                + "(at most a year)"
        ),
    ]

    @Test(arguments: errors) func mistakesNameTheLineAndTheFix(_ text: String, _ message: String) {
        #expect(throws: ConfigError.self) { try Configuration.parse(text, file: "e.toml") }
        do {
            _ = try Configuration.parse(text, file: "e.toml")
        } catch {
            #expect("\(error)" == message)
        }
    }
}

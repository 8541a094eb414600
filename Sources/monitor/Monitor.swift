import ArgumentParser
import MonitorCore

/// The `monitor` command: watches academic homepages for new papers, talks and members.
@main
struct Monitor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Watch academic homepages for new, changed and removed papers, talks and members.",
        version: MonitorVersion.current,
        subcommands: [Extract.self]
    )
}

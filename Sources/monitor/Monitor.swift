import ArgumentParser
import Foundation
import MonitorConfig
import MonitorCore
import MonitorStore

/// The `monitor` command: watches academic homepages for new papers, talks and members.
@main
struct Monitor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Watch academic homepages for new, changed and removed papers, talks and members.",
        version: MonitorVersion.current,
        subcommands: [
            Run.self, Check.self, Diff.self, History.self, Import.self, Archive.self, Extract.self, Compare.self,
            ConfigCommand.self, WebhookCommand.self, Serve.self, Feed.self, DigestCommand.self,
        ]
    )

    /// Runs the command; any error is printed as one line ("Error: …"), without the usage block
    /// ArgumentParser would add, and exits with its code (1 failure, 64 usage).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ConfigError {
            // EX_CONFIG: systemd's RestartPreventExitStatus=78 stops restarting a misconfigured service.
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(78)
        } catch let error as StoreError {
            // EX_TEMPFAIL when another monitor holds the state directory: try again once it is done.
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            if case .locked = error { Foundation.exit(75) }
            Foundation.exit(1)
        } catch let code as ExitCode {
            // The command already said what went wrong.
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            var message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            if message.hasPrefix("Error: ") { message = String(message.dropFirst(7)) }
            FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }
}

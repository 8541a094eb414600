import ArgumentParser

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// How a command that reports changes prints them.
enum ChangeFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
}

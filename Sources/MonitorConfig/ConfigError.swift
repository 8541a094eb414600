/// Why a configuration file cannot be used: one line naming the file, line, key and the fix.
public struct ConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file (or "embedded default").
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: message`.
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

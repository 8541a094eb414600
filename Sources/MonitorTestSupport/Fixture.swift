import Foundation

/// Finds the repository's fixtures and the shared corpus from the tests.
public enum Fixture {
    /// The package root, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
}

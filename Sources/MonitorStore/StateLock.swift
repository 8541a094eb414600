import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The state directory's lock: one `monitor run`, `check` or `import` writes a state directory at a time.
///
/// An advisory `flock(2)` on `monitor.lock` in the state directory, which also holds the holder's PID and
/// command for the error the next one prints. The kernel drops the lock when the process ends, however it
/// ends, so a crash never leaves a stale lock behind. Readers (`history`, `diff`, `serve`, …) take no lock:
/// SQLite's WAL lets them read beside the writer.
///
/// `monitor run` keeps the lock across its idle spells: ``keepAcrossExec()`` leaves the descriptor open
/// through `exec` and names it in `MONITOR_LOCK_FD`; `monitor-idle` keeps that descriptor, and the
/// `monitor run` it starts again adopts it (``acquire(directory:command:)`` checks that it is this very lock
/// file) instead of taking a new lock that would conflict with its own.
public final class StateLock: Sendable {
    /// The name of the lock file in the state directory.
    public static let fileName = "monitor.lock"
    /// The variable naming a lock descriptor inherited across an idle spell.
    public static let inheritedVariable = "MONITOR_LOCK_FD"

    /// The open descriptor that holds the lock.
    public let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Takes the lock of `directory` (created if missing), or adopts the one this process inherited.
    ///
    /// - Parameters:
    ///   - directory: The state directory.
    ///   - command: The command taking it (`run`, `check`, `import`), written into the file for others' errors.
    /// - Returns: The lock, held until it is released (the process ends or the value is freed).
    /// - Throws: ``StoreError/locked(path:pid:holder:)`` when another process holds it;
    ///   ``StoreError/file(path:message:)`` when the lock file cannot be made.
    public static func acquire(directory: URL, command: String) throws -> StateLock {
        let path = directory.appendingPathComponent(fileName).path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.file(path: directory.path, message: "cannot create the state directory (\(error))")
        }
        let descriptor = inherited(path) ?? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError.file(
                path: path,
                message: "cannot open the lock file (\(String(cString: strerror(errno)))); "
                    + "check that the state directory is writable"
            )
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = contents(descriptor)
            close(descriptor)
            throw StoreError.locked(path: directory.path, pid: holder.pid, holder: holder.command)
        }
        let text = Array("\(getpid()) \(command)\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        unsetenv(inheritedVariable)
        return StateLock(descriptor: descriptor)
    }

    /// Leaves the lock open across `exec` (for `monitor-idle` and the `monitor run` after it).
    public func keepAcrossExec() {
        let flags = fcntl(descriptor, F_GETFD)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags & ~FD_CLOEXEC) }
        setenv(Self.inheritedVariable, String(descriptor), 1)
    }

    /// The descriptor named by `MONITOR_LOCK_FD`, if it is open on this very file.
    private static func inherited(_ path: String) -> Int32? {
        guard let text = getenv(inheritedVariable).map({ String(cString: $0) }), let descriptor = Int32(text),
            descriptor > 2
        else { return nil }
        var open = stat()
        var file = stat()
        guard fstat(descriptor, &open) == 0, stat(path, &file) == 0, open.st_dev == file.st_dev,
            open.st_ino == file.st_ino
        else { return nil }
        let flags = fcntl(descriptor, F_GETFD)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        return descriptor
    }

    /// The PID and command the holder wrote, if it wrote them.
    private static func contents(_ descriptor: Int32) -> (pid: Int32?, command: String?) {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return (nil, nil) }
        let words = String(decoding: buffer[0..<count], as: UTF8.self).split(whereSeparator: \.isWhitespace)
        return (words.first.flatMap { Int32($0) }, words.dropFirst().first.map(String.init))
    }
}

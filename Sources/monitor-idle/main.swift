#if canImport(Glibc)
import Glibc
#endif

// `monitor-idle`: what `monitor run` becomes while nothing is due for a while.
//
//     monitor-idle UNTIL STATUS -- MONITOR ARGUMENTS…
//
// `monitor run` execs this small program (the standard library and libc only: a few MiB instead of the
// full monitor's 40) when no site and no webhook delivery is due for `--idle-after`. Same process, same
// PID, so systemd sees no change. It keeps systemd's watchdog fed, and execs `MONITOR ARGUMENTS…` again
// (`monitor run …`, which resumes the schedule from the state directory) at UNTIL (seconds since 1970),
// at once on SIGHUP (a reload is a fresh start), and exits 0 on SIGTERM or SIGINT. STATUS is shown as
// systemd's status line meanwhile. It is not meant to be run by hand.

/// Writes one line to stderr.
func fail(_ message: String) -> Never {
    var text = "Error: monitor-idle: \(message)\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    exit(1)
}

/// systemd's notify socket, when `NOTIFY_SOCKET` names one; sends are best effort.
struct Notifier {
    private var socketDescriptor: Int32 = -1
    private var address = sockaddr_un()
    private var length: socklen_t = 0

    init() {
        guard let path = getenv("NOTIFY_SOCKET").map({ String(cString: $0) }), !path.isEmpty else { return }
        var bytes = Array(path.utf8)
        // A name starting with '@' is an abstract socket: a leading NUL byte.
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        socketDescriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }

    func send(_ message: String) {
        guard socketDescriptor >= 0 else { return }
        var copy = address
        var text = message
        text.withUTF8 { bytes in
            withUnsafePointer(to: &copy) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    _ = sendto(socketDescriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), $0, length)
                }
            }
        }
    }
}

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 5, arguments[3] == "--", let until = Double(arguments[1]) else {
    fail("usage: monitor-idle UNTIL STATUS -- MONITOR ARGUMENTS… (it is started by `monitor run`)")
}
let status = arguments[2]
let command = Array(arguments[4...])

var signals = sigset_t()
sigemptyset(&signals)
for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&signals, signal) }
var previousMask = sigset_t()
pthread_sigmask(SIG_BLOCK, &signals, &previousMask)
// `monitor run` blocked these just before the exec; they stay blocked across the next one too, so the
// mask to give back is the one without them.
for signal in [SIGTERM, SIGINT, SIGHUP] { sigdelset(&previousMask, signal) }

let notifier = Notifier()
notifier.send("STATUS=\(status)")
// WATCHDOG_USEC from systemd: ping at half the interval while waiting.
let watchdog = getenv("WATCHDOG_USEC").flatMap { Double(String(cString: $0)) }.map { $0 / 2_000_000 }

/// Replaces this program with `monitor run …` again (signals unblocked, as they were).
@MainActor func resume() -> Never {
    // A stop that came in meanwhile wins: no need to start monitor only to stop it.
    var none = timespec(tv_sec: 0, tv_nsec: 0)
    var info = siginfo_t()
    var pending = signals
    while true {
        let received = sigtimedwait(&pending, &info, &none)
        if received == SIGTERM || received == SIGINT {
            notifier.send("STOPPING=1")
            exit(0)
        }
        if received < 0 { break }
    }
    pthread_sigmask(SIG_SETMASK, &previousMask, nil)
    var cStrings = command.map { strdup($0) }
    cStrings.append(nil)
    execv(command[0], cStrings)
    fail("cannot run \(command[0]) again (\(String(cString: strerror(errno)))); systemd will restart the service")
}

while true {
    let remaining = until - now()
    if remaining <= 0 { resume() }
    let wait = min(remaining, watchdog ?? 3_600)
    var timeout = timespec(tv_sec: Int(wait), tv_nsec: Int((wait - Double(Int(wait))) * 1e9))
    var info = siginfo_t()
    let received = sigtimedwait(&signals, &info, &timeout)
    switch received {
    case SIGTERM, SIGINT:
        notifier.send("STOPPING=1")
        exit(0)
    case SIGHUP:
        notifier.send("RELOADING=1")
        resume()
    default:
        // Timed out (or interrupted): feed the watchdog, then wait again or resume.
        if watchdog != nil { notifier.send("WATCHDOG=1") }
    }
}

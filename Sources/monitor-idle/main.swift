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
guard arguments.count >= 5, arguments[3] == "--", let until = Double(arguments[1]), until.isFinite else {
    fail("usage: monitor-idle UNTIL STATUS -- MONITOR ARGUMENTS… (it is started by `monitor run`)")
}

// Descriptors `monitor run` left open without close-on-exec (swift-nio's epoll ones): closed, so that
// they do not pile up over many idle spells. All but the state directory's lock (`MONITOR_LOCK_FD`):
// the state directory stays held through the idle spell, and the next `monitor run` adopts it.
let lockDescriptor = getenv("MONITOR_LOCK_FD").flatMap { Int32(String(cString: $0)) }
var open: [Int32] = []
if let directory = opendir("/proc/self/fd") {
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if let descriptor = Int32(name), descriptor > 2, descriptor != dirfd(directory) { open.append(descriptor) }
    }
    closedir(directory)
}
for descriptor in open where descriptor != lockDescriptor { close(descriptor) }
let status = arguments[2]
let command = Array(arguments[4...])

var signals = sigset_t()
sigemptyset(&signals)
for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&signals, signal) }
pthread_sigmask(SIG_SETMASK, &signals, nil)  // only these: not the mask of the thread that exec'd
// What `monitor run` leaves behind (a worker thread's mask, ignored signals) is not passed on: the
// next `monitor run` starts with nothing blocked and default actions, as under systemd.
var cleanMask = sigset_t()
sigemptyset(&cleanMask)
for signal in [SIGQUIT, SIGABRT, SIGTERM, SIGINT, SIGHUP] { Glibc.signal(signal, SIG_DFL) }

let notifier = Notifier()
// WATCHDOG_USEC from systemd (for this PID): ping at half the interval while waiting.
let watchdogPID = getenv("WATCHDOG_PID").flatMap { Int32(String(cString: $0)) }
let watchdog = getenv("WATCHDOG_USEC").flatMap { Double(String(cString: $0)) }
    .flatMap { $0 > 0 && (watchdogPID == nil || watchdogPID == getpid()) ? $0 / 2_000_000 : nil }
notifier.send("STATUS=\(status)" + (watchdog == nil ? "" : "\nWATCHDOG=1"))

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
    // A reload that arrives while `monitor run` starts is ignored, not fatal (it reads the file anyway);
    // its own handler takes over once it runs.
    Glibc.signal(SIGHUP, SIG_IGN)
    pthread_sigmask(SIG_SETMASK, &cleanMask, nil)
    var cStrings = command.map { strdup($0) }
    cStrings.append(nil)
    execv(command[0], cStrings)
    fail("cannot run \(command[0]) again (\(String(cString: strerror(errno)))); systemd will restart the service")
}

while true {
    let remaining = until - now()
    if remaining <= 0 { resume() }
    // At most a minute at a time: the deadline is wall-clock time, the wait is not.
    let wait = min(remaining, watchdog ?? 60, 60)
    var timeout = timespec(tv_sec: Int(wait), tv_nsec: Int((wait - Double(Int(wait))) * 1e9))
    var info = siginfo_t()
    let received = sigtimedwait(&signals, &info, &timeout)
    switch received {
    case SIGTERM, SIGINT:
        notifier.send("STOPPING=1")
        exit(0)
    case SIGHUP:
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        notifier.send("RELOADING=1\nMONOTONIC_USEC=\(Int(spec.tv_sec) * 1_000_000 + Int(spec.tv_nsec) / 1_000)")
        resume()
    default:
        // Timed out (or interrupted): feed the watchdog, then wait again or resume.
        if watchdog != nil { notifier.send("WATCHDOG=1") }
    }
}

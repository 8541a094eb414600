/// Lets at most one request per host run at a time; others for the same host wait their turn
/// in arrival order. Different hosts never wait for each other.
actor HostGate {
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Runs `body` once no other request for `host` is in flight.
    func withHost<T: Sendable>(_ host: String, _ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire(host)
        defer { release(host) }
        return try await body()
    }

    private func acquire(_ host: String) async {
        if busy.insert(host).inserted { return }
        await withCheckedContinuation { waiting[host, default: []].append($0) }
    }

    private func release(_ host: String) {
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue.isEmpty ? nil : queue
            next.resume()  // the host stays busy: ownership passes to the next in line
        } else {
            busy.remove(host)
        }
    }
}

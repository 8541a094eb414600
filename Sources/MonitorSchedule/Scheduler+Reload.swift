import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorStore

// SIGHUP (a new configuration, applied site by site) and shutdown.
extension Scheduler {

    func reloadConfiguration() async {
        notifier.reloading()
        do {
            let fresh = try reload()
            let previous = configuration
            let old = Dictionary(uniqueKeysWithValues: configuration.enabledSites.map { ($0.id, $0) })
            let new = Dictionary(uniqueKeysWithValues: fresh.enabledSites.map { ($0.id, $0) })
            configuration = fresh
            checker.endpoints = fresh.webhooks
            await reloaded(fresh)
            for (id, _) in old where new[id] == nil {
                states[id]?.task?.cancel()
                states[id] = nil
            }
            for entry in fresh.enabledSites {
                if states[entry.id] == nil {
                    try await start(entry)
                } else if let current = states[entry.id], current.entry != entry {
                    if current.entry.url != entry.url { try await checker.store.addSite(entry.site) }
                    states[entry.id]?.entry = entry
                    if entry.interval < current.entry.interval {
                        // A shorter interval takes effect now, not after the old one runs out.
                        states[entry.id]?.due = min(current.due, now() + Self.seconds(entry.interval))
                        states[entry.id]?.task?.cancel()
                        states[entry.id]?.task = Task { await self.loop(entry.id) }
                    }
                }
            }
            let restartOnly = [
                ("contact", previous.contact != fresh.contact),
                ("timeout", previous.timeout != fresh.timeout),
                ("max_body_bytes", previous.maxBodyBytes != fresh.maxBodyBytes),
                ("suspect_loss", previous.suspectLoss != fresh.suspectLoss),
                ("state_dir", previous.stateDirectory != fresh.stateDirectory),
            ].filter(\.1).map(\.0)
            if !restartOnly.isEmpty {
                logger.warning(
                    "Configuration reloaded, but these take effect only after a restart",
                    metadata: ["keys": "\(restartOnly.joined(separator: ", "))"]
                )
            }
            logger.info("Configuration reloaded", metadata: ["sites": "\(states.count)", "config": "\(fresh.source)"])
        } catch {
            logger.error("Configuration not reloaded; keeping the previous one", metadata: ["error": "\(error)"])
        }
        notifier.ready(status: lastSummary)
    }

    func stop() async {
        isStopping = true
        // Going idle is no stop for systemd: the same process goes on as monitor-idle.
        if handOff == nil {
            notifier.stopping()
            logger.info("Stopping: checks in hand finish, no new ones start")
        }
        let tasks = states.values.compactMap(\.task)
        for task in tasks { task.cancel() }
        for waiter in waiting { waiter.continuation.resume() }
        waiting.removeAll()
        for task in tasks { await task.value }
    }
}

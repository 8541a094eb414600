import Foundation
import MonitorCore

/// A server-rendered SVG chart of a site's entries per kind over time, from its good snapshots.
struct EntryChart {
    /// One point per snapshot whose counts differ from the one before (a step line needs no more).
    struct Point {
        var at: Date
        var counts: [Int]
    }

    static let kinds: [(name: String, color: String)] = [
        ("papers", "#1565c0"), ("talks", "#ef6c00"), ("members", "#2e7d32"),
    ]
    let points: [Point]

    init(snapshots: [Snapshot]) {
        var points: [Point] = []
        for snapshot in snapshots where snapshot.outcome.isGood {
            let counts = [snapshot.publications ?? 0, snapshot.talks ?? 0, snapshot.members ?? 0]
            if points.last?.counts != counts { points.append(Point(at: snapshot.fetchedAt, counts: counts)) }
        }
        if let last = snapshots.last(where: { $0.outcome.isGood }), let end = points.last, end.at < last.fetchedAt {
            points.append(Point(at: last.fetchedAt, counts: end.counts))
        }
        self.points = points
    }

    /// The chart, 720 × 240, with a legend, the largest count and the first and last dates.
    ///
    /// - Returns: An `<svg>` element.
    func svg() -> String {
        guard let first = points.first, let last = points.last else {
            return "<p>No good snapshot yet, so no chart.</p>"
        }
        let (width, height, left, right, top, bottom) = (720.0, 240.0, 40.0, 10.0, 20.0, 30.0)
        let maximum = max(1, points.flatMap(\.counts).max() ?? 1)
        let span = max(1, last.at.timeIntervalSince(first.at))
        func x(_ date: Date) -> Double { left + (width - left - right) * date.timeIntervalSince(first.at) / span }
        func y(_ count: Int) -> Double { top + (height - top - bottom) * (1 - Double(count) / Double(maximum)) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        var out =
            "<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Entries per kind over time\">\n"
        out += "<line x1=\"\(left)\" y1=\"\(y(0))\" x2=\"\(width - right)\" y2=\"\(y(0))\" stroke=\"#999\"/>\n"
        out += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(y(0))\" stroke=\"#999\"/>\n"
        out += "<text x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\">\(maximum)</text>\n"
        out += "<text x=\"\(left - 6)\" y=\"\(y(0) + 4)\" text-anchor=\"end\">0</text>\n"
        out += "<text x=\"\(left)\" y=\"\(height - 8)\">\(first.at.iso8601.prefix(10))</text>\n"
        out +=
            "<text x=\"\(width - right)\" y=\"\(height - 8)\" text-anchor=\"end\">\(last.at.iso8601.prefix(10))</text>\n"
        for (index, kind) in Self.kinds.enumerated() {
            var path = ""
            var previous: Int?
            for point in points {
                let count = point.counts[index]
                if let previous {
                    path += " L\(number(x(point.at))),\(number(y(previous)))"
                } else {
                    path += "M\(number(x(point.at))),\(number(y(count)))"
                }
                path += " L\(number(x(point.at))),\(number(y(count)))"
                previous = count
            }
            out +=
                "<path class=\"series\" data-kind=\"\(kind.name)\" d=\"\(path)\" fill=\"none\" stroke=\"\(kind.color)\" "
                + "stroke-width=\"2\"><title>\(kind.name): \(points.last?.counts[index] ?? 0) now</title></path>\n"
            let legendX = left + 10 + Double(index) * 110
            out +=
                "<rect x=\"\(legendX)\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(kind.color)\"/>"
                + "<text x=\"\(legendX + 14)\" y=\"13\">\(kind.name) (\(points.last?.counts[index] ?? 0))</text>\n"
        }
        out += "</svg>"
        return out
    }
}

// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "homepage-monitor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "monitor", targets: ["monitor"]),
        .executable(name: "monitor-idle", targets: ["monitor-idle"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(name: "MonitorCore"),
        .target(
            name: "MonitorStore",
            dependencies: [
                "MonitorCore", "CSQLite", "CZstd",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "MonitorExtract",
            dependencies: ["MonitorCore", "CLibXML2"]
        ),
        .target(
            name: "MonitorDiff",
            dependencies: ["MonitorCore"]
        ),
        .target(
            name: "MonitorFetch",
            dependencies: [
                "MonitorCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ]
        ),
        .target(
            name: "MonitorNotify",
            dependencies: [
                "MonitorCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "MonitorConfig",
            dependencies: ["MonitorCore", "MonitorExtract", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "MonitorSchedule",
            dependencies: [
                "MonitorConfig", "MonitorCore", "MonitorDiff", "MonitorExtract", "MonitorFetch", "MonitorNotify",
                "MonitorStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "MonitorServe",
            dependencies: [
                "MonitorCore", "MonitorSchedule", "MonitorStore",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "monitor",
            dependencies: [
                "MonitorCore",
                "MonitorConfig",
                "MonitorDiff",
                "MonitorExtract",
                "MonitorFetch",
                "MonitorNotify",
                "MonitorSchedule",
                "MonitorServe",
                "MonitorStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What `monitor run` execs while nothing is due: libc and the standard library only.
        .executableTarget(name: "monitor-idle"),
        .executableTarget(
            name: "monitor-bench",
            dependencies: ["MonitorCore", "MonitorExtract"],
            path: "Benchmarks/monitor-bench"
        ),
        .executableTarget(
            name: "history-bench",
            dependencies: ["MonitorCore", "MonitorDiff", "MonitorSchedule", "MonitorStore"],
            path: "Benchmarks/history-bench"
        ),
        .executableTarget(
            name: "serve-bench",
            dependencies: ["MonitorCore", "MonitorDiff", "MonitorStore"],
            path: "Benchmarks/serve-bench"
        ),
        .target(
            name: "MonitorTestSupport",
            dependencies: ["MonitorCore"]
        ),
        .testTarget(
            name: "MonitorCoreTests",
            dependencies: ["MonitorCore", "MonitorTestSupport"]
        ),
        .testTarget(
            name: "MonitorExtractTests",
            dependencies: ["MonitorCore", "MonitorExtract", "MonitorTestSupport"]
        ),
        .testTarget(
            name: "MonitorDiffTests",
            dependencies: ["MonitorCore", "MonitorDiff", "MonitorExtract", "MonitorTestSupport"]
        ),
        .testTarget(
            name: "monitorTests",
            dependencies: ["MonitorCore", "MonitorNotify", "MonitorStore", "MonitorTestSupport"]
        ),
        .testTarget(
            name: "MonitorScheduleTests",
            dependencies: [
                "MonitorConfig", "MonitorCore", "MonitorFetch", "MonitorNotify", "MonitorSchedule", "MonitorStore",
                "MonitorTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MonitorConfigTests",
            dependencies: ["MonitorConfig", "MonitorCore", "MonitorTestSupport"]
        ),
        .testTarget(
            name: "MonitorServeTests",
            dependencies: [
                "MonitorCore", "MonitorSchedule", "MonitorServe", "MonitorStore", "MonitorTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "MonitorStoreTests",
            dependencies: ["MonitorCore", "MonitorStore", "MonitorTestSupport"]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "FareLegamiSync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "farelegami", targets: ["farelegami"]),
        .executable(name: "farelegami-server", targets: ["farelegami-server"]),
        .library(name: "SyncCore", targets: ["SyncCore"]),
        .library(name: "SyncWire", targets: ["SyncWire"]),
        .library(name: "ReplicaStore", targets: ["ReplicaStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // MARK: Shared libraries (Sources/)
        .target(name: "SyncProtocol", path: "Sources/SyncProtocol"),
        .target(
            name: "SyncCore", dependencies: ["SyncProtocol"], path: "Sources/SyncCore",
            // protocol/catalog.json (a link), compiled in: the built-in catalog is read from it.
            resources: [.embedInCode("Resources/catalog.json")]),
        .target(name: "SyncWire", dependencies: ["SyncProtocol", "SyncCore"], path: "Sources/SyncWire"),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "SQLiteDatabase", dependencies: ["CSQLite"], path: "Sources/SQLiteDatabase"),
        .target(
            name: "ReplicaStore",
            dependencies: ["SyncProtocol", "SyncCore", "SyncWire", "SQLiteDatabase"],
            path: "Sources/ReplicaStore"
        ),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Gzip", dependencies: ["CZlib"], path: "Sources/Gzip"),

        // MARK: Merge server (Server/)
        .target(
            name: "MergeServer",
            dependencies: [
                "SyncProtocol", "SyncCore", "SyncWire", "SQLiteDatabase", "Gzip",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Server/MergeServer"
        ),
        .executableTarget(
            name: "farelegami-server",
            dependencies: ["MergeServer", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Server/farelegami-server"
        ),

        // MARK: Site client (Client/)
        .target(
            name: "SiteClient",
            dependencies: [
                "SyncProtocol", "SyncCore", "SyncWire", "ReplicaStore", "CCurl", "Gzip",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Client/SiteClient"
        ),
        .target(name: "OfficeWork", dependencies: ["SyncCore", "SQLiteDatabase", "ReplicaStore"], path: "Client/OfficeWork"),
        .target(
            name: "OfficeApp",
            dependencies: [
                "OfficeWork", "SiteClient", "ReplicaStore", "SyncCore", "SyncProtocol", "SQLiteDatabase",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Client/OfficeApp"
        ),
        .executableTarget(
            name: "farelegami",
            dependencies: [
                "SyncProtocol", "SyncCore", "SyncWire", "ReplicaStore", "SiteClient", "OfficeWork", "OfficeApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Client/farelegami"
        ),

        // MARK: Benchmarks
        .target(
            name: "BenchKit",
            dependencies: [
                "SiteClient", "MergeServer", "ReplicaStore", "SyncProtocol", "SyncCore", "SyncWire", "SQLiteDatabase", "CSQLite",
            ],
            path: "Benchmarks/BenchKit"),
        .executableTarget(
            name: "farelegami-bench",
            dependencies: [
                "BenchKit", "SiteClient", "MergeServer", "ReplicaStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/farelegami-bench"),

        // MARK: Tests
        .target(name: "SyncTestSupport", dependencies: ["SyncProtocol", "SyncCore"], path: "Tests/SyncTestSupport"),
        .target(
            name: "ProcessHarness", dependencies: ["ReplicaStore", "SQLiteDatabase", "SyncCore", "SyncWire"],
            path: "Tests/ProcessHarness"),
        .testTarget(
            name: "SyncCoreTests", dependencies: ["SyncProtocol", "SyncCore", "SyncTestSupport"], path: "Tests/SyncCoreTests"),
        .testTarget(
            name: "SyncWireTests", dependencies: ["SyncProtocol", "SyncCore", "SyncWire", "SyncTestSupport"],
            path: "Tests/SyncWireTests", exclude: ["Golden"]),
        .testTarget(
            name: "ReplicaStoreTests",
            dependencies: ["ReplicaStore", "SQLiteDatabase", "SyncProtocol", "SyncCore", "SyncWire", "SyncTestSupport"],
            path: "Tests/ReplicaStoreTests"),
        .testTarget(
            name: "MergeServerTests",
            dependencies: [
                "MergeServer", "SyncProtocol", "SyncCore", "SyncWire", "SQLiteDatabase", "Gzip", "SyncTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/MergeServerTests"
        ),
        .testTarget(
            name: "SiteClientTransportTests",
            dependencies: ["SiteClient", "Gzip", "SyncCore", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/SiteClientTransportTests"
        ),
        .testTarget(
            name: "OfficeWorkTests", dependencies: ["OfficeWork", "ReplicaStore", "SQLiteDatabase", "SyncCore"],
            path: "Tests/OfficeWorkTests"),
        .testTarget(
            name: "OfficeAppTests", dependencies: ["OfficeApp", "OfficeWork", "ReplicaStore", "SQLiteDatabase"],
            path: "Tests/OfficeAppTests"),
        .testTarget(
            name: "SiteClientTests",
            dependencies: ["SiteClient", "SyncCore", "SyncProtocol", "SyncWire", .product(name: "Logging", package: "swift-log")],
            path: "Tests/SiteClientTests"),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "SiteClient", "ReplicaStore", "SQLiteDatabase", "SyncTestSupport", "BenchKit", "ProcessHarness", "SyncCore",
                "SyncProtocol", "SyncWire",
            ],
            path: "Tests/EndToEndTests"
        ),
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "SiteClient", "ReplicaStore", "SQLiteDatabase", "SyncTestSupport", "ProcessHarness", "SyncProtocol", "SyncCore",
                "SyncWire",
            ],
            path: "Tests/ReliabilityTests"),
    ],
    swiftLanguageModes: [.v6]
)

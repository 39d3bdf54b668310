// swift-tools-version: 6.0
import PackageDescription

/// Upcoming-language features used on every Swift target.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "NgaTu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ngatu", targets: ["ngatu"]),
        .executable(name: "ngatu-bench", targets: ["ngatu-bench"]),
        .executable(name: "ngatu-maps", targets: ["ngatu-maps"]),
        // For other Swift packages: the simulation core, the strategies, the scenario runner
        // (with the stepping API, `SteppedRun`).
        .library(name: "NgaTuCore", targets: ["NgaTuCore"]),
        .library(name: "NgaTuControllers", targets: ["NgaTuControllers"]),
        .library(name: "NgaTuRunner", targets: ["NgaTuRunner"]),
        // The C interface (header Sources/CNgaTu/include/ngatu.h) for any language: the
        // Python package loads libNgaTuC.so.
        .library(name: "NgaTuC", type: .dynamic, targets: ["NgaTuC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // C boundaries: each is imported by exactly one Swift module.
        .systemLibrary(name: "CGSL", pkgConfig: "gsl",
                       providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        // SHA-256's block function in C: hashing the executable (the build identity of shards)
        // stays cheap in debug builds, where Swift is about six times slower.
        .target(name: "CSHA256"),
        .target(name: "Stochastics", dependencies: ["CGSL"], swiftSettings: strictSettings),
        .target(name: "SQLiteStore", dependencies: ["CSQLite"], swiftSettings: strictSettings),

        // The one XML escaper (report pages, map drawings, SUMO files).
        .target(name: "NgaTuXML", swiftSettings: strictSettings),

        // The simulation core: knows nothing of YAML, files or HTML.
        .target(name: "NgaTuCore", dependencies: [
            "Stochastics",
            .product(name: "HeapModule", package: "swift-collections"),
        ], swiftSettings: strictSettings),
        // Signal timing strategies behind the core's controller protocol.
        .target(name: "NgaTuControllers", dependencies: ["NgaTuCore"], swiftSettings: strictSettings),
        // Map and scenario files: YAML in, spec values out (with line/column for errors).
        .target(name: "NgaTuFormats", dependencies: [
            "NgaTuCore", .product(name: "Yams", package: "Yams"),
        ], swiftSettings: strictSettings),
        // OpenStreetMap XML to a map spec: any city.
        .target(name: "NgaTuOSM", dependencies: ["NgaTuCore"], swiftSettings: strictSettings),
        // The Cần Thơ maps (Ninh Kiều from the 2018 CSV layers, Tân An from OSM 2020).
        .target(name: "NgaTuCantho", dependencies: ["NgaTuCore", "NgaTuOSM"], swiftSettings: strictSettings),
        // Result tables: rows, statistics, CSV and SQLite writers and readers.
        .target(name: "NgaTuResults", dependencies: ["Stochastics", "SQLiteStore"], swiftSettings: strictSettings),
        // Scenario runs: strategies × sweeps × replications on all cores.
        .target(name: "NgaTuRunner", dependencies: [
            "CSHA256", "NgaTuCore", "NgaTuControllers", "NgaTuFormats", "NgaTuResults",
        ], swiftSettings: strictSettings),
        // The same network and demand as SUMO plain XML, for cross-validation.
        .target(name: "NgaTuSUMO", dependencies: ["NgaTuCore", "NgaTuFormats", "NgaTuResults", "NgaTuRunner", "NgaTuXML"], swiftSettings: strictSettings),
        // Counts in, calibrated demand out: `ngatu calibrate` (route × site incidence, NNLS, GEH).
        .target(name: "NgaTuCalibration", dependencies: [
            "NgaTuCore", "NgaTuControllers", "NgaTuFormats", "NgaTuResults", "NgaTuRunner", "Stochastics",
        ], swiftSettings: strictSettings),
        // The self-contained HTML workshop report.
        .target(name: "NgaTuReport", dependencies: ["NgaTuResults", "NgaTuXML"], swiftSettings: strictSettings),

        // The C interface: ngatu.h (a header-only C target) and its implementation in Swift
        // (@_cdecl functions over opaque handles; no Swift type crosses it).
        .target(name: "CNgaTu"),
        .target(name: "NgaTuC", dependencies: [
            "CNgaTu", "NgaTuCore", "NgaTuControllers", "NgaTuFormats", "NgaTuResults", "NgaTuRunner", "NgaTuReport",
        ], swiftSettings: strictSettings),

        .executableTarget(name: "ngatu", dependencies: [
            "NgaTuCalibration", "NgaTuCore", "NgaTuFormats", "NgaTuOSM", "NgaTuRunner", "NgaTuReport", "NgaTuResults", "NgaTuSUMO",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strictSettings),
        .executableTarget(name: "ngatu-bench", dependencies: [
            "NgaTuCore", "NgaTuFormats",
        ], swiftSettings: strictSettings),
        // Rebuilds maps/ninh-kieu.* and maps/tan-an-downtown.* (maps/tools/build-maps.sh).
        .executableTarget(name: "ngatu-maps", dependencies: [
            "NgaTuCantho", "NgaTuCore", "NgaTuFormats", "NgaTuOSM", "NgaTuReport",
        ], swiftSettings: strictSettings),

        .testTarget(name: "StochasticsTests", dependencies: ["Stochastics"], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuXMLTests", dependencies: ["NgaTuXML"], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuCoreTests", dependencies: [
            "NgaTuCore", .product(name: "HeapModule", package: "swift-collections"),
        ], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuControllersTests", dependencies: ["NgaTuControllers", "NgaTuCore"], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuFormatsTests", dependencies: ["NgaTuFormats", "NgaTuCore"],
                    resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuOSMTests", dependencies: ["NgaTuOSM", "NgaTuCantho", "NgaTuCore", "NgaTuFormats"],
                    resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuResultsTests", dependencies: ["NgaTuResults"], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuRunnerTests", dependencies: ["NgaTuRunner", "NgaTuCore", "NgaTuResults", "NgaTuFormats",
                                                           "NgaTuControllers", "NgaTuReport", "Stochastics"], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuSUMOTests", dependencies: ["NgaTuSUMO", "NgaTuCore", "NgaTuFormats", "NgaTuRunner"], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuCalibrationTests", dependencies: ["NgaTuCalibration", "NgaTuCore", "NgaTuFormats",
                                                                "NgaTuRunner", "Stochastics"], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuReportTests", dependencies: ["NgaTuReport", "NgaTuResults"], swiftSettings: strictSettings),
        .testTarget(name: "NgaTuCTests", dependencies: ["NgaTuC", "CNgaTu"], swiftSettings: strictSettings),
        .testTarget(name: "EndToEndTests", dependencies: [], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
    ]
)

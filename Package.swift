// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "gongwen",
    products: [
        .library(name: "Gongwen", targets: ["Gongwen"]),
        .executable(name: "gongwen", targets: ["gongwen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The system ICU (libicu-dev): link flags only, no code.
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc icu-i18n",
            providers: [.apt(["libicu-dev", "pkg-config"])]
        ),
        // The only C file that includes <unicode/*.h>; its header speaks stdint only.
        .target(name: "CICUShim", dependencies: ["CICU"]),
        // SHA-256 in C: the CPU's SHA instructions when present, portable C otherwise.
        .target(name: "CDigest"),
        // Swift types over the shim: the one place with pointers and ICU status codes.
        .target(name: "GongwenICU", dependencies: ["CICUShim"]),
        // Turns Grammars/ into Swift source at build time, so the default grammar
        // travels inside the binary.
        .executableTarget(name: "EmbedFiles", path: "Plugins/EmbedFiles/Tool"),
        .plugin(
            name: "EmbedGrammar",
            capability: .buildTool(),
            dependencies: ["EmbedFiles"],
            path: "Plugins/EmbedGrammar"
        ),
        // The pipeline: decode → normalize → segment → extract → emit.
        .target(
            name: "Gongwen",
            dependencies: ["GongwenICU", "CDigest"],
            exclude: ["Output/document.schema.json"],
            plugins: ["EmbedGrammar"]
        ),
        // The command-line tool.
        .executableTarget(
            name: "gongwen",
            dependencies: [
                "Gongwen",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GongwenICUTests", dependencies: ["GongwenICU"]),
        .testTarget(name: "GongwenTests", dependencies: ["Gongwen"]),
    ],
    swiftLanguageModes: [.v6]
)

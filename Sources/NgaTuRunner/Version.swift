import Foundation

/// The software version written into every `results.sqlite` (`run_meta.software_version`) and
/// printed by `ngatu --version`.
public enum NgaTuVersion {
    public static let current = "0.1.0"
}

/// Which build of ngatu is running: the SHA-256 of its executable file, lower-case hex (the
/// same as `sha256sum $(command -v ngatu)`). Every build reports version 0.1.0, so shards are
/// told apart by this: a shard records it (`shard.build`) and `ngatu merge` refuses shards of
/// another executable than its own. Nothing else depends on it, so the published results of two
/// runs stay byte-identical, and the same on every machine and build.
///
/// Read from `/proc/self/exe` (the running file even when replaced since), else the
/// executable's path; hashed once per process, only when a shard is run or merged.
public enum BuildIdentity {
    public static let current: String = {
        for path in ["/proc/self/exe", Bundle.main.executablePath].compactMap({ $0 }) {
            if let digest = SHA256.hexDigest(ofFile: path) { return digest }
        }
        return unknown
    }()

    /// When the executable cannot be read: such shards merge only with a build that also cannot.
    public static let unknown = "unknown"

    /// A build as messages show it: `build 1a2b3c4d5e6f…` (its first 12 hex digits).
    public static func short(_ build: String) -> String {
        build.isEmpty ? "a build not recorded" : "build \(build.prefix(12))\(build.count > 12 ? "…" : "")"
    }
}

/// The `scenario_hash` of `run_meta`: SHA-256 (FIPS 180-4) over the scenario file's bytes and
/// the map file's bytes, each preceded by its length as 8 bytes big-endian, as lower-case hex.
/// A resumed run must hash the same, so editing either file invalidates unfinished results.
/// Files the scenario includes or reads flows from follow in the same way, in the order read
/// (none: the hash is as before).
public enum ScenarioHash {
    public static func of(scenario: [UInt8], map: [UInt8], others: [[UInt8]] = []) -> String {
        var sha = SHA256()
        for part in [scenario, map] + others {
            sha.update(withUnsafeBytes(of: UInt64(part.count).bigEndian) { Array($0) })
            sha.update(part)
        }
        return sha.hexDigest()
    }
}

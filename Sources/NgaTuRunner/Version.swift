/// The software version written into every `results.sqlite` (`run_meta.software_version`) and
/// printed by `ngatu --version`.
public enum NgaTuVersion {
    public static let current = "0.1.0"
}

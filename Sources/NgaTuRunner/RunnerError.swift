public import NgaTuFormats
public import NgaTuCore

/// Why a scenario could not be run. Each case maps to one exit code of the command line.
public enum RunnerError: Error, Sendable, CustomStringConvertible {
    /// Invalid input in a map or scenario file, placed at its line and column (exit 1).
    case input(InputError)
    /// A command-line option that does not fit the scenario, e.g. `--strategy` naming no
    /// strategy (exit 2).
    case usage(String)
    /// `--resume` found unfinished results that do not belong to this scenario run (exit 1).
    case cannotResume(String)
    /// Reading or writing results failed (exit 1).
    case output(String)
    /// A controller named no valid phase (a bug in a strategy; exit 1).
    case controllerFault(ControllerFault, strategy: String)

    public var description: String {
        switch self {
        case .input(let e): e.description
        case .usage(let m): m
        case .cannotResume(let m): "cannot resume: \(m)"
        case .output(let m): m
        case .controllerFault(let f, let strategy): "strategy \(strategy): \(f) (a bug in the controller)"
        }
    }
}

/// The unit of the report's time axes: minutes for runs up to six hours, hours beyond, so a
/// simulated day reads 0–24 h rather than 0–1,440 min.
struct TimeAxis {
    let secondsPerUnit: Double
    let unit: Bi

    init(durationS: Double?) {
        if (durationS ?? 0) > 6 * 3600 {
            secondsPerUnit = 3600; unit = Vocabulary.hours
        } else {
            secondsPerUnit = 60; unit = Vocabulary.minutes
        }
    }

    /// A time in seconds in the axis unit.
    func value(_ seconds: Double) -> Double { seconds / secondsPerUnit }

    var fromStartLabel: Bi {
        Bi("Thời gian từ đầu mô phỏng (", "Time from the start of the run (") + unit + Bi(same: ")")
    }

    var shortLabel: Bi { Bi("Thời gian (", "Time (") + unit + Bi(same: ")") }
}

import NgaTuResults

/// The report's fixed words in Vietnamese and English.
enum Vocabulary {
    /// Name, unit and direction of a measure of `runs.csv`.
    struct MeasureInfo {
        var name: Bi
        var unit: Bi
        /// True when a smaller value is better (delay), false when larger is (throughput).
        var lowerIsBetter: Bool
        /// Neither direction is better: the demand, the same for every strategy.
        var isDemand = false
    }

    static func measure(_ m: RunMeasure) -> MeasureInfo {
        switch m {
        case .vehiclesFinished:
            MeasureInfo(name: Bi("Số xe hoàn thành chuyến đi", "Vehicles finished"), unit: Bi("xe", "veh"), lowerIsBetter: false)
        case .vehiclesUnfinished:
            MeasureInfo(name: Bi("Số xe chưa đến nơi khi hết giờ", "Vehicles unfinished at the end"), unit: Bi("xe", "veh"), lowerIsBetter: true)
        case .vehiclesWaiting:
            MeasureInfo(name: Bi("Số xe chờ vào mạng lưới", "Vehicles waiting to enter"), unit: Bi("xe", "veh"), lowerIsBetter: true)
        case .meanTravelTimeS:
            MeasureInfo(name: Bi("Thời gian đi trung bình", "Mean travel time"), unit: Bi("giây", "s"), lowerIsBetter: true)
        case .meanDelayS:
            MeasureInfo(name: Bi("Độ trễ trung bình (chỉ chuyến hoàn thành)", "Mean delay (finished trips only)"), unit: Bi("giây/xe", "s/veh"), lowerIsBetter: true)
        case .meanStops:
            MeasureInfo(name: Bi("Số lần dừng trung bình", "Mean number of stops"), unit: Bi("lần/xe", "stops/veh"), lowerIsBetter: true)
        case .totalDelayVehH:
            MeasureInfo(name: Bi("Tổng độ trễ", "Total delay"), unit: Bi("xe·giờ", "veh·h"), lowerIsBetter: true)
        case .meanDelayPcuS:
            MeasureInfo(name: Bi("Độ trễ trung bình theo PCU", "Mean delay per PCU"), unit: Bi("giây/PCU", "s/PCU"), lowerIsBetter: true)
        case .throughputVehH:
            MeasureInfo(name: Bi("Lưu lượng thông qua", "Throughput"), unit: Bi("xe/giờ", "veh/h"), lowerIsBetter: false)
        case .vehiclesDemanded:
            MeasureInfo(name: Bi("Số xe có nhu cầu đi", "Vehicles demanded"), unit: Bi("xe", "veh"), lowerIsBetter: false, isDemand: true)
        case .meanDelayAllS:
            MeasureInfo(name: Bi("Độ trễ trung bình mỗi xe có nhu cầu", "Mean delay per demanded vehicle"), unit: Bi("giây/xe", "s/veh"), lowerIsBetter: true)
        case .latentDelayVehH:
            MeasureInfo(name: Bi("Độ trễ chờ vào mạng lưới", "Delay waiting to enter"), unit: Bi("xe·giờ", "veh·h"), lowerIsBetter: true)
        case .maxWaitS:
            MeasureInfo(name: Bi("Thời gian chờ dài nhất tại một vạch dừng", "Longest wait at one stop line"), unit: Bi("giây", "s"), lowerIsBetter: true)
        }
    }

    /// A controller kind in plain words, as the results' metadata gives them (`words_vi.KIND`,
    /// `words_en.KIND`, from the strategy registry); nil when it gives none (older results).
    static func controller(_ kind: String, _ meta: RunMeta) -> Bi? {
        guard let vi = meta.property("words_vi.\(kind)"), let en = meta.property("words_en.\(kind)") else { return nil }
        return Bi("\(vi)", "\(en)")
    }

    /// Level of service words (HCM).
    static let losName = Bi("Mức phục vụ", "Level of service")
    static let strategy = Bi("Chiến lược", "Strategy")
    static let junction = Bi("Nút giao", "Junction")
    static let approach = Bi("Hướng vào", "Approach")

    /// A turn of `movements.csv` in words.
    static func turn(_ t: String) -> Bi {
        switch t {
        case "left": Bi("rẽ trái", "left")
        case "through": Bi("đi thẳng", "through")
        case "right": Bi("rẽ phải", "right")
        case "uturn": Bi("quay đầu", "U-turn")
        default: Bi(same: .text(t))
        }
    }
    static let baseline = Bi("phương án gốc", "baseline")
    static let noData = Bi("không có số liệu", "no data")
    static let minutes = Bi("phút", "min")
    static let hours = Bi("giờ", "h")

    /// A resolved controller parameter as the report shows it: values the controllers write in
    /// words (what they use when a key is absent) in both languages; numbers and the keywords a
    /// scenario file uses stay as written.
    static func parameterValue(_ value: String) -> Bi {
        switch value {
        case "none (one plan)": return Bi("none (một kế hoạch cho cả lần chạy)", "none (one plan)")
        case "free-flow speeds of the corridor's roads":
            return Bi("tốc độ dòng tự do của các tuyến trên trục", "free-flow speeds of the corridor's roads")
        default: return Bi(same: "\(value)")
        }
    }

    /// A junction control kind.
    static func control(_ kind: String) -> Bi {
        switch kind {
        case "signal": Bi("có đèn tín hiệu", "signalised")
        case "priority": Bi("không đèn, ưu tiên", "priority (no signals)")
        case "boundary": Bi("điểm biên (xe vào/ra)", "boundary (vehicles enter/leave)")
        default: Bi("nối thông thường", "plain connection")
        }
    }

    /// An incident kind.
    static func incident(_ row: IncidentRow) -> Bi {
        switch row.kind {
        case "closure": Bi("Đóng đường", "Closure")
        case "capacity":
            Bi("Giảm năng lực thông hành (ngập, thi công) còn ", "Capacity cut (flooding, works) to ")
                + NumberText.percent(row.factor * 100, signed: false)
        default: Bi(.text(row.kind), .text(row.kind))
        }
    }
}

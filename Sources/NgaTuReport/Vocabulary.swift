import Foundation
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
        /// A mean over finished trips only: a strategy that finishes fewer trips (turns
        /// vehicles away, leaves them queued) can lower it.
        var finishedOnly = false
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
            MeasureInfo(name: Bi("Thời gian đi trung bình", "Mean travel time"), unit: Bi("giây", "s"), lowerIsBetter: true, finishedOnly: true)
        case .meanDelayS:
            MeasureInfo(name: Bi("Độ trễ trung bình (chỉ chuyến hoàn thành)", "Mean delay (finished trips only)"), unit: Bi("giây/xe", "s/veh"), lowerIsBetter: true, finishedOnly: true)
        case .meanStops:
            MeasureInfo(name: Bi("Số lần dừng trung bình", "Mean number of stops"), unit: Bi("lần/xe", "stops/veh"), lowerIsBetter: true, finishedOnly: true)
        case .totalDelayVehH:
            MeasureInfo(name: Bi("Tổng độ trễ", "Total delay"), unit: Bi("xe·giờ", "veh·h"), lowerIsBetter: true)
        case .meanDelayPcuS:
            MeasureInfo(name: Bi("Độ trễ trung bình theo PCU", "Mean delay per PCU"), unit: Bi("giây/PCU", "s/PCU"), lowerIsBetter: true, finishedOnly: true)
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
        case "none (one plan)": return Bi("không (một kế hoạch cho cả lần chạy)", "none (one plan)")
        case "none": return Bi("không", "none")
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

/// Place words of the map in each language: compass approaches (`NE` is `ĐB`, Đông Bắc, in
/// Vietnamese), junction and phase names that carry them (`NE–SW: Hòa Bình`,
/// `Nguyễn Văn Cừ – biên bản đồ (N)`) and the importer's `(map edge)`.
enum PlaceWords {
    /// One compass point or a pair of them (`N`, `SW`, `NNE`) in Vietnamese letters, nil when
    /// `s` is not one: B (bắc), N (nam), Đ (đông), T (tây); a diagonal names east or west first,
    /// as Vietnamese does (Đông Bắc, ĐB).
    static func compassVi(_ s: String) -> String? {
        guard !s.isEmpty, s.count <= 3, s.allSatisfy({ "NSEW".contains($0) }) else { return nil }
        // The Vietnamese letter of N, S, E, W (a switch: a dictionary was built at every call).
        func letter(_ c: Character) -> String {
            switch c {
            case "N": "B"
            case "S": "N"
            case "E": "Đ"
            default: "T"
            }
        }
        let chars = Array(s)
        // The last two letters of NE, NNE, SSW…: a north/south then an east/west letter.
        if chars.count >= 2, "NS".contains(chars[chars.count - 2]), "EW".contains(chars[chars.count - 1]) {
            let head = chars.dropLast(2).map(letter).joined()
            return head + letter(chars[chars.count - 1]) + letter(chars[chars.count - 2])
        }
        return chars.map(letter).joined()
    }

    /// An approach as the report names it: compass letters translated, any other name as given.
    static func approach(_ a: String) -> Bi {
        guard let vi = compassVi(a) else { return Bi(same: "\(a)") }
        return Bi("\(vi)", "\(a)")
    }

    /// A junction, road or phase name from the map in both languages: a leading compass list
    /// (`NE–SW: `), a compass point in parentheses and the importer's `(map edge)` / the map's
    /// `biên bản đồ` in each language; the rest as written.
    static func name(_ s: String) -> Bi {
        var vi = s, en = s
        // Leading "NE–SW: " or "N: ".
        if let colon = s.firstIndex(of: ":") {
            let head = s[..<colon]
            let parts = head.split(separator: "–", omittingEmptySubsequences: false).map(String.init)
            let translated = parts.map(compassVi)
            if !parts.isEmpty, translated.allSatisfy({ $0 != nil }) {
                vi = translated.map { $0! }.joined(separator: "–") + String(s[colon...])
            }
        }
        // Each replacement below needs a "(" (in `vi`, which has one only where `s` has) or the
        // letter đ (which "biên bản đồ" holds in any normal form): most names have neither, and
        // Foundation's search costs more than the rest of the report's tables.
        if s.utf8.contains(UInt8(ascii: "(")) {
            vi = vi.replacingOccurrences(of: " (map edge)", with: " (biên bản đồ)")
            for point in ["NNE", "NNW", "SSE", "SSW", "NE", "NW", "SE", "SW", "N", "S", "E", "W"] {
                vi = vi.replacingOccurrences(of: "(\(point))", with: "(\(compassVi(point)!))")
            }
        }
        if s.unicodeScalars.contains("\u{111}") {
            en = en.replacingOccurrences(of: "biên bản đồ", with: "map edge")
        }
        return vi == en ? Bi(same: "\(s)") : Bi("\(vi)", "\(en)")
    }
}

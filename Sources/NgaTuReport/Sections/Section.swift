import NgaTuResults

/// Building blocks shared by the sections.
enum Block {
    /// A `<section>` with an `<h2>` that names it for assistive technology.
    static func section(_ id: String, _ heading: Bi, _ body: Markup) -> Markup {
        "<section id=\"\(id)\" aria-labelledby=\"\(id)-h\"><h2 id=\"\(id)-h\">\(heading.html)</h2>\(body)</section>\n"
    }

    static func paragraph(_ text: Bi, cls: String? = nil) -> Markup {
        cls.map { "<p class=\"\($0)\">\(text.html)</p>" } ?? "<p>\(text.html)</p>"
    }

    /// A colour swatch with the strategy's line style, for legends in text.
    static func swatch(_ index: Int) -> Markup {
        "<span class=\"swatch\" style=\"background:\(ChartStyle.color(index))\" aria-hidden=\"true\"></span>"
    }

    /// A level-of-service chip: the letter on its colour.
    static func los(_ letter: String?) -> Markup {
        guard let letter, LevelOfService.letters.contains(letter) else { return "<span class=\"los los-none\">–</span>" }
        return "<span class=\"los los-\(letter)\">\(letter)</span>"
    }

    /// A table cell holding a number in both languages.
    static func numberCell(_ x: Double?, like reference: Double? = nil, decimals: Int? = nil) -> Markup {
        guard let x else { return "<td class=\"num\">–</td>" }
        let text = decimals.map { NumberText.bi(x, decimals: $0) } ?? NumberText.bi(x, like: reference)
        return "<td class=\"num\">\(text.html)</td>"
    }

    /// Minutes from seconds, e.g. `15 phút` / `15 min`.
    static func minutes(_ s: Double) -> Bi {
        NumberText.bi(s / 60, decimals: s.truncatingRemainder(dividingBy: 60) == 0 ? 0 : 1) + Bi(same: " ") + Vocabulary.minutes
    }

    /// A point in the run: its clock time with the time from the start (`06:20 (20 min)`) when
    /// the scenario gives `start:`, else the time from the start.
    static func instant(_ s: Double, _ data: ReportData) -> Bi {
        guard let start = data.startS else { return duration(s) }
        return Bi(same: "\(ClockText.format(s, start: start)) (") + duration(s) + Bi(same: ")")
    }

    /// A duration in whole or half hours from two hours up (`24 giờ` / `24 h`), else in minutes.
    static func duration(_ s: Double) -> Bi {
        guard s >= 7200, s.truncatingRemainder(dividingBy: 1800) == 0 else { return minutes(s) }
        return NumberText.bi(s / 3600, decimals: s.truncatingRemainder(dividingBy: 3600) == 0 ? 0 : 1) + Bi(same: " ") + Vocabulary.hours
    }
}

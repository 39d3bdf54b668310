import NgaTuResults

/// Section 9: how the figures were made and what they cannot say; the software version and
/// scenario hash; warnings raised during the runs. Then the data attribution.
enum MethodSection {
    static func render(_ data: ReportData) -> Markup {
        let meta = data.meta
        var body: Markup = "<ul class=\"method\">"
        var items: [Bi] = [
            Bi("<strong>Mô hình hàng chờ trung mô (mesoscopic)</strong>, theo sự kiện: mỗi xe chạy trên đoạn đường với tốc độ tự do rồi vào hàng chờ của hướng rẽ tại vạch dừng; hàng chờ giải tỏa với lưu lượng bão hòa trong thời gian đèn xanh (mất 2 giây khởi động); khi đoạn phía trước đầy, xe phải chờ (hàng chờ lan ngược). Không mô phỏng từng làn, xe máy len lỏi hay người đi bộ.",
               "<strong>Mesoscopic, event-driven queue model</strong>: each vehicle crosses a road at free-flow speed, then joins its movement's queue at the stop line; queues discharge at the saturation flow during green (2 s start-up lost time); a full downstream road holds vehicles back (spillback). Individual lanes, motorcycle filtering and pedestrians are not modelled."),
            Bi("<strong>Giao thông hỗn hợp</strong> quy đổi ra xe con (PCU): xe máy 0,3; ô tô 1; xe buýt 2; xe tải 2,5; xe đạp 0,2 (TCVN 4054:2005). Lưu lượng bão hòa khoảng 1.800 PCU/giờ/làn là <em>ước tính</em>, chưa hiệu chỉnh cho Cần Thơ.",
               "<strong>Mixed traffic</strong> in passenger-car units (PCU): motorcycle 0.3, car 1, bus 2, truck 2.5, bicycle 0.2 (TCVN 4054:2005). The saturation flow of about 1,800 PCU/h per lane is an <em>estimate</em>, not calibrated for Cần Thơ."),
            Bi("<strong>Nhu cầu giả định</strong>: chưa có số đếm lưu lượng rẽ công bố cho các nút ở Cần Thơ, nên lưu lượng là ước tính. Kết quả dùng để so sánh các chiến lược trong cùng giả định, không phải dự báo độ trễ thực tế.",
               "<strong>Synthetic demand</strong>: no turning counts have been published for Cần Thơ junctions, so the flows are estimates. Use the results to compare strategies under the same assumptions, not to predict real delays."),
            Bi("<strong>Thống kê</strong>: mỗi chiến lược chạy \(meta.replications) lần với cùng các số khởi tạo ngẫu nhiên; chênh lệch so với phương án gốc được ghép cặp theo lần chạy; khoảng tin cậy 95% theo phân phối Student. Kết quả chính xếp hạng các chiến lược theo độ trễ mỗi xe có nhu cầu (mọi xe muốn đi trong thời gian đo, kể cả xe còn chờ vào mạng lưới và xe chưa đến nơi, so với thời gian chạy tự do của đường ngắn nhất), tại từng mức nhu cầu; phần trăm là chênh lệch (và khoảng của nó) chia cho giá trị đó của phương án gốc; sai số của mẫu số không được tính.",
               "<strong>Statistics</strong>: every strategy runs \(meta.replications) replications on the same random seeds; differences from the baseline are paired by replication; 95% intervals use Student's t. The headline ranks strategies by delay per demanded vehicle (every vehicle that wanted to travel in the measured period, including those still waiting to enter and those unfinished, against the free-flow time of the shortest route), at every demand level; its percentage is the difference (and its interval) divided by the baseline's value; the uncertainty of that divisor is not included."),
            Bi("<strong>Mức phục vụ</strong> theo HCM từ độ trễ điều khiển (A ≤ 10 giây … F > 80 giây, và F khi một hướng vào quá tải, v/c > 1). Độ trễ điều khiển của một hướng vào là thời gian chờ trung bình tại vạch dừng của các xe đã qua vạch trong thời gian đo và của các xe còn đang chờ khi kết thúc, với thời gian đã chờ đến lúc đó (cận dưới; số xe này ở cột still_queued_veh của junctions.csv), nên hàng chờ bị giữ đến cuối vẫn được tính; độ trễ của nút là trung bình các hướng vào, trọng số theo số xe. Đây là kết quả mô phỏng, không phải đo đạc hiện trường.",
               "<strong>Level of service</strong> follows the HCM control-delay thresholds (A ≤ 10 s … F > 80 s, and F when an approach is over capacity, v/c > 1). An approach's control delay is the mean wait at the stop line of the vehicles that crossed it in the measured period and of those still waiting at its end, with their wait so far (a lower bound; their number is junctions.csv's still_queued_veh), so a queue held to the end counts; a junction's delay is the mean of its approaches weighted by their vehicles. It describes the simulation, not a field measurement."),
            Bi("<strong>Hàng chờ theo thời gian</strong>: tổng toàn mạng lưới và từng nút có đèn, lấy mẫu định kỳ (mặc định mỗi 60 giây); biểu đồ vẽ ba nút có hàng chờ dài nhất.",
               "<strong>Queues over time</strong>: the network total and each signalised junction, sampled at regular times (every 60 s by default); the chart draws the three junctions with the longest queues."),
        ]
        let priority = data.tables.mapJunctions.filter { $0.control == "priority" }.count
        if priority > 0 && meta.property("priority_junctions") == "yield" {
            let gap = meta.property("critical_gap_s") ?? "4"
            items.append(Bi("<strong>Nút không đèn</strong>: tại \(priority) nút ưu tiên trên bản đồ, xe từ đường phụ chỉ đi khi dòng xe xung đột trên đường chính có khoảng trống (không có xe nào qua trong \(gap) giây trước và \(gap) giây sau); xe rẽ trái nhường dòng đi thẳng cùng cấp. Đường chính là cặp nhánh đối diện có tốc độ rồi số làn lớn nhất.",
                            "<strong>Unsignalised junctions</strong>: at the map's \(priority) priority junction\(priority == 1 ? "" : "s"), minor-road traffic goes only in gaps of the conflicting major-road traffic (no major vehicle in the \(gap) s before and after); left turns yield to the through traffic of their own road class. The major road is the pair of opposite legs with the highest speed limit, then lanes."))
        } else if priority > 0 {
            items.append(Bi("<strong>Nút không đèn</strong>: \(priority) nút ưu tiên trên bản đồ được mô phỏng như chỗ nhập dòng tự do, không có nhường đường.",
                            "<strong>Unsignalised junctions</strong>: " + (priority == 1 ? "the map's priority junction is modelled as a free merge" : "the map's \(priority) priority junctions are modelled as free merges") + ", without yielding."))
        }
        for item in items { body += "<li>\(item.html)</li>" }
        body += "</ul>"

        var facts: [(Bi, Markup)] = [
            (Bi("Phiên bản phần mềm", "Software version"), "<code>Ngã Tư \(meta.softwareVersion)</code>"),
            (Bi("Mã băm kịch bản", "Scenario hash"), "<code class=\"hash\">\(meta.scenarioHash)</code>"),
            (Bi("Chạy lúc", "Run at"), "\(meta.startedAt)\(meta.finishedAt.map { " – \($0)" } ?? "")"),
        ]
        if !meta.seeds.isEmpty {
            facts.append((Bi("Hạt giống", "Seeds"), "\(meta.seeds.map(String.init).joined(separator: ", "))"))
        }
        body += "<dl class=\"facts\">"
        for (term, value) in facts { body += "<dt>\(term.html)</dt><dd>\(value)</dd>" }
        body += "</dl>"
        body += warnings(data)
        return Block.section("method", Bi("Phương pháp và giới hạn", "Method and limits"), body)
    }

    /// Warnings raised during the runs, counted by kind and strategy.
    static func warnings(_ data: ReportData) -> Markup {
        let rows = data.tables.warnings
        guard !rows.isEmpty else {
            return Block.paragraph(Bi("Không có cảnh báo nào trong các lần chạy (ví dụ kẹt cứng).",
                                      "No warnings were raised during the runs (e.g. gridlock)."))
        }
        var kinds: [String] = []
        for w in rows where !kinds.contains(w.kind) { kinds.append(w.kind) }
        var t: Markup = "<table class=\"warnings\"><caption>\(Bi("Cảnh báo trong các lần chạy (số lần, mọi mức nhu cầu)", "Warnings during the runs (count, every demand level)").html)</caption><thead><tr><th scope=\"col\">\(Bi("Loại", "Kind").html)</th>"
        for s in data.strategies { t += "<th scope=\"col\" class=\"num\">\(s)</th>" }
        t += "</tr></thead><tbody>"
        for kind in kinds {
            t += "<tr><th scope=\"row\">\(kind)</th>"
            for s in data.strategies {
                t += "<td class=\"num\">\(rows.filter { $0.kind == kind && $0.strategy == s }.count)</td>"
            }
            t += "</tr>"
        }
        t += "</tbody></table>"
        if let first = rows.first {
            t += "<p class=\"muted\">\(Bi("Ví dụ: ", "Example: ").html)\(first.strategy), \(first.message)</p>"
        }
        return t
    }

    static func attribution(_ data: ReportData) -> Markup {
        let source = data.meta.mapAttribution.isEmpty ? nil : data.meta.mapAttribution
        var out: Markup = "<footer class=\"attribution\"><p>\(Bi("Dữ liệu bản đồ: ", "Map data: ").html)"
        out += source.map { "\($0)" } ?? Bi("không ghi nguồn", "no attribution given").html
        out += "</p><p class=\"muted\">\(Bi("Báo cáo do Ngã Tư tạo tự động từ kết quả mô phỏng; mọi con số đều tính từ các bảng kết quả.", "Generated by Ngã Tư from the simulation results; every figure is computed from the result tables.").html)</p></footer>"
        return out
    }
}

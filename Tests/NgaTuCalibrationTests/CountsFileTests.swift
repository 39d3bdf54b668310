import Foundation
import Testing
import NgaTuCore
import NgaTuFormats

/// Bad rows of a counts file: each one error at its file, line and column.
@Suite("Counts file") struct CountsFileTests {
    static let map = SyntheticMaps.grid(rows: 2, cols: 2)

    func read(_ text: String, start: Double? = nil) throws(InputError) -> CountsFile {
        var spec = ScenarioSpec(id: "s", mapPath: "/m.yaml", duration: 3600)
        spec.start = start
        return try CountsReader.parse(Data(text.utf8), file: "counts.csv", scenario: spec, network: try! NetworkBuilder.build(Self.map))
    }

    func error(_ text: String, start: Double? = nil) -> String {
        do { _ = try read(text, start: start); return "no error" } catch { return error.description }
    }

    @Test func goodRows() throws {
        let net = try NetworkBuilder.build(Self.map)
        let north = net.approachName[Int(net.segmentIndexByID["vn0"]!)]
        let f = try read("site,from,to,count,class\n# survey\nj0-0:\(north):through,06:15,06:30,120,\nh0-0~r,06:15,06:30,30,motorbike\n"
                         + "h0-0~r,06:15,06:30,5,car\nh0-0~r,06:15,06:30,0,bus\nh0-0~r,06:15,06:30,1,truck\nh0-0~r,06:15,06:30,0,bicycle\n",
                         start: 6 * 3600)
        #expect(f.rows.count == 6)
        #expect(f.rows[0].from == 900 && f.rows[0].to == 1800 && f.rows[0].line == 3)
        #expect(f.observations.count == 2)
        #expect(f.observations[1].count == 36)
        if case .movement(let ms) = f.rows[0].place { #expect(ms.count == 1) } else { Issue.record("not a movement") }
    }

    @Test func badRows() {
        #expect(error("site,from,to\nh0-0,0,900\n") == "counts.csv:1:1: the header must be `site,from,to,count` or `site,from,to,count,class`, got `site,from,to`")
        #expect(error("site,from,to,count\nh0-0,0,900,-3\n") == "counts.csv:2:12: a count cannot be negative, got -3")
        #expect(error("site,from,to,count\nh0-9,0,900,3\n").hasPrefix("counts.csv:2:1: unknown site \"h0-9\""))
        #expect(error("site,from,to,count\nj0-0:Q:left,0,900,3\n").hasPrefix("counts.csv:2:1: junction \"j0-0\" has no approach \"Q\""))
        #expect(error("site,from,to,count\nbw0:E:left,0,900,3\n").hasPrefix("counts.csv:2:1: junction \"bw0\" is not signalised"))
        #expect(error("site,from,to,count\nh0-0,0,15 min,3\nh0-0,10 min,20 min,4\n")
                == "counts.csv:3:6: this interval (10 min–20 min) overlaps line 2's (0 min–15 min) at site h0-0")
        #expect(error("site,from,to,count\nh0-0,20 min,10 min,3\n") == "counts.csv:2:13: an interval must end after it starts (from 20 min to 10 min)")
        #expect(error("site,from,to,count\nh0-0,06:00,06:15,3\n").hasPrefix("counts.csv:2:6: \"06:00\" is a clock time, but the scenario has no `start:`"))
        #expect(error("site,from,to,count\nh0-0,0,2 h,3\n") == "counts.csv:2:8: 120 min is after the end of the run (60 min)")
        #expect(error("site,from,to,count\nh0-0,0,900,many\n") == "counts.csv:2:12: expected a count of vehicles (a number ≥ 0), got \"many\"")
        #expect(error("site,from,to,count,class\nh0-0,0,900,3,lorry\n").hasPrefix("counts.csv:2:14: unknown vehicle class \"lorry\""))
        #expect(error("site,from,to,count,class\nh0-0,0,900,3,car\n").hasPrefix("counts.csv:2:1: this site and interval is counted by class but not for motorbike"))
        #expect(error("site,from,to,count\n") == "counts.csv:1:1: the counts file has a header but no counts")
    }
}

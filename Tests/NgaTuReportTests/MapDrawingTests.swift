import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import NgaTuReport

@Suite struct MapDrawingTests {
    static let map = MapGeometry(
        title: "Ninh Kiều <test> & \"quotes\"", attribution: "© OpenStreetMap contributors, ODbL",
        junctions: [
            .init(id: "j1", name: "Mậu Thân × 3/2", at: .init(10.0327, 105.7745), kind: .signal, fill: "#2a9d8f", label: "J1 (LOS B)"),
            .init(id: "b1", at: .init(10.03, 105.77), kind: .boundary),
            .init(id: "p", at: .init(10.031, 105.772), kind: .priority),
        ],
        roads: [.init(id: "r", name: "30 Tháng 4", points: [.init(10.03, 105.77), .init(10.0327, 105.7745)], lanes: 4)])

    @Test func svgIsWellFormedAndAttributed() throws {
        let svg = MapDrawing.svg(Self.map)
        let doc = try XMLDocument(data: Data(svg.utf8))
        #expect(doc.rootElement()?.name == "svg")
        #expect(svg.contains("© OpenStreetMap contributors, ODbL"))
        #expect(svg.contains("J1 (LOS B)"))
        #expect(svg.contains("#2a9d8f"))
        #expect(svg.contains("Ninh Kiều &lt;test&gt; &amp; &quot;quotes&quot;"))
        #expect(MapDrawing.svg(Self.map) == svg)
    }

    @Test func attributionIsAddedWhenMissing() throws {
        var m = Self.map
        m.attribution = ""
        let svg = MapDrawing.svg(m)
        _ = try XMLDocument(data: Data(svg.utf8))
        #expect(svg.contains("© OpenStreetMap contributors, ODbL"))
    }
}

// `ngatu-maps`: regenerates maps/ninh-kieu.yaml, maps/ninh-kieu-full.yaml, maps/tan-an-downtown.yaml and their SVG
// drawings from the OSM-derived data in Tests/NgaTuOSMTests/Fixtures/cantho (© OpenStreetMap
// contributors, ODbL). Run `maps/tools/build-maps.sh` (or `swift run ngatu-maps`) from the
// repository root. The YAML files are also checked by NgaTuOSMTests (which regenerate them and
// compare byte for byte).
import Foundation
import NgaTuCantho
import NgaTuCore
import NgaTuFormats
import NgaTuOSM
import NgaTuReport

let root = FileManager.default.currentDirectoryPath
let data = root + "/Tests/NgaTuOSMTests/Fixtures/cantho/"
func text(_ name: String) throws -> String { try String(contentsOfFile: data + name, encoding: .utf8) }

func geometry(_ m: ImportedMap, labels: Bool) -> MapGeometry {
    let kinds: [JunctionControl: MapGeometry.Kind] = [.signal: .signal, .priority: .priority, .none: .none, .boundary: .boundary]
    return MapGeometry(
        title: m.spec.title, attribution: m.spec.attribution,
        junctions: m.spec.junctions.map { j in
            var label: String?
            if labels && j.control == .signal {
                let code = j.id.split(separator: "-").first.map(String.init) ?? j.id
                label = code.first.map { $0 == "j" || $0 == "s" } == true && code.dropFirst().allSatisfy(\.isNumber)
                    ? code.uppercased() : nil
            }
            return MapGeometry.Junction(id: j.id, name: j.name, at: .init(j.at.lat, j.at.lon), kind: kinds[j.control]!, label: label)
        },
        roads: m.spec.roads.map { r in
            MapGeometry.Road(id: r.id, name: r.name, points: r.shape.map { .init($0.lat, $0.lon) },
                             lanes: r.oneway ? r.lanesForward : r.lanesForward + r.lanesBackward, oneway: r.oneway)
        })
}

func write(_ m: ImportedMap, _ name: String, labels: Bool, background: String? = nil) throws {
    let yaml = MapWriter.yaml(m.spec, header: m.header, roadComments: m.roadComments,
                              junctionComments: m.junctionComments, signalComments: m.signalComments,
                              background: background)
    try yaml.write(toFile: root + "/maps/\(name).yaml", atomically: true, encoding: .utf8)
    try MapDrawing.svg(geometry(m, labels: labels), width: 1100)
        .write(toFile: root + "/maps/\(name).svg", atomically: true, encoding: .utf8)
    print("\(name): \(MapFigures(m))")
}

let ninhKieu = try NinhKieuMap.build(edgesCSV: text("osm2018_major_edges.csv"), nodesCSV: text("osm2018_major_nodes.csv"),
                                     keyJunctionsCSV: text("key_junctions_ninhkieu.csv"))
// The background streets are maps/ninh-kieu-streets.geojson (scripts/background_streets.py).
try write(ninhKieu, "ninh-kieu", labels: true, background: "ninh-kieu-streets.geojson")
let full = try NinhKieuFullMap.build(roadsGeoJSON: Data(contentsOf: URL(fileURLWithPath: data + "osm2018_roads_ninhkieu.geojson")),
                                     edgesCSV: text("osm2018_major_edges.csv"), nodesCSV: text("osm2018_major_nodes.csv"),
                                     keyJunctionsCSV: text("key_junctions_ninhkieu.csv"))
try write(full, "ninh-kieu-full", labels: true)
let tanAn = try TanAnDowntownMap.build(osmXML: Data(contentsOf: URL(fileURLWithPath: data + "osm2020_downtown_tanan.osm")))
try write(tanAn, "tan-an-downtown", labels: false)

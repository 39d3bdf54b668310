public import Foundation
import NgaTuCore
public import NgaTuOSM

/// `maps/tan-an-downtown.yaml`: `OSMImporter` on shared/data/cantho/raw/osm2020_downtown_tanan.osm
/// (OSM API export of Jan 2020, © OpenStreetMap contributors, ODbL), clipped to the file's
/// bounds (the export is complete only inside them: the signals of J6 and S3 lie just south,
/// where their cross streets are missing from the file).
public enum TanAnDowntownMap {

    public static func build(osmXML: Data) throws -> ImportedMap {
        var m = try OSMImporter.importXML(osmXML, options: OSMImportOptions(
            mapId: "tan-an-downtown", title: "Tân An downtown, Ninh Kiều, Cần Thơ (OSM 2020)"))
        m.header.insert("Source: shared/data/cantho/raw/osm2020_downtown_tanan.osm (OSM API export, newest element 2020-01-21).", at: 1)
        m.header.append("Figures: \(MapFigures(m)).")
        return m
    }
}

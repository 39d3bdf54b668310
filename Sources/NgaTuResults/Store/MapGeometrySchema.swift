import SQLiteStore

/// The map and incident tables of `results.sqlite`, so the report can draw the network and the
/// scenario's incidents from the database alone:
///
/// ```sql
/// map_junctions (position, id, name, lat, lon, control)                  -- map file order
/// map_roads (position, id, name, from_junction, to_junction,
///            lanes_forward, lanes_backward, oneway, shape)             -- shape: "lat,lon;lat,lon"
/// incidents (position, kind, road, from_s, to_s, factor, direction)      -- scenario order
/// map_background (position, shape)   -- the map's `background:` streets, shape as in map_roads
/// ```
/// The tables are created with the database; a database made before they existed reads as
/// having no map and no incidents, and one made before `direction` (`one` | `both`) as
/// incidents on the named segment only (what the core always did).
enum MapGeometrySchema {
    /// Every table of the map's geometry: what a merge copies from the first shard.
    static let tables = ["map_junctions", "map_roads", "incidents", "map_background"]

    /// The map tables: name and `CREATE TABLE` statement (as `sqlite_master` keeps it).
    static let tableSQL: [(name: String, sql: String)] = [
        ("map_junctions", """
            CREATE TABLE map_junctions (
              position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
              lat REAL NOT NULL, lon REAL NOT NULL, control TEXT NOT NULL)
            """),
        ("map_roads", """
            CREATE TABLE map_roads (
              position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
              from_junction TEXT NOT NULL, to_junction TEXT NOT NULL,
              lanes_forward INTEGER NOT NULL, lanes_backward INTEGER NOT NULL,
              oneway INTEGER NOT NULL, shape TEXT NOT NULL)
            """),
        ("incidents", """
            CREATE TABLE incidents (
              position INTEGER PRIMARY KEY, kind TEXT NOT NULL, road TEXT NOT NULL,
              from_s REAL NOT NULL, to_s REAL NOT NULL, factor REAL NOT NULL,
              direction TEXT NOT NULL DEFAULT 'one')
            """),
        ("map_background", "CREATE TABLE map_background (position INTEGER PRIMARY KEY, shape TEXT NOT NULL)"),
    ]

    /// Creates the tables a database lacks (a database made before them gains them).
    static func create(in db: SQLiteDatabase) throws {
        for table in tableSQL {
            try db.execute("CREATE TABLE IF NOT EXISTS " + table.sql.dropFirst("CREATE TABLE ".count))
        }
        if try !db.columns(of: "incidents").contains("direction") {
            try db.execute("ALTER TABLE incidents ADD COLUMN direction TEXT NOT NULL DEFAULT 'one'")
        }
    }

    /// The map tables' contents.
    struct Geometry {
        var junctions: [MapJunctionRow]
        var roads: [MapRoadRow]
        var incidents: [IncidentRow]
        var background: [[MapCoordinate]]
    }

    /// What the read functions give back after `write` of these rows, or nil when that is not
    /// certain: a REAL -0.0 reads as 0, and a coordinate that is not finite, a text with a NUL
    /// character do not read back (the file is then read). Shapes are written in the CSV
    /// number format, whose text reads back as the same number.
    static func asStored(junctions: [MapJunctionRow], roads: [MapRoadRow], incidents: [IncidentRow],
                         background: [[MapCoordinate]]) -> Geometry? {
        func number(_ x: Double) -> Double? { x.isFinite ? (x == 0 ? 0 : x) : nil }
        func point(_ c: MapCoordinate) -> MapCoordinate? {
            guard let lat = number(c.latitude), let lon = number(c.longitude) else { return nil }
            return MapCoordinate(latitude: lat, longitude: lon)
        }
        func line(_ l: [MapCoordinate]) -> [MapCoordinate]? {
            var out: [MapCoordinate] = []
            out.reserveCapacity(l.count)
            for c in l { guard let p = point(c) else { return nil }; out.append(p) }
            return out
        }
        func text(_ s: String) -> Bool { !s.utf8.contains(0) }
        var g = Geometry(junctions: [], roads: [], incidents: [], background: [])
        for j in junctions {
            guard let at = point(j.at), text(j.id), text(j.name), text(j.control) else { return nil }
            g.junctions.append(MapJunctionRow(id: j.id, name: j.name, at: at, control: j.control))
        }
        for r in roads {
            guard let shape = line(r.shape), text(r.id), text(r.name), text(r.from), text(r.to) else { return nil }
            g.roads.append(MapRoadRow(id: r.id, name: r.name, from: r.from, to: r.to, lanesForward: r.lanesForward,
                                      lanesBackward: r.lanesBackward, oneway: r.oneway, shape: shape))
        }
        for e in incidents {
            guard let from = number(e.fromS), let to = number(e.toS), let factor = number(e.factor), text(e.kind), text(e.road)
            else { return nil }
            g.incidents.append(IncidentRow(kind: e.kind, road: e.road, fromS: from, toS: to, factor: factor,
                                           bothDirections: e.bothDirections))
        }
        for l in background {
            guard let shape = line(l) else { return nil }
            g.background.append(shape)
        }
        return g
    }

    /// Replaces the stored map and incidents (inside the caller's transaction).
    static func write(junctions: [MapJunctionRow], roads: [MapRoadRow], incidents: [IncidentRow],
                      background: [[MapCoordinate]], to db: SQLiteDatabase) throws {
        try create(in: db)
        try db.execute("DELETE FROM map_junctions; DELETE FROM map_roads; DELETE FROM incidents; DELETE FROM map_background")
        let b = try db.prepare("INSERT INTO map_background VALUES (?1, ?2)")
        for (i, line) in background.enumerated() {
            try b.bind([i, MapRoadRow(id: "", from: "", to: "", shape: line).shapeText]); try b.run()
        }
        let j = try db.prepare("INSERT INTO map_junctions VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        for (i, row) in junctions.enumerated() {
            try j.bind([i, row.id, row.name, row.at.latitude, row.at.longitude, row.control]); try j.run()
        }
        let r = try db.prepare("INSERT INTO map_roads VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        for (i, row) in roads.enumerated() {
            try r.bind([i, row.id, row.name, row.from, row.to, row.lanesForward, row.lanesBackward,
                        row.oneway ? 1 : 0, row.shapeText])
            try r.run()
        }
        let e = try db.prepare("INSERT INTO incidents (position, kind, road, from_s, to_s, factor, direction) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        for (i, row) in incidents.enumerated() {
            try e.bind([i, row.kind, row.road, row.fromS, row.toS, row.factor, row.bothDirections ? "both" : "one"]); try e.run()
        }
    }

    static func readJunctions(from db: SQLiteDatabase) throws -> [MapJunctionRow] {
        guard try db.tableExists("map_junctions") else { return [] }
        let s = try db.prepare("SELECT id, name, lat, lon, control FROM map_junctions ORDER BY position")
        var rows: [MapJunctionRow] = []
        while try s.step() {
            guard let id = s.string(0), let lat = s.double(2), let lon = s.double(3), let control = s.string(4) else {
                throw ResultDecodingError(table: "map_junctions", column: "*", found: Cell(s.value(at: 0)))
            }
            rows.append(MapJunctionRow(id: id, name: s.string(1) ?? "",
                                       at: MapCoordinate(latitude: lat, longitude: lon), control: control))
        }
        return rows
    }

    static func readRoads(from db: SQLiteDatabase) throws -> [MapRoadRow] {
        guard try db.tableExists("map_roads") else { return [] }
        let s = try db.prepare("""
            SELECT id, name, from_junction, to_junction, lanes_forward, lanes_backward, oneway, shape
            FROM map_roads ORDER BY position
            """)
        var rows: [MapRoadRow] = []
        while try s.step() {
            guard let id = s.string(0), let from = s.string(2), let to = s.string(3),
                  let forward = s.int(4), let backward = s.int(5), let oneway = s.int(6) else {
                throw ResultDecodingError(table: "map_roads", column: "*", found: Cell(s.value(at: 0)))
            }
            guard let shape = MapRoadRow.shape(fromText: s.string(7) ?? "") else {
                throw ResultDecodingError(table: "map_roads", column: "shape", found: Cell(s.value(at: 7)))
            }
            rows.append(MapRoadRow(id: id, name: s.string(1) ?? "", from: from, to: to, lanesForward: forward,
                                   lanesBackward: backward, oneway: oneway != 0, shape: shape))
        }
        return rows
    }

    static func readBackground(from db: SQLiteDatabase) throws -> [[MapCoordinate]] {
        guard try db.tableExists("map_background") else { return [] }
        let s = try db.prepare("SELECT shape FROM map_background ORDER BY position")
        var lines: [[MapCoordinate]] = []
        while try s.step() {
            guard let shape = MapRoadRow.shape(fromText: s.string(0) ?? "") else {
                throw ResultDecodingError(table: "map_background", column: "shape", found: Cell(s.value(at: 0)))
            }
            lines.append(shape)
        }
        return lines
    }

    static func readIncidents(from db: SQLiteDatabase) throws -> [IncidentRow] {
        guard try db.tableExists("incidents") else { return [] }
        let direction = try db.columns(of: "incidents").contains("direction") ? "direction" : "'one'"
        let s = try db.prepare("SELECT kind, road, from_s, to_s, factor, \(direction) FROM incidents ORDER BY position")
        var rows: [IncidentRow] = []
        while try s.step() {
            guard let kind = s.string(0), let road = s.string(1), let from = s.double(2),
                  let to = s.double(3), let factor = s.double(4) else {
                throw ResultDecodingError(table: "incidents", column: "*", found: Cell(s.value(at: 0)))
            }
            rows.append(IncidentRow(kind: kind, road: road, fromS: from, toS: to, factor: factor,
                                    bothDirections: s.string(5) == "both"))
        }
        return rows
    }
}

extension ResultStore {
    /// Stores the map geometry and the scenario's incidents, replacing any stored before, in one
    /// transaction. The runner calls it once, after opening the store.
    public func writeMapGeometry(junctions: [MapJunctionRow], roads: [MapRoadRow],
                                 incidents: [IncidentRow], background: [[MapCoordinate]] = []) throws {
        writtenMap = nil
        let empty = junctions.isEmpty && roads.isEmpty && incidents.isEmpty && background.isEmpty
        if let stage = canonicalStage, stage < .map, empty {
            writtenMap = MapGeometrySchema.Geometry(junctions: [], roads: [], incidents: [], background: [])
            return
        }
        advance(to: .map)
        try transaction {
            try MapGeometrySchema.write(junctions: junctions, roads: roads, incidents: incidents,
                                        background: background, to: database)
        }
        writtenMap = MapGeometrySchema.asStored(junctions: junctions, roads: roads, incidents: incidents, background: background)
    }

    /// The stored background streets (empty when the map named none).
    public func mapBackground() throws -> [[MapCoordinate]] {
        if let writtenMap { return writtenMap.background }
        return try MapGeometrySchema.readBackground(from: database)
    }

    /// The stored map junctions, roads and incidents (empty when none were stored).
    public func mapGeometry() throws -> (junctions: [MapJunctionRow], roads: [MapRoadRow], incidents: [IncidentRow]) {
        if let writtenMap { return (writtenMap.junctions, writtenMap.roads, writtenMap.incidents) }
        return (try MapGeometrySchema.readJunctions(from: database), try MapGeometrySchema.readRoads(from: database),
                try MapGeometrySchema.readIncidents(from: database))
    }
}

import NgaTuCore
public import NgaTuResults

extension ScenarioPlan {
    /// The map and incidents as the report draws them (tables `map_junctions`, `map_roads`,
    /// `incidents`), so `ngatu report` needs nothing but results.sqlite.
    public func mapGeometry() -> (junctions: [MapJunctionRow], roads: [MapRoadRow], incidents: [IncidentRow]) {
        let map = document.map.spec
        let junctions = map.junctions.map {
            MapJunctionRow(id: $0.id, name: $0.name, at: MapCoordinate(latitude: $0.at.lat, longitude: $0.at.lon),
                           control: $0.control.rawValue)
        }
        let roads = map.roads.map {
            MapRoadRow(id: $0.id, name: $0.name, from: $0.from, to: $0.to, lanesForward: $0.lanesForward,
                       lanesBackward: $0.lanesBackward, oneway: $0.oneway,
                       shape: $0.shape.map { MapCoordinate(latitude: $0.lat, longitude: $0.lon) })
        }
        let incidents = document.spec.events.map {
            IncidentRow(kind: $0.kind.rawValue, road: $0.road, fromS: $0.from, toS: $0.to,
                        factor: $0.kind == .closure ? 0 : $0.factor, bothDirections: $0.direction == .both)
        }
        return (junctions, roads, incidents)
    }

    /// The map's background streets (its `background:` file), for table `map_background`.
    public func mapBackground() -> [[MapCoordinate]] {
        document.map.background.map { $0.map { MapCoordinate(latitude: $0.lat, longitude: $0.lon) } }
    }

    /// Total demand entering the map at demand scale 1 before the profile (veh/h).
    var totalDemandVehH: Double { document.spec.demand.flows.reduce(0) { $0 + $1.rate } }
}

import Foundation
import NgaTuCore

/// netconvert and SUMO configurations, and the plain-JSON summary for other engines.
extension SUMOModel {
    /// netconvert's configuration for SUMO micro (`meso: false`, `NAME.net.xml`) or meso
    /// (`NAME.meso.net.xml`). Our junctions are points: a segment runs junction to junction and
    /// crossing takes no time. Micro keeps SUMO's internal lanes, since a left turner waits on
    /// one inside the junction and lets the vehicles behind it go (as our separate movement
    /// queues do), and takes each edge's length from its geometry, so that edge plus junction is
    /// our segment's length (with our length on the edge every crossing added ~20 m and ~2 s,
    /// which shifted platoons against the next signal: +11 s of delay per interior approach on a
    /// three-signal corridor). Meso has no use for internal lanes: it is built without them and
    /// with our lengths (`NAME.meso.edg.xml`), so that storage and travel time are ours.
    func netconvertConfig(meso: Bool = false) -> String {
        var x = XMLText()
        let cfg = meso ? "\(name).meso.netccfg" : "\(name).netccfg"
        header(&x, "netconvert configuration for SUMO \(meso ? "meso" : "micro"): netconvert -c \(cfg)")
        x.start("configuration")
        x.start("input")
        x.element("node-files", [("value", "\(name).nod.xml")])
        x.element("edge-files", [("value", meso ? "\(name).edg.xml,\(name).meso.edg.xml" : "\(name).edg.xml")])
        x.element("connection-files", [("value", "\(name).con.xml")])
        x.element("tllogic-files", [("value", "\(name).tll.xml")])
        x.end()
        x.start("output")
        x.element("output-file", [("value", meso ? "\(name).meso.net.xml" : "\(name).net.xml")])
        x.end()
        x.start("processing")
        if meso { x.element("no-internal-links", [("value", "true")]) }
        x.element("no-turnarounds", [("value", "true")])
        x.element("offset.disable-normalization", [("value", "true")])
        x.end()
        x.start("report")
        x.element("no-warnings", [("value", "false")])
        x.end()
        x.end()
        return x.text
    }

    func sumoConfig() -> String {
        var x = XMLText()
        header(&x, "SUMO configuration: sumo -c \(name).sumocfg; for meso add --mesosim --meso-junction-control "
               + "--net-file \(name).meso.net.xml --additional-files \(name).meso.tll.xml")
        x.comment("time-to-teleport -1: vehicles are never teleported, so a gridlock stays a gridlock "
                  + "as in the queue model; trips departing before the warm-up "
                  + "(\(num(setup.timing.warmup)) s) are not measured")
        x.start("configuration")
        x.start("input")
        x.element("net-file", [("value", "\(name).net.xml")])
        x.element("route-files", [("value", "\(name).rou.xml")])
        x.end()
        x.start("time")
        x.element("begin", [("value", "0")])
        x.element("end", [("value", num(setup.timing.duration))])
        x.element("step-length", [("value", num(stepLength))])
        x.end()
        x.start("processing")
        x.element("time-to-teleport", [("value", "-1")])
        x.end()
        x.comment("Meso only (micro ignores them), so that meso runs our queue model: headway factors 1 (a "
                  + "vehicle keeps its vType's tau as net time gap, as in micro; SUMO's 1.13 / 1.13 / 1.73 lengthen "
                  + "it); jam threshold 1 (no jam regime: a vehicle enters a segment while it has room and leaves at "
                  + "its own headway; SUMO's jam-jam headway, reckoned in 7.5 m vehicles, starves a queue of 2.1 m "
                  + "motorcycles); one segment per edge (our point queue at the stop line); one queue per lane (a "
                  + "shared entry headway into the next segment costs a two-lane mixed queue 12%). Run meso with "
                  + "--net-file \(name).meso.net.xml (no internal lanes, our lengths) and --additional-files "
                  + "\(name).meso.tll.xml (our discharge windows as its programs).")
        x.start("mesoscopic")
        x.element("meso-edgelength", [("value", num(mesoSegmentLength))])
        x.element("meso-tauff", [("value", "1")])
        x.element("meso-taufj", [("value", "1")])
        x.element("meso-taujf", [("value", "1")])
        x.element("meso-jam-threshold", [("value", "1")])
        x.element("meso-lane-queue", [("value", "true")])
        x.end()
        x.start("output")
        x.element("tripinfo-output", [("value", "\(name).tripinfo.xml")])
        x.element("tripinfo-output.write-unfinished", [("value", "true")])
        x.end()
        x.start("random_number")
        x.element("seed", [("value", String(seed % UInt64(Int32.max)))])
        x.end()
        x.start("report")
        x.element("no-step-log", [("value", "true")])
        x.element("duration-log.statistics", [("value", "true")])
        x.end()
        x.end()
        return x.text
    }

    /// The demand's departures for other engines: `mode` "ngatu" with our vehicles as columns
    /// (scheduled departure in integer microseconds, our clock; flow index; class index), the
    /// vehicles of `NAME.rou.xml` in the same order; or "flows" (each engine draws its own).
    var departuresJSON: [String: Any] {
        guard options.departures == .vehicles else { return ["mode": "flows"] }
        return ["mode": "ngatu", "seed": Int(truncatingIfNeeded: seed), "count": departures.count,
                "depart_us": departures.map { Int(($0.time * 1_000_000).rounded()) },
                "flow": departures.map(\.flow), "class": departures.map(\.vehicleClass)]
    }

    /// SUMO meso's segment length (m): longer than every edge, so that each edge is one segment.
    var mesoSegmentLength: Double {
        ((network.segmentLength.max() ?? 0) + 1).rounded(.up)
    }

    /// The same network, plans and demand as plain JSON (sorted keys), for engines that are
    /// built through an API rather than from SUMO files (UXsim, bench/compare/run_uxsim.py).
    func summaryJSON() throws -> String {
        let net = network
        let junctions: [[String: Any]] = (0..<net.junctionCount).map { j in
            let p = projection.xy(net.junctionPositions[j])
            return ["id": net.junctionIDs[j], "control": net.junctionControl[j].rawValue,
                    "x": (p.x * 100).rounded() / 100, "y": (p.y * 100).rounded() / 100]
        }
        var segments: [[String: Any]] = []
        for s in 0..<net.segmentCount {
            var e: [String: Any] = [:]
            e["id"] = net.segmentIDs[s]
            e["from"] = net.junctionIDs[Int(net.segmentFrom[s])]
            e["to"] = net.junctionIDs[Int(net.segmentTo[s])]
            // The name of this approach at `to` in junctions.csv (compass, or the neighbour's id).
            e["approach"] = net.approachName[s]
            e["length_m"] = net.segmentLength[s]
            e["lanes"] = Int(net.segmentLanes[s])
            e["effective_lanes"] = setup.effectiveLanes[s]
            e["speed_ms"] = net.segmentSpeed[s]
            e["saturation_flow_pcu_h"] = setup.saturationFlow[s]
            e["storage_pcu"] = setup.storagePCU[s]
            segments.append(e)
        }
        let signals: [[String: Any]] = net.programs.map { program in
            let phases: [[String: Any]] = program.phases.map { ph in
                let approaches = Set(ph.movements.map { Int(net.movementFrom[Int($0)]) })
                return ["name": ph.name, "green_s": ph.green, "yellow_s": ph.yellow, "all_red_s": ph.allRed,
                        "approaches": approaches.sorted().map { net.segmentIDs[$0] },
                        "movements": ph.movements.enumerated().map { k, m in
                            ["from": net.segmentIDs[Int(net.movementFrom[Int(m)])],
                             "to": net.segmentIDs[Int(net.movementTo[Int(m)])],
                             "permitted": ph.permitted[k]] as [String: Any]
                        }]
            }
            return ["junction": net.junctionIDs[Int(program.junction)], "cycle_s": program.cycle,
                    "offset_s": program.offset, "default_plan": program.isDefault, "phases": phases]
        }
        let flows: [[String: Any]] = setup.flows.enumerated().map { i, f in
            let total = f.classWeights.reduce(0, +)
            let pcu = total > 0 ? zip(f.classWeights, setup.classes).reduce(0) { $0 + $1.0 * $1.1.pcu } / total : 1
            return ["id": "f\(i)", "from": net.junctionIDs[f.origin], "to": net.junctionIDs[f.destination],
                    "route": f.route.map { net.segmentIDs[Int($0)] }, "mean_pcu": pcu,
                    "slices": slices(of: f).map { ["begin_s": $0.begin, "end_s": $0.end, "rate_veh_h": $0.rate * 3600] }]
        }
        let m = setup.model
        let root: [String: Any] = [
            "format": "ngatu-export-1", "name": name, "map": net.id, "seed": Int(seed % UInt64(Int32.max)),
            "run_seed": Int(truncatingIfNeeded: seed),
            "duration_s": setup.timing.duration, "warmup_s": setup.timing.warmup,
            "arrivals": setup.arrivals.rawValue, "step_length_s": stepLength,
            "sumo_discharge_speed_ms": dischargeSpeed,
            "classes": setup.classes.map { c -> [String: Any] in
                let t = vehicleType(c)
                return ["name": c.name, "share": c.share, "pcu": c.pcu, "sumo_vclass": "passenger",
                        "sumo_length_m": t.length, "sumo_min_gap_m": t.minGap, "sumo_tau_s": t.tau]
            },
            "model": ["saturation_flow_pcu_h_lane": m.saturationFlow, "startup_lost_time_s": m.startupLostTime,
                      "green_extension_s": m.greenExtension, "jam_spacing_m": m.jamSpacing, "lane_width_m": m.laneWidth],
            "junctions": junctions, "segments": segments, "signals": signals, "flows": flows, "notes": notes,
            "departures": departuresJSON,
        ]
        let data = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

import NgaTuCore
import NgaTuOSM

/// Protected-left plans at the big junctions of Ninh Kiều: where the two-phase plan's permitted
/// left cannot carry the flagship scenario's demand (ninh-kieu-am-peak, FACTS.md §4.4: three to
/// four phases at large junctions, cycles up to 120 s), the left gets a phase of its own.
///
/// The rule, applied to the flagship run under the two-phase plans (fixed time, 2 replications,
/// seed 2026): a permitted left of at least 300 veh/h at demand ×1 with a control delay at
/// LOS D or worse (over 35 s) that is over capacity at ×1.2 (LOS F, waits of several cycles)
/// gets a three-phase plan of 90 s:
/// its approach's through and right with the opposite approach (30 s), then its approach with
/// the left protected and the opposite approach's left still permitted behind its through
/// (15 s), then the cross street (30 s); amber 3 s, all-red 2 s. Every plan is an estimate.
/// J1 (the left from 3 Tháng 2, 40 s at ×1, 55 s at ×1.2) and J2 (46 s, 67 s) reach LOS E only
/// and keep their two phases: with protected lefts there too, fixed time lost 4.6 s per vehicle
/// at ×1 (58.5 → 63.1 s), against 4.4 s with the three junctions here.
enum NinhKieuPlans {
    struct ProtectedLeft {
        /// Junction id and the neighbour ids of its approaches: the one whose left is protected,
        /// the approach opposite it, and the cross street's.
        let junction: String
        let left: String
        let opposite: String
        let cross: [String]
        /// Why, with the figures of the two-phase plan (for the map header).
        let reason: String
        /// The left's approach also has a U-turn (a dual road's gap): served with the protected left.
        var uturn = false
    }

    static let protectedLefts: [ProtectedLeft] = [
        ProtectedLeft(junction: "j10-cmt8-nguyen-trai", left: "j14-thd-hung-vuong", opposite: "b-tran-phu-n",
                      cross: ["j12-cmt8-nvc", "j7-hoa-binh-nguyen-trai"],
                      reason: "J10: the left from Hùng Vương (SW) into CMT8, 560 veh/h against about 450 veh/h from Trần Phú, waits 82 s (LOS F) at ×1 and 279 s at ×1.2 under the two-phase plan"),
        ProtectedLeft(junction: "j5-nvl-30-4", left: "j13-mau-than-30-4", opposite: "b-30-4-s",
                      cross: ["b-cau-hung-loi-s", "j2-3-2-nvl"],
                      reason: "J5: the left from 30 Tháng 4 (NE) onto Cầu Hưng Lợi, 410 veh/h against about 1,050 veh/h of 30/4 northbound, waits 59 s (LOS E) at ×1 and 238 s at ×1.2"),
        ProtectedLeft(junction: "j3-mau-than-nvc", left: "nvc-x", opposite: "j4-nvl-nvc",
                      cross: ["j1-mau-than-3-2", "b-vvk-n"],
                      reason: "J3: the left from Nguyễn Văn Cừ (NE) into Mậu Thân, 660 veh/h against about 950 veh/h, waits 38 s (LOS D) at ×1 and 121 s (LOS F) at ×1.2"),
    ]

    /// Protected lefts of the full map only (`NinhKieuFullMap`), named by the skeleton's legs: at
    /// J12 the full map has Nguyễn Văn Cừ's southbound carriageway (see its header), so the left
    /// from CMT8 into it exists there and not on the skeleton.
    static let fullMapProtectedLefts: [ProtectedLeft] = [
        ProtectedLeft(junction: "j12-cmt8-nvc", left: "j10-cmt8-nguyen-trai", opposite: "b-cmt8-n", cross: ["nvc-x"],
                      reason: "J12 (full map only): the left from CMT8 (SE) into Nguyễn Văn Cừ southbound waits for gaps in CMT8 southbound, whose queue stands whenever the 58 m to the next junction (Đoàn Thị Điểm, where the left into Đoàn Thị Điểm waits in turn for CMT8 northbound) is full: under the two-phase plan the two lefts held each other and J12 locked up in the weekday's 2 h peak check (a vehicle waited 4,774 s in the SE left; mean 414 s); protected, it goes every cycle"),
        ProtectedLeft(junction: "j1-mau-than-3-2", left: "j14-thd-hung-vuong", opposite: "j2-3-2-nvl", cross: ["j3-mau-than-nvc", "j13-mau-than-30-4"],
                      reason: "J1 (full map): the left from Trần Hưng Đạo (NE) into Mậu Thân, 990 veh/h at the weekday's peak against about 1,090 veh/h from 3 Tháng 2, served 790 veh/h and waited 1,540 s on average in the 2 h peak check under the two-phase plan (the skeleton's flagship sends it 40 s at ×1); its U-turn goes with it",
                      uturn: true),
        ProtectedLeft(junction: "j13-mau-than-30-4", left: "j5-nvl-30-4", opposite: "j8-30-4-quang-trung", cross: ["j1-mau-than-3-2"],
                      reason: "J13 (full map): the left from 30 Tháng 4 (SW) into Mậu Thân, about 620 veh/h at the full map's peak, finds gaps in 30 Tháng 4 south-westbound while that carries 650 veh/h (24 s); with the arterial flows that bring 30 Tháng 4 towards FACTS.md's 2,000 veh/h per direction its vehicles waited over 1,000 s under the two-phase plan (1,800 PCU/h per lane); its U-turn goes with it",
                      uturn: true),
        ProtectedLeft(junction: "j2-3-2-nvl", left: "b-3-2-s", opposite: "j1-mau-than-3-2", cross: ["j5-nvl-30-4", "j4-nvl-nvc"],
                      reason: "J2 (full map): the left from 3 Tháng 2 (SW) into Nguyễn Văn Linh, about 340 veh/h at the full map's peak, finds gaps in 3 Tháng 2 south-westbound while that carries 890 veh/h (34 s); with the arterial flows that bring 3 Tháng 2 towards FACTS.md's 2,000 veh/h per direction its vehicles waited over 2,000 s under the two-phase plan (1,800 PCU/h per lane); its U-turn goes with it",
                      uturn: true),
    ]

    /// One-phase-per-approach plans of the full map whose greens follow the weekday's peak
    /// demand instead of the lanes (keyed by junction; greens by the full map's neighbour ids).
    static let fullMapSplitGreens: [String: (cycle: Double, greens: [String: Double], reason: String)] = [
        "j14-thd-hung-vuong": (120, ["hung-vuong-x": 40, "thd-hung-vuong": 30, "le-anh-xuan-hem-132-42": 15, "dinh-tien-hoang-x": 15],
                               "J14's greens by demand, 120 s (FACTS.md §4.4: cycles up to 120 s): Hùng Vương southbound (N) carries about 1,890 veh/h at the weekday's peak against 1,330 from Trần Hưng Đạo (SW), 320 from Lê Anh Xuân and 100 from the lane to the south; its 30 s of 110 s (greens by lanes) left it over 80 % of capacity with the through flows alone, 40 s of 120 s do not"),
    ]

    /// Plans of the full map written phase by phase (`NinhKieuFullMap`), keyed by junction, the
    /// approaches named by the full map's neighbour ids: 30 Tháng 4's junctions J5 and J8 and J4
    /// on Nguyễn Văn Cừ, where the planner's pairing fails (a T junction's one-sided
    /// left, a carriageway without a U-turn, a bear-left the core counts as a through) and one
    /// phase per approach gave each arterial direction a third of the cycle or less. Each
    /// movement that crosses nothing in a phase (the rights, and a through whose path no other
    /// movement of the phase cuts: the core checks every phase) runs in it too, so the arterial
    /// through and right movements get most of the cycle and each big left its own protected
    /// phase. Capacities below: lanes × 2,270 PCU/h (the full map's scenarios, FACTS.md §4.3) ×
    /// green / cycle ÷ 0.437 PCU per vehicle of the mix.
    struct OverlapPlan {
        let cycle: Double
        let phases: [(name: String, green: Double, allow: [String])]
        /// Why, with the figures (for the map header).
        let reason: String

        func plan(junction: String) -> SignalPlanSpec {
            SignalPlanSpec(junction: junction, cycle: cycle, offset: 0, yellow: 3, allRed: 2,
                           phases: phases.map { PhaseSpec(name: $0.name, green: $0.green, allow: $0.allow) }, estimate: true)
        }
    }

    static let fullMapOverlapPlans: [String: OverlapPlan] = [
        "j5-nvl-30-4": OverlapPlan(cycle: 120, phases: [
            ("NE–SW: 30 Tháng 4", 45, ["30-4-le-binh", "30-4-hem-225:through"]),
            ("SW: 30 Tháng 4, protected left; NE and W rights", 25, ["30-4-hem-225:through", "30-4-hem-225:left!", "30-4-le-binh:right", "j2-3-2-nvl:right"]),
            ("W: Nguyễn Văn Linh; NE right", 35, ["j2-3-2-nvl", "30-4-le-binh:right"]),
        ], reason: "J5 (full map): the skeleton's protected left (from 30 Tháng 4 NE onto Cầu Hưng Lợi) has no leg here (the bridge road joins 30 Tháng 4 at a yield south of J5), so the planner found no pairing and ran one approach per phase (35, 38 and 32 s of 120 s: 30 Tháng 4 at most 3,030 and 3,290 veh/h a direction, the left into Nguyễn Văn Linh, 920 veh/h at the full map's peak, sharing its approach's 35 s); the left that crosses 30 Tháng 4 here is from the south-west into Nguyễn Văn Linh: 30 Tháng 4's two directions run together (45 s), then that left protected (25 s), then Nguyễn Văn Linh (35 s); the north-eastbound through runs in the first two (70 s of 120: 6,060 veh/h; it crosses nothing in the third either, but run there too it left no gap in 30 Tháng 4 north-eastbound for the lane from Cầu Hưng Lợi, link-122, which yields into it south of J5: 2,200–2,400 vehicles were left waiting at that bridge head in the fit of the arterial flows), the south-westbound 45 s (3,900 veh/h), the left 25 s (1,080 veh/h on one lane, 2,160 on two), Nguyễn Văn Linh 35 s (3,030)"),
        "j8-30-4-quang-trung": OverlapPlan(cycle: 120, phases: [
            ("SW: 30 Tháng 4; S through", 35, ["j13-mau-than-30-4", "quang-trung-cau-quang-trung-2:through"]),
            ("NE: 30 Tháng 4; SW right, S through", 35, ["30-4-phan-van-tri", "j13-mau-than-30-4:right", "quang-trung-cau-quang-trung-2:through"]),
            ("S: Quang Trung; SW right", 35, ["quang-trung-cau-quang-trung-2", "j13-mau-than-30-4:right"]),
        ], reason: "J8 (full map): 30 Tháng 4's two directions cannot share a phase here: from the north-east the bear-left into Quang Trung (38° off straight) counts as a through in the core and crosses the north-eastbound through, and one token names both (the planner's pairing rejected); one approach per phase (30, 38 and 37 s of 120 s) gave the right from 30 Tháng 4 (SW) into Quang Trung, 1,120 veh/h at the full map's peak, 38 s; now that right runs in every phase (105 s of 120) and so does Quang Trung's through to 30 Tháng 4 north-eastbound, 30 Tháng 4 north-eastbound's through 35 s (3,030 veh/h), south-westbound 35 s (3,030), Quang Trung's left 35 s. At the full map's peak (fixed time, 5 replications, the arterial flows fitted on the plans before) J5, J4 and J8 together cut delay per demanded vehicle from 97.1 to 81.6 s with the same volumes; J13's plan of the same kind (30 Tháng 4 together, both big lefts protected, 4 phases) left Nguyễn Thị Minh Khai 10 s and vehicles at the entries, 101.3 s, so J13 keeps one phase per approach"),
        "j4-nvl-nvc": OverlapPlan(cycle: 120, phases: [
            ("NE–SW: Nguyễn Văn Cừ; SE right", 45, ["nvc-nguyen-tri-phuong", "b-nvc-w", "nvl-x-6:right"]),
            ("NE: Nguyễn Văn Cừ (nối dài), protected left; SW and SE rights", 15, ["nvc-nguyen-tri-phuong:left!", "nvc-nguyen-tri-phuong:through", "b-nvc-w:right", "nvl-x-6:right"]),
            ("SE: Nguyễn Văn Linh; NE through, SW right", 45, ["nvl-x-6", "nvc-nguyen-tri-phuong:through", "b-nvc-w:right"]),
        ], reason: "J4 (full map): the left from Nguyễn Văn Cừ (NE) into Nguyễn Văn Linh, 310 veh/h at the weekday's peak against about 1,540 veh/h from Nguyễn Văn Cừ (SW), waited 580 s on average in the 2 h peak check under the two-phase plan, and one approach per phase (38, 32 and 35 s of 120 s) then held each arterial direction to 2,200–2,610 veh/h; now Nguyễn Văn Cừ's two directions together with that left permitted (45 s), then protected (15 s), then Nguyễn Văn Linh (45 s); Nguyễn Văn Cừ south-westbound through crosses nothing and runs in all three phases (105 s of 120: 9,090 veh/h), north-eastbound 45 s (3,900 veh/h), the rights from the south-west (1,520 veh/h) and south-east in every phase, Nguyễn Văn Linh's left 45 s"),
    ]

    /// `plan` with the greens and cycle of `fullMapSplitGreens` where it names the junction.
    static func withSplitGreens(_ plan: SignalPlanSpec) -> SignalPlanSpec {
        guard let g = fullMapSplitGreens[plan.junction] else { return plan }
        var p = plan
        p.cycle = g.cycle
        for i in p.phases.indices {
            if let leg = p.phases[i].allow.first, let green = g.greens[leg] { p.phases[i].green = green }
        }
        return p
    }

    static let byJunction = Dictionary(uniqueKeysWithValues: protectedLefts.map { ($0.junction, $0) })

    /// `p` on another map of the same junction: each leg of the skeleton (`skeletonLegs`) matched
    /// to this map's leg nearest in bearing (within 30°); legs of this map that match none (side
    /// streets) join the cross street's phase. Nil when the left or opposite leg has no match.
    static func matched(_ p: ProtectedLeft, skeletonLegs: [SignalPlanner.Leg], legs: [SignalPlanner.Leg]) -> ProtectedLeft? {
        func gap(_ a: Double, _ b: Double) -> Double { let d = abs(a - b).truncatingRemainder(dividingBy: 360); return min(d, 360 - d) }
        var used = Set<String>(), map: [String: String] = [:]
        for s in skeletonLegs {
            let best = legs.filter { !used.contains($0.neighbour) && gap($0.bearing, s.bearing) <= 30 }
                .min { (gap($0.bearing, s.bearing), $0.neighbour) < (gap($1.bearing, s.bearing), $1.neighbour) }
            if let b = best { used.insert(b.neighbour); map[s.neighbour] = b.neighbour }
        }
        guard let left = map[p.left], let opposite = map[p.opposite] else { return nil }
        let cross = legs.map(\.neighbour).filter { $0 != left && $0 != opposite }
        guard !cross.isEmpty else { return nil }
        return ProtectedLeft(junction: p.junction, left: left, opposite: opposite, cross: cross, reason: p.reason, uturn: p.uturn)
    }

    /// The three-phase plan of `p`, phases named by compass side and road as the default plans.
    static func plan(_ p: ProtectedLeft, legs: [SignalPlanner.Leg], opposingLeft: Bool = true) -> SignalPlanSpec {
        func leg(_ id: String) -> SignalPlanner.Leg? { legs.first { $0.neighbour == id } }
        func label(_ ids: [String]) -> String {
            let ls = ids.compactMap(leg)
            var names: [String] = []
            for l in ls where !names.contains(l.name) { names.append(l.name) }
            return ls.map { Geo.compass($0.bearing) }.joined(separator: "–") + ": " + names.joined(separator: " / ")
        }
        let side = leg(p.left).map { Geo.compass($0.bearing) } ?? p.left
        let phases = [
            PhaseSpec(name: label([p.left, p.opposite]) + " (\(side) left waits)", green: 30,
                      allow: ["\(p.left):through", "\(p.left):right", p.opposite]),
            PhaseSpec(name: label([p.left]) + ", protected left", green: 15,
                      allow: ["\(p.left):left!", "\(p.left):through", "\(p.left):right"] + (p.uturn ? ["\(p.left):uturn!"] : [])
                        + (opposingLeft ? ["\(p.opposite):left"] : [])),
            PhaseSpec(name: label(p.cross), green: 30, allow: p.cross),
        ]
        return SignalPlanSpec(junction: p.junction, cycle: 90, offset: 0, yellow: 3, allRed: 2, phases: phases, estimate: true)
    }
}

/// Each strategy's style slot (colour, dash and marker of `ChartStyle`), fixed by the strategy's
/// name so that a strategy looks the same in every report, whatever the scenario's order.
///
/// The usual names and controller kinds have their own slot (fixed time black, Webster blue,
/// actuated orange, …); any other name takes the slot its name hashes to (FNV-1a, stable across
/// runs and machines). Two strategies that want the same slot are settled in name order, the
/// later one taking the next free slot, so the outcome depends on the set of names, never on
/// their order. Only with more strategies than slots do colours repeat.
enum StrategyStyle {
    /// Slots of `ChartStyle.colors` by strategy name or controller kind.
    static let preferred: [String: Int] = [
        "fixed": 6, "fixed-time": 6, "webster": 0, "actuated": 1, "max-pressure": 2,
        "sotl": 3, "longest-queue-first": 4, "green-wave": 5,
    ]

    static var slotCount: Int { ChartStyle.colors.count }

    /// Slots for `names`; `controller` gives a strategy's controller kind when known.
    static func assign(_ names: [String], controller: (String) -> String?) -> [String: Int] {
        func wish(_ name: String) -> (known: Bool, slot: Int) {
            if let s = preferred[name] { return (true, s) }
            if let kind = controller(name), let s = preferred[kind] { return (true, s) }
            return (false, Int(fnv1a(name) % UInt64(slotCount)))
        }
        // Names with a slot of their own first, then the others; each group in name order.
        let ordered = Set(names).map { ($0, wish($0)) }.sorted { a, b in
            a.1.known != b.1.known ? a.1.known : a.0 < b.0
        }
        var taken = Set<Int>()
        var slots: [String: Int] = [:]
        for (name, w) in ordered {
            var slot = w.slot
            if taken.count < slotCount {
                while taken.contains(slot) { slot = (slot + 1) % slotCount }
            }
            taken.insert(slot)
            slots[name] = slot
        }
        return slots
    }

    /// 64-bit FNV-1a of the name's UTF-8 bytes.
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}

import Foundation

/// A label's box on the map: a rectangle centred at (`x`, `y`), `width` × `height`, turned by
/// `angle` radians (text along a road).
struct LabelBox: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
    var angle: Double = 0

    /// The four corners.
    var corners: [(Double, Double)] {
        let q = quad
        return [q.p0, q.p1, q.p2, q.p3]
    }

    /// The four corners without an array (the layout tests thousands of boxes).
    var quad: Quad {
        let c = cos(angle), s = sin(angle), hw = width / 2, hh = height / 2
        func at(_ u: Double, _ v: Double) -> (Double, Double) { (x + u * c - v * s, y + u * s + v * c) }
        return Quad(at(-hw, -hh), at(hw, -hh), at(hw, hh), at(-hw, hh))
    }

    /// True when the two boxes overlap (separating-axis test on both boxes' edges).
    func overlaps(_ other: LabelBox) -> Bool { quad.overlaps(other.quad) }
}

/// A box's four corners in order, with the separating-axis test on them.
struct Quad {
    var p0, p1, p2, p3: (Double, Double)

    init(_ p0: (Double, Double), _ p1: (Double, Double), _ p2: (Double, Double), _ p3: (Double, Double)) {
        (self.p0, self.p1, self.p2, self.p3) = (p0, p1, p2, p3)
    }

    /// True when the two quads overlap: no axis normal to the first two edges of either separates
    /// their projections (touching counts as apart).
    func overlaps(_ b: Quad) -> Bool {
        !separates(p0, p1, b) && !separates(p1, p2, b) && !b.separates(b.p0, b.p1, self, flipped: true)
            && !b.separates(b.p1, b.p2, self, flipped: true)
    }

    /// True when the normal of the edge (e0, e1) separates `self` and `other`; `flipped` when the
    /// edge is the other quad's (the test is symmetric, so only the names change).
    private func separates(_ e0: (Double, Double), _ e1: (Double, Double), _ other: Quad, flipped: Bool = false) -> Bool {
        let axis = (-(e1.1 - e0.1), e1.0 - e0.0)
        let a = range(axis), b = other.range(axis)
        return a.max <= b.min || b.max <= a.min
    }

    /// The min and max of the corners' projections on `axis` (in corner order, as `Sequence.min`/`max`).
    private func range(_ axis: (Double, Double)) -> (min: Double, max: Double) {
        var lo = p0.0 * axis.0 + p0.1 * axis.1, hi = lo
        func take(_ p: (Double, Double)) {
            let v = p.0 * axis.0 + p.1 * axis.1
            if v < lo { lo = v }
            if hi < v { hi = v }
        }
        take(p1); take(p2); take(p3)
        return (lo, hi)
    }
}

/// Places labels so that none overlaps another or a marked obstacle (a junction's disc): each
/// label takes the first of its candidate positions that is free. Placement order decides who
/// wins, so callers place the most important labels first.
///
/// Taken boxes are kept in a uniform grid of `cell`-sized squares by their bounding box (widened
/// by a margin so rounding cannot hide a touching box): a candidate is tested only against the
/// boxes in its own cells, not against every box on the map.
struct LabelLayout {
    private(set) var taken: [LabelBox] = []
    /// The drawing's extent: a label must lie inside it.
    var bounds: (width: Double, height: Double)

    private var quads: [Quad] = []
    private var cells: [Int: [Int]] = [:]
    /// Boxes whose extent is not finite: tested against every candidate.
    private var unplaced: [Int] = []
    /// Per box, the last query that tested it (so a box in several cells is tested once).
    private var seen: [Int] = []
    private var query = 0
    private let cell = 32.0, margin = 1.0

    init(width: Double, height: Double) { bounds = (width, height) }

    /// Marks an area no label may cover.
    mutating func block(_ box: LabelBox) { add(box) }

    func isFree(_ box: LabelBox) -> Bool {
        var me = self
        return me.free(box)
    }

    /// The first free candidate, marked taken; nil when none is free.
    mutating func place(_ candidates: [LabelBox]) -> LabelBox? {
        guard let box = candidates.first(where: { free($0) }) else { return nil }
        add(box)
        return box
    }

    private mutating func free(_ box: LabelBox) -> Bool {
        let q = box.quad
        let inside = [q.p0, q.p1, q.p2, q.p3].allSatisfy {
            $0.0 >= 1 && $0.1 >= 1 && $0.0 <= bounds.width - 1 && $0.1 <= bounds.height - 1
        }
        guard inside else { return false }
        if unplaced.contains(where: { quads[$0].overlaps(q) }) { return false }
        guard let span = span(q) else { return !quads.contains { $0.overlaps(q) } }
        query += 1
        for cy in span.y0...span.y1 {
            for cx in span.x0...span.x1 {
                for i in cells[key(cx, cy)] ?? [] where seen[i] != query {
                    seen[i] = query
                    if quads[i].overlaps(q) { return false }
                }
            }
        }
        return true
    }

    private mutating func add(_ box: LabelBox) {
        let i = taken.count
        let q = box.quad
        taken.append(box)
        quads.append(q)
        seen.append(0)
        guard let span = span(q) else { unplaced.append(i); return }
        for cy in span.y0...span.y1 {
            for cx in span.x0...span.x1 { cells[key(cx, cy), default: []].append(i) }
        }
    }

    /// The grid cells a quad's widened bounding box covers; nil when it is not finite or absurdly large.
    private func span(_ q: Quad) -> (x0: Int, y0: Int, x1: Int, y1: Int)? {
        let xs = [q.p0.0, q.p1.0, q.p2.0, q.p3.0], ys = [q.p0.1, q.p1.1, q.p2.1, q.p3.1]
        let lo = (xs.min()! - margin, ys.min()! - margin), hi = (xs.max()! + margin, ys.max()! + margin)
        guard lo.0.isFinite, lo.1.isFinite, hi.0.isFinite, hi.1.isFinite,
              abs(lo.0) < 1e7, abs(lo.1) < 1e7, abs(hi.0) < 1e7, abs(hi.1) < 1e7 else { return nil }
        return (Int((lo.0 / cell).rounded(.down)), Int((lo.1 / cell).rounded(.down)),
                Int((hi.0 / cell).rounded(.down)), Int((hi.1 / cell).rounded(.down)))
    }

    private func key(_ cx: Int, _ cy: Int) -> Int { cx &* 1_000_003 &+ cy }
}

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
        let c = cos(angle), s = sin(angle), hw = width / 2, hh = height / 2
        return [(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)].map { (x + $0.0 * c - $0.1 * s, y + $0.0 * s + $0.1 * c) }
    }

    /// True when the two boxes overlap (separating-axis test on both boxes' edges).
    func overlaps(_ other: LabelBox) -> Bool {
        let a = corners, b = other.corners
        for box in [a, b] {
            for i in 0..<2 {
                let (x0, y0) = box[i], (x1, y1) = box[i + 1]
                let axis = (-(y1 - y0), x1 - x0)
                let pa = a.map { $0.0 * axis.0 + $0.1 * axis.1 }, pb = b.map { $0.0 * axis.0 + $0.1 * axis.1 }
                if pa.max()! <= pb.min()! || pb.max()! <= pa.min()! { return false }
            }
        }
        return true
    }
}

/// Places labels so that none overlaps another or a marked obstacle (a junction's disc): each
/// label takes the first of its candidate positions that is free. Placement order decides who
/// wins, so callers place the most important labels first.
struct LabelLayout {
    private(set) var taken: [LabelBox] = []
    /// The drawing's extent: a label must lie inside it.
    var bounds: (width: Double, height: Double)

    init(width: Double, height: Double) { bounds = (width, height) }

    /// Marks an area no label may cover.
    mutating func block(_ box: LabelBox) { taken.append(box) }

    func isFree(_ box: LabelBox) -> Bool {
        let inside = box.corners.allSatisfy { $0.0 >= 1 && $0.1 >= 1 && $0.0 <= bounds.width - 1 && $0.1 <= bounds.height - 1 }
        return inside && !taken.contains { $0.overlaps(box) }
    }

    /// The first free candidate, marked taken; nil when none is free.
    mutating func place(_ candidates: [LabelBox]) -> LabelBox? {
        guard let box = candidates.first(where: isFree) else { return nil }
        taken.append(box)
        return box
    }
}

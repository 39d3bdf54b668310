/// Right turns on red ("two-wheelers may turn right on red", a junction's `right_on_red:`):
/// the movements some vehicle classes may take while their signal is red, and for each the
/// movements whose gaps it must use: every movement from another approach of the junction that
/// enters the same exit or crosses its path. The simulation checks, while the turn is red,
/// those of them that have their own green, as it does for a permitted turn's opposing traffic.
extension NetworkBuilder.Draft {
    mutating func makeRightOnRed() throws(SpecError) {
        rorStart = [0]
        for (j, junction) in spec.junctions.enumerated() where !junction.rightOnRed.isEmpty {
            let path = SpecPath.root.key("junctions").index(j).key("right_on_red")
            guard junction.control == .signal else {
                throw SpecError(path, "right turns on red apply at signalised junctions; \"\(junction.id)\" is "
                                + "\(junction.control.rawValue)")
            }
            let ms = junctionMovements(j)
            let (inRank, outRank) = circularRanks(j)
            for entry in junction.rightOnRed {
                let epath = path.key(entry.approach)
                guard !entry.classes.isEmpty else { throw SpecError(epath, "name at least one vehicle class") }
                for pair in try parseToken(entry.approach + ":right", junction: j, path: epath) {
                    guard let a = movementIndex(pair.from, pair.to) else {
                        throw SpecError(epath, "the right turn from \(entry.approach) is banned at junction \"\(junction.id)\"")
                    }
                    if let k = rorMovements.firstIndex(of: a) {
                        for c in entry.classes where !rorClasses[k].contains(c) { rorClasses[k].append(c) }
                        continue
                    }
                    let ca = (inRank[movFrom[Int(a)]]!, outRank[movTo[Int(a)]]!)
                    for b in ms where movFrom[Int(b)] != movFrom[Int(a)] {
                        let cb = (inRank[movFrom[Int(b)]]!, outRank[movTo[Int(b)]]!)
                        if movTo[Int(b)] == movTo[Int(a)] || Self.chordsCross(ca, cb) { rorConflicts.append(b) }
                    }
                    rorMovements.append(a)
                    rorClasses.append(entry.classes)
                    rorStart.append(Int32(rorConflicts.count))
                }
            }
        }
    }
}

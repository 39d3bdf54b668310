/// The immutable road network: built and validated once from a `MapSpec`, then shared by every
/// replication and strategy. Flat arrays indexed by typed ids; no per-vehicle state here.
///
/// Directed segments run between junctions; a movement is one incoming→outgoing segment pair at
/// a junction (U-turns excluded). Movements are stored grouped by incoming segment, so the
/// movements of segment `s` are `movementStart[s] ..< movementStart[s + 1]`.
public struct Network: Sendable {
    public let id: String
    public let title: String
    public let attribution: String

    // MARK: Junctions
    public let junctionIDs: [String]
    public let junctionNames: [String]
    public let junctionPositions: [LatLon]
    public let junctionControl: [JunctionControl]
    /// Incoming segments (approaches) of each junction, in order of their leg angle.
    public let approachStart: [Int32]
    public let approachSegments: [Int32]

    // MARK: Segments
    public let segmentIDs: [String]
    public let segmentNames: [String]
    public let segmentRoad: [Int32]
    public let segmentFrom: [Int32]
    public let segmentTo: [Int32]
    public let segmentLength: [Double]
    public let segmentLanes: [Int32]
    /// Width per direction in metres, 0 when the map gives none.
    public let segmentWidth: [Double]
    /// Free-flow speed in m/s.
    public let segmentSpeed: [Double]
    /// Saturation flow override in PCU/h per lane, 0 for the scenario's default.
    public let segmentSaturationFlow: [Double]
    /// False where the map says the approach has no left-turn bay (`left_bay: false`): its left
    /// turners and U-turners share the leftmost lane with the through traffic. True elsewhere.
    public let segmentLeftBay: [Bool]
    /// Name of the segment as an approach of its downstream junction (`N`, `SE`, or the
    /// upstream junction's id when two legs share a side).
    public let approachName: [String]
    /// Compass name of the approach even when it is ambiguous (for display).
    public let approachCompass: [String]
    /// Leg angle of the segment at its downstream junction (degrees ccw from east, pointing away
    /// from the junction along the incoming road).
    public let approachAngle: [Double]

    // MARK: Movements
    public let movementStart: [Int32]
    public let movementFrom: [Int32]
    public let movementTo: [Int32]
    public let movementTurn: [Turn]
    /// Segments feeding each segment: incoming segments at its upstream junction with a
    /// movement into it (CSR like `movementStart`). Used to wake queues when space frees.
    public let feederStart: [Int32]
    public let feederSegments: [Int32]

    /// At `priority` junctions, the movements each movement yields to (CSR like
    /// `movementStart`; empty elsewhere); used under `model.priority_junctions: yield`.
    public let yieldStart: [Int32]
    public let yieldMovements: [Int32]

    /// Right turns on red (`right_on_red:`): the movements, the vehicle class names that may
    /// take each on red (resolved against the scenario's classes when a run starts), and per
    /// entry the movements whose gaps it uses (`rightOnRedConflicts[rightOnRedStart[k] ..<
    /// rightOnRedStart[k + 1]]`).
    public let rightOnRedMovements: [Int32]
    public let rightOnRedClasses: [[String]]
    public let rightOnRedStart: [Int32]
    public let rightOnRedConflicts: [Int32]

    // MARK: Boundaries
    /// True for segments leaving a boundary junction (vehicles enter the map there).
    public let isEntry: [Bool]
    /// True for segments ending at a boundary junction (vehicles leave the map there).
    public let isExit: [Bool]

    // MARK: Signals
    public let programs: [SignalProgram]
    /// Index into `programs` for signalised junctions, −1 otherwise.
    public let programOfJunction: [Int32]

    // MARK: Lookups (build and input time only, never in the event loop)
    public let junctionIndexByID: [String: Int32]
    public let segmentIndexByID: [String: Int32]
    public let roadIDs: [String]

    public var junctionCount: Int { junctionIDs.count }
    public var segmentCount: Int { segmentIDs.count }
    public var movementCount: Int { movementFrom.count }

    /// Free-flow travel time of a segment in seconds.
    @inline(__always) public func freeFlowTime(_ s: Int) -> Double { segmentLength[s] / segmentSpeed[s] }

    /// The movement from segment `a` into segment `b`, if there is one.
    public func movement(from a: Int, to b: Int) -> Int? {
        for m in Int(movementStart[a])..<Int(movementStart[a + 1]) where Int(movementTo[m]) == b { return m }
        return nil
    }

    /// Signalised junction indices in id order of the map.
    public var signalisedJunctions: [Int] {
        (0..<junctionCount).filter { programOfJunction[$0] >= 0 }
    }

    init(id: String, title: String, attribution: String, junctionIDs: [String], junctionNames: [String],
         junctionPositions: [LatLon], junctionControl: [JunctionControl], approachStart: [Int32],
         approachSegments: [Int32], segmentIDs: [String], segmentNames: [String], segmentRoad: [Int32],
         segmentFrom: [Int32], segmentTo: [Int32], segmentLength: [Double], segmentLanes: [Int32],
         segmentWidth: [Double], segmentSpeed: [Double], segmentSaturationFlow: [Double], segmentLeftBay: [Bool],
         approachName: [String], approachCompass: [String], approachAngle: [Double],
         movementStart: [Int32], movementFrom: [Int32], movementTo: [Int32], movementTurn: [Turn],
         feederStart: [Int32], feederSegments: [Int32], yieldStart: [Int32], yieldMovements: [Int32],
         rightOnRedMovements: [Int32], rightOnRedClasses: [[String]], rightOnRedStart: [Int32], rightOnRedConflicts: [Int32],
         isEntry: [Bool], isExit: [Bool],
         programs: [SignalProgram], programOfJunction: [Int32], roadIDs: [String]) {
        self.id = id; self.title = title; self.attribution = attribution
        self.junctionIDs = junctionIDs; self.junctionNames = junctionNames
        self.junctionPositions = junctionPositions; self.junctionControl = junctionControl
        self.approachStart = approachStart; self.approachSegments = approachSegments
        self.segmentIDs = segmentIDs; self.segmentNames = segmentNames; self.segmentRoad = segmentRoad
        self.segmentFrom = segmentFrom; self.segmentTo = segmentTo; self.segmentLength = segmentLength
        self.segmentLanes = segmentLanes; self.segmentWidth = segmentWidth; self.segmentSpeed = segmentSpeed
        self.segmentSaturationFlow = segmentSaturationFlow; self.segmentLeftBay = segmentLeftBay
        self.approachName = approachName
        self.approachCompass = approachCompass; self.approachAngle = approachAngle
        self.movementStart = movementStart; self.movementFrom = movementFrom; self.movementTo = movementTo
        self.movementTurn = movementTurn; self.feederStart = feederStart; self.feederSegments = feederSegments
        self.yieldStart = yieldStart; self.yieldMovements = yieldMovements
        self.rightOnRedMovements = rightOnRedMovements; self.rightOnRedClasses = rightOnRedClasses
        self.rightOnRedStart = rightOnRedStart; self.rightOnRedConflicts = rightOnRedConflicts
        self.isEntry = isEntry; self.isExit = isExit; self.programs = programs
        self.programOfJunction = programOfJunction; self.roadIDs = roadIDs
        var j: [String: Int32] = [:]
        for (i, s) in junctionIDs.enumerated() { j[s] = Int32(i) }
        junctionIndexByID = j
        var sg: [String: Int32] = [:]
        for (i, s) in segmentIDs.enumerated() { sg[s] = Int32(i) }
        segmentIndexByID = sg
    }
}

/// A resolved signal program of one junction: phases as sets of movements, and for each
/// permitted movement the opposing movements whose gaps it must use.
public struct SignalProgram: Sendable {
    public struct Phase: Sendable {
        public var name: String
        /// Green time of the fixed-time plan (s).
        public var green: Double
        public var yellow: Double
        public var allRed: Double
        /// Movements with right of way, ascending.
        public var movements: [Int32]
        /// Parallel to `movements`: true when the movement yields to opposing traffic.
        public var permitted: [Bool]
        /// Parallel to `movements`: opposing movements a permitted movement yields to.
        public var opposing: [[Int32]]
        public var intergreen: Double { yellow + allRed }
    }
    public var junction: Int32
    public var cycle: Double
    public var offset: Double
    public var phases: [Phase]
    /// True when the plan was made by default (no plan in the map).
    public var isDefault: Bool
    /// All movements of the junction, ascending.
    public var movements: [Int32]
}

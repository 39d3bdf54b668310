public import NgaTuCore

/// Webster re-planned from detector counts during the run, as an adaptive system re-plans
/// from its detectors: at the start of every period, each movement's arrivals at its queue
/// since the last re-plan (what crossed the stop line plus the growth of the queue) become the
/// flows of Webster's method, and its plan runs until the next period. The first period runs
/// the map's plan (nothing is counted yet).
///
/// Counting the queue's growth keeps an approach over capacity from reporting only its
/// capacity; still, a queue that spills back upstream hides demand beyond it.
public struct CountedWebsterController: SignalController {
    /// Length of a period (s).
    public let period: Double
    /// The plan running now.
    public private(set) var current: FixedTimeController
    /// When the next re-plan is due (s).
    public private(set) var nextReplan: Double
    /// Plans made so far: start time and cycle, for tests and reports.
    public private(set) var history: [(start: Double, cycle: Double)] = []
    private var lastTime = 0.0
    private var lastVehicles: [Int] = []
    private var lastPCU: [Double] = []
    private var lastQueuedVehicles: [Int] = []
    private var lastQueuedPCU: [Double] = []
    /// Makes the plan for flows per local movement (veh/h, PCU/h).
    private let replan: (_ vehicles: [Double], _ pcu: [Double]) -> FixedTimeController.Plan

    public init(period: Double, first: FixedTimeController.Plan,
                replan: @escaping (_ vehicles: [Double], _ pcu: [Double]) -> FixedTimeController.Plan) {
        self.period = period
        self.current = FixedTimeController(plan: first)
        self.nextReplan = period
        self.replan = replan
        history = [(0, first.cycle)]
    }

    public var minGreen: Double { 0 }
    public var detectorDistance: Double { 0 }

    public mutating func decide(_ o: SignalObservation) -> SignalDecision {
        if o.now >= nextReplan - 0.001 {
            let n = o.departedPCU.count
            if lastPCU.count != n {
                lastPCU = Array(repeating: 0, count: n); lastVehicles = Array(repeating: 0, count: n)
                lastQueuedPCU = lastPCU; lastQueuedVehicles = lastVehicles
            }
            let hours = max(o.now - lastTime, 1) / 3600
            let vehicles = (0..<n).map {
                Double(o.departedVehicles[$0] - lastVehicles[$0] + o.queuedVehicles[$0] - lastQueuedVehicles[$0]) / hours
            }
            let pcu = (0..<n).map { (o.departedPCU[$0] - lastPCU[$0] + o.queuedPCU[$0] - lastQueuedPCU[$0]) / hours }
            let plan = replan(vehicles.map { max(0, $0) }, pcu.map { max(0, $0) })
            current = FixedTimeController(plan: plan)
            history.append((o.now, plan.cycle))
            lastTime = o.now
            lastVehicles = o.departedVehicles; lastPCU = o.departedPCU
            lastQueuedVehicles = o.queuedVehicles; lastQueuedPCU = o.queuedPCU
            while nextReplan <= o.now + 0.001 { nextReplan += period }
        }
        let d = current.decide(o)
        if case .hold(let until) = d, until > nextReplan { return .hold(until: nextReplan) }
        return d
    }
}

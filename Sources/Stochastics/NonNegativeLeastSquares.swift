@preconcurrency import CGSL

/// Weighted, regularised non-negative least squares:
///
///     minimise Σᵢ wᵢ (Aᵢ·x − cᵢ)² + Σⱼ λⱼ (xⱼ − pⱼ)²   subject to x ≥ 0
///
/// the problem of fitting route flows to counts with the prior flows `p` as a weak
/// pseudo-observation. The normal equations (AᵀWA + Λ) x = AᵀWc + Λp are formed with GSL's
/// BLAS (`gsl_blas_dsyrk`, `gsl_blas_dgemv`) and solved by projected coordinate descent,
/// which keeps every coordinate ≥ 0 and converges for a positive definite system (every
/// λⱼ > 0 makes it so). Small problems only: the system is dense, n × n.
public struct NonNegativeLeastSquares: Sendable {
    /// Rows × columns, row-major.
    public var rows: Int
    public var columns: Int
    public var a: [Double]
    public var weights: [Double]
    public var targets: [Double]
    public var prior: [Double]
    public var priorWeights: [Double]

    public init(rows: Int, columns: Int, a: [Double], weights: [Double], targets: [Double],
                prior: [Double], priorWeights: [Double]) {
        precondition(a.count == rows * columns && weights.count == rows && targets.count == rows
                     && prior.count == columns && priorWeights.count == columns, "NNLS: sizes do not match")
        self.rows = rows; self.columns = columns; self.a = a; self.weights = weights; self.targets = targets
        self.prior = prior; self.priorWeights = priorWeights
    }

    /// The minimiser, starting from `start` (the prior, clamped at 0, when nil); stops when no
    /// coordinate moves by more than `tolerance` × its scale in a sweep, or after `maxSweeps`.
    public func solve(start: [Double]? = nil, tolerance: Double = 1e-9, maxSweeps: Int = 20_000) -> [Double] {
        let n = columns, m = rows
        guard n > 0 else { return [] }
        // √w·A and √w·c, so that AᵀWA = (√w A)ᵀ(√w A).
        var wa = a
        var wc = targets
        for i in 0..<m {
            let s = weights[i].squareRoot()
            for j in 0..<n { wa[i * n + j] *= s }
            wc[i] *= s
        }
        var q = [Double](repeating: 0, count: n * n)
        var b = [Double](repeating: 0, count: n)
        if m > 0 {
            wa.withUnsafeMutableBufferPointer { waP in
                q.withUnsafeMutableBufferPointer { qP in
                    var av = gsl_matrix_view_array(waP.baseAddress, m, n)
                    var qv = gsl_matrix_view_array(qP.baseAddress, n, n)
                    // Q = (√W A)ᵀ (√W A), lower triangle.
                    gsl_blas_dsyrk(CblasLower, CblasTrans, 1, &av.matrix, 0, &qv.matrix)
                }
                wc.withUnsafeMutableBufferPointer { cP in
                    b.withUnsafeMutableBufferPointer { bP in
                        var av = gsl_matrix_view_array(waP.baseAddress, m, n)
                        var cv = gsl_vector_view_array(cP.baseAddress, m)
                        var bv = gsl_vector_view_array(bP.baseAddress, n)
                        gsl_blas_dgemv(CblasTrans, 1, &av.matrix, &cv.vector, 0, &bv.vector)
                    }
                }
            }
        }
        // Fill the upper triangle and add the regularisation.
        for i in 0..<n {
            for j in 0..<i { q[j * n + i] = q[i * n + j] }
            q[i * n + i] += priorWeights[i]
            b[i] += priorWeights[i] * prior[i]
        }
        var x = (start ?? prior).map { max(0, $0) }
        // Gradient g = Qx − b, kept up to date coordinate by coordinate.
        var g = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = -b[i]
            for j in 0..<n { s += q[i * n + j] * x[j] }
            g[i] = s
        }
        let scale = max(x.map(abs).max() ?? 0, b.map(abs).max() ?? 0, 1)
        for _ in 0..<maxSweeps {
            var largest = 0.0
            for j in 0..<n where q[j * n + j] > 0 {
                let next = max(0, x[j] - g[j] / q[j * n + j])
                let d = next - x[j]
                if d == 0 { continue }
                x[j] = next
                for i in 0..<n { g[i] += q[i * n + j] * d }
                largest = max(largest, abs(d))
            }
            if largest <= tolerance * scale { break }
        }
        return x
    }
}

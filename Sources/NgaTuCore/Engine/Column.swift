/// A fixed-length column of run state (one value per segment, movement or vehicle slot) in
/// memory the run owns.
///
/// Every write into a Swift array held by the simulation first asks the runtime whether the
/// array's storage is uniquely referenced (copy on write): a call per write, some twenty per
/// discharged vehicle and a fifth of the event loop's instructions. A run's state is never
/// shared, so its mutable columns live in plain memory allocated once (`ColumnMemory`) and
/// freed with the run; `Simulation` is non-copyable, so no two values see the same columns.
/// Indices are checked in debug builds (the tests) and not in release builds.
struct Column<Element: BitwiseCopyable> {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    /// No elements and no memory (a non-null pointer never read): a column to grow from.
    static var empty: Column {
        Column(base: UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!, count: 0)
    }

    @inline(__always) subscript(i: Int) -> Element {
        get {
            assert(i >= 0 && i < count, "column index out of range")
            return base[i]
        }
        nonmutating set {
            assert(i >= 0 && i < count, "column index out of range")
            base[i] = newValue
        }
    }
}

/// Owns the memory of a run's columns and frees it with the run.
final class ColumnMemory {
    private var blocks: [UnsafeMutableRawPointer] = []

    init() {}

    private func allocate<Element: BitwiseCopyable>(_ count: Int) -> UnsafeMutablePointer<Element> {
        let base = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
        blocks.append(UnsafeMutableRawPointer(base))
        return base
    }

    func column<Element: BitwiseCopyable>(repeating value: Element, count: Int) -> Column<Element> {
        let base: UnsafeMutablePointer<Element> = allocate(count)
        base.initialize(repeating: value, count: count)
        return Column(base: base, count: count)
    }

    /// `c` grown to `count` elements, the new ones `value`; `c`'s memory is given back.
    func grow<Element: BitwiseCopyable>(_ c: Column<Element>, to count: Int, filling value: Element) -> Column<Element> {
        let grown = column(repeating: value, count: count)
        grown.base.update(from: c.base, count: c.count)
        // Only memory this owner allocated is given back (not an `empty` column's).
        if let k = blocks.firstIndex(of: UnsafeMutableRawPointer(c.base)) {
            blocks.remove(at: k)
            c.base.deallocate()
        }
        return grown
    }

    deinit {
        for b in blocks { b.deallocate() }
    }
}

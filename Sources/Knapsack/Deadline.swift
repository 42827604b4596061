/// When a time-limited search has to stop.
struct Deadline {
    private let end: ContinuousClock.Instant?

    init(_ limit: Duration?) {
        end = limit.map { ContinuousClock.now.advanced(by: $0) }
    }

    private init(end: ContinuousClock.Instant?) {
        self.end = end
    }

    /// This deadline or `limit` from now, whichever comes first.
    func capped(at limit: Duration) -> Deadline {
        let cap = ContinuousClock.now.advanced(by: limit)
        return Deadline(end: end.map { min($0, cap) } ?? cap)
    }

    var hasPassed: Bool {
        guard let end else { return false }
        return ContinuousClock.now >= end
    }
}

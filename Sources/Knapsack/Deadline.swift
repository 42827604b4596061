/// When a time-limited search has to stop.
struct Deadline {
    private let end: ContinuousClock.Instant?

    init(_ limit: Duration?) {
        end = limit.map { ContinuousClock.now.advanced(by: $0) }
    }

    var hasPassed: Bool {
        guard let end else { return false }
        return ContinuousClock.now >= end
    }
}

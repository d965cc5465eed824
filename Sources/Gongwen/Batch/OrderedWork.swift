import Foundation

/// Runs a transform over a stream of items on a fixed set of threads and hands the
/// results back in input order, with at most `window` items taken but not yet handed
/// back: the bounded work queue behind `batch`, `stream` and `bench`.
///
/// Memory stays bounded by `window` items and results whatever the length of the
/// input: the source is pulled only when there is room.
public enum OrderedWork {
    /// Processes every item `next` yields.
    /// - Parameters:
    ///   - jobs: worker threads (1 runs everything on the calling thread).
    ///   - window: the most items in flight (taken but not yet delivered); at least `jobs`.
    ///   - next: the source; called under a lock, so one call at a time; nil ends the input.
    ///   - transform: the work, called on worker threads concurrently.
    ///   - deliver: receives results in input order, one call at a time.
    ///   - shouldStop: checked before each item is taken (under the lock); true stops
    ///     taking new items, while items already taken are finished and delivered.
    public static func run<Item, Result>(
        jobs: Int,
        window: Int,
        next: @escaping () -> Item?,
        transform: @escaping (Item) -> Result,
        deliver: @escaping (Result) -> Void,
        shouldStop: @escaping () -> Bool = { false }
    ) {
        if jobs <= 1 {
            while !shouldStop(), let item = next() {
                deliver(transform(item))
            }
            return
        }
        let state = State(window: max(window, jobs), next: next, transform: transform, deliver: deliver,
                          shouldStop: shouldStop)
        let group = DispatchGroup()
        for number in 0..<jobs {
            group.enter()
            let thread = Thread {
                state.work()
                group.leave()
            }
            thread.name = "gongwen-worker-\(number + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }

    /// The shared state. Every mutable field is touched only with `condition` locked;
    /// `next` and `shouldStop` are called only with it locked, and `deliver` only by the
    /// one worker that holds the `delivering` role, so the closures need not be Sendable.
    private final class State<Item, Result>: @unchecked Sendable {
        let condition = NSCondition()
        let window: Int
        let next: () -> Item?
        let transform: (Item) -> Result
        let deliver: (Result) -> Void
        let shouldStop: () -> Bool
        var taken = 0
        var delivered = 0
        var finished = false
        var delivering = false
        var pending: [Int: Result] = [:]

        init(window: Int, next: @escaping () -> Item?, transform: @escaping (Item) -> Result,
             deliver: @escaping (Result) -> Void, shouldStop: @escaping () -> Bool) {
            self.window = window
            self.next = next
            self.transform = transform
            self.deliver = deliver
            self.shouldStop = shouldStop
        }

        func work() {
            condition.lock()
            defer { condition.unlock() }
            while true {
                while !finished && taken - delivered >= window {
                    condition.wait()
                }
                if finished { return }
                if shouldStop() {
                    finished = true
                    condition.broadcast()
                    return
                }
                guard let item = next() else {
                    finished = true
                    condition.broadcast()
                    return
                }
                let sequence = taken
                taken += 1
                condition.unlock()
                let result = transform(item)
                condition.lock()
                pending[sequence] = result
                guard !delivering else { continue }
                delivering = true
                while let ready = pending.removeValue(forKey: delivered) {
                    condition.unlock()
                    deliver(ready)
                    condition.lock()
                    delivered += 1
                    condition.broadcast()
                }
                delivering = false
            }
        }
    }
}

import Foundation
import Gongwen
import Synchronization

/// Ctrl-C and `kill` during a batch: the first SIGINT or SIGTERM asks the run to stop
/// taking documents (the ones in progress finish, so every output is whole and indexed);
/// a second one removes the temporary files in flight and exits at once.
final class BatchInterrupt: Sendable {
    /// The temporary files being written, removed on a hard stop.
    let inFlight = TemporaryFiles()
    private let received = Atomic<Int32>(0)
    private let sources = Locked<[any DispatchSourceSignal]>([])
    private let onFirst: @Sendable (Int32) -> Void

    /// - Parameter onFirst: called (on a Dispatch queue) with the signal number of the first signal.
    init(onFirst: @escaping @Sendable (Int32) -> Void) {
        self.onFirst = onFirst
    }

    /// The signal that asked to stop, or nil while none has.
    var signal: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// The conventional exit status after a signal (128 + its number).
    var exitStatus: Int32 { 128 + (signal ?? 0) }

    /// Starts listening for SIGINT and SIGTERM.
    func install() {
        var installed: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in handle(number) }
            source.resume()
            installed.append(source)
        }
        sources.withLock { $0 = installed }
    }

    /// Stops listening and restores the default actions.
    func uninstall() {
        sources.withLock { list in
            for source in list { source.cancel() }
            list.removeAll()
        }
        Foundation.signal(SIGINT, SIG_DFL)
        Foundation.signal(SIGTERM, SIG_DFL)
    }

    private func handle(_ number: Int32) {
        let (exchanged, _) = received.compareExchange(expected: 0, desired: number, ordering: .relaxed)
        if exchanged {
            onFirst(number)
            return
        }
        inFlight.removeAll()
        writeError("\ngongwen: stopped; removed the temporary files in progress\n")
        exit(128 + number)
    }
}

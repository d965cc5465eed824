import Foundation
import Synchronization

/// Shows how a long run is going on standard error: a redrawn bar on a terminal
/// (done/total, percent, documents per second, ETA, failures so far), a plain line every
/// few seconds when standard error is a file or pipe, nothing with `--quiet`.
final class ProgressReporter: Sendable {
    enum Mode: Sendable {
        case bar, lines, quiet

        /// A bar when standard error is a terminal, lines otherwise; quiet wins.
        static func choose(quiet: Bool) -> Mode {
            if quiet { return .quiet }
            return isatty(STDERR_FILENO) == 1 ? .bar : .lines
        }
    }

    struct Counts: Sendable {
        var total: Int?
        var converted = 0
        var skipped = 0
        var failed = 0
        var bytes = 0
        var quantities = 0
        var done: Int { converted + skipped + failed }
    }

    let mode: Mode
    let noun: String
    private let started = ContinuousClock.now
    private let counts = Locked(Counts())
    private let stopSignal = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let barShown = Locked(false)

    /// - Parameter noun: what is counted, plural (`documents`).
    init(mode: Mode, noun: String = "documents") {
        self.mode = mode
        self.noun = noun
    }

    /// Starts redrawing on a thread of its own.
    func start() {
        guard mode != .quiet else { return }
        let interval: Double = mode == .bar ? 0.2 : 5
        let thread = Thread { [self] in
            while stopSignal.wait(timeout: .now() + interval) == .timedOut {
                draw()
            }
            stopped.signal()
        }
        thread.name = "gongwen-progress"
        thread.start()
    }

    /// Stops redrawing and clears the bar.
    func stop() {
        guard mode != .quiet else { return }
        stopSignal.signal()
        stopped.wait()
        if mode == .bar { draw(); clearBar(newline: true) }
    }

    func setTotal(_ total: Int) { counts.withLock { $0.total = total } }
    func update(_ change: (inout Counts) -> Void) { counts.withLock(change) }
    var snapshot: Counts { counts.withLock { $0 } }
    var elapsed: Double { (ContinuousClock.now - started).seconds }

    /// Prints a message line on standard error without tearing the bar.
    func say(_ message: String) {
        barShown.withLock { shown in
            if shown { writeError("\r\u{1B}[K") }
            writeError("gongwen: \(message)\n")
            shown = false
        }
    }

    private func draw() {
        let counts = snapshot
        let elapsed = self.elapsed
        let rate = elapsed > 0 ? Double(counts.done) / elapsed : 0
        var parts: [String] = []
        if let total = counts.total {
            let percent = total > 0 ? 100 * Double(counts.done) / Double(total) : 100
            parts.append("\(counts.done)/\(total) \(noun) (\(String(format: "%.1f", percent))%)")
        } else {
            parts.append("\(counts.done)/? \(noun)")
        }
        parts.append(String(format: "%.0f/s", rate))
        if let total = counts.total, rate > 0, counts.done < total {
            parts.append("ETA \(ProgressReporter.duration(Double(total - counts.done) / rate))")
        }
        if counts.skipped > 0 { parts.append("\(counts.skipped) up to date") }
        if counts.failed > 0 { parts.append("\(counts.failed) failed") }
        let text = parts.joined(separator: "  ")
        switch mode {
        case .bar:
            let width = 24
            let fraction = counts.total.map { $0 > 0 ? min(1, Double(counts.done) / Double($0)) : 1 } ?? 0
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            var line = "[\(bar)] \(text)"
            let columns = ProgressReporter.terminalColumns()
            if line.count >= columns { line = String(line.prefix(max(columns - 1, 10))) }
            barShown.withLock { shown in
                writeError("\r\u{1B}[K" + line)
                shown = true
            }
        case .lines:
            writeError("gongwen: \(text)\n")
        case .quiet:
            break
        }
    }

    private func clearBar(newline: Bool) {
        barShown.withLock { shown in
            if shown { writeError("\r\u{1B}[K") }
            shown = false
        }
    }

    /// `1:02:03`, `2:03` or `4s`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 { return "\(total)s" }
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }

    static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}

/// Writes a string to standard error in one call.
func writeError(_ text: String) {
    writeAll(STDERR_FILENO, Array(text.utf8))
}

/// Writes all of `bytes` to a file descriptor, retrying short writes; false on an error.
@discardableResult
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}

/// A value behind a lock. `@unchecked Sendable` because every access goes through `withLock`.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

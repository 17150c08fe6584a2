#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command reads and writes: injected, so tests run commands in-process.
package struct CommandIO: Sendable {
    /// Reads all of standard input.
    package var readInput: @Sendable () throws(LedgerError) -> [UInt8]
    /// Writes to standard output.
    package var out: @Sendable (String) -> Void
    /// Writes to standard error.
    package var err: @Sendable (String) -> Void
    /// The current time (for `recorded`).
    package var now: @Sendable () -> Timestamp
    /// Today's civil date where the user is (for `list` and defaults).
    package var today: @Sendable () -> CivilDate

    /// Creates the streams from closures.
    package init(
        readInput: @escaping @Sendable () throws(LedgerError) -> [UInt8], out: @escaping @Sendable (String) -> Void,
        err: @escaping @Sendable (String) -> Void, now: @escaping @Sendable () -> Timestamp, today: @escaping @Sendable () -> CivilDate
    ) {
        self.readInput = readInput
        self.out = out
        self.err = err
        self.now = now
        self.today = today
    }

    /// The process's real standard streams and clock.
    package static let standard = CommandIO(
        readInput: { () throws(LedgerError) in try FileIO.readAll(fd: 0, path: "<stdin>", limit: Appender.maximumInputLength) },
        out: { text in FileIO.writeStandard(1, text) },
        err: { text in FileIO.writeStandard(2, text) },
        now: {
            var time = timespec()
            clock_gettime(CLOCK_REALTIME, &time)
            return Timestamp(seconds: Int64(time.tv_sec), nanoseconds: 0)
        },
        today: {
            var seconds = time(nil)
            var parts = tm()
            localtime_r(&seconds, &parts)
            return CivilDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
                ?? Timestamp(seconds: Int64(seconds)).utcDate
        })
}

extension FileIO {
    /// Writes text to a standard stream, ignoring failures (a closed pipe must not crash the tool).
    static func writeStandard(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            _ = try? writeAll(fd, UnsafeRawBufferPointer(buffer), path: fd == 1 ? "<stdout>" : "<stderr>")
        }
    }
}

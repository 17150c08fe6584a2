import Foundation
import Testing

@testable import CTGLedger

#if canImport(Glibc)
    import Glibc
#endif

/// An append that cannot be written completely leaves the log as it was and exits 3 (issue 6, full disk and I/O errors).
@Suite struct AppenderFailureTests {
    private let now = Timestamp(rfc3339: "2029-06-01T12:00:00Z")!

    private func input(_ count: Int) -> [UInt8] {
        Array((1...count).map { TestSupport.reviewEvent(id: "r-\($0)") + "\n" }.joined().utf8)
    }

    /// A writer that writes `fraction` of the bytes for real, then fails like a full disk.
    private static func failingWriter(after fraction: Double, errno code: Int32 = ENOSPC) -> LogWriter {
        LogWriter(
            write: { (fd, bytes, path) throws(LedgerError) in
                let part = Int(Double(bytes.count) * fraction)
                if part > 0 { try FileIO.writeAll(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<part]), path: path) }
                throw LedgerError(.io, file: path, "cannot write to the file: \(FileIO.reason(code)).")
            },
            sync: { (_, _) throws(LedgerError) in })
    }

    @Test(arguments: [0.0, 0.01, 0.5, 0.99, 1.0])
    func aWriteThatFailsPartwayLeavesTheLogAsItWas(fraction: Double) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try TestSupport.exampleBytes()
        let path = try TestSupport.write(original, named: "log.jsonl", in: directory)
        #expect {
            try Appender.append(input: input(20), to: path, now: now, writer: Self.failingWriter(after: fraction))
        } throws: { error in
            let error = error as! LedgerError
            return error.kind == .io && error.exitCode == 3 && error.message.contains("No space left on device")
                && error.message.contains("Nothing was appended; the log is as it was.")
        }
        #expect(try TestSupport.read(path) == original)
        // And the log takes the next append normally.
        _ = try Appender.append(input: input(1), to: path, expectSeq: 8, now: now)
        #expect(CommandRun(["verify", path]).status == 0)
    }

    @Test func aFailedFlushLeavesTheLogAsItWas() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try TestSupport.exampleBytes()
        let path = try TestSupport.write(original, named: "log.jsonl", in: directory)
        let writer = LogWriter(
            write: LogWriter.system.write,
            sync: { (_, path) throws(LedgerError) in throw LedgerError(.io, file: path, "cannot flush the log to disk: \(FileIO.reason(EIO)).") })
        #expect(throws: LedgerError.self) {
            try Appender.append(input: input(3), to: path, now: now, writer: writer)
        }
        #expect(try TestSupport.read(path) == original)
    }

    @Test func aFailedFirstAppendRemovesTheFileItCreated() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("new.jsonl").path
        let register = try String(contentsOf: TestSupport.exampleLog, encoding: .utf8).split(separator: "\n")[0]
        var object = try #require(try JSONParser.parse(String(register)).objectValue)
        object.members.removeAll { ["seq", "prev", "hash"].contains($0.key) }
        #expect(throws: LedgerError.self) {
            try Appender.append(input: Array(JSONWriter.string(.object(object)).utf8), to: path, now: now, writer: Self.failingWriter(after: 0.5))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// The real thing: `ulimit -f` makes write(2) fail with EFBIG (SIGXFSZ is ignored by `ctg`).
    @Test func aFileSizeLimitMakesAppendExit3AndLeaveTheLogUnchanged() throws {
        let ctg = try TestSupport.ctgExecutable()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try TestSupport.exampleBytes()
        let path = try TestSupport.write(original, named: "log.jsonl", in: directory)
        // The limit, in 512-byte blocks, leaves room for about 1 KB more; the input needs about 40 KB.
        let blocks = original.count / 512 + 2
        let big = Array((1...100).map { TestSupport.reviewEvent(id: "big-\($0)", summary: String(repeating: "x", count: 300)) + "\n" }.joined().utf8)
        let result = try TestSupport.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "ulimit -f \(blocks) && exec \"$0\" append \"$1\"", ctg.path, path], input: big)
        #expect(!result.terminatedBySignal, "ctg was killed (SIGXFSZ?) instead of failing the write")
        #expect(result.status == 3)
        #expect(result.stderr.contains("File too large"))
        #expect(result.stderr.contains("Nothing was appended; the log is as it was."))
        #expect(try TestSupport.read(path) == original)
        // Within the limit, the same process setup appends fine.
        let small = try TestSupport.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "ulimit -f \(blocks) && exec \"$0\" append \"$1\"", ctg.path, path],
            input: Array((TestSupport.reviewEvent(id: "small-1") + "\n").utf8))
        #expect(small.status == 0)
    }
}

import Foundation
import Testing

@testable import CTGLedger

/// Several `ctg` processes appending to one log at once (issue 6, concurrency): end to end, with
/// the built binary, through Tools/stress-append.sh (whose full run is 8 processes × 500 events).
@Suite struct ConcurrentAppendTests {
    @Test func fourProcessesAppendingAtOnceLoseAndDuplicateNothing() throws {
        let ctg = try TestSupport.ctgExecutable()
        let script = TestSupport.repositoryRoot.appendingPathComponent("Tools/stress-append.sh")
        let result = try TestSupport.run(
            URL(fileURLWithPath: "/bin/bash"), [script.path, "4", "25"], environment: ["CTG": ctg.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("OK: 100 events appended by 4 processes"), "\(result.stdout)")
    }

    /// The same race in-process: threads appending with --expect-seq, retrying when refused.
    @Test func threadsRetryingWithExpectSeqAllGetIn() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try TestSupport.write(try TestSupport.exampleBytes(), named: "log.jsonl", in: directory)
        let now = Timestamp(rfc3339: "2029-06-01T12:00:00Z")!
        let refusals = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 1...4 {
                group.addTask {
                    var refused = 0
                    for n in 1...10 {
                        let input = Array((TestSupport.reviewEvent(id: "t-\(worker)-\(n)") + "\n").utf8)
                        while true {
                            let last = try Ledger.read(path: path, checkHashes: false).lastSeq
                            do {
                                _ = try Appender.append(input: input, to: path, expectSeq: last, now: now)
                                break
                            } catch let error as LedgerError where error.member == "--expect-seq" {
                                refused += 1
                            }
                        }
                    }
                    return refused
                }
            }
            return try await group.reduce(0, +)
        }
        let ledger = try Ledger.read(path: path)
        #expect(ledger.errors.isEmpty)
        #expect(ledger.lastSeq == 48)
        #expect(Set(ledger.events.map(\.id)).count == 48)
        _ = refusals
    }
}

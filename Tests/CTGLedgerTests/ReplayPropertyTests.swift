import Foundation
import Testing

@testable import CTGLedger

/// Invariants of replay, on the real logs and on a generated national-scale sample:
/// a snapshot taken at any cut point plus the remaining events equals a full replay, and
/// replay is deterministic.
@Suite struct ReplayPropertyTests {
    /// Every sealed log of `Events/`.
    static var realLogs: [String] {
        let directory = Fixtures.repositoryRoot + "/Events"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { directory + "/" + $0 }
    }

    /// A generated ledger of a few thousand events, when `ctg-generate` is built (as `swift build` does).
    static func generatedLog(events: Int, seed: Int) throws -> (path: String, directory: TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let path = directory.file("generated.jsonl")
        let process = try Process.run(
            URL(fileURLWithPath: LogIndexTests.generator), arguments: ["--events", String(events), "--seed", String(seed), "--output", path, "--quiet"])
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return (path, directory)
    }

    static let dates = ["2016-06-01", "2022-01-01", "2024-07-14", "2026-03-01", "2027-12-31", "2030-06-30"].compactMap(CivilDate.init)

    /// The convention digest (what the full replay keeps per convention) copied at a cut point and fed the
    /// rest answers like the digest fed everything, and like the projection over the whole history.
    func checkSnapshots(_ path: String, seed: UInt64, cuts: Int) throws {
        let ledger = try Ledger.read(path: path)
        #expect(ledger.errors.isEmpty)
        var random = SplitMix64(seed: seed)
        for history in ledger.histories() {
            let events = history.events
            guard !events.isEmpty else { continue }
            var full = ConventionDigest(convention: history.convention)
            for event in events { full.add(event) }
            for _ in 0..<cuts {
                let cut = Int.random(in: 0...events.count, using: &random)
                var prefix = ConventionDigest(convention: history.convention)
                for event in events[..<cut] { prefix.add(event) }
                var resumed = prefix  // the snapshot: a value copy, then the remaining events
                for event in events[cut...] { resumed.add(event) }
                for date in Self.dates {
                    let expected = Projection.state(history, at: date)
                    let got = resumed.summary(at: date)
                    #expect(got.status == expected.status, "\(history.convention) at \(date), cut \(cut)")
                    #expect(got == ConventionDigest.Summary(expected, lastSeq: expected.lastSeq))
                    #expect(got == full.summary(at: date))
                }
            }
        }
    }

    /// The reference checks resumed from a snapshot of the validator find what one pass finds.
    func checkValidatorSnapshots(_ path: String, seed: UInt64) throws {
        let ledger = try Ledger.read(path: path)
        var one = ReferenceValidator()
        let all = ledger.events.map { one.check($0) }
        var random = SplitMix64(seed: seed)
        for _ in 0..<3 {
            let cut = Int.random(in: 0...ledger.events.count, using: &random)
            var prefix = ReferenceValidator()
            for event in ledger.events[..<cut] { _ = prefix.check(event) }
            var resumed = prefix
            let rest = ledger.events[cut...].map { resumed.check($0) }
            #expect(rest == Array(all[cut...]), "cut \(cut)")
        }
    }

    @Test(arguments: realLogs)
    func snapshotPlusTheRestEqualsAFullReplayOnRealLogs(path: String) throws {
        try checkSnapshots(path, seed: 7, cuts: 5)
        try checkValidatorSnapshots(path, seed: 7)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func snapshotPlusTheRestEqualsAFullReplayOnAGeneratedLedger() throws {
        let generated = try Self.generatedLog(events: 3000, seed: 11)
        defer { generated.directory.remove() }
        try checkSnapshots(generated.path, seed: 11, cuts: 2)
        try checkValidatorSnapshots(generated.path, seed: 11)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func replayIsDeterministic() throws {
        let generated = try Self.generatedLog(events: 2000, seed: 5)
        defer { generated.directory.remove() }
        let first = try Ledger.read(path: generated.path)
        let second = try Ledger.read(path: generated.path)
        for (a, b) in zip(first.histories(), second.histories()) {
            for date in Self.dates {
                let left = JSONWriter.string(StateRenderer.json(Projection.state(a, at: date)))
                let right = JSONWriter.string(StateRenderer.json(Projection.state(b, at: date)))
                #expect(left == right)
            }
        }
    }
}

import Foundation
import Testing

@testable import CTGLedger

/// Every input that once crashed the fuzz target (Tools/Fuzz) or was found by review, replayed through
/// the line parser and event decoding as a log and as `append` input: an error or a value, never a crash.
@Suite struct FuzzRegressionTests {
    static let fixtures: [String] = {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else { return [] }
        let directory = root.appendingPathComponent("fuzz")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { directory.appendingPathComponent($0).path }
    }()

    @Test func thereAreRegressionInputs() {
        #expect(Self.fixtures.count >= 2)
    }

    @Test(arguments: fixtures)
    func replaysWithoutCrashing(_ path: String) throws {
        let bytes = try TestSupport.read(path)
        // As a log: the scanner (JSON, envelope, chain), references, domain rules, projections.
        let ledger = try Ledger.read(path: path)
        _ = DomainRules.findings(ledger)
        for convention in ledger.conventions {
            _ = ledger.state(of: convention, at: CivilDate("2026-06-01")!)
            _ = HistoryRenderer.text(ledger.history(of: convention))
        }
        let verify = CommandRun(["verify", path])
        #expect([0, 1].contains(verify.status))
        // Each line on its own through the parser and the event decoder.
        for line in bytes.split(separator: 0x0A) {
            if case .object(let object)? = try? JSONParser.parse(Array(line)) {
                _ = try? Event(object: object, line: 1)
            }
        }
        // As `append` input, onto a copy of the example log: refused or appended, never half-written.
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try TestSupport.write(try TestSupport.exampleBytes(), named: "log.jsonl", in: directory)
        let append = CommandRun(["append", log], input: bytes)
        #expect([0, 1, 2].contains(append.status))
        #expect(CommandRun(["verify", log]).status == 0)
    }
}

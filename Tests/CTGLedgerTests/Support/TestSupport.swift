import Foundation
import Testing

@testable import CTGLedger

/// A fresh directory under the system's temporary folder, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("ctg-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes text to a file inside the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// What a command printed and returned.
struct CommandOutcome {
    var code: Int32
    var out: String
    var err: String
}

enum CTG {
    /// Runs `ctg` in-process with the given standard input, clock and today.
    static func run(
        _ arguments: [String], stdin: String = "", now: String = "2026-11-23T10:00:00Z", today: String = "2026-11-23"
    ) -> CommandOutcome {
        run(arguments, input: Array(stdin.utf8), now: Timestamp(rfc3339: now)!, today: CivilDate(today)!)
    }

    /// Runs `ctg` in-process with raw bytes on standard input (hostile input included).
    static func run(_ arguments: [String], input: [UInt8], now: Timestamp, today: CivilDate) -> CommandOutcome {
        let out = LockedBox("")
        let err = LockedBox("")
        let io = CommandIO(
            readInput: { () throws(LedgerError) in input }, out: { text in out.mutate { $0 += text } }, err: { text in err.mutate { $0 += text } },
            now: { now }, today: { today })
        let code = CommandLineTool.run(arguments, io: io)
        return CommandOutcome(code: code, out: out.value, err: err.value)
    }

    /// The built `ctg` executable, next to the test bundle.
    static var binary: String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [here.appendingPathComponent("ctg").path]
        // swift-testing may run from inside the .xctest bundle.
        candidates.append(here.deletingLastPathComponent().appendingPathComponent("ctg").path)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/ctg").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// Runs the built `ctg` as a separate process.
    static func process(_ arguments: [String], stdin: String = "") throws -> CommandOutcome {
        let result = try TestSupport.run(try TestSupport.ctgExecutable(), arguments, input: Array(stdin.utf8))
        return CommandOutcome(code: result.status, out: result.stdout, err: result.stderr)
    }
}

/// Files shipped with the tests.
enum Fixtures {
    /// The folder of fixtures.
    static var directory: String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
    }

    /// The path of a fixture file.
    static func path(_ name: String) -> String { directory + "/" + name }

    /// The repository's root (for `Events/`).
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }
}

/// Builds small logs in tests, one event per call, with sensible defaults.
struct LogBuilder {
    var convention = "ctg-test-2026"
    private(set) var lines: [String] = []
    private var seq = 0

    /// Adds an event line; `data` is JSON text.
    mutating func add(_ type: String, effective: String, data: String, id: String? = nil, recorded: String? = nil) {
        seq += 1
        let recordedText = recorded ?? String(format: "2026-01-01T00:%02d:%02dZ", (seq / 60) % 60, seq % 60)
        lines.append(
            "{\"seq\":\(seq),\"id\":\"\(id ?? "e\(seq)")\",\"convention\":\"\(convention)\",\"type\":\"\(type)\",\"recorded\":\"\(recordedText)\",\"effective\":\"\(effective)\",\"data\":\(data)}"
        )
    }

    /// The log text (unsealed).
    var text: String { lines.map { $0 + "\n" }.joined() }

    /// Parses the log into a ledger by writing it to a temporary file.
    func ledger(in directory: TemporaryDirectory, name: String = "log.jsonl") throws -> Ledger {
        let path = try directory.write(name, text)
        return try Ledger.read(path: path)
    }

    /// A registration with two parties (caf, commune) and the given elements (JSON array text).
    mutating func register(start: String = "2026-01-01", end: String = "2030-12-31", elements: String, effective: String = "2025-12-01") {
        add(
            "convention.registered", effective: effective,
            data: """
                {"title":"CTG de test","kind":"CTG","territory":"Test","parties":[{"id":"caf","name":"Caf de test","kind":"caf"},{"id":"ville","name":"Ville de test","kind":"commune","siren":"213802812"}],"start":"\(start)","end":"\(end)","elements":\(elements)}
                """)
    }

    /// Both parties sign an act on a date.
    mutating func sign(_ act: String, on date: String, parties: String = "[\"caf\",\"ville\"]") {
        add("act.signed", effective: date, data: "{\"act\":\"\(act)\",\"parties\":\(parties),\"date\":\"\(date)\"}")
    }
}

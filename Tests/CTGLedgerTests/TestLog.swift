import Foundation
import Testing

@testable import CTGLedger

/// Builds small unsealed logs from JSON snippets, writes them to a temporary file and runs `verify` on them.
struct TestLog {
    static let convention = "ctg-test"

    /// The default parties: a Caf and an EPCI with a valid SIREN.
    static let parties = """
        [{"id":"caf","name":"Caf du Plateau","kind":"caf"},
         {"id":"cc","name":"Communauté de communes du Plateau","kind":"epci","siren":"200066405"}]
        """

    var lines: [String] = []

    /// A log starting with a registration.
    init(parties: String = TestLog.parties, start: String = "2026-01-01", end: String = "2030-12-31", elements: String = "[]") {
        add(
            "convention.registered", effective: "2025-12-01",
            """
            {"title":"CTG de test","kind":"CTG","territory":"Plateau","parties":\(parties),"start":"\(start)","end":"\(end)","elements":\(elements)}
            """)
    }

    /// Appends an event; `seq`, `id` and `recorded` follow the line number.
    mutating func add(_ type: String, effective: String, _ data: String) {
        let seq = lines.count + 1
        let minute = seq < 10 ? "0\(seq)" : "\(seq)"
        let compact = data.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        lines.append(
            #"{"seq":\#(seq),"id":"t-\#(seq)","convention":"\#(TestLog.convention)","type":"\#(type)","recorded":"2026-11-23T09:\#(minute):00Z","effective":"\#(effective)","data":\#(compact)}"#
        )
    }

    /// A délibération of the EPCI on the convention (arguments override the defaults).
    mutating func deliberation(
        id: String = "cc-1", party: String = "cc", number: String = "CC_1_2025", session: String = "2025-12-15",
        convocation: String? = "2025-12-08", members: String? = #"{"in_office":40,"present":30,"proxies":5,"voting":35}"#,
        votes: String? = #"{"for":35,"against":0,"abstain":0}"#, act: String = "convention"
    ) {
        var data = #"{"id":"\#(id)","party":"\#(party)","body":"conseil","number":"\#(number)","session":"\#(session)""#
        if let convocation { data += #","convocation":"\#(convocation)""# }
        if let members { data += #","members":\#(members)"# }
        if let votes { data += #","votes":\#(votes)"# }
        data += #","act":"\#(act)","decisions":["autorise la signature"]}"#
        add("deliberation.adopted", effective: session, data)
    }

    /// Writes the log to a new temporary file and returns its path.
    func write() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ctg-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("log.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every finding of `ctg verify` (errors and warnings).
    func verify() throws -> [Finding] {
        try VerifyReport.make(path: try write()).findings
    }

    /// The warnings of one rule; records an issue if the log has errors (a test log must be valid).
    func warnings(_ rule: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Finding] {
        let findings = try verify()
        let errors = findings.filter { $0.severity == .error }
        #expect(errors.isEmpty, "unexpected errors: \(errors.map(\.description))", sourceLocation: sourceLocation)
        return findings.filter { $0.rule == rule }
    }

    /// The convention's history, as the rules see it.
    func history() throws -> ConventionHistory {
        try Ledger.read(path: try write()).history(of: TestLog.convention)
    }

    /// The package's root directory, to read the real transcripts.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The path of a real transcript in Tools/transcripts.
    static func transcript(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tools/transcripts/\(name)").path
    }
}

/// Runs `ctg` in-process and captures its output.
final class CapturedRun: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    /// The exit code.
    private(set) var code: Int32 = -1

    /// Runs `ctg arguments`.
    init(_ arguments: [String], today: CivilDate = CivilDate(year: 2026, month: 1, day: 1)!) {
        let io = CommandIO(
            readInput: { [] },
            out: { [self] text in lock.withLock { outText += text } },
            err: { [self] text in lock.withLock { errText += text } },
            now: { Timestamp(seconds: 0) }, today: { today })
        code = CommandLineTool.run(arguments, io: io)
    }

    /// What went to standard output.
    var out: String { lock.withLock { outText } }
    /// What went to standard error.
    var err: String { lock.withLock { errText } }
}

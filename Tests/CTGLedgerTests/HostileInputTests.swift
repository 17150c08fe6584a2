import Foundation
import Testing

@testable import CTGLedger

/// Bad input at the edges: each gets a clear error (or a documented acceptance), never a crash or
/// a hang, in a log (`verify`, `state`) and on `append`'s standard input (issue 6; limits in docs/GUARANTEES.md).
@Suite struct HostileInputTests {
    /// A bad line and what the error must say.
    struct BadLine: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var message: String
        var testDescription: String { name }
    }

    private static func event(_ body: String) -> [UInt8] {
        Array(
            #"{"id":"bad","convention":"ctg-plateau-2026","type":"review.held","effective":"2026-06-30","data":{"kind":"copil","date":"2026-06-30"\#(body)}}"#
                .utf8)
    }

    /// The line with the envelope members `append` would add, as it would stand in a log.
    private static func withSeq(_ bytes: [UInt8], seq: String = "9") -> [UInt8] {
        Array(#"{"seq":\#(seq),"recorded":"2029-03-02T00:00:00Z","#.utf8) + bytes.dropFirst()
    }

    /// Lines refused both in a log (after 8 good lines) and on `append`'s input.
    static let badLines: [BadLine] = [
        BadLine(
            name: "deep nesting", bytes: event(#","x":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)),
            message: "nesting deeper than 64 levels"),
        BadLine(
            name: "deep objects", bytes: event(#","x":"# + String(repeating: #"{"a":"#, count: 70) + "1" + String(repeating: "}", count: 70)),
            message: "nesting deeper than 64 levels"),
        BadLine(name: "invalid UTF-8", bytes: event(#","summary":"caf"# + "\u{1}\"").map { $0 == 1 ? 0xC3 : $0 }, message: "invalid UTF-8"),
        BadLine(
            name: "overlong UTF-8", bytes: event(#","summary":"a"# + "\u{1}\u{2}\"").map { $0 == 1 ? 0xC0 : ($0 == 2 ? 0x80 : $0) }, message: "invalid UTF-8"),
        BadLine(
            name: "UTF-8 surrogate", bytes: event(#","summary":"a"# + "\u{1}\u{2}\u{2}\"").map { $0 == 1 ? 0xED : ($0 == 2 ? 0xA0 : $0) },
            message: "invalid UTF-8"),
        BadLine(name: "byte 0xFF", bytes: event("") + [0xFF], message: "byte 0xFF"),
        BadLine(name: "NUL in a string", bytes: event(#","summary":"a"# + "\u{0}\""), message: "control character NUL byte inside a string"),
        BadLine(name: "NUL outside strings", bytes: [0] + event(""), message: "unexpected NUL byte"),
        BadLine(name: "lone surrogate escape", bytes: event(#","summary":"\udc00""#), message: "lone low surrogate"),
        BadLine(name: "number of 101 digits", bytes: event(#","x":"# + String(repeating: "7", count: 101)), message: "a number longer than 100 characters"),
        BadLine(
            name: "count beyond 10^9",
            bytes: Array(
                #"{"id":"bad","convention":"ctg-plateau-2026","type":"action.progress","effective":"2026-06-30","data":{"element":"fiche:x","status":"done","date":"2026-06-30"},"v":10000000000}"#
                    .utf8), message: "a whole number from 1 to 1000000000"),
        BadLine(name: "duplicate member", bytes: event(#","kind":"copil""#), message: "duplicate member \"kind\""),
        BadLine(name: "duplicate envelope member", bytes: Array(#"{"id":"a","id":"b"}"#.utf8), message: "duplicate member \"id\""),
        BadLine(name: "not an object", bytes: Array("[1,2]".utf8), message: "found an array"),
        BadLine(name: "trailing garbage", bytes: event("") + Array(" x".utf8), message: "after the end of the JSON value"),
        BadLine(name: "unterminated string", bytes: Array(#"{"id":"ab"#.utf8), message: "unterminated string"),
        BadLine(name: "CR inside a string", bytes: event(#","summary":"a"# + "\r\""), message: "control character byte 0xD inside a string"),
        BadLine(name: "tab inside a string", bytes: event(#","summary":"a"# + "\t\""), message: "control character byte 0x9 inside a string"),
    ]

    @Test(arguments: badLines)
    func aBadLineInALogIsAnErrorOnThatLine(_ bad: BadLine) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sealedish = bad.bytes.starts(with: Array(#"{"id":"bad""#.utf8)) ? Self.withSeq(bad.bytes) : bad.bytes
        let path = try TestSupport.write(try TestSupport.exampleBytes() + sealedish + [0x0A], named: "bad.jsonl", in: directory)
        let verify = CommandRun(["verify", path])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\(path):9: "), "\(verify.stdout)")
        #expect(verify.stdout.contains(bad.message), "\(verify.stdout)")
        let state = CommandRun(["state", path, "--at", "2026-06-01"])
        #expect(state.status == 1)
        #expect(state.stderr.contains("\(path):9"), "\(state.stderr)")
    }

    @Test(arguments: badLines)
    func aBadLineOnAppendInputIsRefusedAndTheLogUnchanged(_ bad: BadLine) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try TestSupport.exampleBytes()
        let path = try TestSupport.write(original, named: "log.jsonl", in: directory)
        let good = Array((TestSupport.reviewEvent(id: "good") + "\n").utf8)
        let append = CommandRun(["append", path], input: good + bad.bytes + [0x0A])
        #expect(append.status == 1)
        #expect(append.stderr.contains("<stdin>:2"), "\(append.stderr)")
        #expect(append.stderr.contains(bad.message), "\(append.stderr)")
        #expect(try TestSupport.read(path) == original, "all or nothing: the good first line is not written either")
    }

    @Test func aLineLongerThan8MiBIsRefusedWithoutReadingItWhole() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: LineReader.maximumLineLength + 10)
        let path = try TestSupport.write(try TestSupport.exampleBytes() + [0x22] + huge + [0x22, 0x0A], named: "long.jsonl", in: directory)
        let verify = CommandRun(["verify", path])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("\(path):9: the line is longer than 8388608 bytes"))
        #expect(CommandRun(["state", path, "--at", "2026-06-01"]).status == 1)
        // The same as a torn last line (no newline at all).
        let torn = try TestSupport.write(huge, named: "long-torn.jsonl", in: directory)
        #expect(CommandRun(["verify", torn]).stderr.contains("longer than 8388608 bytes"))
        #expect(CommandRun(["repair", torn]).status == 1)

        let log = try TestSupport.write(try TestSupport.exampleBytes(), named: "log.jsonl", in: directory)
        let append = CommandRun(["append", log], input: huge)
        #expect(append.status == 1)
        #expect(append.stderr.contains("<stdin>:1: the line is longer than 8388608 bytes"))
        // An event that fits on input but is too long once sealed is refused too.
        let nearly = TestSupport.reviewEvent(id: "near", summary: String(repeating: "x", count: LineReader.maximumLineLength - 200))
        let sealed = CommandRun(["append", log], input: Array(nearly.utf8))
        #expect(sealed.status == 1)
        #expect(sealed.stderr.contains("longer than 8388608 bytes once written"))
        #expect(try TestSupport.read(log) == TestSupport.exampleBytes())
    }

    @Test func aByteOrderMarkIsRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try TestSupport.write([0xEF, 0xBB, 0xBF] + (try TestSupport.exampleBytes()), named: "bom.jsonl", in: directory)
        let verify = CommandRun(["verify", path])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\(path):1: error [encoding]: the file starts with a UTF-8 byte order mark"))
        #expect(verify.stdout.contains("1 error,"), "the rest of the log is still checked")
        let log = try TestSupport.write(try TestSupport.exampleBytes(), named: "log.jsonl", in: directory)
        let append = CommandRun(["append", log], input: [0xEF, 0xBB, 0xBF] + Array(TestSupport.reviewEvent(id: "a").utf8))
        #expect(append.status == 1 && append.stderr.contains("byte order mark"))
        // U+FEFF inside a string is a character like any other.
        #expect(CommandRun(["append", log], input: Array(TestSupport.reviewEvent(id: "a", summary: "\u{FEFF}x").utf8)).status == 0)
    }

    @Test func crlfLineEndsAreAnErrorInALogButAcceptedOnInput() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let crlf = try TestSupport.exampleBytes().flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        let path = try TestSupport.write(crlf, named: "crlf.jsonl", in: directory)
        let verify = CommandRun(["verify", path])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\(path):1: error [line-end]: the line ends with CR LF"))
        let log = try TestSupport.write(try TestSupport.exampleBytes(), named: "log.jsonl", in: directory)
        let input = Array((TestSupport.reviewEvent(id: "a") + "\r\n" + TestSupport.reviewEvent(id: "b") + "\r\n").utf8)
        #expect(CommandRun(["append", log], input: input).status == 0)
        #expect(!(try TestSupport.read(log)).contains(0x0D), "the log gets LF line ends")
        #expect(CommandRun(["verify", log]).status == 0)
    }

    /// Accepted on purpose, and documented: escaped NUL and control characters inside strings, numbers
    /// of any magnitude in members the ledger does not interpret (kept as written).
    @Test func documentedAcceptances() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try TestSupport.write(try TestSupport.exampleBytes(), named: "log.jsonl", in: directory)
        let input = Array(
            (TestSupport.reviewEvent(id: "nul", summary: #"a\u0000b\u001f"#) + "\n"
                + #"{"id":"big","convention":"ctg-plateau-2026","type":"review.held","effective":"2026-06-30","data":{"kind":"copil","date":"2026-06-30"},"x":-1.5e999999}"#
                + "\n").utf8)
        #expect(CommandRun(["append", log], input: input).status == 0)
        #expect(CommandRun(["verify", log]).status == 0)
        #expect(String(decoding: try TestSupport.read(log), as: UTF8.self).contains(#""x":-1.5e999999,"prev""#))
        #expect(CommandRun(["state", log, "--at", "2026-07-01"]).status == 0)
    }

    @Test(arguments: ["0", "-1", "1.0", "1e0", "99999999999999999999", "9007199254740992", "\"9\""])
    func aSeqOutOfRangeIsAnEnvelopeError(_ seq: String) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let line = Self.withSeq(Self.event(""), seq: seq)
        let path = try TestSupport.write(try TestSupport.exampleBytes() + line + [0x0A], named: "seq.jsonl", in: directory)
        let verify = CommandRun(["verify", path])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\(path):9: ") && verify.stdout.contains("member `seq`"), "\(verify.stdout)")
        // Given on append input, seq must be the one append assigns.
        let log = try TestSupport.write(try TestSupport.exampleBytes(), named: "log.jsonl", in: directory)
        let append = CommandRun(["append", log], input: line)
        #expect(append.status == 1 && append.stderr.contains("member `seq`"), "\(append.stderr)")
    }

    @Test func emptyAndOddFiles() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = try TestSupport.write([], named: "empty.jsonl", in: directory)
        #expect(CommandRun(["verify", empty]).status == 0)
        #expect(CommandRun(["repair", empty]).status == 0)
        let blank = try TestSupport.write([0x0A], named: "blank.jsonl", in: directory)
        #expect(CommandRun(["verify", blank]).stdout.contains("error [blank-line]"))
        #expect(CommandRun(["verify", directory.path]).status == 3)
        #expect(CommandRun(["append", empty], input: []).status == 2)
        #expect(CommandRun(["append", empty], input: Array("\n \n\t\n".utf8)).status == 2)
    }

    /// A megabyte of random bytes (seeded): errors, quickly, and no crash.
    @Test func randomGarbageIsRefusedQuickly() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SplitMix64(seed: 6)
        let garbage = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &random) }
        let path = try TestSupport.write(garbage, named: "garbage.jsonl", in: directory)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(CommandRun(["verify", path]).status == 1)
            #expect(CommandRun(["state", path, "--at", "2026-01-01"]).status == 1)
            let log = try? TestSupport.write(try TestSupport.exampleBytes(), named: "log.jsonl", in: directory)
            #expect(CommandRun(["append", log!], input: garbage).status == 1)
        }
        #expect(elapsed < .seconds(20))
    }
}

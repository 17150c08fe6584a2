import Foundation
import Testing

@testable import CTGLedger

/// The stages `decode-bench` times (`DecodeStage`) do the work they are named after: on the real
/// logs every stage reads every line and every decoding stage reads each as an event, and a
/// damaged line is refused by the stages that check what is damaged.
@Suite struct DecodeStageTests {
    /// Runs `stage` over `text` (lines ending with `\n`).
    private static func run(_ stage: DecodeStage, _ text: [UInt8]) -> (lines: Int, events: Int) {
        text.withUnsafeBytes { stage.run(over: $0) }
    }

    @Test(arguments: StreamingTests.logs)
    func everyStageReadsEveryLineOfARealLog(path: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: path).map { Array($0) })
        let lines = bytes.filter { $0 == 0x0A }.count
        #expect(lines > 0)
        for stage in DecodeStage.allCases {
            let counts = Self.run(stage, bytes)
            #expect(counts.lines == lines, "\(stage)")
            #expect(counts.events == lines, "\(stage) on \(path)")
        }
    }

    /// A line whose data holds a member of the wrong type is JSON (the tape stages read it) and an
    /// event to the envelope stage, which does not read the data, but not to the stages that check
    /// it (`FastLineCheck` alone included); a line that is not JSON is refused by every stage but `lines`; a last line without
    /// `\n` is not read.
    @Test func damagedLinesAreRefusedByTheStagesThatLookAtTheDamage() throws {
        let good = try #require(StreamingTests.logs.first.flatMap { FileManager.default.contents(atPath: $0) }).split(separator: 0x0A).first
        let line = Array(try #require(good))
        let text = String(decoding: line, as: UTF8.self)
        // The registration's title made a number, its text kept under another name.
        let wrongType = Array(text.replacingOccurrences(of: #""data":{"title":"#, with: #""data":{"title":7,"former_title":"#).utf8)
        try #require(wrongType != line)
        let notJSON = Array(#"{"seq":1,"#.utf8)
        let input = line + [0x0A] + wrongType + [0x0A] + notJSON + [0x0A] + line
        let expected: [DecodeStage: Int] = [
            .lines: 3, .skip: 2, .tape: 2, .envelope: 2, .check: 1, .fast: 1, .fastCheck: 1, .withoutTexts: 1, .fastWithoutTexts: 1, .full: 1,
        ]
        for stage in DecodeStage.allCases {
            let counts = Self.run(stage, input)
            #expect(counts.lines == 3, "\(stage)")
            #expect(counts.events == expected[stage], "\(stage)")
        }
    }
}

import Foundation
import Testing

@testable import CTGLedger

@Suite struct ICalendarTests {
    static let stamp = "20261123T090000Z"

    /// The physical lines (without CRLF) as octets; records an issue for any
    /// LF not preceded by CR, any CR not followed by LF, or a missing final CRLF.
    static func physicalLines(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [[UInt8]] {
        let bytes = Array(text.utf8)
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append(current)
                current = []
                index += 2
                continue
            }
            if bytes[index] == 13 || bytes[index] == 10 {
                Issue.record("bare CR or LF at octet \(index)", sourceLocation: sourceLocation)
            }
            current.append(bytes[index])
            index += 1
        }
        if !current.isEmpty {
            Issue.record("document does not end with CRLF", sourceLocation: sourceLocation)
        }
        return lines
    }

    /// Checks the folding guarantees on every physical line.
    static func expectWellFolded(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for (number, line) in physicalLines(text, sourceLocation: sourceLocation).enumerated() {
            #expect(
                line.count <= 75, "line \(number) has \(line.count) octets", sourceLocation: sourceLocation)
            // Each physical line alone is valid UTF-8: no sequence was split.
            let decoded = String(decoding: line, as: UTF8.self)
            #expect(
                Array(decoded.utf8) == line, "line \(number) splits a UTF-8 sequence",
                sourceLocation: sourceLocation)
            #expect(!line.isEmpty, sourceLocation: sourceLocation)
        }
    }

    static func event(
        _ summary: String, date: String = "2029-08-28", description: String? = nil, categories: [String] = []
    ) throws -> CalendarEvent {
        CalendarEvent(
            uid: "deadline-1@ctg.example", date: try #require(CivilDate(date)), summary: summary,
            description: description, categories: categories)
    }

    @Test func documentStructure() throws {
        let events = [
            try Self.event(
                "Fin du préavis de dénonciation", date: "2029-08-28", description: "Art. 12",
                categories: ["CTG", "résiliation"]),
            CalendarEvent(
                uid: "b", date: try #require(CivilDate("2026-12-31")), summary: "Fin de la convention"),
            CalendarEvent(uid: "c", date: try #require(CivilDate("2028-02-28")), summary: "Bilan"),
        ]
        let text = ICalendar.document(events, stamp: Self.stamp, calendarName: "CTG — échéances")
        Self.expectWellFolded(text)
        let lines = ICalendar.unfold(text)
        #expect(
            Array(lines.prefix(6)) == [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CTG Ledger//ctg//FR", "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH", "X-WR-CALNAME:CTG — échéances",
            ])
        #expect(lines.last == "END:VCALENDAR")
        #expect(
            Array(lines[6...15]) == [
                "BEGIN:VEVENT", "UID:deadline-1@ctg.example", "DTSTAMP:20261123T090000Z",
                "DTSTART;VALUE=DATE:20290828", "DTEND;VALUE=DATE:20290829",
                "SUMMARY:Fin du préavis de dénonciation", "DESCRIPTION:Art. 12", "CATEGORIES:CTG,résiliation",
                "TRANSP:TRANSPARENT", "END:VEVENT",
            ])
        // BEGIN and END balanced and properly nested.
        var stack: [String] = []
        for line in lines {
            if line.hasPrefix("BEGIN:") { stack.append(String(line.dropFirst(6))) }
            if line.hasPrefix("END:") { #expect(stack.popLast() == String(line.dropFirst(4))) }
        }
        #expect(stack.isEmpty)
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3)

        let parsed = ICalendar.parse(text)
        #expect(parsed.count == 3)
        #expect(parsed[0]["SUMMARY"] == "Fin du préavis de dénonciation")
        #expect(parsed[0]["DTSTART"] == "20290828")
        #expect(parsed[0]["DTSTART;VALUE"] == "DATE")
        #expect(parsed[0]["CATEGORIES"] == "CTG,résiliation")
        #expect(parsed[1]["DTSTART"] == "20261231")
        #expect(parsed[1]["DTEND"] == "20270101")  // across the year end
        #expect(parsed[1]["DESCRIPTION"] == nil)
        #expect(parsed[1]["CATEGORIES"] == nil)
        #expect(parsed[2]["DTEND"] == "20280229")  // leap day
        #expect(parsed.allSatisfy { $0["DTSTAMP"] == Self.stamp && $0["TRANSP"] == "TRANSPARENT" })
    }

    @Test func emptyCalendarIsStillValid() {
        let text = ICalendar.document([], productID: "-//Test//x//EN", stamp: Self.stamp)
        #expect(
            text
                == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//x//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"
        )
        #expect(ICalendar.parse(text).isEmpty)
    }

    @Test func longFrenchSummaryIsFoldedAtSeventyFiveOctets() throws {
        let summary = """
            Échéance du délai de prévenance de six mois : dénonciation de la convention \
            territoriale globale « Roumois Seine » par la Caf de l’Eure, réception à la préfecture, \
            effet à l’expiration du délai (art. 12) — vérifier l’accusé de réception ; prévoir le bilan final
            """
        let text = ICalendar.document(
            [try Self.event(summary, description: summary + "\n" + summary)], stamp: Self.stamp)
        Self.expectWellFolded(text)
        let physical = Self.physicalLines(text)
        #expect(physical.contains { $0.count == 75 || $0.count == 74 || $0.count == 73 })
        #expect(physical.filter { $0.first == 32 }.count >= 4)  // continuation lines
        let parsed = try #require(ICalendar.parse(text).first)
        #expect(parsed["SUMMARY"] == summary)
        #expect(parsed["DESCRIPTION"] == summary + "\n" + summary)
    }

    /// Multi-octet characters placed at every offset, so that some straddle the
    /// 75-octet boundary: 2 octets (é), 3 (€, ’), 4 (𝄞), a flag (8 octets, one
    /// grapheme) and a decomposed é (e + U+0301).
    @Test(arguments: 0..<5, ["é", "€", "’", "𝄞", "🇫🇷", "e\u{301}"])
    func foldNeverSplitsASequence(padding: Int, piece: String) {
        let summary = String(repeating: "a", count: padding) + String(repeating: piece, count: 90)
        let line = "SUMMARY:" + summary
        let folded = ICalendar.fold(line)
        Self.expectWellFolded(folded + "\r\n")
        #expect(ICalendar.unfold(folded + "\r\n") == [line])
        // Graphemes are not split when they fit: every physical line decodes to whole pieces.
        for physical in folded.components(separatedBy: "\r\n") {
            let body = physical.hasPrefix(" ") ? String(physical.dropFirst()) : physical
            let stripped = body.replacingOccurrences(of: "SUMMARY:", with: "").replacingOccurrences(
                of: "a", with: "")
            #expect(stripped.isEmpty || stripped.components(separatedBy: piece).allSatisfy(\.isEmpty))
        }
    }

    @Test func graphemeLongerThanALineIsSplitBetweenScalars() {
        // One grapheme of 1 + 60 × 2 = 121 octets.
        let huge = "e" + String(repeating: "\u{301}", count: 60)
        #expect(huge.count == 1)
        let line = "SUMMARY:x" + huge + "y"
        let folded = ICalendar.fold(line)
        Self.expectWellFolded(folded + "\r\n")
        #expect(ICalendar.unfold(folded + "\r\n") == [line])
    }

    @Test(arguments: [(74, false), (75, false), (76, true), (150, true), (224, true)])
    func foldsOnlyBeyondSeventyFiveOctets(length: Int, folded: Bool) {
        let line = String(repeating: "x", count: length)
        let result = ICalendar.fold(line)
        #expect(result.contains("\r\n ") == folded)
        #expect(result.replacingOccurrences(of: "\r\n ", with: "") == line)
        if length == 150 {
            // 75 + (1 + 74) + (1 + 1): the continuation's space counts.
            #expect(result.components(separatedBy: "\r\n").map(\.utf8.count) == [75, 75, 2])
        }
    }

    @Test(arguments: [
        ("a;b,c", #"a\;b\,c"#),
        (#"C:\dossier"#, #"C:\\dossier"#),
        ("ligne 1\nligne 2", #"ligne 1\nligne 2"#),
        ("ligne 1\r\nligne 2", #"ligne 1\nligne 2"#),
        ("ligne 1\rligne 2", #"ligne 1\nligne 2"#),
        (#"littéral \n"#, #"littéral \\n"#),
        ("tab\there", "tab\there"),
        ("nul\u{0}bell\u{7}del\u{7F}", "nulbelldel"),
        ("« guillemets » : deux-points \"quotes\"", "« guillemets » : deux-points \"quotes\""),
        (#"fin\"#, #"fin\\"#),
    ])
    func escaping(raw: String, escaped: String) {
        #expect(ICalendar.escapeText(raw) == escaped)
    }

    @Test(arguments: [
        "a;b,c\\d",
        "ligne 1\nligne 2\n\nligne 4",
        #"littéral \n et \, et \; et \\"#,
        #"fin\"#,
        ";;;,,,\\\\\\",
        "Délibération n° CC_201_2025, art. 5 ; avenant n° 2",
    ])
    func escapingRoundTripsThroughADocument(text: String) throws {
        #expect(ICalendar.unescapeText(ICalendar.escapeText(text)) == text)
        let document = ICalendar.document(
            [try Self.event(text, description: text, categories: [text])], stamp: Self.stamp)
        Self.expectWellFolded(document)
        let parsed = try #require(ICalendar.parse(document).first)
        #expect(parsed["SUMMARY"] == text)
        #expect(parsed["DESCRIPTION"] == text)
    }

    @Test func unescapeKeepsUnknownEscapesAndDecodesCapitalN() {
        #expect(ICalendar.unescapeText(#"a\Nb\tc\"#) == "a\nb\\tc\\")
    }

    @Test func categoriesWithCommasAreEscapedOneByOne() throws {
        let text = ICalendar.document(
            [try Self.event("x", categories: ["CTG", "Caf, MSA", "a;b"])], stamp: Self.stamp)
        #expect(ICalendar.unfold(text).contains(#"CATEGORIES:CTG,Caf\, MSA,a\;b"#))
    }

    @Test func parserReadsForeignFoldingAndIgnoresNestedComponents() {
        let text = [
            "BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "SUMMARY:Fin du dé",
            "\tlai", "DTSTART;VALUE=DATE;X-NOTE=\"a:b;c\":20260101",
            "BEGIN:VALARM", "SUMMARY:alarm", "END:VALARM",
            "CATEGORIES:A", "CATEGORIES:B", "END:VEVENT", "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
        let events = ICalendar.parse(text)
        #expect(
            events == [
                [
                    "UID": "x", "SUMMARY": "Fin du délai", "DTSTART": "20260101", "DTSTART;VALUE": "DATE",
                    "DTSTART;X-NOTE": "a:b;c", "CATEGORIES": "A,B",
                ]
            ])
    }

    @Test(arguments: [
        ("2025-12-19T10:00:00Z", "20251219T100000Z"),
        ("2025-12-19T10:00:00.123Z", "20251219T100000Z"),
        ("2025-12-19t23:59:59Z", "20251219T235959Z"),
    ])
    func stampFromRFC3339(text: String, stamp: String) {
        #expect(ICalendar.stamp(rfc3339: text) == stamp)
        #expect(ICalendar.isValidStamp(stamp))
    }

    @Test(arguments: [
        "2025-12-19T10:00:00+01:00", "2025-12-19", "2025-02-29T10:00:00Z", "2025-12-19T24:00:00Z",
        "2025-12-19T10:00:00.Z", "x",
    ])
    func stampRejectsNonUTCOrImpossible(text: String) {
        #expect(ICalendar.stamp(rfc3339: text) == nil)
    }

    @Test(arguments: ["20261123T090000Z", "20241231T235960Z"])
    func validStamps(stamp: String) { #expect(ICalendar.isValidStamp(stamp)) }

    @Test(arguments: [
        "20261123T090000", "20261123 090000Z", "20261323T090000Z", "20261123T096000Z", "2026-11-23T09:00:00Z",
        "",
    ])
    func invalidStamps(stamp: String) { #expect(!ICalendar.isValidStamp(stamp)) }

    /// Writes a sample calendar for `Tools/validate-ics.sh` when
    /// `CTG_ICS_SAMPLE` names a file: `CTG_ICS_SAMPLE=/tmp/ctg.ics swift test --filter writeSample`.
    @Test func writeSampleForExternalValidation() throws {
        guard let path = ProcessInfo.processInfo.environment["CTG_ICS_SAMPLE"], !path.isEmpty else { return }
        let long =
            "Préavis de dénonciation de la convention territoriale globale « Roumois Seine » (art. 12) : le délai de six mois expire ce jour ; la convention prend fin le lendemain, à 0 h."
        let events = [
            try Self.event(
                long, date: "2029-08-28",
                description:
                    "Notifiée le 2029-02-28 par la Caf de l’Eure.\nDélai : 6 mois (CPC art. 641).\nSi ce jour est chômé : report possible (art. 642 al. 2).",
                categories: ["CTG", "résiliation", "Caf, MSA"]),
            CalendarEvent(
                uid: "ctg-roumois-seine-2022/end@ctg", date: try #require(CivilDate("2026-12-31")),
                summary: "Fin de la CTG Roumois Seine; 31 décembre N+4", categories: ["CTG"]),
            CalendarEvent(
                uid: "ctg-roumois-seine-2022/bilan@ctg", date: try #require(CivilDate("2028-02-29")),
                summary: "Bilan intermédiaire — comité de pilotage 🇫🇷 𝄞 €€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€",
                description: #"Chemin : C:\CTG\bilans, à vérifier"#),
        ]
        let text = ICalendar.document(events, stamp: Self.stamp, calendarName: "CTG — échéances")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

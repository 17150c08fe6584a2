/// One all-day event of an iCalendar file, e.g. the last day of a délai.
public struct CalendarEvent: Hashable, Sendable {
    /// Globally unique and stable identifier: the same deadline exported twice
    /// must keep its UID so that calendar clients update instead of duplicating.
    public var uid: String
    /// The day of the event (the event lasts that whole day).
    public var date: CivilDate
    /// One-line title.
    public var summary: String
    /// Longer text, may contain newlines; `nil` to leave the property out.
    public var description: String?
    /// Category names, e.g. `["CTG", "résiliation"]`; empty to leave the property out.
    public var categories: [String]

    /// Creates an event.
    public init(
        uid: String, date: CivilDate, summary: String, description: String? = nil,
        categories: [String] = []
    ) {
        self.uid = uid
        self.date = date
        self.summary = summary
        self.description = description
        self.categories = categories
    }
}

/// A writer (and a minimal reader) of RFC 5545 iCalendar documents made of
/// all-day events.
///
/// What the writer guarantees: CRLF after every line, TEXT values escaped
/// (backslash, `;`, `,`, newlines as `\n`; other control characters except tab
/// dropped), content lines folded so that no physical line exceeds 75 octets
/// excluding the CRLF, folds never splitting a UTF-8 sequence (nor, unless a
/// single grapheme is longer than a line, a grapheme), continuation lines
/// starting with one space.
public enum ICalendar {
    /// The maximum length of a physical line in octets, CRLF excluded (RFC 5545 §3.1).
    public static let maxLineOctets = 75

    /// A complete `VCALENDAR` (VERSION 2.0, CALSCALE GREGORIAN, METHOD PUBLISH)
    /// holding one transparent all-day `VEVENT` per event, in the given order.
    ///
    /// - Parameters:
    ///   - productID: the `PRODID` value.
    ///   - stamp: the `DTSTAMP` of every event, a UTC date-time such as
    ///     `20261123T090000Z` (see `isValidStamp` and `stamp(rfc3339:)`); pass a
    ///     fixed value, e.g. derived from the log's last `recorded`, to get
    ///     byte-identical output for the same log.
    ///   - calendarName: optional display name, written as `X-WR-CALNAME`.
    public static func document(
        _ events: [CalendarEvent], productID: String = "-//CTG Ledger//ctg//FR",
        stamp: String, calendarName: String? = nil
    ) -> String {
        assert(isValidStamp(stamp), "DTSTAMP must look like 20261123T090000Z, got \(stamp)")
        var out = ""
        func line(_ name: String, _ value: String) {
            out += fold(name + ":" + value) + "\r\n"
        }
        line("BEGIN", "VCALENDAR")
        line("VERSION", "2.0")
        line("PRODID", escapeText(productID))
        line("CALSCALE", "GREGORIAN")
        line("METHOD", "PUBLISH")
        if let calendarName { line("X-WR-CALNAME", escapeText(calendarName)) }
        for event in events {
            line("BEGIN", "VEVENT")
            line("UID", escapeText(event.uid))
            line("DTSTAMP", stamp)
            line("DTSTART;VALUE=DATE", basicDate(event.date))
            line("DTEND;VALUE=DATE", basicDate(event.date.adding(days: 1) ?? event.date))
            line("SUMMARY", escapeText(event.summary))
            if let description = event.description {
                line("DESCRIPTION", escapeText(description))
            }
            if !event.categories.isEmpty {
                line("CATEGORIES", event.categories.map(escapeText).joined(separator: ","))
            }
            line("TRANSP", "TRANSPARENT")
            line("END", "VEVENT")
        }
        line("END", "VCALENDAR")
        return out
    }

    /// `true` for a UTC date-time in RFC 5545 basic form: `YYYYMMDDTHHMMSSZ`
    /// naming a real day and a time from 00:00:00 to 23:59:60.
    public static func isValidStamp(_ stamp: String) -> Bool {
        let bytes = Array(stamp.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z")
        else { return false }
        let digits = Array(bytes[0..<8]) + Array(bytes[9..<15])
        guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(digits[$1] - 48) } }
        return CivilDate(year: number(0..<4), month: number(4..<6), day: number(6..<8)) != nil
            && number(8..<10) < 24 && number(10..<12) < 60 && number(12..<14) <= 60
    }

    /// Converts an RFC 3339 UTC timestamp such as the log's `recorded`
    /// (`2025-12-19T10:00:00Z`, fraction of second allowed and dropped) into a
    /// `DTSTAMP` value (`20251219T100000Z`); `nil` for anything else, including
    /// numeric offsets.
    public static func stamp(rfc3339 text: String) -> String? {
        var bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        if bytes.count > 20 {
            // Only ".digits" may sit between the seconds and the Z.
            let fraction = bytes[19..<(bytes.count - 1)]
            guard fraction.first == UInt8(ascii: "."), fraction.count > 1,
                fraction.dropFirst().allSatisfy({ $0 >= 48 && $0 <= 57 })
            else { return nil }
            bytes = Array(bytes[0..<19]) + [UInt8(ascii: "Z")]
        }
        let kept =
            [0, 1, 2, 3, 5, 6, 8, 9].map { bytes[$0] } + [UInt8(ascii: "T")]
            + [11, 12, 14, 15, 17, 18].map { bytes[$0] } + [UInt8(ascii: "Z")]
        let stamp = String(decoding: kept, as: UTF8.self)
        return isValidStamp(stamp) ? stamp : nil
    }

    /// Escapes a TEXT value (RFC 5545 §3.3.11): `\` → `\\`, `;` → `\;`,
    /// `,` → `\,`, a line break (CRLF, CR or LF) → `\n`; other control
    /// characters but tab are dropped, since TEXT cannot hold them.
    public static func escapeText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out.append(contentsOf: #"\\"#.unicodeScalars)
            case ";": out.append(contentsOf: #"\;"#.unicodeScalars)
            case ",": out.append(contentsOf: #"\,"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\n": if !previousWasCR { out.append(contentsOf: #"\n"#.unicodeScalars) }
            case "\t": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Reverses `escapeText`: `\\`, `\;`, `\,`, `\n` and `\N` are decoded, any
    /// other backslash is kept as it is.
    public static func unescapeText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else {
                out.append(scalar)
                continue
            }
            guard let escaped = iterator.next() else {
                out.append(scalar)
                break
            }
            switch escaped {
            case "\\", ";", ",": out.append(escaped)
            case "n", "N": out.append("\n")
            default:
                out.append(scalar)
                out.append(escaped)
            }
        }
        return String(out)
    }

    /// Folds one content line (without its CRLF) into physical lines of at most
    /// 75 octets joined by CRLF + space. Breaks fall between graphemes; a
    /// grapheme longer than a whole line is broken between Unicode scalars, so
    /// a UTF-8 sequence is never split.
    public static func fold(_ line: String) -> String {
        var out = ""
        var used = 0
        func breakLine() {
            out += "\r\n "
            used = 1
        }
        for character in line {
            let size = character.utf8.count
            if used + size <= maxLineOctets {
                out.append(character)
                used += size
            } else if size <= maxLineOctets - 1 {
                breakLine()
                out.append(character)
                used += size
            } else {
                for scalar in character.unicodeScalars {
                    let scalarSize = scalar.utf8.count
                    if used + scalarSize > maxLineOctets { breakLine() }
                    out.unicodeScalars.append(scalar)
                    used += scalarSize
                }
            }
        }
        return out
    }

    /// The content lines of a document: physical lines split at CRLF (a bare
    /// LF is tolerated), folds undone (a line break followed by one space or
    /// tab is removed). Empty lines are dropped.
    public static func unfold(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var joined: [UInt8] = []
        joined.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isCRLF = byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10
            let breakLength = isCRLF ? 2 : (byte == 10 ? 1 : 0)
            if breakLength > 0, index + breakLength < bytes.count,
                bytes[index + breakLength] == 32 || bytes[index + breakLength] == 9
            {
                index += breakLength + 1
                continue
            }
            if isCRLF {
                joined.append(10)
                index += 2
                continue
            }
            joined.append(byte)
            index += 1
        }
        return joined.split(separator: 10, omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// A minimal reader for tests and round trips: one dictionary per
    /// `VEVENT`, in order. Keys are property names (`SUMMARY`, `DTSTART`);
    /// each parameter is also given under `NAME;PARAM` (`DTSTART;VALUE` →
    /// `DATE`). Values are unescaped, so a list such as `CATEGORIES` comes back
    /// joined by `,` (a comma inside one category is then indistinguishable);
    /// a repeated property's values are joined by `,` as well. Properties of
    /// components nested in an event (`VALARM`) and lines without `:` are ignored.
    public static func parse(_ text: String) -> [[String: String]] {
        var events: [[String: String]] = []
        var stack: [String] = []
        var current: [String: String] = [:]
        for line in unfold(text) {
            guard let (name, parameters, rawValue) = split(contentLine: line) else { continue }
            switch name {
            case "BEGIN":
                stack.append(rawValue.uppercased())
                if stack.last == "VEVENT" { current = [:] }
            case "END":
                if stack.last == "VEVENT", rawValue.uppercased() == "VEVENT" {
                    events.append(current)
                }
                if !stack.isEmpty { stack.removeLast() }
            default:
                guard stack.last == "VEVENT" else { continue }
                let value = unescapeText(rawValue)
                current[name] = current[name].map { $0 + "," + value } ?? value
                for (parameter, parameterValue) in parameters {
                    current[name + ";" + parameter] = parameterValue
                }
            }
        }
        return events
    }

    /// Splits `NAME;P1=V1;P2="V2":value` into the uppercased name, the
    /// parameters (outer double quotes removed) and the raw value; `nil` when
    /// there is no `:` outside double quotes.
    private static func split(contentLine line: String) -> (String, [(String, String)], String)? {
        var inQuotes = false
        var head: [Substring] = []
        var segmentStart = line.startIndex
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "\"" {
                inQuotes.toggle()
            } else if !inQuotes, character == ";" || character == ":" {
                head.append(line[segmentStart..<index])
                segmentStart = line.index(after: index)
                if character == ":" {
                    let name = head[0].uppercased()
                    let parameters = head.dropFirst().map { segment -> (String, String) in
                        let pair = segment.split(
                            separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                        var value = pair.count > 1 ? String(pair[1]) : ""
                        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                            value = String(value.dropFirst().dropLast())
                        }
                        return (String(pair[0]).uppercased(), value)
                    }
                    return (name, parameters, String(line[segmentStart...]))
                }
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// `YYYYMMDD` for a date (RFC 5545 DATE value).
    private static func basicDate(_ date: CivilDate) -> String {
        String(date.description.filter { $0 != "-" })
    }
}

/// An instant on the transaction-time axis, kept as UTC seconds plus nanoseconds.
///
/// Parsed from RFC 3339 (`2025-12-19T10:00:00Z`, offsets such as `+01:00`
/// are converted to UTC). Written back as RFC 3339 UTC.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// Nanoseconds within the second, 0 to 999 999 999.
    public let nanoseconds: Int32

    /// Creates an instant from its parts.
    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// The last instant of a civil day in UTC (`23:59:59.999999999Z`): "as of a date" means the end of that day.
    public static func endOfDay(_ date: CivilDate) -> Timestamp {
        Timestamp(seconds: Int64(date.dayNumber) * 86_400 + 86_399, nanoseconds: 999_999_999)
    }

    /// The first instant of a civil day in UTC.
    public static func startOfDay(_ date: CivilDate) -> Timestamp {
        Timestamp(seconds: Int64(date.dayNumber) * 86_400)
    }

    /// The civil date of this instant in UTC.
    public var utcDate: CivilDate {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CivilDate(dayNumber: Int(days)) ?? CivilDate(year: 1970, month: 1, day: 1)!
    }

    /// Parses an RFC 3339 date-time (`T` or `t` separator, `Z` or `±HH:MM` offset,
    /// optional fraction). Returns `nil` for anything else.
    public init?(rfc3339 text: some StringProtocol) {
        guard let parsed = text.withUTF8Bytes({ Timestamp(rfc3339UTF8: $0) }) else { return nil }
        self = parsed
    }

    /// Parses an RFC 3339 date-time from UTF-8 bytes (what `init?(rfc3339:)` accepts).
    init?(rfc3339UTF8 b: UnsafeRawBufferPointer) {
        guard b.count >= 20, let date = CivilDate(utf8: UnsafeRawBufferPointer(rebasing: b[0..<10])),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":")
        else { return nil }
        func two(_ i: Int) -> Int? {
            guard b[i] >= 48, b[i] <= 57, b[i + 1] >= 48, b[i + 1] <= 57 else { return nil }
            return Int(b[i] - 48) * 10 + Int(b[i + 1] - 48)
        }
        guard let hh = two(11), let mm = two(14), let ss = two(17), hh < 24, mm < 60, ss < 61 else {
            return nil
        }
        var i = 19
        var nanos = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let oh = two(i + 1),
                let om = two(i + 4), oh < 24, om < 60
            else { return nil }
            offset = (oh * 60 + om) * 60 * (b[i] == UInt8(ascii: "+") ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let secs = Int64(date.dayNumber) * 86_400 + Int64(hh * 3600 + mm * 60 + min(ss, 59)) - Int64(offset)
        self.init(seconds: secs, nanoseconds: Int32(nanos))
    }

    /// Parses a query instant `K`: an RFC 3339 timestamp, or a date meaning the end of that day (UTC).
    public init?(query text: some StringProtocol) {
        if let date = CivilDate(text) {
            self = .endOfDay(date)
        } else if let stamp = Timestamp(rfc3339: text) {
            self = stamp
        } else {
            return nil
        }
    }

    /// The instant as RFC 3339 UTC, with a fraction only when there is one.
    public var description: String {
        let date = utcDate
        let secondOfDay = Int(seconds - Int64(date.dayNumber) * 86_400)
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        var text = "\(date)T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if nanoseconds != 0 {
            var fraction = pad(Int(nanoseconds), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}

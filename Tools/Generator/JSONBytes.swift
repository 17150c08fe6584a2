// A byte buffer that writes compact JSON directly as UTF-8, and the buffered
// file sink. No intermediate Strings for numbers, dates or timestamps.

import CTGLedger
import Foundation

/// Compact JSON written straight into a reusable byte array.
/// Members are written by the caller with their separators (`",\"party\":"`),
/// which keeps the member order explicit and the output byte-exact.
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    /// Appends raw JSON syntax (keys with their separators, braces, literals).
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a JSON string literal, escaping quotes, backslashes and control characters.
    mutating func string(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                switch byte {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0x08: bytes.append(0x5C); bytes.append(0x62)
                case 0x0C: bytes.append(0x5C); bytes.append(0x66)
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(0x22)
    }

    /// Appends an array of strings.
    mutating func strings(_ items: [String]) {
        bytes.append(0x5B)
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            string(item)
        }
        bytes.append(0x5D)
    }

    @inline(__always)
    mutating func int(_ value: Int) {
        if value < 0 {
            bytes.append(0x2D)
            digits(UInt64(-value), width: 1)
        } else {
            digits(UInt64(value), width: 1)
        }
    }

    /// Appends decimal digits, left-padded with zeros to `width`.
    mutating func digits(_ value: UInt64, width: Int) {
        var tmp:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &tmp) { buf in
            repeat {
                buf[19 - count] = UInt8(48 + v % 10)
                v /= 10
                count += 1
            } while v > 0
            while count < width {
                buf[19 - count] = 48
                count += 1
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[(20 - count)...]))
        }
    }

    @inline(__always)
    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// Appends `YYYY-MM-DD` without quotes.
    mutating func bareDate(_ day: Int) {
        let (y, m, d) = Days.ymd(day)
        digits(UInt64(y), width: 4)
        bytes.append(0x2D)
        digits(UInt64(m), width: 2)
        bytes.append(0x2D)
        digits(UInt64(d), width: 2)
    }

    /// Appends `"YYYY-MM-DD"`.
    mutating func date(_ day: Int) {
        bytes.append(0x22)
        bareDate(day)
        bytes.append(0x22)
    }

    /// Appends an RFC 3339 UTC timestamp `"YYYY-MM-DDTHH:MM:SSZ"` from seconds since 1970.
    mutating func timestamp(_ seconds: Int64) {
        let day = Int(seconds / 86_400)
        let rest = Int(seconds % 86_400)
        bytes.append(0x22)
        bareDate(day)
        bytes.append(0x54)
        digits(UInt64(rest / 3600), width: 2)
        bytes.append(0x3A)
        digits(UInt64(rest % 3600 / 60), width: 2)
        bytes.append(0x3A)
        digits(UInt64(rest % 60), width: 2)
        bytes.append(0x5A)
        bytes.append(0x22)
    }
}

/// Day-number helpers (days since 1970-01-01) on top of the library's `CivilDate`.
enum Days {
    static func of(_ year: Int, _ month: Int, _ day: Int) -> Int {
        CivilDate(year: year, month: month, day: day)!.dayNumber
    }

    static func ymd(_ day: Int) -> (Int, Int, Int) {
        let date = CivilDate(dayNumber: day)!
        return (date.year, date.month, date.day)
    }

    static func year(_ day: Int) -> Int { ymd(day).0 }

    /// Code de procédure civile art. 641 month arithmetic.
    static func addMonths(_ day: Int, _ months: Int) -> Int {
        CivilDate(dayNumber: day)!.adding(months: months)!.dayNumber
    }

    /// ISO weekday, 1 Monday ... 7 Sunday.
    static func weekday(_ day: Int) -> Int { ((day % 7 + 7) % 7 + 3) % 7 + 1 }

    /// The same day, or the next working day when it falls on a weekend or a fixed public holiday.
    static func workday(_ day: Int) -> Int {
        var day = day
        while true {
            let (_, m, d) = ymd(day)
            let holiday =
                (m == 1 && d == 1) || (m == 5 && (d == 1 || d == 8)) || (m == 7 && d == 14)
                || (m == 8 && d == 15) || (m == 11 && (d == 1 || d == 11)) || (m == 12 && d == 25)
            if weekday(day) < 6 && !holiday { return day }
            day += 1
        }
    }

    /// The first day of the month following `day` (or `day` itself when it is a first).
    static func firstOfMonth(onOrAfter day: Int) -> Int {
        let (y, m, d) = ymd(day)
        if d == 1 { return day }
        return m == 12 ? of(y + 1, 1, 1) : of(y, m + 1, 1)
    }

    /// 31 December of the given year.
    static func endOfYear(_ year: Int) -> Int { of(year, 12, 31) }

    /// French long form, e.g. `1er janvier 2026`.
    static func french(_ day: Int) -> String {
        let months = [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre",
        ]
        let (y, m, d) = ymd(day)
        return "\(d == 1 ? "1er" : String(d)) \(months[m - 1]) \(y)"
    }

    /// `YYYYMMDD`, as in @ctes identifiers.
    static func compact(_ day: Int) -> String {
        let (y, m, d) = ymd(day)
        return String(y) + (m < 10 ? "0" : "") + String(m) + (d < 10 ? "0" : "") + String(d)
    }
}

/// Writes bytes to a file (or standard output) through a large buffer.
final class Sink {
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool
    private var buffer: [UInt8] = []
    private let limit: Int
    private(set) var written: Int = 0

    init?(path: String?, bufferSize: Int = 8 << 20) {
        if let path {
            guard let handle = fopen(path, "wb") else { return nil }
            file = handle
            ownsFile = true
        } else {
            guard let handle = fdopen(1, "wb") else { return nil }
            file = handle
            ownsFile = false
        }
        limit = bufferSize
        buffer.reserveCapacity(bufferSize + (1 << 20))
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        let count = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if count != buffer.count {
            FileHandle.standardError.write("ctg-generate: write failed\n".data(using: .utf8)!)
            exit(3)
        }
        written += count
        buffer.removeAll(keepingCapacity: true)
    }

    func close() -> Bool {
        flush()
        if ownsFile { return fclose(file) == 0 }
        return fflush(file) == 0
    }
}

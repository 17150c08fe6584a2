/// A cursor over one line's bytes that checks JSON as `JSONTape` does, building nothing and
/// recording no token, for `FastLineCheck`. Every method moves past what it checked and answers
/// `false` or `nil` both for what is not valid JSON and for what it does not check exactly as the
/// tape does (a `\u` escape, a member name with an escape or a non-ASCII byte, more than 16 names
/// in an object without a schema, nesting deeper than `maximumDepth`): the caller then leaves
/// the line to the tape, whose verdict and wording are the reference.
struct JSONCursor {
    /// The line's first byte.
    let base: UnsafeRawPointer
    /// The line's length.
    let count: Int
    /// The next byte to read.
    var index = 0
    /// Arrays and objects open at `index`.
    private var depth = 0

    /// Nesting this cursor checks (the tape's limit, `JSONParser.maximumDepth`, is higher).
    static let maximumDepth = 32

    /// A cursor at the first byte of `bytes` (not empty).
    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress!
        count = bytes.count
    }

    /// A string's text: the bytes between its quotes.
    struct Text {
        /// Offset of its first byte.
        var start: Int
        /// Offset of its closing quote.
        var end: Int
        /// It holds an escape (so its bytes are not its content).
        var escaped: Bool
        /// It holds a byte above 0x7F.
        var nonASCII: Bool

        /// `true` for `""`.
        var isEmpty: Bool { start == end }
        /// Written without escapes: its bytes are its content.
        var isPlain: Bool { !escaped }
    }

    @inline(__always)
    private func byte(_ at: Int) -> UInt8 { base.load(fromByteOffset: at, as: UInt8.self) }

    /// The bytes of a plain text (its content).
    @inline(__always)
    func bytes(of text: Text) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + text.start, count: text.end - text.start)
    }

    /// `true` when only whitespace is left.
    mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return index == count
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < count {
            switch byte(index) {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, not consumed; 0 at the end.
    @inline(__always)
    mutating func peek() -> UInt8 {
        skipWhitespace()
        return index < count ? byte(index) : 0
    }

    /// Consumes `null` when it is next.
    @inline(__always)
    mutating func null() -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        return literal("null")
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard index + length <= count, ByteWords.equal(base + index, word.utf8Start, length) else { return false }
        index += length
        return true
    }

    // MARK: Strings

    /// The string next, checked (UTF-8 and escapes as the tape checks them; `\u` escapes are left
    /// to the tape).
    @inline(__always)
    mutating func string() -> Text? {
        guard peek() == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var at = start
        while true {
            at = JSONTape.skipUnmarked(base, from: at, count: count, JSONTape.specialBytes)
            guard at < count else { return nil }
            let byte = byte(at)
            if byte == UInt8(ascii: "\"") {
                index = at + 1
                return Text(start: start, end: at, escaped: false, nonASCII: false)
            }
            if byte < 0x20 || byte == UInt8(ascii: "\\") || byte >= 0x80 { break }
            at += 1
        }
        return string(from: start, at: at)
    }

    /// The rest of a string from `at`, where an escape, a control byte or a non-ASCII byte is.
    private mutating func string(from start: Int, at position: Int) -> Text? {
        var text = Text(start: start, end: start, escaped: false, nonASCII: false)
        var at = position
        while true {
            at = JSONTape.skipUnmarked(base, from: at, count: count, JSONTape.specialBytes)
            guard at < count else { return nil }
            let byte = byte(at)
            if byte == UInt8(ascii: "\"") {
                text.end = at
                index = at + 1
                return text
            }
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                guard at + 1 < count else { return nil }
                switch self.byte(at + 1) {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                    UInt8(ascii: "r"), UInt8(ascii: "t"):
                    text.escaped = true
                    at += 2
                default:
                    return nil
                }
            } else if byte < 0x80 {
                at += 1
            } else {
                text.nonASCII = true
                guard let next = afterUTF8Scalar(at) else { return nil }
                at = next
            }
        }
    }

    /// The offset after the multi-byte UTF-8 scalar at `at` (RFC 3629: no overlongs, no
    /// surrogates, nothing above U+10FFFF), or `nil` when it is not one.
    @inline(__always)
    private func afterUTF8Scalar(_ at: Int) -> Int? {
        let lead = byte(at)
        if lead >= 0xC2, lead <= 0xDF {
            guard at + 1 < count, byte(at + 1) & 0xC0 == 0x80 else { return nil }
            return at + 2
        }
        guard let (length, lower, upper) = JSONTape.utf8Sequence(lead: lead), at + length <= count else { return nil }
        let second = byte(at + 1)
        guard second >= lower, second <= upper else { return nil }
        for offset in 2..<length where byte(at + offset) & 0xC0 != 0x80 { return nil }
        return at + length
    }

    /// A non-empty string next.
    @inline(__always)
    mutating func nonEmptyString() -> Bool {
        guard let text = string() else { return false }
        return !text.isEmpty
    }

    /// `null` or a string next (an optional string member: absent counts as `null`).
    @inline(__always)
    mutating func optionalString() -> Bool {
        null() || string() != nil
    }

    /// A non-empty string written without escapes next (a string whose content is read).
    @inline(__always)
    mutating func plainText() -> Text? {
        guard let text = string(), text.isPlain, !text.isEmpty else { return nil }
        return text
    }

    /// A date `YYYY-MM-DD` next, written plainly.
    @inline(__always)
    mutating func date() -> CivilDate? {
        guard let text = string(), text.isPlain else { return nil }
        return CivilDate(utf8: bytes(of: text))
    }

    /// `null` or a date next; `date` is set to the date, `nil` for `null`.
    @inline(__always)
    mutating func optionalDate(_ date: inout CivilDate?) -> Bool {
        if null() {
            date = nil
            return true
        }
        date = self.date()
        return date != nil
    }

    /// The case of `E` whose name is written next, as bytes (the tape falls back to comparing
    /// `String`s, which this leaves to it).
    @inline(__always)
    mutating func enumeration<E: NamedCases>(_ type: E.Type) -> E? {
        guard let text = string(), text.isPlain, !text.nonASCII else { return nil }
        let length = text.end - text.start
        let start = base + text.start
        for candidate in E.namesAsBytes where candidate.name.count == length {
            if candidate.name.withUnsafeBytes({ ByteWords.equal($0.baseAddress!, start, length) }) { return candidate.value }
        }
        return nil
    }

    // MARK: Numbers and booleans

    /// A whole number from `minimum` to `maximum` written as plain digits next (no sign, no
    /// fraction or exponent: those are left to the tape), as `FieldReader.int` reads it.
    @inline(__always)
    mutating func integer(min minimum: Int = 0, max maximum: Int = 1_000_000_000) -> Int? {
        skipWhitespace()
        let start = index
        var value = 0
        while index < count {
            let digit = byte(index) &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ Int(digit)
            index += 1
        }
        let digits = index - start
        guard digits > 0, digits <= 16, digits == 1 || byte(start) != UInt8(ascii: "0") else { return nil }
        if index < count {
            switch byte(index) {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            default: break
            }
        }
        guard value >= minimum, value <= maximum else { return nil }
        return value
    }

    /// `null` or a whole number from `minimum` to 1 000 000 000 next.
    @inline(__always)
    mutating func optionalInteger(min minimum: Int = 0) -> Bool {
        null() || integer(min: minimum) != nil
    }

    /// `null`, `true` or `false` next.
    mutating func optionalBool() -> Bool {
        switch peek() {
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        default: return false
        }
    }

    /// A number next, as the tape's grammar has it (RFC 8259, at most 100 characters).
    private mutating func number() -> Bool {
        let start = index
        if byte(index) == UInt8(ascii: "-") { index += 1 }
        guard index < count else { return false }
        if byte(index) == UInt8(ascii: "0") {
            index += 1
        } else if skipDigits() == 0 {
            return false
        }
        if index < count, byte(index) == UInt8(ascii: ".") {
            index += 1
            if skipDigits() == 0 { return false }
        }
        if index < count, byte(index) | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, byte(index) == UInt8(ascii: "+") || byte(index) == UInt8(ascii: "-") { index += 1 }
            if skipDigits() == 0 { return false }
        }
        // A leading zero followed by digits is refused by the tape; here it ends the number and
        // the digits after it are then refused by whoever expects `,` or a closing bracket.
        return index - start <= 100
    }

    private mutating func skipDigits() -> Int {
        let from = index
        while index < count, byte(index) &- UInt8(ascii: "0") < 10 { index += 1 }
        return index - from
    }

    // MARK: Containers

    /// Any JSON value next, checked.
    mutating func value() -> Bool {
        switch peek() {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array { $0.value() }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return false
        }
    }

    /// An object next whose members are any values, checked.
    mutating func object() -> Bool {
        map { cursor, _ in cursor.value() }
    }

    /// An object next whose member values are all strings (an element's `fields`, an amendment's
    /// `set`); `isEmpty` tells whether it has no member.
    mutating func stringMap(isEmpty: inout Bool) -> Bool {
        var members = 0
        let valid = map { cursor, _ in
            members += 1
            return cursor.string() != nil
        }
        isEmpty = members == 0
        return valid
    }

    /// An object next with no schema: `member` is called for each member with its name (written
    /// plainly) and the cursor at its value, which it must check and move past. A name given
    /// twice is refused.
    @inline(__always)
    mutating func map(_ member: (inout JSONCursor, Text) -> Bool) -> Bool {
        guard peek() == UInt8(ascii: "{"), enter() else { return false }
        index += 1
        if peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return true
        }
        var names = NameSet()
        while true {
            guard let name = string(), name.isPlain, !name.nonASCII, peek() == UInt8(ascii: ":"), names.insert(name, in: self) else {
                return false
            }
            index += 1
            guard member(&self, name) else { return false }
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return true
            default: return false
            }
        }
    }

    /// Moves past the object next, finding its end as `JSONTape.Skip.data` does (brackets counted
    /// outside strings, strings found by their quotes; nothing inside checked).
    mutating func skipObject() -> Bool {
        guard peek() == UInt8(ascii: "{"), let end = JSONTape.endOfContainer(base, from: index, count: count).end else { return false }
        index = end
        return true
    }

    /// An array next, each item checked by `item`.
    @inline(__always)
    mutating func array(_ item: (inout JSONCursor) -> Bool) -> Bool {
        guard peek() == UInt8(ascii: "["), enter() else { return false }
        index += 1
        if peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return true
        }
        while true {
            guard item(&self) else { return false }
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return true
            default: return false
            }
        }
    }

    /// An array next with at least one item, each checked by `item`.
    @inline(__always)
    mutating func nonEmptyArray(_ item: (inout JSONCursor) -> Bool) -> Bool {
        guard peek() == UInt8(ascii: "[") else { return false }
        var items = 0
        let valid = array { cursor in
            items += 1
            return item(&cursor)
        }
        return valid && items > 0
    }

    private mutating func enter() -> Bool {
        depth += 1
        return depth <= Self.maximumDepth
    }

    /// What `object(names:_:)` read: whether the object is valid, and which known names it has.
    struct ObjectRead {
        /// The object is valid JSON and every member passed its check.
        var valid: Bool
        /// A bit per position in the `MemberNames` of each name present.
        var known: UInt32

        /// `true` when the object is valid and has each of `members` (positions in its `MemberNames`).
        @inline(__always)
        func has(_ members: Int...) -> Bool {
            var mask: UInt32 = 0
            for member in members { mask |= 1 << member }
            return valid && known & mask == mask
        }
    }

    /// An object next: `member` is called for each member with the position of its name in
    /// `names` (-1 for another name) and the cursor at its value, which it must check and move
    /// past. Names must be written plainly (ASCII, no escape); a name given twice is refused.
    @inline(__always)
    mutating func object(names: MemberNames, _ member: (inout JSONCursor, Int) -> Bool) -> ObjectRead {
        let invalid = ObjectRead(valid: false, known: 0)
        guard peek() == UInt8(ascii: "{"), enter() else { return invalid }
        index += 1
        if peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return ObjectRead(valid: true, known: 0)
        }
        var known: UInt32 = 0
        var others = NameSet()
        var hint = 0
        while true {
            let which: Int
            if index + 16 <= count, let length = names.quotedLength(at: base + index, ifNameAt: hint) {
                // The name expected next, written plainly and followed by `:` (as `ctg` writes lines).
                which = hint
                index += length
            } else {
                guard let name = string(), name.isPlain, !name.nonASCII, peek() == UInt8(ascii: ":") else { return invalid }
                index += 1
                which = names.position(of: name, in: self, from: hint)
                if which < 0 && !others.insert(name, in: self) { return invalid }
            }
            if which >= 0 {
                let bit: UInt32 = 1 << which
                guard known & bit == 0 else { return invalid }
                known |= bit
                hint = which + 1
            }
            guard member(&self, which) else { return invalid }
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return ObjectRead(valid: true, known: known)
            default: return invalid
            }
        }
    }

    /// The first 16 bytes of a plain name (zero past its end), in two words.
    @inline(__always)
    fileprivate func words(of name: Text) -> (UInt64, UInt64) {
        let length = name.end - name.start
        if name.start + 16 <= count {
            let first = base.loadUnaligned(fromByteOffset: name.start, as: UInt64.self)
            let second = base.loadUnaligned(fromByteOffset: name.start + 8, as: UInt64.self)
            return MemberNames.masked(UInt64(littleEndian: first), UInt64(littleEndian: second), length: length)
        }
        var first: UInt64 = 0
        var second: UInt64 = 0
        for offset in 0..<min(length, 16) {
            let byte = UInt64(byte(name.start + offset))
            if offset < 8 { first |= byte << (offset * 8) } else { second |= byte << ((offset - 8) * 8) }
        }
        return (first, second)
    }
}

/// The member names an object's schema knows, at most 32, each at most 16 bytes, for
/// `JSONCursor.object(names:_:)`. Made once per schema and never freed: a plain pointer, so that
/// reading one costs no reference counting.
struct MemberNames: @unchecked Sendable {
    /// A name's length and its bytes in two words, zero past its end; and the same for the name
    /// as written in a line, in quotes and followed by `:` (`quotedLength` 0 for names over 13 bytes).
    private struct Entry {
        var first: UInt64
        var second: UInt64
        var length: Int
        var quotedFirst: UInt64 = 0
        var quotedSecond: UInt64 = 0
        var quotedLength = 0
        /// The bits of the two words that `"name":` fills (none when `quotedLength` is 0: it then
        /// never matches).
        var quotedMasks: (UInt64, UInt64) = (0, 0)
    }

    private let entries: UnsafePointer<Entry>
    private let count: Int

    /// The names, in the order lines usually write them.
    init(_ names: [StaticString]) {
        precondition(!names.isEmpty && names.count <= 32 && names.allSatisfy { $0.utf8CodeUnitCount <= 16 })
        count = names.count
        let table = UnsafeMutablePointer<Entry>.allocate(capacity: names.count)
        for (index, name) in names.enumerated() {
            let bytes = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            let words = Self.words(bytes)
            var entry = Entry(first: words.0, second: words.1, length: bytes.count)
            if bytes.count <= 13 {
                let quoted = [UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\""), UInt8(ascii: ":")]
                (entry.quotedFirst, entry.quotedSecond) = Self.words(quoted)
                entry.quotedLength = quoted.count
                entry.quotedMasks = Self.masked(.max, .max, length: quoted.count)
            }
            table[index] = entry
        }
        entries = UnsafePointer(table)
    }

    /// Up to 16 bytes in two little-endian words, zero past their end.
    private static func words(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        for (offset, byte) in bytes.enumerated() {
            if offset < 8 { words.0 |= UInt64(byte) << (offset * 8) } else { words.1 |= UInt64(byte) << ((offset - 8) * 8) }
        }
        return words
    }

    /// The length of `"name":` when the 16 bytes at `bytes` start with it, for the name at
    /// `position`; `nil` otherwise (or when `position` is past the names).
    @inline(__always)
    func quotedLength(at bytes: UnsafeRawPointer, ifNameAt position: Int) -> Int? {
        guard position < count else { return nil }
        let entry = entries[position]
        let first = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)) & entry.quotedMasks.0
        let second = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & entry.quotedMasks.1
        // A name over 13 bytes has no masks: nothing but zero bytes would match, and a name is not that.
        return first == entry.quotedFirst && second == entry.quotedSecond && entry.quotedLength > 0 ? entry.quotedLength : nil
    }

    /// The words' bytes past `length` set to zero.
    @inline(__always)
    static func masked(_ first: UInt64, _ second: UInt64, length: Int) -> (UInt64, UInt64) {
        if length >= 16 { return (first, second) }
        if length >= 8 { return (first, length == 8 ? 0 : second & (UInt64.max >> ((16 - length) * 8))) }
        return (length == 0 ? 0 : first & (UInt64.max >> ((8 - length) * 8)), 0)
    }

    /// The position of `name` among these names, looking from `hint` on first (the name that
    /// follows the last one found, since lines write them in order); -1 when absent.
    @inline(__always)
    func position(of name: JSONCursor.Text, in cursor: JSONCursor, from hint: Int) -> Int {
        let length = name.end - name.start
        guard length <= 16 else { return -1 }
        let (a, b) = cursor.words(of: name)
        var at = hint < count ? hint : 0
        for _ in 0..<count {
            let entry = entries[at]
            if entry.first == a && entry.second == b && entry.length == length { return at }
            at = at + 1 == count ? 0 : at + 1
        }
        return -1
    }
}

/// The names of an object's members other than its schema's, to refuse one given twice: at most
/// 16 (`insert` answers `false` beyond, and the line is left to the tape).
struct NameSet {
    private var places: InlineArray<16, (start: Int32, length: Int32)> = .init(repeating: (0, 0))
    private var count = 0
    /// A bit per (length, first and last byte) of the names held.
    private var seen: UInt64 = 0

    /// Adds a plain name of `cursor`'s line; `false` when it is already there, or when the set is full.
    @inline(__always)
    mutating func insert(_ name: JSONCursor.Text, in cursor: JSONCursor) -> Bool {
        let length = name.end - name.start
        guard count < 16, length < Int(Int32.max) else { return false }
        var bit: UInt64 = 1
        if length > 0 {
            let bytes = cursor.bytes(of: name)
            bit = 1 << ((length &* 31 &+ Int(bytes[0]) &* 7 &+ Int(bytes[length - 1])) & 63)
        }
        if seen & bit != 0 {
            for index in 0..<count where Int(places[index].length) == length {
                if ByteWords.equal(cursor.base + Int(places[index].start), cursor.base + name.start, length) { return false }
            }
        }
        seen |= bit
        places[count] = (Int32(truncatingIfNeeded: name.start), Int32(truncatingIfNeeded: length))
        count += 1
        return true
    }
}

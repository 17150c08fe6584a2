/// The JSON type of a value on a `JSONTape`.
enum JSONKind: UInt8, Sendable {
    case null, bool, number, string, array, object

    /// A short English name of the type, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A strict JSON parser (RFC 8259) that records where each value is instead of building it.
///
/// Parsing checks exactly what `JSONParser` promises (UTF-8, escapes, numbers, duplicate member
/// names, depth, nothing after the value) and writes one token per value and per member name into
/// a buffer that is reused from one parse to the next: reading a log line creates no `String` and,
/// once the buffer is large enough, allocates nothing. Values are read through `JSONNode`s, which
/// decode a string only when asked.
///
/// A tape is not thread-safe, and the nodes of a parse are valid only until the next parse and while
/// the parsed bytes are.
final class JSONTape {
    /// One value (or one member name) of the parsed text.
    struct Token {
        /// First byte of the value; for strings, the first byte after the opening quote.
        var start: UInt32
        /// One past the last byte; for strings, the closing quote's position.
        var end: UInt32
        /// The index of the token after this value and everything it contains.
        var next: UInt32
        /// The value's JSON type (member names are strings).
        var kind: JSONKind
        /// Strings: `escaped` and `nonASCII` bits; booleans: 1 for `true`.
        var flags: UInt8
        /// Objects: where the next member lookup starts, as an offset from the first member name
        /// (decoders read members mostly in the order they are written).
        var cursor: UInt16 = 0
    }

    /// Flag of a string token written with at least one `\` escape.
    static let escaped: UInt8 = 1
    /// Flag of a string token holding bytes above 0x7F.
    static let nonASCII: UInt8 = 2

    /// The tokens of the last parse, in document order (a container before what it holds).
    private(set) var tokens: UnsafeMutablePointer<Token>
    /// Tokens allocated; the buffer doubles when a text needs more and is kept for the next parse.
    private var capacity: Int
    /// The number of tokens of the last parse.
    private(set) var count = 0

    /// Creates an empty tape.
    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        tokens = .allocate(capacity: self.capacity)
    }

    deinit { tokens.deallocate() }

    /// Parses one JSON text that must fill the whole buffer (white space around it allowed).
    ///
    /// - Returns: the root value, valid until the next parse and while `bytes` is.
    /// - Throws: `JSONSyntaxError` with the 1-based byte column where the text went wrong.
    ///
    /// - Parameter skipping: a part of a log line that is only skipped over, not checked (see `Skip`).
    func parse(_ bytes: UnsafeRawBufferPointer, skipping: Skip = .nothing) throws(JSONSyntaxError) -> JSONNode {
        guard bytes.count < Int(UInt32.max) else {
            throw JSONSyntaxError(column: 1, message: "a JSON text longer than 4 GiB")
        }
        var parser = TapeParser(bytes: bytes, tokens: tokens, capacity: capacity)
        parser.skipping = skipping
        defer {
            tokens = parser.tokens
            capacity = parser.capacity
            count = parser.count
        }
        try parser.parseDocument()
        return JSONNode(tokens: parser.tokens, bytes: bytes, index: 0)
    }

    /// What a parse of a log line only skips over: the part's end is found (brackets and strings),
    /// but nothing in it is checked, and it reads as an empty container.
    enum Skip: Sendable {
        /// Nothing: the whole text is checked.
        case nothing
        /// The arrays `elements` and `signatories` of the root's `data` (a registration's text, most
        /// of its bytes; who signed a signature for each party): for a line already read as a
        /// well-formed event, whose status reads neither (`DecodeDetail.status`).
        case dataLists
        /// The root's `data` object: for a first pass whose events are all read again, checked.
        case data
    }

    /// Parses `bytes` with a tape of its own and calls `body` with the root value.
    static func withRoot<R, E: Error>(
        _ bytes: UnsafeRawBufferPointer, _ body: (JSONNode) throws(E) -> R
    ) throws(JSONSyntaxError) -> Result<R, E> {
        let tape = JSONTape()
        return try withExtendedLifetime(tape) { () throws(JSONSyntaxError) -> Result<R, E> in
            let root = try tape.parse(bytes)
            do throws(E) { return .success(try body(root)) } catch { return .failure(error) }
        }
    }

    /// The high bit of each of eight bytes (read from memory in order) that is a quote, a backslash,
    /// a control byte or above 0x7F; zero when all eight are plain ASCII. The lowest bit set is exact
    /// (the borrows of these tests only run upwards), so a scan resumes at the first byte to look at.
    @inline(__always)
    static func specialBytes(in raw: UInt64) -> UInt64 {
        let word = UInt64(littleEndian: raw)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        return (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word) | word)
            & (ones &* 0x80)
    }

    /// The position of the first byte at or after `start` that `marks` flags (it reads eight
    /// bytes at a time and sets the high bit of each byte to stop at, as `specialBytes`), or the
    /// first position less than eight bytes before `count`, from which the caller goes on byte by byte.
    @inline(__always)
    static func skipUnmarked(_ base: UnsafeRawPointer, from start: Int, count: Int, _ marks: (UInt64) -> UInt64) -> Int {
        var at = start
        while at + 8 <= count {
            let found = marks(base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            if found != 0 { return at + found.trailingZeroBitCount >> 3 }
            at += 8
        }
        return at
    }

    /// Just past the end of the array or object whose opening bracket is at `start`, found without
    /// checking what it holds (what `Skip` skips over): brackets counted outside strings, strings
    /// found by their quotes. `nil` when the bytes end first; `inString` then tells whether they
    /// end inside a string.
    static func endOfContainer(_ base: UnsafeRawPointer, from start: Int, count: Int) -> (end: Int?, inString: Bool) {
        var index = start
        var nesting = 0
        while index < count {
            switch base.load(fromByteOffset: index, as: UInt8.self) {
            case UInt8(ascii: "\""):
                index += 1
                while true {
                    index = skipUnmarked(base, from: index, count: count, quotesAndBackslashes)
                    guard index < count else { return (nil, true) }
                    let byte = base.load(fromByteOffset: index, as: UInt8.self)
                    if byte == UInt8(ascii: "\"") {
                        index += 1
                        break
                    }
                    index += byte == UInt8(ascii: "\\") ? 2 : 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                nesting += 1
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                nesting -= 1
                index += 1
                if nesting == 0 { return (index, false) }
            default:
                index += 1
            }
        }
        return (nil, false)
    }

    /// The length of the UTF-8 sequence a lead byte starts and the range its second byte must lie
    /// in (RFC 3629: no overlong form, no surrogate, nothing above U+10FFFF; the bytes after the
    /// second are 0x80...0xBF); `nil` for a byte that starts none.
    @inline(__always)
    static func utf8Sequence(lead: UInt8) -> (length: Int, lower: UInt8, upper: UInt8)? {
        switch lead {
        case 0xC2...0xDF: return (2, 0x80, 0xBF)
        case 0xE0: return (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (3, 0x80, 0xBF)
        case 0xED: return (3, 0x80, 0x9F)
        case 0xF0: return (4, 0x90, 0xBF)
        case 0xF1...0xF3: return (4, 0x80, 0xBF)
        case 0xF4: return (4, 0x80, 0x8F)
        default: return nil
        }
    }

    /// The high bit of each of eight bytes (read from memory in order) that is a quote or a
    /// backslash; the lowest bit set is exact, as in `specialBytes`.
    @inline(__always)
    static func quotesAndBackslashes(in raw: UInt64) -> UInt64 {
        let word = UInt64(littleEndian: raw)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        return (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & (ones &* 0x80)
    }

    /// Appends the bytes a string's raw text (between its quotes, already validated) stands for.
    static func unescape(_ raw: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        var index = 0
        let count = raw.count
        out.reserveCapacity(out.count + count)
        while index < count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            let escape = raw[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, index)
                index += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    let low = hex4(raw, index + 2)
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                appendUTF8(scalar, into: &out)
            default: out.append(escape)  // `"`, `\` and `/` stand for themselves
            }
        }
    }

    private static func hex4(_ raw: UnsafeRawBufferPointer, _ index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = raw[index + offset]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            default: digit = UInt32(byte &- 87)
            }
            value = value << 4 | digit
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, into out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

/// The recursive-descent parser behind `JSONTape.parse`: it checks the grammar and appends tokens.
private struct TapeParser {
    let bytes: UnsafeRawBufferPointer
    var tokens: UnsafeMutablePointer<JSONTape.Token>
    var capacity: Int
    var count = 0
    /// The next byte to read.
    var index = 0
    /// Arrays and objects open at `index`.
    var depth = 0
    /// What is skipped over (see `JSONTape.Skip`).
    var skipping = JSONTape.Skip.nothing
    /// The next object parsed is the root's `data`.
    private var nextIsData = false

    init(bytes: UnsafeRawBufferPointer, tokens: UnsafeMutablePointer<JSONTape.Token>, capacity: Int) {
        self.bytes = bytes
        self.tokens = tokens
        self.capacity = capacity
    }

    mutating func parseDocument() throws(JSONSyntaxError) {
        skipWhitespace()
        try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw error("unexpected \(describe(index)) after the end of the JSON value")
        }
    }

    /// Appends a token and returns its index; `next` is set to the following index (containers fix it when they end).
    @inline(__always)
    private mutating func append(_ kind: JSONKind, start: Int, end: Int, flags: UInt8 = 0) -> Int {
        if count == capacity { grow() }
        let at = count
        tokens[at] = JSONTape.Token(
            start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: end), next: UInt32(at + 1), kind: kind, flags: flags)
        count = at + 1
        return at
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<JSONTape.Token>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: tokens, count: count)
        tokens.deallocate()
        tokens = bigger
        capacity *= 2
    }

    /// The error at `position` (the current byte by default), with a 1-based column.
    private func error(_ message: String, at position: Int? = nil, member: String? = nil) -> JSONSyntaxError {
        JSONSyntaxError(column: (position ?? index) + 1, message: message, member: member)
    }

    /// The byte at `position` as error messages name it.
    private func describe(_ position: Int) -> String {
        guard position < bytes.count else { return "end of line" }
        let byte = bytes[position]
        if byte >= 0x20 && byte < 0x7F { return "character '\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0 { return "NUL byte" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) {
        guard index < bytes.count else { throw error("unexpected end of line, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "t"):
            try literal("true")
            _ = append(.bool, start: index - 4, end: index, flags: 1)
        case UInt8(ascii: "f"):
            try literal("false")
            _ = append(.bool, start: index - 5, end: index)
        case UInt8(ascii: "n"):
            try literal("null")
            _ = append(.null, start: index - 4, end: index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        default: throw error("unexpected \(describe(index)), expected a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of line in '\(word)'") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw error("unexpected \(describe(index + offset)), expected '\(word)'", at: index + offset)
        }
        index += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
        }
    }

    /// Closes the container at `at`: its end byte and the index past its contents.
    @inline(__always)
    private mutating func close(_ at: Int) {
        index += 1
        depth -= 1
        tokens[at].end = UInt32(truncatingIfNeeded: index)
        tokens[at].next = UInt32(truncatingIfNeeded: count)
    }

    private mutating func parseObject() throws(JSONSyntaxError) {
        try enter()
        let isData = nextIsData
        nextIsData = false
        let object = append(.object, start: index, end: index)
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            close(object)
            return
        }
        // Names written plainly (ASCII, no escape) are equal only when their bytes are: a bit per
        // (length, first and last byte) says which earlier names are worth comparing.
        var seen: UInt64 = 0
        var compareAll = false
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describe(index)), expected a member name in quotes")
            }
            let keyStart = index
            let key = count
            try parseString()
            let name = tokens[key]
            let length = Int(name.end - name.start)
            var bit: UInt64 = 1 << (length & 63)
            if length > 0 {
                bit = 1 << ((length &* 31 &+ Int(bytes[Int(name.start)]) &* 7 &+ Int(bytes[Int(name.end) - 1])) & 63)
            }
            if name.flags != 0 { compareAll = true }
            if (compareAll || seen & bit != 0) && hasEarlierMember(named: key, in: object) {
                let name = JSONNode(tokens: tokens, bytes: bytes, index: key).decodedString
                throw error("duplicate member \"\(name)\"", at: keyStart, member: name)
            }
            seen |= bit
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                let name = JSONNode(tokens: tokens, bytes: bytes, index: key).decodedString
                throw error("unexpected \(describe(index)), expected ':' after member \"\(name)\"")
            }
            index += 1
            skipWhitespace()
            var skipped = false
            if skipping != .nothing && (depth == 1 || isData) && index < bytes.count {
                if depth == 1 && length == 4 && isName(key, "data") && bytes[index] == UInt8(ascii: "{") {
                    if skipping == .data {
                        let start = index
                        try skipContainer()
                        _ = append(.object, start: start, end: index, flags: 1)
                        skipped = true
                    } else {
                        nextIsData = true
                    }
                } else if isData && (length == 8 && isName(key, "elements") || length == 11 && isName(key, "signatories"))
                    && bytes[index] == UInt8(ascii: "[")
                {
                    let start = index
                    try skipContainer()
                    _ = append(.array, start: start, end: index, flags: 1)
                    skipped = true
                }
            }
            if !skipped { try parseValue() }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of line, expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                close(object)
                return
            }
            throw error("unexpected \(describe(index)), expected ',' or '}'")
        }
    }

    /// `true` when the member name at token `key`, written plainly, is `name`.
    private func isName(_ key: Int, _ name: StaticString) -> Bool {
        let token = tokens[key]
        return token.flags == 0 && ByteWords.equal(UnsafeRawBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), name)
    }

    /// Moves past the array or object at `index`, finding its end without checking what it holds.
    private mutating func skipContainer() throws(JSONSyntaxError) {
        let start = index
        let found = JSONTape.endOfContainer(bytes.baseAddress!, from: start, count: bytes.count)
        guard let end = found.end else { throw error(found.inString ? "unterminated string" : "unterminated array", at: start) }
        index = end
    }

    /// `true` when a member before `key` in the object at `object` has the same name.
    private func hasEarlierMember(named key: Int, in object: Int) -> Bool {
        let new = tokens[key]
        let length = new.end - new.start
        var member = object + 1
        while member < key {
            let old = tokens[member]
            if (old.flags | new.flags) & JSONTape.escaped != 0 {
                let node = JSONNode(tokens: tokens, bytes: bytes, index: member)
                if node.isSameName(as: JSONNode(tokens: tokens, bytes: bytes, index: key)) { return true }
            } else if old.end - old.start == length {
                var offset = 0
                let a = Int(old.start)
                let b = Int(new.start)
                while offset < Int(length), bytes[a + offset] == bytes[b + offset] { offset += 1 }
                if offset == Int(length) { return true }
                if (old.flags | new.flags) & JSONTape.nonASCII != 0 {
                    let node = JSONNode(tokens: tokens, bytes: bytes, index: member)
                    if node.isSameName(as: JSONNode(tokens: tokens, bytes: bytes, index: key)) { return true }
                }
            }
            member = Int(tokens[member + 1].next)
        }
        return false
    }

    private mutating func parseArray() throws(JSONSyntaxError) {
        try enter()
        let array = append(.array, start: index, end: index)
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            close(array)
            return
        }
        while true {
            skipWhitespace()
            try parseValue()
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of line, expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                close(array)
                return
            }
            throw error("unexpected \(describe(index)), expected ',' or ']'")
        }
    }

    /// Moves past the digits at `index`; how many there were.
    @inline(__always)
    private mutating func skipDigits() -> Int {
        let from = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index - from
    }

    private mutating func parseNumber() throws(JSONSyntaxError) {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else {
            throw error("a number needs a digit after '-'")
        }
        if bytes[index] == 48 {
            index += 1
            if index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                throw error("a number may not have a leading zero")
            }
        } else {
            _ = skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if skipDigits() == 0 { throw error("a number needs digits after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            if skipDigits() == 0 { throw error("a number needs digits in its exponent") }
        }
        if index - start > 100 { throw error("a number longer than 100 characters", at: start) }
        _ = append(.number, start: start, end: index)
    }

    /// Checks a string starting at the opening quote and appends its token.
    private mutating func parseString() throws(JSONSyntaxError) {
        let start = index + 1
        let count = bytes.count
        let base = bytes.baseAddress!
        // Plain ASCII up to the closing quote (the common case), with the position kept in a register.
        var at = start
        while true {
            at = JSONTape.skipUnmarked(base, from: at, count: count, JSONTape.specialBytes)
            guard at < count else { break }
            let byte = base.load(fromByteOffset: at, as: UInt8.self)
            if byte == UInt8(ascii: "\"") {
                _ = append(.string, start: start, end: at, flags: 0)
                index = at + 1
                return
            }
            if byte < 0x20 || byte == UInt8(ascii: "\\") || byte >= 0x80 { break }
            at += 1
        }
        index = at
        try parseString(from: start)
    }

    /// The rest of a string from `index`, where an escape, a control byte or a non-ASCII byte is.
    private mutating func parseString(from start: Int) throws(JSONSyntaxError) {
        var flags: UInt8 = 0
        let count = bytes.count
        let base = bytes.baseAddress!
        while true {
            index = JSONTape.skipUnmarked(base, from: index, count: count, JSONTape.specialBytes)
            guard index < count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                _ = append(.string, start: start, end: index, flags: flags)
                index += 1
                return
            }
            if byte < 0x20 { throw error("control character \(describe(index)) inside a string; write it escaped") }
            if byte == UInt8(ascii: "\\") {
                flags |= JSONTape.escaped
                index += 1
                guard index < count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                    UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    let scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard index + 1 < count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        else { throw error("a high surrogate \\u escape must be followed by a low surrogate") }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate in \\u escape") }
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw error("a lone low surrogate in \\u escape")
                    }
                    if scalar >= 0x80 { flags |= JSONTape.nonASCII }
                default:
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string", at: index - 2)
                }
                continue
            }
            if byte < 0x80 {
                index += 1
            } else {
                flags |= JSONTape.nonASCII
                // Two-byte scalars (French accents: é is C3 A9) checked here, the others by a call.
                if byte >= 0xC2, byte <= 0xDF, index + 1 < count, bytes[index + 1] & 0xC0 == 0x80 {
                    index += 2
                } else {
                    try skipUTF8Scalar()
                }
            }
        }
        throw error("unterminated string", at: start - 1)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Checks one multi-byte UTF-8 scalar at `index` (RFC 3629: no overlongs, no surrogates) and moves past it.
    private mutating func skipUTF8Scalar() throws(JSONSyntaxError) {
        guard let (length, lower, upper) = JSONTape.utf8Sequence(lead: bytes[index]) else {
            throw error("invalid UTF-8 (\(describe(index)))")
        }
        guard index + length <= bytes.count else { throw error("invalid UTF-8: truncated sequence") }
        let second = bytes[index + 1]
        guard second >= lower, second <= upper else { throw error("invalid UTF-8 (\(describe(index + 1)))", at: index + 1) }
        for offset in 2..<max(2, length) {
            let byte = bytes[index + offset]
            guard byte >= 0x80, byte <= 0xBF else {
                throw error("invalid UTF-8 (\(describe(index + offset)))", at: index + offset)
            }
        }
        index += length
    }
}

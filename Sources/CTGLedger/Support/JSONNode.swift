/// One value of a parsed `JSONTape`: its type, its members or elements, and its content decoded on
/// demand (a `String` is created only when `string` is asked for).
///
/// A node points into the tape and into the parsed bytes: it is valid only until the tape parses
/// again and while those bytes are.
struct JSONNode {
    /// The tape's tokens (written to only to remember where an object's last lookup ended).
    let tokens: UnsafeMutablePointer<JSONTape.Token>
    /// The parsed text.
    let bytes: UnsafeRawBufferPointer
    /// This value's token.
    let index: Int

    @inline(__always) private var token: JSONTape.Token { tokens[index] }

    /// The value's JSON type.
    var kind: JSONKind { token.kind }

    /// `true` for `null`.
    var isNull: Bool { token.kind == .null }

    /// A short English name of the value's JSON type, for error messages (as `JSONValue.typeName`).
    var typeName: String { kind.typeName }

    /// The value's bytes as written: a number's text, a string's text between its quotes (escapes
    /// not decoded), a container from its opening to its closing bracket.
    var raw: UnsafeRawBufferPointer {
        let token = self.token
        return UnsafeRawBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
    }

    /// `true` for an array or object without elements or members.
    var isEmptyContainer: Bool { Int(token.next) == index + 1 }

    // MARK: Scalars

    /// The string, when this is a string.
    var string: String? {
        guard kind == .string else { return nil }
        return decodedString
    }

    /// The string of a string node (escapes decoded).
    var decodedString: String {
        let token = self.token
        let raw = UnsafeRawBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
        guard token.flags & JSONTape.escaped != 0 else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        JSONTape.unescape(raw, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A string's bytes when it is written as plain ASCII (no escape, no byte above 0x7F): then each
    /// byte is one `Character`, and byte comparisons judge it as `String` comparisons would.
    var plainASCII: UnsafeRawBufferPointer? {
        let token = self.token
        guard token.kind == .string, token.flags == 0 else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
    }

    /// `true` for a string without any character.
    var isEmptyString: Bool { token.start == token.end }

    /// Calls `body` with the UTF-8 bytes of a string node (escapes decoded, usually without copying).
    func withStringBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        let token = self.token
        let raw = UnsafeRawBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
        guard token.flags & JSONTape.escaped != 0 else { return body(raw) }
        var out: [UInt8] = []
        JSONTape.unescape(raw, into: &out)
        return out.withUnsafeBytes(body)
    }

    /// The integer, when this is a number without fraction or exponent that fits in `Int`
    /// (what `Int(text)` accepts of a JSON number).
    var int: Int? {
        guard kind == .number else { return nil }
        let raw = self.raw
        var index = 0
        let negative = raw[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var value = 0
        while index < raw.count {
            let digit = raw[index] &- 48
            guard digit < 10 else { return nil }
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative ? times10.subtractingReportingOverflow(Int(digit)) : times10.addingReportingOverflow(Int(digit))
            guard !overflow, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// The boolean, when this is `true` or `false`.
    var bool: Bool? {
        guard kind == .bool else { return nil }
        return token.flags != 0
    }

    // MARK: Containers

    /// The value of an object's member, or `nil` when absent (or when this is not an object).
    subscript(key: String) -> JSONNode? {
        guard kind == .object else { return nil }
        if let found = key.utf8.withContiguousStorageIfAvailable({ member(UnsafeRawBufferPointer($0)) }) { return found }
        return Array(key.utf8).withUnsafeBytes { member($0) }
    }

    /// The value of an object's member named by a literal, or `nil` when absent (or when this is not an object).
    @inline(__always)
    func member(_ key: StaticString) -> JSONNode? {
        guard kind == .object else { return nil }
        return member(UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    @inline(__always)
    private func member(_ key: UnsafeRawBufferPointer) -> JSONNode? {
        // Decoders mostly read members in the order they are written: the member where the last
        // lookup ended is tried here, without a call; any other goes through `lookUp`.
        let end = Int(tokens[index].next)
        let at = index + 1 + Int(tokens[index].cursor)
        if at < end, tokens[at].flags & JSONTape.escaped == 0, JSONNode.isPlainName(at, key, tokens: tokens, bytes: bytes) {
            return JSONNode(tokens: tokens, bytes: bytes, index: JSONNode.found(at, in: index, end: end, tokens: tokens))
        }
        let found = JSONNode.lookUp(key, in: index, tokens: tokens, bytes: bytes)
        return found < 0 ? nil : JSONNode(tokens: tokens, bytes: bytes, index: found)
    }

    /// `true` when the member name at token `at`, written without escapes, is `key`.
    @inline(__always)
    private static func isPlainName(
        _ at: Int, _ key: UnsafeRawBufferPointer, tokens: UnsafeMutablePointer<JSONTape.Token>, bytes: UnsafeRawBufferPointer
    ) -> Bool {
        let name = tokens[at]
        guard Int(name.end &- name.start) == key.count else { return false }
        return key.isEmpty || ByteWords.equal(bytes.baseAddress! + Int(name.start), key.baseAddress!, key.count)
    }

    /// The value of the member whose name is token `at` in the object at `object` (whose tokens end
    /// at `end`); the object's next lookup starts at the member after it.
    @inline(__always)
    private static func found(_ at: Int, in object: Int, end: Int, tokens: UnsafeMutablePointer<JSONTape.Token>) -> Int {
        let next = Int(tokens[at + 1].next)
        let offset = next < end ? next - object - 1 : 0
        tokens[object].cursor = offset <= Int(UInt16.max) ? UInt16(offset) : 0
        return at + 1
    }

    /// The token index of the value of the member named `key` of the object at `object`, or -1.
    /// The search starts where the object's last lookup ended and wraps around.
    private static func lookUp(
        _ key: UnsafeRawBufferPointer, in object: Int, tokens: UnsafeMutablePointer<JSONTape.Token>, bytes: UnsafeRawBufferPointer
    ) -> Int {
        let first = object + 1
        let end = Int(tokens[object].next)
        guard first < end else { return -1 }
        let resume = first + Int(tokens[object].cursor)
        var at = resume < end ? resume : first
        let stop = at
        while true {
            let matched =
                tokens[at].flags & JSONTape.escaped == 0
                ? isPlainName(at, key, tokens: tokens, bytes: bytes) : escapedName(at, tokens: tokens, bytes: bytes, equals: key)
            if matched { return found(at, in: object, end: end, tokens: tokens) }
            at = Int(tokens[at + 1].next)
            if at >= end { at = first }
            if at == stop { return -1 }
        }
    }

    @inline(never)
    private static func escapedName(
        _ at: Int, tokens: UnsafeMutablePointer<JSONTape.Token>, bytes: UnsafeRawBufferPointer, equals key: UnsafeRawBufferPointer
    ) -> Bool {
        JSONNode(tokens: tokens, bytes: bytes, index: at).withStringBytes { $0.elementsEqual(key) }
    }

    @inline(__always)
    private func equalBytes(_ start: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        for offset in 0..<key.count where bytes[start + offset] != key[offset] { return false }
        return true
    }

    /// `true` when this is an object whose last member is named `key`.
    func hasLastMember(named key: StaticString) -> Bool {
        guard kind == .object, !isEmptyContainer else { return false }
        let end = Int(token.next)
        var at = index + 1
        while true {
            let next = Int(tokens[at + 1].next)
            if next >= end { return JSONNode(tokens: tokens, bytes: bytes, index: at).withStringBytes { ByteWords.equal($0, key) } }
            at = next
        }
    }

    /// `true` when this member name and `other` name the same member, as `String` keys compare
    /// (same UTF-8 length, then canonical equivalence).
    func isSameName(as other: JSONNode) -> Bool {
        let a = token
        let b = other.token
        if (a.flags | b.flags) == 0 {
            return a.end - a.start == b.end - b.start && other.equalBytes(Int(b.start), raw)
        }
        return withStringBytes { mine in
            other.withStringBytes { theirs in
                guard mine.count == theirs.count else { return false }
                if mine.elementsEqual(theirs) { return true }
                if !mine.contains(where: { $0 >= 0x80 }) && !theirs.contains(where: { $0 >= 0x80 }) { return false }
                return String(decoding: mine, as: UTF8.self) == String(decoding: theirs, as: UTF8.self)
            }
        }
    }

    /// An object's members in order: each name (a string node) and value.
    var members: Members { Members(node: self) }

    /// An array's elements in order.
    var elements: Elements { Elements(node: self) }

    /// Where a walk through a container's children is: the next child's token and the container's end.
    private struct Cursor {
        let tokens: UnsafeMutablePointer<JSONTape.Token>
        let bytes: UnsafeRawBufferPointer
        var at: Int
        let end: Int

        /// A cursor on the first child of `node`, or an empty walk when it is not of kind `kind`.
        init(_ node: JSONNode, _ kind: JSONKind) {
            tokens = node.tokens
            bytes = node.bytes
            at = node.index + 1
            end = node.kind == kind ? Int(node.tokens[node.index].next) : at
        }

        /// The node at token `index`.
        func node(_ index: Int) -> JSONNode { JSONNode(tokens: tokens, bytes: bytes, index: index) }
    }

    /// The members of an object node.
    struct Members: Sequence, IteratorProtocol {
        private var cursor: Cursor

        init(node: JSONNode) { cursor = Cursor(node, .object) }

        /// The next member.
        mutating func next() -> (name: JSONNode, value: JSONNode)? {
            guard cursor.at < cursor.end else { return nil }
            let member = (cursor.node(cursor.at), cursor.node(cursor.at + 1))
            cursor.at = Int(cursor.tokens[cursor.at + 1].next)
            return member
        }
    }

    /// The elements of an array node.
    struct Elements: Sequence, IteratorProtocol {
        private var cursor: Cursor

        init(node: JSONNode) { cursor = Cursor(node, .array) }

        /// The next element.
        mutating func next() -> JSONNode? {
            guard cursor.at < cursor.end else { return nil }
            let element = cursor.node(cursor.at)
            cursor.at = Int(cursor.tokens[cursor.at].next)
            return element
        }
    }

    // MARK: Building values

    /// The value as a `JSONValue` tree (what `JSONParser.parse` returns for the same text).
    func materialize() -> JSONValue {
        switch kind {
        case .null: return .null
        case .bool: return .bool(token.flags != 0)
        case .number: return .number(String(decoding: raw, as: UTF8.self))
        case .string: return .string(decodedString)
        case .array: return .array(elements.map { $0.materialize() })
        case .object: return .object(materializeObject())
        }
    }

    /// The members of an object node as a `JSONObject`.
    func materializeObject() -> JSONObject {
        var members: [JSONObject.Member] = []
        for (name, value) in self.members {
            members.append(JSONObject.Member(name.decodedString, value.materialize()))
        }
        return JSONObject(members)
    }
}

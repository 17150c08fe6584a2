/// Reads typed members out of a JSON object on a `JSONTape`, and on failure says which member
/// (as a path like `data.changes[2].element.id`) and what was expected.
struct FieldReader {
    /// The object read (a node of kind `.object`).
    let object: JSONNode
    /// Where the object is.
    let path: MemberPath

    /// Reads `object`, which must be an object node.
    init(object: JSONNode, path: MemberPath) {
        self.object = object
        self.path = path
    }

    /// Reads `value` as an object at `path` (`nil`, a missing member, counts as `null`).
    init(_ value: JSONNode?, path: MemberPath) throws(LedgerError) {
        guard let value, value.kind == .object else {
            throw LedgerError(.invalid, member: path.description, "expected an object, found \(value?.typeName ?? "null").")
        }
        self.init(object: value, path: path)
    }

    func memberPath(_ key: String) -> String {
        let path = self.path.description
        return path.isEmpty ? key : path + "." + key
    }

    func memberPath(_ key: StaticString) -> String { memberPath(key.description) }

    func fail(_ key: StaticString, _ expected: String, found value: JSONNode?) -> LedgerError {
        failure(key, expected, value?.materialize())
    }

    /// The same for a value computed from the member (e.g. a date out of order).
    func fail(_ key: StaticString, _ expected: String, foundValue value: JSONValue) -> LedgerError {
        failure(key, expected, value)
    }

    private func failure(_ key: StaticString, _ expected: String, _ value: JSONValue?) -> LedgerError {
        let found = value.map { " found \(describe($0))" } ?? " it is missing"
        return LedgerError(.invalid, member: memberPath(key), "expected \(expected);\(found).")
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s.count > 60 ? "a string \"\(s.prefix(60))…\"" : "\"\(s)\""
        case .number(let n): return n
        default: return value.typeName
        }
    }

    /// The member's value when present and not `null`.
    private func present(_ key: StaticString) -> JSONNode? {
        guard let value = object.member(key), !value.isNull else { return nil }
        return value
    }

    func has(_ key: StaticString) -> Bool { present(key) != nil }

    /// A non-empty string (`""` once checked when `detail` is `.check`).
    func string(_ key: StaticString) throws(LedgerError) -> String {
        let value = try nonEmptyString(key)
        return detail == .check ? "" : value.decodedString
    }

    /// A string, or `nil` when absent or `null` (`""` once checked when present and `detail` is `.check`).
    func optionalString(_ key: StaticString) throws(LedgerError) -> String? {
        guard let value = try presentString(key) else { return nil }
        return detail == .check ? "" : value.decodedString
    }

    /// A non-empty string whose content the decoder reads (to parse or compare it): built at every `detail`.
    func contentString(_ key: StaticString) throws(LedgerError) -> String {
        try nonEmptyString(key).decodedString
    }

    /// A string of exactly `count` ASCII digits (a SIREN), or `nil` when absent or `null`; checked
    /// on its bytes when written plainly, and `""` once checked when `detail` is `.check`.
    func optionalDigits(_ key: StaticString, count: Int) throws(LedgerError) -> String? {
        guard let value = try presentString(key) else { return nil }
        func isDigits(_ bytes: some Collection<UInt8>) -> Bool { bytes.count == count && bytes.allSatisfy { $0 >= 48 && $0 <= 57 } }
        if let ascii = value.plainASCII, isDigits(ascii) { return detail == .check ? "" : value.decodedString }
        let text = value.decodedString
        guard isDigits(text.utf8) else { throw fail(key, "\(count) digits", foundValue: .string(text)) }
        return text
    }

    /// A non-empty string parsed by `ascii` from its bytes when written as plain ASCII (no escape,
    /// nothing above 0x7F: then bytes compare as `String`s do), by `text` from its `String`
    /// otherwise; refused, with its value, as not `expected` when it does not parse.
    func parsedString<T>(
        _ key: StaticString, _ expected: String, ascii: (UnsafeRawBufferPointer) -> T?, text: (String) -> T?
    ) throws(LedgerError) -> T {
        let node = try nonEmptyString(key)
        let parsed: T? = if let bytes = node.plainASCII { ascii(bytes) } else { text(node.decodedString) }
        guard let parsed else { throw fail(key, expected, foundValue: .string(node.decodedString)) }
        return parsed
    }

    /// The member's node when it is a non-empty string.
    private func nonEmptyString(_ key: StaticString) throws(LedgerError) -> JSONNode {
        guard let value = object.member(key), value.kind == .string, !value.isEmptyString else {
            throw fail(key, "a non-empty string", found: object.member(key))
        }
        return value
    }

    /// The member's node when it is a string, `nil` when absent or `null`.
    private func presentString(_ key: StaticString) throws(LedgerError) -> JSONNode? {
        guard let value = present(key) else { return nil }
        guard value.kind == .string else { throw fail(key, "a string", found: value) }
        return value
    }

    /// How much the decoders reading this object build.
    var detail: DecodeDetail { path.detail }

    /// An optional free text: read as `optionalString`, but left `nil` (once checked) when `detail`
    /// is not `.full`.
    func optionalText(_ key: StaticString) throws(LedgerError) -> String? {
        guard detail != .full else { return try optionalString(key) }
        return try checkedOptionalString(key)
    }

    /// A `prev` or `hash` member (`SealText`), or `nil` when absent or `null`: built at every `detail`.
    func optionalSealText(_ key: StaticString) throws(LedgerError) -> SealText? {
        try presentString(key)?.withStringBytes { SealText(utf8: $0) }
    }

    /// Checks the member as `optionalString` does, builds nothing: always `nil`.
    func checkedOptionalString(_ key: StaticString) throws(LedgerError) -> String? {
        _ = try presentString(key)
        return nil
    }

    func int(_ key: StaticString, min minimum: Int = 0) throws(LedgerError) -> Int {
        try int(object.member(key), key, min: minimum)
    }

    private func int(_ value: JSONNode?, _ key: StaticString, min minimum: Int) throws(LedgerError) -> Int {
        guard let value, let n = value.int, n >= minimum, n <= 1_000_000_000 else {
            throw fail(key, "a whole number from \(minimum) to 1000000000", found: value)
        }
        return n
    }

    func optionalInt(_ key: StaticString, min minimum: Int = 0) throws(LedgerError) -> Int? {
        guard let value = present(key) else { return nil }
        return try int(value, key, min: minimum)
    }

    func optionalBool(_ key: StaticString) throws(LedgerError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard let b = value.bool else { throw fail(key, "true or false", found: value) }
        return b
    }

    func date(_ key: StaticString) throws(LedgerError) -> CivilDate {
        try date(object.member(key), key)
    }

    private func date(_ value: JSONNode?, _ key: StaticString) throws(LedgerError) -> CivilDate {
        guard let value, value.kind == .string, let date = value.withStringBytes({ CivilDate(utf8: $0) }) else {
            throw fail(key, "a date YYYY-MM-DD", found: value)
        }
        return date
    }

    func optionalDate(_ key: StaticString) throws(LedgerError) -> CivilDate? {
        guard let value = present(key) else { return nil }
        return try date(value, key)
    }

    func enumeration<E: NamedCases>(_ key: StaticString, _ type: E.Type) throws(LedgerError) -> E {
        try enumeration(object.member(key), key, type)
    }

    private func enumeration<E: NamedCases>(_ value: JSONNode?, _ key: StaticString, _ type: E.Type) throws(LedgerError) -> E {
        guard let value, let e = Self.enumerationCase(value, E.self) else {
            let names = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw fail(key, "one of \(names)", found: value)
        }
        return e
    }

    /// The case whose raw value the string node holds: compared as bytes, and as `String`s (which
    /// compare by canonical equivalence) only when the bytes match no case.
    private static func enumerationCase<E: NamedCases>(_ value: JSONNode, _ type: E.Type) -> E? {
        guard value.kind == .string else { return nil }
        let match = value.withStringBytes { bytes in
            E.namesAsBytes.first { candidate in
                candidate.name.count == bytes.count
                    && candidate.name.withUnsafeBytes { ByteWords.equal($0.baseAddress!, bytes.baseAddress!, bytes.count) }
            }?.value
        }
        if let match { return match }
        return E(rawValue: value.decodedString)
    }

    func nested(_ key: StaticString) throws(LedgerError) -> FieldReader {
        try nested(object.member(key), key)
    }

    private func nested(_ value: JSONNode?, _ key: StaticString) throws(LedgerError) -> FieldReader {
        guard let value, value.kind == .object else { throw fail(key, "an object", found: value) }
        return FieldReader(object: value, path: path.appending(key))
    }

    func optionalNested(_ key: StaticString) throws(LedgerError) -> FieldReader? {
        guard let value = present(key) else { return nil }
        return try nested(value, key)
    }

    /// Reads an array member, decoding each item with its own path (`key[i]`); when `detail` is
    /// `.check`, each item is decoded (checked) and the array returned is empty.
    func array<T>(_ key: StaticString, allowEmpty: Bool = true, _ decode: (JSONNode, MemberPath) throws(LedgerError) -> T) throws(LedgerError) -> [T] {
        guard let value = object.member(key), value.kind == .array, allowEmpty || !value.isEmptyContainer else {
            throw fail(key, allowEmpty ? "an array" : "a non-empty array", found: object.member(key))
        }
        var result: [T] = []
        let arrayPath = path.appending(key)
        let keeping = detail != .check
        for (index, item) in value.elements.enumerated() {
            let decoded = try decode(item, arrayPath.element(index))
            if keeping { result.append(decoded) }
        }
        return result
    }

    func optionalArray<T>(_ key: StaticString, _ decode: (JSONNode, MemberPath) throws(LedgerError) -> T) throws(LedgerError) -> [T]? {
        guard has(key) else { return nil }
        return try array(key, decode)
    }

    /// Reads an array of non-empty strings (checked, none built, when `detail` is `.check`).
    func strings(_ key: StaticString, allowEmpty: Bool = true) throws(LedgerError) -> [String] {
        let building = detail != .check
        return try array(key, allowEmpty: allowEmpty) { value, path throws(LedgerError) in
            try Self.checkNonEmptyString(value, path)
            return building ? value.decodedString : ""
        }
    }

    /// An array of free texts: read as `strings`, but left empty (once checked) when `detail` is
    /// not `.full`.
    func texts(_ key: StaticString) throws(LedgerError) -> [String] {
        guard detail != .full else { return try strings(key) }
        guard let value = object.member(key), value.kind == .array else { throw fail(key, "an array", found: object.member(key)) }
        let arrayPath = path.appending(key)
        for (index, item) in value.elements.enumerated() { try Self.checkNonEmptyString(item, arrayPath.element(index)) }
        return []
    }

    private static func checkNonEmptyString(_ value: JSONNode, _ path: MemberPath) throws(LedgerError) {
        guard value.kind == .string, !value.isEmptyString else {
            throw LedgerError(.invalid, member: path.description, "expected a non-empty string; found \(value.typeName).")
        }
    }

    /// Reads an object whose values are all strings as an element's fields, in member order (empty
    /// when `detail` is `.check`).
    func stringMap(_ key: StaticString) throws(LedgerError) -> [Element.Field]? {
        guard let value = present(key) else { return nil }
        let inner = try nested(value, key)
        var result: [Element.Field] = []
        for (name, value) in inner.object.members {
            guard value.kind == .string else {
                throw LedgerError(.invalid, member: inner.memberPath(name.decodedString), "expected a string; found \(value.typeName).")
            }
            if detail != .check { result.append(Element.Field(name: name.decodedString, value: value.decodedString)) }
        }
        return result
    }
}

/// A member path such as `data.changes[2].element.id`, kept in parts and written out only when an
/// error names it: most members read are never named. It also carries how much the decoders below
/// it build (`DecodeDetail`), since every decoder is handed its path.
struct MemberPath: CustomStringConvertible, ExpressibleByStringLiteral {
    /// The part already written out.
    private let base: String
    /// Up to three levels after `base`, each a member name and an array index (-1: none), kept
    /// unwritten; a deeper path writes the first levels out into `base`. Sixteen bytes a level: a
    /// path is copied for every member and array item a decoder reads.
    private var levels: (Level, Level, Level) = (.none, .none, .none)
    private var depth: UInt8 = 0
    /// How much the decoders reading under this path build.
    let detail: DecodeDetail

    private struct Level {
        /// The member name's UTF-8 bytes, a `StaticString`'s (which last as long as the program);
        /// `nil` for none.
        var key: UnsafePointer<UInt8>?
        var keyCount: Int32
        var index: Int32
        static var none: Level { Level(key: nil, keyCount: 0, index: -1) }

        /// The member name as written in messages.
        var keyText: String? { key.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(keyCount)), as: UTF8.self) } }
    }

    private init(base: String, detail: DecodeDetail) {
        self.base = base
        self.detail = detail
    }

    /// A path written out, e.g. `data`.
    init(_ path: String, detail: DecodeDetail = .full) {
        self.init(base: path, detail: detail)
    }

    /// A path written out, e.g. `data`.
    init(stringLiteral path: String) {
        self.init(path)
    }

    /// The path as written in messages.
    var description: String {
        var text = base
        for level in [levels.0, levels.1, levels.2].prefix(Int(depth)) {
            if let key = level.keyText { text = text.isEmpty ? key : text + "." + key }
            if level.index >= 0 { text += "[\(level.index)]" }
        }
        return text
    }

    private var last: Level {
        get {
            switch depth {
            case 1: return levels.0
            case 2: return levels.1
            case 3: return levels.2
            default: return .none
            }
        }
        set {
            switch depth {
            case 1: levels.0 = newValue
            case 2: levels.1 = newValue
            default: levels.2 = newValue
            }
        }
    }

    /// This path with one more level.
    private func pushing(_ level: Level) -> MemberPath {
        var path = depth < 3 ? self : MemberPath(base: description, detail: detail)
        path.depth += 1
        path.last = level
        return path
    }

    /// The path of a member of the object at this path.
    func appending(_ key: StaticString) -> MemberPath {
        guard key.hasPointerRepresentation else {
            // A one-character literal may be kept as a scalar, not as bytes: written out at once.
            let text = description
            return MemberPath(base: text.isEmpty ? key.description : text + "." + key.description, detail: detail)
        }
        return pushing(Level(key: key.utf8Start, keyCount: Int32(key.utf8CodeUnitCount), index: -1))
    }

    /// The path of an element of the array at this path.
    func element(_ index: Int) -> MemberPath {
        let index = Int32(clamping: index)
        guard depth > 0, last.index < 0 else { return pushing(Level(key: nil, keyCount: 0, index: index)) }
        var path = self
        path.last.index = index
        return path
    }
}

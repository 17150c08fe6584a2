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

    func string(_ key: StaticString) throws(LedgerError) -> String {
        guard let value = object.member(key), value.kind == .string, !value.isEmptyString else {
            throw fail(key, "a non-empty string", found: object.member(key))
        }
        return value.decodedString
    }

    func optionalString(_ key: StaticString) throws(LedgerError) -> String? {
        guard let value = present(key) else { return nil }
        guard let s = value.string else { throw fail(key, "a string", found: value) }
        return s
    }

    func int(_ key: StaticString, min minimum: Int = 0) throws(LedgerError) -> Int {
        guard let value = object.member(key), let n = value.int, n >= minimum, n <= 1_000_000_000 else {
            throw fail(key, "a whole number from \(minimum) to 1000000000", found: object.member(key))
        }
        return n
    }

    func optionalInt(_ key: StaticString, min minimum: Int = 0) throws(LedgerError) -> Int? {
        guard has(key) else { return nil }
        return try int(key, min: minimum)
    }

    func optionalBool(_ key: StaticString) throws(LedgerError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard let b = value.bool else { throw fail(key, "true or false", found: value) }
        return b
    }

    func date(_ key: StaticString) throws(LedgerError) -> CivilDate {
        guard let value = object.member(key), value.kind == .string, let date = value.withStringBytes({ CivilDate(utf8: $0) }) else {
            throw fail(key, "a date YYYY-MM-DD", found: object.member(key))
        }
        return date
    }

    func optionalDate(_ key: StaticString) throws(LedgerError) -> CivilDate? {
        guard has(key) else { return nil }
        return try date(key)
    }

    func enumeration<E: RawRepresentable<String> & CaseIterable>(_ key: StaticString, _ type: E.Type) throws(LedgerError) -> E {
        guard let value = object.member(key), let e = Self.enumerationCase(value, E.self) else {
            let names = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw fail(key, "one of \(names)", found: object.member(key))
        }
        return e
    }

    /// The case whose raw value the string node holds: compared as bytes, and as `String`s (which
    /// compare by canonical equivalence) only when the bytes match no case.
    private static func enumerationCase<E: RawRepresentable<String> & CaseIterable>(_ value: JSONNode, _ type: E.Type) -> E? {
        guard value.kind == .string else { return nil }
        let match = value.withStringBytes { bytes in
            E.allCases.first { candidate in
                let raw = candidate.rawValue.utf8
                guard raw.count == bytes.count else { return false }
                return raw.withContiguousStorageIfAvailable { name in
                    for offset in 0..<name.count where name[offset] != bytes[offset] { return false }
                    return true
                } ?? raw.elementsEqual(bytes)
            }
        }
        if let match { return match }
        return E(rawValue: value.decodedString)
    }

    func optionalEnumeration<E: RawRepresentable<String> & CaseIterable>(_ key: StaticString, _ type: E.Type) throws(LedgerError) -> E? {
        guard has(key) else { return nil }
        return try enumeration(key, type)
    }

    func nested(_ key: StaticString) throws(LedgerError) -> FieldReader {
        guard let value = object.member(key), value.kind == .object else {
            throw fail(key, "an object", found: object.member(key))
        }
        return FieldReader(object: value, path: path.appending(key))
    }

    func optionalNested(_ key: StaticString) throws(LedgerError) -> FieldReader? {
        guard has(key) else { return nil }
        return try nested(key)
    }

    /// Reads an array member, decoding each item with its own path (`key[i]`).
    func array<T>(_ key: StaticString, allowEmpty: Bool = true, _ decode: (JSONNode, MemberPath) throws(LedgerError) -> T) throws(LedgerError) -> [T] {
        guard let value = object.member(key), value.kind == .array, allowEmpty || !value.isEmptyContainer else {
            throw fail(key, allowEmpty ? "an array" : "a non-empty array", found: object.member(key))
        }
        var result: [T] = []
        let arrayPath = path.appending(key)
        for (index, item) in value.elements.enumerated() {
            result.append(try decode(item, arrayPath.element(index)))
        }
        return result
    }

    func optionalArray<T>(_ key: StaticString, _ decode: (JSONNode, MemberPath) throws(LedgerError) -> T) throws(LedgerError) -> [T]? {
        guard has(key) else { return nil }
        return try array(key, decode)
    }

    /// Reads an array of non-empty strings.
    func strings(_ key: StaticString, allowEmpty: Bool = true) throws(LedgerError) -> [String] {
        try array(key, allowEmpty: allowEmpty) { value, path throws(LedgerError) in
            guard value.kind == .string, !value.isEmptyString else {
                throw LedgerError(.invalid, member: path.description, "expected a non-empty string; found \(value.typeName).")
            }
            return value.decodedString
        }
    }

    /// Reads an object whose values are all strings, keeping member order.
    func stringMap(_ key: StaticString) throws(LedgerError) -> [(String, String)]? {
        guard has(key) else { return nil }
        let inner = try nested(key)
        var result: [(String, String)] = []
        for (name, value) in inner.object.members {
            guard let s = value.string else {
                throw LedgerError(.invalid, member: inner.memberPath(name.decodedString), "expected a string; found \(value.typeName).")
            }
            result.append((name.decodedString, s))
        }
        return result
    }
}

/// A member path such as `data.changes[2].element.id`, kept in parts and written out only when an
/// error names it: most members read are never named.
struct MemberPath: CustomStringConvertible, ExpressibleByStringLiteral {
    /// The part already written out.
    private let base: String
    /// A member name after `base`, if any.
    private let key: StaticString?
    /// An array index after that, if any.
    private let index: Int?

    private init(base: String, key: StaticString?, index: Int?) {
        self.base = base
        self.key = key
        self.index = index
    }

    /// A path written out, e.g. `data`.
    init(_ path: String) {
        self.init(base: path, key: nil, index: nil)
    }

    /// A path written out, e.g. `data`.
    init(stringLiteral path: String) {
        self.init(path)
    }

    /// The path as written in messages.
    var description: String {
        var text = base
        if let key { text = text.isEmpty ? key.description : text + "." + key.description }
        if let index { text += "[\(index)]" }
        return text
    }

    /// The path of a member of the object at this path.
    func appending(_ key: StaticString) -> MemberPath {
        if self.key == nil && index == nil { return MemberPath(base: base, key: key, index: nil) }
        return MemberPath(base: description, key: key, index: nil)
    }

    /// The path of an element of the array at this path.
    func element(_ index: Int) -> MemberPath {
        if self.index == nil { return MemberPath(base: base, key: key, index: index) }
        return MemberPath(base: description, key: nil, index: index)
    }
}

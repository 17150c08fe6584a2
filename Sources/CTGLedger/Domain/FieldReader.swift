/// Reads typed members out of a JSON object, and on failure says which member
/// (as a path like `data.changes[2].element.id`) and what was expected.
struct FieldReader {
    let object: JSONObject
    let path: String

    init(_ object: JSONObject, path: String) {
        self.object = object
        self.path = path
    }

    /// Reads `value` as an object at `path`.
    init(_ value: JSONValue, path: String) throws(LedgerError) {
        guard case .object(let object) = value else {
            throw LedgerError(.invalid, member: path, "expected an object, found \(value.typeName).")
        }
        self.init(object, path: path)
    }

    func memberPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func fail(_ key: String, _ expected: String, found value: JSONValue?) -> LedgerError {
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

    func has(_ key: String) -> Bool { object[key] != nil && object[key] != .null }

    func string(_ key: String) throws(LedgerError) -> String {
        guard let value = object[key], case .string(let s) = value, !s.isEmpty else {
            throw fail(key, "a non-empty string", found: object[key])
        }
        return s
    }

    func optionalString(_ key: String) throws(LedgerError) -> String? {
        guard has(key) else { return nil }
        guard case .string(let s) = object[key]! else { throw fail(key, "a string", found: object[key]) }
        return s
    }

    func int(_ key: String, min minimum: Int = 0) throws(LedgerError) -> Int {
        guard let value = object[key], let n = value.intValue, n >= minimum, n <= 1_000_000_000 else {
            throw fail(key, "a whole number from \(minimum) to 1000000000", found: object[key])
        }
        return n
    }

    func optionalInt(_ key: String, min minimum: Int = 0) throws(LedgerError) -> Int? {
        guard has(key) else { return nil }
        return try int(key, min: minimum)
    }

    func optionalBool(_ key: String) throws(LedgerError) -> Bool? {
        guard has(key) else { return nil }
        guard let b = object[key]!.boolValue else { throw fail(key, "true or false", found: object[key]) }
        return b
    }

    func date(_ key: String) throws(LedgerError) -> CivilDate {
        guard let value = object[key], case .string(let s) = value, let date = CivilDate(s) else {
            throw fail(key, "a date YYYY-MM-DD", found: object[key])
        }
        return date
    }

    func optionalDate(_ key: String) throws(LedgerError) -> CivilDate? {
        guard has(key) else { return nil }
        return try date(key)
    }

    func enumeration<E: RawRepresentable<String> & CaseIterable>(_ key: String, _ type: E.Type) throws(LedgerError) -> E {
        guard let value = object[key], case .string(let s) = value, let e = E(rawValue: s) else {
            let names = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw fail(key, "one of \(names)", found: object[key])
        }
        return e
    }

    func optionalEnumeration<E: RawRepresentable<String> & CaseIterable>(_ key: String, _ type: E.Type) throws(LedgerError) -> E? {
        guard has(key) else { return nil }
        return try enumeration(key, type)
    }

    func nested(_ key: String) throws(LedgerError) -> FieldReader {
        guard let value = object[key], case .object(let o) = value else {
            throw fail(key, "an object", found: object[key])
        }
        return FieldReader(o, path: memberPath(key))
    }

    func optionalNested(_ key: String) throws(LedgerError) -> FieldReader? {
        guard has(key) else { return nil }
        return try nested(key)
    }

    /// Reads an array member, decoding each item with its own path (`key[i]`).
    func array<T>(_ key: String, allowEmpty: Bool = true, _ decode: (JSONValue, String) throws(LedgerError) -> T) throws(LedgerError) -> [T] {
        guard let value = object[key], case .array(let items) = value, allowEmpty || !items.isEmpty else {
            throw fail(key, allowEmpty ? "an array" : "a non-empty array", found: object[key])
        }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            result.append(try decode(item, "\(memberPath(key))[\(index)]"))
        }
        return result
    }

    func optionalArray<T>(_ key: String, _ decode: (JSONValue, String) throws(LedgerError) -> T) throws(LedgerError) -> [T]? {
        guard has(key) else { return nil }
        return try array(key, decode)
    }

    /// Reads an array of non-empty strings.
    func strings(_ key: String, allowEmpty: Bool = true) throws(LedgerError) -> [String] {
        try array(key, allowEmpty: allowEmpty) { value, path throws(LedgerError) in
            guard case .string(let s) = value, !s.isEmpty else {
                throw LedgerError(.invalid, member: path, "expected a non-empty string; found \(value.typeName).")
            }
            return s
        }
    }

    /// Reads an object whose values are all strings, keeping member order.
    func stringMap(_ key: String) throws(LedgerError) -> [(String, String)]? {
        guard has(key) else { return nil }
        let inner = try nested(key)
        var result: [(String, String)] = []
        for member in inner.object.members {
            guard case .string(let s) = member.value else {
                throw LedgerError(.invalid, member: inner.memberPath(member.key), "expected a string; found \(member.value.typeName).")
            }
            result.append((member.key, s))
        }
        return result
    }
}

/// A JSON value that keeps what the ledger needs to keep: member order,
/// numbers exactly as written, and every member, known or not.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number, as its original text (validated against the JSON grammar).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The object, when this is an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The integer, when this is a number without fraction or exponent that fits in `Int`.
    public var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    /// The boolean, when this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// A short English name of the value's JSON type, for error messages.
    public var typeName: String { kind.typeName }

    /// The value's JSON type.
    var kind: JSONKind {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .number: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }
}

/// A JSON object whose members keep the order in which they were written.
public struct JSONObject: Hashable, Sendable {
    /// One `"key": value` member.
    public struct Member: Hashable, Sendable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: JSONValue
        /// Creates a member.
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in file order.
    public var members: [Member]

    /// Creates an object from members in order.
    public init(_ members: [Member] = []) {
        self.members = members
    }

    /// Creates an object from `(key, value)` pairs in order; `nil` values are left out.
    public init(pairs: [(String, JSONValue?)]) {
        self.members = pairs.compactMap { key, value in value.map { Member(key, $0) } }
    }

    /// The value of a member, or `nil` when absent.
    public subscript(key: String) -> JSONValue? {
        get {
            // Comparing lengths first skips most string comparisons: keys rarely share a length.
            let count = key.utf8.count
            for member in members where member.key.utf8.count == count && member.key == key { return member.value }
            return nil
        }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key, newValue))
            }
        }
    }

    /// The member names in order.
    public var keys: [String] { members.map(\.key) }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A number value.
    public init(integerLiteral value: Int) { self = .number(String(value)) }
}

extension JSONValue {
    /// A string value, or `null` when `nil`.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    /// A number value from an integer.
    static func int(_ value: Int) -> JSONValue { .number(String(value)) }
}

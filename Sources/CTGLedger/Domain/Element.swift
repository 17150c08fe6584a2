/// One addressable piece of a convention's content: an article, an annexe,
/// a fiche action, an action, an équipement.
public struct Element: Hashable, Sendable {
    /// The kinds of element the contract knows.
    public enum Kind: String, CaseIterable, Sendable {
        case article, annexe, fiche, action, equipement, other
    }

    /// The element's id, e.g. `fiche:aller-vers`.
    public var id: String
    /// What kind of element it is.
    public var kind: Kind
    /// Its title as the documents write it.
    public var title: String
    /// Its text, when recorded.
    public var text: String?
    /// Structured facts (échéance, axe, commune…), in the order written.
    public var fields: [Field]

    /// One named fact of an element.
    public struct Field: Hashable, Sendable {
        /// The field's name, e.g. `echeance`.
        public var name: String
        /// Its value.
        public var value: String
    }

    /// Creates an element.
    public init(id: String, kind: Kind, title: String, text: String? = nil, fields: [Field] = []) {
        self.id = id
        self.kind = kind
        self.title = title
        self.text = text
        self.fields = fields
    }

    /// The value of a field, or `nil`.
    public func field(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Sets a field, keeping its place when it exists.
    mutating func setField(_ name: String, _ value: String) {
        if let index = fields.firstIndex(where: { $0.name == name }) {
            fields[index].value = value
        } else {
            fields.append(Field(name: name, value: value))
        }
    }

    static func decode(_ value: JSONNode?, path: MemberPath) throws(LedgerError) -> Element {
        let r = try FieldReader(value, path: path)
        let fields = try r.stringMap("fields") ?? []
        return Element(
            id: try r.string("id"), kind: try r.enumeration("kind", Kind.self), title: try r.string("title"),
            text: try r.optionalText("text"), fields: fields)
    }

    /// The element as JSON (`id`, `kind`, `title`, `text`, `fields`).
    var json: JSONObject {
        JSONObject(pairs: [
            ("id", .string(id)), ("kind", .string(kind.rawValue)), ("title", .string(title)),
            ("text", .optional(text)),
            ("fields", .object(JSONObject(fields.map { JSONObject.Member($0.name, .string($0.value)) }))),
        ])
    }
}

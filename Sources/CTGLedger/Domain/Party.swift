/// A signatory of a convention: the Caf, a commune, an EPCI, the Département, the MSA.
public struct Party: Hashable, Sendable {
    /// The kinds of party the contract knows.
    public enum Kind: String, CaseIterable, Sendable {
        case caf, commune, epci, departement, msa, other
    }

    /// Who represents a party (e.g. the mayor).
    public struct Representative: Hashable, Sendable {
        /// The person's name.
        public var name: String
        /// The person's role, e.g. « Maire ».
        public var role: String
    }

    /// The party's id, e.g. `caf-27`.
    public var id: String
    /// The party's name as the documents write it.
    public var name: String
    /// What kind of body it is.
    public var kind: Kind
    /// The 9-digit SIREN, when known.
    public var siren: String?
    /// The population, when known.
    public var population: Int?
    /// Who represents it, when known.
    public var representative: Representative?
    /// The party as read, unknown members included.
    public var json: JSONObject

    static func decode(_ value: JSONNode?, path: MemberPath) throws(LedgerError) -> Party {
        let r = try FieldReader(value, path: path)
        if r.detail == .status {
            // Who signs and who gives notice is all a convention's status reads of its parties.
            return Party(id: try r.string("id"), name: "", kind: try r.enumeration("kind", Kind.self), json: JSONObject())
        }
        var representative: Representative?
        if let rep = try r.optionalNested("representative") {
            representative = Representative(name: try rep.string("name"), role: try rep.string("role"))
        }
        let siren = try r.optionalDigits("siren", count: 9)
        var party = Party(
            id: try r.string("id"), name: try r.string("name"), kind: try r.enumeration("kind", Kind.self),
            siren: siren, population: try r.optionalInt("population"), representative: representative,
            json: r.detail == .full ? r.object.materializeObject() : JSONObject())
        if r.detail == .full { party.shareStrings() }
        return party
    }

    /// Takes `id`, `name` and the representative's name and role from `json`, where the same
    /// strings are kept: a replay keeps every registration's parties, and two copies of each
    /// string would only cost memory.
    private mutating func shareStrings() {
        if let text = json["id"]?.stringValue, text == id { id = text }
        if let text = json["name"]?.stringValue, text == name { name = text }
        if let person = json["representative"]?.objectValue, let rep = representative {
            if let text = person["name"]?.stringValue, text == rep.name { representative?.name = text }
            if let text = person["role"]?.stringValue, text == rep.role { representative?.role = text }
        }
    }
}

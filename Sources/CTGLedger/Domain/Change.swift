/// One change an avenant makes to the convention.
public enum Change: Hashable, Sendable {
    /// A new element (refused if its id is in force).
    case add(Element)
    /// The element's whole content is replaced (« modifié »).
    case replace(id: String, element: Element)
    /// The element is completed (« complété »): fields set, title changed, text appended.
    case amend(id: String, set: [Element.Field], title: String?, appendText: String?)
    /// The element stops applying (« abrogé »).
    case abrogate(id: String, reason: String?)
    /// New end date of the convention.
    case extend(end: CivilDate)
    /// A new party joins.
    case addParty(Party)
    /// A party leaves.
    case removeParty(id: String)

    /// The `op` names of the contract.
    public enum Operation: String, CaseIterable, Sendable {
        case add, replace, amend, abrogate, extend
        case addParty = "add-party"
        case removeParty = "remove-party"
    }

    /// The element this change touches, if any.
    public var elementID: String? {
        switch self {
        case .add(let element): return element.id
        case .replace(let id, _), .amend(let id, _, _, _), .abrogate(let id, _): return id
        case .extend, .addParty, .removeParty: return nil
        }
    }

    /// `true` when the change carries an element's text or text to append (what `reducedForRules` drops).
    var carriesText: Bool {
        switch self {
        case .add(let element), .replace(_, let element): return element.text != nil
        case .amend(_, _, _, let appendText): return appendText != nil
        case .abrogate, .extend, .addParty, .removeParty: return false
        }
    }

    static func decode(_ value: JSONNode, path: MemberPath) throws(LedgerError) -> Change {
        let r = try FieldReader(value, path: path)
        switch try r.enumeration("op", Operation.self) {
        case .add:
            return .add(try Element.decode(r.object.member("element"), path: r.path.appending("element")))
        case .replace:
            let id = try r.contentString("id")
            let elementNode = r.object.member("element")
            let element = try Element.decode(elementNode, path: r.path.appending("element"))
            // The element was read whole: its id is a non-empty string.
            let elementID = r.detail == .check ? (try FieldReader(elementNode, path: r.path).contentString("id")) : element.id
            guard elementID == id else {
                throw LedgerError(.invalid, member: r.memberPath("element.id"), "expected the replaced element's id \"\(id)\"; found \"\(elementID)\".")
            }
            return .replace(id: id, element: element)
        case .amend:
            let set = try r.stringMap("set") ?? []
            let setIsEmpty = try r.optionalNested("set")?.object.isEmptyContainer ?? true
            let title = try r.optionalString("title")
            let appendText = try r.optionalText("append_text")
            if setIsEmpty && title == nil && appendText == nil && !r.has("append_text") {
                throw LedgerError(.invalid, member: path.description, "expected at least one of `set`, `title`, `append_text` in an amend change.")
            }
            return .amend(id: try r.string("id"), set: set, title: title, appendText: appendText)
        case .abrogate:
            return .abrogate(id: try r.string("id"), reason: try r.optionalString("reason"))
        case .extend:
            return .extend(end: try r.date("end"))
        case .addParty:
            return .addParty(try Party.decode(r.object.member("party"), path: r.path.appending("party")))
        case .removeParty:
            return .removeParty(id: try r.string("id"))
        }
    }
}

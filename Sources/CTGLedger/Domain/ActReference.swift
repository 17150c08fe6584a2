/// An act of the convention: the initial text (`convention`) or an avenant (`avenant:N`).
public enum ActReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The initial convention.
    case convention
    /// Avenant number N (N ≥ 1).
    case avenant(Int)

    /// Parses `convention` or `avenant:N`.
    public init?(_ text: String) {
        if text == "convention" {
            self = .convention
        } else if text.hasPrefix("avenant:"), let n = Int(text.dropFirst(8)), n >= 1, String(n) == text.dropFirst(8) {
            self = .avenant(n)
        } else {
            return nil
        }
    }

    /// `convention` or `avenant:N`.
    public var description: String {
        switch self {
        case .convention: return "convention"
        case .avenant(let n): return "avenant:\(n)"
        }
    }

    /// The act's name in French: « la convention », « l'avenant n° 2 ».
    public var frenchName: String {
        switch self {
        case .convention: return "la convention initiale"
        case .avenant(let n): return "l'avenant n° \(n)"
        }
    }

    /// Short French label: « convention initiale », « avenant n° 2 ».
    public var frenchLabel: String {
        switch self {
        case .convention: return "convention initiale"
        case .avenant(let n): return "avenant n° \(n)"
        }
    }

    public static func < (lhs: ActReference, rhs: ActReference) -> Bool {
        switch (lhs, rhs) {
        case (.convention, .avenant): return true
        case (.avenant(let a), .avenant(let b)): return a < b
        default: return false
        }
    }

    static func decode(_ r: FieldReader, _ key: StaticString) throws(LedgerError) -> ActReference {
        let text = try r.contentString(key)
        guard let act = ActReference(text) else {
            throw r.fail(key, "\"convention\" or \"avenant:N\" with N ≥ 1", foundValue: .string(text))
        }
        return act
    }
}

/// What an `act.transmitted` or a délibération refers to: an act, or a délibération by id.
public enum TransmittedAct: Hashable, Sendable, CustomStringConvertible {
    /// The convention or an avenant.
    case act(ActReference)
    /// A délibération, by its `id`.
    case deliberation(String)

    /// Parses `convention`, `avenant:N` or `deliberation:<id>`.
    public init?(_ text: String) {
        if let act = ActReference(text) {
            self = .act(act)
        } else if text.hasPrefix("deliberation:"), text.count > 13 {
            self = .deliberation(String(text.dropFirst(13)))
        } else {
            return nil
        }
    }

    /// The text form.
    public var description: String {
        switch self {
        case .act(let act): return act.description
        case .deliberation(let id): return "deliberation:\(id)"
        }
    }

    static func decode(_ r: FieldReader, _ key: StaticString) throws(LedgerError) -> TransmittedAct {
        let text = try r.contentString(key)
        guard let act = TransmittedAct(text) else {
            throw r.fail(key, "\"convention\", \"avenant:N\" or \"deliberation:<id>\"", foundValue: .string(text))
        }
        return act
    }
}

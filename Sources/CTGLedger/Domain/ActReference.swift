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

    /// Parses the same texts from plain ASCII bytes (`JSONNode.plainASCII`), without a `String`.
    init?(ascii bytes: UnsafeRawBufferPointer) {
        if ByteWords.equal(bytes, "convention") {
            self = .convention
            return
        }
        guard bytes.count > 8, ByteWords.equal(UnsafeRawBufferPointer(rebasing: bytes[0..<8]), "avenant:"),
            let n = ActReference.positiveDecimal(UnsafeRawBufferPointer(rebasing: bytes[8...]))
        else { return nil }
        self = .avenant(n)
    }

    /// The number written in `digits` as `String(n)` writes it (no sign, no leading zero), when it
    /// is at least 1 and fits in `Int`.
    private static func positiveDecimal(_ digits: UnsafeRawBufferPointer) -> Int? {
        guard let first = digits.first, first >= UInt8(ascii: "1"), first <= UInt8(ascii: "9") else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte &- UInt8(ascii: "0")))
            guard !overflow, !overflow2 else { return nil }
            value = sum
        }
        return value
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
        try r.parsedString(key, "\"convention\" or \"avenant:N\" with N ≥ 1", ascii: ActReference.init(ascii:), text: ActReference.init)
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

    /// Parses the same texts from plain ASCII bytes (`JSONNode.plainASCII`); only a délibération's
    /// id is built as a `String`.
    init?(ascii bytes: UnsafeRawBufferPointer) {
        if let act = ActReference(ascii: bytes) {
            self = .act(act)
        } else if bytes.count > 13, ByteWords.equal(UnsafeRawBufferPointer(rebasing: bytes[0..<13]), "deliberation:") {
            self = .deliberation(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[13...]), as: UTF8.self))
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
        try r.parsedString(
            key, "\"convention\", \"avenant:N\" or \"deliberation:<id>\"", ascii: TransmittedAct.init(ascii:), text: TransmittedAct.init)
    }
}

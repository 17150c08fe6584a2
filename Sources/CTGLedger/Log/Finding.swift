/// One problem found in a log by `verify`, a projection or a rule.
public struct Finding: Hashable, Sendable, CustomStringConvertible {
    /// Errors make a log invalid; warnings are findings a careful reader should see.
    public enum Severity: String, Sendable {
        case error, warning
    }

    /// Error or warning.
    public var severity: Severity
    /// The file, if known.
    public var file: String?
    /// The 1-based line, if known.
    public var line: Int?
    /// The event's `seq`, if known.
    public var seq: Int?
    /// The member at fault, if any.
    public var member: String?
    /// A short rule name, e.g. `chain`, `envelope.seq`, `votes.sum`.
    public var rule: String
    /// What is wrong, as a full sentence.
    public var message: String
    /// Where the rule comes from (a clause or code article), for domain rules.
    public var citation: String?

    /// Creates a finding.
    public init(
        _ severity: Severity, rule: String, file: String? = nil, line: Int? = nil, seq: Int? = nil,
        member: String? = nil, _ message: String, citation: String? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.file = file
        self.line = line
        self.seq = seq
        self.member = member
        self.message = message
        self.citation = citation
    }

    /// A finding from an error, keeping its place.
    init(_ error: LedgerError, rule: String, severity: Severity = .error) {
        self.init(severity, rule: rule, file: error.file, line: error.line, seq: error.seq, member: error.member, error.message)
    }

    /// `file:line: seq N: error [rule]: message (citation)`.
    public var description: String {
        var place: [String] = []
        if let file { place.append(line.map { "\(file):\($0)" } ?? file) } else if let line { place.append("line \(line)") }
        if let seq { place.append("seq \(seq)") }
        var text = place.joined(separator: ": ")
        if !text.isEmpty { text += ": " }
        text += "\(severity.rawValue) [\(rule)]: "
        if let member { text += "member `\(member)`: " }
        text += message
        if let citation { text += " (\(citation))" }
        return text
    }

    /// The finding as JSON for `--format json`.
    var json: JSONValue {
        .object(
            JSONObject(pairs: [
                ("severity", .string(severity.rawValue)), ("rule", .string(rule)), ("file", file.map(JSONValue.string)),
                ("line", line.map(JSONValue.int)), ("seq", seq.map(JSONValue.int)), ("member", member.map(JSONValue.string)),
                ("message", .string(message)), ("citation", citation.map(JSONValue.string)),
            ]))
    }
}

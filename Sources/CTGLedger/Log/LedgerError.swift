/// A refusal or failure, written for the person who typed the command.
///
/// It names where the fault is (file, line, `seq`, member) and what was
/// expected; `exitCode` follows the contract: 1 invalid, 2 usage, 3 I/O.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// The log, an event or a query is invalid (exit 1).
        case invalid
        /// The command was called wrongly (exit 2).
        case usage
        /// Reading, writing or locking failed (exit 3).
        case io
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// The file at fault (`<stdin>` for standard input), if any.
    public var file: String?
    /// The 1-based line, if known.
    public var line: Int?
    /// The event's `seq`, if known.
    public var seq: Int?
    /// The member at fault as a path such as `data.parties[1].kind`, if any.
    public var member: String?
    /// What is wrong and what was expected, as a full sentence.
    public var message: String

    /// Creates an error.
    public init(
        _ kind: Kind, file: String? = nil, line: Int? = nil, seq: Int? = nil, member: String? = nil,
        _ message: String
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.seq = seq
        self.member = member
        self.message = message
    }

    /// The process exit code for this error.
    public var exitCode: Int32 {
        switch kind {
        case .invalid: return 1
        case .usage: return 2
        case .io: return 3
        }
    }

    /// `file:line: (seq N) member `x`: message`.
    public var description: String {
        var place = ""
        if let file { place += file }
        if let line { place += (place.isEmpty ? "line " : ":") + String(line) }
        var parts: [String] = []
        if !place.isEmpty { parts.append(place) }
        if let seq { parts.append("seq \(seq)") }
        if let member { parts.append("member `\(member)`") }
        return parts.isEmpty ? message : parts.joined(separator: ", ") + ": " + message
    }

    /// The same error located in a file and line (keeps what is already set).
    func located(file: String?, line: Int?, seq: Int? = nil) -> LedgerError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.line == nil { copy.line = line }
        if copy.seq == nil { copy.seq = seq }
        return copy
    }
}

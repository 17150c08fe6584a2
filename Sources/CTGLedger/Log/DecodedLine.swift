/// One log line decoded on its own (JSON, envelope, payload), before the checks that need the
/// lines before it (`seq`, ids, `recorded`, the chain), which `LogScanner.accept` makes in order.
struct DecodedLine: Sendable {
    /// What the line holds.
    enum Outcome: Sendable {
        /// The final fragment of the file, without `\n`.
        case torn
        /// The line ends with CR LF.
        case carriageReturn
        /// An empty line.
        case blank
        /// Not valid JSON.
        case notJSON(JSONSyntaxError)
        /// Valid JSON, but not an object (the JSON type's name).
        case notObject(String)
        /// An object that is not a valid event; `seq` as written, when it is a number.
        case badEnvelope(LedgerError, seq: Int?)
        /// A well-formed event; whether `hash` is its last member.
        case event(Event, hashIsLastMember: Bool)
    }

    /// 1-based line number (set by whoever reads lines in order).
    var number: Int
    /// Byte offset of the line in the file.
    var offset: Int
    /// Length in bytes, without the `\n`.
    var length: Int
    /// The first line starts with a UTF-8 byte order mark.
    var byteOrderMark = false
    var outcome: Outcome
    /// For a line that is not an event: the hash written at its end, when it ends like a sealed line.
    var writtenHash: String?
    /// For an event: the line ends exactly with `,"hash":"<64 characters>"}`.
    var sealSuffix = false
    /// For an event with `sealSuffix`, when asked: the SHA-256 of the line before `,"hash":`.
    var computedHash: SHA256Digest?
    /// For a registration checked by `FastLineCheck`: where its `data.elements` array is in the
    /// line (offsets from the line's first byte), which a read back at `DecodeDetail.status` skips.
    var elements: Range<Int>?

    /// `true` for the final fragment of the file, without `\n`.
    var isTorn: Bool {
        if case .torn = outcome { return true }
        return false
    }

    /// A line whose outcome is still to be decoded.
    init(number: Int, offset: Int, length: Int, outcome: Outcome) {
        self.number = number
        self.offset = offset
        self.length = length
        self.outcome = outcome
    }
}

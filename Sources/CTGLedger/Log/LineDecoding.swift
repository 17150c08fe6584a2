/// How a pass over a log decodes its lines: what each event keeps of its line and how much of its
/// `data` is built (`DecodeDetail`). Every line is checked whole whatever this says.
struct LineDecoding: Sendable {
    /// Events keep a copy of their line, for `Event.object` (the members as written); passes that
    /// read only the decoded fields turn it off and save a copy of every line.
    var keepsLines = true
    /// How much of each event's `data` is built.
    var detail = DecodeDetail.full
    /// A pass that keeps one convention's events: only that convention's are built as asked above;
    /// the others are checked (`DecodeDetail.check`) and keep no line. `nil`: every event is built.
    var focus: String?
    /// The pass reads the payloads of the events it is handed. Off (a pass at `DecodeDetail.check`
    /// or `.envelope` that reads only envelopes, such as the first pass of `list`), each line is
    /// first checked by `FastLineCheck`, and an event it vouches for carries a blank payload of its
    /// type (`EventPayload.sharedBlank`); the lines it is not sure of are decoded as before. The
    /// lines outside a `focus` are checked that way whatever this says.
    var readsPayload = true

    /// Whether lines are checked by `FastLineCheck` first.
    var checksFast: Bool {
        focus != nil || readsNoPayload
    }

    private var readsNoPayload: Bool {
        !readsPayload && (detail == .check || detail == .envelope)
    }

    /// Whether the event `FastLineCheck` read from `line` (its `envelope`) is all the pass needs of
    /// it: when the pass reads no payload, or the line is outside its focus.
    func takesFastCheck(_ envelope: FastLineCheck.Envelope, of line: UnsafeRawBufferPointer) -> Bool {
        if readsNoPayload { return true }
        guard let focus else { return false }
        // Conventions compare by their bytes (`ExactID`); the fast check read them unescaped.
        return !focus.withUTF8Bytes { $0.elementsEqual(UnsafeRawBufferPointer(rebasing: line[envelope.convention])) }
    }
}

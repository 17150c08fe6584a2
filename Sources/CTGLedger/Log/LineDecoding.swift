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
}

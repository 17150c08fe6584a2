/// How much of an event's `data` the decoders build.
///
/// `full`, `withoutTexts` and `check` check a line exactly the same way, so a line is a well-formed
/// event, or not, at each of them (the same errors, naming the same members); the lighter ones only
/// leave out what their readers never look at. `status` also skips checks: it is for lines already
/// read as well-formed. Long passes over a log (a full replay, `verify`) decode millions of lines,
/// and free texts are most of their bytes.
enum DecodeDetail: Sendable {
    /// Everything, as written.
    case full
    /// Without the free texts no projection of the status and no rule reads: element texts and
    /// texts appended by avenants, délibérations' decisions, notes, summaries and the place of a
    /// signature (checked, then left `nil` or empty), a party's members as written
    /// (`Party.json`, left empty), and the envelope's `prev` and `hash` (checked, left `nil`): for
    /// lines read back, whose chain the pass that found them checked.
    case withoutTexts
    /// What a convention's status and period depend on (`ConventionDigest`), for lines already
    /// read as well-formed events: as `withoutTexts`, and also without a registration's elements
    /// and a signature's signatories, which are neither built nor checked (the parser only skips
    /// over them: `JSONTape.parse(_:skipping:)`), and with parties reduced to
    /// their ids and kinds (who signs, who gives notice; their other members are not read).
    case status
    /// Everything checked, almost nothing built: `data` is a hollow value of the right type, its
    /// strings empty (`""` for a string that is present, `nil` for one that is absent; free texts
    /// `nil`), its arrays and maps empty, a correction's data an empty object (strings a decoder
    /// parses, such as act references, are built). For passes that read only the
    /// envelope (the first pass of `verify` and of a full replay) and must still know whether
    /// each line is a well-formed event.
    case check

    /// The data not read at all: the parser skips over it (`JSONTape.Skip.data`) and `data` is a
    /// blank value of the event's type (`EventPayload.blank`). Unlike the levels above, a line
    /// whose data is bad (even as JSON) reads here as a well-formed event; a line that does not is
    /// read again at `check` (`LogScanner.decode`), so that its verdict is the one every other level
    /// gives. For a first pass whose every event is decoded again, checked, by a second pass
    /// (`verify`), which starts over at `check` when one is not.
    case envelope

    /// Whether the envelope's `prev` and `hash` are built (at every level they are checked): not
    /// for lines read back (`withoutTexts`, `status`), whose chain the pass that found them checked.
    var buildsSeal: Bool {
        switch self {
        case .withoutTexts, .status: return false
        case .full, .check, .envelope: return true
        }
    }

    /// What the parser only skips over at this level (`JSONTape.Skip`).
    var skipped: JSONTape.Skip {
        switch self {
        case .status: return .dataLists
        case .envelope: return .data
        case .full, .withoutTexts, .check: return .nothing
        }
    }
}

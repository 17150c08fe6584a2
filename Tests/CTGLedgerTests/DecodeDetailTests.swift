import Foundation
import Testing

@testable import CTGLedger

/// The lighter decodings (`DecodeDetail`) that long passes use judge every line as the full one
/// does, and build the same values but for what they leave out (issue 5).
@Suite struct DecodeDetailTests {
    /// The lines of the real logs and of a generated ledger (every type of event, corrections and
    /// annulments included).
    static let lines: [[UInt8]] = {
        var paths = StreamingTests.logs
        let generated = try? ReplayPropertyTests.generatedLog(events: 1500, seed: 11)
        if let generated { paths.append(generated.path) }
        defer { generated?.directory.remove() }
        return paths.flatMap { path -> [[UInt8]] in
            let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            return data.split(separator: 0x0A).map { Array($0) }
        }
    }()

    /// How a line was judged: the event's envelope, or the error with its member and message.
    private static func verdict(_ line: [UInt8], _ detail: DecodeDetail, focus: String? = nil) -> (verdict: String, event: Event?) {
        line.withUnsafeBytes { bytes in
            let raw = RawLine(number: 1, offset: 0, bytes: bytes, terminated: true)
            let decoding = LineDecoding(keepsLines: false, detail: detail, focus: focus)
            let decoded = LogScanner.decode(raw, tape: JSONTape(), hashing: false, decoding: decoding)
            switch decoded.outcome {
            case .event(let event, let hashIsLast):
                return ("event \(event.seq) \(event.id) \(event.convention) \(event.type) \(hashIsLast)", event)
            case .badEnvelope(let error, let seq):
                return ("invalid \(String(describing: seq)) \(error.description)", nil)
            case .notJSON(let error):
                return ("not JSON \(error.description)", nil)
            default:
                return ("other", nil)
            }
        }
    }

    /// The payload as the rules and the status read it: texts, places and parties as written left out.
    private static func comparable(_ event: Event, partiesAsIDs: Bool = false) -> EventPayload {
        var payload = event.reducedForRules().payload
        func bare(_ party: Party) -> Party {
            if partiesAsIDs { return Party(id: party.id, name: "", kind: party.kind, json: JSONObject()) }
            var copy = party
            copy.json = JSONObject()
            return copy
        }
        switch payload {
        case .conventionRegistered(var registered):
            registered.parties = registered.parties.map(bare)
            payload = .conventionRegistered(registered)
        case .actSigned(var signed):
            signed.place = nil
            payload = .actSigned(signed)
        case .avenantConcluded(var avenant):
            avenant.changes = avenant.changes.map { change in
                if case .addParty(let party) = change { return .addParty(bare(party)) }
                return change
            }
            payload = .avenantConcluded(avenant)
        default:
            break
        }
        return payload
    }

    @Test func everyRealLineIsJudgedAndBuiltAlikeAtEveryDetail() {
        #expect(Self.lines.count > 500)
        for line in Self.lines {
            let full = Self.verdict(line, .full)
            let light = Self.verdict(line, .withoutTexts)
            let check = Self.verdict(line, .check)
            #expect(light.verdict == full.verdict)
            #expect(check.verdict == full.verdict)
            #expect(Self.verdict(line, .envelope).verdict == full.verdict)
            // A pass that keeps one convention builds its events whole, and only checks the others'.
            #expect(Self.verdict(line, .full, focus: "ctg-none").verdict == full.verdict)
            guard let fullEvent = full.event, let lightEvent = light.event else { continue }
            #expect(Self.verdict(line, .full, focus: fullEvent.convention).event?.payload == fullEvent.payload)
            if case .conventionRegistered(let registered)? = Self.verdict(line, .full, focus: "ctg-none").event?.payload {
                #expect(registered.parties.isEmpty && registered.elements.isEmpty)
            }
            #expect(Self.comparable(lightEvent) == Self.comparable(fullEvent), "\(fullEvent.id)")
            // What the status reads is there at `.status` too: of the parties, their ids and kinds.
            if let status = Self.verdict(line, .status).event, let kept = ConventionDigest.statusRelevant(status),
                let reference = ConventionDigest.statusRelevant(fullEvent)
            {
                #expect(Self.comparable(kept) == Self.comparable(reference, partiesAsIDs: true), "\(fullEvent.id)")
            }
        }
    }

    /// The focus of a pass is matched as the pass compares conventions (`String` equality): a
    /// convention written with a decomposed accent is the one asked with a composed accent, and its
    /// events are built whole, not left hollow.
    /// A party's SIREN is checked on its bytes when written plainly, through its `String` when
    /// escaped: 9 digits pass at every level and are kept as written; anything else is refused,
    /// named, at every level.
    @Test func sirensAreJudgedAlikeAtEveryDetail() throws {
        func line(_ siren: String) -> [UInt8] {
            let parties = #"[{"id":"caf","name":"Caf","kind":"caf","siren":"\#(siren)"}]"#
            let data = #"{"title":"T","kind":"CTG","territory":"P","parties":\#(parties),"start":"2026-01-01","end":"2030-12-31","elements":[]}"#
            return Array(
                #"{"seq":1,"id":"r","convention":"c","type":"convention.registered","recorded":"2026-01-01T00:00:00Z","effective":"2026-01-01","data":\#(data)}"#
                    .utf8)
        }
        for siren in ["200066405", #"\u0032\u00300066405"#] {
            for detail in [DecodeDetail.full, .withoutTexts, .check] {
                let event = try #require(Self.verdict(line(siren), detail).event, "\(siren) at \(detail)")
                guard detail != .check, case .conventionRegistered(let registered) = event.payload else { continue }
                #expect(registered.parties.first?.siren == "200066405")
            }
        }
        for siren in ["20006640", "2000664051", "20006640a", "2000664é5", #"\u00320006640"#, ""] {
            for detail in [DecodeDetail.full, .withoutTexts, .check] {
                let judged = Self.verdict(line(siren), detail)
                #expect(judged.event == nil, "\(siren) at \(detail)")
                #expect(judged.verdict.contains("data.parties[0].siren") && judged.verdict.contains("9 digits"), "\(judged.verdict)")
            }
        }
    }

    /// A focus names its convention by its bytes (escapes decoded): a composed "é" does not match a
    /// decomposed one, as the index and every pass compare conventions.
    @Test func focusMatchesConventionsByTheirBytes() {
        let decomposed = "ctg-valle\u{301}e"
        for written in [decomposed, #"ctg-valle\u0301e"#] {
            let line = Array(
                #"{"seq":1,"id":"e1","convention":"\#(written)","type":"action.progress","recorded":"2026-01-01T00:00:00Z","effective":"2026-01-01","data":{"element":"action:a","status":"done","date":"2026-01-01","note":"fait"}}"#
                    .utf8)
            guard case .actionProgress(let progress)? = Self.verdict(line, .full, focus: decomposed).event?.payload,
                case .actionProgress(let composed)? = Self.verdict(line, .full, focus: "ctg-vall\u{E9}e").event?.payload,
                case .actionProgress(let other)? = Self.verdict(line, .full, focus: "ctg-vallee").event?.payload
            else {
                Issue.record("the line is not read as an action.progress event")
                return
            }
            #expect(progress.element == "action:a" && progress.note == "fait", "\(written)")
            #expect(composed.element.isEmpty && composed.note == nil, "\(written)")
            #expect(other.element.isEmpty && other.note == nil, "\(written)")
        }
    }

    /// Damaged copies of the real lines: a member of `data`, anywhere in it, removed or given a
    /// value of another type; each is judged the same way, with the same message, at every detail
    /// that checks.
    @Test func damagedLinesAreJudgedAlikeAtEveryDetail() throws {
        var random = SplitMix64(seed: 5)
        let replacements: [JSONValue] = [
            .null, .number("5"), .string(""), .string("x"), .array([.number("1")]), .object(JSONObject()), .bool(true),
        ]
        var invalid = 0
        for line in Self.lines {
            guard case .object(var event) = try JSONParser.parse(line), let data = event["data"] else { continue }
            for _ in 0..<4 {
                var damaged = data
                var paths: [[PathStep]] = []
                Self.collectPaths(data, [], into: &paths)
                guard let path = paths.randomElement(using: &random) else { continue }
                let replacement = Bool.random(using: &random) ? nil : replacements.randomElement(using: &random)
                Self.replace(&damaged, at: path[...], with: replacement)
                event["data"] = damaged
                var bytes: [UInt8] = []
                JSONWriter.write(.object(event), into: &bytes)
                let full = Self.verdict(bytes, .full).verdict
                #expect(Self.verdict(bytes, .withoutTexts).verdict == full)
                #expect(Self.verdict(bytes, .check).verdict == full)
                // `.envelope` reads no data: a line with bad data may read as an event; any other verdict is the full one.
                let envelope = Self.verdict(bytes, .envelope).verdict
                #expect(envelope == full || (envelope.hasPrefix("event") && full.hasPrefix("invalid")), "\(envelope) / \(full)")
                if full.hasPrefix("invalid") { invalid += 1 }
            }
        }
        // Most damage is caught: the comparison is not only between well-formed lines.
        #expect(invalid > Self.lines.count)
    }

    /// One step of a path into a JSON value: a member or an array item.
    enum PathStep {
        case member(String)
        case element(Int)
    }

    /// Every path into `value` (members and items, at every depth).
    static func collectPaths(_ value: JSONValue, _ path: [PathStep], into paths: inout [[PathStep]]) {
        switch value {
        case .object(let object):
            for member in object.members {
                let next = path + [.member(member.key)]
                paths.append(next)
                collectPaths(member.value, next, into: &paths)
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                let next = path + [.element(index)]
                paths.append(next)
                collectPaths(item, next, into: &paths)
            }
        default:
            break
        }
    }

    /// Replaces the value at `path` (removes it when `replacement` is `nil`).
    static func replace(_ value: inout JSONValue, at path: ArraySlice<PathStep>, with replacement: JSONValue?) {
        guard let step = path.first else { return }
        let last = path.count == 1
        switch (value, step) {
        case (.object(var object), .member(let key)):
            if last {
                if let replacement { object[key] = replacement } else { object.members.removeAll { $0.key == key } }
            } else if var inner = object[key] {
                replace(&inner, at: path.dropFirst(), with: replacement)
                object[key] = inner
            }
            value = .object(object)
        case (.array(var items), .element(let index)):
            if last {
                if let replacement { items[index] = replacement } else { items.remove(at: index) }
            } else {
                replace(&items[index], at: path.dropFirst(), with: replacement)
            }
            value = .array(items)
        default:
            break
        }
    }
}

// Renders a planned event as one JSON line (envelope and data), in the member
// order of the contract: seq, id, convention, type, recorded, effective,
// source?, data (then prev and hash, added by the writer when sealing).

struct Renderer {
    /// Writes the envelope and data of `stub`, without the closing brace.
    static func event(_ conv: Convention, _ stub: Stub, seq: Int, into out: inout JSONBytes) {
        out.raw("{\"seq\":")
        out.int(seq)
        out.raw(",\"id\":")
        eventId(conv, Int(stub.ordinal), into: &out)
        out.raw(",\"convention\":")
        out.string(conv.slug)
        out.raw(",\"type\":\"")
        out.raw(stub.type.json)
        out.raw("\",\"recorded\":")
        out.timestamp(stub.recorded)
        out.raw(",\"effective\":")
        out.date(Int(stub.effective))
        source(conv, stub, into: &out)
        out.raw(",\"data\":")
        data(conv, stub.type, Int(stub.index), original: true, into: &out)
    }

    static func eventId(_ conv: Convention, _ ordinal: Int, into out: inout JSONBytes) {
        out.raw("\"")
        out.bytes.append(contentsOf: conv.slug.utf8)  // slugs are plain ASCII
        out.raw("/e")
        out.int(ordinal + 1)
        out.raw("\"")
    }

    private static func source(_ conv: Convention, _ stub: Stub, into out: inout JSONBytes) {
        switch stub.type {
        case .registered:
            out.raw(",\"source\":{\"document\":")
            out.string(conv.slug + "_convention.pdf")
            out.raw(",\"note\":")
            out.string("texte arrêté le " + Days.french(conv.settled))
            out.raw("}")
        case .avenant:
            out.raw(",\"source\":{\"document\":")
            out.string(conv.slug + "_avenant-\(conv.avenants[Int(stub.index)].number).pdf")
            out.raw("}")
        case .annulled:
            out.raw(",\"source\":{\"note\":\"décision notifiée aux parties\"}")
        default:
            break
        }
    }

    // MARK: - Data

    static func data(_ conv: Convention, _ type: EventType, _ index: Int, original: Bool, into out: inout JSONBytes) {
        switch type {
        case .registered: registered(conv, into: &out)
        case .deliberation: deliberation(conv, index, original: original, into: &out)
        case .transmitted: transmitted(conv, index, into: &out)
        case .signed: signed(conv, index, into: &out)
        case .avenant: avenant(conv, index, into: &out)
        case .notified: notified(conv, index, into: &out)
        case .withdrawn: withdrawn(conv, index, into: &out)
        case .annulled: annulled(conv, index, into: &out)
        case .corrected: corrected(conv, index, into: &out)
        case .review: review(conv, index, original: original, into: &out)
        case .progress: progress(conv, index, into: &out)
        }
    }

    private static func registered(_ conv: Convention, into out: inout JSONBytes) {
        let caf = conv.parties[0]
        out.raw("{\"title\":")
        out.string("Convention territoriale globale \(conv.territory.name) \(Days.year(conv.start))-\(Days.year(originalEnd(conv)))")
        out.raw(",\"kind\":\"CTG\",\"territory\":")
        out.string(conv.territory.name)
        out.raw(",\"parties\":[")
        for (i, p) in conv.initialParties.enumerated() {
            if i > 0 { out.raw(",") }
            party(conv.parties[p], into: &out)
        }
        out.raw("],\"start\":")
        out.date(conv.start)
        out.raw(",\"end\":")
        out.date(originalEnd(conv))
        out.raw(",\"elements\":[")
        var first = true
        for element in conv.elements.prefix(conv.initialElementCount) {
            if !first { out.raw(",") }
            first = false
            Texts.element(conv, element, caf: caf, into: &out)
        }
        out.raw("]}")
    }

    /// The end as registered, before any extension by avenant.
    static func originalEnd(_ conv: Convention) -> Int { conv.registeredEnd }

    static func party(_ party: Party, into out: inout JSONBytes) {
        out.raw("{\"id\":")
        out.string(party.id)
        out.raw(",\"name\":")
        out.string(party.name)
        out.raw(",\"kind\":\"")
        out.raw(party.kind.json)
        out.raw("\",\"siren\":")
        out.string(party.siren)
        if let population = party.population {
            out.raw(",\"population\":")
            out.int(population)
        }
        out.raw(",\"representative\":{\"name\":")
        out.string(party.representative.name)
        out.raw(",\"role\":")
        out.string(party.representative.role)
        out.raw("}}")
    }

    private static func deliberation(_ conv: Convention, _ index: Int, original: Bool, into out: inout JSONBytes) {
        let d = conv.deliberations[index]
        let party = conv.parties[d.party]
        out.raw("{\"id\":")
        out.string(d.id)
        out.raw(",\"party\":")
        out.string(party.id)
        out.raw(",\"body\":")
        out.string(party.body)
        out.raw(",\"number\":")
        out.string(original ? (d.wrongNumber ?? d.number) : d.number)
        out.raw(",\"session\":")
        out.date(d.session)
        out.raw(",\"convocation\":")
        out.date(d.convocation)
        out.raw(",\"members\":{\"in_office\":")
        out.int(d.inOffice)
        out.raw(",\"present\":")
        out.int(d.present)
        out.raw(",\"proxies\":")
        out.int(d.proxies)
        out.raw(",\"voting\":")
        out.int(d.present + d.proxies)
        out.raw("},\"votes\":{\"for\":")
        out.int(d.votesFor)
        out.raw(",\"against\":")
        out.int(d.votesAgainst)
        out.raw(",\"abstain\":")
        out.int(d.abstain)
        out.raw("},\"unanimous\":")
        out.bool(d.votesAgainst == 0 && d.abstain == 0)
        out.raw(",\"act\":")
        out.string(d.act == 0 ? "convention" : "avenant:\(d.act)")
        out.raw(",\"decisions\":")
        var rng = SplitMix64(seed: d.seed)
        let territory = conv.territory.name
        let caf = conv.parties[0].name
        var decisions: [String] = []
        if d.act == 0 {
            let period = "\(Days.year(conv.start))-\(Days.year(originalEnd(conv)))"
            decisions.append(
                party.kind == .caf
                    ? "approuve la convention territoriale globale \(period) avec les collectivités du territoire"
                    : "approuve la convention territoriale globale \(period) avec la \(caf)")
            decisions.append("autorise \(party.authorises) à la signer")
            if rng.percent(15) {
                decisions.append("désigne \(party.representative.name) au comité de pilotage")
            }
        } else {
            decisions.append("approuve l'avenant n° \(d.act) à la convention territoriale globale \(territory)")
            decisions.append("autorise \(party.authorises) à le signer")
        }
        out.strings(decisions)
        out.raw("}")
    }

    private static func transmitted(_ conv: Convention, _ index: Int, into out: inout JSONBytes) {
        let t = conv.transmissions[index]
        let d = conv.deliberations[t.deliberation]
        let party = conv.parties[d.party]
        out.raw("{\"act\":")
        out.string("deliberation:" + d.id)
        out.raw(",\"actes_id\":\"0")
        out.bytes.append(contentsOf: conv.territory.departement.code.utf8)
        out.raw("-")
        out.bytes.append(contentsOf: party.siren.utf8)
        out.raw("-")
        out.bytes.append(contentsOf: Days.compact(d.session).utf8)
        out.raw("-")
        out.bytes.append(contentsOf: d.number.utf8)
        out.raw("-DE\",\"sent\":")
        out.date(t.sent)
        out.raw(",\"received\":")
        out.date(t.received)
        if let published = t.published {
            out.raw(",\"published\":")
            out.date(published)
        }
        out.raw("}")
    }

    private static func signed(_ conv: Convention, _ index: Int, into out: inout JSONBytes) {
        let s = conv.signings[index]
        out.raw("{\"act\":")
        out.string(s.act == 0 ? "convention" : "avenant:\(s.act)")
        out.raw(",\"parties\":[")
        for (i, p) in s.parties.enumerated() {
            if i > 0 { out.raw(",") }
            out.string(conv.parties[p].id)
        }
        out.raw("],\"date\":")
        out.date(s.date)
        out.raw(",\"place\":")
        out.string(s.place)
        out.raw(",\"signatories\":[")
        var first = true
        for p in s.parties {
            let party = conv.parties[p]
            for person in [party.representative] + (party.coSignatory.map { [$0] } ?? []) {
                if !first { out.raw(",") }
                first = false
                out.raw("{\"name\":")
                out.string(person.name)
                out.raw(",\"role\":")
                out.string(person.role)
                out.raw(",\"party\":")
                out.string(party.id)
                out.raw("}")
            }
        }
        out.raw("]}")
    }

    private static func avenant(_ conv: Convention, _ index: Int, into out: inout JSONBytes) {
        let a = conv.avenants[index]
        let caf = conv.parties[0]
        out.raw("{\"number\":")
        out.int(a.number)
        out.raw(",\"title\":")
        out.string("Avenant n° \(a.number) à la convention territoriale globale \(conv.territory.name)")
        out.raw(",\"effective_from\":")
        out.date(a.effectiveFrom)
        if let until = a.effectiveUntil {
            out.raw(",\"effective_until\":")
            out.date(until)
        }
        out.raw(",\"changes\":[")
        for (i, change) in a.changes.enumerated() {
            if i > 0 { out.raw(",") }
            switch change {
            case .add(let element):
                out.raw("{\"op\":\"add\",\"element\":")
                Texts.element(conv, element, caf: caf, into: &out)
                out.raw("}")
            case .replace(let element):
                out.raw("{\"op\":\"replace\",\"id\":")
                out.string(element.id)
                out.raw(",\"element\":")
                Texts.element(conv, element, caf: caf, into: &out)
                out.raw("}")
            case .amendSet(let id, let key, let value):
                out.raw("{\"op\":\"amend\",\"id\":")
                out.string(id)
                out.raw(",\"set\":{")
                out.string(key)
                out.raw(":")
                out.string(value)
                out.raw("}}")
            case .amendText(let id, let text):
                out.raw("{\"op\":\"amend\",\"id\":")
                out.string(id)
                out.raw(",\"append_text\":")
                out.string(text)
                out.raw("}")
            case .amendTitle(let id, let title):
                out.raw("{\"op\":\"amend\",\"id\":")
                out.string(id)
                out.raw(",\"title\":")
                out.string(title)
                out.raw("}")
            case .abrogate(let id, let reason):
                out.raw("{\"op\":\"abrogate\",\"id\":")
                out.string(id)
                out.raw(",\"reason\":")
                out.string(reason)
                out.raw("}")
            case .extend(let end):
                out.raw("{\"op\":\"extend\",\"end\":")
                out.date(end)
                out.raw("}")
            case .addParty(let p):
                out.raw("{\"op\":\"add-party\",\"party\":")
                party(conv.parties[p], into: &out)
                out.raw("}")
            }
        }
        out.raw("]}")
    }

    private static func notified(_ conv: Convention, _ index: Int, into out: inout JSONBytes) {
        let n = conv.notices[index]
        out.raw("{\"id\":")
        out.string(n.id)
        out.raw(",\"kind\":\"")
        out.raw(n.kind.json)
        out.raw("\",\"by\":")
        out.string(conv.parties[n.by].id)
        out.raw(",\"sent\":")
        out.date(n.sent)
        if let endsOn = n.endsOn {
            out.raw(",\"ends_on\":")
            out.date(endsOn)
        }
        out.raw("}")
    }

    private static func withdrawn(_ conv: Convention, _ index: Int, into out: inout JSONBytes) {
        let w = conv.withdrawals[index]
        out.raw("{\"notice\":")
        out.string(conv.notices[w.notice].id)
        out.raw(",\"date\":")
        out.date(w.date)
        out.raw(",\"reason\":")
        out.string(w.reason)
        out.raw("}")
    }

    private static func annulled(_ conv: Convention, _ index: Int, into out: inout JSONBytes) {
        let a = conv.annulments[index]
        out.raw("{\"element\":")
        out.string(a.element)
        out.raw(",\"decision\":{\"court\":")
        out.string(a.court)
        out.raw(",\"reference\":")
        out.string(a.reference)
        out.raw("},\"date\":")
        out.date(a.date)
        out.raw("}")
    }

    private static func corrected(_ conv: Convention, _ index: Int, into out: inout JSONBytes) {
        let c = conv.corrections[index]
        out.raw("{\"target\":")
        eventId(conv, c.targetOrdinal, into: &out)
        out.raw(",\"reason\":")
        switch c.target {
        case .deliberation(let d):
            let deliberation = conv.deliberations[d]
            out.string("numéro de délibération erroné : \(deliberation.wrongNumber ?? "") au lieu de \(deliberation.number)")
            out.raw(",\"data\":")
            data(conv, .deliberation, d, original: false, into: &out)
        case .review(let r):
            out.string("compte rendu rectifié après approbation par les membres du comité")
            out.raw(",\"data\":")
            data(conv, .review, r, original: false, into: &out)
        }
        out.raw("}")
    }

    private static func review(_ conv: Convention, _ index: Int, original: Bool, into out: inout JSONBytes) {
        let r = conv.reviews[index]
        out.raw("{\"kind\":\"")
        out.raw(r.kind.json)
        out.raw("\",\"date\":")
        out.date(r.date)
        out.raw(",\"summary\":")
        out.string(Vocabulary.reviewSummaries[original ? (r.wrongSummary ?? r.summary) : r.summary])
        out.raw("}")
    }

    private static func progress(_ conv: Convention, _ index: Int, into out: inout JSONBytes) {
        let p = conv.progress[index]
        out.raw("{\"element\":")
        out.string(p.element)
        out.raw(",\"status\":\"")
        out.raw(p.status.json)
        out.raw("\",\"date\":")
        out.date(p.date)
        if let note = p.note {
            out.raw(",\"note\":")
            out.string(Vocabulary.progressNotes[note])
        }
        out.raw("}")
    }
}

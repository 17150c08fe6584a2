/// One sentence in French for each event, for `history` and other listings.
public enum EventDescriber {
    /// Describes an event (its decoded payload, corrections applied).
    public static func describe(_ event: Event) -> String {
        switch event.payload {
        case .conventionRegistered(let c):
            return
                "Convention enregistrée : « \(c.title) » (\(c.territory)), du \(FrenchText.date(c.start)) au \(FrenchText.date(c.end)) ; \(FrenchText.count(c.parties.count, "partie", "parties")), \(FrenchText.count(c.elements.count, "élément", "éléments"))."
        case .deliberationAdopted(let d):
            var text = "Délibération n° \(d.number) (\(d.body), \(d.party)), séance du \(FrenchText.date(d.session)) : porte sur \(actName(d.act))"
            if let m = d.members {
                let counts = [("en exercice", m.inOffice), ("présents", m.present), ("pouvoirs", m.proxies), ("votants", m.voting)]
                    .compactMap { name, value in value.map { "\(name) \($0)" } }
                if !counts.isEmpty { text += " ; " + counts.joined(separator: ", ") }
            }
            if let v = d.votes {
                text +=
                    " ; pour \(v.votesFor.map(String.init) ?? "?"), contre \(v.against.map(String.init) ?? "?"), abstentions \(v.abstain.map(String.init) ?? "?")"
            }
            if d.unanimous == true { text += " ; à l'unanimité" }
            return text + "."
        case .actTransmitted(let t):
            var text = "Transmission en préfecture de \(actName(t.act)) : envoyé le \(FrenchText.date(t.sent))"
            if let r = t.received { text += ", reçu le \(FrenchText.date(r))" }
            if let p = t.published { text += ", publié le \(FrenchText.date(p))" }
            if let id = t.actesID { text += " ; ID \(id)" }
            return text + "."
        case .actSigned(let s):
            return "Signature de \(s.act.frenchName) par \(s.parties.joined(separator: ", ")) \(FrenchText.onDate(s.date))\(s.place.map { " à \($0)" } ?? "")."
        case .avenantConcluded(let a):
            var text = "Avenant n° \(a.number) « \(a.title) » : effet à compter du \(FrenchText.date(a.effectiveFrom))"
            if let until = a.effectiveUntil { text += " jusqu'au \(FrenchText.date(until))" }
            text += " ; " + a.changes.map(describe).joined(separator: " ; ")
            return text + "."
        case .terminationNotified(let n):
            return
                "\(n.kind.frenchName.capitalizedFirst) notifiée par \(n.by) le \(FrenchText.date(n.sent)) ; dernier jour en vigueur : \(FrenchText.date(n.lastDayInForce))."
        case .terminationWithdrawn(let w):
            return "Préavis \(w.notice) retiré le \(FrenchText.date(w.date))\(w.reason.map { " (\($0))" } ?? "")."
        case .stipulationAnnulled(let a):
            return
                "Stipulation \(a.element) annulée par décision du \(FrenchText.date(a.date))\([a.court, a.reference].compactMap { $0 }.isEmpty ? "" : " (\([a.court, a.reference].compactMap { $0 }.joined(separator: ", ")))") : réputée non écrite."
        case .eventCorrected(let c):
            return "Correction de l'événement \(c.target) : \(c.reason)."
        case .reviewHeld(let r):
            return "\(r.kind.frenchName.capitalizedFirst) tenu le \(FrenchText.date(r.date))\(r.summary.map { " : \($0)" } ?? "")."
        case .actionProgress(let p):
            return "Avancement de \(p.element) au \(FrenchText.date(p.date)) : \(p.status.frenchName)\(p.note.map { " — \($0)" } ?? "")."
        }
    }

    /// One change of an avenant in French.
    public static func describe(_ change: Change) -> String {
        switch change {
        case .add(let e): return "ajoute \(e.id) « \(e.title) »"
        case .replace(let id, let e): return "modifie \(id) (nouveau texte : « \(e.title) »)"
        case .amend(let id, _, _, _): return "complète \(id)"
        case .abrogate(let id, let reason): return "abroge \(id)\(reason.map { " (\($0))" } ?? "")"
        case .extend(let end): return "prolonge la convention jusqu'au \(FrenchText.date(end))"
        case .addParty(let p): return "ajoute la partie \(p.name)"
        case .removeParty(let id): return "retire la partie \(id)"
        }
    }

    static func actName(_ act: TransmittedAct) -> String {
        switch act {
        case .act(let a): return a.frenchName
        case .deliberation(let id): return "la délibération \(id)"
        }
    }
}

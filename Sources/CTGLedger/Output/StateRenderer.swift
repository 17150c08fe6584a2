/// Renders a `ConventionState` as the JSON of section 6, as French text, or as Markdown.
public enum StateRenderer {
    /// The JSON object of section 6 (plus documented extensions: `title`, `territory`,
    /// element `progress`, avenant `title`/`concluded_on`/`in_effect`, `draft_text`).
    public static func json(_ s: ConventionState) -> JSONValue {
        let period: JSONValue =
            if let start = s.start, let end = s.end {
                .object(JSONObject(pairs: [("start", .string(start.description)), ("end", .string(end.description))]))
            } else { .null }
        let parties = s.parties.map { JSONValue.object($0.json) }
        let elements = s.elements.map { e -> JSONValue in
            var object = e.element.json
            object["introduced_by"] = .string(e.introducedBy.description)
            object["changed_by"] = .optional(e.changedBy?.description)
            object["since"] = .string(e.since.description)
            if let p = e.progress {
                object["progress"] = .object(
                    JSONObject(pairs: [("status", .string(p.status.rawValue)), ("date", .string(p.date.description)), ("note", p.note.map(JSONValue.string))]))
            }
            return .object(object)
        }
        let abrogated = s.abrogated.map { a -> JSONValue in
            .object(
                JSONObject(pairs: [
                    ("id", .string(a.id)), ("by", .string(a.by?.description ?? "annulment")), ("on", .string(a.on.description)),
                    ("title", a.title.map(JSONValue.string)), ("reason", a.reason.map(JSONValue.string)),
                ]))
        }
        let avenants = s.avenants.map { a -> JSONValue in
            .object(
                JSONObject(pairs: [
                    ("number", .int(a.number)), ("effective_from", .string(a.effectiveFrom.description)),
                    ("effective_until", .optional(a.effectiveUntil?.description)), ("concluded", .bool(a.concluded)),
                    ("title", .string(a.title)), ("concluded_on", .optional(a.concludedOn?.description)), ("in_effect", .bool(a.inEffect)),
                ]))
        }
        let termination: JSONValue =
            if let t = s.termination {
                .object(
                    JSONObject(pairs: [
                        ("id", .string(t.id)), ("kind", .string(t.kind.rawValue)), ("sent", .string(t.sent.description)),
                        ("last_day_in_force", .string(t.lastDayInForce.description)), ("withdrawn", .bool(t.withdrawn)), ("by", .string(t.by)),
                    ]))
            } else { .null }
        let warnings = s.warnings.map { w -> JSONValue in
            .object(JSONObject(pairs: [("seq", w.seq.map(JSONValue.int) ?? .null), ("message", .string(w.message))]))
        }
        return .object(
            JSONObject(pairs: [
                ("convention", .string(s.convention)), ("at", .string(s.at.description)), ("as_of", .optional(s.asOf?.description)),
                ("status", .string(s.status.rawValue)), ("period", period), ("parties", .array(parties)), ("elements", .array(elements)),
                ("abrogated", .array(abrogated)), ("avenants", .array(avenants)), ("termination", termination),
                ("concluded_on", .optional(s.concludedOn?.description)), ("warnings", .array(warnings)),
                ("last_seq", s.lastSeq.map(JSONValue.int) ?? .null), ("title", .optional(s.title)), ("territory", .optional(s.territory)),
                ("draft_text", .bool(s.showsDraft)),
            ]))
    }

    /// The state in French for people.
    public static func text(_ s: ConventionState) -> String {
        var out: [String] = []
        out.append("\(s.title ?? "Convention") (\(s.convention))")
        var when = "État au \(FrenchText.date(s.at))"
        if let asOf = s.asOf { when += ", " + FrenchText.asOf(asOf) }
        out.append("\(when) : \(s.status.french)")
        if let start = s.start, let end = s.end {
            out.append("Période : du \(FrenchText.date(start)) au \(FrenchText.date(end))")
        }
        if let on = s.concludedOn { out.append("Conclue \(FrenchText.onDate(on)) (date de la dernière signature)") }
        if let t = s.termination {
            var line =
                "\(t.kind.frenchName.capitalizedFirst) notifiée \(FrenchText.onDate(t.sent)) par \(s.parties.first { $0.id == t.by }?.name ?? t.by) : dernier jour en vigueur \(FrenchText.onDate(t.lastDayInForce))"
            if t.withdrawn { line += " (préavis retiré)" }
            out.append(line)
        }
        if !s.parties.isEmpty {
            out.append("")
            out.append("Parties :")
            for p in s.parties {
                out.append("  - \(p.name) (\(FrenchText.partyKind(p.kind)))\(p.representative.map { ", représentée par \($0.name), \($0.role)" } ?? "")")
            }
        }
        if s.status == .draft && !s.showsDraft {
            out.append("")
            out.append(
                "La convention n'est pas conclue (toutes les signatures ne sont pas enregistrées) : aucune stipulation ne s'applique. `--draft` montre le texte en projet."
            )
        }
        if !s.elements.isEmpty {
            out.append("")
            out.append(
                s.showsDraft
                    ? "Texte en projet (\(FrenchText.count(s.elements.count, "élément", "éléments"))) :" : "Éléments en vigueur (\(s.elements.count)) :")
            for e in s.elements {
                var origin = e.introducedBy.frenchLabel
                if let changed = e.changedBy { origin += ", modifié par \(changed.frenchName)" }
                var line = "  - \(e.element.id) — \(e.element.title) [\(origin), depuis \(FrenchText.onDate(e.since))]"
                if let echeance = e.element.field("echeance") { line += " ; échéance : \(echeance)" }
                if let p = e.progress { line += " ; avancement : \(p.status.frenchName) (\(FrenchText.date(p.date)))" }
                out.append(line)
            }
        }
        if !s.abrogated.isEmpty {
            out.append("")
            out.append("Abrogés ou annulés (\(s.abrogated.count)) :")
            for a in s.abrogated {
                let how =
                    a.by.map { "abrogé par \($0.frenchName) à compter du \(FrenchText.date(a.on))" }
                    ?? "annulé par décision de justice du \(FrenchText.date(a.on)), réputé non écrit"
                out.append("  - \(a.id)\(a.title.map { " — \($0)" } ?? "") : \(how)")
            }
        }
        if !s.avenants.isEmpty {
            out.append("")
            out.append("Avenants :")
            for a in s.avenants {
                var line = "  - avenant n° \(a.number) — \(a.title) : effet à compter du \(FrenchText.date(a.effectiveFrom))"
                if let until = a.effectiveUntil { line += " jusqu'au \(FrenchText.date(until))" }
                line += a.concluded ? " ; conclu\(a.concludedOn.map { " " + FrenchText.onDate($0) } ?? "")" : " ; non conclu (signatures manquantes)"
                if a.concluded && !a.inEffect { line += " ; n'est plus en vigueur" }
                out.append(line)
            }
        }
        if !s.warnings.isEmpty {
            out.append("")
            out.append("Avertissements :")
            for w in s.warnings { out.append("  - \(w)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The state as a Markdown document in French.
    public static func markdown(_ s: ConventionState) -> String {
        var out: [String] = []
        out.append("# \(s.title ?? "Convention") (`\(s.convention)`)")
        out.append("")
        out.append("- **État au \(FrenchText.date(s.at))** : \(s.status.french)\(s.asOf.map { " (\(FrenchText.asOf($0)))" } ?? "")")
        if let start = s.start, let end = s.end { out.append("- **Période** : du \(FrenchText.date(start)) au \(FrenchText.date(end))") }
        if let on = s.concludedOn { out.append("- **Conclue** \(FrenchText.onDate(on))") }
        if let t = s.termination {
            out.append(
                "- **\(t.kind.frenchName.capitalizedFirst)** notifiée \(FrenchText.onDate(t.sent)) : dernier jour en vigueur \(FrenchText.onDate(t.lastDayInForce))\(t.withdrawn ? " (préavis retiré)" : "")"
            )
        }
        if !s.parties.isEmpty {
            out.append("")
            out.append("## Parties")
            out.append("")
            for p in s.parties { out.append("- \(p.name) (\(FrenchText.partyKind(p.kind)))") }
        }
        if !s.elements.isEmpty {
            out.append("")
            out.append(s.showsDraft ? "## Texte en projet" : "## Éléments en vigueur")
            out.append("")
            out.append("| Élément | Titre | Origine | Depuis | Échéance |")
            out.append("|---|---|---|---|---|")
            for e in s.elements {
                var origin = e.introducedBy.frenchLabel
                if let changed = e.changedBy { origin += ", modifié par \(changed.frenchName)" }
                out.append(
                    "| `\(e.element.id)` | \(cell(e.element.title)) | \(origin) | \(FrenchText.date(e.since)) | \(cell(e.element.field("echeance") ?? "")) |")
            }
        }
        if !s.abrogated.isEmpty {
            out.append("")
            out.append("## Abrogés ou annulés")
            out.append("")
            for a in s.abrogated {
                let how =
                    a.by.map { "abrogé par \($0.frenchName) à compter du \(FrenchText.date(a.on))" }
                    ?? "annulé (réputé non écrit), décision du \(FrenchText.date(a.on))"
                out.append("- `\(a.id)`\(a.title.map { " — \(cell($0))" } ?? "") : \(how)")
            }
        }
        if !s.avenants.isEmpty {
            out.append("")
            out.append("## Avenants")
            out.append("")
            for a in s.avenants {
                out.append(
                    "- avenant n° \(a.number) — \(cell(a.title)) : effet du \(FrenchText.date(a.effectiveFrom))\(a.effectiveUntil.map { " au \(FrenchText.date($0))" } ?? "") ; \(a.concluded ? "conclu" : "non conclu")"
                )
            }
        }
        if !s.warnings.isEmpty {
            out.append("")
            out.append("## Avertissements")
            out.append("")
            for w in s.warnings { out.append("- \(w)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}

extension String {
    /// The string with its first letter in upper case.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

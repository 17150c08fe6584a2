/// Renders histories, element lives and diffs as French text or JSON.
public enum HistoryRenderer {
    /// A convention's events in order, in French.
    public static func text(_ history: ConventionHistory) -> String {
        var out = ["Historique de \(history.convention)\(history.asOf.map { " (\(FrenchText.asOf($0)))" } ?? "") :"]
        for event in history.events {
            var line = "  seq \(event.seq) — \(FrenchText.date(event.effective)) — \(EventDescriber.describe(event))"
            if let correction = history.correction(of: event.id) { line += " (corrigé par seq \(correction.seq) : \(correction.reason))" }
            if let s = event.source { line += " [source : \([s.document, s.note].compactMap { $0 }.joined(separator: ", "))]" }
            out.append(line)
        }
        for warning in history.warnings { out.append("  avertissement : \(warning)") }
        return out.joined(separator: "\n") + "\n"
    }

    /// A convention's events in order, as JSON.
    public static func json(_ history: ConventionHistory) -> JSONValue {
        let events = history.events.map { event -> JSONValue in
            .object(
                JSONObject(pairs: [
                    ("seq", .int(event.seq)), ("id", .string(event.id)), ("type", .string(event.type.rawValue)),
                    ("effective", .string(event.effective.description)), ("recorded", .string(event.recorded.description)),
                    ("summary", .string(EventDescriber.describe(event))), ("source", event.object["source"] ?? .null),
                    ("data", event.data),
                    ("corrected_by", history.correction(of: event.id).map { .int($0.seq) } ?? .null),
                ]))
        }
        return .object(
            JSONObject(pairs: [
                ("convention", .string(history.convention)), ("as_of", .optional(history.asOf?.description)), ("events", .array(events)),
                ("warnings", .array(history.warnings.map { .string($0.description) })),
            ]))
    }

    private static func verb(_ kind: ElementLifeStep.Kind) -> String {
        switch kind {
        case .introduced: return "introduit par"
        case .replaced: return "modifié par"
        case .completed: return "complété par"
        case .abrogated: return "abrogé par"
        case .annulled: return "annulé par décision de justice (réputé non écrit)"
        case .restored: return "redevient tel qu'avant"
        case .progress: return "avancement :"
        }
    }

    /// One element's life, in French.
    public static func text(_ life: ElementLife) -> String {
        var out = ["\(life.id)\(life.title.map { " — \($0)" } ?? "")"]
        for step in life.steps {
            var line = "  \(FrenchText.date(step.date)) : \(verb(step.kind))"
            if let act = step.act, step.kind != .restored { line += " \(act.frenchName)" }
            if let detail = step.detail, !detail.isEmpty { line += step.kind == .progress ? " \(detail)" : " — \(detail)" }
            line += " (seq \(step.seq))"
            if !step.concluded { line += " — acte non conclu : sans effet tant que toutes les parties n'ont pas signé" }
            if let source = step.source { line += " [source : \(source)]" }
            out.append(line)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// One element's life, as JSON.
    public static func json(_ life: ElementLife) -> JSONValue {
        .object(
            JSONObject(pairs: [
                ("element", .string(life.id)), ("title", .optional(life.title)),
                (
                    "life",
                    .array(
                        life.steps.map { step in
                            .object(
                                JSONObject(pairs: [
                                    ("kind", .string(step.kind.rawValue)), ("date", .string(step.date.description)),
                                    ("act", .optional(step.act?.description)), ("seq", .int(step.seq)), ("concluded", .bool(step.concluded)),
                                    ("detail", .optional(step.detail)), ("source", .optional(step.source)),
                                ]))
                        })
                ),
            ]))
    }

    /// A diff as French text or Markdown.
    public static func text(_ diff: StateDiff, markdown: Bool) -> String {
        let bullet = markdown ? "- " : "  - "
        var out: [String] = []
        out.append(markdown ? "# Changements de \(diff.from.convention)" : "Changements de \(diff.from.convention)")
        out.append(
            (markdown ? "" : "")
                + "Du \(FrenchText.date(diff.from.at)) (\(diff.from.status.french)) au \(FrenchText.date(diff.to.at)) (\(diff.to.status.french))")
        if diff.from.end != diff.to.end, let end = diff.to.end {
            out.append("Fin de la convention : \(diff.from.end.map(FrenchText.date) ?? "inconnue") → \(FrenchText.date(end))")
        }
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            out.append("")
            out.append(markdown ? "## \(title)" : "\(title) :")
            out += lines.map { bullet + $0 }
        }
        section("Ajoutés", diff.added.map { "\($0.element.id) — \($0.element.title) (\($0.introducedBy.frenchLabel), depuis \(FrenchText.onDate($0.since)))" })
        section(
            "Modifiés",
            diff.changed.map {
                "\($0.after.element.id) — \($0.after.element.title) (\($0.after.changedBy.map { "par \($0.frenchName)" } ?? "origine changée"), depuis \(FrenchText.onDate($0.after.since)))"
            })
        section(
            "Retirés",
            diff.removed.map { r in
                let why =
                    r.abrogation.map { a in a.by.map { "abrogé par \($0.frenchName) à compter du \(FrenchText.date(a.on))" } ?? "annulé (réputé non écrit)" }
                    ?? "ne s'applique plus (fin d'effet d'un avenant ou de la convention)"
                return "\(r.element.element.id) — \(r.element.element.title) : \(why)"
            })
        if diff.added.isEmpty && diff.changed.isEmpty && diff.removed.isEmpty {
            out.append("")
            out.append("Aucun changement des stipulations entre ces deux dates.")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A diff as JSON.
    public static func json(_ diff: StateDiff) -> JSONValue {
        func brief(_ e: ElementState) -> JSONObject {
            JSONObject(pairs: [
                ("id", .string(e.element.id)), ("title", .string(e.element.title)), ("introduced_by", .string(e.introducedBy.description)),
                ("changed_by", .optional(e.changedBy?.description)), ("since", .string(e.since.description)),
            ])
        }
        return .object(
            JSONObject(pairs: [
                ("convention", .string(diff.from.convention)), ("from", .string(diff.from.at.description)), ("to", .string(diff.to.at.description)),
                ("as_of", .optional(diff.to.asOf?.description)),
                ("status", .object(JSONObject(pairs: [("from", .string(diff.from.status.rawValue)), ("to", .string(diff.to.status.rawValue))]))),
                ("end", .object(JSONObject(pairs: [("from", .optional(diff.from.end?.description)), ("to", .optional(diff.to.end?.description))]))),
                ("added", .array(diff.added.map { .object(brief($0)) })),
                (
                    "changed",
                    .array(
                        diff.changed.map { c in
                            var o = brief(c.after)
                            o["before"] = .object(c.before.element.json)
                            o["after"] = .object(c.after.element.json)
                            return .object(o)
                        })
                ),
                (
                    "removed",
                    .array(
                        diff.removed.map { r in
                            var o = brief(r.element)
                            o["by"] = r.abrogation.map { .string($0.by?.description ?? "annulment") } ?? .null
                            o["on"] = .optional(r.abrogation?.on.description)
                            o["reason"] = .string(r.abrogation == nil ? "lapsed" : (r.abrogation!.by == nil ? "annulled" : "abrogated"))
                            return .object(o)
                        })
                ),
            ]))
    }
}

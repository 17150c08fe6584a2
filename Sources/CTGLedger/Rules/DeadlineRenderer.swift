/// `ctg deadlines` output: French text for people, JSON with English keys for scripts.
enum DeadlineRenderer {
    static let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// « mardi 30 juin 2026 ».
    static func day(_ date: CivilDate) -> String {
        weekdays[date.isoWeekday - 1] + " " + FrenchText.date(date)
    }

    /// The schedule in French.
    static func text(_ s: Deadlines.Schedule) -> String {
        var lines: [String] = []
        let name = [s.title, s.territory.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        lines.append("Échéances de la convention \(s.convention)" + (name.isEmpty ? "" : " — \(name)"))
        var scope = "À partir du \(FrenchText.date(s.at))"
        if let until = s.until { scope += " jusqu'au \(FrenchText.date(until))" }
        scope += " ; statut à cette date : \(s.status.french)"
        if let start = s.start, let end = s.end { scope += " ; période du \(FrenchText.date(start)) au \(FrenchText.date(end))" }
        lines.append(scope + ".")
        if s.status == .draft {
            lines.append("La convention n'est pas conclue (toutes les parties n'ont pas signé) : dates calculées sur le texte tel que rédigé.")
        }
        if s.status == .expired || s.status == .terminated {
            lines.append("La convention a pris fin : elle ne rend plus rien exigible.")
        }
        let dated = s.deadlines.filter { $0.date != nil }
        let undated = s.deadlines.filter { $0.date == nil }
        lines.append("")
        if dated.isEmpty { lines.append("Aucune échéance datée.") }
        for deadline in dated {
            let date = deadline.date!
            lines.append("\(date) (\(weekdays[date.isoWeekday - 1])) : \(deadline.title)")
            lines += notes(deadline).map { "    " + $0 }
        }
        if !undated.isEmpty {
            lines.append("")
            lines.append("Échéances non datées :")
            for deadline in undated {
                lines.append(
                    "- \(deadline.key ?? "") : \(deadline.title) — échéance écrite « \(deadline.echeance ?? "") » ; avancement : \(progress(deadline.progress))"
                )
            }
        }
        if !s.withoutEcheance.isEmpty {
            lines.append("")
            let list = s.withoutEcheance.count <= 10 ? " : " + s.withoutEcheance.joined(separator: ", ") : ""
            lines.append(
                "\(FrenchText.count(s.withoutEcheance.count, "fiche ou action en vigueur n'indique", "fiches ou actions en vigueur n'indiquent")) pas d'échéance\(list)."
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// « en cours depuis le 1er avril 2027 (note) », « aucun suivi enregistré ».
    static func progress(_ progress: ActionProgress?) -> String {
        guard let progress else { return "aucun suivi enregistré" }
        return "\(progress.status.frenchName) (\(FrenchText.onDate(progress.date)))" + (progress.note.map { " — \($0)" } ?? "")
    }

    /// The schedule as JSON with English keys.
    static func json(_ s: Deadlines.Schedule) -> JSONValue {
        func date(_ d: CivilDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }
        let deadlines = s.deadlines.filter { $0.date != nil }.map { deadline -> JSONValue in
            var nonWorking = JSONValue.null
            if let reason = deadline.nonWorkingReason, let next = deadline.nextWorkingDay {
                nonWorking = .object(JSONObject(pairs: [("reason", .string(reason)), ("next_working_day", .string(next.description))]))
            }
            return .object(
                JSONObject(pairs: [
                    ("kind", .string(deadline.kind.rawValue)), ("date", date(deadline.date)), ("key", .optional(deadline.key)),
                    ("title", .string(deadline.title)), ("detail", .optional(deadline.detail)), ("citation", .string(deadline.citation)),
                    ("echeance", .optional(deadline.echeance)), ("progress", progressJSON(deadline.progress)),
                    ("overdue", .bool(deadline.overdue)), ("held", date(deadline.held)), ("non_working", nonWorking),
                    ("uid", .string(deadline.uid(convention: s.convention))),
                ]))
        }
        let undated = s.deadlines.filter { $0.date == nil }.map { deadline -> JSONValue in
            .object(
                JSONObject(pairs: [
                    ("element", .optional(deadline.key)), ("title", .string(deadline.title)), ("echeance", .optional(deadline.echeance)),
                    ("progress", progressJSON(deadline.progress)),
                ]))
        }
        return .object(
            JSONObject(pairs: [
                ("convention", .string(s.convention)), ("title", .optional(s.title)), ("at", .string(s.at.description)),
                ("until", date(s.until)), ("status", .string(s.status.rawValue)),
                ("period", .object(JSONObject(pairs: [("start", date(s.start)), ("end", date(s.end))]))),
                ("deadlines", .array(deadlines)), ("undated", .array(undated)),
                ("without_echeance", .array(s.withoutEcheance.map(JSONValue.string))),
            ]))
    }

    private static func progressJSON(_ progress: ActionProgress?) -> JSONValue {
        guard let progress else { return .null }
        return .object(
            JSONObject(pairs: [
                ("status", .string(progress.status.rawValue)), ("date", .string(progress.date.description)), ("note", .optional(progress.note)),
            ]))
    }

    /// The lines said under a dated deadline, in text output and in its calendar event alike.
    static func notes(_ deadline: Deadline) -> [String] {
        var notes: [String] = []
        if let detail = deadline.detail { notes.append(detail) }
        if deadline.kind == .echeance { notes.append("avancement : \(progress(deadline.progress))") }
        if let held = deadline.held { notes.append("tenu le \(FrenchText.date(held))") }
        if deadline.overdue { notes.append("en retard") }
        if let reason = deadline.nonWorkingReason, let next = deadline.nextWorkingDay {
            notes.append("\(reason) — jour ouvré suivant : \(day(next)) (CPC art. 642 al. 2, pour information, non appliqué)")
        }
        notes.append("source : \(deadline.citation)")
        return notes
    }

    /// One all-day calendar event per dated deadline.
    static func calendarEvents(_ s: Deadlines.Schedule) -> [CalendarEvent] {
        s.deadlines.compactMap { deadline in
            guard let date = deadline.date else { return nil }
            let description = notes(deadline) + ["convention : \(s.convention)"]
            return CalendarEvent(
                uid: deadline.uid(convention: s.convention), date: date, summary: "CTG — \(deadline.title)",
                description: description.joined(separator: "\n"), categories: ["CTG", deadline.kind.frenchName])
        }
    }
}

// Plans one convention's whole life at once (parties, content, votes,
// transmissions, signatures, avenants, follow-up, incidents) as stubs sorted by
// recorded time. All choices come from a seeded stream, so a plan depends only
// on (seed, territory, generation).

struct Planner {
    private var rng: SplitMix64
    private let conv: Convention
    private var ordinal: Int32 = 0
    /// Nothing but the registration is recorded at or before this instant.
    private let floor: Int64
    private var lastNumber: [Int: (year: Int, n: Int)] = [:]
    /// Last recorded instant of each deliberation's chain (the deliberation or its transmission).
    private var deliberationDone: [Int64] = []
    private var transmissionOf: [Int: Int] = [:]

    // Element bookkeeping for valid avenants and progress reports.
    private var initialElementCount = 0
    private var usedIds = Set<String>()
    /// Elements that later avenants may touch: in force, permanent, not frozen.
    private var touchable: [Int] = []
    private var touchedIds = Set<String>()
    private var validFrom: [Int] = []
    private var minRecorded: [Int64] = []
    private var abrogatedFrom: [Int: Int] = [:]
    private var until: [Int: Int] = [:]
    private var actionCounter: [Int: Int] = [:]
    private var usedThemes = Set<Int>()

    private static let dayStart: Int64 = 8 * 3600
    private static let daySpan = 11 * 3600

    init(conv: Convention, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        self.conv = conv
        floor = conv.registeredAt
    }

    /// Builds the convention of `territory` starting on `start`, registered (recorded) at `registeredAt`.
    static func plan(
        territory: Territory, generation: Int, serial: Int, start: Int, settled: Int, registeredAt: Int64,
        seed: UInt64
    ) -> Convention {
        let slug = "ctg-\(territory.slug)-\(Days.year(start))"
        let conv = Convention(slug: slug, serial: serial, territory: territory)
        conv.start = start
        conv.settled = settled
        conv.registeredAt = registeredAt
        var planner = Planner(
            conv: conv, seed: deriveSeed(seed, UInt64(territory.index), UInt64(generation), 0xC0)
        )
        planner.run(seed: seed)
        return conv
    }

    // MARK: - Helpers

    /// A recorded instant during office hours on `day`.
    private mutating func stamp(_ day: Int) -> Int64 {
        Int64(day) * 86_400 + Planner.dayStart + Int64(rng.int(Planner.daySpan))
    }

    /// A recorded instant on or after `day`, strictly after `after` and after the registration.
    private mutating func stamp(_ day: Int, after: Int64) -> Int64 {
        let base = max(after, floor)
        let natural = stamp(day)
        return natural > base ? natural : base + Int64(rng.int(60...5400))
    }

    @discardableResult
    private mutating func emit(_ type: EventType, _ index: Int, effective: Int, recorded: Int64) -> Int {
        conv.stubs.append(
            Stub(
                recorded: recorded, effective: Int32(effective), type: type, index: Int32(index), ordinal: ordinal))
        ordinal += 1
        return Int(ordinal - 1)
    }

    private mutating func person(male: String, female: String, seed: UInt64) -> (Person, String) {
        var local = SplitMix64(seed: seed)
        let person = Names.person(&local, male: male, female: female)
        let article = person.role == female ? "la " : "le "
        let short = person.role.split(separator: " ").first.map(String.init) ?? person.role
        return (person, article + short)
    }

    // MARK: - The plan

    private mutating func run(seed: UInt64) {
        let territory = conv.territory
        let departement = territory.departement
        let year = Days.year(conv.start)
        let mandate = UInt64((year - 2014) / 6)
        let deptCode = UInt64(Int(departement.code) ?? 0)

        // Parties.
        var cafRng = SplitMix64(seed: deriveSeed(seed, 0xCAF, deptCode))
        let cafSiren = Names.siren("7" + String(1_000_000 + cafRng.int(8_999_999)), &cafRng)
        let (director, directorShort) = person(
            male: "directeur", female: "directrice", seed: deriveSeed(seed, 0xCAF, deptCode, UInt64(year / 5)))
        let (chair, _) = person(
            male: "président du conseil d'administration", female: "présidente du conseil d'administration",
            seed: deriveSeed(seed, 0xCAF1, deptCode, UInt64(year / 4)))
        conv.parties.append(
            Party(
                id: "caf-" + departement.code, name: "Caf " + departement.of, kind: .caf, siren: cafSiren,
                population: nil, representative: director, coSignatory: chair, body: "conseil d'administration",
                councilSize: 24, numberStyle: 3, yearlyDeliberations: 40, place: departement.chefLieu,
                authorises: directorShort))
        if var epci = territory.epci {
            let (rep, short) = person(
                male: "président", female: "présidente", seed: deriveSeed(territory.seed, 0xE0, mandate))
            epci.representative = rep
            epci.authorises = short
            conv.parties.append(epci)
        }
        if rng.percent(25) {
            var depRng = SplitMix64(seed: deriveSeed(seed, 0xDE9, deptCode))
            let (rep, short) = person(
                male: "président du conseil départemental", female: "présidente du conseil départemental",
                seed: deriveSeed(seed, 0xDE9, deptCode, mandate))
            let permanent = depRng.percent(70)
            conv.parties.append(
                Party(
                    id: "departement-" + departement.code, name: "Département " + departement.of, kind: .departement,
                    siren: Names.siren("22" + departement.code + "0001", &depRng), population: nil,
                    representative: rep, coSignatory: nil,
                    body: permanent ? "commission permanente du conseil départemental" : "conseil départemental",
                    councilSize: permanent ? 14 + 2 * depRng.int(8) : 34 + 2 * depRng.int(24),
                    numberStyle: depRng.int(6), yearlyDeliberations: 300, place: departement.chefLieu,
                    authorises: short))
        }
        if rng.percent(4) {
            var msaRng = SplitMix64(seed: deriveSeed(seed, 0x45A, deptCode))
            let (rep, short) = person(
                male: "directeur général", female: "directrice générale",
                seed: deriveSeed(seed, 0x45A, deptCode, mandate))
            conv.parties.append(
                Party(
                    id: "msa-" + departement.code, name: "MSA " + departement.of, kind: .msa,
                    siren: Names.siren("7" + String(7_000_000 + msaRng.int(999_999)), &msaRng), population: nil,
                    representative: rep, coSignatory: nil, body: "conseil d'administration", councilSize: 29,
                    numberStyle: 3, yearlyDeliberations: 30, place: departement.chefLieu, authorises: short))
        }
        for (i, commune) in territory.communes.enumerated() {
            var party = commune
            let (rep, _) = person(male: "maire", female: "maire", seed: deriveSeed(territory.seed, UInt64(i), mandate))
            party.representative = rep
            conv.parties.append(party)
        }
        conv.initialParties = Array(conv.parties.indices)
        conv.place = territory.epci?.place ?? territory.communes.first?.place ?? departement.chefLieu

        // Period: at most five years, ending 31 December of start year + 4 at the latest.
        let length = [3, 4, 5][rng.weighted([15, 25, 60])]
        conv.end = Days.endOfYear(year + length - 1)
        conv.registeredEnd = conv.end
        let maxEnd = Days.endOfYear(year + 4)

        emit(.registered, 0, effective: conv.settled, recorded: conv.registeredAt)
        makeElements()

        // The convention: deliberations, transmissions, signatures.
        let members = conv.initialParties
        let (ready, readyAt) = deliberate(
            act: 0, parties: members, sessions: (conv.settled + 5)...(conv.settled + 110), after: floor)
        let (concluded, concludedAt) = sign(act: 0, parties: members, ready: ready, readyAt: readyAt)
        for i in 0..<initialElementCount {
            validFrom[i] = max(conv.start, concluded + 1)
            minRecorded[i] = concludedAt
        }

        // Termination, decided first so that nothing happens after it.
        var activeEnd = conv.end
        var terminated = false
        let periodDays = conv.end - conv.start
        if rng.percent(7), periodDays > 700 {
            let kind = NoticeKind(rawValue: rng.weighted([25, 10, 10, 40, 15]))!
            let sent = Days.workday(conv.start + rng.int(365...(periodDays - 260)))
            let by: Int
            switch kind {
            case .law, .unamendedChange: by = 0
            default: by = rng.percent(40) ? 0 : rng.int(conv.parties.count)
            }
            var endsOn: Int?
            let lastDay: Int
            switch kind {
            case .breach, .law: lastDay = Days.addMonths(sent, 1)
            case .denunciation: lastDay = Days.addMonths(sent, 6)
            case .unamendedChange: lastDay = sent
            case .mutual:
                lastDay = sent + rng.int(30...120)
                endsOn = lastDay
            }
            let noticeId = (kind == .denunciation ? "denonciation-" : "resiliation-") + "1"
            conv.notices.append(Notice(id: noticeId, kind: kind, by: by, sent: sent, endsOn: endsOn, lastDay: lastDay))
            let noticeAt = stamp(sent + rng.int(1...8), after: floor)
            emit(.notified, 0, effective: sent, recorded: noticeAt)
            let withdrawable = kind == .breach || kind == .law || kind == .denunciation
            if withdrawable, lastDay - sent > 10, rng.percent(35) {
                let date = Days.workday(sent + rng.int(5...(lastDay - sent - 3)))
                let reasons =
                    kind == .denunciation
                    ? ["accord trouvé entre les parties", "renonciation après concertation en comité de pilotage"]
                    : ["manquement réparé dans le délai imparti", "mise en conformité constatée par la Caf"]
                conv.withdrawals.append(Withdrawal(notice: 0, date: date, reason: rng.pick(reasons)))
                emit(.withdrawn, 0, effective: date, recorded: stamp(date + rng.int(0...6), after: noticeAt))
            } else {
                activeEnd = lastDay
                terminated = true
            }
        }

        // Avenants, numbered 1, 2, 3 without gaps, effective inside the period.
        let wanted = rng.weighted([35, 35, 20, 10])
        var previousText = conv.start + 130
        var previousEffect = conv.start
        var number = 0
        for k in 1...3 where k <= wanted {
            let low = previousText + 70
            let high = activeEnd - 150
            if low > high { break }
            let textDay = Days.workday(low + rng.int(max(1, (high - low) / (wanted - k + 1))))
            let effectiveFrom = Days.firstOfMonth(onOrAfter: textDay + rng.int(20...100))
            if effectiveFrom <= previousEffect || effectiveFrom > activeEnd - 30 || effectiveFrom > conv.end { break }
            number += 1
            previousText = textDay
            previousEffect = effectiveFrom
            let temporary = rng.percent(15)
            var effectiveUntil: Int?
            if temporary {
                effectiveUntil = min(Days.addMonths(effectiveFrom, rng.int(6...18)) - 1, activeEnd)
            }
            makeAvenant(
                number: number, textDay: textDay, effectiveFrom: effectiveFrom, effectiveUntil: effectiveUntil,
                canExtend: !terminated && conv.end < maxEnd, maxEnd: maxEnd, activeEnd: &activeEnd)
        }
        conv.finalEnd = conv.end

        // A stipulation annulled by a court (réputée non écrite).
        if rng.percent(3), activeEnd - conv.start > 400 {
            let candidates = [2, 3, 4, 5, 6, 7, 8, 9, 13, 14].map { "article:\($0)" }.filter { !touchedIds.contains($0) }
            if !candidates.isEmpty {
                let element = rng.pick(candidates)
                let date = Days.workday(conv.start + rng.int(300...(activeEnd - conv.start)))
                let year = Days.year(date) % 100
                conv.annulments.append(
                    Annulment(
                        element: element, court: "Tribunal administratif de " + departement.tribunal,
                        reference: "n° \(year)0\(10_000 + rng.int(89_999))", date: date))
                touchedIds.insert(element)
                emit(.annulled, 0, effective: date, recorded: stamp(date + rng.int(2...40), after: floor))
            }
        }

        makeReviews(activeEnd: activeEnd, terminated: terminated)
        makeProgress(activeEnd: activeEnd)

        // Corrections of earlier events, recorded later with the full replacement data.
        if rng.percent(9), !conv.deliberations.isEmpty {
            let index = rng.int(conv.deliberations.count)
            let deliberation = conv.deliberations[index]
            let wrong = Planner.wrongNumber(deliberation.number, &rng)
            conv.deliberations[index].wrongNumber = wrong
            let targetOrdinal = deliberationOrdinal[index]
            conv.corrections.append(
                Correction(
                    targetOrdinal: targetOrdinal, target: .deliberation(index), effective: deliberation.session))
            let at = stamp(
                Int(deliberationDone[index] / 86_400) + rng.int(2...60), after: deliberationDone[index])
            emit(.corrected, conv.corrections.count - 1, effective: deliberation.session, recorded: at)
        }
        if rng.percent(4), !conv.reviews.isEmpty {
            let index = rng.int(conv.reviews.count)
            let review = conv.reviews[index]
            conv.reviews[index].wrongSummary =
                (review.summary + 1 + rng.int(Vocabulary.reviewSummaries.count - 1))
                % Vocabulary.reviewSummaries.count
            conv.corrections.append(
                Correction(
                    targetOrdinal: reviewOrdinal[index], target: .review(index), effective: review.date))
            let at = stamp(Int(reviewRecorded[index] / 86_400) + rng.int(1...30), after: reviewRecorded[index])
            emit(.corrected, conv.corrections.count - 1, effective: review.date, recorded: at)
        }

        conv.nextStart = terminated ? Days.of(Days.year(activeEnd) + 1, 1, 1) : conv.end + 1
        conv.stubs.sort { ($0.recorded, $0.ordinal) < ($1.recorded, $1.ordinal) }
    }

    private var deliberationOrdinal: [Int] = []
    private var reviewOrdinal: [Int] = []
    private var reviewRecorded: [Int64] = []

    // MARK: - Content

    private mutating func newElement(_ element: Element) -> Int {
        conv.elements.append(element)
        validFrom.append(conv.start)
        minRecorded.append(floor)
        usedIds.insert(element.id)
        return conv.elements.count - 1
    }

    private mutating func makeElements() {
        for (i, title) in Vocabulary.articleTitles.enumerated() {
            let index = newElement(
                Element(
                    id: "article:\(i + 1)", kind: .article, title: title, ref: i + 1, value: 0, extra: "",
                    seed: rng.fork()))
            touchable.append(index)
        }
        for (i, title) in Vocabulary.annexeTitles.enumerated() {
            _ = newElement(
                Element(
                    id: "annexe:\(i + 1)", kind: .annexe, title: title, ref: i + 1, value: 0, extra: "",
                    seed: rng.fork()))
        }
        let communes = conv.territory.communes.count
        var fiches = 4 + rng.int(7) + (communes > 20 ? 3 : 0) + (communes > 40 ? 2 : 0)
        fiches = min(fiches, Vocabulary.themes.count - 4)
        var themes = Array(Vocabulary.themes.indices)
        rng.shuffle(&themes)
        for theme in themes.prefix(fiches) {
            addFiche(theme: theme, actions: 1 + rng.int(3), permanent: true)
        }
        for party in conv.parties.indices where conv.parties[party].kind == .commune {
            let count = rng.weighted([50, 35, 12, 3])
            for _ in 0..<count {
                if let index = makeEquipement(party: party) { touchable.append(index) }
            }
        }
        initialElementCount = conv.elements.count
        conv.initialElementCount = initialElementCount
    }

    private var startYear: Int { Days.year(conv.start) }
    private var endYear: Int { Days.year(conv.end) }

    /// Adds a fiche and its actions; returns their element indices (fiche first).
    @discardableResult
    private mutating func addFiche(theme: Int, actions: Int, permanent: Bool, fromYear: Int? = nil) -> [Int] {
        usedThemes.insert(theme)
        let info = Vocabulary.themes[theme]
        let first = fromYear ?? startYear
        let fiche = newElement(
            Element(
                id: "fiche:" + info.slug, kind: .fiche, title: info.title, ref: theme,
                value: rng.int(first...max(first, endYear)), extra: "", seed: rng.fork()))
        var created = [fiche]
        for _ in 0..<actions {
            created.append(addAction(theme: theme, fromYear: first))
        }
        if permanent { touchable.append(contentsOf: created) }
        return created
    }

    private mutating func addAction(theme: Int, fromYear: Int) -> Int {
        let info = Vocabulary.themes[theme]
        let k = (actionCounter[theme] ?? 0) + 1
        actionCounter[theme] = k
        let verb = Vocabulary.actionVerbs[(theme * 7 + k * 5 + rng.int(3)) % Vocabulary.actionVerbs.count]
        return newElement(
            Element(
                id: "action:\(info.slug)-\(k)", kind: .action, title: verb.replacingFirst("%S", with: info.subject),
                ref: theme, value: rng.int(fromYear...max(fromYear, endYear)), extra: "fiche:" + info.slug,
                seed: rng.fork()))
    }

    private mutating func makeEquipement(party: Int) -> Int? {
        let commune = conv.parties[party]
        let type = rng.int(Vocabulary.equipementTypes.count)
        let info = Vocabulary.equipementTypes[type]
        let name = rng.pick(Vocabulary.equipementNames)
        let id = "equipement:\(commune.id.dropFirst(8))/\(info.slug)-\(Names.slug(name))"
        if usedIds.contains(id) { return nil }
        let capacity = info.capacity.lowerBound == 0 ? 0 : rng.int(info.capacity)
        var element = Element(
            id: id, kind: .equipement, title: "\(info.label) « \(name) »", ref: party, value: capacity,
            extra: "", seed: rng.fork())
        element.variant = type
        return newElement(element)
    }

    // MARK: - Deliberations and signatures

    static func deliberationNumber(style: Int, kind: PartyKind, year: Int, n: Int) -> String {
        let n3 = n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)"
        switch style {
        case 0: return "DEL\(year)_\(n3)"
        case 1: return "D\(year)_\(n)"
        case 2: return "\(year)_\(n3)"
        case 3:
            switch kind {
            case .commune: return "CM\(year)_\(n3)"
            case .epci: return "CC_\(n)_\(year)"
            case .departement: return "CP\(year)_\(n)"
            default: return "CA\(year)_\(n3)"
            }
        case 4: return "DELIB\(year)\(n3)"
        default: return "\(n)_\(year)"
        }
    }

    /// The same number with a typing slip (digits swapped or off by one).
    static func wrongNumber(_ number: String, _ rng: inout SplitMix64) -> String {
        var bytes = Array(number.utf8)
        let digitPositions = bytes.indices.filter { bytes[$0] >= 48 && bytes[$0] <= 57 }
        // Swap two adjacent different digits when possible, else bump the last digit.
        var candidates: [Int] = []
        for i in digitPositions where digitPositions.contains(i + 1) && bytes[i] != bytes[i + 1] {
            candidates.append(i)
        }
        if !candidates.isEmpty, rng.percent(60) {
            let i = rng.pick(candidates)
            bytes.swapAt(i, i + 1)
        } else if let last = digitPositions.last {
            bytes[last] = bytes[last] == 57 ? 56 : bytes[last] + 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every party votes; collectivités transmit to the préfecture.
    /// Returns for each party (by position in `parties`) the day from which it may sign and when that was recorded.
    private mutating func deliberate(
        act: Int, parties: [Int], sessions: ClosedRange<Int>, after: Int64
    ) -> ([Int], [Int64]) {
        var ready: [Int] = []
        var readyAt: [Int64] = []
        for p in parties {
            let party = conv.parties[p]
            let session = Days.workday(rng.int(sessions))
            let year = Days.year(session)
            var n = 1 + (session - Days.of(year, 1, 1)) * party.yearlyDeliberations / 366 + rng.int(0...3)
            if let last = lastNumber[p], last.year == year, n <= last.n {
                n = last.n + 1 + rng.int(0...2)
            }
            lastNumber[p] = (year, n)
            let number = Planner.deliberationNumber(style: party.numberStyle, kind: party.kind, year: year, n: n)
            let convocation = session - rng.int((party.kind == .commune && (party.population ?? 0) < 3500 ? 4 : 6)...15)

            let inOffice = party.councilSize
            let quorum = inOffice / 2 + 1
            let absent = min(inOffice - quorum, rng.int(0...max(0, inOffice * 3 / 10)))
            let present = inOffice - absent
            let proxies = absent == 0 ? 0 : rng.int(0...min(absent, present))
            let voting = present + proxies
            var against = rng.percent(18) ? rng.int(1...max(1, voting / 6)) : 0
            var abstain = rng.percent(25) ? rng.int(1...max(1, voting / 6)) : 0
            if against + abstain > voting / 3 { against = 0; abstain = min(abstain, voting / 3) }
            let inFavour = voting - against - abstain
            let tag = act == 0 ? "convention" : "avenant-\(act)"
            let deliberation = Deliberation(
                id: "\(party.id)-\(tag)", party: p, act: act, session: session, convocation: convocation,
                inOffice: inOffice, present: present, proxies: proxies, votesFor: inFavour, votesAgainst: against,
                abstain: abstain, number: number, wrongNumber: nil, recorded: 0, seed: rng.fork())
            conv.deliberations.append(deliberation)
            let index = conv.deliberations.count - 1
            let recorded = stamp(session + rng.int(1...12), after: after)
            conv.deliberations[index].recorded = recorded
            deliberationOrdinal.append(emit(.deliberation, index, effective: session, recorded: recorded))
            var done = recorded
            var signable = session + 1
            if party.transmits {
                let sent = Days.workday(session + rng.int(1...8))
                let received = rng.percent(85) ? sent : sent + 1
                let published: Int? = rng.percent(85) ? session + rng.int(0...8) : nil
                conv.transmissions.append(
                    Transmission(
                        deliberation: index, sent: sent, received: received, published: published))
                done = stamp(received + rng.int(0...6), after: recorded)
                emit(.transmitted, conv.transmissions.count - 1, effective: received, recorded: done)
                signable = max(signable, received, published ?? received)
            }
            deliberationDone.append(done)
            ready.append(signable)
            readyAt.append(done)
        }
        return (ready, readyAt)
    }

    /// Signatures of an act by all its parties: one ceremony, or a circulating signature in batches
    /// ending with the Caf. Returns the last signature's date and when it was recorded.
    private mutating func sign(act: Int, parties: [Int], ready: [Int], readyAt: [Int64]) -> (Int, Int64) {
        var batches: [[Int]] = []  // positions in `parties`
        var places: [String] = []
        if parties.count <= 12, rng.percent(45) {
            batches.append(Array(parties.indices))
            places.append(conv.place)
        } else {
            var local: [Int] = []
            var institutions: [Int] = []
            for position in parties.indices {
                if conv.parties[parties[position]].kind == .commune {
                    local.append(position)
                } else {
                    institutions.append(position)
                }
            }
            rng.shuffle(&local)
            var i = 0
            while i < local.count {
                let size = min(local.count - i, 1 + rng.int(6))
                batches.append(Array(local[i..<(i + size)]))
                places.append(conv.parties[parties[local[i]]].place)
                i += size
            }
            if !institutions.isEmpty {
                batches.append(institutions)
                places.append(conv.parties[parties[institutions[0]]].place)
            }
        }
        var lastDay = 0
        var lastAt: Int64 = 0
        for (batch, place) in zip(batches, places) {
            let readyDay = batch.map { ready[$0] }.max()!
            let readyRecorded = batch.map { readyAt[$0] }.max()!
            // The final batch (the Caf's) signs after every other one.
            var date = Days.workday(readyDay + rng.int(1...35))
            if batch == batches.last!, batches.count > 1 { date = max(date, Days.workday(lastDay + rng.int(1...20))) }
            conv.signings.append(Signing(act: act, parties: batch.map { parties[$0] }, date: date, place: place))
            let at = stamp(date + rng.int(0...9), after: max(readyRecorded, lastAt))
            emit(.signed, conv.signings.count - 1, effective: date, recorded: at)
            lastDay = max(lastDay, date)
            lastAt = max(lastAt, at)
        }
        return (lastDay, lastAt)
    }

    // MARK: - Avenants

    private mutating func pickTouchable(_ kinds: [ElementKind], excluding: Set<Int>) -> Int? {
        let candidates = touchable.filter { kinds.contains(conv.elements[$0].kind) && !excluding.contains($0) }
        return candidates.isEmpty ? nil : rng.pick(candidates)
    }

    private mutating func makeAvenant(
        number: Int, textDay: Int, effectiveFrom: Int, effectiveUntil: Int?, canExtend: Bool, maxEnd: Int,
        activeEnd: inout Int
    ) {
        let temporary = effectiveUntil != nil
        var changes: [Change] = []
        var touchedNow = Set<Int>()
        var added: [Int] = []
        var abrogated: [Int] = []
        let fromYear = Days.year(effectiveFrom)
        var parties = Array(conv.parties.indices)

        let count = 1 + rng.int(4)
        for _ in 0..<count {
            let op = rng.weighted(temporary ? [0, 30, 25, 25, 10, 0, 10] : [14, 20, 14, 18, 10, 16, 8])
            switch op {
            case 0:  // a new fiche with its actions
                let free = Vocabulary.themes.indices.filter { !usedThemes.contains($0) }
                guard !free.isEmpty else { continue }
                let created = addFiche(
                    theme: rng.pick(free), actions: 1 + rng.int(3), permanent: false, fromYear: fromYear)
                for index in created { changes.append(.add(conv.elements[index])) }
                added.append(contentsOf: created)
            case 1:  // a new action under a fiche in force
                guard let fiche = pickTouchable([.fiche], excluding: touchedNow) else { continue }
                touchedNow.insert(fiche)
                let index = addAction(theme: conv.elements[fiche].ref, fromYear: fromYear)
                changes.append(.add(conv.elements[index]))
                added.append(index)
            case 2:  // a fiche, action or équipement rewritten
                guard let target = pickTouchable([.fiche, .action, .equipement], excluding: touchedNow) else { continue }
                touchedNow.insert(target)
                var element = conv.elements[target]
                element.seed = rng.fork()
                switch element.kind {
                case .fiche: element.title = element.title + " (fiche révisée)"
                case .action: element.title = element.title + " (action redéfinie)"
                default: element.value = element.value == 0 ? 0 : element.value + 2 * (1 + rng.int(6))
                }
                if element.kind != .equipement { element.value = max(element.value, fromYear) }
                changes.append(.replace(element))
            case 3:  // an échéance postponed, or a capacity raised
                guard let target = pickTouchable([.fiche, .action, .equipement], excluding: touchedNow) else { continue }
                let element = conv.elements[target]
                if element.kind == .equipement {
                    guard element.value > 0 else { continue }
                    touchedNow.insert(target)
                    changes.append(.amendSet(id: element.id, key: "capacite", value: String(element.value + 2 + rng.int(10))))
                } else {
                    let year = max(element.value, fromYear) + 1
                    guard year <= Days.year(conv.end) else { continue }
                    touchedNow.insert(target)
                    if rng.percent(25) {
                        changes.append(.amendTitle(id: element.id, title: element.title + " — extension aux communes rurales"))
                    } else {
                        changes.append(.amendSet(id: element.id, key: "echeance", value: String(year)))
                    }
                }
            case 4:  // an article completed
                guard let target = pickTouchable([.article], excluding: touchedNow) else { continue }
                touchedNow.insert(target)
                let ref = conv.elements[target].ref
                let texts = [
                    " Le présent avenant n° \(number) en précise les modalités à compter du \(Days.french(effectiveFrom)).",
                    " Les parties conviennent de réunir le comité de pilotage au moins deux fois par an.",
                    " Un bilan annuel est transmis aux signataires avant le 31 mars de chaque année.",
                    " Les engagements financiers de la Caf s'inscrivent dans la convention d'objectifs et de gestion en vigueur.",
                ]
                changes.append(.amendText(id: "article:\(ref)", text: rng.pick(texts)))
            case 5:  // a fiche (with its actions), an action or an équipement abrogated
                guard let target = pickTouchable([.fiche, .action, .equipement], excluding: touchedNow) else { continue }
                touchedNow.insert(target)
                let element = conv.elements[target]
                changes.append(.abrogate(id: element.id, reason: rng.pick(Vocabulary.abrogationReasons)))
                abrogated.append(target)
                if element.kind == .fiche {
                    for action in touchable where conv.elements[action].extra == element.id && !touchedNow.contains(action) {
                        touchedNow.insert(action)
                        changes.append(.abrogate(id: conv.elements[action].id, reason: "fiche action abrogée"))
                        abrogated.append(action)
                    }
                }
            default:  // a new équipement
                let communes = conv.parties.indices.filter { conv.parties[$0].kind == .commune }
                guard !communes.isEmpty, let index = makeEquipement(party: rng.pick(communes)) else { continue }
                changes.append(.add(conv.elements[index]))
                added.append(index)
            }
        }
        if changes.isEmpty {
            let target = touchable.first { conv.elements[$0].kind == .article && !touchedNow.contains($0) }!
            touchedNow.insert(target)
            changes.append(
                .amendText(
                    id: conv.elements[target].id,
                    text: " Modifié par l'avenant n° \(number) à compter du \(Days.french(effectiveFrom))."))
        }
        if !temporary, canExtend, rng.percent(30) {
            let newEnd = Days.endOfYear(rng.int((Days.year(conv.end) + 1)...Days.year(maxEnd)))
            changes.append(.extend(end: newEnd))
            if activeEnd == conv.end { activeEnd = newEnd }
            conv.end = newEnd
        }
        let joinable = conv.parties.count < 61 && conv.territory.communes.count < 60
        if !temporary, joinable, rng.percent(6) {
            var local = rng
            let name = rng.pick(Vocabulary.communeBases) + "-sur-" + rng.pick(conv.territory.rivers)
            let slug = Names.slug(name)
            if !conv.parties.contains(where: { $0.id == "commune-" + slug }) {
                let population = rng.int(150...3_000)
                let (rep, _) = person(male: "maire", female: "maire", seed: rng.fork())
                let party = Party(
                    id: "commune-" + slug, name: "Commune " + Names.of(name), kind: .commune,
                    siren: Names.siren("21" + conv.territory.departement.code + String(100 + local.int(899)) + "0", &local),
                    population: population, representative: rep, coSignatory: nil, body: "conseil municipal",
                    councilSize: Names.councilSize(population: population), numberStyle: rng.int(6),
                    yearlyDeliberations: 30 + rng.int(30), place: name, authorises: "le maire")
                conv.parties.append(party)
                parties.append(conv.parties.count - 1)
                changes.append(.addParty(conv.parties.count - 1))
            }
        }

        conv.avenants.append(
            Avenant(
                number: number, textDay: textDay, effectiveFrom: effectiveFrom, effectiveUntil: effectiveUntil,
                changes: changes, parties: parties))
        let recorded = stamp(textDay + rng.int(1...7), after: floor)
        emit(.avenant, conv.avenants.count - 1, effective: effectiveFrom, recorded: recorded)

        let (ready, readyAt) = deliberate(
            act: number, parties: parties, sessions: (textDay + 5)...(textDay + 55), after: recorded)
        let (concluded, concludedAt) = sign(act: number, parties: parties, ready: ready, readyAt: readyAt)

        for element in touchedNow { touchedIds.insert(conv.elements[element].id) }
        for index in added {
            validFrom[index] = max(effectiveFrom, concluded + 1)
            minRecorded[index] = concludedAt
            if let effectiveUntil { until[index] = effectiveUntil }
        }
        if temporary {
            // Temporary changes: their targets are frozen, so that no later avenant depends on them.
            touchable.removeAll { touchedNow.contains($0) }
        } else {
            for index in abrogated { abrogatedFrom[index] = effectiveFrom }
            touchable.removeAll { abrogated.contains($0) }
            touchable.append(contentsOf: added)
        }
    }

    // MARK: - Follow-up

    private mutating func addReview(_ kind: ReviewKind, _ date: Int, summary: Int) {
        conv.reviews.append(Review(kind: kind, date: date, summary: summary, wrongSummary: nil))
        let at = stamp(date + rng.int(1...20), after: floor)
        reviewOrdinal.append(emit(.review, conv.reviews.count - 1, effective: date, recorded: at))
        reviewRecorded.append(at)
    }

    private mutating func makeReviews(activeEnd: Int, terminated: Bool) {
        for year in Days.year(conv.start)...Days.year(activeEnd) {
            var dates: [(ReviewKind, Int)] = [(.copil, Days.workday(Days.of(year, 3, 1) + rng.int(0...110)))]
            if rng.percent(50) { dates.append((.copil, Days.workday(Days.of(year, 10, 1) + rng.int(0...70)))) }
            if rng.percent(40) { dates.append((.pointEtape, Days.workday(Days.of(year, 9, 1) + rng.int(0...28)))) }
            for (kind, date) in dates.sorted(by: { $0.1 < $1.1 }) where date >= conv.start && date <= activeEnd {
                addReview(kind, date, summary: rng.pick([0, 1, 2, 3, 6, 7]))
            }
        }
        let middle = Days.workday(conv.start + (conv.end - conv.start) / 2 + rng.int(0...60))
        if middle <= activeEnd { addReview(.bilanIntermediaire, middle, summary: 4) }
        if !terminated {
            let final = Days.workday(conv.end - rng.int(25...110))
            if final > middle { addReview(.bilanFinal, final, summary: 5) }
        }
    }

    private mutating func makeProgress(activeEnd: Int) {
        for index in conv.elements.indices {
            let element = conv.elements[index]
            let count: Int
            switch element.kind {
            case .action: count = rng.weighted([20, 35, 32, 13])
            case .fiche: count = rng.percent(30) ? 1 : 0
            default: continue
            }
            guard count > 0 else { continue }
            let from = validFrom[index]
            var to = activeEnd
            if let abrogated = abrogatedFrom[index] { to = min(to, abrogated - 1) }
            if let last = until[index] { to = min(to, last) }
            guard to - from >= 30 else { continue }
            var dates = (0..<count).map { _ in from + rng.int(to - from + 1) }
            dates.sort()
            let statuses: [ProgressStatus]
            switch count {
            case 1: statuses = [rng.percent(60) ? .inProgress : .done]
            case 2: statuses = [.inProgress, rng.percent(85) ? .done : .dropped]
            default: statuses = [.planned, .inProgress, rng.percent(88) ? .done : .dropped]
            }
            var after = minRecorded[index]
            for (date, status) in zip(dates, statuses) {
                let note: Int? = rng.percent(75) ? rng.int(Vocabulary.progressNotes.count) : nil
                conv.progress.append(Progress(element: element.id, status: status, date: date, note: note))
                let at = stamp(date + rng.int(0...15), after: after)
                emit(.progress, conv.progress.count - 1, effective: date, recorded: at)
                after = at
            }
        }
    }
}

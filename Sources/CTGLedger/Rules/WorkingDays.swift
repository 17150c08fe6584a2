/// Working days in the sense of Code de procédure civile art. 642 al. 2: a
/// délai that would expire on a Saturday, a Sunday or a public holiday
/// (*jour férié* or *chômé*) is extended to the first following working day.
///
/// The ledger shows this extension as information, it does not apply it by
/// default (see EVENTS.md, section 1).
public enum WorkingDays {
    /// `true` unless `d` is a Saturday, a Sunday or a public holiday of
    /// `FrenchHolidays`.
    public static func isWorkingDay(_ d: CivilDate) -> Bool {
        nonWorkingReason(d) == nil
    }

    /// `d` itself when it is a working day, else the first working day after it
    /// (the day to which art. 642 al. 2 carries a délai expiring on `d`).
    public static func nextWorkingDay(onOrAfter d: CivilDate) -> CivilDate {
        var day = d
        while !isWorkingDay(day) {
            let following = day.next
            guard following != day else { break }  // 9999-12-31: nowhere to go.
            day = following
        }
        return day
    }

    /// Why `d` is not a working day, in French: « samedi », « dimanche », the
    /// holiday's name (« Toussaint »), or both when a holiday falls on a weekend
    /// (« dimanche, fête du Travail »); `nil` for a working day.
    public static func nonWorkingReason(_ d: CivilDate) -> String? {
        let weekday: String? =
            switch d.isoWeekday {
            case 6: "samedi"
            case 7: "dimanche"
            default: nil
            }
        switch (weekday, FrenchHolidays.name(of: d)) {
        case (let day?, let holiday?): return "\(day), \(holiday)"
        case (let day?, nil): return day
        case (nil, let holiday?): return holiday
        case (nil, nil): return nil
        }
    }
}

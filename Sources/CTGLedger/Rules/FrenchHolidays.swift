/// The public holidays (*jours fériés*) of Code du travail art. L3133-1, as
/// observed in metropolitan France, computed in code for any year.
///
/// The eleven days are: 1 January (« jour de l'An »), Easter Monday
/// (« lundi de Pâques »), 1 May (« fête du Travail »), 8 May (« Victoire 1945 »),
/// Ascension Thursday (« Ascension »), Whit Monday (« lundi de Pentecôte »),
/// 14 July (« fête nationale »), 15 August (« Assomption »), 1 November
/// (« Toussaint »), 11 November (« Armistice 1918 ») and 25 December (« Noël »).
///
/// Scope and limits, on purpose:
/// - Whit Monday stays a public holiday even where it is the *journée de
///   solidarité* (a worked day for some employers): L3133-1 still lists it.
/// - The extra days of Alsace-Moselle (Good Friday, 26 December) and of the
///   overseas departments (abolition of slavery) are not included.
/// - The current list is applied to every year; the historical changes (8 May
///   was not a holiday from 1960 to 1981, for instance) are not modelled.
public enum FrenchHolidays {
    /// Easter Sunday of `year` in the Gregorian calendar, by the anonymous
    /// Gregorian algorithm (Meeus/Jones/Butcher); `nil` outside years 1 to 9999.
    ///
    /// Before 1583 the result is the proleptic Gregorian computation, which is
    /// not the date the Church observed then.
    public static func easterSunday(in year: Int) -> CivilDate? {
        guard (1...9999).contains(year) else { return nil }
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let n = h + l - 7 * m + 114
        return CivilDate(year: year, month: n / 31, day: n % 31 + 1)
    }

    /// The eleven public holidays of `year`, sorted by date, each with its
    /// French name; empty outside years 1 to 9999.
    ///
    /// Two holidays can fall on the same day (Ascension on 1 May in 2008, on
    /// 8 May in 1997 and 2059): both entries are kept, fixed-date holiday first.
    public static func holidays(in year: Int) -> [(date: CivilDate, name: String)] {
        guard let easter = easterSunday(in: year) else { return [] }
        func fixed(_ month: Int, _ day: Int, _ name: String) -> (date: CivilDate, name: String)? {
            CivilDate(year: year, month: month, day: day).map { (date: $0, name: name) }
        }
        func movable(_ offset: Int, _ name: String) -> (date: CivilDate, name: String)? {
            easter.adding(days: offset).map { (date: $0, name: name) }
        }
        // Listed in the order of L3133-1; the sort below is stable, so a
        // fixed-date holiday precedes a movable one falling on the same day.
        let all: [(date: CivilDate, name: String)?] = [
            fixed(1, 1, "jour de l'An"),
            fixed(5, 1, "fête du Travail"),
            fixed(5, 8, "Victoire 1945"),
            fixed(7, 14, "fête nationale"),
            fixed(8, 15, "Assomption"),
            fixed(11, 1, "Toussaint"),
            fixed(11, 11, "Armistice 1918"),
            fixed(12, 25, "Noël"),
            movable(1, "lundi de Pâques"),
            movable(39, "Ascension"),
            movable(50, "lundi de Pentecôte"),
        ]
        return all.compactMap { $0 }.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
    }

    /// The French name of the public holiday falling on `date`, or `nil` when
    /// it is not one. When two holidays coincide the names are joined with
    /// « et », e.g. « fête du Travail et Ascension » on 1 May 2008.
    public static func name(of date: CivilDate) -> String? {
        let names = holidays(in: date.year).filter { $0.date == date }.map(\.name)
        return names.isEmpty ? nil : names.joined(separator: " et ")
    }
}

import Testing

@testable import CTGLedger

@Suite struct EcheanceParserTests {
    @Test(arguments: [
        ("2027", "2027-12-31"),
        (" 2026 ", "2026-12-31"),
        ("2026-11-15", "2026-11-15"),
        ("15/11/2026", "2026-11-15"),
        ("02/2028", "2028-02-29"),
        ("fin 2026", "2026-12-31"),
        ("d'ici fin 2027", "2027-12-31"),
        ("courant 2027", "2027-12-31"),
        ("2026-2027", "2027-12-31"),
        ("2026 - 2028", "2028-12-31"),
        ("de 2026 à 2027", "2027-12-31"),
        ("1er semestre 2027", "2027-06-30"),
        ("2ème semestre 2027", "2027-12-31"),
        ("second semestre 2027", "2027-12-31"),
        ("S1 2027", "2027-06-30"),
        ("3e trimestre 2027", "2027-09-30"),
        ("T1 2028", "2028-03-31"),
        ("juin 2027", "2027-06-30"),
        ("fin février 2028", "2028-02-29"),
    ])
    func certainReadings(text: String, expected: String) {
        #expect(EcheanceParser.lastDay(text) == CivilDate(expected))
    }

    @Test(arguments: [
        "continu", "en continu", "durée de la CTG", "rentrée 2027", "début 2027", "avant 2027", "dès 2026",
        "2027-2026", "3e semestre 2027", "2026 puis annuellement", "", "à partir de 2026", "32/01/2027",
    ])
    func uncertainReadingsStayUndated(text: String) {
        #expect(EcheanceParser.lastDay(text) == nil)
    }
}

import Testing

@testable import CTGLedger

@Suite struct SIRENTests {
    @Test(arguments: [
        "213802812",  // commune de Fontaine (seed 000)
        "200066405",  // CC Roumois Seine (seed 003)
        "213804768",  // commune de Savas-Mépin (seed 002)
        "200040111",  // the EPCI of seed 001
        "356000000",  // La Poste: its SIREN passes, only its SIRETs follow another rule
    ])
    func realSIRENsAreValid(siren: String) {
        #expect(SIREN.isValid(siren))
    }

    @Test(arguments: [
        "213802813",  // last digit changed
        "213802821",  // two adjacent digits swapped
        "123456789",
        "000000000",  // passes Luhn, but no entity has it
        "21380281",  // 8 digits
        "2138028120",  // 10 digits
        "21380281a",
        " 213802812",
        "213802812 ",
        "213 802 812",
        "",
        "２１３８０２８１２",  // full-width digits
        "٢١٣٨٠٢٨١٢",  // Arabic-Indic digits
    ])
    func invalidSIRENs(siren: String) {
        #expect(!SIREN.isValid(siren))
    }

    @Test(arguments: [("21380281", 2), ("20006640", 5), ("21380476", 8), ("35600000", 0)])
    func checkDigitOfSeedPrefixes(prefix: String, digit: Int) {
        #expect(SIREN.checkDigit(for: prefix) == digit)
    }

    @Test func everyCheckDigitCompletesExactlyOneValidSIREN() {
        for seed in stride(from: 10_000_000, to: 99_999_999, by: 7_654_321) {
            let prefix = String(seed)
            guard let digit = SIREN.checkDigit(for: prefix) else {
                Issue.record("no check digit for \(prefix)")
                continue
            }
            let valid = (0...9).filter { SIREN.isValid(prefix + String($0)) }
            #expect(valid == [digit])
        }
        #expect(SIREN.checkDigit(for: "2138028") == nil)
        #expect(SIREN.checkDigit(for: "2138028x") == nil)
    }
}

/// The SIREN number of a French legal entity (INSEE's *Système d'identification
/// du répertoire des entreprises*): nine digits, the last one a Luhn check digit.
///
/// Only the form is checked, not that INSEE ever attributed the number.
///
/// Known exception, deliberately not handled: the SIRET numbers (SIREN + 5-digit
/// establishment number) of La Poste's establishments, `356 000 000 xxxxx`, are
/// checked by a different rule (sum of the digits divisible by 5) and most do not
/// pass Luhn. La Poste's SIREN `356000000` itself passes Luhn, and SIRET numbers
/// are not this type's business.
public enum SIREN {
    /// `true` when `s` is exactly nine ASCII digits (no spaces, no other
    /// digits of Unicode), not all zeros, whose Luhn sum is a multiple of 10.
    public static func isValid(_ s: String) -> Bool {
        // The Luhn sum over the bytes as they come (no array): with nine digits, the 2nd, 4th, 6th and
        // 8th from the left are the ones doubled (every second from the rightmost).
        var count = 0
        var sum = 0
        var nonZero = false
        for byte in s.utf8 {
            guard count < 9, byte >= 48 && byte <= 57 else { return false }
            let digit = Int(byte - 48)
            nonZero = nonZero || digit != 0
            if count % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
            count += 1
        }
        return count == 9 && nonZero && sum % 10 == 0
    }

    /// The check digit that completes an eight-digit prefix into a valid SIREN,
    /// or `nil` when `prefix` is not exactly eight ASCII digits. Useful to
    /// generate test data: `"21380281" + String(checkDigit(for: "21380281")!)`.
    public static func checkDigit(for prefix: String) -> Int? {
        let bytes = Array(prefix.utf8)
        guard bytes.count == 8, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let sum = luhnSum(bytes.map { Int($0 - 48) } + [0])
        return (10 - sum % 10) % 10
    }

    /// The Luhn sum: from the rightmost digit, every second digit is doubled
    /// (and reduced by 9 when above 9), then all are added.
    private static func luhnSum(_ digits: [Int]) -> Int {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            if position % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum
    }
}

/// Text comparisons for rules that read free text written by people
/// (équipement types, échéances, commune names): case and French accents ignored.
enum TextFolding {
    /// Lowercased, French accents and ligatures removed, non-breaking spaces made plain:
    /// « Relais Petite Enfance » and « relais petite enfance » fold alike.
    static func fold(_ text: String) -> String {
        // Most identifiers and numbers are ASCII: lowercase their bytes without Unicode tables.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x09 }) {
            return String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        }
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "à", "â", "ä", "á", "ã": out += "a"
            case "ç": out += "c"
            case "é", "è", "ê", "ë": out += "e"
            case "î", "ï", "í", "ì": out += "i"
            case "ô", "ö", "ó", "ò", "õ": out += "o"
            case "ù", "û", "ü", "ú": out += "u"
            case "ÿ": out += "y"
            case "œ": out += "oe"
            case "æ": out += "ae"
            case "\u{00A0}", "\u{202F}", "\u{2009}", "\t": out += " "
            case "’", "‘": out += "'"
            case "–", "—", "‑": out += "-"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The folded text's runs of ASCII letters and digits: « RPE (Sassenage) » → `["rpe", "sassenage"]`.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in fold(text).unicodeScalars {
            if isAlphanumeric(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A slug: the words joined by hyphens, « SEYSSINET-PARISET » → `seyssinet-pariset`.
    static func slug(_ text: String) -> String {
        words(text).joined(separator: "-")
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

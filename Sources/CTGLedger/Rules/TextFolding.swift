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
        // ASCII text (ids, most names): the lowercased runs of letters and digits, read from the bytes.
        let ascii: String?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var inWord = false
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
                if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                    if !inWord, !out.isEmpty { out.append(UInt8(ascii: "-")) }
                    out.append(lower)
                    inWord = true
                } else {
                    inWord = false
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        if case .some(.some(let slug)) = ascii { return slug }
        return words(text).joined(separator: "-")
    }

    /// `false` when `slug(text)` cannot be `slug`: the lowercased ASCII letters and digits of `text` are
    /// all in its slug, in order (folding keeps them and only adds letters for accented ones), so they
    /// must be a subsequence of `slug`'s bytes. `true` says nothing.
    static func asciiAlphanumericsAreASubsequence(of slug: String, in text: String) -> Bool {
        var target = slug.utf8.makeIterator()
        for byte in text.utf8 {
            let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
            guard (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) else { continue }
            while true {
                guard let next = target.next() else { return false }
                if next == lower { break }
            }
        }
        return true
    }

    /// `words(text).contains(word)` for `folded = fold(text)` and a word of ASCII lowercase letters and
    /// digits, read from the folded bytes: the words are its runs of ASCII letters and digits (any other
    /// byte, a part of a non-ASCII character included, separates them).
    static func hasWord(folded: String, _ word: StaticString) -> Bool {
        let target = word.utf8Start
        let length = word.utf8CodeUnitCount
        var run = 0
        var matching = true
        for byte in folded.utf8 {
            if (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) {
                matching = matching && run < length && target[run] == byte
                run += 1
            } else {
                if matching && run == length { return true }
                run = 0
                matching = true
            }
        }
        return matching && run == length
    }

    /// `folded.contains(phrase)` for a phrase of ASCII lowercase letters and spaces. The bytes are
    /// searched first: without the phrase's bytes there is no match. With them, an ASCII text matches;
    /// other texts are compared as `String.contains` does (character by character: a combining mark
    /// after the phrase would make another character).
    static func contains(folded: String, _ phrase: StaticString) -> Bool {
        let target = phrase.utf8Start
        let length = phrase.utf8CodeUnitCount
        var ascii = true
        var found = false
        let searched: Void? = folded.utf8.withContiguousStorageIfAvailable { text in
            guard length > 0 else { return }
            for byte in text where byte >= 0x80 {
                ascii = false
                break
            }
            var start = 0
            search: while start + length <= text.count {
                defer { start += 1 }
                for offset in 0..<length where text[start + offset] != target[offset] { continue search }
                found = true
                return
            }
        }
        let text = String(decoding: UnsafeBufferPointer(start: target, count: length), as: UTF8.self)
        guard searched != nil, length > 0 else { return folded.contains(text) }
        return found && (ascii || folded.contains(text))
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

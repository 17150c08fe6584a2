/// An event id, a correction's target or a convention id, compared by its exact UTF-8 bytes: the
/// key of every table of ids.
///
/// `String`'s own `==` and hash follow Unicode canonical equivalence ("é" composed, U+00E9, equals
/// "e" + U+0301), but the sidecar index files ids by a hash of their bytes, and the standard library
/// offers no normalization to hash equivalent texts alike: so ids are exact, as identifiers in a
/// register should be, and a composed and a decomposed accent make two ids (see CONTRACT-NOTES.md).
struct ExactID: Hashable, Sendable, CustomStringConvertible {
    /// The id as written.
    let text: String

    /// The id `text`, compared by its bytes.
    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ExactID, rhs: ExactID) -> Bool {
        lhs.text.hasSameBytes(as: rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        // The length first, so that ids hashed in a row cannot run into each other.
        hasher.combine(text.utf8.count)
        text.withUTF8Bytes { hasher.combine(bytes: $0) }
    }

    var description: String { text }
}

extension String {
    /// `true` when both texts are exactly the same UTF-8 bytes: how ids are compared (`ExactID`),
    /// unlike `==`, which takes canonically equivalent texts for equal.
    func hasSameBytes(as other: String) -> Bool {
        let same = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                mine.count == theirs.count && (mine.isEmpty || ByteWords.equal(mine.baseAddress!, theirs.baseAddress!, mine.count))
            }
        }
        if case .some(.some(let same)) = same { return same }
        return utf8.elementsEqual(other.utf8)
    }
}

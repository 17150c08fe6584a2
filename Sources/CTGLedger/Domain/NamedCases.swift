/// A closed set of names read from JSON (an event type, a kind, a status): each case's raw value is
/// kept as bytes once, so that reading one compares bytes and builds no `String`.
protocol NamedCases: RawRepresentable<String>, CaseIterable {
    /// Every case with its raw value's UTF-8 bytes (conforming types keep it in a `static let`,
    /// made by `makeNamesAsBytes()`).
    static var namesAsBytes: [(name: [UInt8], value: Self)] { get }
}

extension NamedCases {
    /// Every case with its raw value's UTF-8 bytes.
    static func makeNamesAsBytes() -> [(name: [UInt8], value: Self)] {
        allCases.map { (Array($0.rawValue.utf8), $0) }
    }
}

extension EventType: NamedCases {
    static let namesAsBytes = makeNamesAsBytes()
}

extension Element.Kind: NamedCases {
    static let namesAsBytes = makeNamesAsBytes()
}

extension Party.Kind: NamedCases {
    static let namesAsBytes = makeNamesAsBytes()
}

extension Change.Operation: NamedCases {
    static let namesAsBytes = makeNamesAsBytes()
}

extension TerminationKind: NamedCases {
    static let namesAsBytes = makeNamesAsBytes()
}

extension ReviewKind: NamedCases {
    static let namesAsBytes = makeNamesAsBytes()
}

extension ProgressStatus: NamedCases {
    static let namesAsBytes = makeNamesAsBytes()
}

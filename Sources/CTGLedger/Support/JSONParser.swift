/// Why a line is not valid JSON, with the byte column (1-based) where it went wrong.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based byte column in the line.
    public let column: Int
    /// What was wrong and what was expected, as a sentence fragment.
    public let message: String
    /// For duplicate members: the member's name.
    public let member: String?

    init(column: Int, message: String, member: String? = nil) {
        self.column = column
        self.message = message
        self.member = member
    }

    public var description: String { "column \(column): \(message)" }
}

/// A strict JSON parser (RFC 8259) working on bytes: it refuses invalid UTF-8,
/// duplicate member names, nesting deeper than `maximumDepth`, and anything after the value.
///
/// It builds a `JSONValue` tree from a `JSONTape`, the one parser of the package: the log's
/// readers use the tape directly and build values only for the members they keep as JSON.
public enum JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 64

    /// Parses one JSON text that must fill the whole buffer (white space around it allowed).
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        try JSONTape.withRoot(bytes) { $0.materialize() }.get()
    }

    /// Parses one JSON text from an array of bytes.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBytes { buffer in
            do throws(JSONSyntaxError) { return .success(try parse(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses one JSON text from a string.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

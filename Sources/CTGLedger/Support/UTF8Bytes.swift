extension StringProtocol {
    /// Calls `body` with the text's UTF-8 bytes: in place when they are contiguous, else from a copy.
    func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        utf8.withContiguousStorageIfAvailable { body(UnsafeRawBufferPointer($0)) } ?? Array(utf8).withUnsafeBytes(body)
    }
}

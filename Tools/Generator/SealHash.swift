import CTGLedger

/// The seal of a line: lowercase hex SHA-256 of its bytes before `,"hash":`, by the library's own SHA-256.
func sealHash(_ bytes: UnsafeRawBufferPointer) -> String {
    SHA256.hash(bytes: bytes).hex
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Recomputes the SHA-256 of every sealed line on a second thread while the caller parses
/// and validates the same file on its own: on two cores, `verify` then costs about as much
/// as the slower of the two instead of their sum.
///
/// It only says which lines' content does not match the hash written at their end; whether
/// that is reported depends on the other checks, which `LogScanner` makes (see
/// `LogScanner.deferHashes`).
final class ParallelHashCheck: @unchecked Sendable {
    /// A line whose bytes do not hash to the hash written at its end.
    struct Mismatch: Sendable {
        var line: Int
        /// The SHA-256 of the line's bytes before `,"hash":`, in hex.
        var computed: String
        /// The hash written at the line's end.
        var written: String
    }

    private let path: String
    // Written by the worker before it ends, read by the caller after joining it.
    private var mismatches: [Mismatch] = []
    private var failure: LedgerError?
    /// The worker, or `nil` when no thread could be started (then `wait` hashes in the caller's thread).
    private var thread: pthread_t?

    /// Starts hashing `path` on a new thread (a POSIX thread: no Foundation, so `ctg` starts fast).
    init(path: String) {
        self.path = path
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 1 << 20)
        defer { pthread_attr_destroy(&attributes) }
        let context = Unmanaged.passRetained(self).toOpaque()
        #if canImport(Darwin)
            var handle: pthread_t?
        #else
            var handle = pthread_t()
        #endif
        let started = pthread_create(
            &handle, &attributes,
            { context in
                let check = Unmanaged<ParallelHashCheck>.fromOpaque(context!).takeRetainedValue()
                check.run()
                return nil
            }, context)
        if started == 0 {
            thread = handle
        } else {
            Unmanaged<ParallelHashCheck>.fromOpaque(context).release()
        }
    }

    /// Waits for the worker and returns the mismatching lines in file order.
    ///
    /// - Throws: the I/O error the worker met, if any.
    func wait() throws(LedgerError) -> [Mismatch] {
        if let thread {
            pthread_join(thread, nil)
        } else {
            run()
        }
        if let failure { throw failure }
        return mismatches
    }

    private func run() {
        var found: [Mismatch] = []
        do {
            try LineReader.forEachLine(path: path) { (raw: RawLine) throws(LedgerError) in
                guard raw.terminated else { return }
                var bytes = raw.bytes
                if raw.number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                    bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
                }
                guard bytes.count > SealFormat.suffixLength, SealFormat.hasHashSuffix(bytes) else { return }
                let digest = SHA256.hash(bytes: SealFormat.hashedPart(of: bytes))
                let written = SealFormat.writtenHash(of: bytes)
                if !Self.matches(digest, hex: written) {
                    found.append(Mismatch(line: raw.number, computed: digest.hex, written: String(decoding: written, as: UTF8.self)))
                }
            }
        } catch {
            failure = error
        }
        mismatches = found
    }

    /// `true` when `hex` is the lowercase hex form of `digest`.
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func matches(_ digest: SHA256Digest, hex: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        for byte in digest.bytes {
            if hex[index] != digits[Int(byte >> 4)] || hex[index + 1] != digits[Int(byte & 0x0F)] { return false }
            index += 2
        }
        return true
    }
}

import Foundation
import Testing

@testable import CTGLedger

/// Deterministic SplitMix64 generator, so that property tests reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Files and processes for tests that work on real logs.
enum TestSupport {
    /// The repository's root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: Fixtures.repositoryRoot)

    /// The sealed example log shipped in `Events/`.
    static var exampleLog: URL { repositoryRoot.appendingPathComponent("Events/example-plateau-2026.jsonl") }

    /// The bytes of the sealed example log.
    static func exampleBytes() throws -> [UInt8] { Array(try Data(contentsOf: exampleLog)) }

    /// A new empty directory under the system's temporary directory.
    static func temporaryDirectory(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ctg-tests-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes bytes to a new file in `directory` and returns its path.
    static func write(_ bytes: [UInt8], named name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The bytes of a file.
    static func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// The sealed example log's lines, each without its `\n`.
    static func exampleLines() throws -> [[UInt8]] {
        try exampleBytes().split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
    }

    /// A `review.held` event as `ctg append` input for the example log's convention.
    static func reviewEvent(id: String, summary: String = "copil") -> String {
        #"{"id":"\#(id)","convention":"ctg-plateau-2026","type":"review.held","effective":"2026-06-30","data":{"kind":"copil","date":"2026-06-30","summary":"\#(summary)"}}"#
    }

    /// The built `ctg` executable (see `CTG.binary`); records an issue when it is not built.
    static func ctgExecutable() throws -> URL {
        let binary = CTG.binary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("the ctg executable was not found (run `swift build`); looked for \(binary)")
            throw CancellationError()
        }
        return URL(fileURLWithPath: binary)
    }

    /// What a finished process did.
    struct ProcessResult {
        var status: Int32
        var terminatedBySignal: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs a program to its end with `input` on its standard input.
    static func run(
        _ executable: URL, _ arguments: [String], input: [UInt8] = [], environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        // Files rather than pipes: no thread needed to keep a chatty child from blocking.
        let directory = try temporaryDirectory("process")
        defer { try? FileManager.default.removeItem(at: directory) }
        let inURL = directory.appendingPathComponent("stdin")
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        try Data(input).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let stdin = try FileHandle(forReadingFrom: inURL)
        let stdout = try FileHandle(forWritingTo: outURL)
        let stderr = try FileHandle(forWritingTo: errURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, terminatedBySignal: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A value shared between threads under a lock.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) {
        stored = value
    }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    /// Changes the value in one step under the lock (`value += x` would read and write separately).
    func mutate(_ body: (inout Value) -> Void) {
        lock.withLock { body(&stored) }
    }
}

/// Runs `ctg` in-process and keeps what it printed.
struct CommandRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Runs `ctg arguments…` with `input` as standard input and a fixed clock.
    init(_ arguments: [String], input: [UInt8] = [], now: Timestamp = Timestamp(rfc3339: "2029-06-01T12:00:00Z")!) {
        let outcome = CTG.run(arguments, input: input, now: now, today: CivilDate("2029-06-01")!)
        status = outcome.code
        stdout = outcome.out
        stderr = outcome.err
    }
}

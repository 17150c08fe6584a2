// Release-mode benchmark of each stage of reading a log, on one core (issue 5).
// Usage: decode-bench FILE [--megabytes M] [--runs R] [--stage NAME]
// Reads the first M megabytes of FILE (default 200; whole lines) into memory, then times each stage
// of `DecodeStage` over them on this thread alone: finding the lines (`memchr`: the baseline), the
// JSON tape with `data` skipped and of whole lines, the envelope built with `data` skipped
// (verify's first pass, without hashing), and decoding at `check`, `withoutTexts` and `full`.
// Prints, for each, the best of R runs (default 3): seconds, lines per second, MB/s (10^6 bytes/s)
// and its time over the baseline's. The reference point: a hand-written byte-level decoder
// building every field, about 1.5M events/s on one core.
// --stage NAME runs that stage alone (and the baseline), e.g. under valgrind --tool=callgrind,
// whose instruction counts a shared machine does not blur.

import CTGLedger
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: decode-bench FILE [--megabytes M] [--runs R] [--stage NAME]\n".utf8))
    exit(2)
}
@MainActor func option(_ name: String, default value: Int) -> Int {
    guard let at = arguments.firstIndex(of: name) else { return value }
    guard at + 1 < arguments.count, let number = Int(arguments[at + 1]), number > 0 else { usage() }
    arguments.removeSubrange(at...(at + 1))
    return number
}
let megabytes = option("--megabytes", default: 200)
let runs = option("--runs", default: 3)
var only: DecodeStage?
if let at = arguments.firstIndex(of: "--stage") {
    guard at + 1 < arguments.count, let stage = DecodeStage(rawValue: arguments[at + 1]) else {
        FileHandle.standardError.write(Data("decode-bench: --stage takes one of \(DecodeStage.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    only = stage
    arguments.removeSubrange(at...(at + 1))
}
guard arguments.count == 1, let path = arguments.first else { usage() }
guard let file = fopen(path, "rb") else {
    FileHandle.standardError.write(Data("decode-bench: cannot open \(path)\n".utf8))
    exit(1)
}
let capacity = megabytes * 1_000_000
let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
defer { buffer.deallocate() }
var read = fread(buffer.baseAddress, 1, capacity, file)
fclose(file)
// Whole lines only.
while read > 0, buffer[read - 1] != 0x0A { read -= 1 }
guard read > 0 else {
    FileHandle.standardError.write(Data("decode-bench: no complete line in the first \(megabytes) MB of \(path)\n".utf8))
    exit(1)
}
let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<read])

let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

print("decode-bench: \(path), first \(read) bytes; one thread; best of \(runs) runs")
print("stage           seconds   lines/s      MB/s   × lines   events")
var baseline: Double?
for stage in DecodeStage.allCases where only == nil || stage == only || stage == .lines {
    var best = Double.infinity
    var counts = (lines: 0, events: 0)
    for _ in 0..<runs {
        let elapsed = clock.measure { counts = stage.run(over: bytes) }
        best = min(best, seconds(elapsed))
    }
    if baseline == nil { baseline = best }
    let row = [
        stage.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0),
        String(format: "%8.3f", best),
        String(format: "%10.0f", Double(counts.lines) / best),
        String(format: "%9.1f", Double(read) / 1e6 / best),
        String(format: "%9.1f", best / baseline!),
        String(counts.events),
    ]
    print(row.joined(separator: " "))
}

// Release-mode throughput benchmark for CTGLedger's pure-Swift SHA-256.
// Usage: sha256-bench FILE                  (see Tools/bench-sha256.sh)
//        sha256-bench --messages SIZE FILE  many messages of about SIZE bytes
//        sha256-bench --lines FILE          each line of FILE is a message
// The first form streams FILE in 1 MiB chunks through one hasher and prints the digest and MB/s
// (10^6 bytes/s). The other two cut FILE into messages (SIZE ± 12 %, or its lines without `\n`),
// hash them one at a time with `SHA256.hash(bytes:)` and in batches of about 1 MiB with
// `MultiBufferSHA256` (as `verify` does), check that the digests agree and print both MB/s
// (best of 5 passes each, alternated).

import CTGLedger
import Foundation

let arguments = CommandLine.arguments
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: sha256-bench [--messages SIZE | --lines] FILE\n".utf8))
    exit(2)
}
guard let path = arguments.last, arguments.count >= 2 else { usage() }
guard let file = fopen(path, "rb") else {
    FileHandle.standardError.write(Data("sha256-bench: cannot open \(path)\n".utf8))
    exit(1)
}
defer { fclose(file) }

let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

if arguments.count == 2 {
    let chunkSize = 1 << 20
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
    defer { chunk.deallocate() }
    var hasher = SHA256()
    var total = 0
    let elapsed = clock.measure {
        while true {
            let read = fread(chunk.baseAddress, 1, chunkSize, file)
            if read == 0 { break }
            hasher.update(bytes: UnsafeRawBufferPointer(rebasing: chunk[0..<read]))
            total += read
        }
    }
    let digest = hasher.finalize()
    let megabytesPerSecond = Double(total) / 1e6 / seconds(elapsed)
    print("\(digest.hex)  \(path)")
    print("bytes=\(total) seconds=\(String(format: "%.3f", seconds(elapsed))) MB/s=\(String(format: "%.1f", megabytesPerSecond))")
    exit(0)
}

// Messages: the whole file in memory, cut into pieces.
fseek(file, 0, SEEK_END)
let total = ftell(file)
fseek(file, 0, SEEK_SET)
let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 64)
defer { bytes.deallocate() }
guard fread(bytes.baseAddress, 1, total, file) == total else {
    FileHandle.standardError.write(Data("sha256-bench: cannot read \(path)\n".utf8))
    exit(1)
}

var messages: [UnsafeRawBufferPointer] = []
switch arguments[1] {
case "--messages":
    guard arguments.count == 4, let size = Int(arguments[2]), size > 0 else { usage() }
    var seed: UInt64 = 1
    var start = 0
    while start < total {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let spread = max(size / 8, 1)
        let length = min(total - start, size - spread + Int((seed >> 33) % UInt64(2 * spread + 1)))
        messages.append(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)]))
        start += length
    }
case "--lines":
    guard arguments.count == 3 else { usage() }
    var start = 0
    for index in 0..<total where bytes[index] == 0x0A {
        messages.append(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        start = index + 1
    }
    if start < total { messages.append(UnsafeRawBufferPointer(rebasing: bytes[start..<total])) }
default:
    usage()
}
let hashed = messages.reduce(0) { $0 + $1.count }

// Batches of about 1 MiB of messages, like the chunks `verify` hashes.
var batches: [Range<Int>] = []
do {
    var first = 0
    var size = 0
    for (index, message) in messages.enumerated() {
        size += message.count
        if size >= 1 << 20 {
            batches.append(first..<(index + 1))
            first = index + 1
            size = 0
        }
    }
    if first < messages.count { batches.append(first..<messages.count) }
}

let scalarDigests = UnsafeMutableBufferPointer<SHA256Digest>.allocate(capacity: messages.count)
let laneDigests = UnsafeMutableBufferPointer<SHA256Digest>.allocate(capacity: messages.count)
defer {
    scalarDigests.deallocate()
    laneDigests.deallocate()
}
var bestScalar = Double.infinity
var bestLanes = Double.infinity
for _ in 0..<5 {
    bestScalar = min(
        bestScalar,
        seconds(
            clock.measure {
                for (index, message) in messages.enumerated() {
                    (scalarDigests.baseAddress! + index).initialize(to: SHA256.hash(bytes: message))
                }
            }))
    bestLanes = min(
        bestLanes,
        seconds(
            clock.measure {
                messages.withUnsafeBufferPointer { all in
                    for batch in batches {
                        MultiBufferSHA256.hash(UnsafeBufferPointer(rebasing: all[batch]), into: laneDigests.baseAddress! + batch.lowerBound)
                    }
                }
            }))
}
for index in 0..<messages.count where scalarDigests[index] != laneDigests[index] {
    FileHandle.standardError.write(Data("DIGEST MISMATCH on message \(index)\n".utf8))
    exit(1)
}
func rate(_ time: Double) -> String { String(format: "%.1f", Double(hashed) / 1e6 / time) }
print("messages=\(messages.count) bytes=\(hashed) mean=\(hashed / max(messages.count, 1))")
print("scalar MB/s=\(rate(bestScalar))")
print("multi-buffer MB/s=\(rate(bestLanes))")

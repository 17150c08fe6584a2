// Release-mode throughput benchmark for CTGLedger's pure-Swift SHA-256.
// Usage: sha256-bench FILE   (see Tools/bench-sha256.sh)
// Streams FILE in 1 MiB chunks and prints the digest and MB/s (10^6 bytes/s).

import CTGLedger
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: sha256-bench FILE\n".utf8))
    exit(2)
}
guard let file = fopen(arguments[1], "rb") else {
    FileHandle.standardError.write(Data("sha256-bench: cannot open \(arguments[1])\n".utf8))
    exit(1)
}
defer { fclose(file) }

let chunkSize = 1 << 20
let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
defer { chunk.deallocate() }

let clock = ContinuousClock()
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
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let megabytesPerSecond = Double(total) / 1e6 / seconds
print("\(digest.hex)  \(arguments[1])")
print("bytes=\(total) seconds=\(String(format: "%.3f", seconds)) MB/s=\(String(format: "%.1f", megabytesPerSecond))")

// Synthetic ledger generator: see Tools/README.md.
//
//   ctg-generate --events N [--seed S] [--output FILE] [--unsealed] [--territories T] [--quiet]

import Foundation

let usage = """
    usage: ctg-generate --events N [--seed S] [--output FILE] [--unsealed] [--territories T] [--quiet]

      --events N        exactly N events (lines) are written
      --seed S          unsigned 64-bit seed (default 1); same seed and options, same bytes
      --output FILE     write to FILE (default: standard output)
      --unsealed        omit "prev" and "hash"
      --territories T   number of territories (default: N / 330, between 4 and 5000)
      --quiet           no summary on standard error

    """

func fail(_ message: String, code: Int32 = 2) -> Never {
    FileHandle.standardError.write(("ctg-generate: " + message + "\n" + (code == 2 ? usage : "")).data(using: .utf8)!)
    exit(code)
}

var options = GeneratorOptions()
var quiet = false
var haveEvents = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    func value() -> String {
        guard let next = arguments.next() else { fail("\(argument) needs a value") }
        return next
    }
    switch argument {
    case "--events":
        let text = value()
        guard let n = Int(text), n >= 0 else { fail("--events expects a non-negative integer, got \(text)") }
        options.events = n
        haveEvents = true
    case "--seed":
        let text = value()
        guard let s = UInt64(text) else { fail("--seed expects an unsigned 64-bit integer, got \(text)") }
        options.seed = s
    case "--output", "-o":
        options.output = value()
    case "--unsealed":
        options.sealed = false
    case "--territories":
        let text = value()
        guard let t = Int(text), t >= 1 else { fail("--territories expects a positive integer, got \(text)") }
        options.territories = t
    case "--quiet":
        quiet = true
    case "--help", "-h":
        print(usage, terminator: "")
        exit(0)
    default:
        fail("unknown argument \(argument)")
    }
}
guard haveEvents else { fail("--events is required") }

guard let sink = Sink(path: options.output) else {
    fail("cannot open \(options.output ?? "-") for writing", code: 3)
}
let stats = Generator(options: options).run(sink: sink)
guard sink.close() else { fail("cannot write \(options.output ?? "-")", code: 3) }

if !quiet {
    var summary = JSONBytes(capacity: 64)
    summary.timestamp(stats.firstRecorded)
    summary.raw(" .. ")
    summary.timestamp(stats.lastRecorded)
    let span = stats.events == 0 ? "-" : String(decoding: summary.bytes, as: UTF8.self)
    FileHandle.standardError.write(
        """
        ctg-generate: \(stats.events) events, \(stats.bytes) bytes, \(stats.conventions) conventions \
        from \(stats.territories) territories (at most \(stats.maxOpenConventions) open at once), \
        recorded \(span)\n
        """.data(using: .utf8)!)
}

/// The `ctg` command line: finds the command, runs it, and turns any error into
/// a message on standard error and the contract's exit code, in one place.
package enum CommandLineTool {
    /// Every command, in the order `ctg --help` lists them.
    package static let commands: [Command] = [.state, .history, .diff, .list, .deadlines, .verify, .append, .seal, .repair]

    /// Runs `ctg` with `arguments` (without the program name) and returns the exit code.
    package static func run(_ arguments: [String], io: CommandIO) -> Int32 {
        guard let first = arguments.first else {
            io.err(overview)
            return 2
        }
        if first == "--help" || first == "-h" || first == "help" {
            if first == "help", arguments.count > 1 {
                guard let command = commands.first(where: { $0.name == arguments[1] }) else {
                    io.err("ctg: unknown command \"\(arguments[1])\". Commands: \(commands.map(\.name).joined(separator: ", ")).\n")
                    return 2
                }
                io.out(command.help)
                return 0
            }
            io.out(overview)
            return 0
        }
        if first == "--version" {
            io.out("ctg \(version)\n")
            return 0
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            io.err("ctg: unknown command \"\(first)\". Commands: \(commands.map(\.name).joined(separator: ", ")). See `ctg --help`.\n")
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            io.out(command.help)
            return 0
        }
        do {
            let parsed = try ParsedArguments(rest, options: command.options, command: command.name)
            return try command.run(parsed, io)
        } catch {
            io.err("ctg \(command.name): \(error.description)\n")
            if error.kind == .usage { io.err("Usage: \(command.usage)\n") }
            return error.exitCode
        }
    }

    /// The tool's version.
    package static let version = "0.1.0"

    /// `ctg --help`.
    package static var overview: String {
        var lines = [
            "ctg — the ledger of Conventions territoriales globales (CTG)",
            "",
            "Keeps a convention's legal life as an append-only, hash-chained JSON Lines log and answers,",
            "for any date, what the convention said then, as the ledger knew it at any time.",
            "",
            "Usage: ctg COMMAND LOG [options]",
            "",
            "Commands:",
        ]
        let width = commands.map(\.name.count).max() ?? 0
        for command in commands {
            lines.append("  \(command.name)\(String(repeating: " ", count: width - command.name.count + 2))\(command.summary)")
        }
        lines += [
            "",
            "`ctg help COMMAND` explains a command, with examples.",
            "Exit codes: 0 ok, 1 invalid log or query (or verify found a fault), 2 usage error, 3 I/O or lock failure.",
            "",
            "Example: ctg state Events/roumois-seine-2022.jsonl --at 2026-03-01",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// One option a command accepts.
package struct OptionSpec: Sendable {
    /// The option's name with its dashes, e.g. `--at`.
    package var name: String
    /// The value's placeholder (`D`), or `nil` for a flag without value.
    package var value: String?
    /// One line of help.
    package var help: String

    /// Creates an option; `value` is `nil` for a flag.
    package init(_ name: String, _ value: String? = nil, _ help: String) {
        self.name = name
        self.value = value
        self.help = help
    }
}

/// The arguments of one command line, split into positionals, option values and flags.
package struct ParsedArguments: Sendable {
    /// Arguments that are not options, in order.
    package var positionals: [String] = []
    /// Values of options that take one.
    package var values: [String: String] = [:]
    /// Flags present.
    package var flags: Set<String> = []

    /// Splits `arguments` against the options a command accepts (`--name value`, `--name=value`, flags, `--` ends options).
    ///
    /// - Throws: a usage error naming an unknown option or a missing value.
    package init(_ arguments: [String], options: [OptionSpec], command: String) throws(LedgerError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("--") || argument == "-" {
                if argument.hasPrefix("-") && argument.count > 1 && !onlyPositionals && argument != "-" {
                    throw LedgerError(.usage, "unknown option \(argument) for `ctg \(command)`; options start with two dashes. See `ctg help \(command)`.")
                }
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                let known = options.map(\.name).joined(separator: ", ")
                throw LedgerError(
                    .usage, "unknown option \(name) for `ctg \(command)`; it accepts \(known.isEmpty ? "no options" : known). See `ctg help \(command)`.")
            }
            if spec.value == nil {
                guard inlineValue == nil else {
                    throw LedgerError(.usage, "the option \(name) takes no value.")
                }
                flags.insert(name)
                continue
            }
            if let inlineValue {
                values[name] = inlineValue
            } else {
                guard index < arguments.count else {
                    throw LedgerError(.usage, "the option \(name) needs a value (\(spec.value!)).")
                }
                values[name] = arguments[index]
                index += 1
            }
        }
    }

    /// A date option (`YYYY-MM-DD`), or `nil` when absent.
    package func date(_ name: String) throws(LedgerError) -> CivilDate? {
        guard let text = values[name] else { return nil }
        guard let date = CivilDate(text) else {
            throw LedgerError(.usage, member: name, "expected a date YYYY-MM-DD (a real day); found \"\(text)\".")
        }
        return date
    }

    /// The `--as-of K` option: an RFC 3339 timestamp or a date (end of that day, UTC).
    package func asOf() throws(LedgerError) -> Timestamp? {
        guard let text = values["--as-of"] else { return nil }
        guard let stamp = Timestamp(query: text) else {
            throw LedgerError(.usage, member: "--as-of", "expected an RFC 3339 timestamp (2025-12-19T10:00:00Z) or a date YYYY-MM-DD; found \"\(text)\".")
        }
        return stamp
    }

    /// A whole-number option, or `nil` when absent.
    package func integer(_ name: String) throws(LedgerError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let n = Int(text), n >= 0 else {
            throw LedgerError(.usage, member: name, "expected a whole number ≥ 0; found \"\(text)\".")
        }
        return n
    }

    /// The single positional LOG argument.
    package func log(command: String) throws(LedgerError) -> String {
        guard let first = positionals.first else {
            throw LedgerError(.usage, "`ctg \(command)` needs the log file as its first argument. See `ctg help \(command)`.")
        }
        guard positionals.count == 1 else {
            throw LedgerError(.usage, "`ctg \(command)` takes one log file; unexpected \"\(positionals[1])\". See `ctg help \(command)`.")
        }
        return first
    }

    /// An option restricted to a set of values, or its default.
    package func choice(_ name: String, _ allowed: [String], default fallback: String) throws(LedgerError) -> String {
        guard let text = values[name] else { return fallback }
        guard allowed.contains(text) else {
            throw LedgerError(.usage, member: name, "expected one of \(allowed.joined(separator: ", ")); found \"\(text)\".")
        }
        return text
    }
}

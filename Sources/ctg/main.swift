import CTGLedger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// A closed pipe (`ctg history … | head`) must end output quietly, not kill the process.
signal(SIGPIPE, SIG_IGN)
// A file-size limit (`ulimit -f`) must make a write fail with EFBIG, so that `append` cuts the
// log back and exits 3, rather than kill the process mid-write and leave a torn line.
signal(SIGXFSZ, SIG_IGN)
exit(CommandLineTool.run(Array(CommandLine.arguments.dropFirst()), io: .standard))

#!/usr/bin/env bash
# Fuzzes the log line parser and event decoding with libFuzzer.
# Usage: Tools/fuzz.sh [SECONDS] [extra libFuzzer flags...]   (default 60 seconds)
#
# Compiles Tools/Fuzz/*.swift together with the library sources into one binary with
# `swiftc -sanitize=fuzzer,address` (the package build is untouched: the target is not in
# Package.swift), seeds a corpus with the lines and whole files of the repository's own logs
# (Events/, Tools/transcripts/, the test fixtures, which hold the contract's example.jsonl)
# and the fuzz regression inputs, then runs for SECONDS.
# A crash, hang or leak stops the run: the input is saved under .build/fuzz/artifacts/;
# fix the defect, then copy the input to Tests/CTGLedgerTests/Fixtures/fuzz/ as a regression test.
# Environment: FUZZ_JOBS=N runs N workers in parallel (default 1).
set -euo pipefail

cd "$(dirname "$0")/.."
root="$PWD"
seconds="${1:-60}"
shift || true
out=.build/fuzz
mkdir -p "$out/corpus" "$out/seeds" "$out/artifacts"

shopt -s globstar nullglob
sources=(Sources/CTGLedger/**/*.swift)
fuzz_sources=(Tools/Fuzz/*.swift)
binary="$root/$out/ctg-fuzz"
newest="$(ls -t "${sources[@]}" "${fuzz_sources[@]}" | head -n 1)"
if [[ ! -x "$binary" || "$newest" -nt "$binary" ]]; then
    echo "Compiling the fuzz target (swiftc -sanitize=fuzzer,address)..."
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
        -swift-version 6 -module-name CTGFuzz -package-name ctgledger \
        -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
        "${sources[@]}" "${fuzz_sources[@]}" -o "$binary"
fi

# Seeds: every line of every log in the repository, each whole log, and past crashers.
rm -f "$out/seeds"/*
n=0
for log in Events/*.jsonl Tools/transcripts/*.jsonl Tests/CTGLedgerTests/Fixtures/*.jsonl; do
    cp "$log" "$out/seeds/file-$(basename "$log")"
    while IFS= read -r line || [[ -n "$line" ]]; do
        n=$((n + 1))
        printf '%s\n' "$line" >"$out/seeds/line-$n"
    done <"$log"
done
for crasher in Tests/CTGLedgerTests/Fixtures/fuzz/*; do
    cp "$crasher" "$out/seeds/regression-$(basename "$crasher")"
done
echo "Seeded $(ls "$out/seeds" | wc -l) inputs; fuzzing for ${seconds} s."

jobs=()
if [[ "${FUZZ_JOBS:-1}" -gt 1 ]]; then
    # Parallel workers log to fuzz-<n>.log in the working directory: keep those under .build/fuzz.
    jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
    cd "$out"
    out=.
fi
# Objects kept for the process's life that LeakSanitizer cannot trace (see the file).
export LSAN_OPTIONS="suppressions=$root/Tools/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
"$binary" "$out/corpus" "$out/seeds" \
    -dict="$root/Tools/Fuzz/ledger.dict" \
    -max_total_time="$seconds" \
    -max_len=8192 \
    -timeout=10 \
    -rss_limit_mb=2048 \
    "${jobs[@]}" \
    -artifact_prefix="$out/artifacts/" \
    -print_final_stats=1 \
    "$@"

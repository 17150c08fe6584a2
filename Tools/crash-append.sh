#!/usr/bin/env bash
# Crash-consistency test of `ctg append`: kills it with SIGKILL at random moments.
# Usage: Tools/crash-append.sh [KILLS] [SEED]   (defaults: 300 kills, seed from $RANDOM)
#
# Starts from a copy of the sealed example log. Each round pipes a batch of new events (1 to 200
# events, some lines of tens of kilobytes, so that the single write is long enough to be cut) into
# `ctg append`, and sends it SIGKILL after a random delay: half the time anywhere from 0 to 1.5
# times the last finished append's duration t, half the time between 0.85 t and 1.05 t, where the
# append writes. The log grows each time an append finished before its kill. After each kill it checks:
#   - the log before the round is a byte prefix of the log after it (nothing lost or rewritten);
#   - `ctg verify` passes, or its only error is [torn] on the last line;
#   - in that case `ctg repair` moves the fragment into LOG.torn-*, the log and the side file
#     together are exactly the bytes before the repair, and `ctg verify` then passes.
# Exit 0 when every round holds, 1 at the first that does not (the files are kept).
#
# Environment: CTG=path/to/ctg uses that binary; otherwise a release build is made first.
set -euo pipefail

cd "$(dirname "$0")/.."
kills="${1:-300}"
RANDOM="${2:-$RANDOM}"
source Tools/ctg-binary.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/ctg-crash.XXXXXX")"
log="$work/crash.jsonl"
cp Events/example-plateau-2026.jsonl "$log"
convention="ctg-plateau-2026"

fail() {
    echo "FAIL (round $round): $*" >&2
    echo "files kept in $work" >&2
    exit 1
}

# A batch of events for round $1: ids crash-<round>-<n>, 1 to 200 of them, one in eight with a
# summary of up to 64 KiB.
# With $2 = big, one of them carries a summary of 1 to 4 MiB, so that the write takes a while.
batch() {
    awk -v r="$1" -v big="${2:-}" -v seed="$RANDOM" -v c="$convention" 'BEGIN {
        srand(seed); count = int(rand() * 200) + 1
        x = "x"; while (length(x) < 65536) x = x x
        if (big != "") { y = x; while (length(y) < 4194304) y = y y; bigAt = int(rand() * count) + 1 }
        for (n = 1; n <= count; n++) {
            pad = rand() < 0.125 ? int(rand() * 65536) : int(rand() * 200)
            s = n == bigAt ? substr(y, 1, 1048576 + int(rand() * 3145728)) : substr(x, 1, pad)
            printf "{\"id\":\"crash-%d-%d\",\"convention\":\"%s\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\",\"summary\":\"%s\"}}\n", r, n, c, s
        }
    }'
}

# How long does one append take? Calibrates the kill delays.
round=0
batch 0 >"$work/input"
t0="$(date +%s%N)"
"$ctg" append "$log" <"$work/input" >/dev/null
t1="$(date +%s%N)"
full_us=$(((t1 - t0) / 1000))
max_delay_us=$((full_us * 3 / 2))
echo "Crash test: $kills SIGKILLs; one append takes $(((t1 - t0) / 1000000)) ms; delays up to $((max_delay_us / 1000)) ms; log $log"

finished=0
torn=0
epochs=1
for ((round = 1; round <= kills; round++)); do
    if (($(stat -c %s "$log") > 32 << 20)); then
        # Keep the run's disk use bounded: start again from the example log.
        cp Events/example-plateau-2026.jsonl "$log"
        epochs=$((epochs + 1))
    fi
    cp "$log" "$work/before"
    before_size="$(stat -c %s "$log")"
    # A third of the kills land anywhere in [0, 1.5 t], t being the last finished append's duration;
    # a third in [0.85 t, 1.05 t], near the end, where the append writes; a third as soon as the log
    # starts to grow (a batch with a line of megabytes, so the kill may cut the write).
    mode=$((round % 3))
    batch "$round" "$([[ $mode -eq 2 ]] && echo big)" >"$work/input"
    if ((mode == 0)); then
        delay_us=$(((RANDOM * 32768 + RANDOM) % (max_delay_us + 1)))
    else
        delay_us=$((full_us * 85 / 100 + (RANDOM * 32768 + RANDOM) % (full_us * 20 / 100 + 1)))
    fi
    t0="$(date +%s%N)"
    "$ctg" append "$log" <"$work/input" >/dev/null 2>"$work/append.err" &
    pid=$!
    if ((mode == 2)); then
        while [[ "$(stat -c %s "$log")" -eq $before_size ]] && kill -0 "$pid" 2>/dev/null; do :; done
    else
        sleep "$(printf '%d.%06d' $((delay_us / 1000000)) $((delay_us % 1000000)))"
    fi
    kill -KILL "$pid" 2>/dev/null || true
    rc=0
    wait "$pid" 2>/dev/null || rc=$?
    if [[ $rc -eq 0 ]]; then
        finished=$((finished + 1))
        full_us=$((($(date +%s%N) - t0) / 1000))
        max_delay_us=$((full_us * 3 / 2))
    fi
    [[ $rc -eq 0 || $rc -eq 137 ]] || fail "append exited $rc: $(cat "$work/append.err")"

    # Nothing before the round was lost or rewritten.
    after_size="$(stat -c %s "$log")"
    [[ $after_size -ge $before_size ]] || fail "the log shrank from $before_size to $after_size bytes"
    cmp -s -n "$before_size" "$work/before" "$log" || fail "the log's first $before_size bytes changed"

    rc=0
    "$ctg" verify "$log" >"$work/verify.txt" 2>&1 || rc=$?
    [[ $rc -eq 0 ]] && continue
    [[ $rc -eq 1 ]] || fail "verify exited $rc: $(cat "$work/verify.txt")"
    lines="$(($(wc -l <"$log") + 1))"
    errors="$(grep -c ' error \[' "$work/verify.txt" || true)"
    [[ $errors -eq 1 ]] && grep -q "^$log:$lines: error \[torn\]" "$work/verify.txt" ||
        fail "verify found more than a torn last line: $(grep ' error \[' "$work/verify.txt" | head -n 3)"
    torn=$((torn + 1))
    cp "$log" "$work/torn-before-repair"
    "$ctg" repair "$log" >"$work/repair.txt" || fail "repair failed: $(cat "$work/repair.txt")"
    side="$(ls "$log".torn-* | tail -n 1)"
    cat "$log" "$side" | cmp -s - "$work/torn-before-repair" || fail "log + $side differ from the log before repair"
    mv "$side" "$work/moved-$round"
    "$ctg" verify "$log" >"$work/verify.txt" 2>&1 || fail "verify fails after repair: $(cat "$work/verify.txt")"
done

echo "OK: $kills kills; $finished appends had finished, $torn torn lines repaired; $epochs log(s) grown to at most 32 MiB, the last $(wc -l <"$log") lines; verify passes; head $("$ctg" verify "$log" --head)"
rm -rf "$work"

#!/usr/bin/env bash
# Concurrency stress test of `ctg append`.
# Usage: Tools/stress-append.sh [N] [M]   (defaults: 8 processes, 500 events each)
#
# Copies the sealed example log (Events/example-plateau-2026.jsonl) to a temporary file, then runs
# N worker processes at once; each appends its M events one `ctg append --expect-seq S` at a time,
# reading S (the last seq) from the log just before, and retries when refused because another
# worker appended meanwhile (exit 1, "appended meanwhile") or the lock was busy (exit 3).
# Afterwards it checks: `ctg verify` passes; exactly N×M new lines; every id once, none missing;
# each worker's events in its own order; every line a whole sealed line (no interleaved bytes).
# Exit 0 when all hold, 1 otherwise (the log is then kept for inspection).
#
# Environment: CTG=path/to/ctg uses that binary (the tests pass the debug build); otherwise
# a release build is made first. KEEP=1 keeps the temporary directory.
set -euo pipefail

cd "$(dirname "$0")/.."
workers="${1:-8}"
per_worker="${2:-500}"
source Tools/ctg-binary.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/ctg-stress.XXXXXX")"
log="$work/stress.jsonl"
cp Events/example-plateau-2026.jsonl "$log"
base_lines="$(wc -l <"$log")"
convention="ctg-plateau-2026"

fail() {
    echo "FAIL: $*" >&2
    echo "log kept in $work" >&2
    exit 1
}

# One worker: appends its events in order, retrying each until it is in.
worker() {
    local w="$1" j seq out rc event refused=0
    for ((j = 1; j <= per_worker; j++)); do
        event="{\"id\":\"stress-$w-$j\",\"convention\":\"$convention\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"data\":{\"kind\":\"point-etape\",\"date\":\"2026-06-30\",\"summary\":\"worker $w, event $j\"}}"
        while true; do
            seq="$(tail -n 1 "$log" | sed -n 's/^{"seq":\([0-9][0-9]*\),.*/\1/p')"
            if [[ -z "$seq" ]]; then continue; fi
            rc=0
            out="$(printf '%s\n' "$event" | "$ctg" append "$log" --expect-seq "$seq" 2>&1)" || rc=$?
            if [[ $rc -eq 0 ]]; then break; fi
            if [[ $rc -eq 1 && "$out" == *"appended meanwhile"* ]] || [[ $rc -eq 3 && "$out" == *"locked"* ]]; then
                refused=$((refused + 1))
                continue
            fi
            echo "worker $w, event $j: unexpected exit $rc: $out" >&2
            return 1
        done
    done
    echo "$refused" >"$work/refused-$w"
}

echo "Stress: $workers processes × $per_worker events onto $log"
start="$(date +%s.%N)"
pids=()
for ((w = 1; w <= workers; w++)); do
    worker "$w" &
    pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
end="$(date +%s.%N)"
[[ $failed -eq 0 ]] || fail "a worker failed"

expected=$((workers * per_worker))
refused="$(cat "$work"/refused-* | awk '{ s += $1 } END { print s + 0 }')"

# 1. The whole log verifies: JSON, envelope, seq without gaps, hash chain, references.
"$ctg" verify "$log" >"$work/verify.txt" 2>&1 || { cat "$work/verify.txt" >&2; fail "ctg verify failed"; }
# 2. Exactly N×M new lines, each a whole sealed line.
lines="$(wc -l <"$log")"
[[ $lines -eq $((base_lines + expected)) ]] || fail "expected $((base_lines + expected)) lines, found $lines"
whole="$(grep -c '^{"seq":[0-9]*,.*,"prev":"[0-9a-f]\{64\}","hash":"[0-9a-f]\{64\}"}$' "$log" || true)"
[[ $whole -eq $lines ]] || fail "only $whole of $lines lines are whole sealed lines"
[[ "$(tail -c 1 "$log" | od -An -c | tr -d ' ')" == '\n' ]] || fail "the log does not end with a newline"
# 3. Every id exactly once.
grep -o '"id":"stress-[0-9]*-[0-9]*"' "$log" | sort >"$work/ids.txt"
[[ "$(wc -l <"$work/ids.txt")" -eq $expected ]] || fail "expected $expected stress ids, found $(wc -l <"$work/ids.txt")"
duplicates="$(uniq -d "$work/ids.txt" | head -n 3)"
[[ -z "$duplicates" ]] || fail "duplicate ids: $duplicates"
# 4. Each worker's events in its own order.
for ((w = 1; w <= workers; w++)); do
    grep -o "\"id\":\"stress-$w-[0-9]*\"" "$log" | sed 's/.*-\([0-9]*\)"$/\1/' >"$work/order-$w.txt"
    seq 1 "$per_worker" | cmp -s - "$work/order-$w.txt" || fail "worker $w's events are not all there in order"
done

seconds="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')"
echo "OK: $expected events appended by $workers processes in ${seconds} s ($refused refusals retried); $lines lines; verify passes; head $("$ctg" verify "$log" --head)"
if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $work"; else rm -rf "$work"; fi

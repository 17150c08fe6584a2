#!/usr/bin/env bash
# Compares two builds of ctg, for a change meant to make it faster and nothing else (issue 5):
# their outputs must be byte-identical, and their timings are taken interleaved, so that the drift
# of a shared machine falls on both alike. A tool for developers, not a test: CI does not run it.
#
#   Tools/compare.sh BASE [NEW] [--log FILE] [--runs R] [--no-timing]
#
#   BASE         the ctg binary to compare against (e.g. built from an earlier commit:
#                git worktree add /tmp/base HEAD~1 && (cd /tmp/base && swift build -c release))
#   NEW          the ctg binary to compare (default: this checkout's release build, built first)
#   --log FILE   the sealed log the timings run on (default Tools/out/bench-1000000.jsonl, made by
#                Tools/bench.sh; without it the timings are skipped)
#   --runs R     timed runs of each binary, alternating (default 5)
#   --no-timing  compare the outputs only
#
# Outputs compared (stdout, stderr and exit status): `verify` (text and JSON) and `list --at`
# (text and JSON) on every log of Events/, on a generated log of 20 000 events and on three damaged
# copies of it (changed bytes: hash mismatches; a member of the wrong type; a line cut short).
# Exits 1 when an output differs (the differing files are listed and kept), else 0.
# Needs: GNU time at /usr/bin/time for the timings (apt-get install -y time).
set -u
cd "$(dirname "$0")/.."

BASE=""
NEW=""
LOG="Tools/out/bench-1000000.jsonl"
RUNS=5
TIMING=1
while [ $# -gt 0 ]; do
    case "$1" in
    --log) LOG="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --no-timing) TIMING=0; shift ;;
    -*) echo "usage: Tools/compare.sh BASE [NEW] [--log FILE] [--runs R] [--no-timing]" >&2; exit 2 ;;
    *) if [ -z "$BASE" ]; then BASE="$1"; else NEW="$1"; fi; shift ;;
    esac
done
[ -n "$BASE" ] || { echo "usage: Tools/compare.sh BASE [NEW] [--log FILE] [--runs R] [--no-timing]" >&2; exit 2; }
[ -x "$BASE" ] || { echo "compare: $BASE is not an executable" >&2; exit 2; }
swift build -c release --product ctg-generate >&2 || { echo "compare: build failed" >&2; exit 2; }
BIN="$(swift build -c release --show-bin-path)"
if [ -z "$NEW" ]; then
    swift build -c release --product ctg >&2 || { echo "compare: build failed" >&2; exit 2; }
    NEW="$BIN/ctg"
fi

WORK="$(mktemp -d /tmp/ctg-compare.XXXXXX)"
echo "== logs in $WORK" >&2
"$BIN/ctg-generate" --events 20000 --seed 3 --output "$WORK/generated.jsonl" --quiet ||
    { echo "compare: generation failed" >&2; exit 2; }
# Every 97th line's effective date changed (its hash no longer matches), every 89th délibération
# given a vote count that is a string, and one line cut short in the middle of the log.
sed '0~97s/"effective":"2/"effective":"1/' "$WORK/generated.jsonl" > "$WORK/damaged-hashes.jsonl"
sed '0~89s/"votes":{"for":\([0-9]*\)/"votes":{"for":"\1"/' "$WORK/generated.jsonl" > "$WORK/damaged-data.jsonl"
awk 'NR == 10000 { print substr($0, 1, length($0) / 2); next } { print }' "$WORK/generated.jsonl" > "$WORK/damaged-cut.jsonl"

# outputs BIN DIR: every compared output of BIN, one file per log and command.
outputs() {
    local bin="$1" dir="$2" log name
    mkdir -p "$dir"
    for log in Events/*.jsonl "$WORK"/generated.jsonl "$WORK"/damaged-*.jsonl; do
        name="$(basename "$log" .jsonl)"
        # A copy each, so that no index written by one binary is read by the other.
        cp "$log" "$WORK/run.jsonl"
        rm -f "$WORK/run.jsonl.ctgindex"
        { "$bin" verify "$WORK/run.jsonl"; echo "exit $?"; } > "$dir/$name.verify" 2>&1
        { "$bin" verify "$WORK/run.jsonl" --format json; echo "exit $?"; } > "$dir/$name.verify.json" 2>&1
        { "$bin" list "$WORK/run.jsonl" --at 2026-03-01; echo "exit $?"; } > "$dir/$name.list" 2>&1
        { "$bin" list "$WORK/run.jsonl" --at 2026-03-01 --format json; echo "exit $?"; } > "$dir/$name.list.json" 2>&1
    done
    rm -f "$WORK/run.jsonl" "$WORK/run.jsonl.ctgindex"
}
echo "== outputs of $BASE and $NEW" >&2
outputs "$BASE" "$WORK/base"
outputs "$NEW" "$WORK/new"
STATUS=0
if diff -rq "$WORK/base" "$WORK/new" >/dev/null; then
    echo "outputs: identical ($(ls "$WORK/base" | wc -l) files: verify and list, text and JSON, on $(ls Events/*.jsonl | wc -l) real logs, a generated one and 3 damaged copies)"
else
    echo "outputs: DIFFERENT (kept in $WORK/base and $WORK/new):"
    diff -rq "$WORK/base" "$WORK/new" | sed 's/^/  /'
    STATUS=1
fi

# column_median FILE N: the median of the Nth column.
column_median() {
    cut -d' ' -f"$2" "$1" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
if [ "$TIMING" = 1 ] && [ -s "$LOG" ] && [ -x /usr/bin/time ]; then
    echo "== timing on $LOG, $RUNS runs each, alternating" >&2
    for command in verify list; do
        : > "$WORK/base.$command"
        : > "$WORK/new.$command"
        for _ in $(seq "$RUNS"); do
            for side in base new; do
                bin="$BASE"
                [ "$side" = new ] && bin="$NEW"
                /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$bin" "$command" "$LOG" >/dev/null 2>&1
                tail -n 1 "$WORK/time" >> "$WORK/$side.$command"
            done
        done
        for side in base new; do
            printf '%-7s %-4s wall median %s s (min %s)  user %s s  system %s s  peak %s MiB\n' "$command" "$side" \
                "$(column_median "$WORK/$side.$command" 1)" "$(cut -d' ' -f1 "$WORK/$side.$command" | sort -n | head -1)" \
                "$(column_median "$WORK/$side.$command" 2)" "$(column_median "$WORK/$side.$command" 3)" \
                "$(cut -d' ' -f4 "$WORK/$side.$command" | sort -n | tail -1 | awk '{ printf "%.1f", $1 / 1024 }')"
        done
    done
elif [ "$TIMING" = 1 ]; then
    echo "timing: skipped (no log at $LOG, or no GNU time at /usr/bin/time)"
fi
[ "$STATUS" = 0 ] && rm -rf "$WORK"
exit "$STATUS"

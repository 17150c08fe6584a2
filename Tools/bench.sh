#!/usr/bin/env bash
# Benchmark of ctg on a national-scale ledger (issue 5). A benchmark, not a test: it never fails CI
# (it always exits 0 once it has run; a missing tool is reported and skipped).
#
#   Tools/bench.sh [--events N] [--runs R] [--appends A] [--log FILE] [--keep]
#
#   --events N   size of the generated ledger (default 1000000)
#   --runs R     runs per command; the median is printed (default 5)
#   --appends A  appends timed one after the other (default 100: enough to cross the index's
#                periodic rewrites); their median and maximum are printed
#   --log FILE   use this sealed log instead of generating one (it is never modified: append runs on a copy)
#   --keep       keep the generated files in Tools/out/
#
# Needs: swift (release build), GNU time at /usr/bin/time (apt-get install -y time), sha256sum, wc.
# Prints, for each command: median wall time, median user time, peak memory (max RSS over the runs),
# and the ratio to its baseline on the same file (the two are run alternately).
set -u
cd "$(dirname "$0")/.."

EVENTS=1000000
RUNS=5
APPENDS=100
LOG=""
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
    --events) EVENTS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --appends) APPENDS="$2"; shift 2 ;;
    --log) LOG="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "usage: Tools/bench.sh [--events N] [--runs R] [--appends A] [--log FILE] [--keep]" >&2; exit 0 ;;
    esac
done

if [ ! -x /usr/bin/time ]; then
    echo "bench: /usr/bin/time (GNU time) is missing; trying apt-get install -y time" >&2
    (apt-get install -y time >/dev/null 2>&1 || sudo apt-get install -y time >/dev/null 2>&1) ||
        { echo "bench: install GNU time (apt-get install -y time) and run again" >&2; exit 0; }
fi

echo "== building (release)" >&2
swift build -c release --product ctg >&2 || { echo "bench: build failed" >&2; exit 0; }
BIN="$(swift build -c release --show-bin-path)"
CTG="$BIN/ctg"

OUT=Tools/out
mkdir -p "$OUT"
if [ -z "$LOG" ]; then
    swift build -c release --product ctg-generate >&2 || { echo "bench: ctg-generate is not built; pass --log FILE" >&2; exit 0; }
    LOG="$OUT/bench-$EVENTS.jsonl"
    if [ ! -s "$LOG" ]; then
        echo "== generating $EVENTS events into $LOG" >&2
        "$BIN/ctg-generate" --events "$EVENTS" --seed 1 --output "$LOG" || { echo "bench: generation failed" >&2; exit 0; }
    fi
fi
rm -f "$LOG.ctgindex"

# A convention present in the log and a date inside its life, for `state` and `append`.
LAST_LINE="$(tail -n 1 "$LOG")"
CONVENTION="$(printf '%s' "$LAST_LINE" | sed -E 's/.*"convention":"([^"]*)".*/\1/')"
AT=2026-01-01

# run NAME CMD... : runs CMD $RUNS times; records "wall user maxrss_kb" per run in $OUT/NAME.times
run() {
    local name="$1"; shift
    : > "$OUT/$name.times"
    for _ in $(seq "$RUNS"); do
        timed "$OUT/$name.times" "$@" >/dev/null 2>"$OUT/$name.err"
    done
}
# pair BASE_NAME NAME CMD... : runs the baseline command in the array BASELINE and CMD alternately,
# $RUNS times each, so that the drift of a shared machine falls on both alike and their ratio holds.
pair() {
    local base_name="$1" name="$2"; shift 2
    : > "$OUT/$base_name.times"
    : > "$OUT/$name.times"
    for _ in $(seq "$RUNS"); do
        timed "$OUT/$base_name.times" "${BASELINE[@]}" >/dev/null 2>"$OUT/$base_name.err"
        timed "$OUT/$name.times" "$@" >/dev/null 2>"$OUT/$name.err"
    done
}
# timed FILE CMD... : runs CMD once under GNU time; appends "wall user maxrss_kb" to FILE. The wall
# time comes from the clock around it (GNU time's %e has a 10 ms resolution; these commands take
# a few ms), so it includes starting GNU time (about 1 ms).
timed() {
    local file="$1"; shift
    local start end
    start="$(date +%s%N)"
    /usr/bin/time -f "%U %M" -o "$file.1" "$@"
    end="$(date +%s%N)"
    printf '%s %s\n' "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", (e - s) / 1e9 }')" "$(cat "$file.1")" >> "$file"
    rm -f "$file.1"
}
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
wall() { cut -d' ' -f1 "$OUT/$1.times" | median; }
user() { cut -d' ' -f2 "$OUT/$1.times" | median; }
peak() { cut -d' ' -f3 "$OUT/$1.times" | sort -n | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "== timing ($RUNS runs each, medians; each command alternating with its baseline)" >&2
BASELINE=(sha256sum "$LOG")
pair sha256sum verify "$CTG" verify "$LOG"
BASELINE=(wc -l "$LOG")
pair wc replay "$CTG" list "$LOG" --at "$AT"
# First state builds the index when the log has none: measured apart from the warm runs.
rm -f "$LOG.ctgindex"
# Each cold run starts without an index (the run writes one).
: > "$OUT/state-cold.times"
for _ in $(seq "$RUNS"); do
    rm -f "$LOG.ctgindex"
    timed "$OUT/state-cold.times" "$CTG" state "$LOG" --convention "$CONVENTION" --at "$AT" >/dev/null 2>"$OUT/state-cold.err"
done
run state "$CTG" state "$LOG" --convention "$CONVENTION" --at "$AT"

COPY="$OUT/append-copy.jsonl"
cp "$LOG" "$COPY"
# Written to disk now, so that the first append's flush does not also flush the copy.
sync
rm -f "$COPY.ctgindex"
"$CTG" state "$COPY" --convention "$CONVENTION" --at "$AT" >/dev/null 2>&1 || true
: > "$OUT/append.times"
for i in $(seq "$APPENDS"); do
    printf '{"id":"bench-append-%s-%s","convention":"%s","type":"review.held","effective":"2027-06-30","data":{"kind":"copil","date":"2027-06-30","summary":"benchmark"}}\n' \
        "$$" "$i" "$CONVENTION" > "$OUT/append-input.jsonl"
    timed "$OUT/append.times" "$CTG" append "$COPY" < "$OUT/append-input.jsonl" >/dev/null 2>"$OUT/append.err"
done
rm -f "$COPY" "$COPY.ctgindex"

EVENTS_IN_LOG="$(wc -l < "$LOG")"
BYTES="$(stat -c %s "$LOG")"
echo
echo "ctg benchmark: $LOG, $EVENTS_IN_LOG events, $BYTES bytes; $RUNS runs each ($APPENDS appends), medians"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
printf '%-34s %9s %9s %11s   %s\n' "command" "wall s" "user s" "peak MiB" "vs baseline (wall)"
line() {
    local name="$1" label="$2" base="$3"
    local w u p
    w="$(wall "$name")"; u="$(user "$name")"; p="$(peak "$name")"
    local cmp=""
    if [ -n "$base" ]; then cmp="$(ratio "$w" "$(wall "$base")") x $base"; fi
    printf '%-34s %9s %9s %11s   %s\n' "$label" "$w" "$u" "$(awk -v k="$p" 'BEGIN { printf "%.1f", k / 1024 }')" "$cmp"
}
line sha256sum "sha256sum (baseline)" ""
line verify "ctg verify" sha256sum
line wc "wc -l (baseline)" ""
line replay "ctg list (full replay)" wc
line state-cold "ctg state, one convention (cold)" ""
line state "ctg state, one convention (warm)" ""
line append "ctg append, one event" ""
echo "ctg append over $APPENDS appends: median $(wall append) s, max $(cut -d' ' -f1 "$OUT/append.times" | sort -n | tail -1) s"
echo "events/s, full replay: $(awk -v n="$EVENTS_IN_LOG" -v t="$(wall replay)" 'BEGIN { if (t > 0) printf "%.0f", n / t }')"
if [ "$KEEP" = 0 ]; then rm -f "$OUT"/*.err "$OUT/append-input.jsonl"; fi
exit 0

#!/usr/bin/env bash
# Benchmarks CTGLedger's pure-Swift SHA-256 against sha256sum on a generated file.
# Usage: Tools/bench-sha256.sh [MEGABYTES]   (default 200)
# Not part of `swift test`. Prints both throughputs (MB = 10^6 bytes) and the ratio, then the
# throughput on many messages of about 800 bytes (like log lines), hashed one at a time by the
# scalar SHA256 and four at a time by MultiBufferSHA256 (best of 5 passes each, same run).
set -euo pipefail

cd "$(dirname "$0")/.."
megabytes="${1:-200}"
file="$(mktemp "${TMPDIR:-/tmp}/sha256-bench.XXXXXX")"
trap 'rm -f "$file"' EXIT

echo "Generating ${megabytes} MB of random data..."
head -c "$((megabytes * 1000000))" /dev/urandom >"$file"
swift build -c release --product sha256-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/sha256-bench"

# Warm the page cache, then take the best of three runs for each tool.
cat "$file" >/dev/null
ours=0
for _ in 1 2 3; do
    rate="$("$bench" "$file" | sed -n 's/.*MB\/s=//p')"
    ours="$(awk -v a="$ours" -v b="$rate" 'BEGIN { print (b > a) ? b : a }')"
done
theirs=0
for _ in 1 2 3; do
    start="$(date +%s.%N)"
    sha256sum "$file" >/dev/null
    end="$(date +%s.%N)"
    rate="$(awk -v s="$start" -v e="$end" -v n="$megabytes" 'BEGIN { printf "%.1f", n / (e - s) }')"
    theirs="$(awk -v a="$theirs" -v b="$rate" 'BEGIN { print (b > a) ? b : a }')"
done

ours_digest="$("$bench" "$file" | head -n 1 | cut -d ' ' -f 1)"
theirs_digest="$(sha256sum "$file" | cut -d ' ' -f 1)"
if [[ "$ours_digest" != "$theirs_digest" ]]; then
    echo "DIGEST MISMATCH: ours $ours_digest, sha256sum $theirs_digest" >&2
    exit 1
fi

echo "ours (pure Swift): ${ours} MB/s"
echo "sha256sum:         ${theirs} MB/s"
awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "ratio sha256sum/ours: %.2fx\n", b / a }'

# Many ~800-byte messages (700 to 900 bytes), from the first 64 MB of the file.
messages="$(mktemp "${TMPDIR:-/tmp}/sha256-bench-messages.XXXXXX")"
trap 'rm -f "$file" "$messages"' EXIT
head -c 64000000 "$file" >"$messages"
"$bench" --messages 800 "$messages" | sed -n 's/^scalar MB\/s=\(.*\)/800-byte messages, scalar:       \1 MB\/s/p; s/^multi-buffer MB\/s=\(.*\)/800-byte messages, multi-buffer: \1 MB\/s/p'

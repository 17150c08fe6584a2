#!/usr/bin/env bash
# Seals the hand-written transcripts into Events/ and verifies the sealed logs.
# Usage: Tools/seal-events.sh
#
# Tools/transcripts/*.jsonl are the source (unsealed, edited by hand, reviewed in git);
# Events/<same name>.jsonl is their sealed output, written by `ctg seal`. Never edit a
# sealed log by hand: fix the transcript and run this script again.
# Exits non-zero if a build, a seal or a verification fails.
set -euo pipefail

cd "$(dirname "$0")/.."
swift build --product ctg >/dev/null
ctg="$(swift build --show-bin-path)/ctg"

shopt -s nullglob
transcripts=(Tools/transcripts/*.jsonl)
if [ "${#transcripts[@]}" -eq 0 ]; then
    echo "seal-events: no transcript in Tools/transcripts/" >&2
    exit 1
fi

for transcript in "${transcripts[@]}"; do
    sealed="Events/$(basename "$transcript")"
    # The sealed copy is regenerated from its transcript: remove the old one first
    # (`ctg seal` does not overwrite an existing file).
    rm -f "$sealed"
    "$ctg" seal "$transcript" --output "$sealed"
    echo "sealed   $transcript -> $sealed"
done

failed=0
for transcript in "${transcripts[@]}"; do
    sealed="Events/$(basename "$transcript")"
    if "$ctg" verify "$sealed"; then
        echo "verified $sealed"
    else
        echo "seal-events: verification FAILED for $sealed" >&2
        failed=1
    fi
done
exit "$failed"

#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's `swift format` and the repository's
# .swift-format (4-space indentation, 160 columns).
#   Tools/format.sh          rewrite the files in place
#   Tools/format.sh --lint   only report what differs (exit non-zero if anything does)
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Tools/Generator Tools/SHA256Bench Tools/Fuzz)
if [[ "${1:-}" == "--lint" ]]; then
    swift format lint --strict -r "${paths[@]}"
else
    swift format -i -r "${paths[@]}"
fi

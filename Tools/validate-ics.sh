#!/usr/bin/env bash
# Usage: Tools/validate-ics.sh FILE.ics
#
# Independent check of an iCalendar file written by `ctg` (ICalendar.document):
#   1. framing, on the raw octets: valid UTF-8, every line ends with CRLF (no
#      bare CR or LF), no physical line longer than 75 octets (CRLF excluded),
#      no line that is invalid UTF-8 on its own (a fold that split a character);
#   2. parsing with the `icalendar` package from PyPI, installed in a Python
#      virtual environment: no parse error on any component, every VEVENT has
#      UID, DTSTAMP and DTSTART;
#   3. prints one line per event: its DTSTART date and SUMMARY.
#
# Exit status: 0 valid, 1 invalid, 2 usage error, 3 could not set up Python.
#
# Environment:
#   PYTHON          interpreter used to create the venv (default: python3)
#   CTG_ICS_VENV    directory of a venv to create or reuse (default: a
#                   temporary one, deleted on exit)
#   ICALENDAR_SPEC  pip requirement (default: icalendar==7.3.0)
#
# Example, with the deadlines of a convention exported by ctg (--force
# replaces an earlier export; the same log always gives the same file):
#   swift build
#   .build/debug/ctg deadlines Tools/transcripts/gam-nord-ouest-2026.jsonl \
#       --at 2026-01-01 --ics /tmp/gam.ics --force
#   Tools/validate-ics.sh /tmp/gam.ics
#
# Or with a sample written by the test suite:
#   CTG_ICS_SAMPLE=/tmp/ctg.ics swift test --filter writeSampleForExternalValidation
#   Tools/validate-ics.sh /tmp/ctg.ics
set -euo pipefail

if [[ $# -ne 1 || "$1" == -h || "$1" == --help ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
file=$1
if [[ ! -r "$file" ]]; then
    echo "validate-ics: cannot read $file" >&2
    exit 2
fi

python=${PYTHON:-python3}
spec=${ICALENDAR_SPEC:-icalendar==7.3.0}
if [[ -n "${CTG_ICS_VENV:-}" ]]; then
    venv=$CTG_ICS_VENV
else
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/validate-ics.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    venv=$tmp/venv
fi

if [[ ! -x "$venv/bin/python" ]]; then
    if ! "$python" -m venv "$venv" >&2; then
        echo "validate-ics: could not create a venv with $python (Debian: apt-get install python3-venv)" >&2
        exit 3
    fi
fi
if ! "$venv/bin/python" -c 'import icalendar' 2>/dev/null; then
    if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$spec" >&2; then
        echo "validate-ics: could not install $spec from PyPI" >&2
        exit 3
    fi
fi

# Not exec: the EXIT trap must still remove the temporary venv.
status=0
"$venv/bin/python" - "$file" <<'PYTHON' || status=$?
import datetime
import sys

import icalendar

path = sys.argv[1]
data = open(path, "rb").read()
problems = []

try:
    data.decode("utf-8")
except UnicodeDecodeError as error:
    problems.append(f"not valid UTF-8: {error}")

if not data:
    problems.append("empty file")
elif not data.endswith(b"\r\n"):
    problems.append("the last line does not end with CRLF")
lines = data.split(b"\r\n")
if lines and lines[-1] == b"":
    lines.pop()
for number, line in enumerate(lines, start=1):
    if b"\n" in line or b"\r" in line:
        problems.append(f"line {number}: bare LF or CR (lines must end with CRLF)")
    if len(line) > 75:
        problems.append(f"line {number}: {len(line)} octets, more than 75")
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"line {number}: a fold splits a UTF-8 sequence")

events = []
try:
    calendar = icalendar.Calendar.from_ical(data)
except Exception as error:  # the library raises ValueError and others
    problems.append(f"icalendar could not parse the file: {error}")
    calendar = None

if calendar is not None:
    for component in calendar.walk():
        for property_name, message in getattr(component, "errors", []):
            problems.append(f"{component.name} {property_name}: {message}")
    for event in calendar.walk("VEVENT"):
        missing = [name for name in ("UID", "DTSTAMP", "DTSTART") if name not in event]
        if missing:
            problems.append(f"VEVENT {event.get('UID', '?')}: missing {', '.join(missing)}")
            continue
        start = event.decoded("DTSTART")
        if not isinstance(start, (datetime.date, datetime.datetime)):
            problems.append(f"VEVENT {event['UID']}: DTSTART {event['DTSTART'].to_ical()!r} is not a date")
            continue
        events.append((start.isoformat(), str(event.get("SUMMARY", ""))))

for date, summary in events:
    print(f"{date}  {summary}")

if problems:
    for problem in problems:
        print(f"validate-ics: {path}: {problem}", file=sys.stderr)
    sys.exit(1)
print(f"validate-ics: {path}: OK, {len(events)} event(s), {len(lines)} lines, "
      f"CRLF, at most 75 octets each (icalendar {icalendar.__version__})", file=sys.stderr)
PYTHON
exit "$status"

# Sourced by the scripts in Tools/: sets `ctg` to the binary to run.
# CTG=path/to/ctg uses that binary; otherwise a release build is made first.
ctg="${CTG:-}"
if [[ -z "$ctg" ]]; then
    swift build -c release --product ctg >/dev/null
    ctg="$(swift build -c release --show-bin-path)/ctg"
fi

#!/usr/bin/env bash
# Byte-identical output of two chidao binaries (a refactoring must change no byte):
#
#   benches/identical.sh OLD_BINARY NEW_BINARY [N ...]
#
# Builds with each binary, into folders on $SHM, the shipped site in Vietnamese and in English
# (site.yaml's `language` switched, on a copy) as of 2024-03-01, and the generated corpus of
# each N documents (default: 1000 10000; `benches/common.sh`'s cache) as of 2026-11-23, then
# compares the two outputs file by file. Prints one line per site; exits 1 if any differs.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: benches/identical.sh OLD_BINARY NEW_BINARY [N ...]" >&2; exit 2; }
old=$(realpath "$1") new=$(realpath "$2"); shift 2
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)
SELF=identical.sh
# shellcheck source=benches/common.sh
. "$(dirname "$0")/common.sh"
work=$(mktemp -d "$SHM/chidao-identical.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/en"
cp -r content "$work/en/content"
sed -i 's/^language: .*/language: en/' "$work/en/content/site.yaml"
grep -q '^language: en' "$work/en/content/site.yaml" || echo 'language: en' >>"$work/en/content/site.yaml"
status=0
compare() { # name root today
    local b
    for b in old new; do
        "${!b}" build --root "$2" --output "$work/$1-$b" --today "$3" >/dev/null 2>"$work/$1.err" ||
            { echo "$1: the $b binary failed"; cat "$work/$1.err"; exit 1; }
    done
    if diff -rq -x .chidao-manifest "$work/$1-old" "$work/$1-new" >"$work/$1.diff"; then
        echo "$1: identical ($(find "$work/$1-new" -type f | wc -l) files)"
    else
        echo "$1: DIFFERS"; head -20 "$work/$1.diff"; status=1
    fi
    rm -rf "$work/$1-old" "$work/$1-new"
}
compare shipped-vi . 2024-03-01
compare shipped-en "$work/en" 2024-03-01
for n in "${SIZES[@]}"; do
    compare "corpus-$n" "$(corpus "$n")" "$TODAY"
done
exit $status

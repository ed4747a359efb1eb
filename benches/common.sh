# Shared by benches/whole.sh and benches/peers.sh (sourced, with SELF set to the script's name):
# the settings (K runs, SEED, TODAY, SHM), the release binaries, timing under GNU time,
# medians, and the synthetic corpus of N documents cached on $SHM.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
K=${K:-5}
SEED=${SEED:-1}
TODAY=2026-11-23
SHM=${SHM:-/dev/shm}
TARGET=${CARGO_TARGET_DIR:-target}

[ -x /usr/bin/time ] || { echo "$SELF: /usr/bin/time (GNU time) is needed" >&2; exit 1; }
cargo build --release --quiet --example corpus --bin chidao
CHIDAO=$TARGET/release/chidao
CORPUS=$TARGET/release/examples/corpus

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# The median of column $1 of file $2.
col() { awk -v c="$1" '{ print $c }' "$2" | median; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { print a / b }'; }

# Runs "$@" under GNU time; appends "wall cpu rss_kb user" (cpu: user + system) to the file
# named by $TIMES.
timed() {
    local t
    t=$(mktemp)
    /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >/dev/null 2>"$t.err" || {
        echo "$SELF: failed: $*" >&2
        tail -20 "$t.err" >&2
        exit 1
    }
    awk '{ printf "%s %.2f %s %s\n", $1, $2 + $3, $4, $2 }' "$t" >>"$TIMES"
    rm -f "$t" "$t.err"
}

# The corpus of $1 documents (generated once per N and seed; FRESH=1 to regenerate): prints
# its folder.
corpus() {
    local site=$SHM/chidao-corpus-$1-s$SEED
    if [ -n "${FRESH:-}" ] || [ ! -f "$site/.generated" ]; then
        rm -rf "$site"
        mkdir -p "$site"
        "$CORPUS" --documents "$1" --seed "$SEED" --out "$site" --force >"$site/.generated.tmp"
        mv "$site/.generated.tmp" "$site/.generated"
    fi
    echo "$site"
}

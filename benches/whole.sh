#!/usr/bin/env bash
# Whole-process benchmark of the release binary on synthetic sites.
#
#   benches/whole.sh                 # N = 1000 10000
#   benches/whole.sh 1000 10000 100000
#   K=3 SEED=1 benches/whole.sh 1000
#
# For each N: generates the corpus once on /dev/shm (cached by N and seed; FRESH=1 to
# regenerate), then reports the median of K runs (default 5) of
#   - a full build into an empty output folder: wall time, user+sys CPU time, user CPU time
#     alone (the program's own work, without the system's), peak RSS; the output's size, files
#     and largest HTML page (no page may pass 1 MB);
#   - `chidao check`: wall time;
#   - a second build with nothing changed: wall time, and how many output files it rewrote
#     (files newer than a stamp taken after the first build; should be 0);
#   - the machine's own cost of writing that output: `cp -r` of the output folder just built
#     to a new folder beside it (wall time). On a virtual machine whose host provides fresh
#     memory lazily this grows faster than the bytes; compare the build's growth with it.
# Prints a Markdown table. Statuses are computed as of --today 2026-11-23.
set -euo pipefail

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)
SELF=whole.sh
# shellcheck source=benches/common.sh
. "$(dirname "$0")/common.sh"

rows=()
for n in "${SIZES[@]}"; do
    site=$(corpus "$n")
    echo "N=$n: $(cat "$site/.generated")" >&2
    src_bytes=$(du -sb "$site/content" | cut -f1)
    out=$SHM/chidao-out-$n-s$SEED
    stamp=$SHM/chidao-stamp-$n-s$SEED
    copy=$SHM/chidao-copy-$n-s$SEED
    build=$(mktemp) check=$(mktemp) again=$(mktemp) copied=$(mktemp)
    rewritten=0
    for _ in $(seq "$K"); do
        rm -rf "$out"
        TIMES=$build timed "$CHIDAO" build --root "$site" --output "$out" --today "$TODAY"
        rm -rf "$copy"
        TIMES=$copied timed cp -r "$out" "$copy"
        rm -rf "$copy"
        sleep 0.05
        touch "$stamp"
        sleep 0.05
        TIMES=$again timed "$CHIDAO" build --root "$site" --output "$out" --today "$TODAY"
        changed=$(find "$out" -type f -newer "$stamp" | wc -l)
        [ "$changed" -gt "$rewritten" ] && rewritten=$changed
        TIMES=$check timed "$CHIDAO" check --root "$site" --today "$TODAY"
    done
    out_bytes=$(du -sb "$out" | cut -f1)
    out_files=$(find "$out" -type f | wc -l)
    largest=$(find "$out" -name '*.html' -printf '%s %P\n' | sort -n | tail -n 1)
    rows+=("$(printf '| %s | %.1f | %s | %s | %s | %.0f | %.1f | %s | %.0f kB `%s` | %s | %s | %s | %s |' \
        "$n" "$(div "$src_bytes" 1000000)" \
        "$(col 1 "$build")" "$(col 2 "$build")" "$(col 4 "$build")" "$(div "$(col 3 "$build")" 1024)" \
        "$(div "$out_bytes" 1000000)" "$out_files" \
        "$(div "${largest%% *}" 1000)" "${largest#* }" \
        "$(col 1 "$check")" "$(col 1 "$again")" "$rewritten" "$(col 1 "$copied")")")
    rm -rf "$out" "$stamp" "$build" "$check" "$again" "$copied"
done

echo
echo "chidao $(git rev-parse --short HEAD 2>/dev/null || echo '?'), K=$K runs (median), seed $SEED, $(nproc) CPUs, --today $TODAY"
echo
echo "| documents | content MB | build wall s | build CPU s | build user s | peak RSS MB | output MB | output files | largest page | check wall s | rebuild wall s | files rewritten | cp -r output s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"

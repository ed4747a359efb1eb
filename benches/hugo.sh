#!/usr/bin/env bash
# Hugo against chidao on the same synthetic corpus, runs alternating, for a live ratio.
#
#   benches/hugo.sh              # N = 10000
#   K=5 benches/hugo.sh 1000 10000
#
# Needs Debian's `hugo` (apt-get install hugo; 0.111 on Debian 12) and GNU time. For each N,
# the corpus whole.sh makes (/dev/shm/chidao-corpus-N-sSEED, generated here if missing) is
# copied into a Hugo site on /dev/shm with the same Markdown files. Only what Hugo would
# refuse changes: `kind` (a name Hugo keeps for itself) becomes `doc_kind`, and dates written
# d/m/yyyy become yyyy-mm-dd. The Hugo site has a page per document (its properties, its
# tasks as a table, its text), a page per issuing body (a taxonomy) and the section lists, with
# relative URLs: less than chidao makes (no task pages by status, chain diagrams, exports or
# search index), so the ratio flatters Hugo. Both write to /dev/shm into an empty folder.
# Prints the median of K runs (default 5) of wall time, CPU time and peak memory of each,
# and the ratios of the medians.
set -euo pipefail

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(10000)
SELF=hugo.sh
command -v hugo >/dev/null || { echo "hugo.sh: hugo is needed (apt-get install hugo)" >&2; exit 1; }
# shellcheck source=benches/common.sh
. "$(dirname "$0")/common.sh"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# The Hugo site for a chidao corpus: content copied with `kind` renamed and dates made ISO
# (in the front matter only), a config and a few plain templates.
hugo_site() {
    local from=$1 to=$2
    rm -rf "$to"
    mkdir -p "$to/layouts/_default"
    (cd "$from/content" && find . -name '*.md' -print0) | while IFS= read -r -d '' f; do
        mkdir -p "$to/content/$(dirname "$f")"
        awk 'NR == 1 && /^---/ { fm = 1; print; next }
             fm && /^---/ { fm = 0 }
             fm && /^kind:/ { sub(/^kind:/, "doc_kind:") }
             fm && /^date: *[0-9]+\/[0-9]+\/[0-9]+/ {
                 split(substr($0, index($0, ":") + 1), p, "/")
                 gsub(/ /, "", p[1])
                 printf "date: %04d-%02d-%02d\n", p[3], p[2], p[1]; next }
             { print }' "$from/content/$f" >"$to/content/$f"
    done
    cat >"$to/hugo.toml" <<'EOF'
baseURL = "/"
languageCode = "vi"
title = "Theo dõi thực hiện văn bản chỉ đạo"
relativeURLs = true
uglyURLs = true
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
issuer = "issuer"
[pagination]
pagerSize = 100
EOF
    cat >"$to/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
    cat >"$to/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<h1>{{ .Params.doc_kind }} {{ .Params.id }}<br>{{ .Title }}</h1>
<dl><dt>Cơ quan ban hành</dt><dd>{{ range .GetTerms "issuer" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Ngày</dt><dd>{{ .Date.Format "2/1/2006" }}</dd><dt>Nơi</dt><dd>{{ .Params.place }}</dd>
<dt>Người ký</dt><dd>{{ .Params.signer }} ({{ .Params.signer_title }})</dd>
<dt>Thực hiện</dt><dd>{{ range .Params.implements }}{{ . }} {{ end }}</dd></dl>
{{ with .Params.tasks }}<table><tr><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời hạn</th><th>Hoàn thành</th></tr>
{{ range . }}<tr><td>{{ .id }}. {{ .text }}</td><td>{{ .lead }}{{ with .support }} ({{ delimit . ", " }}){{ end }}</td><td>{{ .due }}</td><td>{{ .done }}</td></tr>
{{ end }}</table>{{ end }}
<article>{{ .Content }}</article>{{ end }}
EOF
    cat >"$to/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.doc_kind }} {{ .Params.id }}</a> {{ .Title }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
EOF
    cp "$to/layouts/_default/list.html" "$to/layouts/_default/terms.html"
}

rows=()
for n in "${SIZES[@]}"; do
    site=$(corpus "$n")
    hsite=$SHM/hugo-site-$n-s$SEED
    hugo_site "$site" "$hsite"
    out=$SHM/peers-out-$n
    ours=$(mktemp) theirs=$(mktemp)
    for _ in $(seq "$K"); do
        rm -rf "$out" "$hsite/resources"
        TIMES=$theirs timed hugo --quiet --source "$hsite" --destination "$out"
        rm -rf "$out"
        TIMES=$ours timed "$CHIDAO" build --root "$site" --output "$out" --today "$TODAY"
    done
    chidao_bytes=$(du -sb "$out" | cut -f1)
    rm -rf "$out"
    hugo --quiet --source "$hsite" --destination "$out" >/dev/null 2>&1
    hugo_bytes=$(du -sb "$out" | cut -f1)
    hugo_files=$(find "$out" -type f | wc -l)
    rm -rf "$out"
    rows+=("$(printf '| %s | %s | %s | %.0f | %.0f | %s | %s | %.0f | %.0f | %s× | %s× |' \
        "$n" "$(col 1 "$theirs")" "$(col 2 "$theirs")" "$(div "$(col 3 "$theirs")" 1024)" \
        "$(div "$hugo_bytes" 1000000)" \
        "$(col 1 "$ours")" "$(col 2 "$ours")" "$(div "$(col 3 "$ours")" 1024)" \
        "$(div "$chidao_bytes" 1000000)" \
        "$(ratio "$(col 1 "$theirs")" "$(col 1 "$ours")")" \
        "$(ratio "$(col 3 "$theirs")" "$(col 3 "$ours")")")")
    echo "N=$n: hugo wrote $hugo_files files" >&2
    rm -f "$ours" "$theirs"
done

echo
echo "$(hugo version | cut -d' ' -f1-2) against chidao $(git rev-parse --short HEAD 2>/dev/null || echo '?'), K=$K runs each, alternating (median), seed $SEED, $(nproc) CPUs"
echo
echo "| documents | Hugo wall s | Hugo CPU s | Hugo peak MB | Hugo output MB | chidao wall s | chidao CPU s | chidao peak MB | chidao output MB | Hugo/chidao time | Hugo/chidao memory |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"

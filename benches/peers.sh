#!/usr/bin/env bash
# chidao against Hugo and Zola on the same Markdown, runs alternating, and the ratios.
#
#   benches/peers.sh                 # N = 10000
#   K=3 benches/peers.sh 10000 100000
#   ZOLA=/path/to/zola benches/peers.sh
#
# Needs GNU time, Debian's `hugo` (apt-get install hugo; 0.111 on Debian 12) and a `zola`
# (0.22; ZOLA=path, else `zola` on the PATH): see benches/README.md for building it from
# its sources. The corpus is generated with settings other than the benchmarks' defaults
# (CORPUS_ARGS, default: 8 provinces, so fewer bodies, 3 more tasks per document and texts of
# 2,500 words; SEED default 2), cached on $SHM. benches/peer_sites.py copies it into a Hugo
# and a Zola site with the same Markdown files and plain templates for a page per document
# (properties, its tasks as a table, its text), a page per issuing body (a taxonomy) and the
# section lists: less than chidao makes (no task pages by status, chain diagrams, exports or
# search index), so the ratios flatter the peers. Each writes into an empty folder on $SHM.
# Prints the median of K runs (default 5) of wall time, CPU time and peak memory of each, the
# output's size, and the ratio of the faster peer's wall time to chidao's.
set -euo pipefail

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(10000)
SELF=peers.sh
SEED=${SEED:-2}
CORPUS_ARGS=${CORPUS_ARGS---provinces 8 --extra-tasks 3 --words 2500}
ZOLA=${ZOLA:-zola}
command -v hugo >/dev/null || { echo "$SELF: hugo is needed (apt-get install hugo)" >&2; exit 1; }
command -v "$ZOLA" >/dev/null || { echo "$SELF: zola is needed (ZOLA=path; see benches/README.md)" >&2; exit 1; }
# shellcheck source=benches/common.sh
. "$(dirname "$0")/common.sh"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mb() { awk -v a="$1" 'BEGIN { printf "%.0f", a / 1000000 }'; }

# The corpus of $1 documents with CORPUS_ARGS, generated once per N, seed and arguments.
peer_corpus() {
    local tag site
    tag=$(printf '%s' "$CORPUS_ARGS" | tr -c 'a-z0-9' '_')
    site=$SHM/chidao-peers-$1-s$SEED-$tag
    if [ ! -f "$site/.generated" ]; then
        rm -rf "$site"
        mkdir -p "$site"
        # shellcheck disable=SC2086
        "$CORPUS" --documents "$1" --seed "$SEED" $CORPUS_ARGS --out "$site" --force >"$site/.generated.tmp"
        mv "$site/.generated.tmp" "$site/.generated"
    fi
    echo "$site"
}

hugo_site() {
    rm -rf "$2"
    python3 benches/peer_sites.py hugo "$1" "$2"
    mkdir -p "$2/layouts/_default"
    cat >"$2/hugo.toml" <<'TOML'
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
TOML
    cat >"$2/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
    cat >"$2/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<h1>{{ .Params.doc_kind }} {{ .Params.id }}<br>{{ .Title }}</h1>
<dl><dt>Cơ quan ban hành</dt><dd>{{ range .GetTerms "issuer" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Ngày</dt><dd>{{ .Date.Format "2/1/2006" }}</dd><dt>Nơi</dt><dd>{{ .Params.place }}</dd>
<dt>Người ký</dt><dd>{{ .Params.signer }} ({{ .Params.signer_title }})</dd>
<dt>Thực hiện</dt><dd>{{ range .Params.implements }}{{ . }} {{ end }}</dd></dl>
{{ with .Params.tasks }}<table><tr><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời hạn</th><th>Hoàn thành</th></tr>
{{ range . }}<tr><td>{{ .id }}. {{ .text }}</td><td>{{ .lead }}{{ with .support }} ({{ delimit . ", " }}){{ end }}</td><td>{{ .due }}</td><td>{{ .done }}</td></tr>
{{ end }}</table>{{ end }}
<article>{{ .Content }}</article>{{ end }}
HTML
    cat >"$2/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.doc_kind }} {{ .Params.id }}</a> {{ .Title }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
HTML
    cp "$2/layouts/_default/list.html" "$2/layouts/_default/terms.html"
}

zola_site() {
    rm -rf "$2"
    python3 benches/peer_sites.py zola "$1" "$2"
    mkdir -p "$2/templates"
    cat >"$2/config.toml" <<'TOML'
base_url = "/"
title = "Theo dõi thực hiện văn bản chỉ đạo"
default_language = "vi"
compile_sass = false
build_search_index = false
generate_feeds = false
generate_sitemap = false
generate_robots_txt = false
taxonomies = [{ name = "issuer", paginate_by = 100 }]
TOML
    cat >"$2/templates/base.html" <<'HTML'
<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{% block title %}{% endblock %} — {{ config.title }}</title></head>
<body><header><a href="{{ get_url(path="/") }}">{{ config.title }}</a></header>
<main>{% block main %}{% endblock %}</main></body></html>
HTML
    cat >"$2/templates/page.html" <<'HTML'
{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock %}{% block main %}<h1>{{ page.extra.kind }} {{ page.extra.id }}<br>{{ page.title }}</h1>
<dl><dt>Cơ quan ban hành</dt><dd>{% if page.taxonomies.issuer %}{% for i in page.taxonomies.issuer %}<a href="{{ get_taxonomy_url(kind="issuer", name=i) }}">{{ i }}</a>{% endfor %}{% endif %}</dd>
<dt>Ngày</dt><dd>{% if page.date %}{{ page.date | date(format="%-d/%-m/%Y") }}{% endif %}</dd><dt>Nơi</dt><dd>{{ page.extra.place | default(value="") }}</dd>
<dt>Người ký</dt><dd>{{ page.extra.signer | default(value="") }} ({{ page.extra.signer_title | default(value="") }})</dd>
<dt>Thực hiện</dt><dd>{% if page.extra.implements %}{% for i in page.extra.implements %}{{ i }} {% endfor %}{% endif %}</dd></dl>
{% if page.extra.tasks %}<table><tr><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời hạn</th><th>Hoàn thành</th></tr>
{% for t in page.extra.tasks %}<tr><td>{{ t.id }}. {{ t.text }}</td><td>{{ t.lead | default(value="") }}{% if t.support %} ({{ t.support | join(sep=", ") }}){% endif %}</td><td>{{ t.due | default(value="") }}</td><td>{{ t.done | default(value="") }}</td></tr>
{% endfor %}</table>{% endif %}
<article>{{ page.content | safe }}</article>{% endblock %}
HTML
    cat >"$2/templates/section.html" <<'HTML'
{% extends "base.html" %}{% block title %}{{ section.title }}{% endblock %}{% block main %}<h1>{{ section.title }}</h1>
<ul>{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.extra.kind }} {{ p.extra.id }}</a> {{ p.title }}</li>{% endfor %}</ul>
{% if paginator.previous %}<a href="{{ paginator.previous }}">‹</a>{% endif %} {% if paginator.next %}<a href="{{ paginator.next }}">›</a>{% endif %}{% endblock %}
HTML
    cp "$2/templates/section.html" "$2/templates/index.html"
    cat >"$2/templates/taxonomy_list.html" <<'HTML'
{% extends "base.html" %}{% block title %}{{ taxonomy.name }}{% endblock %}{% block main %}<ul>{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a> ({{ term.page_count }})</li>{% endfor %}</ul>{% endblock %}
HTML
    cat >"$2/templates/taxonomy_single.html" <<'HTML'
{% extends "base.html" %}{% block title %}{{ term.name }}{% endblock %}{% block main %}<h1>{{ term.name }}</h1>
<ul>{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.extra.kind }} {{ p.extra.id }}</a> {{ p.title }}</li>{% endfor %}</ul>
{% if paginator.previous %}<a href="{{ paginator.previous }}">‹</a>{% endif %} {% if paginator.next %}<a href="{{ paginator.next }}">›</a>{% endif %}{% endblock %}
HTML
}

rows=()
for n in "${SIZES[@]}"; do
    site=$(peer_corpus "$n")
    hsite=$SHM/peers-hugo-$n
    zsite=$SHM/peers-zola-$n
    hugo_site "$site" "$hsite"
    zola_site "$site" "$zsite"
    out=$SHM/peers-out-$n
    ours=$(mktemp) hugos=$(mktemp) zolas=$(mktemp)
    for _ in $(seq "$K"); do
        rm -rf "$out" "$hsite/resources"
        TIMES=$hugos timed hugo --quiet --source "$hsite" --destination "$out"
        rm -rf "$out"
        TIMES=$zolas timed "$ZOLA" --root "$zsite" build --output-dir "$out" --force
        rm -rf "$out"
        TIMES=$ours timed "$CHIDAO" build --root "$site" --output "$out" --today "$TODAY"
    done
    ours_bytes=$(du -sb "$out" | cut -f1)
    rm -rf "$out"
    hugo --quiet --source "$hsite" --destination "$out" >/dev/null 2>&1
    hugo_bytes=$(du -sb "$out" | cut -f1)
    rm -rf "$out"
    "$ZOLA" --root "$zsite" build --output-dir "$out" --force >/dev/null 2>&1
    zola_bytes=$(du -sb "$out" | cut -f1)
    rm -rf "$out"
    faster=$(awk -v h="$(col 1 "$hugos")" -v z="$(col 1 "$zolas")" 'BEGIN { print (h < z ? h : z) }')
    rows+=("$(printf '| %s | %s / %s / %s | %s / %s / %s | %s / %s / %s | %s / %s / %s | %s× | %s× | %s× |' \
        "$n" "$(col 1 "$ours")" "$(col 1 "$hugos")" "$(col 1 "$zolas")" \
        "$(col 2 "$ours")" "$(col 2 "$hugos")" "$(col 2 "$zolas")" \
        "$(div "$(col 3 "$ours")" 1024 | xargs printf '%.0f')" \
        "$(div "$(col 3 "$hugos")" 1024 | xargs printf '%.0f')" \
        "$(div "$(col 3 "$zolas")" 1024 | xargs printf '%.0f')" \
        "$(mb "$ours_bytes")" "$(mb "$hugo_bytes")" "$(mb "$zola_bytes")" \
        "$(ratio "$(col 1 "$hugos")" "$(col 1 "$ours")")" "$(ratio "$(col 1 "$zolas")" "$(col 1 "$ours")")" \
        "$(ratio "$faster" "$(col 1 "$ours")")")")
    rm -f "$ours" "$hugos" "$zolas"
done

echo
echo "chidao $(git rev-parse --short HEAD 2>/dev/null || echo '?') against $(hugo version | cut -d' ' -f1-2) and $("$ZOLA" --version), K=$K runs each, alternating (median), corpus: seed $SEED, $CORPUS_ARGS, $(nproc) CPUs"
echo
echo "| documents | wall s (chidao / Hugo / Zola) | CPU s | peak MiB | output MB | Hugo / chidao time | Zola / chidao time | faster peer / chidao |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"

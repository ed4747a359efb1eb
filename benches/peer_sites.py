#!/usr/bin/env python3
"""Copies a chidao corpus into a Hugo or a Zola site with the same Markdown (benches/peers.sh).

    peer_sites.py hugo|zola FROM TO

Only what the peer would refuse changes, in the front matter alone:
- Hugo keeps `kind` for itself: it becomes `doc_kind`; dates written d/m/yyyy become yyyy-mm-dd.
- Zola accepts only its own keys at the top: `title` and `date` (when a full date) stay, the
  issuer becomes the `issuer` taxonomy, every other key goes under `extra`; each folder gets an
  `_index.md` (a section paginated by 100).
"""
import os
import re
import sys

DMY = re.compile(r"^date:\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
ISO = re.compile(r"^date:\s*\d{4}-\d{2}-\d{2}\s*$")


def split(text):
    """(front matter lines, body) of a chidao document."""
    if not text.startswith("---\n"):
        return [], text
    end = text.find("\n---", 3)
    if end < 0:
        return [], text
    return text[4:end].split("\n"), text[end + 4:].lstrip("\n")


def iso(line):
    m = DMY.match(line)
    return f"date: {int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}" if m else line


def hugo(front):
    out = []
    for line in front:
        if line.startswith("kind:"):
            line = "doc_kind:" + line[len("kind:"):]
        out.append(iso(line))
    return out


def zola(front):
    """Top-level keys in blocks (a key's line and the indented or list lines after it)."""
    blocks, top, extra = [], [], ["extra:"]
    for line in front:
        if line and not line[0].isspace() and not line.startswith("- "):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
    for block in blocks:
        key = block[0].split(":", 1)[0]
        if key == "title":
            top += block
        elif key == "date":
            line = iso(block[0])
            if ISO.match(line):
                top.append(line)
            extra += ["  " + l for l in block]
        else:
            if key == "issuer":
                value = block[0].split(":", 1)[1].strip()
                top += ["taxonomies:", f"  issuer: [{value}]"]
            extra += ["  " + l for l in block]
    return top + (extra if len(extra) > 1 else [])


def main():
    peer, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
    convert = {"hugo": hugo, "zola": zola}[peer]
    src_content = os.path.join(src, "content")
    for folder, _, files in os.walk(src_content):
        rel = os.path.relpath(folder, src_content)
        out_dir = os.path.normpath(os.path.join(dst, "content", rel))
        os.makedirs(out_dir, exist_ok=True)
        if peer == "zola":
            title = "Văn bản" if rel == "." else rel
            with open(os.path.join(out_dir, "_index.md"), "w", encoding="utf-8") as f:
                f.write(f'+++\ntitle = "{title}"\nsort_by = "date"\npaginate_by = 100\n+++\n')
        for name in files:
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                front, body = split(f.read())
            with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
                f.write("---\n" + "\n".join(convert(front)) + "\n---\n" + body)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ (not committed) with starting inputs: the small seeds in
# fuzz/seeds/, the project's own examples and rules packs, and, when ../shared is
# beside the checkout, its articles, peer test strings and corpus rows (read from
# there, never copied into the repository).
set -euo pipefail
cd "$(dirname "$0")"
root=..
shared=../../shared
targets="quantities number extract rules_pack config claims corpus_text corpus_csv corpus_tsv corpus_jsonl corpus_json"
for t in $targets; do mkdir -p "corpus/$t"; done

cp seeds/quantities/* corpus/quantities/
cp seeds/quantities/* corpus/number/
cp seeds/extract/* corpus/extract/
cp seeds/rules_pack/* corpus/rules_pack/
cp seeds/config/* corpus/config/
cp seeds/claims/* corpus/claims/
cp seeds/corpus_text/* corpus/corpus_text/
cp seeds/corpus_csv/* corpus/corpus_csv/
cp seeds/corpus_jsonl/* corpus/corpus_jsonl/
cp seeds/corpus_json/* corpus/corpus_json/
for f in seeds/corpus_csv/*; do tr ',' '\t' <"$f" >"corpus/corpus_tsv/$(basename "$f" .csv).tsv"; done
cp "$root"/rules/*.toml corpus/rules_pack/
cp "$root"/examples/*.md "$root"/examples/*.txt corpus/corpus_text/ 2>/dev/null || true
for f in "$root"/examples/*.md; do cp "$f" "corpus/extract/$(basename "$f")"; done

if [ ! -d "$shared/corpora" ]; then
  echo "seed.sh: $shared is absent; seeded from fuzz/seeds and the project only"
  exit 0
fi
cp "$shared"/corpora/seeds/*.txt corpus/corpus_text/
python3 - "$shared" <<'EOF'
import csv, io, json, os, sys
shared = sys.argv[1]

def put(target, name, data):
    with open(os.path.join("corpus", target, name), "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)

# Peer test strings: one file per string, for the grammar targets.
strings = []
for path in ["peers/duckling/numeral_en_examples.json"]:
    strings += [c["input"] for c in json.load(open(os.path.join(shared, path), encoding="utf-8-sig"))]
for path in ["peers/quantulum3/quantulum3_en_US_quantities.json",
             "peers/quantulum3/quantulum3_en_US_quantities.ambiguity.json"]:
    strings += [c["req"] for c in json.load(open(os.path.join(shared, path), encoding="utf-8-sig"))]
rt = os.path.join(shared, "peers/recognizers-text")
for name in sorted(os.listdir(rt)):
    if name.endswith(".json"):
        strings += [c["Input"] for c in json.load(open(os.path.join(rt, name), encoding="utf-8-sig"))]
for i, s in enumerate(strings):
    put("quantities", f"peer-{i:04}", s)
    put("number", f"peer-{i:04}", s)

# Article paragraphs for whole-document extraction.
for name in sorted(os.listdir(os.path.join(shared, "corpora/seeds"))):
    text = open(os.path.join(shared, "corpora/seeds", name), encoding="utf-8").read()
    for j, para in enumerate(p for p in text.split("\n\n") if p.strip()):
        put("extract", f"{name}-{j:03}", para)

# FA-KES rows: single articles, and small corpus files in every format.
rows = list(csv.DictReader(open(os.path.join(shared, "corpora/fa-kes/FA-KES-Dataset.csv"), encoding="utf-8", errors="replace")))
for i, r in enumerate(rows[:120]):
    put("extract", f"fakes-{i:03}", r["article_title"] + "\n" + r["article_content"][:4000])
for k in range(0, 60, 3):
    chunk = rows[k:k + 3]
    for r in chunk:
        r["article_content"] = r["article_content"][:1500]
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(chunk[0].keys()))
    w.writeheader()
    w.writerows(chunk)
    put("corpus_csv", f"fakes-{k:03}.csv", out.getvalue())
    put("corpus_tsv", f"fakes-{k:03}.tsv", out.getvalue().replace(",", "\t"))
    put("corpus_jsonl", f"fakes-{k:03}.jsonl", "".join(json.dumps(r) + "\n" for r in chunk))
    put("corpus_json", f"fakes-{k:03}.json", json.dumps(chunk, indent=1))
print(f"seed.sh: {len(strings)} peer strings, {len(rows)} FA-KES rows read")
EOF

#!/usr/bin/env python3
"""The generator on Swagger 2.0 documents, judged by swagger2openapi.

For each Swagger 2.0 document of the APIs.guru directory as it stood in 2017
(`../shared/specs/swagger2-apis-guru-2017.tar.gz`, 457 documents) and Chatwoot's 2021
release:

1. the generator reads the document as it is (its own conversion, in the normalize stage):
   generated, or a located error;
2. swagger2openapi 7.0.8 (npm, pinned in `swagger2/package-lock.json`), the converter the
   APIs.guru directory uses, converts it, and its validator says whether the result is a
   valid OpenAPI 3 document;
3. `openapi-clientgen diff CONVERTED ORIGINAL` compares the Rust API generated from
   swagger2openapi's conversion with the one generated from the original: no change means
   both readings of the document give the same API.

Results: `results/swagger2.tsv` (one row per document) and the table in `README.md`.

Usage: python3 realworld/swagger2.py [--archive PATH]
"""

import argparse
import json
import subprocess
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as conformance  # noqa: E402  (the directory run's crate builder)

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "realworld" / "swagger2"
RESULTS = ROOT / "realworld" / "results"
CLI = ROOT / "target" / "release" / "openapi-clientgen"
TOOLS = ROOT / "realworld" / "swagger2"
CHATWOOT = ROOT / "codegen" / "tests" / "fixtures" / "chatwoot-swagger2-2021-11-17.json"
COLUMNS = ["document", "ours", "swagger2openapi", "valid", "same_api", "changes"]
EVERY = 20
TIMEOUT = 300


def log(message):
    print(message, flush=True)


def cell(text):
    return " ".join(str(text).split()).replace("\t", " ")[:500]


def run(args, **kwargs):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)
    except subprocess.TimeoutExpired:
        return None


def judge(document, name):
    """One document through both readings."""
    for folder in ["converted", "generated"]:
        (WORK / folder).mkdir(parents=True, exist_ok=True)
    converted = WORK / "converted" / (name.replace("/", "__") + ".json")
    ours = run([str(CLI), "generate", str(document), "-o", str(generated_code(name))])
    if ours is None:
        ours_cell = "timeout"
    elif ours.returncode == 0:
        ours_cell = "generated"
    else:
        error = next((l for l in ours.stderr.splitlines() if l.startswith("error: ")), ours.stderr)
        ours_cell = "error: " + error.removeprefix("error: ").replace(str(document), "").strip()
    theirs = run(["node", str(TOOLS / "convert.js"), str(document), str(converted)])
    verdict = json.loads(theirs.stdout) if theirs and theirs.stdout else {"error": "no answer"}
    if not verdict.get("converted"):
        theirs_cell = "error: " + verdict.get("error", "")
    elif verdict.get("strict"):
        theirs_cell = f"converted after patching ({verdict['strict']})"
    else:
        theirs_cell = "converted"
    valid = "yes" if verdict.get("valid") else "no: " + verdict.get("invalid", "")
    same, changes = "-", ""
    if ours_cell == "generated" and verdict.get("converted"):
        # Exits with 1 on a breaking change; the report is on stdout either way.
        diff = run([str(CLI), "diff", str(converted), str(document), "--json"])
        try:
            listed = json.loads(diff.stdout).get("changes", []) if diff else None
        except json.JSONDecodeError:
            listed = None
        if diff is None:
            same = "timeout"
        elif listed is None:
            same = "no API from the conversion"
            changes = next((l for l in diff.stderr.splitlines() if "error" in l), diff.stderr)
        else:
            same = "yes" if not listed else f"no ({len(listed)} changes)"
            changes = "; ".join(f"{c['severity']} {c['item']}: {c['description']}" for c in listed[:5])
    return {
        "document": name, "ours": cell(ours_cell), "swagger2openapi": cell(theirs_cell),
        "valid": cell(valid), "same_api": same, "changes": cell(changes),
    }


def generated_code(name):
    return WORK / "generated" / (name.replace("/", "__") + ".rs")


def table(rows, sampled):
    n = len(rows)
    generated = [r for r in rows if r["ours"] == "generated"]
    errors = [r for r in rows if r["ours"] != "generated"]
    compared = [r for r in rows if r["same_api"] != "-"]
    same = [r for r in compared if r["same_api"] == "yes"]
    lines = [
        f"Swagger 2.0: {n} documents (the directory's 457 of 2017 and Chatwoot's 2021 release).",
        "",
        "| | documents | share |",
        "|---|---:|---:|",
        f"| generated | {len(generated)} | {100 * len(generated) / n:.1f}% |",
        f"| located error | {len(errors)} | {100 * len(errors) / n:.1f}% |",
        f"| compared with swagger2openapi's conversion | {len(compared)} | |",
        f"| ... the same Rust API | {len(same)} | {100 * len(same) / max(len(compared), 1):.1f}% |",
    ]
    for row in errors:
        lines.append(f"\n- `{row['document']}`: {row['ours']} (swagger2openapi: {row['swagger2openapi']}; "
                     f"its validator: {row['valid']})")
    if sampled:
        lines += ["", f"Sample: {len(sampled)} clients (every {EVERY}th generated document), each a crate of its own."]
        lines.append(conformance.sample_table(sampled))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--archive", default=str(ROOT.parent / "shared" / "specs" / "swagger2-apis-guru-2017.tar.gz"))
    args = parser.parse_args()
    docs = WORK / "docs"
    if not docs.exists():
        docs.mkdir(parents=True)
        with tarfile.open(args.archive) as archive:
            archive.extractall(docs, filter="data")
    if not (TOOLS / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOLS, check=True)
    log("building the command-line tool (release)")
    subprocess.run(["cargo", "build", "--release", "-p", "openapi-clientgen", "--bin", "openapi-clientgen"],
                   cwd=ROOT, check=True)
    documents = [(p, str(p.relative_to(docs))) for p in sorted(docs.rglob("*")) if p.is_file()]
    documents.append((CHATWOOT, "chatwoot-swagger2-2021-11-17.json"))
    rows = []
    for i, (path, name) in enumerate(documents, 1):
        row = judge(path, name)
        rows.append(row)
        log(f"[{i}/{len(documents)}] {name}: {row['ours'][:60]}; same API: {row['same_api']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    with (RESULTS / "swagger2.tsv").open("w") as out:
        out.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            out.write("\t".join(row[c] for c in COLUMNS) + "\n")
    generated = [r["document"] for r in rows if r["ours"] == "generated"]
    sources = {name: generated_code(name) for name in generated[::EVERY]}
    sampled = conformance.build_crates(sources, RESULTS / "swagger2-sample.tsv", WORK / "sample")
    summary = table(rows, sampled)
    conformance.write_readme(summary, "swagger2")
    log(summary)


if __name__ == "__main__":
    main()

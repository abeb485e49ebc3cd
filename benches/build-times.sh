#!/usr/bin/env bash
# Build cost: `cargo check` and `cargo build` of the crate generated from the complete
# Chatwoot 3.1.0 document (dependencies already built), the time generation takes as a build
# script runs it (unoptimized, writing the file), the size of the generated code, the root
# crate's dependency count and its clean build time. Medians of RUNS runs.
#
#   bash benches/build-times.sh            # RUNS=5, one clean build
#   RUNS=9 CLEAN_RUNS=3 bash benches/build-times.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
clean_runs=${CLEAN_RUNS:-1}

# Seconds taken by a command, to the millisecond.
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 ))" | awk '{ printf "%.3f\n", $1 / 1000 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Distinct packages in a build: normal and build dependencies, the crate itself included.
count_packages() { cargo tree -e normal,build --prefix none "$@" | sed 's/ (\*)$//' | sort -u | wc -l; }

crate=chatwoot-3-1-0
source=codegen/tests/crates/chatwoot-3-1-0/src/lib.rs
cargo build -p "$crate" --lib >/dev/null 2>&1
cargo check -p "$crate" --lib >/dev/null 2>&1
# Incremental: the source touched but unchanged, as when an unrelated edit rebuilds it.
check=$(for _ in $(seq "$runs"); do touch "$source"; seconds cargo check -p "$crate" --lib; done | median)
build=$(for _ in $(seq "$runs"); do touch "$source"; seconds cargo build -p "$crate" --lib; done | median)
# Full: nothing reused, as after a new document changes the generated code throughout.
export CARGO_INCREMENTAL=0
cargo check -p "$crate" --lib >/dev/null 2>&1
cargo build -p "$crate" --lib >/dev/null 2>&1
full_check=$(for _ in $(seq "$runs"); do touch "$source"; seconds cargo check -p "$crate" --lib; done | median)
full_build=$(for _ in $(seq "$runs"); do touch "$source"; seconds cargo build -p "$crate" --lib; done | median)
unset CARGO_INCREMENTAL
generated=$(ls -t target/debug/build/"$crate"-*/out/chatwoot.rs | head -1)
lines=$(wc -l < "$generated")
# Build scripts and their dependencies are unoptimized by default, as dev examples are.
cargo build -p openapi-clientgen --bin openapi-clientgen >/dev/null 2>&1
out=$(mktemp -d)
script=$(for _ in $(seq "$runs"); do
  seconds target/debug/openapi-clientgen generate codegen/tests/fixtures/chatwoot-application-3.1.0.json -o "$out/chatwoot.rs"
done | median)
rm -rf "$out"
packages=$(count_packages -p chatwoot)
clean=$(for _ in $(seq "$clean_runs"); do
  dir=$(mktemp -d)
  CARGO_TARGET_DIR="$dir" seconds cargo build -p chatwoot --lib
  rm -rf "$dir"
done | median)

# The floor: a hand-written client on the same stack (reqwest with native-tls, serde's
# derive, serde_json) and the same lockfile, built the same way.
floor=$(mktemp -d)
mkdir "$floor/src"
echo 'pub fn f() {}' > "$floor/src/lib.rs"
cp Cargo.lock "$floor/"
cat > "$floor/Cargo.toml" <<'TOML'
[package]
name = "hand-written-floor"
version = "0.0.0"
edition = "2021"

[dependencies]
reqwest = { version = "0.13", default-features = false, features = ["native-tls"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[workspace]
TOML
floor_packages=$(cd "$floor" && count_packages)
floor_clean=$(for _ in $(seq "$clean_runs"); do
  dir=$(mktemp -d)
  (cd "$floor" && CARGO_TARGET_DIR="$dir" seconds cargo build --lib)
  rm -rf "$dir"
done | median)
rm -rf "$floor"

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(rustc --version)"
echo "generated from the complete 3.1.0 document: $lines lines"
echo "cargo check / build of the generated crate, incremental (dependencies built), median of $runs: ${check} s / ${build} s"
echo "cargo check / build of the generated crate, full (dependencies built), median of $runs: ${full_check} s / ${full_build} s"
echo "generation as a build script runs it (unoptimized, file written), median of $runs: ${script} s"
echo "packages in the chatwoot crate's build (normal and build dependencies, itself included): $packages"
echo "clean build of the chatwoot crate (dev profile), median of $clean_runs: ${clean} s"
echo "floor, a hand-written client on reqwest + serde: $floor_packages packages, clean build ${floor_clean} s"

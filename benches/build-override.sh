#!/usr/bin/env bash
# What the generator costs in a build script, by the optimization Cargo gives build scripts
# and their dependencies (`[profile.dev.build-override] opt-level`, 0 by default) and by the
# build script's allocator (the system's, or mimalloc declared in build.rs): for each
# level and allocator, a crate whose build script generates a client is built clean (the
# generator compiled, Chatwoot's 3.1.0 document generated), then built again for each
# DOCUMENT (the build script alone runs again). Wall times; work files in
# target/build-override/.
#
#   NUM_JOBS=2 bash benches/build-override.sh api.github.com.json graph.json
#   LEVELS="0 3" ALLOCATORS="system mimalloc" bash benches/build-override.sh openai.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
levels=${LEVELS:-0 1 3}
allocators=${ALLOCATORS:-system}
work=$root/target/build-override
documents=()
for document in "$@"; do documents+=("$(realpath "$document")"); done

# crate ALLOCATOR: writes the crate, its build script allocating with ALLOCATOR.
crate() {
  mkdir -p "$work/src"
  cat > "$work/Cargo.toml" <<TOML
[package]
name = "build-override"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[build-dependencies]
openapi-clientgen = { path = "$root/codegen" }
TOML
  {
    if [ "$1" = mimalloc ]; then
      printf 'mimalloc = "0.1"\n' >> "$work/Cargo.toml"
      printf '#[global_allocator]\nstatic ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;\n\n'
    fi
    cat <<'RUST'
fn main() {
    let document = std::env::var("DOCUMENT").expect("DOCUMENT");
    println!("cargo:rerun-if-env-changed=DOCUMENT");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("api.rs");
    if let Err(error) = openapi_clientgen::Generator::new(&document).write(&out) {
        panic!("{error}");
    }
}
RUST
  } > "$work/build.rs"
  : > "$work/src/lib.rs"
}

seconds() { # seconds COMMAND...: runs it quietly, prints its wall time (or that it failed)
  if /usr/bin/time -f "%e" -o "$work/time" "$@" > "$work/log" 2>&1; then
    cat "$work/time"
  else
    echo "failed (see $work/log)"
  fi
}

cd "$work"
printf '| opt-level | allocator | first build |'
for document in "${documents[@]}"; do printf ' %s |' "$(basename "$document")"; done
printf '\n|---|---|---:|'
for _ in "${documents[@]}"; do printf -- '---:|'; done
printf '\n'
for level in $levels; do
  for allocator in $allocators; do
    crate "$allocator"
    export CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL=$level
    export CARGO_TARGET_DIR=$work/target-$level-$allocator
    rm -rf "$CARGO_TARGET_DIR"
    printf '| %s | %s | %s s |' "$level" "$allocator" \
      "$(DOCUMENT=$root/codegen/tests/fixtures/chatwoot-application-3.1.0.json seconds cargo build)"
    for document in "${documents[@]}"; do
      printf ' %s s |' "$(DOCUMENT=$document seconds cargo build)"
    done
    printf '\n'
  done
done

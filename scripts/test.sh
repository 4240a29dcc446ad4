#!/usr/bin/env bash
# The project's one test command (README "Test it"; .ci/run calls it too).
# Runs formatting, lints, every test (Matrix tests against a real Synapse
# started by scripts/synapse-dev.sh) and the rule examples.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== caldicott rules test"
cargo run --quiet --locked -p caldicott -- rules test

echo "== cargo test"
cargo test --workspace --locked

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

echo "== Synapse for the Matrix tests (scripts/synapse-dev.sh)"
# Started here (installed into .synapse/ on first use) and stopped on exit,
# unless it was already running before this script.
if ! bash scripts/synapse-dev.sh status >/dev/null 2>&1; then
    trap 'bash scripts/synapse-dev.sh stop || true' EXIT
fi
CALDICOTT_TEST_HOMESERVER="$(bash scripts/synapse-dev.sh start)"
CALDICOTT_TEST_SYNAPSE_SECRET_FILE="$(bash scripts/synapse-dev.sh secret-file)"
CALDICOTT_TEST_SYNAPSE_CTL="$PWD/scripts/synapse-dev.sh"
export CALDICOTT_TEST_HOMESERVER CALDICOTT_TEST_SYNAPSE_SECRET_FILE CALDICOTT_TEST_SYNAPSE_CTL

echo "== cargo test"
cargo test --workspace --locked

echo "== soak: 45 s at 20 msg/s, bot SIGKILLed and Synapse restarted mid-run (scripts/soak.sh)"
# The real bot (the debug binary `cargo test` just built, same target dir)
# through the Synapse above; after the Matrix tests because it restarts
# Synapse. Fails if any planted message is not acted on exactly once (or a
# plain one is), if a warning is lost or doubled, the store does not open
# clean, or planted text reaches the bot's log; speed is reported, not judged.
SOAK_SECONDS=45 SOAK_RATE=20 SOAK_FAULTS=1 \
    SOAK_PROFILE=dev SOAK_BUILD=0 bash scripts/soak.sh

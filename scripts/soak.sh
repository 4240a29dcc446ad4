#!/usr/bin/env bash
# Soak and fault test: `caldicott run` against a real local Synapse.
#
#   scripts/soak.sh                      # 60 s at 20 msg/s, 5 users, 4 rooms, faults on
#   SOAK_SECONDS=600 scripts/soak.sh     # the 10-minute run recorded in docs/operations.md
#
# Environment: SOAK_SECONDS, SOAK_RATE (msg/s), SOAK_USERS, SOAK_ROOMS,
# SOAK_PLANT_EVERY (1 in N messages planted), SOAK_FAULTS (1: SIGKILL and
# restart the bot at 1/3, restart Synapse at 2/3), SOAK_PROFILE (release|dev),
# SOAK_BUILD (0: do not build; use the binary already in the target dir, as
# scripts/test.sh does after `cargo test` built it), SOAK_CATCHUP_SECONDS
# (how long to wait after the last send for every action; default 180).
# Prints a JSON report on stdout; exit 1 if any planted message was lost or
# acted on twice, a plain message was acted on, the bot did not stop cleanly
# on SIGTERM, or the store does not open afterwards. Synapse is started by
# scripts/synapse-dev.sh and stopped again if this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${SOAK_PROFILE:-release}"
flag=()
[[ "$profile" == release ]] && flag=(--release)
if [[ "${SOAK_BUILD:-1}" != 0 ]]; then
    cargo build --quiet --locked "${flag[@]}" -p caldicott
fi
target="${CARGO_TARGET_DIR:-target}"
export CALDICOTT_BIN="$target/$profile/caldicott"
[[ "$profile" == dev ]] && export CALDICOTT_BIN="$target/debug/caldicott"
if [[ ! -x "$CALDICOTT_BIN" ]]; then
    echo "soak: no bot binary at $CALDICOTT_BIN (build it, or leave SOAK_BUILD unset)" >&2
    exit 1
fi

started=0
if ! scripts/synapse-dev.sh status >/dev/null 2>&1; then
    scripts/synapse-dev.sh start >/dev/null
    started=1
fi
cleanup() { [[ "$started" == 1 ]] && scripts/synapse-dev.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
python3 scripts/soak.py

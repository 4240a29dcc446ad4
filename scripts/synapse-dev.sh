#!/usr/bin/env bash
# A local Synapse homeserver on 127.0.0.1 for development and the Matrix tests.
#
#   scripts/synapse-dev.sh start    install (if missing), configure, start, wait; prints the URL
#   scripts/synapse-dev.sh stop     stop the server this script started (by its pid)
#   scripts/synapse-dev.sh status   "running <url>" (exit 0) or "stopped" (exit 3)
#   scripts/synapse-dev.sh url      print the homeserver URL
#   scripts/synapse-dev.sh secret-file   print the path of the registration shared secret file
#
# All subcommands are idempotent: `start` on a running server only prints its
# URL, `stop` on a stopped one does nothing.
#
# Environment (all optional):
#   SYNAPSE_HOME     where the venv and server data live (default: <repo>/.synapse, gitignored);
#                    an existing venv there is reused
#   SYNAPSE_PORT     client listener port on 127.0.0.1 (default: 18008)
#   SYNAPSE_VERSION  matrix-synapse version from PyPI (default: 1.163.2)
#   SYNAPSE_PYTHON   python used to create the venv (default: python3)
#   SYNAPSE_DB       SQLite database file (default: $SYNAPSE_HOME/data/homeserver.db;
#                    /dev/shm/... makes sends ~3x faster)
#
# The registration shared secret is generated once into a 0600 file and never
# printed; tests read it from that file (see `secret-file`). The config binds
# 127.0.0.1 only, has no federation listener, no outbound key servers, no
# presence, no stats reporting, open-registration off and relaxed rc_* rate
# limits (tests send faster than Synapse's defaults allow; production keeps
# the defaults, and the bot itself honours 429 retry_after_ms).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
home="${SYNAPSE_HOME:-$repo/.synapse}"
port="${SYNAPSE_PORT:-18008}"
version="${SYNAPSE_VERSION:-1.163.2}"
python="${SYNAPSE_PYTHON:-python3}"
server_name="localhost"
venv="$home/venv"
data="$home/data"
db="${SYNAPSE_DB:-$data/homeserver.db}"
config="$data/homeserver.yaml"
log_config="$data/log.config"
secret_file="$data/registration_shared_secret"
pid_file="$data/synapse.pid"
url="http://127.0.0.1:$port"

say() { echo "synapse-dev: $*" >&2; }

is_running() {
    [[ -f "$pid_file" ]] || return 1
    local pid
    pid="$(cat "$pid_file" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # Make sure the pid is still our Synapse and not a recycled pid.
    grep -q "synapse.app.homeserver" "/proc/$pid/cmdline" 2>/dev/null
}

answers() {
    curl -fsS --max-time 2 "$url/_matrix/client/versions" >/dev/null 2>&1
}

install_if_missing() {
    if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c "import synapse" 2>/dev/null; then
        return 0
    fi
    say "installing matrix-synapse $version into $venv (about 40 s)"
    mkdir -p "$home"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "matrix-synapse==$version"
}

write_config() {
    mkdir -p "$data/media"
    chmod 700 "$data"
    if [[ ! -s "$secret_file" ]]; then
        (umask 077 && "$venv/bin/python" -c 'import secrets; print(secrets.token_hex(32), end="")' >"$secret_file")
    fi
    chmod 600 "$secret_file"
    if [[ ! -s "$data/macaroon_secret_key" ]]; then
        (umask 077 && "$venv/bin/python" -c 'import secrets; print(secrets.token_hex(32), end="")' >"$data/macaroon_secret_key")
    fi
    cat >"$log_config" <<EOF
version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'
handlers:
  file:
    class: logging.FileHandler
    formatter: precise
    filename: $data/homeserver.log
    encoding: utf8
loggers:
  synapse.storage.SQL:
    level: WARNING
root:
  level: INFO
  handlers: [file]
disable_existing_loggers: false
EOF
    # Relaxed limits: "per_second/burst_count" pairs high enough for tests.
    local rc='{per_second: 1000, burst_count: 1000}'
    cat >"$config" <<EOF
# Written by scripts/synapse-dev.sh on every start; edits are overwritten.
server_name: "$server_name"
public_baseurl: "$url/"
pid_file: "$data/synapse-internal.pid"
report_stats: false
listeners:
  - port: $port
    bind_addresses: ['127.0.0.1']
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "$db"
log_config: "$log_config"
media_store_path: "$data/media"
signing_key_path: "$data/signing.key"
registration_shared_secret_path: "$secret_file"
macaroon_secret_key_path: "$data/macaroon_secret_key"
enable_registration: false
trusted_key_servers: []
suppress_key_server_warning: true
presence:
  enabled: false
enable_metrics: false
url_preview_enabled: false
serve_server_wellknown: false
rc_message: $rc
rc_registration: $rc
rc_registration_token_validity: $rc
rc_login:
  address: $rc
  account: $rc
  failed_attempts: $rc
rc_admin_redaction: $rc
rc_joins:
  local: $rc
  remote: $rc
rc_joins_per_room: $rc
rc_3pid_validation: $rc
rc_invites:
  per_room: $rc
  per_user: $rc
  per_issuer: $rc
rc_room_creation: $rc
rc_key_requests: $rc
rc_presence:
  per_user: $rc
rc_delayed_event_mgmt: $rc
rc_reports: $rc
rc_media_create: $rc
EOF
}

start() {
    if is_running; then
        if answers; then
            echo "$url"
            return 0
        fi
    else
        rm -f "$pid_file"
    fi
    install_if_missing
    write_config
    if [[ ! -f "$data/signing.key" ]]; then
        "$venv/bin/python" -m synapse.app.homeserver --config-path "$config" --generate-keys >/dev/null
    fi
    if ! is_running; then
        if answers; then
            say "something else already answers on $url; set SYNAPSE_PORT to a free port"
            exit 1
        fi
        say "starting Synapse on $url (data: $data)"
        # setsid: the server outlives this shell and is not hit by its job control.
        setsid "$venv/bin/python" -m synapse.app.homeserver --config-path "$config" \
            >>"$data/stdout.log" 2>&1 </dev/null &
        echo $! >"$pid_file"
    fi
    local i
    for i in $(seq 1 120); do
        if answers; then
            echo "$url"
            return 0
        fi
        if ! is_running; then
            say "Synapse exited during start-up; last lines of its logs:"
            tail -n 20 "$data/stdout.log" "$data/homeserver.log" >&2 2>/dev/null || true
            rm -f "$pid_file"
            exit 1
        fi
        sleep 0.5
    done
    say "Synapse did not answer $url/_matrix/client/versions within 60 s"
    exit 1
}

stop() {
    if ! is_running; then
        rm -f "$pid_file"
        say "not running"
        return 0
    fi
    local pid i
    pid="$(cat "$pid_file")"
    kill -TERM "$pid"
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "Synapse (pid $pid) did not stop within 10 s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
    say "stopped"
}

status() {
    if is_running && answers; then
        echo "running $url"
    else
        echo "stopped"
        exit 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    url) echo "$url" ;;
    secret-file) echo "$secret_file" ;;
    *)
        echo "usage: $0 start|stop|status|url|secret-file" >&2
        exit 2
        ;;
esac

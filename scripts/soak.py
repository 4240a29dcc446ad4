#!/usr/bin/env python3
"""Soak and fault test of `caldicott run` against a real local Synapse.

Driven by scripts/soak.sh (which starts Synapse with scripts/synapse-dev.sh
and builds the bot). Standard library only.

What it does:
  * registers a bot account, a moderator and SOAK_USERS users through the
    registration shared secret; the moderator creates SOAK_ROOMS rooms with
    the bot at power level 50, invites everyone, sets each room to `redact`;
  * starts `caldicott run` with a generated config (health on a free port);
  * sends SOAK_RATE messages/s for SOAK_SECONDS from the users across the
    rooms, every SOAK_PLANT_EVERY-th one planted with a valid NHS number and
    a patient name (the rest plain chat);
  * mid-run: SIGKILLs the bot and restarts it, then restarts Synapse;
  * afterwards: every planted message must have been redacted by the bot
    exactly once and no plain message at all; latency is the redaction's
    origin_server_ts minus the message's (both stamped by Synapse);
  * reports messages handled (bot metrics), expected vs sent redactions,
    p50/p95/p99 latency, RSS at start and end, CPU, and that the store opens
    clean afterwards (`caldicott store export`). Exit 1 on any loss/double.
"""

import hashlib
import hmac
from http.client import HTTPException
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYNAPSE = os.path.join(REPO, "scripts", "synapse-dev.sh")
BIN = os.environ["CALDICOTT_BIN"]
SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
RATE = float(os.environ.get("SOAK_RATE", "20"))
USERS = int(os.environ.get("SOAK_USERS", "5"))
ROOMS = int(os.environ.get("SOAK_ROOMS", "4"))
PLANT_EVERY = int(os.environ.get("SOAK_PLANT_EVERY", "10"))
FAULTS = os.environ.get("SOAK_FAULTS", "1") == "1"
CATCHUP = int(os.environ.get("SOAK_CATCHUP_SECONDS", "180"))
RUN = os.environ.get("SOAK_RUN_ID", str(int(time.time())))
PATIENTS = ["Mrs Patel", "Mr Okafor", "Mrs Nowak", "Mr Hughes", "Mrs Lindqvist"]
PLAIN = [
    "anyone free to cover the 2pm teaching?",
    "coffee in the mess in ten",
    "rota for next week is on the board",
    "great talk on sepsis today, thanks all",
    "can someone swap my friday long day",
    "reminder: mandatory training closes sunday",
]


def say(*a):
    print("soak:", *a, file=sys.stderr, flush=True)


def sh(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()


_URL = []


def url():
    if not _URL:
        _URL.append(sh(SYNAPSE, "url"))
    return _URL[0]


def http(method, path, body=None, token=None, retry_until=None):
    """One client-server API call; retries connection errors until `retry_until`."""
    while True:
        req = urllib.request.Request(url() + path, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        data = json.dumps(body).encode() if body is not None else None
        try:
            with urllib.request.urlopen(req, data, timeout=30) as r:
                return json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            if e.code == 429:
                time.sleep(json.loads(e.read() or b"{}").get("retry_after_ms", 500) / 1000)
                continue
            if e.code >= 500 and retry_until and time.time() < retry_until:
                time.sleep(0.5)
                continue
            raise RuntimeError(f"{method} {path}: HTTP {e.code}: {e.read()[:300]!r}")
        except (urllib.error.URLError, ConnectionError, socket.timeout, TimeoutError,
                HTTPException):
            if retry_until and time.time() < retry_until:
                time.sleep(0.5)
                continue
            raise


def register(user, password):
    secret = open(sh(SYNAPSE, "secret-file")).read().strip()
    nonce = http("GET", "/_synapse/admin/v1/register")["nonce"]
    mac = hmac.new(secret.encode(), digestmod=hashlib.sha1)
    mac.update(b"\x00".join([nonce.encode(), user.encode(), password.encode(), b"notadmin"]))
    try:
        r = http("POST", "/_synapse/admin/v1/register", {
            "nonce": nonce, "username": user, "password": password, "admin": False, "mac": mac.hexdigest()})
        return r["access_token"], r["user_id"]
    except RuntimeError as e:
        if "M_USER_IN_USE" not in str(e):
            raise
        r = http("POST", "/_matrix/client/v3/login", {
            "type": "m.login.password", "identifier": {"type": "m.id.user", "user": user}, "password": password})
        return r["access_token"], r["user_id"]


def nhs_number(rng):
    """A random valid NHS number (modulus 11), formatted 3-3-4."""
    while True:
        d = [rng.randint(4, 9)] + [rng.randint(0, 9) for _ in range(8)]
        check = 11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11
        if check == 11:
            check = 0
        if check != 10:
            s = "".join(map(str, d + [check]))
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def health(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
            return r.status == 200
    except Exception:
        return False


def metrics(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
            return r.read().decode()
    except Exception:
        return ""


def metric_sum(text, name):
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            total += float(line.rsplit(" ", 1)[1])
    return total


def rss_kb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Bot:
    """The bot process; `runs` keeps, per process started, the last sample of
    its scanned-messages counter, CPU seconds and RSS (so figures survive the
    SIGKILL)."""

    def __init__(self, config, env, log):
        self.config, self.env, self.log = config, env, log
        self.proc = None
        self.started = 0.0
        self.port = None
        self.runs = []
        self.rss_max = 0

    def sample(self):
        proc, run = self.proc, self.runs[-1] if self.runs else None
        if proc is None or run is None or run["pid"] != proc.pid or proc.poll() is not None:
            return
        try:
            run["cpu_s"] = cpu_seconds(proc.pid)
            rss = rss_kb(proc.pid)
        except (OSError, ValueError, IndexError):
            return
        run["wall_s"] = time.time() - run["t0"]
        run["rss_kb"] = rss
        self.rss_max = max(self.rss_max, rss)
        scanned = metric_sum(metrics(self.port), "caldicott_messages_scanned_total")
        run["scanned"] = max(run["scanned"], scanned)

    def start(self, port):
        self.started = time.time()
        self.port = port
        self.proc = subprocess.Popen([BIN, "run", "--config", self.config], env=self.env,
                                     stdout=subprocess.DEVNULL, stderr=open(self.log, "a"))
        deadline = time.time() + 120
        while not health(port):
            if self.proc.poll() is not None:
                raise RuntimeError(f"bot exited {self.proc.returncode}; see {self.log}")
            if time.time() > deadline:
                raise RuntimeError(f"bot never healthy; see {self.log}")
            time.sleep(0.2)
        self.runs.append({"pid": self.proc.pid, "t0": self.started, "scanned": 0.0,
                          "cpu_s": 0.0, "wall_s": 0.0, "rss_kb": 0})
        return self.proc.pid


def main():
    rng = random.Random(int(RUN) if RUN.isdigit() else 7)
    work = tempfile.mkdtemp(prefix="caldicott-soak-")
    data = os.path.join(work, "data")
    say(f"work dir {work}; {SECONDS}s at {RATE} msg/s, {USERS} users, {ROOMS} rooms, 1 in {PLANT_EVERY} planted")

    bot_pw = "soak-bot-" + RUN
    _, bot_id = register(f"soakbot{RUN}", bot_pw)
    mod_tok, mod_id = register(f"soakmod{RUN}", "soak-mod-" + RUN)
    users = [register(f"soakuser{RUN}x{i}", f"soak-user-{RUN}-{i}") for i in range(USERS)]

    rooms = []
    for i in range(ROOMS):
        r = http("POST", "/_matrix/client/v3/createRoom", {
            "name": f"soak ward {i}", "preset": "private_chat", "room_version": "11",
            "invite": [bot_id] + [u for _, u in users],
            "power_level_content_override": {"users": {mod_id: 100, bot_id: 50}},
        }, mod_tok)
        rooms.append(r["room_id"])
    for tok, _ in users:
        for room in rooms:
            http("POST", f"/_matrix/client/v3/rooms/{urllib.parse.quote(room)}/join", {}, tok)

    port = free_port()
    config = os.path.join(work, "caldicott.toml")
    with open(config, "w") as f:
        f.write(f"""data_dir = "{data}"
shutdown_timeout_secs = 15
[log]
level = "info"
format = "json"
[health]
listen = "127.0.0.1:{port}"
[bot]
cooldown_minutes = 0
[matrix]
homeserver = "{url()}"
user = "{bot_id}"
allowed_inviters = ["{mod_id}"]
""")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALDICOTT_")}
    env["CALDICOTT_MATRIX_PASSWORD"] = bot_pw
    env["CALDICOTT_MATRIX_STORE_PASSPHRASE"] = "soak-store-passphrase-" + RUN
    log = os.path.join(work, "bot.log")
    bot = Bot(config, env, log)
    pid = bot.start(port)
    say(f"bot healthy (pid {pid}, health port {port})")

    # Wait until the bot has joined every room, then set them to redact mode.
    deadline = time.time() + 60
    for room in rooms:
        while bot_id not in http("GET", f"/_matrix/client/v3/rooms/{urllib.parse.quote(room)}/joined_members",
                                 None, mod_tok).get("joined", {}):
            if time.time() > deadline:
                raise RuntimeError(f"bot did not join {room}; see {log}")
            time.sleep(0.3)
        http("PUT", f"/_matrix/client/v3/rooms/{urllib.parse.quote(room)}/send/m.room.message/mode{RUN}",
             {"msgtype": "m.text", "body": "!caldicott settings mode redact"}, mod_tok)
    time.sleep(3)
    rss_start = rss_kb(pid)
    load_start = os.getloadavg()

    planted, plain = {}, {}
    author = {}  # planted event id -> sender index
    numbers = set()  # planted NHS numbers, to look for in the bot's log
    lock = threading.Lock()
    faults = []
    rss_before_kill = []
    sampling = threading.Event()

    def sampler():
        while not sampling.is_set():
            bot.sample()
            sampling.wait(1.0)

    threading.Thread(target=sampler, daemon=True).start()

    def fault_injector():
        if not FAULTS:
            return
        time.sleep(SECONDS / 3)
        bot.sample()
        rss_before_kill.append(rss_kb(bot.proc.pid))
        say("fault: SIGKILL the bot")
        os.kill(bot.proc.pid, signal.SIGKILL)
        bot.proc.wait()
        faults.append(("bot SIGKILL", time.time()))
        time.sleep(3)
        newpid = bot.start(port)
        say(f"fault: bot restarted (pid {newpid})")
        time.sleep(max(0, SECONDS / 3 - 3))
        say("fault: restart Synapse")
        sh(SYNAPSE, "stop")
        faults.append(("synapse stop", time.time()))
        time.sleep(2)
        sh(SYNAPSE, "start")
        faults.append(("synapse start", time.time()))
        say("fault: Synapse back")

    injector = threading.Thread(target=fault_injector, daemon=True)
    injector.start()
    # One sender thread per user, each at RATE/USERS, so a slow send does
    # not hold the others back; message n of user u is global number n*USERS+u.
    t0 = time.time()
    counts = [0] * USERS

    def sender(u):
        tok, _ = users[u]
        r_rng = random.Random(rng.random())
        n = 0
        while time.time() - t0 < SECONDS:
            due = t0 + n * USERS / RATE
            if due > time.time():
                time.sleep(due - time.time())
            g = n * USERS + u
            room = rooms[(g // USERS) % ROOMS]
            is_planted = g % PLANT_EVERY == PLANT_EVERY - 1
            if is_planted:
                nhs = nhs_number(r_rng)
                with lock:
                    numbers.add(nhs)
                body = (f"{r_rng.choice(PATIENTS)} in bed {r_rng.randint(1, 30)}, "
                        f"NHS number {nhs}, BP dropping")
            else:
                body = r_rng.choice(PLAIN)
            r = http("PUT", f"/_matrix/client/v3/rooms/{urllib.parse.quote(room)}/send/m.room.message/"
                     f"soak{RUN}-{u}-{n}", {"msgtype": "m.text", "body": body}, tok,
                     retry_until=time.time() + 60)
            with lock:
                (planted if is_planted else plain)[r["event_id"]] = room
                if is_planted:
                    author[r["event_id"]] = u
            n += 1
            counts[u] = n

    senders = [threading.Thread(target=sender, args=(u,)) for u in range(USERS)]
    for t in senders:
        t.start()
    for t in senders:
        t.join()
    sent = sum(counts)
    send_secs = time.time() - t0
    injector.join()
    say(f"sent {sent} messages in {send_secs:.0f}s ({sent / send_secs:.1f}/s), {len(planted)} planted")

    # Let the bot catch up, then read every room's timeline as the moderator.
    def redactions():
        found = {}
        events = {}
        for room in rooms:
            token = None
            while True:
                q = {"dir": "b", "limit": "1000"}
                if token:
                    q["from"] = token
                page = http("GET", f"/_matrix/client/v3/rooms/{urllib.parse.quote(room)}/messages?"
                            + urllib.parse.urlencode(q), None, mod_tok, retry_until=time.time() + 60)
                for ev in page.get("chunk", []):
                    events[ev["event_id"]] = ev
                    if ev["type"] == "m.room.redaction" and ev["sender"] == bot_id:
                        target = ev.get("redacts") or ev.get("content", {}).get("redacts")
                        found.setdefault(target, []).append(ev)
                token = page.get("end")
                if not page.get("chunk") or not token:
                    break
        return found, events

    # The private notes (warnings): each user joins the DM rooms the bot
    # invited them to and counts the bot's events there (encrypted, so
    # counted, not read). Expected: one per planted message of that user.
    def notes():
        got = [0] * USERS
        flt = urllib.parse.quote(json.dumps({"room": {"timeline": {"limit": 1}}}))
        for u, (tok, _) in enumerate(users):
            sync = http("GET", f"/_matrix/client/v3/sync?timeout=0&filter={flt}", None, tok,
                        retry_until=time.time() + 60)
            for room in sync.get("rooms", {}).get("invite", {}):
                http("POST", f"/_matrix/client/v3/rooms/{urllib.parse.quote(room)}/join", {}, tok,
                     retry_until=time.time() + 60)
            joined = http("GET", "/_matrix/client/v3/joined_rooms", None, tok,
                          retry_until=time.time() + 60)["joined_rooms"]
            for room in joined:
                if room in rooms:
                    continue
                token = None
                while True:
                    q = {"dir": "b", "limit": "1000"}
                    if token:
                        q["from"] = token
                    page = http("GET", f"/_matrix/client/v3/rooms/{urllib.parse.quote(room)}/messages?"
                                + urllib.parse.urlencode(q), None, tok, retry_until=time.time() + 60)
                    got[u] += sum(1 for ev in page.get("chunk", []) if ev["sender"] == bot_id
                                  and ev["type"] in ("m.room.message", "m.room.encrypted"))
                    token = page.get("end")
                    if not page.get("chunk") or not token:
                        break
        return got

    expected_notes = [sum(1 for e in planted if author[e] == u) for u in range(USERS)]
    deadline = time.time() + CATCHUP
    while True:
        found, events = redactions()
        missing = [e for e in planted if e not in found]
        got_notes = notes() if not missing else None
        if (not missing and got_notes == expected_notes) or time.time() > deadline:
            break
        time.sleep(3)
    if got_notes is None:
        got_notes = notes()
    caught_up = time.time() - t0 - send_secs
    bot.sample()
    sampling.set()
    text = metrics(port)
    pid = bot.proc.pid
    rss_end = rss_kb(pid)
    cpu_end, wall_end = cpu_seconds(pid), time.time()
    cpu_percent = round(100 * cpu_end / (wall_end - bot.started), 1)
    cpu_total = sum(r["cpu_s"] for r in bot.runs)
    wall_total = sum(r["wall_s"] for r in bot.runs)
    load_end = os.getloadavg()

    doubled = {e: len(v) for e, v in found.items() if e in planted and len(v) > 1}
    false_pos = [e for e in found if e in plain]
    lat = sorted(min(r["origin_server_ts"] for r in found[e]) - events[e]["origin_server_ts"]
                 for e in planted if e in found and e in events)
    notes_lost = sum(max(0, x - g) for x, g in zip(expected_notes, got_notes))
    notes_extra = sum(max(0, g - x) for x, g in zip(expected_notes, got_notes))

    def pct(p):
        return lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))] if lat else float("nan")

    # Stop cleanly and check the store opens.
    bot.proc.send_signal(signal.SIGTERM)
    try:
        code = bot.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        code = "timeout"
    export = subprocess.run([BIN, "store", "export", "--data-dir", data], capture_output=True, text=True)
    store_ok = export.returncode == 0 and json.loads(export.stdout).get("format") == "caldicott-store-export"
    logtext = open(log).read()
    planted_texts_in_logs = (any(p.split()[1] in logtext for p in PATIENTS)
                             or any(n in logtext or re.search(r"(?<!\d)" + n.replace(" ", "") + r"(?!\d)", logtext)
                                    for n in numbers))

    report = {
        "seconds": SECONDS, "rate_target": RATE, "users": USERS, "rooms": ROOMS,
        "sent": sent, "send_rate": round(sent / send_secs, 1), "planted": len(planted),
        "messages_handled": {
            "scanned_per_bot_process": [int(r["scanned"]) for r in bot.runs],
            "scanned_total": int(sum(r["scanned"] for r in bot.runs)),
            "note": "sampled each second; a killed process's last second is not counted, "
                    "and messages replayed after the SIGKILL are scanned again"},
        "bot_messages_scanned_after_restart": metric_sum(text, "caldicott_messages_scanned_total"),
        "redactions_expected": len(planted),
        "redactions_sent": sum(len(v) for e, v in found.items() if e in planted),
        "lost": len(missing), "doubled": len(doubled), "false_positives": len(false_pos),
        "warnings_expected": sum(expected_notes), "warnings_sent": sum(got_notes),
        "warnings_lost": notes_lost, "warnings_extra": notes_extra,
        "latency_ms": {"p50": pct(50), "p95": pct(95), "p99": pct(99), "max": lat[-1] if lat else None},
        "caught_up_after_last_send_s": round(caught_up, 1),
        "rss_kb": {"start": rss_start, "before_sigkill": rss_before_kill[0] if rss_before_kill else None,
                   "end": rss_end, "max": bot.rss_max},
        "cpu_percent_of_one_core": cpu_percent,
        "cpu_percent_of_one_core_all_processes": round(100 * cpu_total / wall_total, 1) if wall_total else None,
        "load_average_1m": {"start": round(load_start[0], 2), "end": round(load_end[0], 2)},
        "faults": [f for f, _ in faults],
        "sigterm_exit": code, "store_opens_clean": store_ok,
        "planted_text_in_logs": planted_texts_in_logs,
        "work_dir": work,
    }
    print(json.dumps(report, indent=2))
    ok = (not missing and not doubled and not false_pos and code == 0 and store_ok
          and not planted_texts_in_logs and not notes_lost and not notes_extra)
    say("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

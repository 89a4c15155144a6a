#!/usr/bin/env python3
"""Page speed: the release server against a static file it serves, in one run.

    python3 server/benches/pages.py [--no-build] [--seconds 10] [--connections 64]

Builds the release bundle (`cargo leptos build --release --precompress`) unless --no-build,
starts target/release/server on loopback with an in-memory database, and seeds it as a practice
would be: a professional, a client with five upcoming appointments, and 200 more clients. Then,
with wrk on the same machine, it measures requests per second and latency percentiles of

  - the static baseline: the site's stylesheet, a file served from disk;
  - the client's Home and one appointment page, rendered with their data;
  - the log-in page;
  - Home (16 connections) while the 200 other clients log in at once;

and the first download of each page (the wasm, JS and CSS it loads, as brotli-compressed files).
It prints each figure, the ratio of each page's req/s to the static file's, and whether the aims
of issue 16 are met. Needs wrk and brotli (`bash .ci/setup --bench` installs them).
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "target" / "site"
PASSWORD = "a long enough passphrase"
BURST = 200

AIM_RATIO = 0.25
AIM_P99_MS = 25.0
AIM_BURST_P99_MS = 50.0
AIM_FIRST_DOWNLOAD_KB = 250.0


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """One person's cookies, calling server functions as the app's forms do."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def call(self, endpoint, **form):
        request = urllib.request.Request(
            f"{self.base}/api/{endpoint}",
            data=urllib.parse.urlencode(form).encode(),
            headers={"Origin": self.base, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with self.opener.open(request, timeout=120) as r:
                body = r.read()
                return r.status, json.loads(body) if body else None
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def get(self, path):
        with self.opener.open(f"{self.base}{path}", timeout=60) as r:
            return r.read().decode()

    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_up(base, name, email, role):
    person = Browser(base)
    status, answer = person.call(
        "sign_up", name=name, email=email, password=PASSWORD, accept_terms="yes", role=role, timezone="UTC"
    )
    if status != 200:
        sys.exit(f"sign-up of {email} failed: {status} {answer}")
    return person


def seed(base):
    pro = sign_up(base, "Dr. Bench Mark", "pro@bench.example", "professional")
    status, service = pro.call(
        "create_service", service_name="Therapy", meeting_type="video", length="50", price="12500", currency="ISK"
    )
    if status != 200:
        sys.exit(f"service not created: {status} {service}")
    start = (datetime.now(timezone.utc) + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    client = Browser(base)
    for n in range(5):
        at = start + timedelta(days=n)
        status, answer = pro.call(
            "invite_client",
            service=service["id"],
            date=at.strftime("%Y-%m-%d"),
            time=at.strftime("%H:%M"),
            client_name="Cy Client",
            client_email="cy@bench.example",
        )
        if status != 200:
            sys.exit(f"booking {n} failed: {status} {answer}")
        if n == 0:
            # the first invitation's link makes Cy's account (the mail waits in the outbox,
            # readable from this machine); the next ones go straight to it
            token = re.search(r"/join\?token=([0-9a-f]+)", Browser(base).get("/dev/mailbox"))
            if not token:
                sys.exit("no invitation in the outbox")
            status, answer = client.call(
                "accept_invitation",
                token=token.group(1),
                name="Cy Client",
                password=PASSWORD,
                accept_terms="yes",
                timezone="UTC",
            )
            if status != 200:
                sys.exit(f"the invitation was not accepted: {status} {answer}")
    home = client.get("/")
    appointment = re.search(r'href="(/appointments/[a-z0-9]+)"', home)
    if not appointment or home.count('href="/appointments/') < 5:
        sys.exit("the client's Home doesn't list five appointments")
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: sign_up(base, f"Client {n}", f"c{n}@bench.example", "client"), range(BURST)))
    return client, appointment.group(1)


def first_download(page_html):
    """The /pkg/ files a page loads (stylesheet, script, wasm, split chunks), brotli-compressed."""
    files = sorted(set(re.findall(r"/pkg/[A-Za-z0-9_.\-]+\.(?:css|js|wasm)", page_html)))
    total = 0
    for f in files:
        path = SITE / f.lstrip("/")
        br = path.with_name(path.name + ".br")
        if br.is_file():
            total += br.stat().st_size
        else:
            total += len(subprocess.run(["brotli", "-q", "11", "-c", str(path)], capture_output=True, check=True).stdout)
    return files, total / 1000


def wrk(url, seconds, connections, cookie=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: .*", out)

    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {
        "rps": rps,
        "p50": pct(50),
        "p99": pct(99),
        "bad": (int(non2xx.group(1)) if non2xx else 0),
        "errors": errors.group(0) if errors else "",
    }


def burst(base, seconds, cookie, home_url):
    """Home under 16 connections while BURST clients log in at once, a second into the run."""
    result = {}

    def load():
        result["home"] = wrk(home_url, seconds, 16, cookie)

    runner = threading.Thread(target=load)
    runner.start()
    time.sleep(1)
    started = time.monotonic()

    def log_in(n):
        return Browser(base).call("log_in", email=f"c{n}@bench.example", password=PASSWORD)[0]

    with ThreadPoolExecutor(BURST) as pool:
        statuses = list(pool.map(log_in, range(BURST)))
    result["took"] = time.monotonic() - started
    result["ok"] = sum(1 for s in statuses if s == 200)
    runner.join()
    return result


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--no-build", action="store_true", help="use the release build already there")
    args.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    args.add_argument("--connections", type=int, default=64)
    opts = args.parse_args()
    for tool in ("wrk", "brotli"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: bash .ci/setup --bench installs it")
    os.chdir(ROOT)
    if not opts.no_build:
        subprocess.run(["cargo", "leptos", "build", "--release", "--precompress"], check=True)
    server = ROOT / "target" / "release" / "server"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        LEPTOS_SITE_ADDR=f"127.0.0.1:{port}",
        LEPTOS_SITE_ROOT=str(SITE),
        TANDEM_DB_URL="mem://",
        TANDEM_REQUIRE_TWO_FACTOR="false",
        TANDEM_SFU_ADDR=f"127.0.0.1:{free_port(socket.SOCK_DGRAM)}",
        TANDEM_AUTH_BURST="100000",
        TANDEM_AUTH_PER_HOUR="100000000",
        TANDEM_OUTBOX_POLL_MS="3600000",
        TANDEM_JOBS_POLL_MS="3600000",
        RUST_LOG="warn",
    )
    proc = subprocess.Popen([str(server)], env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    sys.exit("the release server did not start")
                time.sleep(0.2)
        print("seeding: a professional, a client with 5 appointments, 200 more clients ...", flush=True)
        client, appointment = seed(base)
        cookie = client.cookie()

        pages = {
            "log-in page": ("/login", None),
            "client Home": ("/", cookie),
            "appointment page": (appointment, cookie),
        }
        downloads = {}
        for name, (path, c) in pages.items():
            person = client if c else Browser(base)
            downloads[name] = first_download(person.get(path))
        css = next(f for f in downloads["log-in page"][0] if f.endswith(".css"))

        results = {"static file": wrk(f"{base}{css}", opts.seconds, opts.connections)}
        for name, (path, c) in pages.items():
            results[name] = wrk(f"{base}{path}", opts.seconds, opts.connections, c)
        during = burst(base, opts.seconds, cookie, f"{base}/")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            print("the server did not stop within 30 s of SIGTERM; killed", file=sys.stderr)
            proc.kill()
            proc.wait()

    static = results["static file"]["rps"]
    print(f"\n{opts.connections} connections, {opts.seconds} s each, wrk on this machine ({os.cpu_count()} cores)\n")
    print(f"| what | req/s | p50 ms | p99 ms | × static req/s |")
    print(f"| --- | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        flag = f" ({r['bad']} non-2xx)" if r["bad"] else ""
        print(f"| {name}{flag} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['rps'] / static:.2f} |")
    h = during["home"]
    print(
        f"| client Home, 16 connections, while {BURST} log in | {h['rps']:,.0f} | {h['p50']:.1f} | {h['p99']:.1f} | |"
    )
    print(f"\n{during['ok']} of {BURST} log-ins answered 200 in {during['took']:.1f} s")
    print("\nfirst download (wasm + js + css, brotli):")
    for name, (files, kb) in downloads.items():
        print(f"  {name}: {kb:.0f} KB  ({', '.join(Path(f).name for f in files)})")

    home = results["client Home"]
    aims = [
        (f"Home req/s >= {AIM_RATIO} x static", home["rps"] / static >= AIM_RATIO),
        (f"appointment req/s >= {AIM_RATIO} x static", results["appointment page"]["rps"] / static >= AIM_RATIO),
        (f"Home p99 < {AIM_P99_MS:.0f} ms", home["p99"] < AIM_P99_MS),
        (f"Home p99 during {BURST} log-ins < {AIM_BURST_P99_MS:.0f} ms", h["p99"] < AIM_BURST_P99_MS),
        (
            f"first download <= {AIM_FIRST_DOWNLOAD_KB:.0f} KB on every page",
            all(kb <= AIM_FIRST_DOWNLOAD_KB for _, kb in downloads.values()),
        ),
    ]
    print("\naims:")
    for what, met in aims:
        print(f"  {'met    ' if met else 'NOT met'}  {what}")


if __name__ == "__main__":
    main()

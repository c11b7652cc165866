"""The load test's client (benchmarks/load.py): users with their cookies, the managers' and clerks' steps, the
timed run, and the figures per page (nearest-rank percentiles, req/s, errors, the goals of issue 12).

A small threaded client on urllib: a cookie jar per user, no redirect followed (a 302 is the answer to time),
loopback only."""

from __future__ import annotations

import http.cookiejar
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser

PASSWORD = "Bench-load-Passw0rd!"  # the throwaway users' password: the database is dropped at the end
GOALS_MS = {"overview": 300, "grid": 300, "unit": 300, "report_save": 200}
REPORT_FORM = "report-form"


def log(message: str) -> None:
    import sys

    print(message, file=sys.stderr, flush=True)


@dataclass
class Cast:
    managers: list[str]
    clerks: list[tuple[str, int]]  # (username, report id of their draft)
    units: list[int]  # the synthetic province's units (for the unit page)
    spans: list[str]  # period codes the managers ask for


# --- the client -----------------------------------------------------------------------------------


class FormParser(HTMLParser):
    """What a browser posts for one <form>: inputs, ticked boxes and radios, textareas, selected options."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea: list | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append([name, attrs.get("value", "on")])
            elif kind not in ("submit", "button"):
                self.fields.append([name, attrs.get("value") or ""])
        elif tag == "textarea" and name and "disabled" not in attrs:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select" and name and "disabled" not in attrs:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append([self._select, attrs.get("value", "")])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(page: str, form_id: str) -> list[list[str]]:
    parser = FormParser(form_id)
    parser.feed(page)
    return parser.fields


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to time, not a page to follow


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times.setdefault(page, []).append(seconds)
            if error:
                self.errors.setdefault(page, []).append(error)


class User:
    """One browser: its cookies, and the time and outcome of every request it makes."""

    def __init__(self, base: str, username: str, stats: Stats):
        self.base, self.username, self.stats = base, username, stats
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, page: str, path: str, data: list | None = None, expect: int = 200) -> str:
        body = urllib.parse.urlencode([tuple(f) for f in data]).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        started = time.perf_counter()
        error, text = None, ""
        try:
            with self.opener.open(req, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.read()
        except OSError as exc:
            status, error = 0, f"{type(exc).__name__}: {exc}"
        if error is None and status != expect:
            error = f"HTTP {status}"
        self.stats.add(page, time.perf_counter() - started, error)
        return text

    def login(self) -> None:
        path = "/tai-khoan/dang-nhap/"
        page = self.request("login_page", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise RuntimeError(f"{self.username}: no CSRF token on the login page")
        fields = [("csrfmiddlewaretoken", token.group(1)), ("username", self.username), ("password", PASSWORD)]
        self.request("login", path, data=fields, expect=302)


def manager_step(user: User, cast: Cast, rng: random.Random) -> None:
    span = rng.choice(cast.spans)
    page = rng.choice(("overview", "grid", "unit"))
    path = {
        "overview": "/tong-hop/",
        "grid": "/tong-hop/bang-diem/",
        "unit": f"/tong-hop/don-vi/{rng.choice(cast.units)}/",
    }[page]
    user.request(page, f"{path}?period={span}")


def clerk_step(user: User, report_id: int) -> None:
    path = f"/bao-cao/{report_id}/"
    page = user.request("report_page", path)
    fields = form_fields(page, REPORT_FORM)
    if not fields:
        user.stats.add("report_save", 0.0, "no report form on the page")
        return
    fields.append(["action", "save"])
    user.request("report_save", path, data=fields, expect=302)


def run_user(user: User, step, start: Start, think: float, rng: random.Random) -> None:
    try:
        user.login()
    except Exception as exc:  # noqa: BLE001  (reported as the user's error, the others go on)
        user.stats.add("login", 0.0, f"{type(exc).__name__}: {exc}")
        return
    finally:
        start.barrier.wait()  # the timed run starts once everyone has logged in (password hashing is slow)
    time.sleep(rng.uniform(0, think))  # users do not start in step
    while time.monotonic() < start.until:
        step()
        time.sleep(think)


class Start:
    """The moment every user has logged in, from which the duration is counted."""

    def __init__(self, users: int, duration: float):
        self.started = self.until = 0.0
        self.barrier = threading.Barrier(users, action=self._go)
        self.duration = duration

    def _go(self) -> None:
        self.started = time.monotonic()
        self.until = self.started + self.duration


def load(base: str, cast: Cast, args) -> tuple[Stats, float]:
    stats = Stats()
    rng = random.Random(args.seed)
    start = Start(len(cast.managers) + len(cast.clerks), args.duration)
    threads = []
    for username in cast.managers:
        user, user_rng = User(base, username, stats), random.Random(rng.random())
        step = lambda u=user, r=user_rng: manager_step(u, cast, r)  # noqa: E731
        threads.append(threading.Thread(target=run_user, args=(user, step, start, args.think, user_rng)))
    for username, report_id in cast.clerks:
        user, user_rng = User(base, username, stats), random.Random(rng.random())
        step = lambda u=user, r=report_id: clerk_step(u, r)  # noqa: E731
        threads.append(threading.Thread(target=run_user, args=(user, step, start, args.think, user_rng)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return stats, time.monotonic() - start.started


# --- the report -----------------------------------------------------------------------------------


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def summary(stats: Stats, elapsed: float) -> dict:
    pages = {}
    for page, times in sorted(stats.times.items()):
        ms = sorted(t * 1000 for t in times)
        row = {
            "requests": len(ms),
            "p50_ms": round(percentile(ms, 50), 1),
            "p95_ms": round(percentile(ms, 95), 1),
            "p99_ms": round(percentile(ms, 99), 1),
            "max_ms": round(ms[-1], 1),
            "req_per_s": round(len(ms) / elapsed, 2),
            "errors": len(stats.errors.get(page, [])),
            "first_errors": sorted(set(stats.errors.get(page, [])))[:3],
        }
        if page in GOALS_MS:
            row["goal_p95_ms"] = GOALS_MS[page]
            row["goal_met"] = row["p95_ms"] <= GOALS_MS[page] and row["errors"] == 0
        pages[page] = row
    measured = {k: v for k, v in pages.items() if not k.startswith("login")}
    total = sum(v["requests"] for v in measured.values())
    return {
        "pages": pages,
        "total_requests": total,
        "req_per_s": round(total / elapsed, 2),
        "errors": sum(v["errors"] for v in pages.values()),
        "all_goals_met": all(v.get("goal_met", True) for v in pages.values())
        and not any(v["errors"] for v in pages.values()),
    }


def print_table(result: dict) -> None:
    log(f"{'page':<14}{'n':>6}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}{'req/s':>8}{'err':>5}  goal")
    for page, row in result["pages"].items():
        goal = ""
        if "goal_p95_ms" in row:
            goal = f"p95 ≤ {row['goal_p95_ms']} ms: {'met' if row['goal_met'] else 'NOT met'}"
        log(
            f"{page:<14}{row['requests']:>6}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['p99_ms']:>9}"
            f"{row['max_ms']:>9}{row['req_per_s']:>8}{row['errors']:>5}  {goal}"
        )
    log(
        f"total {result['total_requests']} requests, {result['req_per_s']} req/s, {result['errors']} errors; "
        f"all goals met: {result['all_goals_met']}"
    )

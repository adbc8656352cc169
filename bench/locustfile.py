"""The users of bench/load.py: readers, editors and reporters of the synthetic municipality.

Started by bench/load.py (not on its own): it names the accounts and the items each may save
in the JSON file STYR_LOAD_PERSONAS, and the think time between clicks in STYR_LOAD_THINK
("MIN,MAX" seconds), the warm-up after the last sign-in in STYR_LOAD_WARM_UP and the measured
time after it in STYR_LOAD_MEASURED (seconds). Every request carries
`X-Forwarded-Proto: https`, as a TLS proxy sends it, so Styr runs as in production (HTTPS
redirect, Secure cookies, CSRF origin checks).

- Readers (half of them hold a role on one body, the others see every body, as the executive
  board's oversight does) open the start page, plan pages, goals, indicators, the indicator
  table, the follow-up page and the search.
- Editors (one body each) save indicator outcomes, assignment follow-ups and goal assessments,
  each through the real form: the page is read for its CSRF token and the version the form
  was opened on (`seen`, `based_on`), then posted as the browser (or htmx) posts it.
- Reporters report the assignments and goals made theirs, and the outcomes of those goals'
  indicators.

No two accounts save the same item, so a 409 (someone else saved it first) is not expected;
it is counted apart from errors all the same. Figures are kept from the end of the warm-up
after every user has signed in (a sign-in hashes the password with argon2, a cost paid once a
session; a hundred of them leave the server a queue of some seconds to work off). At the end
the start page's times, each marked by whether a save had gone through in the two seconds
before, go to STYR_LOAD_EXTRA for bench/load.py.
"""

import html
import itertools
import json
import os
import random
import re
import time
from collections import Counter
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any, ClassVar

import gevent
from locust import FastHttpUser, between, events, task
from locust.env import Environment

PERSONAS: dict[str, Any] = json.loads(Path(os.environ["STYR_LOAD_PERSONAS"]).read_text())
THINK = [float(s) for s in os.environ.get("STYR_LOAD_THINK", "1,5").split(",")]
# Seconds after the last sign-in before the figures start, and how long they are taken.
WARM_UP = float(os.environ.get("STYR_LOAD_WARM_UP", "30"))
MEASURED = float(os.environ.get("STYR_LOAD_MEASURED", "120"))
HTTPS = {"X-Forwarded-Proto": "https"}
SEARCH_WORDS = ["kvalitet", "trygghet", "skola", "omsorg", "miljö", "digital", "uppdrag"]
# A save this recent makes the next start page one "while editors save".
RECENT_SAVE = 2.0

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SEEN = re.compile(r'name="seen" value="([^"]*)"')


def _form_version(page: str, path: str) -> str | None:
    """The `based_on` of the form posting to `path` on a follow-up page."""
    found = re.search(
        re.escape(f'action="{path}"') + r'.*?name="based_on" value="([^"]*)"', page, re.S
    )
    return html.unescape(found.group(1)) if found else None


class Record:
    """What locust's own statistics do not keep: conflicts and the start page during saves."""

    recording = False
    signed_in = 0
    last_save = 0.0
    saves = 0
    conflicts: ClassVar[Counter[str]] = Counter()
    start_page: ClassVar[list[tuple[float, bool]]] = []


@events.quitting.add_listener
def _write(environment: Environment, **kwargs: Any) -> None:
    extra = {
        "saves": Record.saves,
        "conflicts": dict(Record.conflicts),
        "start_page": Record.start_page,
    }
    Path(os.environ["STYR_LOAD_EXTRA"]).write_text(json.dumps(extra))


class StyrUser(FastHttpUser):
    abstract = True
    wait_time = between(THINK[0], THINK[1])
    persona: ClassVar[str] = ""
    _numbers: ClassVar[dict[str, "itertools.count[int]"]] = {}

    def on_start(self) -> None:
        accounts = PERSONAS[self.persona]
        number = next(self._numbers.setdefault(self.persona, itertools.count()))
        self.account: dict[str, Any] = accounts[number % len(accounts)]
        # Styr's cookies are Secure; the proxy in front would speak HTTPS with the browser.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("https", "http")))
        page = self.client.get("/login/", headers=HTTPS, name="login page")
        with self.client.post(
            "/login/", name="login", headers=self._posting(), allow_redirects=False,
            data={"username": self.account["username"], "password": PERSONAS["password"],
                  "csrfmiddlewaretoken": self._token(page.text or "")},
            catch_response=True,
        ) as answer:  # fmt: skip
            if answer.status_code != 302:
                answer.failure(f"login answered {answer.status_code}")
        Record.signed_in += 1
        if Record.signed_in == self.environment.parsed_options.num_users:
            self._all_running()

    def _all_running(self) -> None:
        """Every user has signed in. The sign-ins (argon2, a cost paid once a session) leave
        the server a queue to work off, so the figures start after the warm-up and end after
        the measured time."""
        gevent.spawn_later(WARM_UP, self._measure, self.environment)

    @staticmethod
    def _measure(environment: Environment) -> None:
        assert environment.runner is not None
        environment.runner.stats.reset_all()
        Record.recording = True
        Path(os.environ["STYR_LOAD_EXTRA"] + ".running").touch()  # bench/load.py's samples begin
        gevent.spawn_later(MEASURED, environment.runner.quit)

    def _posting(self, htmx: bool = False) -> dict[str, str]:
        # A browser sends its origin with a form; Django's CSRF check compares it over HTTPS.
        headers = {**HTTPS, "Origin": f"https://{(self.host or '').split('://', 1)[-1]}"}
        return {**headers, "HX-Request": "true"} if htmx else headers

    @staticmethod
    def _token(page: str) -> str:
        found = CSRF.search(page)
        return found.group(1) if found else ""

    def _get(self, path: str, name: str) -> str:
        # Not following redirects: a page that sends a signed-in user elsewhere is an error.
        with self.client.get(
            path, name=name, headers=HTTPS, catch_response=True, allow_redirects=False
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}")
            return answer.text or ""

    def _save(self, path: str, name: str, data: dict[str, str], htmx: bool = False) -> None:
        with self.client.post(
            path, name=name, data=data, headers=self._posting(htmx), catch_response=True,
            allow_redirects=False,
        ) as answer:  # fmt: skip
            if answer.status_code == 409:
                answer.success()
                if Record.recording:
                    Record.conflicts[name] += 1
            elif answer.status_code != 200:
                answer.failure(f"{answer.status_code}")
            else:
                Record.last_save = time.monotonic()
                if Record.recording:
                    Record.saves += 1

    def start_page(self) -> None:
        started = time.monotonic()
        with self.client.get(
            "/", name="start page", headers=HTTPS, catch_response=True, allow_redirects=False
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}")
            elif Record.recording:
                while_saving = started - Record.last_save <= RECENT_SAVE
                Record.start_page.append((answer.request_meta["response_time"], while_saving))

    def save_indicator_value(self, indicator: int) -> None:
        plan = self.account["plan"]
        path = f"/plan/{plan}/indikator/{indicator}/"
        page = self._get(path, "indicator page")
        seen = SEEN.search(page)
        data = {
            "csrfmiddlewaretoken": self._token(page),
            "seen": html.unescape(seen.group(1)) if seen else "",
            "year": str(PERSONAS["year"] - 1),
            "kind": "outcome",
            "comparator": "",
            "value": f"{random.uniform(20, 90):.1f}".replace(".", ","),
        }
        self._save(path, "save indicator value", data)

    def follow_up(self, kind: str, item: int) -> None:
        """Report an assignment or assess a goal at the interim report, as htmx posts it."""
        plan, occasion = self.account["plan"], PERSONAS["occasion"]
        page = self._get(f"/plan/{plan}/uppfoljning/{occasion}/", "follow-up page")
        if kind == "assignment":
            path = f"/plan/{plan}/uppfoljning/{occasion}/uppdrag/{item}/"
            data = {"status": random.choice(PERSONAS["statuses"]),
                    "comment": f"Lägesbeskrivning {random.randint(1, 10**6)}."}  # fmt: skip
            name = "report assignment"
        else:
            path = f"/plan/{plan}/uppfoljning/{occasion}/mal/{item}/"
            data = {"fulfilment": random.choice(PERSONAS["fulfilments"]),
                    "analysis": f"Analys {random.randint(1, 10**6)}: målet följs upp."}  # fmt: skip
            name = "assess goal"
        based_on = _form_version(page, path)
        if based_on is None:
            # The form is missing: the page does not offer this item to this user.
            self.client.request_event.fire(
                request_type="POST", name=name, response_time=0, response_length=0,
                exception=RuntimeError(f"no form for {path}"), context={},
            )  # fmt: skip
            return
        data.update(csrfmiddlewaretoken=self._token(page), based_on=based_on)
        self._save(path, name, data, htmx=True)


class Reader(StyrUser):
    weight = 6
    persona = "readers"

    def _plan(self) -> int:
        return int(random.choice(self.account["plans"]))

    @task(4)
    def home(self) -> None:
        self.start_page()

    @task(4)
    def plan(self) -> None:
        self._get(f"/plan/{self._plan()}/", "plan page")

    @task(1)
    def goals(self) -> None:
        self._get(f"/plan/{self._plan()}/mal/", "goals page")

    @task(3)
    def indicator(self) -> None:
        plan = self._plan()
        indicator = random.choice(PERSONAS["indicators"][str(plan)])
        self._get(f"/plan/{plan}/indikator/{indicator}/", "indicator page")

    @task(1)
    def indicator_table(self) -> None:
        self._get(f"/plan/{self._plan()}/indikatorer/", "indicator table")

    @task(2)
    def follow_up_page(self) -> None:
        self._get(f"/plan/{self._plan()}/uppfoljning/{PERSONAS['occasion']}/", "follow-up page")

    @task(1)
    def search(self) -> None:
        self._get(f"/sok/?q={random.choice(SEARCH_WORDS)}", "search")


class Editor(StyrUser):
    weight = 3
    persona = "editors"

    @task(2)
    def home(self) -> None:
        self.start_page()

    @task(1)
    def plan(self) -> None:
        self._get(f"/plan/{self.account['plan']}/", "plan page")

    @task(3)
    def value(self) -> None:
        self.save_indicator_value(random.choice(self.account["indicators"]))

    @task(2)
    def assignment(self) -> None:
        self.follow_up("assignment", random.choice(self.account["assignments"]))

    @task(1)
    def goal(self) -> None:
        self.follow_up("goal", random.choice(self.account["goals"]))


class Reporter(StyrUser):
    weight = 1
    persona = "reporters"

    @task(2)
    def home(self) -> None:
        self.start_page()

    @task(2)
    def assignment(self) -> None:
        self.follow_up("assignment", random.choice(self.account["assignments"]))

    @task(1)
    def goal(self) -> None:
        self.follow_up("goal", random.choice(self.account["goals"]))

    @task(2)
    def value(self) -> None:
        self.save_indicator_value(random.choice(self.account["indicators"]))

"""Screenshots of Styr's main pages for the docs, made from the demo so they stay current.

Run: .venv/bin/python docs/screenshots/make.py   (or `make screenshots`)
It starts Styr on a scratch SQLite database with the demo (as `make run` would), signs in as
each persona in Debian's Chromium and writes docs/screenshots/*.png and index.md.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--lang=sv-SE",
]
# (file, persona, path under the KS plan or absolute, caption)
SHOTS = [
    ("start.png", "ks.redaktor", "/", "Startsidan: mina organ och planer, att rapportera"),
    ("plan.png", "ks.redaktor", "", "Planens översikt: navigation, beslut, mål och indikatorer"),
    ("uppdrag.png", "ks.redaktor", "uppdrag/?fran=council&ordning=-beslut",
     "Uppdragen som tabell: sök, filter och sortering"),
    ("uppfoljning.png", "ks.rapportor", "uppfoljning/arsrapport/?visa=mina",
     "Uppföljningen som arbetslista för en rapportör: mina poster, förra rapporten bredvid"),
    ("indikator.png", "politiker", "INDICATOR", "En indikator: trend, tabell och status"),
    ("indikatorer.png", "politiker", "indikatorer/?ordning=status",
     "Alla indikatorer som tabell, sämst status först"),
    ("historik.png", "politiker", "historik/", "Planens historik"),
    ("logg.png", "revisor", "/logg/", "Ändringsloggen för revisorn"),
    ("saknas.png", "kfn.redaktor", "uppdrag/",
     "En sida man inte får se: på svenska, med väg tillbaka"),
    ("english.png", "ks.redaktor", "en:", "Samma översikt på engelska, vald i sidhuvudet"),
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _log_in(page: Page, server: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{server}/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{server}/")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="styr-screenshots-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'styr.sqlite3'}",
           "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1", "PLAIN_HTTP": "true"}  # fmt: skip
    for args in (["migrate", "--noinput", "-v0"], ["demo"]):
        subprocess.run([sys.executable, "-m", "styr", *args], env=env, check=True,
                       capture_output=True)  # fmt: skip
    port = _free_port()
    server = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "styr", "runserver", "--noreload", "--insecure",
         f"127.0.0.1:{port}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_context(
                locale="sv-SE", viewport={"width": 1280, "height": 900}
            ).new_page()
            _log_in(page, server, "ks.redaktor")
            page.get_by_role("link", name="Nämndplan 2024").first.click()
            plan = page.url
            page.get_by_role("link", name="Mål och indikatorer").first.click()
            page.get_by_role("link", name="Antal nya bostäder i kommunen").first.click()
            indicator = page.url
            lines = ["# Skärmbilder", "", "Gjorda av `make screenshots` från demon.", ""]
            for name, persona, path, caption in SHOTS:
                _log_in(page, server, persona)
                # "en:" in front: the page as a user who has chosen English sees it.
                english, path = path.startswith("en:"), path.removeprefix("en:")
                language = "en" if english else "sv"
                page.context.add_cookies(
                    [{"name": "django_language", "value": language, "url": server}]
                )
                url = (
                    indicator
                    if path == "INDICATOR"
                    else server + path
                    if path.startswith("/")
                    else plan + path
                )
                page.goto(url)
                page.screenshot(path=str(HERE / name))
                lines += [f"## {caption}", "", f"Som `{persona}`.", "", f"![{caption}]({name})", ""]
            (HERE / "index.md").write_text("\n".join(lines), encoding="utf-8")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

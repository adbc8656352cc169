"""A server of its own for the e-förslag flow: e-mail written to files the test reads, and one
signature enough to take a proposal to a committee."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from styr.web.tests.browser.conftest import run_server


@pytest.fixture(scope="session")
def mail_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mail")


@pytest.fixture(scope="session")
def proposal_server(tmp_path_factory: pytest.TempPathFactory, mail_folder: Path) -> Iterator[str]:
    yield from run_server(
        tmp_path_factory.mktemp("proposal-server"),
        {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(mail_folder),
            "PROPOSAL_THRESHOLD": "1",
        },
    )

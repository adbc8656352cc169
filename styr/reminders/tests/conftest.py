"""A real SMTP server (aiosmtpd) for the reminder tests, and the reporter set up to be
reminded: an e-mail address, and the delårsrapport's last day to report a week from "today"."""

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User

from styr.plans.models import Plan, ReportOccasion

TODAY = date(2024, 9, 3)
DEADLINE = TODAY + timedelta(days=7)


@dataclass
class Inbox:
    """What the SMTP server received, one message per DATA."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["X-Envelope-To"]]


def text_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def listed(message: EmailMessage) -> list[str]:
    """The items the e-mail lists (the lines that start with a dash)."""
    return [line[2:] for line in text_of(message).splitlines() if line.startswith("- ")]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def inbox(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on a free port of this machine, and Django set to send to it."""
    handler = Inbox()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Styr <styr@marks.example>"
    settings.STYR_BASE_URL = "https://styr.marks.example"
    settings.REMINDER_DAYS_BEFORE = [7, 1]
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def delar(ks_plan: Plan, reporter: User) -> ReportOccasion:
    """The delårsrapport, due a week from TODAY, and the reporter with an e-mail address."""
    reporter.email = "rapportor@marks.example"
    reporter.save(update_fields=["email"])
    occasion = ks_plan.occasions.get(key="delar")
    occasion.deadline = DEADLINE
    occasion.save(update_fields=["deadline"])
    # The other report is due later, outside the reminder window.
    return occasion

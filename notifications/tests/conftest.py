"""Fixtures of the reminders tests: the cast with e-mail addresses, a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import socket

import pytest


@pytest.fixture
def people(cast, period):
    for name in ("clerk_a", "clerk_b", "manager"):
        cast[name].email = f"{name}@donvi.gov.vn"
        cast[name].save()
    return cast


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()

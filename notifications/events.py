"""What a reminder is about: one event, told once to each of its users (notifications.services)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Event:
    """An event of the reminders: its kind, its unique key, and the Vietnamese text of its notification."""

    kind: str
    key: str
    subject: str
    body: str
    link: str

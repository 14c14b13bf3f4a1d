"""Events of Ukrainian and Russian articles (placeholder until the tables are written)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Event, Mention


def extract_events_slavic(article: Article, mentions: Sequence[Mention], lang: str) -> list[Event]:
    return []

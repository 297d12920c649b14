"""Traffic lights: the four levels of the reference plan (绿 / 黄 / 黄偏红 / 红)."""

from __future__ import annotations

from enum import StrEnum


class Light(StrEnum):
    """Ordered from best to worst; ``worst()`` relies on that order."""

    GREEN = "green"
    YELLOW = "yellow"
    YELLOW_RED = "yellow_red"
    RED = "red"

    @property
    def severity(self) -> int:
        return _ORDER.index(self)

    @classmethod
    def parse(cls, text: str) -> Light:
        """Accept the stored value or the plan's Chinese word (绿, 黄, 黄偏红, 红)."""
        key = text.strip()
        if key in _CHINESE:
            return _CHINESE[key]
        return cls(key.lower())


_ORDER = [Light.GREEN, Light.YELLOW, Light.YELLOW_RED, Light.RED]
_CHINESE = {"绿": Light.GREEN, "黄": Light.YELLOW, "黄偏红": Light.YELLOW_RED, "红": Light.RED}


def worst(lights: list[Light | None]) -> Light | None:
    """The most severe light of a group, or None when none is set."""
    present = [light for light in lights if light is not None]
    return max(present, key=lambda light: light.severity) if present else None

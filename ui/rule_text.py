"""What the warning rules say, in the user's language: reasons, responses, tooltips.

models.rules gives English templates with named values (the plan's own Chinese text among
them); here the template goes through Qt's translator and then gets its values, so a
translation can reorder the sentence and the author's words still come through unchanged.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from models.lights import Light
from models.rules import Evaluation, Firing
from ui.lights import light_colour, light_name

CONTEXT = "Rules"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def detail_text(firing: Firing) -> str:
    return _tr(firing.template).format(**dict(firing.values))


def reason_text(firing: Firing) -> str:
    """The author's description (if any), then what the data shows, translated."""
    detail = detail_text(firing)
    if not firing.description:
        return detail
    return _tr("%1: %2").replace("%1", firing.description).replace("%2", detail)


def response_text(firing: Firing) -> str:
    return firing.response or (_tr(firing.response_template) if firing.response_template else "")


def computed_items(
    evaluation: Evaluation | None, kind: str, ident: int
) -> list[tuple[str, str, str]] | None:
    """(light value, reason, response) per firing, worst first: the KR panel's format.

    None when there is no evaluation yet (the panel then says nothing rather than "all clear").
    """
    if evaluation is None:
        return None
    firings = sorted(evaluation.firings_of(kind, ident), key=lambda f: -f.light.severity)
    return [(f.light.value, reason_text(f), response_text(f)) for f in firings]


def tooltip_text(evaluation: Evaluation | None, kind: str, ident: int) -> str:
    """Plain-text tooltip: the computed light, each reason and its suggested response."""
    if evaluation is None:
        return ""
    firings = sorted(evaluation.firings_of(kind, ident), key=lambda f: -f.light.severity)
    if not firings:
        return ""
    light = evaluation.light(kind, ident)
    lines = [_tr("Rules: %1").replace("%1", light_name(light))]
    for f in firings:
        lines.append(f"• {light_name(f.light)} — {reason_text(f)}")
        response = response_text(f)
        if response:
            lines.append("   → " + _tr("Response: %1").replace("%1", response))
    return "\n".join(lines)


def tooltip_html(evaluation: Evaluation | None, kind: str, ident: int) -> str:
    """The same as rich text, with each light's colour: for tooltips that allow HTML."""
    if evaluation is None:
        return ""
    firings = sorted(evaluation.firings_of(kind, ident), key=lambda f: -f.light.severity)
    rows = []
    for f in firings:
        colour = light_colour(f.light).name()
        row = (
            f"<span style='color:{colour}'>●</span> <b>{escape(light_name(f.light))}</b>"
            f" — {escape(reason_text(f))}"
        )
        response = response_text(f)
        if response:
            row += f"<br>&nbsp;&nbsp;→ {escape(response)}"
        rows.append(row)
    return "<br>".join(rows)


def light_value(light: Light | None) -> str | None:
    return light.value if light is not None else None

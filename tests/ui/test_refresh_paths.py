"""What a change refreshes: a card move leaves the goal tree alone and its lights follow on the
next turn of the event loop; any other change reads the plan again at once."""

from __future__ import annotations

import datetime as dt

from app.commands import UpdateEntity
from app.services.evaluation import evaluate_plan
from models.lights import Light
from tests.ui.board.helpers import card_mime

W52 = dt.date(2025, 12, 22)
W48 = dt.date(2025, 11, 24)


def _drop(window, card_id: int, start: dt.date) -> bool:
    scene = window.board.scene
    scene.set_focus(None)
    scene.set_collapsed(())
    card = scene.model.cards[card_id]
    lane = scene.model.lanes[scene.model.lanes_of(card)[0]].key
    return scene.drop_mime(card_mime(card_id), scene.cell_center(lane, "week", start))


def _card(window, title: str):
    return next(c for c in window.board.scene.model.cards.values() if c.title.startswith(title))


def test_a_drop_does_not_reload_the_goal_tree_and_the_cards_light_follows(window, qtbot) -> None:
    card = _card(window, "拉出画像质量基础报表")  # due 12-05 and still to do: yellow
    model = window.board.scene.model
    assert model.light_of(card).value == "yellow"
    reloads, tree = window.refresh_counts["reload"], window.tree_model.plan_tree
    assert _drop(window, card.id, W52)
    assert window.svc.get("card", card.id).period_start == W52  # committed at once
    assert window.refresh_counts["reload"] == reloads  # the goal tree was not read again
    assert window.tree_model.plan_tree is tree
    qtbot.waitUntil(lambda: window.refresh_counts["cards"] == 1)
    moved = model.cards[card.id]
    assert model.light_of(moved) is None  # due 12-26 now: no warning yet
    fresh = evaluate_plan(window.svc, window.plan_id)
    assert window.metrics.evaluation.lights == fresh.lights

    window.undo_stack.undo()  # undo takes the same path back
    assert window.refresh_counts["reload"] == reloads
    qtbot.waitUntil(lambda: window.refresh_counts["cards"] == 2)
    assert model.light_of(model.cards[card.id]).value == "yellow"


def test_a_card_moved_into_the_past_turns_red_after_the_drop(window, qtbot) -> None:
    card = _card(window, "拉出画像质量基础报表")
    assert _drop(window, card.id, W48)  # due 11-28 now: past due and not done
    qtbot.waitUntil(lambda: window.refresh_counts["cards"] == 1)
    assert window.metrics.evaluation.light("card", card.id) is Light.RED
    assert window.board.scene.model.light_of(window.board.scene.model.cards[card.id]) is Light.RED


def test_a_change_to_anything_but_cards_reloads_at_once(window) -> None:
    kr = window.tree_model.plan_tree.krs[0]
    reloads = window.refresh_counts["reload"]
    window.edit_context.push(UpdateEntity("kr", kr.id, {"title": "新的标题"}))
    assert window.refresh_counts["reload"] == reloads + 1
    assert any(k.title == "新的标题" for k in window.tree_model.plan_tree.krs)


def test_the_kr_panel_lists_a_moved_card_in_its_new_week(window, qtbot) -> None:
    card = _card(window, "拉出画像质量基础报表")
    kr_id = card.kr_ids[0]
    window.goal_tree.setCurrentIndex(window.tree_model.find("kr", kr_id))
    qtbot.waitUntil(lambda: window.kr_panel.current_kr_id == kr_id)
    listed = window.kr_panel.card_list

    def row_text() -> str:
        row = listed.card_ids().index(card.id)
        return listed.cards_model.item(row).text()

    assert "W52" not in row_text()
    assert _drop(window, card.id, W52)
    qtbot.waitUntil(lambda: window.refresh_counts["cards"] == 1)
    assert row_text().startswith("W52")

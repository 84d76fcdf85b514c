"""Success measures with their baselines, edited in place; posts :class:`MeasurePanel.BaselineChanged`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input

if TYPE_CHECKING:
    from advisor.proposition import SuccessMeasure

BASELINE_WIDTH = 14


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def baseline_text(measure: "SuccessMeasure") -> str:
    """'42 %' or 'to be measured'."""
    if isinstance(measure.baseline, str):
        return measure.baseline
    return f"{measure.baseline:g} {measure.unit}".strip()


class MeasurePanel(Vertical):
    """Measure, baseline and target per row; e or Enter opens the baseline editor under the table."""

    DEFAULT_CSS = """
    MeasurePanel { height: 1fr; }
    MeasurePanel > DataTable { height: 1fr; }
    MeasurePanel > #editor { display: none; border: tall $accent; }
    MeasurePanel.-editing > #editor { display: block; }
    """
    BINDINGS = [Binding("e", "edit", "Edit baseline"), Binding("escape", "cancel", "Cancel", show=False)]

    class BaselineChanged(Message):
        """A baseline was entered (``value`` None: back to 'to be measured')."""

        def __init__(self, measure: str, value: float | None) -> None:
            super().__init__()
            self.measure = measure
            self.value = value

    class Highlighted(Message):
        """The cursor moved to another measure (its index in the proposition)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.measures: list[SuccessMeasure] = []
        self.editing: SuccessMeasure | None = None

    def compose(self) -> ComposeResult:
        yield DataTable(id="measure-table", cursor_type="row", zebra_stripes=True)
        yield Input(id="editor", placeholder="today's value; empty: to be measured", type="number")

    def show(self, measures: list["SuccessMeasure"]) -> None:
        """Fill the table (attributes down), keeping the cursor row; targets are cut to fit."""
        self.measures = measures
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        width = max(self.size.width - 6, 40)
        name_width = min(max((len(m.name) for m in measures), default=10), 30)
        table.add_column("Measure", width=name_width)
        table.add_column("Baseline", width=BASELINE_WIDTH)
        target_width = max(width - name_width - BASELINE_WIDTH - 4, 14)
        table.add_column("Target", width=target_width)
        for number, m in enumerate(measures):
            table.add_row(_fit(m.name, name_width), _fit(baseline_text(m), BASELINE_WIDTH), _fit(m.target, target_width),
                          key=str(number))
        if measures:
            table.move_cursor(row=min(max(row, 0), len(measures) - 1))

    def on_resize(self) -> None:
        if self.measures:
            self.show(self.measures)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Highlighted(int(event.row_key.value)))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        """Open the editor on the highlighted measure's baseline."""
        table = self.query_one(DataTable)
        if not self.measures or table.cursor_row < 0:
            return
        self.editing = measure = self.measures[table.cursor_row]
        editor = self.query_one("#editor", Input)
        editor.value = "" if isinstance(measure.baseline, str) else f"{measure.baseline:g}"
        unit = f" ({measure.unit})" if measure.unit else ""
        editor.border_title = f"Baseline of {measure.name}{unit} · Enter saves · Esc cancels"
        self.add_class("-editing")
        editor.focus()

    @on(Input.Submitted, "#editor")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        try:
            value = float(text) if text else None
        except ValueError:
            self.notify("A number, please (or nothing for 'to be measured').", severity="error")
            return
        if self.editing is not None:
            self.post_message(self.BaselineChanged(self.editing.measure, value))
        self.action_cancel()

    def action_cancel(self) -> None:
        self.editing = None
        self.remove_class("-editing")
        self.query_one(DataTable).focus()

"""Results: the differential with its evidence, the prescription by wave, the value proposition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Static, TabbedContent, TabPane

from ..widgets import EngagementBar
from .base import StageScreen
from .evidence import cause_panels, health_text, service_detail, value_text

if TYPE_CHECKING:
    from advisor.models import Diagnosis

WAVES = {"now": "Now", "next": "Next", "later": "Later"}


class ResultsScreen(StageScreen):
    """Four tabs; the diagnosis is computed in a worker and arrives as :class:`ResultsScreen.Diagnosed`."""

    STAGE = "Results"
    BINDINGS = [
        Binding("1", "tab('causes')", "Causes"),
        Binding("2", "tab('services')", "Prescription"),
        Binding("3", "tab('value')", "Value"),
        Binding("4", "tab('health')", "Health", show=False),
        Binding("e", "edit_baseline", "Edit baseline"),
        Binding("x,f6", "app.export", "Export"),
        Binding("d,f4", "app.goto('diagnosing')", "Questions"),
        Binding("l,f3", "app.goto('listening')", "Listen"),
    ]

    class Diagnosed(Message):
        """The worker finished the diagnosis."""

        def __init__(self, diagnosis: "Diagnosis") -> None:
            super().__init__()
            self.diagnosis = diagnosis

    def __init__(self, engagement) -> None:  # type: ignore[no-untyped-def]
        super().__init__(engagement)
        self.diagnosis: Diagnosis | None = None
        self._shown_causes: list[tuple[str, float]] = []
        self._editing: str | None = None

    def compose(self) -> ComposeResult:
        yield EngagementBar()
        with TabbedContent(id="tabs"):
            with TabPane("Differential", id="causes"):
                yield VerticalScroll(id="cause-list")
            with TabPane("Prescription", id="services"):
                yield DataTable(id="service-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="service-detail", classes="detail")
            with TabPane("Value proposition", id="value"):
                with VerticalScroll(id="value-scroll"):
                    yield Static(id="value-summary")
                    yield Static("Success measures · e or Enter: edit a baseline", classes="panel-title")
                    yield DataTable(id="measure-table", cursor_type="row", zebra_stripes=True)
                    yield Input(id="baseline", placeholder="today's value (empty: to be measured)", type="number")
                    yield Static(id="value-groups")
            with TabPane("PMO health", id="health"):
                yield VerticalScroll(Static(id="health-text"))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#service-table", DataTable).add_columns("Wave", "#", "Service", "Approach", "Treats", "Weeks")
        self.query_one("#measure-table", DataTable).add_columns("Measure", "Service", "Baseline", "Target", "Cadence")
        self.query_one("#baseline", Input).display = False

    def refresh_view(self) -> None:
        super().refresh_view()
        if self.engagement.started:
            self.compute()

    @work(thread=True, exclusive=True, group="diagnosis")
    def compute(self) -> None:
        """Diagnose off the UI thread; the result comes back as a message."""
        session = self.engagement.session
        if session is not None:
            self.post_message(self.Diagnosed(session.diagnosis()))

    @on(Diagnosed)
    def _show(self, event: Diagnosed) -> None:
        self.diagnosis = diagnosis = event.diagnosis
        kb = self.engagement.advisor.knowledge
        causes = [(c.id, c.confidence) for c in diagnosis.root_causes]
        if causes != self._shown_causes:
            self._shown_causes = causes
            holder = self.query_one("#cause-list", VerticalScroll)
            holder.remove_children()
            holder.mount_all(cause_panels(diagnosis, kb))
        self._fill_services(diagnosis)
        self._fill_measures(diagnosis)
        self.query_one("#value-groups", Static).update(value_text(diagnosis))
        self.query_one("#health-text", Static).update(health_text(diagnosis))
        tabs = self.query_one(TabbedContent)
        if diagnosis.pmo_health:
            tabs.show_tab("health")
        else:
            tabs.hide_tab("health")

    def _fill_services(self, diagnosis: "Diagnosis") -> None:
        table = self.query_one("#service-table", DataTable)
        row = table.cursor_row
        table.clear()
        names = {c.id: c.name for c in diagnosis.root_causes}
        order = sorted(diagnosis.services, key=lambda s: (list(WAVES).index(s.wave), s.priority))
        for service in order:
            treats = ", ".join(names.get(c, c.replace("_", " ")) for c in service.treats)
            table.add_row(WAVES[service.wave], str(service.priority), service.name, service.approach,
                          treats, str(service.time_to_value_weeks), key=service.id)
        if order:
            table.move_cursor(row=min(row, len(order) - 1))
        else:
            self.query_one("#service-detail", Static).update("No service prescribed yet: interview further.")

    def _fill_measures(self, diagnosis: "Diagnosis") -> None:
        table = self.query_one("#measure-table", DataTable)
        row = table.cursor_row
        table.clear()
        proposition = diagnosis.value_proposition
        self.query_one("#value-summary", Static).update(proposition.summary)
        services = {s.id: s.name for s in diagnosis.services}
        for number, m in enumerate(proposition.success_measures):
            baseline = m.baseline if isinstance(m.baseline, str) else f"{m.baseline:g} {m.unit}".strip()
            table.add_row(m.name, services.get(m.service, m.service), baseline, m.target, m.cadence, key=f"{number}:{m.measure}")
        if proposition.success_measures:
            table.move_cursor(row=min(row, len(proposition.success_measures) - 1))

    @on(DataTable.RowHighlighted, "#service-table")
    def _service_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.diagnosis is not None and event.row_key.value:
            self.query_one("#service-detail", Static).update(service_detail(self.diagnosis, event.row_key.value))

    @on(DataTable.RowSelected, "#measure-table")
    def _measure_selected(self) -> None:
        self.action_edit_baseline()

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tab == "health" and not (self.diagnosis and self.diagnosis.pmo_health):
            return
        tabs.active = tab
        focus = {"services": "#service-table", "value": "#measure-table"}.get(tab)
        if focus:
            self.query_one(focus).focus()

    def action_edit_baseline(self) -> None:
        """Edit the highlighted measure's baseline in place, under the table."""
        table = self.query_one("#measure-table", DataTable)
        if self.diagnosis is None or not table.row_count:
            return
        self.action_tab("value")
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        measure = key.partition(":")[2]
        self._editing = measure
        kb_measure = self.engagement.advisor.knowledge.measures.get(measure)
        editor = self.query_one("#baseline", Input)
        current = self.engagement.case.baselines.get(measure)
        editor.value = "" if current is None else f"{current:g}"
        unit = f" ({kb_measure.unit})" if kb_measure and kb_measure.unit else ""
        editor.border_title = f"Baseline: {kb_measure.name if kb_measure else measure}{unit} · Enter saves · Esc cancels"
        editor.display = True
        editor.focus()

    @on(Input.Submitted, "#baseline")
    def _baseline_entered(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        try:
            value = float(text) if text else None
        except ValueError:
            self.notify("A number, please (or empty for 'to be measured').", severity="error")
            return
        if self._editing:
            self.engagement.set_baseline(self._editing, value)
        self._close_editor()
        self.compute()

    def key_escape(self) -> None:
        if self._editing is not None:
            self._close_editor()

    def _close_editor(self) -> None:
        self._editing = None
        self.query_one("#baseline", Input).display = False
        self.query_one("#measure-table").focus()

"""Results: the differential with its evidence, the prescription by wave, the value proposition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Collapsible, DataTable, Footer, Static, TabbedContent, TabPane

from ..widgets import EngagementBar, MeasurePanel
from .base import StageScreen
from .evidence import cause_panels, health_text, measure_detail, service_detail, value_text

if TYPE_CHECKING:
    from ..engagement import Engagement
    from advisor.interview import InterviewSession
    from advisor.models import Diagnosis

WAVES = {"now": "Now", "next": "Next", "later": "Later"}


class ResultsScreen(StageScreen):
    """Four tabs; the diagnosis is computed in a worker and arrives as :class:`ResultsScreen.Diagnosed`."""

    STAGE = "Results"
    BINDINGS = [
        Binding("1", "tab('causes')", "Causes", show=False),
        Binding("2", "tab('services')", "Prescription", show=False),
        Binding("3", "tab('value')", "Value", show=False),
        Binding("4", "tab('health')", "Health", show=False),
        Binding("x,f6", "app.export", "Export"),
        Binding("z,ctrl+z", "undo", "Undo"),
        Binding("d,f4", "app.goto('diagnosing')", "Questions"),
        Binding("l,f3", "app.goto('listening')", "Listen"),
    ]

    class Diagnosed(Message):
        """The worker finished the diagnosis."""

        def __init__(self, diagnosis: "Diagnosis") -> None:
            super().__init__()
            self.diagnosis = diagnosis

    def __init__(self, engagement: "Engagement") -> None:
        super().__init__(engagement)
        self.diagnosis: Diagnosis | None = None
        self._shown_causes: list[tuple[str, float]] = []

    def compose(self) -> ComposeResult:
        yield EngagementBar()
        with TabbedContent(id="tabs"):
            with TabPane("1 Differential", id="causes"):
                yield VerticalScroll(id="cause-list")
            with TabPane("2 Prescription", id="services"):
                yield DataTable(id="service-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="service-detail", classes="detail")
            with TabPane("3 Value proposition", id="value"):
                yield Static(id="value-summary")
                yield MeasurePanel(id="measures")
                yield Static(id="measure-detail", classes="detail")
                with Collapsible(title="Value statements per customer group, quick wins", id="value-more"):
                    yield Static(id="value-groups")
            with TabPane("4 PMO health", id="health"):
                yield VerticalScroll(Static(id="health-text"))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#service-table", DataTable).add_columns("Wave", "#", "Service", "Approach", "Weeks to value")

    def refresh_view(self) -> None:
        super().refresh_view()
        self.compute()

    def compute(self) -> None:
        """Diagnose a copy of the session in a worker; the result comes back as a message."""
        if self.engagement.started:
            self._diagnose(self.engagement.detached())

    @work(thread=True, exclusive=True, group="diagnosis")
    def _diagnose(self, session: "InterviewSession") -> None:
        diagnosis = session.diagnosis()
        if not get_current_worker().is_cancelled:  # a newer diagnosis is on its way
            self.post_message(self.Diagnosed(diagnosis))

    @on(Diagnosed)
    def _show(self, event: Diagnosed) -> None:
        self.diagnosis = diagnosis = event.diagnosis
        causes = [(c.id, c.confidence) for c in diagnosis.root_causes]
        if causes != self._shown_causes or not self.query_one("#cause-list").children:
            self._shown_causes = causes
            holder = self.query_one("#cause-list", VerticalScroll)
            holder.remove_children()
            holder.mount_all(cause_panels(diagnosis))
        self._fill_services(diagnosis)
        self.query_one("#value-summary", Static).update(diagnosis.value_proposition.summary)
        self.query_one(MeasurePanel).show(diagnosis.value_proposition.success_measures)
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
        order = sorted(diagnosis.services, key=lambda s: (list(WAVES).index(s.wave), s.priority))
        for service in order:
            table.add_row(WAVES[service.wave], str(service.priority), service.name, service.approach,
                          str(service.time_to_value_weeks), key=service.id)
        if order:
            table.move_cursor(row=min(max(row, 0), len(order) - 1))
        else:
            self.query_one("#service-detail", Static).update("No service prescribed yet: interview further.")

    @on(DataTable.RowHighlighted, "#service-table")
    def _service_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.diagnosis is not None and event.row_key.value:
            self.query_one("#service-detail", Static).update(service_detail(self.diagnosis, event.row_key.value))

    @on(MeasurePanel.Highlighted)
    def _measure_highlighted(self, event: MeasurePanel.Highlighted) -> None:
        if self.diagnosis is not None:
            self.query_one("#measure-detail", Static).update(measure_detail(self.diagnosis, event.index))

    @on(MeasurePanel.BaselineChanged)
    def _baseline_changed(self, event: MeasurePanel.BaselineChanged) -> None:
        """Store the baseline in the case (saved at once) and recompute: targets follow from it."""
        self.engagement.set_baseline(event.measure, event.value)
        self.compute()

    def action_tab(self, tab: str) -> None:
        if tab == "health" and not (self.diagnosis and self.diagnosis.pmo_health):
            return
        self.query_one(TabbedContent).active = tab
        focus = {"causes": "#cause-list", "services": "#service-table", "value": "#measure-table"}[tab] if tab != "health" else None
        if focus:
            self.query_one(focus).focus()

"""Engagement setup: the organisation, its context, and the first stakeholder to interview."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Select, Static

from advisor.case import GROUPS, Context

from ..widgets import EngagementBar
from .base import StageScreen

SIZES = ["micro", "small", "medium", "large", "enterprise"]
MATURITY = ["1 · initial, ad hoc", "2 · repeatable", "3 · defined", "4 · managed, measured", "5 · optimising"]
APPROACHES = ["predictive", "agile", "hybrid"]


class SetupScreen(StageScreen):
    """A new engagement (with its first stakeholder), or the context of the current one edited."""

    STAGE = "Engagement"
    AUTO_FOCUS = "#organisation"
    BINDINGS = [Binding("ctrl+s", "submit", "Start / save", priority=True), Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        editing = self.engagement.started
        yield EngagementBar()
        with VerticalScroll(id="setup"):
            with Grid(classes="form"):
                yield Label("Organisation")
                yield Input(placeholder="Case name, e.g. Northwind Health", id="organisation", compact=True)
                yield Label("Industry")
                yield Input(placeholder="e.g. healthcare, banking, charity", id="industry", compact=True)
                yield Label("Size")
                yield Select([(s.capitalize(), s) for s in SIZES], prompt="not known", id="size", compact=True)
                yield Label("PM maturity")
                yield Select([(m, i + 1) for i, m in enumerate(MATURITY)], prompt="not known", id="maturity", compact=True)
                yield Label("Projects in flight")
                yield Input(placeholder="how many, roughly", type="integer", id="projects", compact=True)
                yield Label("Delivery approach")
                yield Select([(a.capitalize(), a) for a in APPROACHES], prompt="not known", id="approach", compact=True)
                yield Label("Regulated")
                yield Select([("Yes", True), ("No", False)], prompt="not known", id="regulated", compact=True)
            if not editing:
                yield Static("First stakeholder", classes="section-title")
                with Grid(classes="form"):
                    yield Label("Name")
                    yield Input(placeholder="who you are interviewing", id="stakeholder", compact=True)
                    yield Label("Customer group")
                    yield Select(self._groups(), value="project_managers", allow_blank=False, id="group", compact=True)
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save  ^s" if editing else "Start listening  ^s", variant="primary", id="submit", compact=True)
        yield Footer()

    def _groups(self) -> list[tuple[str, str]]:
        return [(self.engagement.group_name(g), g) for g in GROUPS]

    def on_mount(self) -> None:
        if self.engagement.started:
            self._fill(self.engagement.case.case, self.engagement.case.context)

    def _fill(self, name: str, context: Context) -> None:
        self.query_one("#organisation", Input).value = name
        self.query_one("#industry", Input).value = context.industry or ""
        projects = context.projects_in_flight
        self.query_one("#projects", Input).value = "" if projects is None else str(projects)
        for field, value in (("size", context.organization_size), ("maturity", context.pmo_maturity),
                             ("approach", context.delivery_approach), ("regulated", context.regulated)):
            if value is not None:
                self.query_one(f"#{field}", Select).value = value

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "stakeholder" or (event.input.id == "projects" and self.engagement.started):
            self.action_submit()
        else:
            self.focus_next()

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        name = self.query_one("#organisation", Input).value.strip()
        if not name:
            return self._error("The organisation needs a name.", "#organisation")
        context = self._form_context()
        if self.engagement.started:
            self.engagement.set_context(name, context)
            self.post_message(self.Navigate(self.engagement.stage()))
            return
        person = self.query_one("#stakeholder", Input).value.strip()
        if not person:
            return self._error("Who are you interviewing? A name, please.", "#stakeholder")
        self.engagement.start(name, context, person, str(self.query_one("#group", Select).value))
        self.post_message(self.Navigate("listening"))

    def _form_context(self) -> Context:
        """The context the form describes; extra keys already in the case are kept."""
        old = self.engagement.case.context.model_dump(exclude_none=True) if self.engagement.started else {}
        values = {
            "industry": self.query_one("#industry", Input).value.strip() or None,
            "organization_size": self._select("size"),
            "pmo_maturity": self._select("maturity"),
            "projects_in_flight": int(p) if (p := self.query_one("#projects", Input).value.strip()).isdigit() else None,
            "delivery_approach": self._select("approach"),
            "regulated": self._select("regulated"),
        }
        old.update(values)
        return Context.model_validate({k: v for k, v in old.items() if v is not None})

    def _select(self, field: str) -> object:
        value = self.query_one(f"#{field}", Select).value
        return None if value is Select.NULL else value

    def _error(self, message: str, focus: str) -> None:
        self.query_one("#error", Static).update(message)
        self.query_one(focus).focus()

    def action_back(self) -> None:
        self.post_message(self.Navigate(self.engagement.stage() if self.engagement.started else "home"))

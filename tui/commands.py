"""Command-palette entries (Ctrl+P): export, new stakeholder, theme, results, save and the stages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import AdvisorApp


class AdvisorCommands(Provider):
    """The interview's own commands."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("AdvisorApp", self.app)
        return [
            ("Export report…", "Markdown, HTML or JSON, at a path you choose", app.action_export),
            ("New stakeholder…", "Interview the next stakeholder in this engagement", app.action_new_stakeholder),
            ("Toggle light / dark theme", "Switch between textual-dark and textual-light", app.action_toggle_theme),
            ("Results", "Differential, prescription and value proposition", lambda: app.action_goto("results")),
            ("Save session", "Write the session file now (it is saved after every change anyway)", app.action_save),
            ("Listen", "Add what the stakeholder says", lambda: app.action_goto("listening")),
            ("Questions", "Continue the diagnostic questions", lambda: app.action_goto("diagnosing")),
            ("Edit engagement", "Organisation and context", lambda: app.action_goto("setup")),
            ("New engagement", "Start over with another organisation", app.action_new_engagement),
            ("Keys", "Every key of the interview", app.action_help),
        ]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)

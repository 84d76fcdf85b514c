"""Renderings of a diagnosis: Markdown, self-contained HTML, and the portfolio summary."""

"""The physician-style terminal interview (Textual)."""

"""The base of the result models: frozen pydantic models the engine can build without re-validating.

A diagnosis holds a few hundred small models. Validating values the engine has
just computed itself (already of the declared types) costs about as much as the
reasoning, so the engine builds them with :meth:`Frozen.trusted`. Anything read
from outside (a case file, a saved session, JSON) still goes through validation.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

_set = object.__setattr__
F = TypeVar("F", bound="Frozen")


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def trusted(cls: type[F], **values: Any) -> F:
        """An instance from engine-computed values, without validation.

        Every field must be given, each already of its declared type (a list for
        ``list[...]``, a float for ``float``): the result then equals what
        validation would build (tests/test_trusted_models.py checks it)."""
        obj = cls.__new__(cls)
        _set(obj, "__dict__", values)
        _set(obj, "__pydantic_fields_set__", set(values))
        _set(obj, "__pydantic_extra__", None)
        _set(obj, "__pydantic_private__", None)
        return obj

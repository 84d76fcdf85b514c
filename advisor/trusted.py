"""The base of the result models: frozen pydantic models the engine can build without re-validating.

A diagnosis holds a few hundred small models. Validating values the engine has
just computed itself (already of the declared types) costs about as much as the
reasoning, so the engine builds them with :meth:`Frozen.trusted`. Anything read
from outside (a case file, a saved session, JSON) still goes through validation.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

F = TypeVar("F", bound="Frozen")
_new = object.__new__
# BaseModel's own slots, set through their descriptors: object.__setattr__ would look each
# name up along the model's class hierarchy first, which costs more than the assignment
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def trusted(cls: type[F], **values: Any) -> F:
        """An instance from engine-computed values, without validation.

        Every field must be given, each already of its declared type (a list for
        ``list[...]``, a float for ``float``): the result then equals what
        validation would build (tests/test_trusted_models.py checks it)."""
        obj = _new(cls)
        _set_dict(obj, values)
        _set_fields_set(obj, set(values))
        _set_extra(obj, None)
        _set_private(obj, None)
        return obj

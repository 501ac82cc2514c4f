"""One way to name an enum's members for people: `member.label`.

Every enum a person reads (a status, a role, a family situation) is a `Labelled` StrEnum
whose class gives the words in `__labels__ = labels({value: words})`; a test checks that each
member has its words. Screens, PDFs and the CLI print `.label`, never a value reworded on the
spot.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import ClassVar


def labels(words: dict[str, str]) -> Mapping[str, str]:
    """The words for each member's value, read-only."""
    return MappingProxyType(words)


class Labelled(StrEnum):
    __labels__: ClassVar[Mapping[str, str]] = labels({})

    @property
    def label(self) -> str:
        return type(self).__labels__[str(self)]

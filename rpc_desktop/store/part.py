"""What a part of Store, kept in a module of its own, relies on Store for."""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlalchemy import Connection, Engine


class StorePart:
    actor: str
    """Whom the audit log names for what this store does."""

    @property
    def engine(self) -> Engine:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

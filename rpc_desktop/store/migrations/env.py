"""Alembic runs on the keyed connection the store hands it; never on its own."""

from __future__ import annotations

from alembic import context

from rpc_desktop.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

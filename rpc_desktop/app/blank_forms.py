"""Blank paper forms for a scheme, written where the user asks: the one use case the CLI
(and, later, a menu item) needs, so neither reaches the documents layer itself."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rpc_desktop.domain.case import Variant

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext

log = logging.getLogger(__name__)


def write_blank_forms(
    context: AppContext, scheme_id: str, out: Path, variants: Iterable[Variant] | None = None
) -> list[Path]:
    """The scheme's blank RSQs (each variant it uses, or those given) and its blank
    agreement, as new files in `out`: nothing is written if one is there already."""
    from rpc_desktop.documents.blank_forms import write_blank_forms as write

    scheme = context.packs.scheme(scheme_id)
    written = write(
        context.packs,
        scheme,
        out,
        fonts_dir=context.fonts_dir,
        variants=list(variants) if variants is not None else None,
    )
    log.info("blank forms written for %s (%d files)", scheme.id, len(written))
    return written

"""Case rows in and out: the Case body, its answers, its search terms and its history.

SQLAlchemy Core on the store's connection: each function runs inside the caller's
transaction, so one user action is one short transaction.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from rpc_desktop.domain.case import AnswerValue, Case, Form, ParentSlot, Responses, Screening
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.errors import StoreError
from rpc_desktop.store.tables import answers, cases
from rpc_desktop.store.tables import bundle_versions as versions
from rpc_desktop.store.tables import case_plans as plans
from rpc_desktop.store.tables import search_terms as terms
from rpc_desktop.store.tables import status_changes as changes


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    scheme_id: str
    status: CaseStatus
    display_name: str
    page: str
    updated_at: datetime
    next_action: str = ""
    """What the case needs next (domain.followups); "" for nothing, or not worked out yet."""
    next_due: date | None = None


_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h", "ŀ": "l"}
)


def fold(text: str) -> str:
    """Case-folded, accents dropped, so "lukas" finds "Łukasiewicz"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_terms(case: Case) -> set[str]:
    names = [case.parent_a.name, case.parent_b.name, *(c.name for c in case.children)]
    words = {w for name in names for w in name.replace("-", " ").split()} | set(
        name for name in names if "-" in name
    )
    out = {fold(case.reference)}
    for word in words:
        out |= {fold(word), word.casefold()}
    return {t for t in out if t}


def display_name(case: Case) -> str:
    names = [p.name.strip() for p in (case.parent_a, case.parent_b) if p.name.strip()]
    return " & ".join(names) or "(no names yet)"


def _body(case: Case) -> str:
    """The case without its answers, which live in rows of their own."""
    stripped: dict[str, object] = {}
    for slot in ParentSlot:
        for form in Form:
            if (part := case.part(form, slot)) is not None:
                stripped[f"{form.value}_{slot.value}"] = part.model_copy(update={"answers": {}})
    return case.model_copy(update=stripped).model_dump_json()


def case_id(conn: Connection, reference: str) -> int:
    found = conn.execute(select(cases.c.id).where(cases.c.reference == reference)).scalar()
    if found is None:
        raise StoreError(f"There is no case {reference} on this device.")
    return int(found)


def insert_case(conn: Connection, case: Case, page: str = "") -> int:
    if conn.execute(select(cases.c.id).where(cases.c.reference == case.reference)).scalar():
        raise StoreError(f"A case {case.reference} already exists on this device.")
    now = datetime.now(UTC)
    result = conn.execute(
        insert(cases).values(
            reference=case.reference,
            scheme_id=case.scheme_id,
            status=CaseStatus.DRAFT.value,
            display_name=display_name(case),
            page=page,
            body=_body(case),
            created_at=now,
            updated_at=now,
        )
    )
    new_id = result.inserted_primary_key[0]  # type: ignore[index]
    _write_answers(conn, int(new_id), case, now)
    _write_terms(conn, int(new_id), case)
    return int(new_id)


def update_case(
    conn: Connection, case: Case, page: str | None = None, *, answers_too: bool = True
) -> None:
    """Replace the case body (and, unless told otherwise, all its answers)."""
    cid = case_id(conn, case.reference)
    now = datetime.now(UTC)
    values: dict[str, object] = {
        "scheme_id": case.scheme_id,
        "display_name": display_name(case),
        "body": _body(case),
        "updated_at": now,
    }
    if page is not None:
        values["page"] = page
    conn.execute(update(cases).where(cases.c.id == cid).values(**values))
    conn.execute(delete(plans).where(plans.c.case_id == cid))
    if answers_too:
        conn.execute(delete(answers).where(answers.c.case_id == cid))
        _write_answers(conn, cid, case, now)
    conn.execute(delete(terms).where(terms.c.case_id == cid))
    _write_terms(conn, cid, case)


def _write_answers(conn: Connection, cid: int, case: Case, now: datetime) -> None:
    rows = []
    for slot in ParentSlot:
        for form in Form:
            part = case.part(form, slot)
            if part is None:
                continue
            rows += [
                {
                    "case_id": cid,
                    "form": form.value,
                    "slot": slot.value,
                    "item_id": item,
                    "value": json.dumps(value, ensure_ascii=False),
                    "questionnaire_version": part.questionnaire_version,
                    "answered_at": now,
                }
                for item, value in part.answers.items()
            ]
    if rows:
        conn.execute(insert(answers), rows)


def _write_terms(conn: Connection, cid: int, case: Case) -> None:
    conn.execute(insert(terms), [{"case_id": cid, "term": t} for t in sorted(search_terms(case))])


_UPSERT = (
    "INSERT INTO answers (case_id, form, slot, item_id, value, questionnaire_version, "
    "answered_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, form, slot, item_id) "
    "DO UPDATE SET value = excluded.value, questionnaire_version = "
    "excluded.questionnaire_version, answered_at = excluded.answered_at"
)
_CLEAR = "DELETE FROM answers WHERE case_id = ? AND form = ? AND slot = ? AND item_id = ?"
_TOUCH = "UPDATE cases SET updated_at = ? WHERE id = ?"
_REPLAN = "DELETE FROM case_plans WHERE case_id = ?"
"""A change may change what the case needs next: worked out again when next listed."""


def stored_time(moment: datetime) -> str:
    """How UTCDateTime stores a moment in SQLite, for the hand-written hot path."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def set_answer_raw(
    raw: Any,
    cid: int,
    form: Form,
    slot: ParentSlot,
    item_id: str,
    value: AnswerValue | None,
    questionnaire_version: str,
) -> None:
    """Save (or, with None, clear) one answer and touch the case, on a DBAPI connection
    inside the caller's transaction. The autosave hot path, the one place with hand-written
    SQL: through Core it cost more than the encryption and the fsync together
    (benchmarks/store.py measures it against plain sqlite3)."""
    try:
        form = Form(form)
    except ValueError:
        raise StoreError(f"Unknown form {form!r}.") from None
    now = stored_time(datetime.now(UTC))
    if value is None:
        raw.execute(_CLEAR, (cid, form.value, slot.value, item_id))
    else:
        raw.execute(
            _UPSERT,
            (
                cid,
                form.value,
                slot.value,
                item_id,
                json.dumps(value, ensure_ascii=False),
                questionnaire_version,
                now,
            ),
        )
    raw.execute(_TOUCH, (now, cid))
    raw.execute(_REPLAN, (cid,))


def set_page(conn: Connection, reference: str, page: str) -> None:
    conn.execute(update(cases).where(cases.c.reference == reference).values(page=page))


def load_case(conn: Connection, reference: str) -> tuple[Case, str]:
    """The case with every saved answer, and the page to resume on."""
    row = conn.execute(
        select(cases.c.id, cases.c.body, cases.c.page).where(cases.c.reference == reference)
    ).first()
    if row is None:
        raise StoreError(f"There is no case {reference} on this device.")
    try:
        case = Case.model_validate_json(row.body)
    except ValueError as exc:  # pydantic's ValidationError
        raise StoreError(f"Case {reference} is saved in a form this app cannot read.") from exc
    grouped: dict[tuple[str, str], tuple[str, dict[str, AnswerValue]]] = {}
    for a in conn.execute(select(answers).where(answers.c.case_id == row.id)):
        version, values = grouped.setdefault((a.form, a.slot), (a.questionnaire_version, {}))
        values[a.item_id] = json.loads(a.value)
    update_parts: dict[str, object] = {}
    for (form, slot), (version, values) in grouped.items():
        existing = getattr(case, f"{form}_{slot}")
        if existing is None:
            model = Responses if form == Form.RSQ else Screening
            existing = model(questionnaire_version=version)
        update_parts[f"{form}_{slot}"] = existing.model_copy(update={"answers": values})
    if update_parts:
        try:
            case = Case.model_validate(case.model_copy(update=update_parts).model_dump())
        except ValueError as exc:
            raise StoreError(f"Case {reference} has answers this app cannot read.") from exc
    return case, str(row.page)


def summaries(
    conn: Connection, *, limit: int, offset: int = 0, status: CaseStatus | None = None
) -> list[CaseSummary]:
    query = select(
        cases.c.reference,
        cases.c.scheme_id,
        cases.c.status,
        cases.c.display_name,
        cases.c.page,
        cases.c.updated_at,
    )
    if status is not None:
        query = query.where(cases.c.status == status.value)
    query = query.order_by(cases.c.updated_at.desc()).limit(limit).offset(offset)
    return [summary(r) for r in conn.execute(query)]


def search(conn: Connection, text: str, *, limit: int) -> list[CaseSummary]:
    """Cases with a name word or reference starting with `text`, newest first.

    A range on the folded term uses the index; LIKE 'x%' would not.
    """
    prefix = fold(" ".join(text.split()))
    if not prefix:
        return []
    matching = (
        select(terms.c.case_id)
        .where(terms.c.term >= prefix, terms.c.term < prefix + "\uffff")
        .distinct()
    )
    query = (
        select(
            cases.c.reference,
            cases.c.scheme_id,
            cases.c.status,
            cases.c.display_name,
            cases.c.page,
            cases.c.updated_at,
        )
        .where(cases.c.id.in_(matching))
        .order_by(cases.c.updated_at.desc())
        .limit(limit)
    )
    return [summary(r) for r in conn.execute(query)]


def summary(r: Any) -> CaseSummary:
    return CaseSummary(
        r.reference,
        r.scheme_id,
        CaseStatus(r.status),
        r.display_name,
        r.page,
        r.updated_at,
    )


def move(
    conn: Connection,
    reference: str,
    to: CaseStatus,
    by: str,
    comment: str,
    *,
    sent_at: datetime | None = None,
) -> CaseStatus:
    """Move a case on; `sent_at`, when it was sent (recorded later: now if not given)."""
    row = conn.execute(
        select(cases.c.id, cases.c.status).where(cases.c.reference == reference)
    ).first()
    if row is None:
        raise StoreError(f"There is no case {reference} on this device.")
    current = CaseStatus(row.status)
    if not current.can_become(to):
        raise StoreError(f"Case {reference} is {current.value}; it cannot become {to.value}.")
    now = datetime.now(UTC)
    values: dict[str, object] = {"status": to.value, "updated_at": now}
    if to is CaseStatus.SENT:
        values["sent_at"] = sent_at or now
    conn.execute(update(cases).where(cases.c.id == row.id).values(**values))
    conn.execute(delete(plans).where(plans.c.case_id == row.id))
    conn.execute(
        insert(changes).values(
            case_id=row.id,
            from_status=current.value,
            to_status=to.value,
            by=by,
            comment=comment,
            at=now,
        )
    )
    return current


def history(conn: Connection, reference: str) -> list[dict[str, str]]:
    cid = case_id(conn, reference)
    return [
        {
            "from": r.from_status,
            "to": r.to_status,
            "by": r.by,
            "comment": r.comment,
            "at": r.at.isoformat(),
        }
        for r in conn.execute(
            select(changes).where(changes.c.case_id == cid).order_by(changes.c.id)
        )
    ]


def remove(conn: Connection, reference: str) -> None:
    cid = case_id(conn, reference)
    for table in (answers, terms, changes, versions, plans):
        conn.execute(delete(table).where(table.c.case_id == cid))
    conn.execute(delete(cases).where(cases.c.id == cid))


def sent_before(conn: Connection, cutoff: datetime) -> list[str]:
    """Cases finished before `cutoff`: sent, or approved by the team lead (who sends it)."""
    finished = or_(
        and_(cases.c.status == CaseStatus.SENT.value, cases.c.sent_at < cutoff),
        and_(cases.c.status == CaseStatus.APPROVED.value, cases.c.updated_at < cutoff),
    )
    return [r[0] for r in conn.execute(select(cases.c.reference).where(finished))]


def sent_dates(conn: Connection, reference: str | None = None) -> dict[str, datetime]:
    """Every case's reference (or only `reference`'s) and when it was sent (None for one
    not sent)."""
    query = select(cases.c.reference, cases.c.sent_at).order_by(cases.c.id)
    if reference is not None:
        query = query.where(cases.c.reference == reference)
    return {r.reference: r.sent_at for r in conn.execute(query)}

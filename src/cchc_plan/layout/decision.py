"""The decision that issues a plan, laid out as Mẫu 1.3 — *Quyết định (cá biệt) quy định gián tiếp*.

Header, ``QUYẾT ĐỊNH`` and its subject, the issuing authority in capitals, the
căn cứ lines in italics, ``QUYẾT ĐỊNH:``, the articles (``Điều 1.`` bold), then
*Nơi nhận* (``- Như Điều 3;`` first) beside the signer. The plan it issues follows
as an attachment (:attr:`~cchc_plan.layout.blocks.Document.attachments`).
"""

from __future__ import annotations

from .._text import lower_first
from ..model.plan import Authority, Decision, Plan, Signer
from ..vnformat import upper
from . import components
from .blocks import Align, Block, Document, Meta, Paragraph, Span, Title

__all__ = ["authority_line", "cited_decision", "layout_decision", "reference_line"]


def authority_line(decision: Decision, plan: Plan) -> str:
    """*Thẩm quyền ban hành*: ``ỦY BAN NHÂN DÂN XÃ LỘC BÌNH`` for a collective (TM.),
    ``CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LỘC BÌNH`` when the head decides (or a deputy for the head)."""
    if decision.authority is not None:
        return decision.authority
    signer = decision.signer or plan.signer
    agency = upper(plan.issuer.name)
    if signer.authority is Authority.TM:
        return agency
    head = signer.on_behalf_of if signer.authority in (Authority.KT, Authority.TL, Authority.TUQ) \
        else signer.position
    return f"{upper(head or signer.position)} {agency}"


def cited_decision(plan: Plan, *, electronic: bool = False) -> str:
    """How the plan cites the decision that issues it: ``Quyết định số 05/QĐ-UBND ngày 06 tháng 01 năm
    2023 của UBND xã Lộc Bình``; number, day and month blank in a draft or the electronic form."""
    decision = plan.issued_by
    assert decision is not None
    if electronic or decision.number.serial is None:
        year = decision.date.year if decision.date is not None else plan.year
        return components.blank_reference(decision.number, year, plan.issuer)
    return components.reference(decision.number, decision.date, plan.issuer)


def reference_line(plan: Plan, *, electronic: bool = False) -> str:
    """``(Ban hành kèm theo Quyết định số 05/QĐ-UBND ngày 06 tháng 01 năm 2023 của UBND xã Lộc Bình)``."""
    return f"(Ban hành kèm theo {cited_decision(plan, electronic=electronic)})"


def _joined(names: tuple[str, ...]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} và {names[-1]}"


def _article(number: int, text: str) -> Paragraph:
    return Paragraph(spans=(Span(text=f"Điều {number}.", bold=True), Span(text=f" {text}")))


def _grounds(decision: Decision) -> list[Block]:
    """The căn cứ lines, italic; the last ground (the proposal, or the last basis) ends with a full stop."""
    lines = [basis.text() for basis in decision.bases]
    if decision.proposal is not None:
        lines.append(decision.proposal)
    last = lines[-1].rstrip().rstrip(";.,")
    lines[-1] = f"{last}."
    return [Paragraph(spans=(Span(text=line, italic=True),)) for line in lines]


def layout_decision(plan: Plan, attachment: Document, *, electronic: bool = False) -> Document:
    """The decision that issues ``plan`` (Mẫu 1.3), with ``attachment`` (the plan) issued with it.

    With ``electronic``, the number and the day and month are left blank for the signing tool.
    """
    decision = plan.issued_by
    assert decision is not None
    signer: Signer = decision.signer or plan.signer
    subject = decision.subject_for(plan.subject)
    plan_name = lower_first(" ".join(plan.subject.split()))
    units = plan.unit_map()
    body: list[Block] = [
        Paragraph.of(authority_line(decision, plan), bold=True, align=Align.CENTER, indent=False),
        *_grounds(decision),
        Paragraph.of("QUYẾT ĐỊNH:", bold=True, align=Align.CENTER, indent=False),
        _article(1, f"Ban hành kèm theo Quyết định này Kế hoạch {plan_name}."),
        _article(2, decision.effect),
        _article(3, f"{_joined(decision.executor_names(units))} chịu trách nhiệm thi hành Quyết định này."),
    ]
    number = decision.number
    date = decision.date
    year = date.year if date is not None else plan.year
    if electronic:
        number, date = components.blank_number(number), None
    return Document(
        header=components.header(plan.issuer, number, date, year),
        title=Title(doc_type=upper(number.type.title), subject=tuple(subject.split("\n"))),
        body=tuple(body),
        end=components.end_block(
            ("Như Điều 3", *(plan.recipients if decision.recipients is None else decision.recipients)),
            plan.archive if decision.archive is None else decision.archive, signer),
        meta=Meta(title=f"Quyết định: {' '.join(subject.split())}", author=plan.issuer.short_name,
                  date=decision.date),
        attachments=(attachment,),
    )

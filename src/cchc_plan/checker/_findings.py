"""Findings — *điểm sai thể thức* — and the report that lists them."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ..docx.rules import CheckRule, NumericRule, Severity, check_rule, limit

__all__ = ["CheckReport", "Finding", "Findings", "Tally", "fmt_number", "range_text"]


@attrs.frozen(kw_only=True)
class Finding:
    """One departure from a rule — *một điểm sai thể thức*: where, what was found, what is required."""

    rule: str
    """The rule's id: ``ND30-DATE-PADDING``."""
    severity: Severity
    location: str
    """``đoạn 8 “Lộc Bình, ngày 16 tháng 03 năm 2023”``, ``phần 2``, ``đầu trang phần 1``."""
    found: str
    expected: str
    clause: str
    count: int = 1
    """How many places share this departure (one finding lists the first few)."""

    def as_dict(self) -> dict[str, object]:
        """The finding as JSON-ready data."""
        return {"rule": self.rule, "severity": self.severity.value, "location": self.location,
                "found": self.found, "expected": self.expected, "clause": self.clause,
                "count": self.count}


@attrs.frozen(kw_only=True)
class CheckReport:
    """The result of checking one .docx — *kết quả kiểm tra thể thức*."""

    file: str
    findings: tuple[Finding, ...]
    form: str | None = None
    """``paper`` (number and date filled), ``electronic`` (left blank for the signing tool), or ``None``."""
    documents: int = 1
    """How many documents the file holds (a decision and the plan it issues: 2)."""

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def rule_ids(self) -> set[str]:
        """The ids of the rules broken."""
        return {f.rule for f in self.findings}

    def as_dict(self) -> dict[str, object]:
        """``{"file", "findings", "errors", "warnings", "form", "documents"}`` for tools."""
        return {"file": self.file, "findings": [f.as_dict() for f in self.findings],
                "errors": self.errors, "warnings": self.warnings, "form": self.form,
                "documents": self.documents}


def fmt_number(value: float) -> str:
    """``13``, ``12,5`` (Vietnamese decimal comma)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def range_text(r: NumericRule) -> str:
    """``13–14 pt`` or ``12 pt``."""
    if r.low == r.high:
        return f"{fmt_number(r.low)} {r.unit}"
    return f"{fmt_number(r.low)}–{fmt_number(r.high)} {r.unit}"


class Findings:
    """Collects findings in document order."""

    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(self, rule_id: str, location: str, found: str, expected: str | None = None, *,
            count: int = 1) -> None:
        """Record a departure from ``rule_id`` (its requirement is the default expectation)."""
        r = check_rule(rule_id)
        self.items.append(Finding(rule=r.id, severity=r.severity, location=location, found=found,
                                  expected=expected if expected is not None else r.requirement,
                                  clause=r.clause, count=count))

    def size(self, rule_id: str, location: str, sizes: set[float]) -> bool:
        """A finding when any of ``sizes`` lies outside the rule's range; whether one was made."""
        r = check_rule(rule_id)
        bounds = limit(r.numeric) if r.numeric else None
        if bounds is None or not sizes:
            return False
        bad = sorted(s for s in sizes if not bounds.allows(s))
        if not bad:
            return False
        shown = ", ".join(f"{fmt_number(s)} pt" for s in sorted(sizes))
        self.add(rule_id, location, f"cỡ chữ {shown}", f"{bounds.what}: {range_text(bounds)}")
        return True

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.items)


class Tally:
    """Departures of one rule at many places, reported once with a count and the first few."""

    SHOWN = 3

    def __init__(self, rule_id: str, expected: str | None = None) -> None:
        self.rule: CheckRule = check_rule(rule_id)
        self.expected = expected
        self.places: list[tuple[str, str]] = []

    def add(self, where: str, found: str) -> None:
        self.places.append((where, found))

    def emit(self, findings: Findings, unit: str = "đoạn") -> None:
        """One finding for all places (nothing when there are none)."""
        if not self.places:
            return
        n = len(self.places)
        shown = self.places[:self.SHOWN]
        location = "; ".join(w for w, _ in shown)
        if n > self.SHOWN:
            location += f" và {n - self.SHOWN} {unit} khác"
        found = shown[0][1] if n == 1 else f"{shown[0][1]} (ở chỗ đầu tiên; tất cả {n} {unit})"
        findings.add(self.rule.id, location, found, self.expected, count=n)

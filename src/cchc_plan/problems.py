"""Problems found in a plan: what is wrong, where, and which rule it breaks.

Every check of the library reports a :class:`Problem`; the model raises
:class:`InvalidModel` with all of an object's problems at once, and the file
loader turns them into one :class:`InputError` that names the file and line.
Every error the library raises for a user's data derives from :class:`CchcPlanError`.

A problem's ``code`` is stable (a program may act on it); the list of codes and
their meaning is :data:`CODES`, documented in the Python API page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

__all__ = ["CODES", "GENERIC_CODE", "CchcPlanError", "InputError", "InvalidModel", "PathPart", "Problem",
           "join_path", "path_parts", "path_text"]

PathPart = str | int
"""A step of a field path: a field name or a list index."""

GENERIC_CODE = "value.invalid"
"""The code of a problem whose rule has no more precise code."""

CODES: dict[str, str] = {
    "value.invalid": "giá trị không hợp lệ (quy tắc chưa có mã riêng)",
    "field.required": "thiếu trường bắt buộc",
    "field.unknown": "trường không có trong mẫu",
    "field.duplicate": "trường bị khai báo hai lần",
    "type.text": "phải là văn bản",
    "type.number": "phải là một số",
    "type.integer": "phải là số nguyên",
    "type.bool": "phải là true hoặc false",
    "type.list": "phải là một danh sách",
    "type.mapping": "phải là một bảng các trường",
    "type.date": "phải là ngày dạng 06/01/2023",
    "enum.invalid": "giá trị không nằm trong danh sách được chọn",
    "text.empty": "văn bản để trống",
    "text.control": "văn bản có ký tự điều khiển hoặc xuống dòng không được phép",
    "text.caps": "dòng phải viết in hoa",
    "list.too_short": "danh sách thiếu mục",
    "number.range": "số nằm ngoài khoảng cho phép",
    "percent.range": "tỷ lệ phần trăm ngoài khoảng 0–100",
    "number.negative": "số không được âm",
    "date.impossible": "ngày không tồn tại (31/02)",
    "date.order": "ngày trước hoặc sau một ngày khác trái quy tắc",
    "date.outside_year": "ngày hoặc thời hạn nằm ngoài năm kế hoạch",
    "date.missing": "văn bản đã có số thì phải có ngày",
    "date.draft": "bản dự thảo (chưa có số thứ tự) để trống ngày ban hành",
    "deadline.unreadable": "không đọc được thời hạn",
    "number.doc_type": "loại văn bản hoặc chữ viết tắt không đúng Phụ lục III",
    "number.issuer": "ký hiệu không theo chữ viết tắt của cơ quan ban hành",
    "number.serial": "số văn bản không hợp lệ",
    "unit.undefined": "bộ phận chưa được khai báo trong units",
    "unit.duplicate": "mã bộ phận bị trùng",
    "key.duplicate": "mã lĩnh vực hoặc chỉ tiêu bị trùng",
    "key.undefined": "mã lĩnh vực hoặc chỉ tiêu chưa có",
    "key.invalid": "mã không đúng dạng",
    "appendix.duplicate_number": "số thứ tự nhiệm vụ trong phụ lục bị trùng",
    "two_tier.district": "nhắc đến cấp huyện sau 01/7/2025",
    "recipients.archive": "dòng Lưu ghi trong nơi nhận",
    "outline.part": "phần bố cục không dùng được ở đây",
    "file.unreadable": "không đọc được tệp hoặc dữ liệu (không có, rỗng, quá lớn, sai bảng mã, sai cú pháp)",
    "template.missing": "không tìm thấy tệp mẫu .docx",
    "template.not_docx": "tệp mẫu không phải văn bản Word .docx",
    "report.plan": "báo cáo thiếu hoặc trích dẫn sai kế hoạch",
    "target.sentence": "câu chỉ tiêu và số đo của nó nói khác nhau",
    "figures.mismatch": "các số liệu một cửa không khớp nhau (lỗi khi đơn vị tự ghi, cảnh báo khi lấy từ nguồn)",
    "decision.own_number": "kế hoạch ban hành kèm theo quyết định ghi số hoặc ngày riêng",
    "recipients.as_article": "dòng “Như Điều 3” ghi trong nơi nhận của quyết định",
    "metadata.too_long": "giá trị dài hơn độ dài tối đa của trường dữ liệu đặc tả văn bản đi (Phụ lục VI)",
}
"""Every problem code and what it means (Vietnamese); :attr:`Problem.code` is always one of these."""

_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def path_parts(path: str) -> tuple[PathPart, ...]:
    """The steps of a field path: ``"areas[1].title"`` → ``("areas", 1, "title")``."""
    return tuple(int(m.group(1)) if m.group(1) is not None else m.group(2) for m in _STEP.finditer(path))


def path_text(path: str | Sequence[PathPart]) -> str:
    """The string form of a path given as text or as steps: ``("areas", 1, "title")`` → ``"areas[1].title"``."""
    if isinstance(path, str):
        return path
    out = ""
    for step in path:
        out = f"{out}[{step}]" if isinstance(step, int) else join_path(out, step)
    return out


@attrs.frozen(kw_only=True)
class Problem:
    """One problem — *một lỗi*: the field path, the bad value and the rule it breaks."""

    path: str = attrs.field(converter=path_text)
    """Field path from the document root in its string form, e.g. ``areas[1].targets[3].measures[0].value``
    (a tuple of steps is accepted when building; :attr:`parts` gives it back as one)."""
    rule: str
    """The rule that is broken, in Vietnamese, for the office user (also :attr:`message`)."""
    value: object = attrs.field(default=None)
    """The offending value (``None`` when the value is missing)."""
    line: int | None = None
    """1-based line in the input file, where known."""
    code: str = GENERIC_CODE
    """Stable machine code of the rule (``unit.undefined``, ``date.impossible`` …), one of :data:`CODES`."""

    @property
    def parts(self) -> tuple[PathPart, ...]:
        """The path as a tuple of steps: ``("areas", 1, "targets", 3, "measures", 0, "value")``."""
        return path_parts(self.path)

    @property
    def message(self) -> str:
        """The Vietnamese message (the broken rule)."""
        return self.rule

    def at(self, prefix: str) -> Problem:
        """The same problem seen from a parent object whose field is ``prefix``."""
        return attrs.evolve(self, path=join_path(prefix, self.path))

    def as_dict(self) -> dict[str, object]:
        """The problem as JSON-ready data: ``code``, ``path``, ``parts``, ``value``, ``message``, ``line``.

        A number is a JSON number, any other value that JSON cannot hold its text.
        """
        value = self.value
        if isinstance(value, Decimal):
            shown: object = int(value) if value == value.to_integral_value() else float(value)
        elif value is None or isinstance(value, (str, int, float, bool)):
            shown = value
        else:
            shown = str(value)
        return {"code": self.code, "path": self.path, "parts": list(self.parts), "value": shown,
                "message": self.rule, "line": self.line}

    def describe(self) -> str:
        """One line: ``path = value: rule`` (the value shortened when long)."""
        where = self.path or "(tài liệu)"
        if self.value is None:
            return f"{where}: {self.rule}"
        if isinstance(self.value, str):
            shown = '"' + "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.value) + '"'
        elif isinstance(self.value, Decimal):
            shown = format(self.value, "f")
        elif isinstance(self.value, float):
            shown = f"{self.value:g}"
        else:
            shown = repr(self.value)
        if len(shown) > 80:
            shown = shown[:77] + "…"
        return f"{where} = {shown}: {self.rule}"


def join_path(prefix: str, path: str) -> str:
    """Join two field paths: ``join_path("areas[0]", "title") == "areas[0].title"``."""
    if not prefix:
        return path
    if not path:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


class CchcPlanError(Exception):
    """Base of every error the library raises for a user's data — *lỗi dữ liệu*.

    ``problems`` lists what is wrong (empty when the error is not about fields).
    """

    problems: tuple[Problem, ...] = ()


class InvalidModel(CchcPlanError, ValueError):
    """A value object was built with invalid fields; ``problems`` lists all of them.

    Paths in ``problems`` are relative to the object that raised.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.describe() for p in self.problems))


class InputError(CchcPlanError):
    """A user's input cannot be used; the message lists every problem found.

    ``source`` is the file (or ``"<dữ liệu>"`` for data passed in Python).
    """

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        found = list(problems)
        # In file order; problems without a line (cross-checks) keep their order at the end.
        found.sort(key=lambda p: p.line if p.line is not None else float("inf"))
        self.problems: tuple[Problem, ...] = tuple(found)
        super().__init__(self.format())

    def format(self) -> str:
        """The report shown to the user: a heading line, then one line per problem."""
        count = len(self.problems)
        lines = [f"{self.source}: có {count} lỗi, chưa thể dùng tệp này." if count > 1
                 else f"{self.source}: có 1 lỗi, chưa thể dùng tệp này."]
        for p in self.problems:
            where = f"{self.source}:{p.line}" if p.line else self.source
            lines.append(f"  - {where}: {p.describe()}")
        return "\n".join(lines)

"""Word files made the way offices make them, from the seed plan's text, and how well they import.

:func:`office_docx` types the Lộc Bình plan (``examples/loc-binh-2023/ke-hoach.yaml``,
the seed's words) as an office would in Word: the header as a three-row table,
headings and "- " items from Word's automatic numbering (``numbering.xml``), the
subject over a manual line break, runs split in the middle of words, a tab, a
non-breaking space, a soft hyphen, a bookmark, a hyperlink, a smart tag, a field (instruction and result),
one tracked insertion and one tracked deletion, a content control, a reviewer's comment, text
in decomposed (NFD) letters, the end block as tab-aligned
paragraphs, and an appendix table in its own column order with a row of column
numbers, a header row repeated further down, group rows across the table, the
item cells merged down their outputs (``vMerge``) and a budget merged over
consecutive items. :func:`resaved` passes a file through LibreOffice.

:func:`clauses` lists a plan's clauses by field; :func:`score` says how many of the
seed's land in the same field of an imported plan. ``python tests/office_fixtures.py``
prints the numbers.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_NUMBERING = f"""<w:numbering {nsdecls('w')}>
<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="multilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="11"><w:multiLevelType w:val="singleLevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="12"><w:multiLevelType w:val="singleLevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="12"/></w:num>
</w:numbering>"""
HEADINGS, BULLET, DUTIES = "1", "2", "3"


class _Office:
    """A Word document typed by hand, paragraph by paragraph."""

    def __init__(self) -> None:
        self.doc = Document()
        style = self.doc.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(14)
        numbering = self.doc.part.numbering_part.element
        for child in list(numbering):
            numbering.remove(child)
        for child in parse_xml(_NUMBERING):
            numbering.append(child)
        self.body = self.doc.element.body
        self.split = 0

    def para(self, text: str = "", *, bold: bool = False, italic: bool = False, center: bool = False,
             num: tuple[str, int] | None = None, container: Any = None, split: bool = True) -> Any:
        p = (container or self.doc).add_paragraph()
        if center:
            p.alignment = 1
        if num is not None:
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{num[1]}"/>'
                                 f'<w:numId w:val="{num[0]}"/></w:numPr>'))
        if text:
            self.runs(p, text, bold=bold, italic=italic, split=split)
        return p

    def runs(self, p: Any, text: str, *, bold: bool = False, italic: bool = False, split: bool = True) -> None:
        """The text in two or three runs, cut inside words (as spell-check and revision ids leave it)."""
        pieces = [text]
        if split and len(text) > 12:
            self.split += 1
            a = len(text) // 3 + self.split % 5
            b = 2 * len(text) // 3 + 1
            pieces = [text[:a], text[a:b], text[b:]]
        for piece in pieces:
            if "\n" in piece:
                first, *rest = piece.split("\n")
                run = p.add_run(first)
                run.bold, run.italic = bold or None, italic or None
                for line in rest:
                    run.add_break()
                    run = p.add_run(line)
                    run.bold, run.italic = bold or None, italic or None
                continue
            run = p.add_run(piece)
            run.bold, run.italic = bold or None, italic or None


def _citation_paragraph(office: _Office, text: str) -> None:
    """The opening's basis with a tab, a soft hyphen, a non-breaking space, a bookmark, a hyperlink,
    a smart tag, a field and one tracked insertion and deletion."""
    p = office.doc.add_paragraph()
    w = nsdecls("w")
    number = "3134/QĐ-UBND"
    head, tail = text.split(number, 1)
    lead, rest_head = head.split(" ", 1)
    p._p.append(parse_xml(f'<w:r {w}><w:tab/></w:r>'))
    p._p.append(parse_xml(f'<w:bookmarkStart {w} w:id="0" w:name="can_cu"/>'))
    p._p.append(parse_xml(f'<w:r {w}><w:t>Thực hi</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {w}><w:t xml:space="preserve">ện </w:t></w:r>'))
    p._p.append(parse_xml(f'<w:bookmarkEnd {w} w:id="0"/>'))
    assert lead == "Thực"
    rest = rest_head.split(" ", 1)[1]  # after "hiện"
    kind, so = rest.rsplit(" ", 2)[0], "số"
    p._p.append(parse_xml(f'<w:smartTag {w} w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="x">'
                          f'<w:r><w:t xml:space="preserve">{kind} </w:t></w:r></w:smartTag>'))
    p._p.append(parse_xml(f'<w:r {w}><w:t xml:space="preserve">{so}\u00a0</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:hyperlink {w} w:anchor="can_cu"><w:r><w:t>{number}</w:t></w:r></w:hyperlink>'))
    date, after = tail.split(" của ", 1)
    for xml in ('<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> DOCPROPERTY ngay '
                '</w:instrText>', '<w:fldChar w:fldCharType="separate"/>',
                f'<w:t xml:space="preserve">{date} </w:t>', '<w:fldChar w:fldCharType="end"/>'):
        p._p.append(parse_xml(f'<w:r {w}>{xml}</w:r>'))  # a field: its instruction hidden, its result shown
    p._p.append(parse_xml(f'<w:del {w} w:id="1" w:author="Văn thư" w:date="2023-01-05T08:00:00Z"><w:r>'
                          f'<w:delText xml:space="preserve">cửa </w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="Văn thư" w:date="2023-01-05T08:00:00Z"><w:r>'
                          f'<w:t xml:space="preserve">của </w:t></w:r></w:ins>'))
    soft = after.replace("phê duyệt", "phê du\u00adyệt", 1)
    office.runs(p, soft)


def _cell(office: _Office, tc: Any, lines: list[str], *, bold: bool = False, center: bool = False) -> None:
    for p in list(tc.p_lst):
        tc.remove(p)
    for line in lines or [""]:
        p = tc.add_p()
        from docx.text.paragraph import Paragraph

        para = Paragraph(p, None)
        if center:
            para.alignment = 1
        if line:
            office.runs(para, line, bold=bold)


def _row(table: Any, cells: list[tuple[list[str], int, str | None]], office: _Office, *, bold: bool = False,
         header: bool = False) -> None:
    w = nsdecls("w")
    tr = parse_xml(f'<w:tr {w}><w:trPr>{"<w:tblHeader/>" if header else ""}</w:trPr></w:tr>')
    table._tbl.append(tr)
    for lines, span, merge in cells:
        props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
            f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>" if merge == "continue" else "")
        tc = parse_xml(f'<w:tc {w}><w:tcPr>{props}</w:tcPr><w:p/></w:tc>')
        tr.append(tc)
        _cell(office, tc, [] if merge == "continue" else lines, bold=bold)


def _text_box(office: _Office, lines: list[tuple[str, bool]]) -> None:
    """A paragraph holding a text box (DrawingML, with its VML fallback) with ``lines`` in it."""
    w = (nsdecls("w", "wp", "a") + ' xmlns:v="urn:schemas-microsoft-com:vml"'
         + ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
         + ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
    inner = "".join(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}'
                    f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p>' for text, bold in lines)
    drawing = (f'<w:r {w}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" '
               'distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" '
               'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
               '<wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
               '</wp:posOffset></wp:positionV><wp:extent cx="2400000" cy="700000"/><wp:wrapNone/>'
               '<wp:docPr id="7" name="Khung 1"/><a:graphic><a:graphicData '
               'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr '
               'txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2400000" cy="700000"/></a:xfrm>'
               '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>'
               f'{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>'
               '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="width:189pt;'
               f'height:55pt"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>'
               '</mc:Fallback></mc:AlternateContent></w:r>')
    p = office.doc.add_paragraph()
    p._p.append(parse_xml(drawing))


def _header(office: _Office, plan: Any, shape: str) -> None:
    from cchc_plan.vnformat import long_date

    date_line = f"{plan.issuer.place}, {long_date(plan.date)}" if plan.date else ""
    agency = list(plan.issuer.header_lines)
    if shape == "table":  # a borderless table of three rows
        header = office.doc.add_table(rows=0, cols=2)
        _row(header, [([agency[0]], 1, None), (["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], 1, None)], office,
             bold=True)
        _row(header, [([agency[1]], 1, None), (["Độc lập - Tự do - Hạnh phúc"], 1, None)], office, bold=True)
        _row(header, [([f"Số: {plan.number}"], 1, None), ([date_line], 1, None)], office)
    elif shape == "tabs":  # paragraphs aligned with tabs
        for left, right, bold in ((agency[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
                                  (agency[1], "Độc lập - Tự do - Hạnh phúc", True),
                                  (f"Số: {plan.number}", date_line, False)):
            p = office.doc.add_paragraph()
            office.runs(p, left, bold=bold, split=False)
            p.add_run("\t\t")
            office.runs(p, right, bold=bold, italic=not bold, split=False)
    else:  # two text boxes side by side, then the number and date line
        _text_box(office, [(agency[0], True), (agency[1], True)])
        _text_box(office, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True)])
        p = office.doc.add_paragraph()
        office.runs(p, f"Số: {plan.number}", split=False)
        p.add_run("\t\t\t")
        office.runs(p, date_line, italic=True, split=False)


def office_docx(target: Path, *, header: str = "table") -> Path:
    """The seed plan typed as an office would, written to ``target``.

    ``header`` is how the header is laid out: ``table`` (three rows), ``tabs`` (paragraphs
    aligned with tabs) or ``boxes`` (text boxes).
    """
    from cchc_plan import load_plan
    from cchc_plan.vnformat import long_date

    plan = load_plan(SEED)
    office = _Office()
    doc = office.doc
    units = plan.unit_map()
    _header(office, plan, header)
    office.para("KẾ HOẠCH", bold=True, center=True)
    office.para(plan.subject, bold=True, center=True)
    # the opening
    bases = plan.opening.paragraphs()
    _citation_paragraph(office, bases[0])
    for text in bases[1:]:  # the closing sentence inside a content control (w:sdt), as templates leave it
        p = office.para(text)
        sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Câu kết"/></w:sdtPr><w:sdtContent/></w:sdt>')
        p._p.addprevious(sdt)
        sdt[1].append(p._p)
    # the outline: headings and items by Word's numbering
    office.para(plan.headings.purpose, bold=True, num=(HEADINGS, 0))
    office.para(plan.headings.objectives, bold=True, num=(HEADINGS, 1))
    for i, text in enumerate(plan.objectives):
        # the second objective pasted from a web page: decomposed (NFD) letters
        p = office.para(unicodedata.normalize("NFD", text) if i == 1 else text, num=(BULLET, 0))
        if i == 0 and hasattr(doc, "add_comment"):  # a reviewer's comment on the first one (python-docx ≥ 1.2)
            doc.add_comment(p.runs, text="Xem lại câu này", author="Văn phòng", initials="VP")
    office.para(plan.headings.requirements, bold=True, num=(HEADINGS, 1))
    for text in plan.requirements:
        office.para(text, num=(BULLET, 0))
    office.para(plan.headings.tasks, bold=True, num=(HEADINGS, 0))
    for area in plan.areas:
        office.para(area.title, bold=True, num=(HEADINGS, 1))
        if area.targets:
            office.para(plan.headings.targets, italic=True, num=(HEADINGS, 2))
            for goal in area.targets:
                office.para(goal.text, num=(BULLET, 0))
        office.para(plan.headings.area_tasks, italic=True, num=(HEADINGS, 2))
        for task in area.tasks:
            office.para(task, num=(BULLET, 0))
    if plan.tasks_note:
        office.para(plan.tasks_note, italic=True)
    office.para(plan.headings.implementation, bold=True, num=(HEADINGS, 0))
    impl = plan.implementation
    if impl.general:
        office.para(impl.general, num=(DUTIES, 0))
        for item in impl.general_items:
            office.para(item, num=(BULLET, 0))
    for duty in impl.duties:
        p = office.para(num=(DUTIES, 0))
        office.runs(p, duty.label or f"{units[duty.unit].name}:", bold=True, split=False)
        if duty.text:
            office.runs(p, " " + duty.text)
        for item in duty.items:
            office.para(item, num=(BULLET, 0))
    if impl.closing:
        office.para(impl.closing)
    # the end block: tab-aligned paragraphs
    right = [*plan.signer.lines, "", "", "", plan.signer.name]
    left = ["Nơi nhận:", *(f"- {r};" for r in plan.recipients), f"- Lưu: {plan.archive}."]
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        p = doc.add_paragraph()
        if a:
            office.runs(p, a, bold=i == 0, italic=i == 0, split=False)
        if b:
            p.add_run("\t\t")
            office.runs(p, b, bold=True, split=False)
    # the appendix: a landscape section, the table in the office's own column order
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    assert plan.appendix is not None
    office.para("PHỤ LỤC", bold=True, center=True)
    office.para(plan.appendix.title, bold=True, center=True)
    office.para(f"(Kèm theo Kế hoạch số {plan.number} ngày {long_date(plan.date)[5:]} của "
                f"{plan.issuer.short_name})", italic=True, center=True)
    table = doc.add_table(rows=0, cols=7)
    titles = ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm",
              "Thời hạn hoàn thành", "Kinh phí"]
    _row(table, [([t], 1, None) for t in titles], office, bold=True, header=True)
    _row(table, [([f"({i})"], 1, None) for i in range(1, 8)], office)
    previous_budget = None
    count = 0
    for g, group in enumerate(plan.appendix.groups, start=1):
        from cchc_plan.vnformat import roman

        _row(table, [([f"{roman(g)}. {group.title}"], 7, None)], office, bold=True)
        previous_budget = None
        labels = [i.budget.label() if i.budget else "" for i in group.items]
        for k, item in enumerate(group.items):
            shared_below = k + 1 < len(labels) and labels[k] and labels[k + 1] == labels[k]
            lead = item.lead.label(units)
            partners = item.partners.label(units) if item.partners else ""
            budget = item.budget.label() if item.budget else ""
            n = len(item.outputs)
            for o, output in enumerate(item.outputs):
                first = o == 0
                merge = None if n == 1 else "restart" if first else "continue"
                deadline = output.deadline.text if output.deadline else None
                budget_merge = merge
                if first and budget and budget == previous_budget:
                    budget_merge = "continue"
                elif first and shared_below:
                    budget_merge = "restart"
                elif not first and budget_merge is None:
                    budget_merge = "continue"
                if n > 1 and not first:
                    budget_merge = "continue"
                _row(table, [
                    ([str(item.number)], 1, merge), (item.content.split("\n"), 1, merge), ([lead], 1, merge),
                    ([partners] if partners else [], 1, merge), (output.text.split("\n"), 1, None),
                    ([deadline] if deadline else [], 1, None if deadline else "continue"),
                    ([budget] if budget else [], 1, budget_merge)], office)
            previous_budget = budget or None
            count += 1
            if count == 14:  # the header typed again where the next page starts
                _row(table, [([t], 1, None) for t in titles], office, bold=True)
    doc.save(str(target))
    return target


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def resaved(source: Path, target: Path, *, via: str | None = None) -> Path:
    """``source`` opened and saved again by LibreOffice as .docx (through ``via``, e.g. ``odt``, first)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="cchc-office-") as tmp:
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        current = source
        for fmt in ([via] if via else []) + ["docx"]:
            out = Path(tmp) / f"step-{fmt}"
            out.mkdir()
            subprocess.run([exe, profile, "--headless", "--convert-to", fmt, "--outdir", str(out), str(current)],
                           check=True, capture_output=True, timeout=240)
            current = next(out.iterdir())
        shutil.copyfile(current, target)
    return target


# --------------------------------------------------------------------------- measuring


def clauses(plan: Any) -> dict[str, str]:
    """Every clause of a plan by its field, as printed."""
    out: dict[str, str] = {}
    units = plan.unit_map()
    for b, basis in enumerate(plan.opening.bases):
        for d, doc in enumerate(basis.documents):
            out[f"opening.bases[{b}].documents[{d}]"] = doc.text()
    out["opening.closing"] = plan.opening.closing
    for name in ("objectives", "requirements"):
        for i, text in enumerate(getattr(plan, name)):
            out[f"{name}[{i}]"] = text
    for a, area in enumerate(plan.areas):
        out[f"areas[{a}].title"] = area.title
        out[f"areas[{a}].kind"] = area.kind.value
        for t, target in enumerate(area.targets):
            out[f"areas[{a}].targets[{t}]"] = target.text
        for t, task in enumerate(area.tasks):
            out[f"areas[{a}].tasks[{t}]"] = task
    out["tasks_note"] = plan.tasks_note or ""
    impl = plan.implementation
    out["implementation.general"] = impl.general or ""
    for i, text in enumerate(impl.general_items):
        out[f"implementation.general_items[{i}]"] = text
    for d, duty in enumerate(impl.duties):
        out[f"implementation.duties[{d}].label"] = (duty.label or f"{units[duty.unit].name}:").rstrip(":")
        out[f"implementation.duties[{d}].text"] = duty.text or ""
        for i, text in enumerate(duty.items):
            out[f"implementation.duties[{d}].items[{i}]"] = text
    out["implementation.closing"] = impl.closing or ""
    for i, text in enumerate(plan.recipients):
        out[f"recipients[{i}]"] = text
    out["archive"] = plan.archive
    out["signer"] = " / ".join((*plan.signer.lines, plan.signer.name))
    if plan.appendix is not None:
        for g, group in enumerate(plan.appendix.groups):
            out[f"appendix.groups[{g}].title"] = group.title
            for item in group.items:
                where = f"appendix.item[{item.number}]"
                out[f"{where}.content"] = item.content
                out[f"{where}.lead"] = item.lead.label(units)
                out[f"{where}.partners"] = item.partners.label(units) if item.partners else ""
                out[f"{where}.budget"] = item.budget.label() if item.budget else ""
                for o, (output, deadline) in enumerate(zip(item.outputs, item.deadlines(), strict=True)):
                    out[f"{where}.outputs[{o}]"] = output.text
                    out[f"{where}.outputs[{o}].deadline"] = deadline.text
    for key in ("number", "date", "year", "subject"):
        out[key] = str(getattr(plan, key))
    out["issuer.name"] = plan.issuer.name
    out["issuer.short_name"] = plan.issuer.short_name
    return out


def score(seed: Any, imported: Any) -> tuple[float, list[str]]:
    """The share of the seed's clauses found in the same field of ``imported``, and the misses."""
    want, got = clauses(seed), clauses(imported)
    missed = [k for k, v in want.items() if got.get(k) != v]
    return (len(want) - len(missed)) / len(want), missed


def main() -> int:
    from cchc_plan import load_plan
    from cchc_plan.io.importer import import_docx

    seed = load_plan(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        base = office_docx(Path(tmp) / "ke-hoach-van-phong.docx")
        files = {"Word (typed)": base}
        if soffice():
            files["LibreOffice re-save"] = resaved(base, Path(tmp) / "resaved.docx")
            files["docx → odt → docx"] = resaved(base, Path(tmp) / "via-odt.docx", via="odt")
        for name, path in files.items():
            imported = import_docx(path)
            share, missed = score(seed, imported.document)
            items = imported.document.appendix.items if imported.document.appendix else ()
            print(f"{name}: {share:.1%} of {len(clauses(seed))} clauses in the right field; "
                  f"{len(imported.document.areas)} areas; {len(items)} appendix items, "
                  f"{sum(len(i.outputs) for i in items)} outputs; review list {len(imported.review)}")
            for k in missed:
                print(f"    missed {k}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())

"""The template's parts made to follow ND30, with lxml: only for a user's template or a changed body size.

The bundled template is stored already normalised for the default profile (a test
keeps the two in step), so the usual render never loads an XML library; a user's
template, or a profile with another body size, has its styles rewritten here: all four
font slots and the language in the document defaults and in the Normal style, no theme
fonts, the Normal style's size, and no spacing around its paragraphs.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

__all__ = ["normalised_styles", "reserialized", "section_text", "serialized"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML = "http://www.w3.org/XML/1998/namespace"

# Schema order (ECMA-376 Part 1, §17.3.1.26, §17.3.2.28, §17.7.4.17): a child is put before the first
# of its successors that is there.
_RPR = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
        "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
        "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
        "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
_PPR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
        "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
        "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
        "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
        "sectPr", "pPrChange")
_STYLE = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
          "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
          "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr")
_THEME_ATTRIBUTES = tuple(f"{{{_W}}}{a}" for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_NS_DECLARATION = re.compile(r'\s+xmlns(?::[\w.-]+)?="[^"]*"')


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _insert(parent: Any, element: Any, order: tuple[str, ...]) -> Any:
    """Put ``element`` in ``parent`` before the first child that comes after it in ``order``."""
    rank = order.index(_local(element))
    for child in parent:
        name = _local(child)
        if name in order and order.index(name) > rank:
            child.addprevious(element)
            return element
    parent.append(element)
    return element


def _get_or_add(parent: Any, name: str, order: tuple[str, ...]) -> Any:
    found = parent.find(_w(name))
    return found if found is not None else _insert(parent, etree.Element(_w(name)), order)


def _replace(parent: Any, name: str, attributes: dict[str, str], order: tuple[str, ...]) -> None:
    for old in parent.findall(_w(name)):
        parent.remove(old)
    element = etree.Element(_w(name))
    for key, value in attributes.items():
        element.set(_w(key), value)
    _insert(parent, element, order)


def _set_fonts(rpr: Any, font: str, lang: str) -> None:
    _replace(rpr, "rFonts", dict.fromkeys(_SLOTS, font), _RPR)
    _replace(rpr, "lang", {"val": lang, "eastAsia": lang, "bidi": lang}, _RPR)


def normalised_styles(styles: bytes, *, font: str, lang: str, body_pt: float) -> bytes:
    """``styles`` (a styles part) with ``font`` and ``lang`` everywhere and the Normal style at ``body_pt``.

    Raises ``KeyError`` when the part has no paragraph style named Normal.
    """
    root = etree.fromstring(styles, etree.XMLParser(remove_blank_text=True, resolve_entities=False))
    for fonts in root.iter(_w("rFonts")):  # theme fonts win over explicit names: none left
        if any(fonts.get(a) is not None for a in _THEME_ATTRIBUTES):
            for a in _THEME_ATTRIBUTES:
                fonts.attrib.pop(a, None)
            for slot in _SLOTS:
                fonts.set(_w(slot), font)
    defaults = root.find(_w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(_w("docDefaults"))
        root.insert(0, defaults)
    rpr_default = defaults.find(_w("rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(_w("rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, _w("rPr"))
    _set_fonts(rpr, font, lang)
    normal = next((s for s in root.findall(_w("style"))
                   if (name := s.find(_w("name"))) is not None and name.get(_w("val")) == "Normal"), None)
    if normal is None:
        raise KeyError("no style with name 'Normal'")
    rpr = _get_or_add(normal, "rPr", _STYLE)
    _set_fonts(rpr, font, lang)
    _get_or_add(rpr, "sz", _RPR).set(_w("val"), str(int(round(int(body_pt * 12700) / 12700 * 2))))
    spacing = _get_or_add(_get_or_add(normal, "pPr", _STYLE), "spacing", _PPR)
    for key, value in (("before", "0"), ("after", "0"), ("line", "240"), ("lineRule", "auto")):
        spacing.set(_w(key), value)
    return serialized(root)


def serialized(root: Any) -> bytes:
    """An XML part's bytes, as the package stores it."""
    return bytes(etree.tostring(root, encoding="UTF-8", standalone=True))


def reserialized(blob: bytes) -> bytes:
    """A part's bytes parsed and written again (blank text dropped), as the package stores them."""
    return serialized(etree.fromstring(blob, etree.XMLParser(remove_blank_text=True, resolve_entities=False)))


def section_text(section: bytes) -> str:
    """A template's ``w:sectPr`` as the text the writer edits: its WordprocessingML written with the ``w:`` prefix.

    A template may name the namespace with another prefix, or as the default namespace;
    the writer's document declares only its own prefixes, so elements and attributes of
    other namespaces (which Word's page setup never needs) are left out. Raises
    ``ValueError`` when ``section`` is not a ``w:sectPr``.
    """
    root = etree.fromstring(section, etree.XMLParser(resolve_entities=False))
    if root.tag != _w("sectPr"):
        raise ValueError("not a w:sectPr")
    return _w_text(root)


def _w_text(element: Any) -> str:
    from . import _xml

    head = [f"<w:{_local(element)}"]
    for key, value in element.attrib.items():
        namespace, _, name = key[1:].partition("}")
        if key.startswith("{") and namespace in (_W, _XML):
            head.append(f' {"w" if namespace == _W else "xml"}:{name}="{_xml.attr(value)}"')
    inner = [_xml.text(element.text or "")]
    for child in element:
        if isinstance(child.tag, str) and child.tag.startswith(f"{{{_W}}}"):
            inner.append(_w_text(child))
        inner.append(_xml.text(child.tail or ""))
    content = "".join(inner)
    return f"{''.join(head)}>{content}</w:{_local(element)}>" if content else f"{''.join(head)}/>"

"""The short forms of an outline in YAML/JSON, and back.

A node of an outline is written as a person would write it:

- ``objectives`` — a typed part (:class:`~cchc_plan.model.outline.Part`) placed here;
- ``{targets: thu-tuc}``, ``{area: thu-tuc}``, ``{duties: {style: number, start: 2}}`` — a part with
  its options;
- ``{section: MỤC ĐÍCH, YÊU CẦU, body: [...]}`` (``label:`` to fix the label);
- ``{text: …}``, ``{item: …}`` ("- "), ``{sub: …}`` ("+ "), ``{numbered: …}``, ``{lettered: …}``.

A numbering level is a scheme name (``roman``, ``decimal`` …) or ``{scheme:, bold:, italic:, caps:}``;
an outline may be a preset's name alone.
"""

from __future__ import annotations

from typing import Any

import attrs
import cattrs

from ..model.outline import Include, LevelStyle, ListStyle, Node, Outline, Part, Scheme, Section, Text

__all__ = ["register"]

_TEXT_KEYS = {"text": ListStyle.PARAGRAPH, "item": ListStyle.DASH, "sub": ListStyle.PLUS,
              "numbered": ListStyle.NUMBER, "lettered": ListStyle.LETTER}
_STYLE_KEYS = {v: k for k, v in _TEXT_KEYS.items()}
_PARTS = {p.value: p for p in Part}
_FORMS = ('một phần có sẵn (ví dụ "objectives", {targets: thu-tuc}), {section: …, body: […]}, '
          "hoặc nội dung {text: …} / {item: …} / {sub: …} / {numbered: …} / {lettered: …}")
_LEVEL_DEFAULTS = {
    Scheme.ROMAN: {"caps": True}, Scheme.LETTER: {"bold": False, "italic": True},
    Scheme.DASH: {"bold": False, "italic": True}, Scheme.PLUS: {"bold": False, "italic": True},
}


def register(c: cattrs.Converter, bad: type[Exception], kind: Any, generated: Any) -> None:
    """Add the outline's structure and unstructure hooks to ``c``.

    ``bad(value, rule)`` reports a misfit, ``kind(value)`` names a value's type, and
    ``generated(cl)`` makes the converter's own hook of an attrs class.
    """
    # The classes' own hooks, made once the short forms are registered (they nest).
    hooks: dict[type, Any] = {}

    def full(cl: type) -> Any:
        if cl not in hooks:
            hooks[cl] = generated(cl)
        return hooks[cl]

    def section_hook(value: object, cl: type) -> Any:
        return full(Section)(value, cl)

    def text_hook(value: object, cl: type) -> Any:
        return full(Text)(value, cl)

    def include_hook(value: object, cl: type) -> Any:
        return full(Include)(value, cl)

    def level_hook(value: object, cl: type) -> Any:
        return full(LevelStyle)(value, cl)

    def outline_hook(value: object, cl: type) -> Any:
        return full(Outline)(value, cl)

    def node(value: object, _: Any) -> Node:
        if isinstance(value, str):
            part = _PARTS.get(value)
            if part is None:
                raise bad(value, f"không phải tên một phần có sẵn ({', '.join(_PARTS)}); "
                                 f"nội dung viết là {{text: …}} hoặc {{item: …}}")
            return Include(part=part)
        if not isinstance(value, dict):
            raise bad(value, f"mỗi mục của bố cục là {_FORMS}, không phải {kind(value)}")
        keys = set(value)
        if "section" in keys:
            data = {k: v for k, v in value.items() if k != "section"}
            return section_hook({"title": value["section"], **data}, Section)  # type: ignore[no-any-return]
        if "title" in keys:
            return section_hook(value, Section)  # type: ignore[no-any-return]
        text_keys = keys & set(_TEXT_KEYS)
        if len(text_keys) == 1 and not keys & {"style", "part"}:
            (key,) = text_keys
            data = {k: v for k, v in value.items() if k != key}
            style = _TEXT_KEYS[key]
            return text_hook({"text": value[key], "style": style.value, **data}, Text)  # type: ignore[no-any-return]
        if "text" in keys:
            return text_hook(value, Text)  # type: ignore[no-any-return]
        if "part" in keys:
            return include_hook(value, Include)  # type: ignore[no-any-return]
        part_keys = [k for k in value if k in _PARTS]
        if len(part_keys) == 1 and len(value) == 1:
            (key,) = part_keys
            options = value[key]
            if options is None:
                return Include(part=_PARTS[key])
            if isinstance(options, str):
                return include_hook({"part": key, "key": options}, Include)  # type: ignore[no-any-return]
            if isinstance(options, dict):
                return include_hook({"part": key, **options}, Include)  # type: ignore[no-any-return]
            raise bad(options, f'các tùy chọn của "{key}" là mã lĩnh vực hoặc một bảng (key, style, only, start)')
        raise bad(value, f"mỗi mục của bố cục là {_FORMS}")

    def level(value: object, _: Any) -> LevelStyle:
        if isinstance(value, str):
            try:
                scheme = Scheme(value)
            except ValueError:
                raise bad(value, "cách đánh số là một trong: " + ", ".join(s.value for s in Scheme)) from None
            return LevelStyle(scheme=scheme, **_LEVEL_DEFAULTS.get(scheme, {}))
        if isinstance(value, dict) and isinstance(value.get("scheme"), str):
            try:
                defaults = _LEVEL_DEFAULTS.get(Scheme(value["scheme"]), {})
            except ValueError:
                defaults = {}
            return level_hook({**defaults, **value}, LevelStyle)  # type: ignore[no-any-return]
        return level_hook(value, LevelStyle)  # type: ignore[no-any-return]

    def outline(value: object, _: Any) -> Outline:
        if isinstance(value, str):
            return Outline(preset=value)
        return outline_hook(value, Outline)  # type: ignore[no-any-return]

    c.register_structure_hook_func(lambda t: t == Node, node)
    c.register_structure_hook(LevelStyle, level)
    c.register_structure_hook(Outline, outline)

    # ------------------------------------------------------------------ back to plain data

    def un_node(n: Node) -> Any:
        if isinstance(n, Section):
            out: dict[str, Any] = {"section": n.title}
            if n.label is not None:
                out["label"] = n.label
            if n.body:
                out["body"] = [un_node(b) for b in n.body]
            return out
        if isinstance(n, Text):
            out = {_STYLE_KEYS[n.style]: n.text}
            if n.label is not None:
                out["label"] = n.label
            return out
        options = {f.name: getattr(n, f.name) for f in attrs.fields(Include)
                   if f.name != "part" and getattr(n, f.name) != f.default}
        if not options:
            return n.part.value
        if set(options) == {"key"}:
            return {n.part.value: n.key}
        return {n.part.value: c.unstructure({k: (list(v) if isinstance(v, tuple) else v)
                                            for k, v in options.items()})}

    def un_level(s: LevelStyle) -> Any:
        defaults = {"bold": True, "italic": False, "caps": False, **_LEVEL_DEFAULTS.get(s.scheme, {})}
        if all(getattr(s, k) == v for k, v in defaults.items()):
            return s.scheme.value
        return {"scheme": s.scheme.value, "bold": s.bold, "italic": s.italic, "caps": s.caps}

    outline_un = c.get_unstructure_hook(Outline)

    def un_outline(o: Outline) -> Any:
        if o.preset is not None and o == Outline(preset=o.preset):
            return o.preset
        data = outline_un(o)
        if o.numbering is not None:
            data["numbering"] = [un_level(s) for s in o.numbering]
        for name in ("body", "area_body"):
            if getattr(o, name):
                data[name] = [un_node(n) for n in getattr(o, name)]
        return data

    c.register_unstructure_hook(Section, un_node)
    c.register_unstructure_hook(Text, un_node)
    c.register_unstructure_hook(Include, un_node)
    c.register_unstructure_hook(LevelStyle, un_level)
    c.register_unstructure_hook(Outline, un_outline)

"""The summary's charts — *biểu đồ* — as PNG images, drawn with matplotlib (Agg, no display).

The font is DejaVu Sans, which ships with matplotlib and has every Vietnamese
letter with its diacritics. A chart is drawn on its own ``Figure`` (no pyplot
state), and the PNG carries no timestamp or version, so the same summary
gives the same bytes.
"""

from __future__ import annotations

import io
from decimal import Decimal

from ..model.summary import Summary
from ..vnformat import count, number

__all__ = ["FONT", "MAX_BARS", "channel_chart", "on_time_chart"]

FONT = "DejaVu Sans"
MAX_BARS = 40
"""Up to this many units a chart has one bar per unit; beyond, it shows their distribution."""
_DPI = 150
_BLUE, _GREEN, _ORANGE, _GREY = "#2F5597", "#548235", "#C55A11", "#7F7F7F"


def _png(figure: object) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)  # type: ignore[arg-type]
    out = io.BytesIO()
    canvas.print_png(out, metadata={"Software": None})  # type: ignore[no-untyped-call]
    return out.getvalue()


def _figure(width_in: float, height_in: float) -> object:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    return Figure(figsize=(width_in, height_in), dpi=_DPI, layout="constrained")


def _rc() -> object:
    import matplotlib

    return matplotlib.rc_context({"font.family": FONT, "font.size": 9, "axes.titlesize": 11,
                                  "svg.hashsalt": "cchc", "axes.spines.top": False,
                                  "axes.spines.right": False})


def _grouped(axes: object, axis: str) -> None:
    """Tick labels with the Vietnamese thousands dot: ``40.000``."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda v, _: number(int(v)) if float(v).is_integer() else f"{v:g}".replace(".", ","))
    getattr(axes, f"{axis}axis").set_major_formatter(formatter)


def _percent(value: float) -> str:
    return number(Decimal(str(round(value, 2))), 2) + "%"


def on_time_chart(summary: Summary) -> bytes:
    """The on-time rate of each unit (bars, lowest at the bottom), or their distribution past :data:`MAX_BARS`."""
    rated = [(u.name, float(u.on_time_rate)) for u in summary.units if u.on_time_rate is not None]
    with _rc():  # type: ignore[attr-defined]
        if len(rated) <= MAX_BARS:
            rated.sort(key=lambda x: x[1])
            figure = _figure(7.0, max(2.2, 0.28 * len(rated) + 1.2))
            axes = figure.add_subplot()  # type: ignore[attr-defined]
            names = [n for n, _ in rated]
            rates = [r for _, r in rated]
            bars = axes.barh(names, rates, color=_BLUE)
            low = min(rates, default=0.0)
            axes.set_xlim(max(0.0, min(90.0, low - 2)), 100.6)
            for bar, rate in zip(bars, rates, strict=True):
                axes.text(bar.get_width() + 0.05, bar.get_y() + bar.get_height() / 2, _percent(rate),
                          va="center", fontsize=7)
            axes.set_xlabel("Tỷ lệ hồ sơ giải quyết đúng hạn (%)")
        else:  # too many names to print: one bar per unit in rank order, the names in Phụ lục II
            rated.sort(key=lambda x: -x[1])
            figure = _figure(7.0, 3.8)
            axes = figure.add_subplot()  # type: ignore[attr-defined]
            rates = [r for _, r in rated]
            low = min(rates, default=0.0)
            bottom = max(0.0, min(90.0, low - 2))
            # One filled outline of unit-wide steps, not one rectangle per unit: at thousands of
            # units a bar is narrower than a pixel, and drawing each costs seconds.
            axes.stairs(rates, [i + 0.5 for i in range(len(rates) + 1)], baseline=bottom, fill=True,
                        color=_BLUE)
            axes.set_ylim(bottom, 100.4)
            axes.set_xlim(0, len(rates) + 1)
            _grouped(axes, "x")
            axes.set_xlabel(f"{number(len(rates))} đơn vị theo thứ hạng (tên đơn vị tại Phụ lục II)")
            axes.set_ylabel("Tỷ lệ đúng hạn (%)")
        total = summary.total.on_time_rate
        if total is not None:
            vertical = len(rated) > MAX_BARS
            line = axes.axhline if vertical else axes.axvline
            line(float(total), color=_GREY, linestyle="--", linewidth=1,
                 label=f"Chung các đơn vị: {_percent(float(total))}")
            axes.legend(loc="upper right" if vertical else "lower right", frameon=True, framealpha=0.9,
                        edgecolor="none")
        axes.set_title(f"Tỷ lệ giải quyết hồ sơ đúng hạn {summary.period.phrase}")
        return _png(figure)


def channel_chart(summary: Summary) -> bytes:
    """New dossiers by channel (online, in person, post): per unit, or in total past :data:`MAX_BARS`."""
    units = [u for u in summary.units if u.figures is not None]
    channels = ("Trực tuyến", "Trực tiếp", "Bưu chính công ích")
    colours = (_GREEN, _BLUE, _ORANGE)
    with _rc():  # type: ignore[attr-defined]
        if len(units) <= MAX_BARS:
            units.sort(key=lambda u: (u.figures.new or 0) if u.figures else 0)
            figure = _figure(7.0, max(2.2, 0.28 * len(units) + 1.4))
            axes = figure.add_subplot()  # type: ignore[attr-defined]
            names = [u.name for u in units]
            left = [0] * len(units)
            for label, colour, attr in zip(channels, colours, ("online", "in_person", "post"), strict=True):
                values = [getattr(u.figures, attr) or 0 for u in units]  # an absent count draws no bar
                axes.barh(names, values, left=left, color=colour, label=label)
                left = [a + b for a, b in zip(left, values, strict=True)]
            axes.set_xlabel("Số hồ sơ mới tiếp nhận")
            axes.legend(loc="lower right", frameon=False)
            _grouped(axes, "x")
        else:
            figure = _figure(7.0, 3.4)
            axes = figure.add_subplot()  # type: ignore[attr-defined]
            total = summary.total
            given = [total.online, total.in_person, total.post]
            values = [v or 0 for v in given]  # an absent count draws no bar and is labelled "—"
            bars = axes.bar(channels, values, color=colours)
            for bar, value in zip(bars, given, strict=True):
                axes.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), count(value),
                          ha="center", va="bottom", fontsize=8)
            axes.set_ylabel("Số hồ sơ mới tiếp nhận")
            _grouped(axes, "y")
        axes.set_title(f"Hồ sơ tiếp nhận theo hình thức {summary.period.phrase}")
        return _png(figure)

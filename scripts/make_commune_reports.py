"""Write ILLUSTRATIVE commune reports — *báo cáo minh họa của các xã* — for summaries and benchmarks.

Every commune and every figure here is made up (``random.Random(seed)``, so the
same files come out on every run): N communes named from common Vietnamese
place words, each reporting on the Lộc Bình plan's targets and tasks
(``examples/loc-binh-2023/ke-hoach.yaml``, shared through the report's
``issuer:``), with one-stop figures, the previous period's rates, some target
results and task progress. They are NOT reports of real communes.

    python scripts/make_commune_reports.py --count 100 --out /tmp/xa
    python scripts/make_commune_reports.py --count 3321 --out /tmp/xa --period q1

The reports refer to the plan by a path relative to ``--out`` (a copy of the
plan is written there as ``ke-hoach.yaml``).
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"

NOTICE = "Báo cáo minh họa: đơn vị và số liệu do scripts/make_commune_reports.py tạo ngẫu nhiên."

_FIRST = ("An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Phước", "Hưng", "Long", "Thuận", "Quảng", "Đông",
          "Tây", "Nam", "Bắc", "Trung", "Vĩnh", "Xuân", "Hải", "Sơn", "Thủy", "Lộc", "Minh", "Đức", "Nghĩa",
          "Thái", "Cẩm", "Mỹ", "Hồng", "Kim")
_SECOND = ("An", "Bình", "Hòa", "Phú", "Lợi", "Thành", "Thịnh", "Hưng", "Long", "Lạc", "Điền", "Giang",
           "Sơn", "Thủy", "Lâm", "Hải", "Mỹ", "Tiến", "Phong", "Quang", "Định", "Khánh", "Ninh", "Trạch",
           "Xá", "Vinh", "Tường", "Hiệp", "Tài", "Đông", "Tây", "Nam", "Bắc", "Trung", "Kiều", "Thượng")
_FIELDS = ("Chứng thực", "Hộ tịch", "Đất đai", "Lao động - Thương binh và Xã hội", "Tư pháp", "Xây dựng")
_PERIODS = {"q1": ("16/03/{y}", "quý I"), "half_year": ("16/06/{y}", "6 tháng"),
            "q3": ("16/09/{y}", "quý III"), "year": ("15/12/{y}", "năm")}


def commune_names(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct names (``Hòa Lợi``, ``Tân Thạnh 2`` …)."""
    pairs = [f"{a} {b}" for a in _FIRST for b in _SECOND if a != b]
    rng.shuffle(pairs)
    names = []
    for i in range(count):
        base = pairs[i % len(pairs)]
        names.append(base if i < len(pairs) else f"{base} {i // len(pairs) + 1}")
    return names


def _figures(rng: random.Random, scale: float) -> dict[str, Any]:
    fields = []
    for name in rng.sample(_FIELDS, rng.randint(3, len(_FIELDS))):
        new = max(5, int(rng.gauss(160, 70) * scale))
        online = int(new * rng.uniform(0.2, 0.7))
        post = int(new * rng.uniform(0, 0.03))
        in_person = new - online - post
        carried = rng.randint(0, max(1, new // 15))
        received = carried + new
        returned = rng.randint(0, max(0, received // 60))
        pending = rng.randint(0, max(0, received // 12))
        resolved = received - returned - pending
        late = 0 if rng.random() < 0.55 else rng.randint(1, max(1, resolved // 25))
        on_time = rng.randint(0, max(0, (resolved - late) // 5))
        early = resolved - late - on_time
        pending_overdue = 0 if rng.random() < 0.8 else rng.randint(0, pending)
        apologies = rng.randint(0, late + pending_overdue)
        fields.append({"field": name, "carried_over": carried, "online": online, "in_person": in_person,
                       "post": post, "early": early, "on_time": on_time, "late": late,
                       "pending_in_time": pending - pending_overdue, "pending_overdue": pending_overdue,
                       "returned": returned, "apologies": apologies})
    return {"source": "Số liệu minh họa", "fields": fields,
            "previous": {"on_time_rate": round(rng.uniform(96.5, 100), 2),
                         "online_share": round(rng.uniform(25, 60), 1)}}


def report(name: str, i: int, period: str, year: int, rng: random.Random) -> dict[str, Any]:
    """One illustrative report as plain data (the YAML format)."""
    date, _ = _PERIODS[period]
    scale = {"q1": 0.25, "half_year": 0.5, "q3": 0.25, "year": 1.0}[period]
    upper = name.upper()
    data: dict[str, Any] = {
        "plan": "ke-hoach.yaml",
        "issuer": {"name": f"Ủy ban nhân dân xã {name}", "short_name": f"UBND xã {name}", "code": "UBND",
                   "level": "commune", "place": name, "header": ["ỦY BAN NHÂN DÂN", f"XÃ {upper}"],
                   "province": "tỉnh Thừa Thiên Huế"},
        "number": f"{rng.randint(10, 120)}/BC-UBND",
        "date": date.format(y=year),
        "period": {"kind": period, "year": year},
        "data_note": "Số liệu minh họa",
        "targets": [
            {"target": "ho-so-dung-han", "measure": 1, "from_figures": "lowest_on_time_rate"},
            {"target": "dvc-truc-tuyen", "measure": 2, "from_figures": "online_share"},
            {"target": "hai-long-tthc", "measure": 1, "reached": round(rng.uniform(90, 100), 1)},
            {"target": "hai-long-tthc", "measure": 2, "reached": round(rng.uniform(85, 97), 1)},
            *([{"target": "tai-khoan-vbdt", "reached": rng.choice([100, 100, 95])}] if rng.random() < 0.7 else []),
            *([{"target": "vbqppl-ban-hanh", "reached": 100}] if rng.random() < 0.8 else []),
        ],
        "tasks": [{"item": item, "status": "done", "done_on": f"{rng.randint(2, 28):02d}/01/{year}"}
                  for item in (3, 5, 6, 12, 15, 22, 26) if rng.random() < 0.85]
                 + [{"item": item, "status": "in_progress"} for item in (19, 9) if rng.random() < 0.7],
        "one_stop": _figures(rng, scale),
        "recipients": ["UBND tỉnh", "Sở Nội vụ"],
        "archive": "VT",
        "signer": {"authority": "TM", "on_behalf_of": "ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH",
                   "name": f"Người Ký {i + 1}"},
    }
    return data


def write(count: int, out: Path, *, period: str = "year", year: int = 2023, seed: int = 2023) -> list[Path]:
    """Write ``count`` reports (``xa-0001.yaml`` …) and the shared plan into ``out``."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PLAN, out / "ke-hoach.yaml")
    written = []
    for i, name in enumerate(commune_names(count, rng)):
        path = out / f"xa-{i + 1:04d}.yaml"
        text = f"# {NOTICE}\n" + yaml.safe_dump(report(name, i, period, year, rng), allow_unicode=True,
                                               sort_keys=False, width=110)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--period", choices=sorted(_PERIODS), default="year")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    paths = write(args.count, args.out, period=args.period, seed=args.seed)
    print(f"{len(paths)} báo cáo minh họa trong {args.out}")


if __name__ == "__main__":
    main()

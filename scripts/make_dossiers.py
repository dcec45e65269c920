"""Write an ILLUSTRATIVE export of dossiers — *danh sách hồ sơ TTHC, số liệu minh họa*.

The file ``examples/loc-binh-2023/ho-so-2023.csv`` is made up: a plausible year
(15/12/2022 – 14/12/2023) of one-stop dossiers of a commune, NOT the real
figures of UBND xã Lộc Bình. It is written with ``random.Random(2023)``, so the
same file comes out byte for byte on every run. The columns are those of the
default mapping (``src/cchc_plan/data/mappings/default.yaml``); every row is
valid (no bad row), as an export of a well-kept system would be.

    python scripts/make_dossiers.py                      # the example file
    python scripts/make_dossiers.py --rows 1000000 --out /tmp/ho-so.csv   # for benchmarks

Rows are written as they are made (one day of dossiers at a time is never held
as a list), so a file of any size takes the same memory.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ho-so-2023.csv"

NOTICE = "Số liệu minh họa (không phải số liệu thật của UBND xã Lộc Bình)."

# The headers of the default mapping (src/cchc_plan/data/mappings/default.yaml).
HEADER = ("Mã hồ sơ", "Lĩnh vực", "Thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả",
          "Kênh nộp", "Trạng thái", "Thư xin lỗi")

START = dt.date(2022, 12, 15)
"""First day of the year's data window (reports count from 15/12 of the year before)."""
END = dt.date(2023, 12, 14)
"""Last day of the window; the export is taken that evening."""
EARLY_START = dt.date(2022, 12, 1)
"""Dossiers received from this day to START are in the file when still open at START."""

# Public holidays (and their compensating days) of 2022–2024.
HOLIDAYS = {
    dt.date(2023, 1, 2), *(dt.date(2023, 1, d) for d in range(20, 27)),
    dt.date(2023, 4, 29), dt.date(2023, 4, 30), dt.date(2023, 5, 1), dt.date(2023, 5, 2),
    dt.date(2023, 5, 3), *(dt.date(2023, 9, d) for d in range(1, 5)),
    dt.date(2024, 1, 1), *(dt.date(2024, 2, d) for d in range(8, 15)),
}

# Field, weight, online share, late rate, procedures (name, working days to resolve).
FIELDS: tuple[tuple[str, float, float, float, tuple[tuple[str, int], ...]], ...] = (
    ("Chứng thực", 34, 0.40, 0.002, (
        ("Chứng thực bản sao từ bản chính giấy tờ, văn bản", 0),
        ("Chứng thực chữ ký trong các giấy tờ, văn bản", 0),
        ("Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", 2),
        ("Chứng thực hợp đồng, giao dịch liên quan đến quyền sử dụng đất, nhà ở", 2),
    )),
    ("Hộ tịch", 26, 0.62, 0.006, (
        ("Đăng ký khai sinh", 1),
        ("Đăng ký khai tử", 1),
        ("Đăng ký kết hôn", 1),
        ("Cấp bản sao trích lục hộ tịch", 1),
        ("Cấp Giấy xác nhận tình trạng hôn nhân", 3),
        ("Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", 3),
        ("Đăng ký nhận cha, mẹ, con", 3),
    )),
    ("Lao động - Thương binh và Xã hội", 12, 0.55, 0.008, (
        ("Đăng ký hưởng trợ cấp xã hội hàng tháng", 7),
        ("Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", 5),
        ("Cấp giấy xác nhận khuyết tật", 5),
        ("Xác nhận hộ gia đình làm nông nghiệp có mức sống trung bình", 7),
    )),
    ("Đất đai", 9, 0.30, 0.04, (
        ("Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", 10),
        ("Xác nhận nguồn gốc, thời điểm sử dụng đất", 10),
        ("Hòa giải tranh chấp đất đai", 30),
    )),
    ("Nông nghiệp và Phát triển nông thôn", 4, 0.45, 0.01, (
        ("Xác nhận bảng kê lâm sản", 3),
        ("Hỗ trợ khôi phục sản xuất vùng bị ảnh hưởng do thiên tai", 10),
    )),
    ("Tư pháp", 3, 0.50, 0.01, (
        ("Công nhận tuyên truyền viên pháp luật", 3),
        ("Thực hiện hỗ trợ khi hòa giải viên gặp tai nạn hoặc rủi ro", 10),
    )),
    ("Xây dựng", 2, 0.35, 0.03, (
        ("Cấp giấy phép xây dựng có thời hạn đối với nhà ở riêng lẻ", 15),
    )),
    ("Văn hóa - Thông tin", 2, 0.50, 0.01, (
        ("Xét tặng danh hiệu Gia đình văn hóa hằng năm", 5),
        ("Thông báo tổ chức lễ hội cấp xã", 5),
    )),
    ("Thi đua - Khen thưởng", 1, 0.50, 0.0, (
        ("Tặng Giấy khen của Chủ tịch UBND cấp xã", 10),
    )),
)
CUMULATIVE = [sum(f[1] for f in FIELDS[: i + 1]) for i in range(len(FIELDS))]
RETURN_RATE = 0.008
POST_SHARE = 0.02


def working_days(first: dt.date, last: dt.date) -> list[dt.date]:
    day, out = first, []
    while day <= last:
        if day.weekday() < 5 and day not in HOLIDAYS:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


WORKING = working_days(dt.date(2022, 11, 1), dt.date(2024, 12, 31))
INDEX = {d: i for i, d in enumerate(WORKING)}


def dmy(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def day_counts(rng: random.Random, days: list[dt.date], total: int) -> Iterator[tuple[dt.date, int]]:
    """``total`` dossiers spread over ``days`` (more on Mondays, fewer before Tết)."""
    weights = [rng.uniform(0.6, 1.4) * (1.3 if d.weekday() == 0 else 1.0) for d in days]
    whole = sum(weights)
    done = 0.0
    given = 0
    for d, w in zip(days, weights, strict=True):
        done += w
        upto = round(total * done / whole)
        yield d, upto - given
        given = upto


def dossier(rng: random.Random, day: dt.date, minute: int, seq: int) -> list[str] | None:
    """One dossier received on ``day`` at ``minute`` past midnight; ``None`` if closed before START."""
    field, _, online_share, late_rate, procedures = rng.choices(FIELDS, cum_weights=CUMULATIVE)[0]
    procedure, days = rng.choice(procedures)
    r = rng.random()
    channel = "Trực tuyến" if r < online_share else (
        "Bưu chính công ích" if r < online_share + POST_SHARE else "Trực tiếp")
    i = INDEX[day]
    due_i = i + days + (1 if days == 0 and minute >= 15 * 60 else 0)  # after 15h: the next working day
    due = WORKING[due_i]
    status = "Đã trả kết quả" if rng.random() < 0.7 else "Đã giải quyết"
    r = rng.random()
    if r < RETURN_RATE:
        finished = WORKING[rng.randint(i, due_i)]
        status = "Trả lại" if rng.random() < 0.7 else "Rút hồ sơ"
    elif r < RETURN_RATE + late_rate:
        stuck = rng.random() < 0.2
        finished = WORKING[due_i + (rng.randint(15, 60) if stuck else rng.randint(1, 4))]
    elif due_i > i and rng.random() < 0.8:
        finished = WORKING[rng.randint(i, due_i - 1)]  # early
    else:
        finished = due
    if finished < START:
        return None  # closed before the window: not in the export
    late = finished > due if finished <= END else due < END
    apology = "x" if late and rng.random() < 0.85 else ""
    if finished > END:  # still open when the export is taken
        status, finished_text = "Đang giải quyết", ""
    else:
        finished_text = dmy(finished)
    code = f"000.00.31.H57-{day:%y%m%d}-{seq:04d}"
    received = f"{dmy(day)} {minute // 60:02d}:{minute % 60:02d}"
    return [code, field, procedure, received, dmy(due), finished_text, channel, status, apology]


def rows(rng: random.Random, total: int) -> Iterator[list[str]]:
    """The dossiers of late 2022 still open at START, then ``total`` dossiers of the year."""
    early = [d for d in WORKING if EARLY_START <= d < START]
    year = [d for d in WORKING if START <= d <= END]
    for days, count in ((early, total * len(early) // len(year)), (year, total)):
        for day, n in day_counts(rng, days, count):
            span = 9 * 60  # 7:30 – 16:30
            for k in range(n):
                minute = 7 * 60 + 30 + int((k + rng.random()) * span / n)
                row = dossier(rng, day, minute, k + 1)
                if row is not None:
                    yield row


def write(path: Path, total: int) -> int:
    rng = random.Random(2023)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for row in rows(rng, total):
            out.writerow(row)
            written += 1
    tmp.replace(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000, help="số hồ sơ trong năm (mặc định 5000)")
    parser.add_argument("--out", type=Path, default=EXAMPLE, help=f"tệp CSV cần ghi (mặc định {EXAMPLE})")
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows phải là số dương")
    count = write(args.out, args.rows)
    print(f"{NOTICE}\nĐã ghi {args.out}: {count} hồ sơ.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

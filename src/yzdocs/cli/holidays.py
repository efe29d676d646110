"""`yzdocs calendar [YEAR]`: which years have holiday data, from where, and one year's days."""

from __future__ import annotations

import json
from datetime import timedelta

import click

from yzdocs.cli.echo import echo

WEEKDAYS = "一二三四五六日"


@click.command("calendar")
@click.argument("year", type=click.IntRange(1900, 2200), required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式。")
@click.pass_context
def calendar(ctx, year, fmt):
    """期间计算用的节假日数据：哪些年度已知、来自何处（chinesecalendar 版本或案件库的 holidays.yaml）；
    指定 YEAR 时列出该年的放假安排和调休上班日。

    缺少数据的年度，期限暂按周末和法定节假日推算并标为“暂定”。国务院办公厅发布下一年节假日安排后，
    在 holidays.yaml 中加入该年，或升级 chinesecalendar。

    \b
    Example:
        yzdocs calendar
        yzdocs calendar 2026
        yzdocs calendar 2027 --format json
    """
    from yzdocs.calendar import Calendar, holidays_of, package_years
    from yzdocs.repo import find_root, load_repository

    repo = load_repository(find_root(ctx.obj.get("repo") if ctx.obj else None))
    cal = Calendar(repo.holidays)
    if year is None:
        years = sorted(set(package_years()) | set(repo.holidays))
        rows = [(y, cal.source(y)) for y in years]
        if fmt == "json":
            echo(json.dumps({"years": [{"year": y, "source": s} for y, s in rows]}, ensure_ascii=False, indent=2))
        else:
            echo(_years_text(rows))
        return
    source = cal.source(year)
    if source is None:
        data = {"year": year, "source": None, "holidays": [], "work": []}
        text = (f"{year}年：没有节假日数据。该年的期限暂按周末和法定节假日推算，标为“暂定”。"
                f"国务院办公厅发布{year}年部分节假日安排的通知后，请在 holidays.yaml 中加入{year}年，或升级 chinesecalendar。")
    else:
        holidays, work = holidays_of(cal, year)
        listed = repo.holidays.get(year) or {}
        data = {"year": year, "source": source,
                "holidays": [{"first": h.first.isoformat(), "last": h.last.isoformat(), "days": h.days}
                             for h in holidays],
                "work": [d.isoformat() for d in work]}
        text = _year_text(year, source, holidays, work, listed)
    echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt == "json" else text)


def _years_text(rows) -> str:
    lines, start = ["已有节假日数据的年度："], 0
    while start < len(rows):  # consecutive years of one source on one line
        end = start
        while end + 1 < len(rows) and rows[end + 1][1] == rows[start][1] and rows[end + 1][0] == rows[end][0] + 1:
            end += 1
        span = str(rows[start][0]) if start == end else f"{rows[start][0]}–{rows[end][0]}"
        lines.append(f"  {span:10} {rows[start][1]}")
        start = end + 1
    lines.append("其他年度的期限暂按周末和法定节假日推算，标为“暂定”。查看某一年：yzdocs calendar 年份")
    return "\n".join(lines)


def _day(d) -> str:
    return f"{d.isoformat()}（周{WEEKDAYS[d.weekday()]}）"


def _year_text(year, source, holidays, work, listed) -> str:
    mine = set(listed.get("rest") or ()) | set(listed.get("work") or ())

    def note(days) -> str:
        return "  ← holidays.yaml" if any(d in mine for d in days) else ""

    lines = [f"{year}年  来源：{source}", "放假（含其间的周末）："]
    for h in holidays:
        span = [h.first + timedelta(days=i) for i in range(h.days)]
        when = _day(h.first) if h.days == 1 else f"{_day(h.first)} 至 {_day(h.last)}"
        lines.append(f"  {when}，共{h.days}天{note(span)}")
    lines.append("调休上班：" + ("" if work else "无"))
    lines += [f"  {_day(d)}{note([d])}" for d in work]
    return "\n".join(lines)

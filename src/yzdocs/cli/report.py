"""`yzdocs report`: statistics, special circulars, agency reports, district circulars, assessment."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from yzdocs.cli import SuggestingGroup
from yzdocs.cli.echo import echo
from yzdocs.cli.options import as_date, as_of_option, repo_root
from yzdocs.errors import YzdocsError
from yzdocs.output.names import safe_component

FORMATS = ("text", "json", "xlsx")


def _output_option(func):
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="输出文件（默认：案件库输出目录下 reports/ 中的规范文件名）。")(func)


def _period_arg(name="--period"):
    return click.option(name, "period", required=True, help="期间：2023H1（上半年）、2023H2（下半年）或 2023（全年）。")


def _basis(ctx, as_of, period=None):
    """The repository judged as of ``as_of``; for a period report, only what can touch
    that period or the one before it (the comparison)."""
    from yzdocs.reports import loader, stats

    repo = loader.load(repo_root(ctx))
    window = (period.previous().start, period.end) if period is not None else None
    return stats.judge(repo, as_date(as_of), window)


def _default(basis, name: str) -> Path:
    from yzdocs.output.names import inside

    return inside(basis.repo.output_dir(), "reports", name)  # refuses an out/reports symlinked elsewhere


def _write(path: Path, data: bytes) -> None:
    from yzdocs.output.atomic import write_atomic

    write_atomic(path, data)
    echo(f"已生成 {path}")


def _echo_text(text: str, output: Path | None) -> None:
    if output:
        _write(output, text.encode("utf-8"))
    else:
        echo(text, nl=False)


def _left_out_note(basis) -> None:
    if basis.left_out:
        echo(f"注意：{len(basis.left_out)} 个案件文件有格式或字段错误，未计入：" +
                   "、".join(x["file"] for x in basis.left_out) + "（请用 yzdocs check 查看）。", err=True)


def _blank_number_note(number, what: str, option: str) -> None:
    """Say that a document's 发文字号 is left for hand-filling (the PDF keeps 〔年〕　号 for it)."""
    if not number:
        echo(f"提示：{what}的发文字号未填写，文中留有“〔年〕　号”待填；如已编号，可用 {option} 指定后重新生成。",
             err=True)


def _numbers_by_agency(repo, pairs) -> dict[str, str]:
    """--notice-number 单位=文号 values: agency id -> number."""
    from yzdocs.authoring.newcase import resolve_agency

    out = {}
    for pair in pairs:
        name, sep, number = pair.partition("=")
        if not sep or not name.strip() or not number.strip():
            raise YzdocsError(f"--notice-number 的值“{pair}”应写成 单位=文号，如 scjgj=峄司通〔2026〕3号。")
        out[resolve_agency(repo, name.strip())] = number.strip()
    return out


def _render(basis, kind, context, title, charts=None) -> bytes:
    from yzdocs.render.format import cn_date
    from yzdocs.reports.documents import render_report

    context.setdefault("doc_date", cn_date(basis.as_of))
    data, warnings = render_report(kind, basis.repo.root, context, title=title, doc_date=basis.as_of, charts=charts,
                                   agencies=basis.repo.agencies)
    for w in warnings:
        echo(f"提示：{w}", err=True)
    return data


@click.group(cls=SuggestingGroup)
def report():
    """统计与通报：案件统计、专项通报、单位半年报告、全区通报、年度督办考核（意见二(六)、二(九)）。

    \b
    Example:
        yzdocs report stats --period 2023H1
        yzdocs report district --period 2023 --as-of 2024-01-15
        yzdocs report assessment --year 2023 --format docx
        yzdocs report assessment --year 2025 --format docx --number "峄司报〔2026〕1号" \\
            --notice-number wulin=峄司通〔2026〕2号 --notice-number 自然资源局=峄司通〔2026〕3号
    """


@report.command()
@_period_arg()
@click.option("--agency", default=None, metavar="单位", help="只统计该单位：机关代号或名称（如 scjgj、市场监督管理局）。")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", help="输出格式：text（默认）、json、xlsx。")
@_output_option
@as_of_option
@click.pass_context
def stats(ctx, period, agency, fmt, output, as_of):
    """按期间统计全区及各单位的收案、审结、败诉率、负责人出庭率、报备期限遵守和违规情况。

    有格式或字段错误的案件文件不计入，并在输出中列明。text 和 json 默认输出到屏幕，xlsx 默认写入输出目录。

    \b
    Example:
        yzdocs report stats --period 2023H1
        yzdocs report stats --period 2023 --agency scjgj --format json
        yzdocs report stats --period 2023 --format xlsx -o 2023年统计.xlsx
    """
    from yzdocs.authoring.newcase import resolve_agency
    from yzdocs.periods import Period
    from yzdocs.reports import stats as stats_mod

    p = Period.parse(period)
    basis = _basis(ctx, as_of, p)
    if agency:
        agency = resolve_agency(basis.repo, agency)
    result = stats_mod.compute(basis, p, agency)
    if fmt == "json":
        _echo_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "xlsx":
        from yzdocs.reports.xlsx import workbook_bytes

        name = f"{p.label}行政应诉案件统计{'（' + stats_mod.agency_name(basis.repo, agency) + '）' if agency else ''}.xlsx"
        _write(output or _default(basis, name), workbook_bytes(result))
        _left_out_note(basis)
    else:
        _echo_text(stats_mod.format_text(result), output)


@report.command("special-circular")
@_period_arg()
@click.option("--number", default=None, help="通报文号，如“峄司通〔2023〕3号”（默认：本年已登记文号的下一号）。")
@click.option("--record", is_flag=True, help="把本次通报登记到 circulars/（文号已登记的拒绝登记）。")
@click.option("--include-circulated", is_flag=True, help="也列入已在此前专项通报中通报过的事项（仅供查看草稿）。")
@_output_option
@as_of_option
@click.pass_context
def special_circular(ctx, period, number, record, include_circulated, output, as_of):
    """起草专项通报：列明期间内未及时报备案件（R01）、未及时答辩举证或报备答辩状（R02/R03）、
    负责人未依法出庭（R05）的单位和案件，写明应办日期和实际办理日期，提出整改要求。

    已在 circulars/ 登记的事项不再重复通报。印发日期为 --as-of（默认今天）。
    退出码：0 成功；1 没有需要通报的情形；2 其他错误。

    \b
    Example:
        yzdocs report special-circular --period 2023H1
        yzdocs report special-circular --period 2023H1 --number "峄司通〔2023〕3号" --record
    """
    from yzdocs.periods import Period
    from yzdocs.reports import circular

    p = Period.parse(period)
    basis = _basis(ctx, as_of, p)
    if record and number:
        circular.ensure_new_number(basis.repo, number.strip())
    if record and include_circulated:
        raise YzdocsError("--include-circulated 只用于查看草稿，不能与 --record 同时使用（已通报的事项不能重复登记）。")
    drafted = circular.draft(basis, p, number, basis.as_of, include_circulated)
    rec = drafted["record"]
    data = _render(basis, "special-circular", drafted["context"], rec["title"])
    if record:
        path = circular.record(basis.repo, rec)
        echo(f"已登记 {path.relative_to(basis.repo.root)}（{rec['number']}）")
    _write(output or _default(basis, f"{rec['number']}专项通报.docx"), data)
    _left_out_note(basis)


@report.command()
@click.option("--agency", required=True, metavar="单位", help="机关代号或名称（如 scjgj、市场监督管理局）。")
@_period_arg()
@_output_option
@as_of_option
@click.pass_context
def agency(ctx, agency, period, output, as_of):
    """生成单位的半年（或全年）行政应诉案件统计分析报告：数据、案件明细、败诉原因、措施。

    \b
    Example:
        yzdocs report agency --agency scjgj --period 2023H1
    """
    from yzdocs.authoring.newcase import resolve_agency
    from yzdocs.periods import Period
    from yzdocs.reports import agency_report

    p = Period.parse(period)
    basis = _basis(ctx, as_of, p)
    context = agency_report.context(basis, resolve_agency(basis.repo, agency), p)
    _write(output or _default(basis, f"{context['title']}.docx"), _render(basis, "agency-report", context, context["title"]))
    _left_out_note(basis)


@report.command()
@_period_arg()
@click.option("--number", default=None, help="通报文号（默认留空“〔年〕　号”待填）。")
@_output_option
@as_of_option
@click.pass_context
def district(ctx, period, number, output, as_of):
    """生成全区行政应诉工作情况通报（半年或年度）：与上期对比的综述、各单位统计表、统计图，
    以及执行生效裁判、落实司法建议和报备制度落实情况。

    \b
    Example:
        yzdocs report district --period 2023H1
        yzdocs report district --period 2023 --number "峄司通〔2024〕1号" --as-of 2024-01-15
    """
    from yzdocs.periods import Period
    from yzdocs.reports import district as district_mod
    from yzdocs.reports import words

    p = Period.parse(period)
    basis = _basis(ctx, as_of, p)
    context, charts = district_mod.build(basis, p, number or words.blank_number(basis.repo.settings, basis.as_of.year))
    data = _render(basis, "district-circular", context, context["title"], charts)
    draft = district_mod.DRAFT if district_mod.is_draft(basis, p) else ""
    _blank_number_note(number, "通报", "--number")
    if draft:
        echo(f"提示：{district_mod.provisional_note(basis, p)}文档已标为草稿。", err=True)
    _write(output or _default(basis, f"{p.label}全区行政应诉工作情况通报{draft}.docx"), data)
    _left_out_note(basis)


@report.command()
@click.option("--year", required=True, type=int, help="考核年度，如 2023。")
@click.option("--format", "fmt", type=click.Choice(("text", "json", "docx")), default="text",
              help="输出格式：text（默认）、json、docx（考核情况报告；每个需约谈的单位另有一份约谈通知，与报告放在同一目录）。")
@click.option("--number", default=None, metavar="文号", help="考核情况报告的发文字号（默认留空“〔年〕　号”待填）。")
@click.option("--notice-number", "notice_numbers", multiple=True, metavar="单位=文号",
              help="某单位约谈通知的发文字号，可重复；单位写机关代号或名称，如 --notice-number 市场监管局=峄司通〔2026〕3号。")
@_output_option
@as_of_option
@click.pass_context
def assessment(ctx, year, fmt, number, notice_numbers, output, as_of):
    """年度督办考核（意见二(九)）：各单位被专项通报次数、因不及时答辩举证或未调解和解导致的败诉、
    拒不履行生效判决、不落实司法建议，以及考核结果（约谈分管负责人并刚性扣分 / 约谈主要负责人并一票否优）。

    \b
    Example:
        yzdocs report assessment --year 2023
        yzdocs report assessment --year 2023 --format docx
    """
    from yzdocs.reports import assessment as assessment_mod
    from yzdocs.reports import words

    basis = _basis(ctx, as_of)
    assessment_mod.check_year_has_data(basis, year)
    results = assessment_mod.assess(basis, year)
    if fmt == "json":
        _echo_text(json.dumps(assessment_mod.to_json(results, year, basis.as_of), ensure_ascii=False, indent=2) + "\n",
                   output)
    elif fmt == "docx":
        settings = basis.repo.settings
        given = _numbers_by_agency(basis.repo, notice_numbers)
        interviewed = [a.agency for a in results if a.outcome != assessment_mod.NONE]
        unused = [aid for aid in given if aid not in interviewed]
        if unused:
            raise YzdocsError(f"--notice-number 指定的单位（{'、'.join(unused)}）{year}年度不需要约谈，没有约谈通知。")
        blank = words.blank_number(settings, basis.as_of.year)
        context = assessment_mod.context(
            basis, results, year, number or words.blank_number(settings, basis.as_of.year, "report_prefix"),
            {aid: given.get(aid) or blank for aid in interviewed})
        path = output or _default(basis, f"{year}年度行政应诉工作督办考核情况.docx")
        _write(path, _render(basis, "assessment", context, context["title"]))
        _blank_number_note(number, "考核情况报告", "--number")
        if not settings.get("signer"):
            echo("提示：yzdocs.yaml 中没有设置签发人（signer），版头的“签发人：”后留空，请手写或设置后重新生成。", err=True)
        # each 约谈通知 is its own document, sent to its agency alone: beside the report
        for notice in context["notices"]:
            _write(Path(path).with_name(safe_component(f"{year}年度约谈通知（{notice['agency']}）.docx")),
                   _render(basis, "interview-notice", notice, notice["title"]))
            _blank_number_note(given.get(notice["agency_id"]), f"约谈通知（{notice['agency']}）",
                               f"--notice-number {notice['agency_id']}=文号")
    else:
        _echo_text(assessment_mod.format_text(results, year), output)
    _left_out_note(basis)
    sys.exit(0)

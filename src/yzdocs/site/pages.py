"""The site's pages and feeds as bytes, from the values of site/model.py.

Jinja2 with autoescape on and strict undefined: every value from the
repository is escaped, so a party named ``<script>`` is text. The templates
are yzdocs' own (``site/templates``), never the repository's. Links are
relative, so the site works from any folder, a web server or ``file://``.
"""

from __future__ import annotations

from importlib import resources
from urllib.parse import quote

import jinja2

from yzdocs.agenda import to_ics
from yzdocs.findings import ERROR, INFO, SEVERITY_LABELS, WARNING
from yzdocs.reports.stats import percent
from yzdocs.rules.engine import STATUS_LABELS, cn_date
from yzdocs.site.charts import bar_chart
from yzdocs.site.model import URGENT_DAYS, Site
from yzdocs.site.paths import page_url

HERE = resources.files("yzdocs") / "site"
STATUSES = ("overdue", "due_soon", "open")
RULE_NAMES = {"yaml": "文件格式", "schema": "字段结构", "calendar": "节假日数据", "R12": "上诉期限",
              "A01": "半年统计分析报告", "A02": "联席会议"}


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["href"] = lambda path: quote(str(path), safe="/")
    env.globals.update(cn=cn_date, pct=percent, status_labels=STATUS_LABELS, severity_labels=SEVERITY_LABELS,
                       violations=_violations, rule_names=RULE_NAMES)
    return env


def render(site: Site, base_url: str | None = None) -> dict[str, bytes]:
    """Site-relative path -> bytes, for every page, feed and asset."""
    env = environment()
    names = {a.id: a.name for a in site.agencies}
    case_pages = {c.rel: c.page for c in site.cases}
    common = dict(site=site, case_pages=case_pages, agency_pages={a.id: a.page for a in site.agencies},
                  base_url=base_url or "", agency_names=names,
                  source=lambda f: _source(site.source_url, f.file, f.line),
                  source_file=lambda rel: _source(site.source_url, rel, 1),
                  errors=_count(site.findings, ERROR), warnings=_count(site.findings, WARNING),
                  infos=_count(site.findings, INFO))
    out: dict[str, bytes] = {}

    def page(path: str, template: str, **values) -> None:
        root = "../" * path.count("/")
        out[path] = env.get_template(template).render(root=root, **common, **values).encode("utf-8")

    urgent = site.urgent
    page("index.html", "index.html", overdue=[i for i in site.items if i.overdue], urgent_days=URGENT_DAYS,
         urgent_rules=sorted({i.rule for i in urgent}), urgent_statuses=_statuses(urgent), charts=_charts(site))
    page("agencies.html", "agencies.html")
    page("findings.html", "findings.html", finding_rules=sorted({f.rule for f in site.findings}),
         severities=[(s, SEVERITY_LABELS[s]) for s in (ERROR, WARNING, INFO)],
         by_rule=_grouped(site.findings, lambda f: f.rule),
         by_agency=_grouped(site.findings, lambda f: names.get(f.agency, f.agency or "（全区）")))
    page("feeds.html", "feeds.html")
    for agency in site.agencies:
        page(agency.page, "agency.html", agency=agency, item_rules=sorted({i.rule for i in agency.items}),
             item_statuses=_statuses(agency.items))
    for case in site.cases:
        page(case.page, "case.html", case=case)
    out.update(_feeds(site, base_url, case_pages))
    for name in ("site.css", "site.js"):
        out[f"assets/{name}"] = (HERE / "static" / name).read_bytes()
    return out


def _feeds(site: Site, base_url: str | None, case_pages: dict) -> dict[str, bytes]:
    def url(item):
        page = case_pages.get(item.file)
        return page_url(base_url, page) if base_url and page else None

    feeds = {"feeds/district.ics": to_ics(site.items, site.as_of, name=f"{site.district}行政应诉待办（全区）", url=url,
                                          alarm_days=site.alarm_days)}
    for a in site.agencies:
        feeds[a.feed] = to_ics(a.items, site.as_of, name=f"{a.name}行政应诉待办", url=url, alarm_days=site.alarm_days)
    return feeds


def _charts(site: Site) -> list[dict]:
    active = [a for a in site.agencies if a.year and (a.year.get("new_cases") or a.year.get("concluded")
                                                     or a.year.get("heard_cases") or a.year.get("pending_at_end"))]

    def on_time(u):
        due = sum(v["due"] for v in u["on_time"].values())
        return sum(v["met"] for v in u["on_time"].values()) / due if due else None

    return [
        {"caption": "按期率（案件报备、答辩举证、答辩状报备、出庭名单报备、败诉分析报备合计）",
         "svg": bar_chart("各单位按期率", [(a.name, on_time(a.year)) for a in active], on_time(site.year))},
        {"caption": "负责人出庭率（已开庭案件中每次开庭都有负责人出庭的比例）",
         "svg": bar_chart("各单位负责人出庭率", [(a.name, a.year["head_appearance_rate"]) for a in active],
                          site.year["head_appearance_rate"])},
        {"caption": f"败诉率（{LOSS_RATE_CAPTIONS[site.year['loss_rate_basis']]}）",
         "svg": bar_chart("各单位败诉率", [(a.name, a.year["loss_rate"]) for a in active], site.year["loss_rate"],
                          good_high=False)},
    ]


LOSS_RATE_CAPTIONS = {"first_instance": "审结的一审案件中败诉的比例；二审、再审另计",
                      "dispute": "按争议的最终生效结果，一个争议只计一次"}


def _statuses(items) -> list[tuple[str, str]]:
    present = {i.status for i in items}
    return [(s, STATUS_LABELS[s]) for s in STATUSES if s in present]


def _grouped(findings, key) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for f in findings:
        groups.setdefault(key(f), []).append(f)
    return sorted(groups.items(), key=lambda kv: kv[0])


def _source(template: str | None, path: str, line: int) -> str:
    return (template or "").replace("{path}", path).replace("{line}", str(line or 1))


def _count(findings, severity) -> int:
    return sum(1 for f in findings if f.severity == severity)


def _violations(u) -> str:
    if not u or not u.get("violations"):
        return "—"
    return str(sum(u["violations"].values()))

"""`yzdocs notify` delivering for real: an SMTP server (aiosmtpd, with a password) and an HTTP
receiver in the test, a destination that refuses connections and one that answers 500.

The sample repository on 2025-12-03 (a Wednesday) announces: 坛山's R08 (weekly overdue reminder,
to its staff and, overdue, its 分管负责人), 吴林's R10 and 自然资源局's R07 (staff), and the district
digest (items overdue more than 5 days escalated)."""

from __future__ import annotations

import email
import json
import socket
import threading
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from conftest import copy_sample, run
from yzdocs.repo import load_repository

PASSWORD = "smtp-Pa55word-0f-the-bureau"
TOKEN = "wulinHookToken0123456789abcdef"
DAY = "2025-12-03"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Mailbox:
    def __init__(self):
        self.mails = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.mails.append((envelope.rcpt_tos, str(message["Subject"]), message.get_body(("plain",)).get_content()))
        return "250 OK"


@pytest.fixture
def smtp():
    box = _Mailbox()

    def authenticate(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data.login == b"yzdocs" and auth_data.password == PASSWORD.encode())

    controller = Controller(box, hostname="127.0.0.1", port=_free_port(), authenticator=authenticate,
                            auth_require_tls=False)
    controller.start()
    yield controller.port, box
    controller.stop()


@pytest.fixture
def web():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.append((self.path, json.loads(body)))
            self.send_response(500 if self.path.startswith("/broken") else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], received
    server.shutdown()
    server.server_close()


@pytest.fixture
def repo(tmp_path, smtp, web):
    root = copy_sample(tmp_path / "repo")
    mail = f"mailto://yzdocs:${{SMTP_PASSWORD}}@127.0.0.1:{smtp[0]}?from=yzdocs@test.cn&mode=insecure&to="
    (root / "notify.yaml").write_text(f"""\
district:
  - json://127.0.0.1:{web[0]}/district
  - json://127.0.0.1:{web[0]}/broken/${{WULIN_TOKEN}}
agencies:
  tanshan:
    staff: ["{mail}tanshan@test.cn"]
    deputy: ["{mail}tanshan-deputy@test.cn"]
  wulin:
    staff: ["json://127.0.0.1:{web[0]}/wulin/${{WULIN_TOKEN}}"]
  zrzyj:
    staff: ["json://127.0.0.1:{_free_port()}/refused"]
  scjgj:
    staff: ["{mail}scjgj@test.cn"]
""", encoding="utf-8")
    return root


def _env():
    return {"SMTP_PASSWORD": PASSWORD, "WULIN_TOKEN": TOKEN}


def _cases_of(root):
    return {d.data["case_no"]: d.data["defendant"] for d in load_repository(root).valid_cases()}


def test_each_agency_gets_its_own_items_by_mail_and_webhook(repo, smtp, web):
    result = run("--repo", repo, "notify", "--as-of", DAY, env=_env())
    out = result.output
    assert result.exit_code == 1, out  # the refusing destination and the one answering 500
    assert PASSWORD not in out and TOKEN not in out
    cases = _cases_of(repo)

    def only_own(agency, text):
        named = {no for no in cases if no in text}
        assert named and all(cases[no] == agency for no in named), (agency, named)

    mails = {tuple(to): (subject, body) for to, subject, body in smtp[1].mails}
    assert set(mails) == {("tanshan@test.cn",), ("tanshan-deputy@test.cn",)}, out  # scjgj has nothing today
    subject, body = mails[("tanshan@test.cn",)]
    assert subject == "【行政应诉提醒】峄城区坛山街道办事处：逾期1项"
    only_own("tanshan", body)
    assert "（2024）鲁0404行初5号" in body and "逾期事项已同时告知你单位分管负责人" in body
    subject, body = mails[("tanshan-deputy@test.cn",)]
    assert subject.startswith("【行政应诉督办】峄城区坛山街道办事处：已逾期1项")
    only_own("tanshan", body)

    hooks = dict((path, data) for path, data in web[1])
    assert set(hooks) == {f"/wulin/{TOKEN}", "/district", f"/broken/{TOKEN}"}
    only_own("wulin", hooks[f"/wulin/{TOKEN}"]["message"])
    district = hooks["/district"]
    assert district["title"].startswith("【行政应诉督办】全区逾期事项")
    assert "请督办" in district["message"]

    lines = out.splitlines()
    assert f"已发送  json://127.0.0.1:{web[0]}/wulin/${{WULIN_TOKEN}}" in lines
    refused = [line for line in lines if "/refused" in line]
    assert len(refused) == 1 and refused[0].startswith("失败    json://") and "notify.yaml:11" in refused[0]
    # a server error, reported with the destination as written (the token it carried stays a name)
    assert any(line.startswith(f"失败    json://127.0.0.1:{web[0]}/broken/${{WULIN_TOKEN}}（notify.yaml:3）：共尝试 3 次")
               for line in lines), out
    assert lines[-1] == "2025年12月3日共 5 条消息、6 次推送：成功 4 次，失败 2 次。"


def test_dry_run_shows_every_message_and_sends_nothing(repo, smtp, web):
    result = run("--repo", repo, "notify", "--as-of", DAY, "--dry-run", env=_env())
    assert result.exit_code == 0, result.output
    assert not smtp[1].mails and not web[1]
    out = result.output
    assert PASSWORD not in out and TOKEN not in out
    assert out.count("━━ 发往 ") == 5
    assert "━━ 发往 峄城区坛山街道办事处 分管负责人：mailto://yzdocs:${SMTP_PASSWORD}@127.0.0.1:" in out
    assert out.rstrip().endswith("演练：2025年12月3日共 5 条消息，未发送。")


def test_an_unset_secret_fails_that_destination_only(repo, smtp, web):
    result = run("--repo", repo, "notify", "--as-of", DAY, env={"SMTP_PASSWORD": PASSWORD, "WULIN_TOKEN": ""})
    assert result.exit_code == 1
    assert "环境变量 WULIN_TOKEN 未设置" in result.output
    assert len(smtp[1].mails) == 2 and not any(p.startswith("/wulin") for p, _ in web[1])


def test_a_rest_day_sends_nothing(repo, smtp, web):
    result = run("--repo", repo, "notify", "--as-of", "2025-12-06", env=_env())  # a Saturday
    assert result.exit_code == 0 and result.output == "2025年12月6日是休息日，不发送提醒。\n"
    assert not smtp[1].mails and not web[1]


def test_a_day_with_nothing_to_announce(repo, smtp, web):
    result = run("--repo", repo, "notify", "--as-of", "2025-12-02", env=_env())
    assert result.exit_code == 0 and result.output == "2025年12月2日没有需要提醒的事项，未发送任何消息。\n"
    assert not smtp[1].mails and not web[1]


def test_the_readme_and_the_guide_show_the_digest_the_sample_gets():
    from conftest import PROJECT

    result = run("--repo", PROJECT, "notify", "--dry-run", "--as-of", "2026-01-15")
    assert result.exit_code == 0, result.output
    for doc in ("README.md", "docs/notify.md"):
        text = (PROJECT / doc).read_text(encoding="utf-8")
        shown = text.split("`yzdocs notify --dry-run --as-of 2026-01-15`")[1].split("```text\n")[1].split("```")[0]
        assert shown in result.output, doc


def test_an_item_overdue_longer_than_the_limit_goes_to_the_bureau():
    from datetime import date

    from conftest import PROJECT
    from yzdocs.notify import notify

    # 综合行政执法局's heads list for （2025）鲁0404行初66号 was due Mon 2026-01-05. Tue 01-06 is its first
    # overdue day (1 day: its staff, not the bureau); five working days later, Tue 01-13 (7, 8, 9, 12, 13),
    # it is announced again, 8 days overdue — more than 5: the bureau's digest lists it too.
    def messages(day):
        return {(m.message.audience, m.message.agency): m.message for m in notify(PROJECT, day, dry_run=True).plan}

    first = messages(date(2026, 1, 6))
    assert "（2025）鲁0404行初66号" in first[("staff", "zhzfj")].body
    assert "（2025）鲁0404行初66号" not in first[("district", None)].body
    later = messages(date(2026, 1, 13))
    district = later[("district", None)].body
    assert "1. （2025）鲁0404行初66号 向区司法局报备出庭负责人名单（峄城区综合行政执法局）" in district
    assert "峄城区综合行政执法局：逾期1项，最长逾期8日" in district
    assert district.index("峄城区自然资源局：逾期1项") < district.index("峄城区司法局：逾期1项")  # the bureau's own last


def test_with_the_site_url_each_item_links_to_its_page_on_the_site(tmp_path):
    import re
    from urllib.parse import unquote

    root = copy_sample(tmp_path / "repo")
    settings = root / "yzdocs.yaml"
    settings.write_text(settings.read_text("utf-8") + "site_url: https://intranet.example.cn/yzdocs\n", "utf-8")
    result = run("--repo", root, "notify", "--dry-run", "--as-of", "2026-01-13")
    links = re.findall(r"https://intranet\.example\.cn/yzdocs/(\S+)", result.output)
    assert "agencies/zhzfj.html" in links and "index.html" in links
    assert any(link.startswith("cases/") for link in links)
    site = run("--repo", root, "site", "-o", tmp_path / "site", "--as-of", "2026-01-13")
    assert site.exit_code == 0, site.output
    assert all(link.isascii() for link in links)  # Chinese file names percent-encoded, as the site's own links
    for link in links:  # every page a message links to is one the site has
        assert (tmp_path / "site" / unquote(link)).is_file(), link

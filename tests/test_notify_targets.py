"""The targets file is checked like every other file: by `check` (pre-commit, CI) and by notify,
each problem at its line; a file with errors sends nothing. Secrets and passwords are never shown."""

from conftest import run
from yzdocs.reminders.targets import Destination, masked

BAD = """\
district:
  - "file:///etc/passwd"
agencies:
  scjgj:
    staff: ["wecombot://$WECOM"]
    deputy: ["mailto ://x"]
  nosuch:
    staff: ["json://127.0.0.1/hook"]
  tanshan: {staff: "dingtalk://abc"}
"""


def test_check_reports_each_problem_of_the_targets_file_at_its_line(example_repo):
    (example_repo / "notify.yaml").write_text(BAD, encoding="utf-8")
    result = run("--repo", example_repo, "check", "--as-of", "2025-12-31")
    lines = [line for line in result.output.splitlines() if line.startswith("notify.yaml")]
    assert lines == [
        "notify.yaml:2:5: 错误 schema “推送地址”（district[0]）：不支持的推送地址类型“file://”。可用：mailto://、mailtos://、"
        "dingtalk://、wecombot://、feishu://、lark://、json://、jsons://、form://、forms://、xml://、xmls://。",
        "notify.yaml:5:13: 错误 schema “推送地址”（agencies.scjgj.staff[0]）：环境变量应写成 ${变量名}（字母、数字、下划线，"
        "不以数字开头），例如 ${WECOM_SCJGJ}。",
        "notify.yaml:6:14: 错误 schema “推送地址”（agencies.scjgj.deputy[0]）：不是推送地址：应写成“类型://……”的一行，不含空格，"
        "例如 mailto://、dingtalk://、wecombot://、feishu://、json://（docs/notify.md）。",
        "notify.yaml:8:5: 错误 schema “单位推送地址”（agencies.nosuch）：机关代号“nosuch”未在 agencies.yaml 中登记。"
        "已登记的机关代号：scjgj、tanshan。",
        "notify.yaml:9:20: 错误 schema “承办人员推送地址”（agencies.tanshan.staff）应为列表（每项以“- ”开头），"
        "实际是文字“dingtalk://abc”。",
    ]
    assert result.exit_code == 1


def test_notify_sends_nothing_from_a_file_with_errors(example_repo):
    (example_repo / "notify.yaml").write_text(BAD, encoding="utf-8")
    result = run("--repo", example_repo, "notify", "--as-of", "2025-12-31")
    assert result.exit_code == 1
    assert "推送目标文件有错误（见上），未发送任何消息。" in result.output


def test_no_targets_file_is_a_clear_error_and_a_dry_run_still_works(example_repo):
    result = run("--repo", example_repo, "notify", "--as-of", "2025-12-31")
    assert result.exit_code == 2
    assert result.output.startswith("yzdocs: 案件库中没有推送目标文件 notify.yaml，不知道发往哪里。")
    assert run("--repo", example_repo, "notify", "--as-of", "2025-12-31", "--dry-run").exit_code == 0


def test_a_password_written_in_the_file_is_masked():
    assert masked("mailtos://yzdocs:Secret-Pw@smtp.example.cn?to=a@example.cn") == \
        "mailtos://yzdocs:****@smtp.example.cn?to=a@example.cn"
    assert masked("dingtalk://0123456789abcdef0123/") == "dingtalk://0…3/"
    assert masked("dingtalk://SECshort@tok123/") == "dingtalk://S…t@t…3/"  # a robot's keys, however short
    assert masked("mailto://u:${SMTP_PASSWORD}@h?to=a@b.cn") == "mailto://u:${SMTP_PASSWORD}@h?to=a@b.cn"
    assert masked("wecombot://${WECOM_TANSHAN_DEPUTY_KEY}") == "wecombot://${WECOM_TANSHAN_DEPUTY_KEY}"


def test_secrets_come_from_the_environment():
    d = Destination("json://h/${HOOK}/x?k=${KEY}", "notify.yaml", 3)
    assert d.variables() == ["HOOK", "KEY"]
    assert d.expanded({"HOOK": "a1", "KEY": "b2"}) == ("json://h/a1/x?k=b2", {"HOOK": "a1", "KEY": "b2"})


def test_a_destination_with_a_control_character_or_a_space_is_refused():
    from yzdocs.reminders.targets import destination_problem

    assert destination_problem("json://h/\x1b[2Jhook").startswith("不是推送地址")
    assert destination_problem("json://h/a b").startswith("不是推送地址")
    assert destination_problem("json://h/${HOOK}") is None


def test_the_pre_commit_hook_checks_the_targets_file_it_is_given(example_repo, monkeypatch):
    (example_repo / "notify.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(example_repo)
    result = run("check", "notify.yaml")
    assert result.exit_code == 1
    assert sum(line.startswith("notify.yaml:") for line in result.output.splitlines()) == 5
    assert "不是案件库的数据文件" not in result.output

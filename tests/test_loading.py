"""Loading: safe, positioned, and bounded on hostile input."""

from __future__ import annotations

import builtins
import io
import time
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from yzdocs import loading
from yzdocs.loading import Document, load_yaml_file, load_yaml_text


def load(text: str) -> Document:
    return load_yaml_text(text, Document("x.yaml"))


def test_positions_of_values_and_keys():
    doc = load("a: 1\nb:\n  - c: 2023-03-09\n    d: 中文\n")
    assert doc.data == {"a": 1, "b": [{"c": date(2023, 3, 9), "d": "中文"}]}
    assert doc.position(("b", 0, "c")) == (3, 8)
    assert doc.position(("b", 0, "d")) == (4, 8)
    # a missing field points at its nearest present ancestor's key
    assert doc.position(("b", 0, "missing")) == (3, 5)
    assert doc.position(("nope", "deeper")) == (1, 1)


def test_quoted_values_stay_text():
    doc = load("a: '0123'\nb: \"yes\"\nc: '1:30'\n")
    assert doc.ok and doc.data == {"a": "0123", "b": "yes", "c": "1:30"}


def test_plain_scalars_keep_their_types():
    doc = load("a: true\nb: 12\nc: -3\nd: 1.5\ne: ~\nf:\n")
    assert doc.ok and doc.data == {"a": True, "b": 12, "c": -3, "d": 1.5, "e": None, "f": None}


def test_merge_keys_are_resolved():
    doc = load("base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n")
    assert doc.ok and doc.data["m"] == {"x": 1, "y": 2}


def test_file_too_large_is_refused_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:  # 50 MB, sparse: the loader must not read it
        fh.truncate(50 * 1024 * 1024)
    small = tmp_path / "small.yaml"
    small.write_text("a: 1\n")
    opened = []
    real_open = io.open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", spy)  # Path.read_bytes/read_text and open() all come here
    monkeypatch.setattr(builtins, "open", spy)
    load_yaml_file(small, "small.yaml")
    doc = load_yaml_file(big, "big.yaml")
    monkeypatch.undo()
    assert opened == [str(small)]  # the spy sees reads; the big file was not opened
    assert [f.rule for f in doc.findings] == ["yaml"]
    assert "文件过大" in doc.findings[0].message


def test_one_ten_megabyte_line_is_refused(tmp_path):
    path = tmp_path / "line.yaml"
    path.write_text("a: " + "x" * (10 * 1024 * 1024) + "\n")
    doc = load_yaml_file(path, "line.yaml")
    assert "文件过大" in doc.findings[0].message


def test_deep_nesting_is_refused_not_crashing():
    # libyaml's composer recurses in C: 100,000 levels would crash the interpreter.
    doc = load("a: " + "[" * 200_000 + "]" * 200_000 + "\n")
    assert doc.data is None
    assert "嵌套层级超过 64 层" in doc.findings[0].message


def test_block_nesting_just_over_the_limit():
    text = "".join(" " * i + f"k{i}:\n" for i in range(70)) + " " * 70 + "v\n"
    doc = load(text)
    assert "嵌套" in doc.findings[0].message
    ok = load("".join(" " * i + f"k{i}:\n" for i in range(30)) + " " * 30 + "v\n")
    assert ok.ok


def test_alias_bomb_is_bounded():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    start = time.process_time()
    doc = load("\n".join(lines) + "\n")
    # 10^9 values would take hours; the bound stops after 100,000 (well under a second of CPU)
    assert time.process_time() - start < 20
    assert doc.data is None and "别名炸弹" in doc.findings[0].message


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "win.yaml"
    path.write_bytes("\ufeffa: 中文\r\nb: 2023-03-09\r\n".encode("utf-8"))
    doc = load_yaml_file(path, "win.yaml")
    assert doc.ok and doc.data == {"a": "中文", "b": date(2023, 3, 9)}


def test_gbk_file_names_the_encoding(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("a: 1\nb: 峄城区\n".encode("gbk"))
    doc = load_yaml_file(path, "gbk.yaml")
    (f,) = doc.findings
    assert (f.rule, f.line) == ("yaml", 2)
    assert "GBK" in f.message and "UTF-8" in f.message


def test_unreadable_file_is_a_finding(tmp_path):
    doc = load_yaml_file(tmp_path / "missing.yaml", "missing.yaml")
    assert doc.findings[0].rule == "yaml" and "无法读取" in doc.findings[0].message


def test_non_string_keys_are_reported():
    doc = load("? [a, b]\n: 1\n")
    assert "字段名必须是简单文本" in doc.findings[0].message


def test_bounds_are_stated():
    assert loading.MAX_FILE_BYTES == 1 << 20
    assert loading.MAX_DEPTH == 64
    assert loading.MAX_NODES == 100_000


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_gives_a_document_never_an_exception(text):
    doc = load(text)
    assert isinstance(doc, Document)
    assert doc.data is None or isinstance(doc.data, dict)
    assert doc.ok == (not any(f.severity == "error" for f in doc.findings))


# PyYAML's emitter writes NEL and the Unicode line/paragraph separators raw, and
# its reader then folds them: a dumper quirk, not a loading question.
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x85\u2028\u2029"), max_size=20)
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | _text | st.dates(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_text.filter(bool), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_text.filter(bool), yaml_values, max_size=6))
def test_round_trip_of_arbitrary_structures(data):
    import yaml

    text = yaml.safe_dump(data, allow_unicode=True)
    doc = load(text)
    if doc.ok:  # a value YAML 1.1 would misread is flagged instead
        assert doc.data == data
    else:
        assert all(f.rule == "yaml" for f in doc.findings)

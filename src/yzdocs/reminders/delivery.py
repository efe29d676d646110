"""Sending through Apprise: one destination at a time, retried a bounded number of times, its
failure reported by its masked name while the others are still delivered. Nothing Apprise logs
is shown as it is: a reason is scrubbed of every secret value before it leaves this module."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from yzdocs.reminders.targets import TOKEN, VARIABLE, Destination, masked

RETRIES = 2  # after the first attempt: three in all
RETRY_WAIT = 1.0  # seconds between attempts (Apprise's own retry loop)


@dataclass(frozen=True)
class Delivery:
    destination: Destination
    ok: bool
    reason: str = ""  # why it failed, secrets masked

    @property
    def label(self) -> str:
        return self.destination.label


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a record that cannot format itself is not worth a crash
            pass


def _scrub(text: str, secrets: dict[str, str], url: str, written: str) -> str:
    """``text`` with the URL, every secret value and every token typed into the file hidden."""
    text = text.replace(url, "（推送地址）")
    for name, value in sorted(secrets.items(), key=lambda kv: -len(kv[1])):
        text = text.replace(value, "${" + name + "}")
    for token in sorted(set(TOKEN.findall(VARIABLE.sub("", written))), key=len, reverse=True):
        text = text.replace(token, masked(token))
    return text


def send(destination: Destination, title: str, body: str, environ, *, retries: int = RETRIES,
         wait: float = RETRY_WAIT) -> Delivery:
    """Deliver one message to one destination; never raises for a failure of the destination."""
    import apprise

    if missing := destination.missing(environ):
        return Delivery(destination, False, f"环境变量 {'、'.join(missing)} 未设置")
    url, secrets = destination.expanded(environ)
    asset = apprise.AppriseAsset(default_service_retry=retries, default_service_wait=wait)
    logger = logging.getLogger("apprise")
    collect = _Collect()
    saved = logger.handlers[:], logger.propagate, logger.level
    logger.handlers, logger.propagate = [collect], False  # its records may quote the URL: never printed raw
    logger.setLevel(logging.WARNING)
    try:
        sender = apprise.Apprise(asset=asset)
        if not sender.add(url):
            return Delivery(destination, False, "推送地址无法识别，请对照 docs/notify.md 检查写法")
        ok = sender.notify(body=body, title=title)
    except Exception as exc:  # a plugin's own bug must not stop the other destinations
        return Delivery(destination, False, _scrub(f"{type(exc).__name__}: {exc}", secrets, url, destination.url))
    finally:
        logger.handlers, logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])
    if ok:
        return Delivery(destination, True)
    said = f"：{collect.messages[-1]}" if collect.messages else ""
    return Delivery(destination, False, _scrub(f"共尝试 {retries + 1} 次均未成功{said}", secrets, url, destination.url))

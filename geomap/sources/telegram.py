"""Telegram Desktop chat exports (``result.json``): one document per channel post.

The export holds the chat's ``name``, ``type`` and numeric ``id`` and its
``messages``; a post has ``id``, ``type`` (``message`` or ``service``),
``date`` (the exporting computer's local time) with ``date_unixtime`` (UTC
seconds), ``text`` (a string, or a list of strings and entity objects),
``text_entities`` (``{"type", "text", ...}`` pieces), ``edited`` /
``edited_unixtime`` when it was changed later, and ``media_type`` for
stickers, photos and the like. A full account export nests chats under
``chats.list``.

A post's address is ``https://t.me/<public name>/<id>`` when the channel's
public name is known (``channel=`` or a ``telegram-channels.yaml`` mapping
beside the export or in a folder above it), else ``https://t.me/c/<id>/<post>``.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from .document import SourceRead, source_document
from .text import iso_minute

MAPPING_FILE = "telegram-channels.yaml"
_PUBLIC_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


def read_telegram(data: bytes, name: str, *, channel: str | None = None, where: Path | None = None) -> SourceRead:
    """Every post of every chat in the export that has text of its own."""
    try:
        export = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", name) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", name, f"line {exc.lineno}, column {exc.colno}") from None
    chats = _chats(export, name)
    if channel is not None and not _PUBLIC_NAME.match(channel.lstrip("@")):
        raise InputError(f"{channel!r} is not a Telegram public name (5-32 letters, digits, underscores)", name)
    mapping = _mapping(where) if channel is None and where is not None else {}
    out = SourceRead()
    for chat in chats:
        public = (channel.lstrip("@") if channel else None) or _public_name(chat, mapping)
        outlet = str(chat.get("name") or public or "Telegram")
        for i, msg in enumerate(chat.get("messages") or []):
            _post(msg, i, chat, public, outlet, name, out)
    return out


def _chats(export: Any, name: str) -> list[dict[str, Any]]:
    if isinstance(export, dict) and isinstance(export.get("messages"), list):
        return [export]
    listed = export.get("chats", {}).get("list") if isinstance(export, dict) and isinstance(export.get("chats"), dict) else None
    if isinstance(listed, list) and all(isinstance(c, dict) for c in listed):
        return listed
    raise InputError("not a Telegram Desktop export: no 'messages' list (export the chat history as JSON)", name)


def _post(msg: Any, i: int, chat: dict[str, Any], public: str | None, outlet: str, name: str, out: SourceRead) -> None:
    where = f"message {i + 1}"
    if not isinstance(msg, dict):
        out.failed.append(InputError("not a message object", name, where))
        return
    if msg.get("type") != "message":
        out.skip("service messages")
        return
    if msg.get("media_type") == "sticker":
        out.skip("stickers")
        return
    text = flatten(msg.get("text_entities") if isinstance(msg.get("text_entities"), list) else msg.get("text"))
    if not text.strip():
        out.skip("posts without text")
        return
    post = msg.get("id")
    doc_name = f"{name}#{post}"
    try:
        moment = message_time(msg.get("date"), msg.get("date_unixtime"))
    except ValueError:
        out.failed.append(InputError(f"message {post}: unreadable date {msg.get('date')!r}", name, where))
        return
    edited = None
    if msg.get("edited"):
        try:
            edited = iso_minute(message_time(msg.get("edited"), msg.get("edited_unixtime")))
        except ValueError:
            edited = str(msg.get("edited"))
    meta = {"url": post_url(chat, public, post), "outlet": outlet, "edited": edited,
            "forwarded_from": msg.get("forwarded_from"), "telegram_post": post}
    try:
        out.documents.append(source_document(doc_name, text, meta, iso_minute(moment)))
    except InputError as exc:
        out.failed.append(exc)


def flatten(text: Any) -> str:
    """Plain text from a post's ``text`` or ``text_entities``: every piece's own text, in order."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(p if isinstance(p, str) else str(p.get("text") or "") if isinstance(p, dict) else ""
                       for p in text)
    return ""


def message_time(local: Any, unixtime: Any) -> _dt.datetime:
    """The post's time to the minute with the exporter's UTC offset (local ``date`` minus ``date_unixtime``).

    Without ``date_unixtime`` the local time stands alone, with no offset.
    """
    moment = _dt.datetime.fromisoformat(str(local))
    if unixtime in (None, ""):
        return moment
    utc = _dt.datetime.fromtimestamp(int(unixtime), _dt.timezone.utc).replace(tzinfo=None)
    quarter = round((moment - utc).total_seconds() / 900) * 900  # offsets are whole quarter hours
    return moment.replace(tzinfo=_dt.timezone(_dt.timedelta(seconds=quarter)))


def post_url(chat: dict[str, Any], public: str | None, post: Any) -> str:
    """``https://t.me/<public>/<post>``, or the private form ``https://t.me/c/<chat id>/<post>``."""
    if public:
        return f"https://t.me/{public}/{post}"
    cid = str(chat.get("id", "")).lstrip("-")
    if cid.startswith("100") and len(cid) > 12:  # the Bot API's -100… form of a channel id
        cid = cid[3:]
    return f"https://t.me/c/{cid}/{post}"


def _public_name(chat: dict[str, Any], mapping: dict[str, str]) -> str | None:
    for key in (str(chat.get("id", "")).lstrip("-"), str(chat.get("name") or "")):
        if key and key in mapping:
            return mapping[key]
    return None


def _mapping(where: Path) -> dict[str, str]:
    """``telegram-channels.yaml`` (chat id or name → public name) in ``where`` or the nearest folder above."""
    import yaml

    for folder in (where, *where.resolve().parents):
        path = folder / MAPPING_FILE
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise InputError(f"not a mapping of chat id or name to public name: {exc}", path) from None
        if not isinstance(data, dict):
            raise InputError("expected 'chat id or name: public name' lines", path)
        out = {}
        for key, value in data.items():
            public = str(value or "").lstrip("@")
            if not _PUBLIC_NAME.match(public):
                raise InputError(f"{value!r} is not a Telegram public name", path, f"key {key!r}")
            out[str(key).lstrip("-")] = public
        return out
    return {}

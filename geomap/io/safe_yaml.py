"""YAML for hand-edited files: SafeLoader with bounded nesting and alias expansion, no duplicate keys.

A 670-byte "billion laughs" document (aliases of aliases) expands to billions
of values; a document nested 20,000 deep overflows the recursive composer.
Both are refused here with the line, as are duplicate keys (the later one
would silently win) and recursive aliases. Dates stay text, so a bad date
(``2024-02-30``) is reported by whoever reads it, not raised by PyYAML.
"""
from __future__ import annotations

from typing import Any

import yaml

from ..errors import InputError
from .limits import MAX_YAML_ALIAS_NODES, MAX_YAML_DEPTH


class _Refused(yaml.YAMLError):
    def __init__(self, problem: str, mark=None):
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


class _Bounds:
    """Counts nesting while composing and measures what aliases expand to (mixed into a SafeLoader)."""

    record_lines = False

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._aliases = False

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise _Refused(f"nested more than {MAX_YAML_DEPTH} levels deep", self.peek_event().start_mark)
            if self.check_event(yaml.AliasEvent):
                self._aliases = True
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_node(self):
        node = super().get_single_node()
        if node is not None and self._aliases:
            _check_expansion(node)
        return node


def _check_expansion(root) -> None:
    """Refuse a node graph whose aliases expand to more than MAX_YAML_ALIAS_NODES extra nodes, or a cycle."""
    sizes: dict[int, int] = {}
    seen_nodes = 0
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            kids = _children(node)
            sizes[key] = 1 + sum(sizes[id(k)] for k in kids)
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise _Refused("an alias refers to the value that contains it (recursive alias)", node.start_mark)
        seen_nodes += 1
        on_path.add(key)
        stack.append((node, True))
        for k in _children(node):
            if id(k) in on_path:
                raise _Refused("an alias refers to the value that contains it (recursive alias)", k.start_mark)
            if id(k) not in sizes:
                stack.append((k, False))
    total = sizes.get(id(root), 1)
    if total - seen_nodes > MAX_YAML_ALIAS_NODES:
        raise _Refused(f"aliases expand to more than {MAX_YAML_ALIAS_NODES:,} extra values", root.start_mark)


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [x for kv in node.value for x in kv]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


# Dates stay strings: a bad date is reported by validation, not a YAML crash.
_RESOLVERS = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader, node, deep=False):
    """A mapping whose keys are checked: hashable, not repeated. Records the mapping's line as ``_line``."""
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise _Refused("a mapping key is a list or mapping, not a name", key_node.start_mark) from None
        if key in mapping:
            raise _Refused(f"duplicate key {key!r} (line {key_node.start_mark.line + 1}); "
                           "the earlier value would be lost", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    if loader.record_lines:
        if "_line" in mapping:
            raise _Refused("field name '_line' is reserved by geomap", node.start_mark)
        mapping["_line"] = node.start_mark.line + 1
    return mapping


class BoundedLoader(_Bounds, yaml.SafeLoader):
    """SafeLoader, in pure Python, with the bounds: its errors are the messages users see."""

    yaml_implicit_resolvers = _RESOLVERS


class LineLoader(BoundedLoader):
    """BoundedLoader that also stores each mapping's first line as ``_line``."""

    record_lines = True


BoundedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LOADERS = {False: (BoundedLoader,), True: (LineLoader,)}

if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastBoundedLoader(_Bounds, yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor,
                             yaml.resolver.Resolver):
        """BoundedLoader whose scanning and parsing run in libyaml (about 5x faster); composing stays in
        Python, so the bounds see every node."""

        yaml_implicit_resolvers = _RESOLVERS

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._depth = 0
            self._aliases = False

    class _FastLineLoader(_FastBoundedLoader):
        record_lines = True

    _FastBoundedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    # a document libyaml refuses (or cannot be handed: a lone surrogate) is read again in pure Python,
    # so a user sees the same message, and what PyYAML accepts is still accepted
    _LOADERS = {False: (_FastBoundedLoader, BoundedLoader), True: (_FastLineLoader, LineLoader)}


def load_yaml(text: str, name: Any, *, lines: bool = False, what: str = "invalid YAML", line_offset: int = 0) -> Any:
    """One YAML document from ``text``, bounded; InputError naming ``name`` and the line otherwise."""
    *fast, loader = _LOADERS[bool(lines)]
    for first in fast:
        try:
            return yaml.load(text, Loader=first)  # noqa: S506 - a SafeLoader subclass
        except (yaml.YAMLError, ValueError, OverflowError, RecursionError):  # UnicodeEncodeError is a ValueError
            pass  # read again below, for the message
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1 + line_offset}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{what}: {problem}", name, where) from None
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. an int with too many digits
        raise InputError(f"{what}: {str(exc).splitlines()[0][:200]}", name) from None

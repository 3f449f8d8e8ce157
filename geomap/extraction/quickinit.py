"""A faster ``__init__`` for the frozen dataclasses extraction makes by the ten thousand per MB.

A frozen dataclass's generated ``__init__`` sets each field through ``object.__setattr__``,
four times slower than filling the instance's ``__dict__``; the classes stay frozen (their
``__setattr__`` still refuses), equal, hashable and picklable as before.
"""
from __future__ import annotations

from dataclasses import MISSING, fields


def quick_init(cls: type) -> type:
    """Replace frozen dataclass ``cls``'s ``__init__`` with one taking the same parameters (names,
    order, defaults) that writes its ``__dict__`` directly. Apply above ``@dataclass(frozen=True)``."""
    params = cls.__dataclass_params__
    if not params.frozen or "__slots__" in cls.__dict__ or hasattr(cls, "__post_init__"):
        raise TypeError(f"quick_init: {cls.__name__} must be a frozen dataclass without slots or __post_init__")
    names, env, args = [], {}, []
    for f in fields(cls):
        if not f.init or f.default_factory is not MISSING:
            raise TypeError(f"quick_init: {cls.__name__}.{f.name} needs a plain default")
        names.append(f.name)
        if f.default is MISSING:
            args.append(f.name)
        else:
            env[f"_default_{f.name}"] = f.default
            args.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    d[{n!r}] = {n}\n" for n in names)
    src = f"def __init__(self, {', '.join(args)}):\n    d = self.__dict__\n{body}"
    exec(src, env)  # noqa: S102 - source built above from the class's own field names
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls

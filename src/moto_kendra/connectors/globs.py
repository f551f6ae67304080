"""The globs of an S3 data source's InclusionPatterns and ExclusionPatterns.

Patterns are matched against a whole object key, relative to the bucket's root (a
leading ``/`` is the root): ``*`` and ``?`` stay within one path segment, ``**``
crosses segments (``**/`` also matches no folder at all), ``{a,b}`` is an alternation,
``[...]`` a character class and ``!(p)`` anything but ``p`` (data-source-s3.md).
"""

from __future__ import annotations

import functools
import re


def _glob_to_regex(pattern: str) -> str:
    """The regex body for a glob: ``*`` and ``?`` stay within one path segment, ``**``
    crosses segments (``**/`` also matches no directory at all), ``{a,b}`` is an
    alternation, ``[...]`` a character class and ``!(p)`` anything but ``p``."""
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = pattern.find("]", i + 2)
            if end == -1:
                out.append(re.escape(char))
                i += 1
                continue
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
            i = end + 1
        elif char == "{":
            end = pattern.find("}", i)
            if end == -1:
                out.append(re.escape(char))
                i += 1
                continue
            options = pattern[i + 1 : end].split(",")
            out.append("(?:" + "|".join(_glob_to_regex(option) for option in options) + ")")
            i = end + 1
        elif pattern.startswith("!(", i):
            end = pattern.find(")", i)
            if end == -1:
                out.append(re.escape(char))
                i += 1
                continue
            excluded = _glob_to_regex(pattern[i + 2 : end])
            rest = _glob_to_regex(pattern[end + 1 :])
            # Whatever fills this segment, the rest of the key must not read as
            # the excluded pattern followed by the rest of the glob.
            out.append(f"(?!(?:{excluded}){rest}$)[^/]*{rest}")
            return "".join(out)
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


@functools.lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """A glob of the S3 configuration, matched against a whole key (a leading ``/``,
    the bucket's root, is dropped)."""
    return re.compile(_glob_to_regex(pattern.lstrip("/")) + r"\Z", re.DOTALL)


def matches_glob(pattern: str, key: str) -> bool:
    return compile_glob(pattern).match(key) is not None

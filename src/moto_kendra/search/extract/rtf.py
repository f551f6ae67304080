"""Text of RTF documents: control words stripped, hidden groups (font and colour tables,
pictures, headers, the information group) skipped, ``\\title`` kept as the title."""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"\\([a-zA-Z]+)(-?\d+)? ?"  # control word, with an optional numeric parameter
    r"|\\'([0-9a-fA-F]{2})"  # a character by its code page byte
    r"|\\([^a-zA-Z])"  # control symbol
    r"|([{}])"
    r"|[\r\n]+"
    r"|([^\\{}\r\n]+)"
)
#: Destinations whose content is not document text.
_HIDDEN = frozenset(
    """fonttbl colortbl stylesheet info pict header headerl headerr headerf footer footerl
    footerr footerf object themedata colorschememapping datastore latentstyles listtable
    listoverridetable rsidtbl generator xmlnstbl mmathPr revtbl filetbl fldinst
    bkmkstart bkmkend comment author operator company keywords subject doccomm""".split()
)
_SPECIAL = {
    "par": "\n",
    "line": "\n",
    "sect": "\n\n",
    "page": "\n\n",
    "row": "\n",
    "tab": "\t",
    "cell": "\t",
    "emdash": "\u2014",
    "endash": "\u2013",
    "bullet": "\u2022",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
}
_SYMBOLS = {"~": "\u00a0", "-": "", "_": "\u2011", "\\": "\\", "{": "{", "}": "}", "\n": "\n"}


class _State:
    __slots__ = ("hidden", "title", "unicode_skip")

    def __init__(self, hidden: bool = False, title: bool = False, unicode_skip: int = 1) -> None:
        self.hidden = hidden
        self.title = title
        self.unicode_skip = unicode_skip

    def copy(self) -> _State:
        return _State(self.hidden, self.title, self.unicode_skip)


def rtf_text(document: str) -> tuple[str | None, str]:
    """``(title, text)`` of an RTF document (title None when it has none)."""
    state = _State()
    stack: list[_State] = []
    out: list[str] = []
    title: list[str] = []
    skip = 0  # characters still to skip after a \uN (its ANSI fallback)

    def emit(text: str) -> None:
        if state.title:
            title.append(text)
        elif not state.hidden:
            out.append(text)

    for match in _TOKEN.finditer(document):
        word, parameter, hex_byte, symbol, brace, text = match.groups()
        if brace == "{":
            stack.append(state.copy())
            skip = 0
        elif brace == "}":
            state = stack.pop() if stack else _State()
            skip = 0
        elif word is not None:
            if word == "title":
                state.title = True
            elif word in _HIDDEN:
                state.hidden = True
            elif word == "uc":
                state.unicode_skip = int(parameter or 1)
            elif word == "u" and parameter is not None:
                code = int(parameter)  # a signed 16-bit number
                code = code + 65536 if code < 0 else code
                emit(chr(code) if 0 <= code <= 0xFFFF else "\ufffd")
                skip = state.unicode_skip
            elif word in _SPECIAL:
                emit(_SPECIAL[word])
        elif hex_byte is not None:
            if skip:
                skip -= 1
            else:
                emit(bytes([int(hex_byte, 16)]).decode("cp1252", errors="replace"))
        elif symbol is not None:
            if symbol == "*":
                state.hidden = True
            elif symbol in _SYMBOLS:
                emit(_SYMBOLS[symbol])
        elif text is not None:
            if skip:
                dropped = min(skip, len(text))
                text, skip = text[dropped:], skip - dropped
            if text:
                emit(text)
    body = "\n".join(line.strip() for line in "".join(out).split("\n"))
    found = " ".join("".join(title).split())
    return found or None, re.sub(r"\n{3,}", "\n\n", body).strip()

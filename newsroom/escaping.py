"""HTML escaping for the parts of pages written in Python (cards, banner slots, the weather strip, menus).

`escape` gives what Django's `escape` and `html.escape` give: `&`, `<`, `>`, `"` and `'` as entities. Most of what
a page shows (Korean headlines, names, addresses) holds none of them, so one search finds that and returns the text
as it is: a front page escapes some three hundred values, and five replacements each cost more than the search.
"""

import html
import re

_SPECIAL = re.compile(r"[&<>\"']")


def escape(text: str) -> str:
    text = str(text)
    return html.escape(text) if _SPECIAL.search(text) else text

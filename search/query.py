"""What a visitor typed into the search box, checked before any search runs."""

import re
import unicodedata

from django.utils.translation import gettext as _

MAX_LENGTH = 200
WORD = re.compile(r"\w+")


class Query:
    def __init__(self, text="", words=(), error=""):
        self.text = text  # as typed (shown back in the box and the heading)
        self.words = list(words)  # what is searched for
        self.error = error  # why nothing was searched for, in the visitor's language

    @property
    def terms(self):
        return " ".join(self.words)


def _unsearchable(text):
    """NUL and other control characters, and U+FFFD, which stands for bytes that were not
    UTF-8 (Django decodes the query string with errors="replace")."""
    return any(
        char == "\ufffd" or (unicodedata.category(char) in {"Cc", "Cs"} and char not in "\t\n\r")
        for char in text
    )


def parse(request):
    values = request.GET.getlist("q")
    if not values:
        return Query()
    if len(values) > 1:
        return Query(error=_("Search for one thing at a time: the address holds several searches."))
    text = values[0]
    if _unsearchable(text):
        return Query(error=_("The search contains characters that cannot be searched for."))
    text = " ".join(text.split())
    if len(text) > MAX_LENGTH:
        return Query(
            text[:MAX_LENGTH],
            error=_("The search is too long: at most %(max)d characters.") % {"max": MAX_LENGTH},
        )
    if not text:
        return Query(error=_("Type what you are looking for."))
    words = WORD.findall(text)
    if not words:
        return Query(
            text, error=_("Search for words or numbers: »%(text)s« has none.") % {"text": text}
        )
    return Query(text, words)

"""Publishing: from the author's input (Markdown, dates, places) to the object we publish.

Exceptions:
    InputError(ValueError): the input is wrong; one line naming the key and what to fix, and
        `problems`, every problem found with the key it belongs to.
"""

from .build import build_publication
from .draft import CallDraft, Draft, EventDraft, PracticeDraft, Translation
from .errors import InputError, Problem
from .input import allowed_keys, parse_publication_input

__all__ = [
    "CallDraft",
    "Draft",
    "EventDraft",
    "InputError",
    "PracticeDraft",
    "Problem",
    "Translation",
    "allowed_keys",
    "build_publication",
    "parse_publication_input",
]

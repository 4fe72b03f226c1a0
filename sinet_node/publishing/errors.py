"""The one exception of the publishing package, and the problems it carries.

Exceptions:
    InputError(ValueError): a publication's input is wrong. Its message is one line that names
        the kind and the key and says what to fix (what the CLI prints); `problems` lists every
        problem found, each with the key it belongs to, so that a form can show each one next
        to its field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    `key` is the input key it belongs to, as a path (`name`, `location.name`, `tags[1]`,
    `translations.it.summary`), or None when it concerns the input as a whole; `text` says
    what is wrong without repeating the kind or the key ("must be after the start"), in words
    that suit a form as well as a file.
    """

    key: str | None
    text: str


class InputError(ValueError):
    """Bad `publish` input; the one-line message names the key and what to fix."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[Problem, ...] = tuple(problems) or (Problem(None, message),)

    @classmethod
    def combined(cls, errors: list[InputError]) -> InputError:
        """One error for several: the first one's message, every one's problems."""
        return cls(str(errors[0]), [problem for error in errors for problem in error.problems])

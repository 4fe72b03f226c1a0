"""The one exception of the publishing package.

Exceptions:
    InputError(ValueError): a publication's input is wrong; the message is one line that names
        the kind and the key, and says what to fix.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad `publish` input; the one-line message names the key and what to fix."""

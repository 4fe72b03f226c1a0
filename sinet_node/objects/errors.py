"""The one exception of the vocabulary package.

Exceptions:
    CodecError(ValueError): a document cannot be read or an object cannot be written; the
        message names the field (a dotted path such as ``object.startTime``) and what is wrong.
"""

from __future__ import annotations


class CodecError(ValueError):
    """A document is not a usable ActivityStreams object; the message names the field."""

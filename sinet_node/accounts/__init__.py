"""Accounts of the browser admin: who may log in (admins and editors), passwords,
sessions and the login rate limit. The rules live here; ``storage`` keeps the rows and
``web`` only parses forms and renders pages.

Errors: ``AccountError`` (a message for people, and the form field it is about), with
the subclasses ``BadCredentials`` and ``RateLimited`` (``retry_after`` seconds).
"""

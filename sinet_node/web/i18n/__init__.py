"""The interface in several languages: which language a page is in (``languages``), the
gettext catalogues (``catalogues``), a page's words and dates (``localiser``), the templates'
gettext (``jinja``) and the extraction of messages from the code (``messages``)."""

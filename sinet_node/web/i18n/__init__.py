"""The interface in several languages: which language a page is in (``languages``, settled
per request by ``middleware``), the gettext catalogues (``catalogues``), a page's words and
dates (``localiser``), the templates' gettext (``jinja``), marking words for translation
(``mark``) and extracting the messages from the code (``messages``). Code outside the web layer
translates through ``sinet_node.translation``."""

"""bovine-herd as an ASGI app for hypercorn: `hypercorn bovine_server:app` in the peer's directory.

Runs in bovine's own virtual environment (never imported by the test suite itself).
BOVINE_DB_URL points at the peer's SQLite file.
"""

import os

from bovine_herd import BovineHerd
from quart import Quart

app = Quart(__name__)
BovineHerd(app, db_url=os.environ["BOVINE_DB_URL"])

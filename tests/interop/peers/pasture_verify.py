"""fediverse-pasture's verify_actor server as an ASGI app for hypercorn.

Six test actors (signed and unsigned, some requiring signed GETs) post to the actor under
test and resolve it through WebFinger. PASTURE_DOMAIN is host:port this app is served on.
Runs in pasture's own virtual environment.
"""

import os

from fediverse_pasture.verify_actor import build_app

app = build_app(False, os.environ["PASTURE_DOMAIN"], False, 20)

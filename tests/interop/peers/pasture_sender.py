"""fediverse-pasture's single sending actor as an ASGI app for hypercorn (pasture_corpus.py)."""

from fediverse_pasture.data_provider import DataProvider
from fediverse_pasture.server.one_actor_app import app_for_data_provider

app = app_for_data_provider(DataProvider.generate_and_load(False))

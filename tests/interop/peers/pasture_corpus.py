"""Sends every fediverse-pasture-inputs example, each wrapped in a Create of a Note, to one actor.

    python pasture_corpus.py TARGET_ACTOR SENDER_URL RESULT.json
RESULT.json: {"total": N, "results": {name: {"status": int | str, "object": id}}}.
Prints a progress line every 25 samples. Runs in pasture's own virtual environment.
"""

import asyncio
import json
import logging
import sys
from pathlib import Path

from fediverse_pasture.one_actor import bovine_actor_and_session
from fediverse_pasture.runner import ActivitySender
from fediverse_pasture_inputs import available


async def send_all(target: str, sender_url: str) -> dict:
    samples = [
        (f"{name}/{index}", example)
        for name, inputs in sorted(available.items())
        for index, example in enumerate(inputs.examples)
    ]
    results: dict[str, dict] = {}
    async with bovine_actor_and_session(sender_url) as (bovine_actor, actor, _session):
        sender = ActivitySender.for_actor(bovine_actor, actor)
        sender.sleep_after_getting_inbox = False
        sender.retry_configuration.max_number_of_retries = 1
        for done, (name, example) in enumerate(samples, 1):
            sender.init_create_note(lambda note, example=example: {**note, **example})
            try:
                response = await sender.send(target)
                status: int | str = getattr(response, "status", "no response")
            except Exception as exc:  # a refusal raises; record it, go on with the next
                status = f"{type(exc).__name__}: {exc}"[:300]
            results[name] = {"status": status, "object": sender.note.get("id")}
            if done % 25 == 0 or done == len(samples):
                print(f"pasture corpus: {done}/{len(samples)} sent", flush=True)
    return {"total": len(samples), "results": results}


logging.basicConfig(level=logging.ERROR)
report = asyncio.run(send_all(sys.argv[1], sys.argv[2]))
Path(sys.argv[3]).write_text(json.dumps(report, indent=1), encoding="utf-8")

"""The words of the publishing forms that Python composes: field labels (also used to write an
error as a sentence, "Title is required") and hints. Marked with N_ for the catalogues and
translated where they are shown (gettext in the endpoint, _() in the template).
Exceptions: none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sinet_node.web.i18n.mark import N_

LABELS: Final = {
    "name": N_("Title"),
    "summary": N_("Summary"),
    "content": N_("Description"),
    "language": N_("Language"),
    "tags": N_("Hashtags"),
    "image": N_("Banner image"),
    "image_alt": N_("Description of the image"),
    "challenge": N_("Social challenge"),
    "country": N_("Country"),
    "city": N_("City"),
    "target_groups": N_("Target groups"),
    "innovation_type": N_("Type of innovation"),
    "evidence_level": N_("Strength of evidence"),
    "toolkit_urls": N_("Transfer toolkit links"),
    "partners": N_("Partners"),
    "start": N_("Start"),
    "end": N_("End"),
    "timezone": N_("Time zone"),
    "event_type": N_("Kind of event"),
    "join_mode": N_("How to join"),
    "capacity": N_("Places"),
    "status": N_("Status"),
    "location_name": N_("Place"),
    "location_address": N_("Address"),
    "latitude": N_("Latitude"),
    "longitude": N_("Longitude"),
    "online_url": N_("Online link"),
    "skills": N_("Skills needed"),
    "closes": N_("Closing date"),
    "remote": N_("The help can be given remotely"),
    "time_commitment": N_("Time commitment"),
    "how_to_respond": N_("How to respond"),
    "volunteers_needed": N_("Volunteers needed"),
    "lang": N_("Language"),
}


@dataclass(frozen=True)
class KindNames:
    """The titles of one kind's pages: whole sentences, so that every language can decline
    the noun as its grammar wants ("Delete the event?" is not "Delete the %(kind)s?")."""

    section: str
    new: str
    edit: str
    delete: str


KIND_NAMES: Final = {
    "practice": KindNames(
        N_("Practices"), N_("New practice"), N_("Edit the practice"), N_("Delete the practice?")
    ),
    "event": KindNames(
        N_("Events"), N_("New event"), N_("Edit the event"), N_("Delete the event?")
    ),
    "call": KindNames(
        N_("Calls for volunteers"),
        N_("New call for volunteers"),
        N_("Edit the call for volunteers"),
        N_("Delete the call for volunteers?"),
    ),
}
SECTIONS: Final = {"practice": "practices", "event": "events", "call": "calls"}

"""The other organisations of the demo network and what they publish (see demo_network).

Names, places and practice names come from the network's documents (shared/domain); the
descriptions are ours. Event and call dates are day offsets from the day the demo is made.
"""

from __future__ import annotations

from typing import Any

from sinet_node.demo_network import Organisation


def _practice(name: str, summary: str, content: str, **facts: Any) -> tuple[str, dict[str, Any]]:
    return "practice", {"name": name, "summary": summary, "content": content, **facts}


def _event(name: str, summary: str, content: str, **facts: Any) -> tuple[str, dict[str, Any]]:
    return "event", {"name": name, "summary": summary, "content": content, **facts}


def _call(name: str, summary: str, content: str, **facts: Any) -> tuple[str, dict[str, Any]]:
    return "call", {"name": name, "summary": summary, "content": content, **facts}


def _address(street: str, postal_code: str, city: str, country: str) -> dict[str, str]:
    return {
        "streetAddress": street,
        "postalCode": postal_code,
        "addressLocality": city,
        "addressCountry": country,
    }


ORGANISATIONS: list[Organisation] = [
    Organisation(
        username="porakanova",
        host="sinet.porakanova.example",
        name="PORAKA NOVA",
        kind="civil_society",
        city="Struga",
        country="MK",
        summary="Centre for improving the quality of life of persons with intellectual "
        "disability and their families.",
        language="en",
        timezone="Europe/Skopje",
        items=[
            _practice(
                "Supported living in small homes",
                "Adults with intellectual disability move from institutions into small "
                "shared homes in the town, with support staff on call.",
                "Three to five people share an ordinary flat. A support worker helps with "
                "cooking, money and appointments, and steps back as residents gain "
                "confidence.\n\n- each resident has a personal plan\n- families stay "
                "involved\n- neighbours are invited in from the start",
                tags=["disability", "deinstitutionalisation", "housing"],
                challenge="access to services for marginalised communities",
                target_groups=["persons with intellectual disability and their families"],
                country="MK",
                city="Struga",
                innovation_type="transform",
                evidence_level="correlation",
                partners=["Municipality of Struga"],
            ),
            _practice(
                "Parents' respite weekends",
                "Trained volunteers take over care for a weekend so that parents of "
                "children with disability can rest.",
                "Parents book a weekend a season. Volunteers who know the child from "
                "earlier visits run activities at the centre, and parents get two days "
                "for themselves or for their other children.",
                tags=["families", "respite", "volunteering"],
                challenge="volunteering and civic participation",
                target_groups=["persons with intellectual disability and their families"],
                country="MK",
                city="Struga",
                innovation_type="complement",
                evidence_level="anecdotal",
            ),
            _event(
                "Focus group: inclusive employment in Struga",
                "Employers, families and self-advocates talk about the first jobs that worked.",
                "A two-hour focus group on what helped people with intellectual disability "
                "find and keep a job, and what got in the way.",
                in_days=-12,
                at=(17, 0),
                event_type="focus_group",
                location={
                    "name": "PORAKA NOVA day centre",
                    "address": _address("Goce Delchev 12", "6330", "Struga", "MK"),
                },
            ),
            _call(
                "Weekend buddies for young adults",
                "Spend two Saturdays a month with a young adult with intellectual disability.",
                "Go to the market, the lake or a football match together. We train you "
                "first and stay in touch throughout.",
                skills=["patience", "Macedonian", "sports"],
                closes_in_days=40,
                location={
                    "name": "PORAKA NOVA day centre",
                    "address": _address("Goce Delchev 12", "6330", "Struga", "MK"),
                },
                time_commitment="two Saturdays a month",
                how_to_respond="Call the centre or write to buddies@porakanova.example",
            ),
        ],
    ),
    Organisation(
        username="unione",
        host="sinet.unione-assessorati.example",
        name="L'Unione degli Assessorati alle Politiche Socio-sanitarie",
        kind="civil_society",
        city="Palermo",
        country="IT",
        summary="Association of local social, health, education and labour councillors in Sicily.",
        language="it",
        timezone="Europe/Rome",
        items=[
            _practice(
                "Integrazione dei servizi sanitari e sociali",
                "Un unico punto di accesso ai servizi sanitari e sociali per le persone "
                "anziane, sull'esempio di Glasgow.",
                "Infermieri e assistenti sociali lavorano nella stessa squadra e con una "
                "sola valutazione, così la persona racconta la sua storia una volta sola.",
                tags=["salute", "anziani", "ACSI"],
                challenge="integration of health and social care",
                target_groups=["older people"],
                country="GB",
                city="Glasgow",
                innovation_type="reinvent",
                evidence_level="correlation",
                translations={
                    "en": {
                        "name": "Integration of Health and Social Care Services",
                        "summary": "One door to health and social care for older people, "
                        "after Glasgow's example.",
                        "content": "Nurses and social workers work in one team with one "
                        "assessment, so a person tells their story only once.",
                    }
                },
            ),
            _practice(
                "Jobs City",
                "Porto brings employers, schools and job seekers together in one place in "
                "the city centre.",
                "Jobs City combines a job centre, short courses chosen with local employers, "
                "and mentoring for people who have been out of work for a long time.",
                language="en",
                tags=["employment", "ACSI"],
                challenge="long-term unemployment",
                target_groups=["unemployed people"],
                country="PT",
                city="Porto",
                innovation_type="complement",
                evidence_level="correlation",
            ),
            _event(
                "Webinar: trasferire una pratica sociale",
                "Come adattare una pratica di un'altra città con un kit di trasferimento.",
                "Un'ora con esempi da Palermo e Bolognetta, e tempo per le domande.",
                in_days=9,
                at=(15, 30),
                hours=1,
                event_type="webinar",
                online_url="https://meet.unione-assessorati.example/trasferimento",
            ),
            _event(
                "Conference: social innovation in Sicilian municipalities",
                "Mayors and councillors present what their towns tried, and what they learnt.",
                "A day of short talks and round tables in Palermo, with the partners of the "
                "SINet network.",
                language="en",
                in_days=48,
                at=(9, 30),
                hours=7,
                event_type="conference",
                location={
                    "name": "Palazzo delle Aquile",
                    "address": _address("Piazza Pretoria 1", "90133", "Palermo", "IT"),
                },
            ),
        ],
    ),
    Organisation(
        username="youthineu",
        host="sinet.youthineu.example",
        name="Youth in the EU",
        kind="civil_society",
        city="Šibenik",
        country="HR",
        summary="Young people from Šibenik working on youth participation and employment.",
        language="en",
        timezone="Europe/Zagreb",
        items=[
            _practice(
                "YFI: youth for inclusion",
                "Stockholm pairs young people out of work with a personal mentor and a first "
                "work placement.",
                "Each young person gets a mentor of about their own age who has been through "
                "the same. Together they choose a placement with a local employer.",
                tags=["youth", "mentoring", "ACSI"],
                challenge="youth unemployment",
                target_groups=["young people", "unemployed people"],
                country="SE",
                city="Stockholm",
                innovation_type="complement",
                evidence_level="anecdotal",
            ),
            _practice(
                "Summer jobs desk",
                "A desk in the youth centre matches secondary school students with summer "
                "work in tourism and culture.",
                "Employers post short jobs; students come in with a CV they wrote in a "
                "workshop the week before. The desk follows up with both sides.",
                tags=["youth", "employment", "tourism"],
                challenge="youth unemployment",
                target_groups=["young people"],
                country="HR",
                city="Šibenik",
                innovation_type="improve",
                evidence_level="anecdotal",
                partners=["Municipality of Sibenik"],
            ),
            _event(
                "Training: writing a first CV",
                "A practical afternoon for 16-20 year olds.",
                "Bring a laptop if you have one. We write, print and practise a short interview.",
                in_days=-30,
                at=(16, 0),
                hours=3,
                event_type="training",
                location={
                    "name": "Youth centre Šibenik",
                    "address": _address("Ulica kralja Zvonimira 4", "22000", "Šibenik", "HR"),
                },
            ),
            _event(
                "Co-learning workshop: young people on municipal boards",
                "How Šibenik's youth council was set up, and how to start one in your town.",
                "Members of the youth council and city officials tell how it works in "
                "practice, then we plan first steps for your town in small groups.",
                in_days=23,
                at=(10, 0),
                hours=4,
                event_type="workshop",
                location={
                    "name": "Youth centre Šibenik",
                    "address": _address("Ulica kralja Zvonimira 4", "22000", "Šibenik", "HR"),
                },
                online_url="https://meet.youthineu.example/youth-council",
            ),
            _call(
                "Mentors for the summer jobs desk",
                "Help students prepare for their first job interview.",
                "One afternoon a week in June: read CVs, run practice interviews, share how "
                "you got your first job.",
                skills=["mentoring", "Croatian", "English"],
                closes_in_days=12,
                location={
                    "name": "Youth centre Šibenik",
                    "address": _address("Ulica kralja Zvonimira 4", "22000", "Šibenik", "HR"),
                },
                time_commitment="one afternoon a week in June",
            ),
            _call(
                "Translators for the youth exchange",
                "Translate short texts for a youth exchange between Šibenik and Alcorcón.",
                "Work from home at your own pace: posters, short letters and a programme.",
                skills=["translation", "Spanish", "Croatian"],
                closes_in_days=-6,
                remote=True,
            ),
        ],
    ),
    Organisation(
        username="solidaridad",
        host="sinet.solidaridadsinfronteras.example",
        name="Solidaridad Sin Fronteras",
        kind="civil_society",
        city="Madrid",
        country="ES",
        summary="Training and employment for migrants and refugees in Madrid.",
        language="es",
        timezone="Europe/Madrid",
        items=[
            _practice(
                "Itinerarios de empleo para personas migrantes",
                "Cursos cortos, prácticas en empresas y acompañamiento hasta el primer contrato.",
                "Cada persona tiene una tutora que la acompaña desde la primera entrevista "
                "hasta seis meses después de empezar a trabajar.",
                tags=["empleo", "migración"],
                challenge="integration of migrants and refugees",
                target_groups=["migrants and refugees", "unemployed people"],
                country="ES",
                city="Madrid",
                innovation_type="improve",
                evidence_level="correlation",
            ),
            _practice(
                "5Ponts",
                "In Nantes, one building brings together housing, a restaurant and work for "
                "people in precarious situations.",
                "Emergency housing, social housing, a canteen open to the neighbourhood and "
                "an integration workshop share one address, so people move between them "
                "without starting over.",
                language="en",
                tags=["housing", "inclusion", "ACSI"],
                challenge="social inclusion of people in precarious situations",
                target_groups=["marginalised communities"],
                country="FR",
                city="Nantes",
                innovation_type="transform",
                evidence_level="anecdotal",
            ),
            _call(
                "Voluntariado: clases de español",
                "Da clases de español dos tardes a la semana a personas recién llegadas.",
                "Grupos pequeños, materiales preparados y una coordinadora que te acompaña.",
                skills=["teaching", "Spanish"],
                closes_in_days=55,
                location={
                    "name": "Solidaridad Sin Fronteras",
                    "address": _address("Calle de Embajadores 44", "28012", "Madrid", "ES"),
                },
                time_commitment="dos tardes a la semana",
            ),
        ],
    ),
    Organisation(
        username="uia",
        host="sinet.uia.example",
        name="Universitetet i Agder",
        kind="university",
        city="Kristiansand",
        country="NO",
        summary="University of Agder: research on social isolation, health and welfare services.",
        language="en",
        timezone="Europe/Oslo",
        items=[
            _practice(
                "Relais Accueil Petite Enfance",
                "Nantes gives parents of young children one place to find childcare and support.",
                "A network of welcome points helps families, including those furthest from "
                "services, find a childcare place and meet other parents.",
                tags=["children", "families", "ACSI"],
                challenge="children at risk of exclusion",
                target_groups=["marginalised communities"],
                country="FR",
                city="Nantes",
                innovation_type="improve",
                evidence_level="anecdotal",
            ),
            _practice(
                "Measuring loneliness in municipal services",
                "A short questionnaire that home-care staff use to notice loneliness early.",
                "We tested five questions with home-care teams in Agder. Staff ask them at "
                "the regular visit, and a coordinator follows up within two weeks.",
                tags=["loneliness", "research", "I2I"],
                challenge="social isolation and loneliness",
                target_groups=["older people"],
                country="NO",
                city="Kristiansand",
                innovation_type="improve",
                evidence_level="attribution",
                partners=["Arendal Kommune", "Aarhus Kommune"],
            ),
            _call(
                "Interviewers for a study on loneliness",
                "Phone older people who agreed to talk about how connected they feel.",
                "We train you online in one evening; then you call from home, at times "
                "that suit you, with a short guide of questions.",
                skills=["interviewing", "Norwegian", "English"],
                closes_in_days=28,
                remote=True,
                time_commitment="four hours a week for two months",
                how_to_respond="Write to i2i-study@uia.example",
            ),
            _event(
                "Conference: from isolation to inclusion",
                "Researchers and municipalities of the North Sea region share what reduces "
                "loneliness.",
                "Two days of results from the I2I partners, with visits to local projects.",
                in_days=75,
                at=(9, 0),
                hours=8,
                event_type="conference",
                location={
                    "name": "University of Agder, campus Kristiansand",
                    "address": _address("Universitetsveien 25", "4630", "Kristiansand", "NO"),
                },
            ),
        ],
    ),
    Organisation(
        username="aarhus",
        host="sinet.aarhus.example",
        name="Aarhus Kommune",
        kind="municipality",
        city="Aarhus",
        country="DK",
        summary="The municipality of Aarhus: health and care for citizens of every age.",
        language="en",
        timezone="Europe/Copenhagen",
        items=[
            _practice(
                "Community dining for older citizens",
                "Local care centres open their dining rooms to older neighbours who eat alone.",
                "Volunteers collect guests who find it hard to go out. A shared meal twice a "
                "week became the start of walking groups and card clubs.",
                tags=["loneliness", "food", "I2I"],
                challenge="social isolation and loneliness",
                target_groups=["older people"],
                country="DK",
                city="Aarhus",
                innovation_type="complement",
                evidence_level="correlation",
            ),
            _event(
                "Study visit: community dining",
                "See two Aarhus care centres at lunchtime and talk with volunteers and guests.",
                "For staff of municipalities and NGOs planning something similar.",
                in_days=33,
                at=(11, 30),
                hours=3,
                event_type="training",
                location={
                    "name": "Lokalcenter Vejlby",
                    "address": _address("Vejlby Centervej 44", "8240", "Aarhus", "DK"),
                },
            ),
            _call(
                "Drivers for community dining",
                "Drive older guests to lunch and back, once a week.",
                "Use your own car; fuel is paid. A coordinator plans the routes.",
                skills=["driving", "Danish"],
                closes_in_days=90,
                location={
                    "name": "Lokalcenter Vejlby",
                    "address": _address("Vejlby Centervej 44", "8240", "Aarhus", "DK"),
                },
            ),
        ],
    ),
]

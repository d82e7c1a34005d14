"""The shipped rule packs, as data. ``demo.load`` copies them into the database,
where corpus admins can edit them; the evaluation reads them from here.

Thresholds are in metres (areas in m², slopes as rise/run). ``eval_class``
groups rules measuring the same thing across packs.
"""

from __future__ import annotations

ADA_2010 = {
    "slug": "ada-2010",
    "name": "2010 ADA Standards for Accessible Design (selected)",
    "description": "Door clear width, accessible route width, stair risers and treads, "
    "ramp slope and vertical clearance from the 2010 ADA Standards (US).",
    "parameters": {},
    "rules": [
        {
            "code": "ADA-404.2.3",
            "measurement": "door_width",
            "applies_to": "doors",
            "comparator": ">=",
            "threshold": 0.815,
            "units": "m",
            "jurisdiction": "US",
            "code_name": "2010 ADA Standards",
            "clause_id": "404.2.3",
            "clause_title": "Doors: clear width",
            "review_margin": 0.005,
        },
        {
            "code": "ADA-403.5.1",
            "measurement": "corridor_width",
            "applies_to": "corridors",
            "comparator": ">=",
            "threshold": 0.915,
            "units": "m",
            "jurisdiction": "US",
            "code_name": "2010 ADA Standards",
            "clause_id": "403.5.1",
            "clause_title": "Accessible routes: clear width",
            "review_margin": 0.01,
        },
        {
            "code": "ADA-504.2-riser",
            "measurement": "stair_riser",
            "applies_to": "stairs",
            "comparator": "between",
            "threshold": 0.100,
            "threshold_max": 0.180,
            "units": "m",
            "jurisdiction": "US",
            "code_name": "2010 ADA Standards",
            "clause_id": "504.2",
            "clause_title": "Stairways: treads and risers (riser height)",
            "review_margin": 0.001,
        },
        {
            "code": "ADA-504.2-tread",
            "measurement": "stair_tread",
            "applies_to": "stairs",
            "comparator": ">=",
            "threshold": 0.280,
            "units": "m",
            "jurisdiction": "US",
            "code_name": "2010 ADA Standards",
            "clause_id": "504.2",
            "clause_title": "Stairways: treads and risers (tread depth)",
            "review_margin": 0.002,
        },
        {
            "code": "ADA-405.2",
            "measurement": "ramp_slope",
            "applies_to": "ramps",
            "comparator": "<=",
            "threshold": 1 / 12,
            "units": "ratio",
            "jurisdiction": "US",
            "code_name": "2010 ADA Standards",
            "clause_id": "405.2",
            "clause_title": "Ramps: slope",
            "review_margin": 0.002,
        },
        {
            "code": "ADA-307.4",
            "measurement": "door_height",
            "applies_to": "doors",
            "comparator": ">=",
            "threshold": 1.980,
            "units": "m",
            "jurisdiction": "US",
            "code_name": "2010 ADA Standards",
            "clause_id": "307.4",
            "clause_title": "Vertical clearance (door stops and closers: 1980 mm)",
            "review_margin": 0.0,
        },
    ],
}

GENERIC_EGRESS = {
    "slug": "generic-egress",
    "name": "Generic egress (limits set by the engineer)",
    "description": "Exit travel distance, dead-end corridors, corridor and stair widths. "
    "Defaults follow IBC 2021 for a sprinklered building; set the limits "
    "your jurisdiction requires.",
    "parameters": {
        "travel_distance_m": 45.0,
        "dead_end_m": 15.0,
        "corridor_width_m": 1.12,
        "stair_width_m": 1.12,
    },
    "rules": [
        {
            "code": "EGR-travel",
            "measurement": "travel_distance",
            "applies_to": "rooms",
            "comparator": "<=",
            "threshold": 45.0,
            "parameter": "travel_distance_m",
            "units": "m",
            "jurisdiction": "engineer-set",
            "code_name": "IBC 2021",
            "clause_id": "1017.2",
            "clause_title": "Exit access travel distance",
            "review_margin": 0.5,
        },
        {
            "code": "EGR-dead-end",
            "measurement": "dead_end",
            "applies_to": "corridors",
            "comparator": "<=",
            "threshold": 15.0,
            "parameter": "dead_end_m",
            "units": "m",
            "jurisdiction": "engineer-set",
            "code_name": "IBC 2021",
            "clause_id": "1020.5",
            "clause_title": "Dead ends (sprinklered)",
            "review_margin": 0.3,
        },
        {
            "code": "EGR-corridor",
            "measurement": "corridor_width",
            "applies_to": "corridors",
            "comparator": ">=",
            "threshold": 1.12,
            "parameter": "corridor_width_m",
            "units": "m",
            "jurisdiction": "engineer-set",
            "code_name": "IBC 2021",
            "clause_id": "1020.2",
            "clause_title": "Corridor width",
            "review_margin": 0.01,
        },
        {
            "code": "EGR-stair-width",
            "measurement": "stair_width",
            "applies_to": "stairs",
            "comparator": ">=",
            "threshold": 1.12,
            "parameter": "stair_width_m",
            "units": "m",
            "jurisdiction": "engineer-set",
            "code_name": "IBC 2021",
            "clause_id": "1011.2",
            "clause_title": "Stairway width",
            "review_margin": 0.01,
        },
    ],
}

METRO_PARAMETERS = {
    # NFPA 130 (2020) style capacities, per mm of clear width per minute.
    "platform_rate_p_per_mm_min": 0.0819,
    "stair_rate_p_per_mm_min": 0.0555,
    "walking_speed_m_per_min": 38.0,
    "platform_clear_limit_min": 4.0,
    "point_of_safety_limit_min": 6.0,
    "edge_deduction_mm": 0.0,
}

SHIPPED_PACKS = [ADA_2010, GENERIC_EGRESS]

# The eval class a measurement belongs to (planted-violation classes and the rest).
EVAL_CLASS = {
    "door_width": "door_width",
    "corridor_width": "corridor_width",
    "stair_tread": "stair_tread",
    "dead_end": "dead_end",
    "travel_distance": "travel_distance",
    "stair_riser": "stair_riser",
    "stair_width": "stair_width",
    "door_height": "door_height",
    "room_area": "room_area",
    "ramp_slope": "ramp_slope",
}


def pack_by_slug(slug: str) -> dict:
    for pack in SHIPPED_PACKS:
        if pack["slug"] == slug:
            return pack
    raise KeyError(slug)

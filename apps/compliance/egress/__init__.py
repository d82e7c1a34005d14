"""Egress geometry on a plan: exits, travel distance, dead ends, corridor clear widths.

Travel is measured on a grid over the free floor (rooms, corridors and open
door leaves), 8-connected without cutting corners, so routes bend around walls
the way people walk. Corridor widths use erosion: a route is as wide as the
largest disc that can travel between its doors.
"""

from apps.compliance.egress.corridor_ends import dead_ends
from apps.compliance.egress.measure import Measure
from apps.compliance.egress.pinches import corridor_widths
from apps.compliance.egress.travel import Room, rooms_of, travel_distances
from apps.compliance.egress.ways_out import escape_portals, exit_geometries, region_graph

__all__ = [
    "Measure",
    "Room",
    "corridor_widths",
    "dead_ends",
    "escape_portals",
    "exit_geometries",
    "region_graph",
    "rooms_of",
    "travel_distances",
]

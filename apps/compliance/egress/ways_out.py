"""Ways out of a plan: exits, the graph of regions joined by doors, and the doors
of a corridor that lead on to an exit."""

from __future__ import annotations

import networkx as nx

from apps.compliance.plan import Plan
from apps.compliance.regions import Region


def exit_geometries(plan: Plan) -> list[tuple[str, object]]:
    """Where travel ends: exterior doors and stairs (vertical exits)."""
    exits = [(d.id, d.plug) for d in plan.doors if d.is_exterior]
    exits += [(s.id, s.footprint) for s in plan.stairs]
    return exits


def region_graph(plan: Plan) -> nx.MultiGraph:
    g = nx.MultiGraph()
    g.add_nodes_from([r.id for r in plan.regions] + [-1])
    for d in plan.doors:
        if len(d.regions) >= 2:
            a, b = d.regions[0], d.regions[1]
            g.add_edge(a, b, door=d.id)
    for s in plan.stairs:
        for r in plan.regions:
            if r.polygon.intersects(s.footprint):
                g.add_edge(r.id, f"exit:{s.id}")
    g.add_edge(-1, "exit:outside")
    return g


def escape_portals(plan: Plan, corridor: Region, graph: nx.MultiGraph) -> list[tuple[str, object]]:
    """Ways out of a corridor that lead on to an exit without coming back through it."""
    reduced = graph.copy()
    reduced.remove_node(corridor.id)
    exit_nodes = [n for n in reduced.nodes if isinstance(n, str) and n.startswith("exit:")]
    portals = []
    for d in plan.doors:
        if corridor.id not in d.regions:
            continue
        others = [r for r in d.regions if r != corridor.id]
        if -1 in others or any(
            o in reduced and any(nx.has_path(reduced, o, x) for x in exit_nodes) for o in others
        ):
            portals.append((d.id, d.plug))
    for s in plan.stairs:
        if corridor.polygon.intersects(s.footprint):
            portals.append((s.id, s.footprint.intersection(corridor.polygon.buffer(0.05))))
    return portals

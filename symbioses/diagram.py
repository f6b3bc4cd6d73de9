"""Turns symbioses into the network diagram: partners are nodes, symbioses are edges."""

from .network import Edge, Node, layout


def network_diagram(symbioses, request=None):
    nodes, edges = {}, []
    for symbiose in symbioses:
        source, target = symbiose.source_and_target
        if source is None or target is None:
            continue
        for partner in (source, target):
            if partner.pk not in nodes:
                nodes[partner.pk] = Node(
                    key=f"p{partner.pk}",
                    label=partner.title,
                    kind=partner.kind,
                    url=partner.get_url(request),
                )
        edges.append(
            Edge(
                key=f"s{symbiose.pk}",
                source=f"p{source.pk}",
                target=f"p{target.pk}",
                label=symbiose.resource,
                url=symbiose.get_url(request),
                directed=bool(symbiose.flow),
            )
        )
    return layout(list(nodes.values()), edges) if edges else None

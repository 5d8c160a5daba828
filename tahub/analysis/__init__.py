"""Analysis over the store: counts, hotspots, flows, trends, networks, risk, narratives."""

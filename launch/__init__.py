"""The launch content: the Om text, its English rendering and the commands that load them.

It sits above `pages` and `symbioses` and may import both; neither of them imports it.
"""

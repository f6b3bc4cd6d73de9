"""The launch content: the Om text, the English brochure and the commands that load them.

It sits above `pages` and `symbioses` and may import both; neither of them imports it.
"""

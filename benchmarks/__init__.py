"""`make bench`: how fast each page type is served, rendered afresh and from the page cache.

1. Builds a throwaway site in a temp dir: SQLite, launch content and example symbioses.
2. Measures each page type in this process with production settings (Django's test client):
   SQL queries and median server time, uncached and cached.
3. Serves the site with gunicorn (production settings, 2 workers) and loads each page with wrk
   at 1, 8 and 32 connections, each run right after one of a copy of the Om page served as a
   static file by whitenoise: the "static limit" a cached page is compared with. At the target's
   8 connections this is done in several rounds and the median ratio is judged.
4. Prints the tables. Writes nothing into the repository, except `--write-docs`, which puts
   the results into docs/performance.md.

`python -m benchmarks.run` (`make bench`). Exit status: 0 when every page type meets the target, 1 when one does not, 2 on a setup error.
"""

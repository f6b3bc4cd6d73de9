"""Bad input never breaks the site: every public address, with any query string, header or
path (NUL bytes, invalid UTF-8, huge and repeated values, odd headers), answers with the page
or a clear 400/404 in the address's language (Danish, English under /en/), never a 5xx
(issue 14, "Bad input").

A property-based test (Hypothesis) drives the real middleware stack through Django's test
client, with production's DEBUG = False and exceptions turned into responses, as gunicorn
would see them. Reproducible in CI: derandomized, a bounded number of examples."""

import re
from urllib.parse import quote, quote_from_bytes

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

# The addresses of the launch content that are not pages (pages are added from the database).
DERIVED = [
    "/symbioser/data.json",
    "/symbioser/data.csv",
    "/symbioser/data-excel.csv",
    "/en/symbioses/data.json",
    "/symbioser/feed.atom",
    "/en/symbioses/feed.atom",
    "/nyheder/feed.atom",
    "/en/news/feed.atom",
    "/temagrupper/energi/feed.atom",
    "/driftsforstyrrelser.atom",
    "/soeg/",
    "/en/search/",
    "/sitemap.xml",
    "/status.json",
    "/robots.txt",
    "/.well-known/security.txt",
    "/brochure.pdf",
    "/en/brochure.pdf",
    "/healthz",
    "/was",
    "/documents/1/x.pdf",
]
# Parameters the site reads (the catalogue's filters, pages, search), and some it does not.
KNOWN_PARAMETERS = ["dimension", "tema", "status", "partnertype", "page", "q", "utm_source"]

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def public_paths():
    pages = Page.objects.live().public().specific()
    return sorted({page.url for page in pages if page.url} | set(DERIVED))


# Values: text of any kind, raw bytes (NUL, invalid UTF-8 such as %FF, overlong and surrogate
# encodings), huge.
raw_bytes = st.binary(max_size=20).map(quote_from_bytes)
nasty = st.sampled_from(
    ["%00", "%FF", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%", "%G1", "x" * 10_000]
)
text = st.text(max_size=30).map(lambda value: quote(value, safe=""))
value = st.one_of(raw_bytes, nasty, text, st.integers().map(str))
key = st.one_of(st.sampled_from(KNOWN_PARAMETERS), raw_bytes, nasty)
pair = st.tuples(key, value).map(lambda kv: f"{kv[0]}={kv[1]}")
query = st.one_of(
    st.lists(pair, max_size=6).map("&".join),
    st.tuples(pair, st.integers(2, 300)).map(lambda p: "&".join([p[0]] * p[1])),  # repeated
    nasty,
)
path_tail = st.one_of(st.just(""), raw_bytes, nasty, text.map(lambda t: f"{t}/"))


@st.composite
def addresses(draw, paths):
    path = draw(st.sampled_from(paths))
    tail = draw(path_tail)
    if tail and draw(st.booleans()):
        path = f"{path.rstrip('/')}/{tail}"
    elif tail:
        path = f"/{tail}"
    return path, draw(query)


latin1 = st.text(st.characters(max_codepoint=255, exclude_characters="\r\n"), max_size=60)
HEADERS = {
    "HTTP_ACCEPT_LANGUAGE": st.one_of(latin1, st.just("da;q=x,,en-GB;q=-1,*;q=1e999")),
    # Host variants ALLOWED_HOSTS accepts (case, port, trailing dot), and one it refuses.
    "HTTP_HOST": st.sampled_from(
        [
            "localhost",
            "LOCALHOST",
            "localhost.",
            "localhost:8000",
            "127.0.0.1:80",
            "[::1]",
            "evil.example",
            "localhost:99999999",
            "",
        ]
    ),
    "HTTP_COOKIE": st.one_of(latin1, st.just("sessionid=\x00; csrftoken=%FF; =;;a")),
    "HTTP_IF_NONE_MATCH": st.one_of(latin1, st.just('W/"\x00", *, "')),
    "HTTP_IF_MODIFIED_SINCE": st.one_of(latin1, st.just("Mon, 99 Foo 99999 99:99:99 GMT")),
    "HTTP_RANGE": st.one_of(
        latin1, st.sampled_from(["bytes=5-1", "bytes=-0", "bytes=99999999999999999999-"])
    ),
    "HTTP_ACCEPT_ENCODING": latin1,
    "HTTP_X_FORWARDED_FOR": latin1,
    "HTTP_X_FORWARDED_PROTO": latin1,
}
headers = st.fixed_dictionaries({}, optional=HEADERS)


def assert_answered(response, path, body=True):
    assert response.status_code < 500, (response.status_code, path)
    if body and response.status_code in (400, 404):
        english = path.startswith("/en/")
        html = response.content.decode()
        assert re.search(r'<html lang="en"' if english else r'<html lang="da"', html), path
        assert ("Go to the front page" if english else "Gå til forsiden") in html, path


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def paths(launch):
    return public_paths()


def test_bad_queries_and_paths_never_give_a_server_error(paths, visitor):
    @SETTINGS
    @given(address=addresses(paths))
    def check(address):
        path, query_string = address
        response = visitor.get(f"{path}?{query_string}" if query_string else path)
        assert_answered(response, path)

    check()


def test_bad_headers_never_give_a_server_error(paths, visitor):
    @SETTINGS
    @given(path=st.sampled_from(paths), extra=headers, method=st.sampled_from(["get", "head"]))
    def check(path, extra, method):
        response = getattr(visitor, method)(path, **extra)
        assert_answered(response, path, body=method == "get")

    check()


# Plain regressions of what the property test found ---------------------------------------


@pytest.mark.parametrize("path", ["/", "/en/", "/symbioser/data.json"])
def test_a_host_that_is_not_allowed_gets_a_400_page_in_the_addresss_language(launch, visitor, path):
    response = visitor.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert_answered(response, path)


def test_too_many_parameters_get_a_danish_400_page(launch, visitor):
    # More than DATA_UPLOAD_MAX_NUMBER_FIELDS (10,000).
    response = visitor.get("/symbioser/?" + "&".join(["a=1"] * 10_001))
    assert response.status_code == 400
    assert_answered(response, "/symbioser/")

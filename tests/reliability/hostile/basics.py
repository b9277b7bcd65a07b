"""A well-behaved corner of the hostile store: a home page and robots.txt, as a baseline."""

from tests.reliability.hostile import Reply, Request, page, route


@route("/")
def home(request: Request) -> Reply:
    return Reply(body=page("Hostile store", "<h1>Hostile store</h1><p>Every other path misbehaves.</p>"))


@route("/robots.txt")
def robots(request: Request) -> Reply:
    """Allows all; a store started for one test can serve other rules through ``state["robots.txt"]``."""
    return Reply(body=request.store.state.get("robots.txt", "User-agent: *\nAllow: /\n"), content_type="text/plain")

"""The web UI and JSON API over a store (FastAPI), served by ``tracewire serve``.

``create_app`` joins the JSON routes (``api``), the HTML pages (``pages``, each the twin of a
JSON route built from the same query) and the static files (our scripts and styles, and the npm
libraries that ``make web`` copies into ``static/vendor``). Everything from articles is escaped
before it reaches HTML, and a Content-Security-Policy allows scripts from this server only, no
inline script, and images from elsewhere only from a tile server the operator configured.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tracewire import __version__
from tracewire.errors import TracewireError
from tracewire.serve import api, pages
from tracewire.serve.html import esc, page
from tracewire.serve.site import Site
from tracewire.store import db_location, open_store

STATIC = Path(__file__).resolve().parent / "static"


def content_security_policy(site: Site) -> str:
    images = " ".join(x for x in ("'self'", "data:", site.tile_origin()) if x)
    return (f"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src {images}; "
            "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(db: str, *, tiles: str | None = None, nlp: Any = None, max_upload: int | None = None) -> FastAPI:
    """The app over the store at ``db``. ``tiles`` is a tile URL template (https) for online users
    (default: ``$TRACEWIRE_TILES``, else the offline country map); ``nlp`` a loaded spaCy pipeline
    for uploads (default: loaded on the first upload)."""
    app = FastAPI(title="tracewire", version=__version__,
                  description="Evidence-linked knowledge graph of armed groups, leaders and states.")
    site = Site.from_env(db, tiles=tiles, nlp=nlp, max_upload=max_upload)
    app.state.site = site
    open_store(db).close()  # create and migrate the store once, before the first request
    csp = content_security_policy(site)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    for router in api.routers:
        app.include_router(router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def error(request: Request, status: int, detail: Any) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=status)
        text = detail if isinstance(detail, str) else "the request is not valid"
        return HTMLResponse(page("Error", f"<h1>{esc(text)}</h1>"), status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 422, jsonable_encoder(exc.errors()) if request.url.path.startswith("/api/")
                     else "the request's parameters are not valid")

    @app.exception_handler(TracewireError)
    async def user_error(request: Request, exc: TracewireError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(OverflowError)
    async def out_of_range(request: Request, exc: OverflowError) -> Response:
        # a number or date in the request beyond what the store or the calendar can hold
        return error(request, 400, "a number or date in the request is out of range")

    return app


def app_from_env() -> FastAPI:
    """The app over ``$TRACEWIRE_DB`` (tiles from ``$TRACEWIRE_TILES``): what each process of
    ``tracewire serve --workers N`` runs."""
    return create_app(db_location(None))

"""One module per group of pages; each exposes `router`. PAGES lists the signed-in pages."""

from tahub.web.routes import (
    admin,
    auth,
    departments,
    exports,
    flows,
    maps,
    networks,
    overview,
    saved,
    search,
    trends,
    upload,
)

PAGE_MODULES = (auth, overview, maps, departments, upload, search, exports, flows, trends, networks,
                admin, saved)
PAGES = ("/", "/map", "/upload", "/search", "/search?kind=documents&q=report", "/exports",
         "/routes", "/trends", "/networks", "/account")

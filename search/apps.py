import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    """Oscar's search app, forked so /shop/search/ searches the database (see catalogue/search.py)."""

    name = "search"

"""Oscar loads `search.views.FacetedSearchView`; ours is the database-backed product search."""

from catalogue.views import ProductSearchView as FacetedSearchView  # noqa: F401

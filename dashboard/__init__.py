"""Forks of Oscar's dashboard: the root app (for class loading), ``orders`` and ``catalogue``."""

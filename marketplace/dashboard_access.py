"""Who sees our own entries in Oscar's dashboard menu."""


def staff_only(user, url_name, url_args=None, url_kwargs=None) -> bool:
    return user.is_staff


def cooperative_or_staff(user, url_name, url_args=None, url_kwargs=None) -> bool:
    return user.is_staff or user.has_perm("partner.dashboard_access")


def cooperative_only(user, url_name, url_args=None, url_kwargs=None) -> bool:
    return not user.is_staff and user.has_perm("partner.dashboard_access")

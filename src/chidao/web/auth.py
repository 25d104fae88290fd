"""Login throttling: django-axes' backend, checked on every login made over HTTP."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses a locked-out user name and address; logs nobody in by itself.

    Logins without a request (the shell, commands, Django's test client) have no address
    to throttle, so they are left to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

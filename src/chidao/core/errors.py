"""Errors raised by service functions. Messages are in Vietnamese: they are shown on screens."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused action. ``message`` is shown to the user as is."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class AccessDenied(ServiceError):
    pass


class InvalidTransition(ServiceError):
    pass


class Conflict(ServiceError):
    """Someone else changed the record since it was read."""


class NotFound(ServiceError):
    pass

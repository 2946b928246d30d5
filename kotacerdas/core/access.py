"""Access primitives that know no domain: who is signed in, who is the program office,
`require`, and the registry that tells who may read an object's audit trail.

Policy lives in each app's own `access.py` (region scoping in `regions/access.py`, which
every region-scoped app stands on). Apps register their audit rules in
`AppConfig.ready()`, so core never imports them.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model

from kotacerdas.core.roles import Role

AuditRule = Callable[[Any, Any], bool]
_audit_rules: dict[type[Model], AuditRule] = {}


def authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def has_role(user: Any, *roles: str) -> bool:
    return authenticated(user) and user.role in roles


def is_program_office(user: Any) -> bool:
    return authenticated(user) and (user.is_superuser or user.role == Role.PROGRAM_OFFICE)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def require_program_office(user: Any) -> None:
    require(is_program_office(user))


def register_audit_rule(model: type[Model], rule: AuditRule) -> None:
    """`rule(user, obj)` tells whether the user may read the audit trail of `obj`
    (an instance of `model` or of a subclass). Called from an app's `ready()`."""
    _audit_rules[model] = rule


def can_view_object_audit(user: Any, obj: Any) -> bool:
    """The audit trail of an object is visible to those who may see the object; an object
    no app registered a rule for shows its trail to the program office only."""
    if is_program_office(user):
        return True
    rule = next((_audit_rules[c] for c in type(obj).__mro__ if c in _audit_rules), None)
    return bool(rule and rule(user, obj))

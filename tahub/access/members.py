"""Organisations, users and sharing groups: the operations behind `tahub orgs|users|groups`."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tahub.access.context import ORG_TYPES, ROLES, NotFound
from tahub.access.passwords import hash_password
from tahub.errors import UsageError
from tahub.store.access_tables import SharingGroup, SharingGroupMember, User
from tahub.store.tables import Organisation

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 12


def add_organisation(session: Session, name: str, type_: str) -> Organisation:
    """A new member organisation; UsageError for an unknown type or a name in use."""
    name = name.strip()
    if not name:
        raise UsageError("an organisation needs a name")
    if type_ not in ORG_TYPES:
        raise UsageError(f"unknown organisation type '{type_}'; use one of {', '.join(ORG_TYPES)}")
    if session.scalar(select(Organisation.id).where(Organisation.name == name)) is not None:
        raise UsageError(f"an organisation called '{name}' already exists")
    org = Organisation(name=name, type=type_)
    session.add(org)
    session.flush()
    return org


def organisation_named(session: Session, name: str) -> Organisation:
    org = session.scalar(select(Organisation).where(Organisation.name == name))
    if org is None:
        raise NotFound(f"unknown organisation '{name}' (add it with `tahub orgs add`)")
    return org


def add_user(session: Session, email: str, org_name: str, role: str, password: str) -> User:
    """A new user of `org_name`; the password is kept only as an argon2 hash."""
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise UsageError(f"'{email}' is not an email address")
    if role not in ROLES:
        raise UsageError(f"unknown role '{role}'; use one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"the password must have at least {MIN_PASSWORD} characters")
    if session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise UsageError(f"a user '{email}' already exists")
    user = User(email=email, organisation_id=organisation_named(session, org_name).id,
                role=role, password_hash=hash_password(password), active=True,
                failed_logins=0)
    session.add(user)
    session.flush()
    return user


def add_group(session: Session, name: str, org_names: list[str]) -> SharingGroup:
    """A sharing group of existing organisations (at least one)."""
    name = name.strip()
    if not name:
        raise UsageError("a sharing group needs a name")
    if not org_names:
        raise UsageError("a sharing group needs at least one --org")
    if session.scalar(select(SharingGroup.id).where(SharingGroup.name == name)) is not None:
        raise UsageError(f"a sharing group called '{name}' already exists")
    orgs = [organisation_named(session, o) for o in dict.fromkeys(org_names)]
    group = SharingGroup(name=name)
    session.add(group)
    session.flush()
    session.add_all(SharingGroupMember(group_id=group.id, organisation_id=o.id) for o in orgs)
    session.flush()
    return group


def group_named(session: Session, name: str) -> SharingGroup:
    group = session.scalar(select(SharingGroup).where(SharingGroup.name == name))
    if group is None:
        raise NotFound(f"unknown sharing group '{name}' (add it with `tahub groups add`)")
    return group

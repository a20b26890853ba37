"""Who may change data: editors from the secrets with [auth], or anyone while the app is bound to localhost.

With [auth] configured only users whose e-mail is listed under `[netzwerkradar] editors` in the secrets
may change data; everyone else reads. Without [auth], changing is on only while the app listens on
localhost (Streamlit's default): anyone who can reach a network-bound app could otherwise change it.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

LOCAL_ADDRESSES = ("", "127.0.0.1", "localhost", "::1")
EDITORS_SECTION = "netzwerkradar"


@dataclass(frozen=True)
class Access:
    """Whether this session may change data, as whom (for the change log), and why, in German."""

    can_edit: bool
    who: str
    note: str


def auth_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (OIDC): then only logged-in users see data."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: the app runs open
        return False


def editors() -> list[str]:
    """The editors' e-mail addresses from the secrets, lower case."""
    try:
        listed = st.secrets.get(EDITORS_SECTION, {}).get("editors", [])
    except Exception:  # no secrets file
        return []
    return [str(e).strip().lower() for e in listed if str(e).strip()]


def access() -> Access:
    """The current session's right to change data."""
    if auth_configured():
        email = str(getattr(st.user, "email", "") or "").strip().lower()
        if getattr(st.user, "is_logged_in", False) and email and email in editors():
            return Access(True, email, f"Angemeldet als {email}: Sie dürfen Daten ändern (als Bearbeiter:in "
                                       "eingetragen). Jede Änderung wird mit Ihrer Adresse protokolliert.")
        return Access(False, email, "Sie können die Daten lesen. Ändern dürfen nur die in den Einstellungen "
                                    "(secrets.toml, [netzwerkradar] editors) eingetragenen Bearbeiter:innen.")
    address = str(st.get_option("server.address") or "").strip().lower()
    if address in LOCAL_ADDRESSES:
        return Access(True, "lokal (ohne Anmeldung)",
                      "Ohne Anmeldung ([auth] ist nicht eingerichtet) ist Ändern nur eingeschaltet, weil die App nur "
                      "auf diesem Rechner erreichbar ist (server.address = localhost). Wird sie im Netz "
                      "freigegeben, ist Ändern aus, bis [auth] und Bearbeiter:innen eingerichtet sind.")
    return Access(False, "", f"Ändern ist ausgeschaltet: Die App ist im Netz erreichbar (server.address = {address}) "
                             "und [auth] ist nicht eingerichtet. Richten Sie die Anmeldung ein und tragen Sie "
                             "Bearbeiter:innen unter [netzwerkradar] editors ein.")

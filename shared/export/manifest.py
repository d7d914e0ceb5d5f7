"""`.claude-plugin/plugin.json`: the plugin's name, version, description and author."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from shared.export import text
from shared.export.files import PluginFile, json_file

PACK_NAME = "finagents"
MAX_PLUGIN_NAME = 64


@dataclass(frozen=True)
class PluginIdentity:
    """Who the plugin is for and which build it is: every file that names the plugin
    (manifest, skills' metadata, agents' plugin-scoped tool names) reads it from here."""

    name: str
    version: str
    client: str


def plugin_name(client: str) -> str:
    """`finagents-acme-ltd` for the client "Acme Ltd"; `finagents` with no client. Claude
    Code wants kebab-case starting with a letter, which the `finagents-` prefix gives."""
    folded = unicodedata.normalize("NFKD", client).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return f"{PACK_NAME}-{slug}"[:MAX_PLUGIN_NAME].rstrip("-") if slug else PACK_NAME


def plugin_version(pack_version: str, built_at: datetime, token: str) -> str:
    """The pack's version plus a semver build part that differs on every export: the
    time to the second and a random token (two exports in one second still differ)."""
    return f"{pack_version}+export.{built_at:%Y%m%d%H%M%S}.{token}"


def manifest_file(identity: PluginIdentity) -> PluginFile:
    description = text.one_line("plugin_description.txt.j2", client=identity.client)
    return json_file(".claude-plugin/plugin.json", {
        "name": identity.name,
        "version": identity.version,
        "description": description,
        "author": {"name": PACK_NAME},
        "license": "Apache-2.0",
        "keywords": ["finance", "kyc", "earnings", "month-end-close", "citations"],
    })

"""JK404's policy names stages, phases or parts: a key that names none of them is a
configuration error with its line, not a policy silently never applied.

A stage id is known only once the journeys are read, so this runs after loading, on the
whole workspace (a lint of one file reads them all), and only when JK404 runs.
"""

from __future__ import annotations

from journeykit.checks.lintsettings import LintSettings, raise_at, rule_code
from journeykit.loader.schema_errors import did_you_mean
from journeykit.model.phases import Part
from journeykit.workspace.discovery import Workspace
from journeykit.workspace.project import Project

CODE = "JK404"


def check_policy_keys(workspace: Workspace, project: Project, settings: LintSettings) -> None:
    """Raise ConfigError at the first policy key that names no stage id of any journey,
    no phase of the workspace and no part a phase plays."""
    if CODE not in settings.enabled or workspace.config_file is None:
        return
    policy = settings.options.get(CODE, {}).get("policy")
    if not isinstance(policy, dict) or not policy:
        return
    stages = {s.id for j in project.journeys.values() for s in j.item.stages}
    phases = list(project.config.journeys.phases)
    known = {*stages, *phases, *(p.value for p in Part)}
    unknown = [str(k) for k in policy if str(k) not in known]
    if not unknown:
        return
    key = unknown[0]
    near = did_you_mean(key, sorted(known))
    message = (
        f"{key!r} names no stage id, phase or part of this workspace"
        + (f" ({near})" if near else "")
        + f"; its phases: {', '.join(phases)}"
    )
    table = next((k for k in project.config.lint.rules if rule_code(k) == CODE), CODE)
    raise_at(workspace, (["rules", table, "policy", key], message))

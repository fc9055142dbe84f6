"""A suppression comment names no lint rule.

The code is misspelt, belongs to a rule that does not exist, or names a built-in check
(JK0-JK2: reading, schema and references), which cannot be suppressed: a file that does
not load is never silently skipped.

Fails:

```yaml
version: 1
id: web-order  # journeykit: disable=JK3O5
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}  # journeykit: disable=JK601
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```
"""

from __future__ import annotations

from journeykit.checks.rules.base import EngineRule
from journeykit.findings import Severity

RULE = EngineRule(
    code="JK902",
    name="invalid-suppression",
    severity=Severity.WARNING,
    doc=__doc__ or "",
)

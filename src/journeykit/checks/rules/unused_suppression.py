"""A suppression comment names a code that it silences nowhere.

`# journeykit: disable=JK305` that matches no finding is left over from a problem since
fixed, or sits on the wrong line. It then hides nothing today but would hide a real
finding tomorrow: remove it. Codes of rules that did not run (not selected or ignored)
are not reported.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - id: pay  # journeykit: disable=JK304
    name: Checkout
    stage: buy
    channel: web
    kind: action
    owner: E-commerce team
    end: true
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - id: pay  # journeykit: disable=JK304
    name: Checkout
    stage: buy
    channel: web
    kind: action
    owner: E-commerce team
```
"""

from __future__ import annotations

from journeykit.checks.rules.base import EngineRule
from journeykit.findings import Severity

RULE = EngineRule(
    code="JK901",
    name="unused-suppression",
    severity=Severity.WARNING,
    doc=__doc__ or "",
)

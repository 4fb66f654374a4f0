"""Where the school's policy texts are kept: shared/policy, beside the repository."""

from __future__ import annotations

from pathlib import Path

# tests/helpers/policy_texts.py -> parents[3] is the folder that holds both the repository
# (main/) and the shared policy texts (shared/policy/).
POLICY_DIR = Path(__file__).resolve().parents[3] / "shared" / "policy"

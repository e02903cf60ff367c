"""Slow answers for a whole process, to test what happens while an answer is pending: put this folder
first on PYTHONPATH and set NIANBAO_TEST_SLOW_ANSWER_S; every `qa.answer` call then waits that long
first. Used by the browser test of a page switch during a pending answer (real answers over the
samples take ~0.2 s, too short to switch pages during)."""
from __future__ import annotations

import os
import time

_DELAY = float(os.environ.get("NIANBAO_TEST_SLOW_ANSWER_S") or 0)

if _DELAY > 0:
    import qa

    _answer = qa.answer

    def slow_answer(*args, **kwargs):
        time.sleep(_DELAY)
        return _answer(*args, **kwargs)

    qa.answer = slow_answer

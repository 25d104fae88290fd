"""The extraction engine is pure Python: importing and running it loads no Django module."""

import subprocess
import sys

CODE = """
import sys
import chidao.extraction.pipeline as p
import chidao.extraction.command
p.extract("Chiều 19/8/2021, thu ngân sách đạt 380 tỷ đồng.")
bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(bad))
"""


def test_pipeline_imports_no_django():
    env_free = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=120
    )
    assert env_free.stdout.strip() == ""

"""CI runs exactly the README's two commands: keep them from drifting apart."""

from conftest import ROOT

INSTALL = "pip install -r requirements.txt && npm ci && jupyter-book build . -W -n --keep-going"
TEST = "pytest"


def test_readme_and_ci_run_the_same_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert f"```bash\n{INSTALL}\n```" in readme
    assert f"```bash\n{TEST}\n```" in readme
    assert INSTALL in ci_lines and TEST in ci_lines


def test_torch_is_pinned_to_the_cpu_wheel():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "torch==2.13.0" in lines
    pins = [ln for ln in lines if ln and not ln.startswith(("#", "-e"))]
    assert all("==" in ln for ln in pins), [ln for ln in pins if "==" not in ln]

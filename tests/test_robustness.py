"""Robustness: large input, no network, the fetcher and Jinja confined, interrupted builds recover."""
from __future__ import annotations

import subprocess
import sys
import time
import pytest
from click.testing import CliRunner

from conftest import MINI_MODULE, ROOT
from generator.cli import main
from generator.render import pdf


def test_five_megabyte_module_refused_quickly(make_guide, tmp_path):
    big = MINI_MODULE + ("\n**Filler** - " + "word " * 200 + "\n") * 5000
    assert len(big.encode()) > 5_000_000
    src = make_guide({"01-first.md": big})
    out = tmp_path / "out"
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["build", "--source", str(src), "--out", str(out)])
    assert time.perf_counter() - started < 10
    assert result.exit_code == 1
    assert "01-first.md: error: is 5." in result.stderr and "limited to 1 MiB" in result.stderr
    assert not out.exists()


def test_jinja_autoescapes():
    template = pdf.jinja().from_string("{{ x }} {{ x | md }}")
    assert template.render(x="<script>") == "&lt;script&gt; &lt;script&gt;"


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://127.0.0.1:9/x.png", "https://example.com/a.css",
                                 "data:text/plain,hi", "file://" + str(pdf.TEMPLATES) + "/../pyproject.toml"])
def test_fetcher_refuses_outside_templates(url):
    with pytest.raises(ValueError):
        pdf.fetcher().fetch(url)


def test_fetcher_serves_templates():
    response = pdf.fetcher().fetch((pdf.TEMPLATES / "fonts.css").as_uri())
    assert b"StudySans" in response.read()


NO_NETWORK = """
import sys
def hook(event, args):
    remote = event == "urllib.Request" and not str(args[0]).startswith("file:")  # templates are read as file URLs
    if remote or event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname"):
        raise RuntimeError(f"network access during build: {event} {args!r}")
sys.addaudithook(hook)
from generator.cli import main
main(["build", "--source", sys.argv[1], "--out", sys.argv[2]])
"""


def test_build_never_touches_network(tmp_path):
    """A full build of a guide that links and embeds remote URLs, under an audit hook that forbids sockets."""
    src = tmp_path / "src"
    subprocess.run(["cp", "-r", str(ROOT / "tests/fixtures/mini"), str(src)], check=True)
    module = src / "modules" / "01-metrics.md"
    module.write_text(module.read_text() + "\n**Remote** - See ![x](http://127.0.0.1:9/x.png) and [docs](https://example.com). <img src=\"https://example.com/y.png\">\n")
    run = subprocess.run([sys.executable, "-c", NO_NETWORK, str(src), str(tmp_path / "out")],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "network access" not in run.stderr


def test_network_hook_would_catch_a_connection(tmp_path):
    """Control for the test above: the same audit hook stops a real connection attempt."""
    code = NO_NETWORK.split("from generator.cli")[0] + "import urllib.request\nurllib.request.urlopen('http://127.0.0.1:9/')\n"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and "network access during build" in run.stderr

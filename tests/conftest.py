"""Shared test setup: generated modules go to a temporary cache folder, never ~/.cache, and
every pass checks the intermediate form it hands on (``sct.ir.verify``)."""
import os

import pytest

import sct.ir

sct.ir.VERIFY = True


@pytest.fixture(scope="session", autouse=True)
def sct_cache_dir(tmp_path_factory):
    """Point $SCT_CACHE_DIR at a fresh folder for the whole session."""
    saved = os.environ.get("SCT_CACHE_DIR")
    os.environ["SCT_CACHE_DIR"] = str(tmp_path_factory.mktemp("sct-cache"))
    yield os.environ["SCT_CACHE_DIR"]
    if saved is None:
        del os.environ["SCT_CACHE_DIR"]
    else:
        os.environ["SCT_CACHE_DIR"] = saved

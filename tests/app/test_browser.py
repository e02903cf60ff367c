"""The app in a real browser: `streamlit run app.py` on a loopback port, headless Chromium driven by
selenium, the headline question typed into the chat, the answer and its cited cell checked on screen.

Needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: apt-get install chromium chromium-driver).
Outside CI a machine without them skips; in CI (CI=true) it must run, so a missing browser fails.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

import pytest

from tests.app.apphelpers import ROOT, app_env
from tests.support.servers import free_port, running

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
QUESTION = "Which district spent most on procurement?"
IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false")

pytestmark = pytest.mark.slow


def _require_browser():
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        why = f"{', '.join(missing)} missing: apt-get install chromium chromium-driver"
        if IN_CI:
            pytest.fail(f"the browser test must run in CI: {why}")
        pytest.skip(why)
    try:
        import selenium  # noqa: F401
    except ModuleNotFoundError:
        if IN_CI:
            pytest.fail("the browser test must run in CI: the selenium package is not installed")
        pytest.skip("the selenium package is not installed (pip install selenium)")


FLAGS = ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"]


@contextlib.contextmanager
def _serve(db: Path, tmp_path: Path, flags: list[str] = FLAGS, env: Optional[dict[str, str]] = None):
    """The app on a free loopback port; `flags=[]` leaves every setting to the project's config, as
    scripts/app.sh does; `env` replaces the test embedder environment."""
    _require_browser()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), *flags]
    with running(command, f"{url}/_stcore/health", tmp_path / "streamlit.log", cwd=ROOT,
                 env=env if env is not None else {**os.environ, **app_env(db)}):
        yield url


@pytest.fixture
def server(sample_db: Path, tmp_path: Path):
    with _serve(sample_db, tmp_path) as url:
        yield url


@pytest.fixture
def pdf_server(tmp_path: Path):
    """The two real PDF reports, tables only (the PDFs stay where they were read from)."""
    from ingest.pipeline import ingest_paths
    db = tmp_path / "pdfdb"
    summary = ingest_paths([ROOT / "tests" / "fixtures" / "pdf"], db, index_passages=False)
    assert not summary.failed
    with _serve(db, tmp_path) as url:
        yield url


@pytest.fixture
def browser(tmp_path: Path):
    _require_browser()  # every test that drives the browser: skipped outside CI without one, failed in CI
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1400,1600", "--lang=zh-CN", f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def test_headline_question_in_a_real_browser(server: str, browser, tmp_path: Path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 90)
    browser.get(server)
    box = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
    box.send_keys(QUESTION)
    box.send_keys(Keys.ENTER)

    metric = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='stMetricValue']")))
    assert "475,976.05" in metric.text
    messages = browser.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")
    assert len(messages) == 2, [m.text for m in messages]
    answer = messages[-1]
    assert "鄞州区统计局" in answer.text

    _open_sources(browser, answer)
    cell = wait.until(EC.visibility_of_element_located(
        (By.XPATH, "//*[@data-testid='stExpander']//td[contains(., '475976.05元')]")))
    row = cell.find_element(By.XPATH, "./ancestor::tr").text
    assert "鄞州区统计局" in row and "政府集中采购" in row and "91" in row, row
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-testid='stException']")

    time.sleep(0.5)  # let the expander finish opening before the picture
    shot = tmp_path / "answer.png"
    assert browser.save_screenshot(str(shot)), "the screenshot was not written"
    assert shot.stat().st_size > 10_000
    if os.environ.get("NIANBAO_SCREENSHOT"):  # a copy to look at (the tmp folder goes away)
        shutil.copy(shot, os.environ["NIANBAO_SCREENSHOT"])


def _open_sources(browser, answer) -> None:
    from selenium.webdriver.common.by import By

    sources = next(e for e in answer.find_elements(By.CSS_SELECTOR, "[data-testid='stExpander'] summary")
                   if "Sources" in e.text)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", sources)
    sources.click()


def _keep(browser, tmp_path: Path, name: str) -> None:
    """A screenshot of what the test saw (and a copy at $NIANBAO_SCREENSHOT-<name>.png to look at)."""
    shot = tmp_path / f"{name}.png"
    assert browser.save_screenshot(str(shot)), "the screenshot was not written"
    assert shot.stat().st_size > 10_000
    if os.environ.get("NIANBAO_SCREENSHOT"):
        shutil.copy(shot, str(os.environ["NIANBAO_SCREENSHOT"]).replace(".png", f"-{name}.png"))


def _ask(browser, wait, question: str, answers_before: int):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC

    box = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")) >= answers_before + 2
               and not d.find_elements(By.CSS_SELECTOR, "[data-testid='stSpinner']"))
    # the answer's bubble can be drawn (its avatar, or the "Looking it up…" wait line) a moment before the
    # spinner element shows: wait for the answer's own text
    wait.until(lambda d: _answered(d.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")[-1]))
    time.sleep(1.0)  # the follow script runs 250 ms after the answer is drawn
    return browser.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")[-1]


def _answered(message) -> bool:
    """A chat message holds an answer: text beyond its avatar's icon name, and not the wait line."""
    from selenium.common.exceptions import StaleElementReferenceException
    try:
        text = message.text.replace("smart_toy", "").replace("face", "").strip()
    except StaleElementReferenceException:  # redrawn while read: not there yet
        return False
    return len(text) > 10 and "Looking it up" not in text


SCROLLER = "return document.querySelector('[data-testid=\"stAppScrollToBottomContainer\"]') || document.scrollingElement;"


def test_rankings_follow_ups_and_the_page_following_the_newest_answer(server: str, browser, tmp_path: Path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 90)
    browser.get(server)
    ranking = _ask(browser, wait, "各单位政府集中采购金额排名", 0)
    # the whole ranking in the visible table, with a bar chart and a receipt to download
    rows = ranking.find_elements(By.CSS_SELECTOR, "[data-testid='stDataFrame']")
    assert rows, ranking.text
    assert "鄞州区统计局" in ranking.text and "排序" in ranking.text
    assert ranking.find_elements(By.CSS_SELECTOR, "[data-testid='stVegaLiteChart'], .vega-embed")
    assert any("Receipt" in b.text for b in ranking.find_elements(By.CSS_SELECTOR, "[data-testid='stDownloadButton']"))

    second = _ask(browser, wait, "第二名呢？", 2)
    assert "第2高的是福州市鼓楼区统计局" in second.text, second.text

    # the ranking mixes 2019 and 2020 reports: its "只看2020年" button asks it again, narrowed
    narrow = next(b for b in ranking.find_elements(By.CSS_SELECTOR, "button") if "只看2020年" in b.text)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", narrow)
    narrow.click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")) >= 6
               and "排序" in d.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")[-1].text)
    time.sleep(1.0)
    messages = browser.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")
    assert "2020年各单位政府集中采购金额排名" in messages[-2].text
    narrowed = messages[-1].text
    assert "鄞州区统计局" not in narrowed and "2019" not in narrowed and "福州市鼓楼区统计局" in narrowed, narrowed
    _keep(browser, tmp_path, "narrowed")

    # read an earlier answer's sources: scroll to the top, then ask; the page must bring the new answer in
    scroller = browser.execute_script(SCROLLER)
    browser.execute_script("arguments[0].scrollTop = 0;", scroller)
    time.sleep(0.3)
    assert browser.execute_script("return arguments[0].scrollTop;", scroller) == 0
    newest = _ask(browser, wait, "鹿城区统计局2020年收到多少件申请？", 6)
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top;", newest)
    height = browser.execute_script("return window.innerHeight;")
    assert browser.execute_script("return arguments[0].scrollTop;", scroller) > 0
    assert 0 <= top < height, (top, height)  # the new answer is on screen
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-testid='stException']")
    _keep(browser, tmp_path, "follow")


def test_a_pdf_citation_shows_its_page_with_the_row_marked(pdf_server: str, browser, tmp_path: Path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 90)
    browser.get(pdf_server)
    answer = _ask(browser, wait, "洪泽区政府2024年收到多少件申请？", 0)
    assert "总计：95" in answer.text, answer.text
    _open_sources(browser, answer)
    picture = wait.until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, "[data-testid='stExpander'] [data-testid='stImage'] img")))
    cell = answer.find_element(By.XPATH, ".//*[@data-testid='stExpander']//td[contains(., '第3页 第30行')]")
    assert "95" in cell.find_element(By.XPATH, "./ancestor::tr").text
    caption = answer.find_element(By.CSS_SELECTOR, "[data-testid='stExpander'] [data-testid='stImageCaption']")
    caption = caption.get_attribute("textContent")
    assert "第3页" in caption and "黄框" in caption, caption
    assert picture.size["width"] > 300
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", picture)
    time.sleep(0.5)
    _keep(browser, tmp_path, "pdf-page")


@pytest.fixture
def writable_server(sample_db: Path, tmp_path: Path):
    db = tmp_path / "db"
    shutil.copytree(sample_db, db)
    with _serve(db, tmp_path) as url:
        yield url, db


def _agency_copy(folder: Path, city: str, province: str) -> Path:
    """The 福州市鼓楼区统计局 sample moved to another city, saved under the name many agencies use."""
    from nianbao.config import SAMPLES_DIR
    text = (SAMPLES_DIR / "000_2133ae744f48d674.txt").read_text(encoding="utf-8")
    for old, new in (("福州市", city + "市"), ("福州", city), ("福建省", province), ("福建", province[:-1])):
        text = text.replace(old, new)
    folder.mkdir()
    path = folder / "2020年政府信息公开工作年度报告.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_two_tabs_upload_two_reports_of_the_same_file_name(writable_server, browser, tmp_path: Path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from app_support.catalog import Catalog

    url, db = writable_server
    files = [_agency_copy(tmp_path / "a", "南京", "江苏省"), _agency_copy(tmp_path / "b", "徐州", "江苏省")]
    wait = WebDriverWait(browser, 120)
    tabs = []
    for path in files:  # each tab picks its file before either has finished
        if tabs:
            browser.switch_to.new_window("tab")
        browser.get(url)
        upload = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='stFileUploaderDropzoneInput']"))
        upload.send_keys(str(path))
        tabs.append(browser.current_window_handle)
    for handle in tabs:
        browser.switch_to.window(handle)
        wait.until(lambda d: "已导入" in d.find_element(By.CSS_SELECTOR, "[data-testid='stSidebar']").text)
    names = {r["agency_full"] for r in Catalog.load(db).reports}
    assert {"南京市鼓楼区统计局", "徐州市鼓楼区统计局", "福州市鼓楼区统计局"} <= names, names
    assert len(Catalog.load(db).reports) == 7
    _keep(browser, tmp_path, "two-tabs")


GUARD = ROOT / "tests" / "support" / "socket_guard"


def _listeners(port: int) -> list[str]:
    """Local addresses listening on `port` (from /proc/net/tcp and tcp6, hex as the kernel writes them)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in list(f)[1:]:
                local, state = line.split()[1], line.split()[3]
                addr, _, hexport = local.rpartition(":")
                if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
                    found.append(addr)
    return found


def test_the_app_and_an_ingest_stay_on_this_machine(browser, tmp_path: Path):
    """With the real embedding model and the project's own settings (no flags): an ingest and the app
    answering in a browser make no connection, lookup or listener beyond loopback (every attempt is
    logged and refused by tests/support/socket_guard)."""
    from selenium.webdriver.support.ui import WebDriverWait

    from nianbao.config import SAMPLES_DIR

    log = tmp_path / "network.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIANBAO_")}
    env.update(PYTHONPATH=os.pathsep.join([str(GUARD), str(ROOT)]), NIANBAO_SOCKET_GUARD_LOG=str(log),
               NIANBAO_DB=str(tmp_path / "db"))
    ingest = subprocess.run([sys.executable, "-m", "nianbao.cli", "ingest", str(SAMPLES_DIR)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    assert not log.exists(), log.read_text()[:3000]
    with _serve(tmp_path / "db", tmp_path, flags=[], env=env) as url:
        port = int(url.rsplit(":", 1)[1])
        assert _listeners(port) == ["0100007F"], _listeners(port)  # 127.0.0.1 only, no IPv6 any-address
        wait = WebDriverWait(browser, 180)
        browser.get(url)
        table = _ask(browser, wait, QUESTION, 0)
        assert "鄞州区统计局" in table.text
        passage = _ask(browser, wait, "温泉街道存在哪些主要问题？", 2)
        assert "温泉" in passage.text and "Sources" in passage.text
    assert not log.exists(), log.read_text()[:3000]


def test_a_page_switch_during_a_pending_answer_loses_nothing(sample_db: Path, browser, tmp_path: Path):
    """Ask, switch to the Reports page while the answer is pending (answers slowed to 4 s by
    tests/support/slow_answers), come back: the question is there once, with its answer."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    question = "温泉街道存在哪些主要问题？"
    env = {**os.environ, **app_env(sample_db), "NIANBAO_TEST_SLOW_ANSWER_S": "4",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "support" / "slow_answers"), str(ROOT)])}
    with _serve(sample_db, tmp_path, env=env) as url:
        wait = WebDriverWait(browser, 90)
        browser.get(url)
        box = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
        box.send_keys(question)
        box.send_keys(Keys.ENTER)
        wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid='stSpinner']")))  # pending

        def nav(title: str):
            return next(e for e in browser.find_elements(By.CSS_SELECTOR, "[data-testid='stSidebarNavLink']")
                        if title in e.text)

        nav("Reports").click()
        wait.until(lambda d: "Chat" not in d.title and d.find_elements(By.CSS_SELECTOR, "[data-testid='stDataFrame']")
                   or d.find_elements(By.XPATH, "//h1[contains(., 'Reports') or contains(., '年报')]"))
        assert not browser.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")  # really left the chat
        _keep(browser, tmp_path, "switched-away")
        nav("Chat").click()
        _keep(browser, tmp_path, "back-pending")  # the question shown again, its answer on the way

        def answered(d) -> bool:
            shown = d.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")
            return len(shown) >= 2 and "Sources" in shown[-1].text

        wait.until(answered)
        time.sleep(1.0)
        messages = browser.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")
        assert len(messages) == 2, [m.text for m in messages]  # the question once, and its answer
        assert question in messages[0].text
        assert "温泉街道" in messages[1].text and "Sources" in messages[1].text, messages[1].text
        _keep(browser, tmp_path, "switched-back")

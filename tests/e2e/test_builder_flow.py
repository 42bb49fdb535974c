"""In a real browser, against a real Airflow: build a pipeline in the builder, run it, read it.

Airflow's API server, scheduler and dag-processor run as processes (``conftest.py``). An
operator (role Op) signs in, drags four node types onto the canvas, connects their handles
with the mouse, types each node's settings into its form, previews, saves, publishes, waits
for Airflow's parse and runs the pipeline; the rows it wrote are then read back here. A
viewer opens the same pipeline read-only. The screenshots land in ``docs/images``.
"""

from __future__ import annotations

import csv
import re
import struct
from pathlib import Path

import pytest
import requests
from browser_scripts import IMAGES, run_script

BROWSER_TIMEOUT = 300
PIPELINE = "paid_orders"
ORDERS = """order_id,customer_id,amount,status
1,50,115.69,paid
2,26,366.81,refunded
3,12,80.5,paid
4,7,250,paid
5,3,100,paid
6,9,420,pending
"""
# Paid orders above 100 (5 is exactly 100), with the amount in euros.
EXPECTED = [
    {"order_id": "1", "customer_id": "50", "amount": "115.69", "status": "paid", "amount_eur": "106.43"},
    {"order_id": "4", "customer_id": "7", "amount": "250", "status": "paid", "amount_eur": "230"},
]
NODES = [
    {
        "type": "source.file",
        "id": "orders",
        "position": {"x": 40, "y": 40},
        "settings": {"Path": "../../data/orders.csv"},
    },
    {
        "type": "transform.filter",
        "id": "paid",
        "position": {"x": 300, "y": 40},
        "settings": {"Where": "status = 'paid' and amount > 100"},
    },
    {
        "type": "transform.derive",
        "id": "with_total",
        "position": {"x": 40, "y": 220},
        "entries": {"Columns": {"amount_eur": "round(amount * 0.92, 2)"}},
    },
    {
        "type": "sink.file",
        "id": "load",
        "position": {"x": 300, "y": 220},
        "settings": {"Path": "../../output/paid_orders.csv"},
    },
]
NODE_IDS = [node["id"] for node in NODES]
MESSAGE = "Paid orders above 100, in euros"
IMAGE_FILES = {
    "builder": "builder.png",
    "builderDark": "builder-dark.png",
    "preview": "preview.png",
    "runOnCanvas": "run-on-canvas.png",
    "templates": "templates.png",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def flow(airflow_stack, tmp_path_factory):
    """The builder flow, run once in Chromium by an operator and then a viewer; its report."""
    data = airflow_stack.airflow.dags_folder / "data"
    data.mkdir()
    (data / "orders.csv").write_text(ORDERS)
    IMAGES.mkdir(parents=True, exist_ok=True)
    options = {
        "url": airflow_stack.url,
        "pipelineId": PIPELINE,
        "operator": {"username": "e2e_operator", "password": airflow_stack.new_user("e2e_operator", "Op")},
        "viewer": {"username": "e2e_viewer", "password": airflow_stack.new_user("e2e_viewer", "Viewer")},
        "nodes": NODES,
        "previewNode": "with_total",
        "message": MESSAGE,
        "shownSetting": {"node": "paid", "label": "Where"},
        "failureScreenshot": str(tmp_path_factory.mktemp("browser") / "failure.png"),
        "images": {key: str(IMAGES / name) for key, name in IMAGE_FILES.items()},
    }
    return run_script("builder_flow.mjs", options, timeout=BROWSER_TIMEOUT, log=airflow_stack.log)


def test_nodes_dragged_connected_and_configured_make_a_valid_spec(flow):
    operator = flow["operator"]
    assert operator["edges"] == 3
    assert operator["validation"] == "Valid"
    assert operator["specNodes"] == NODE_IDS


def test_the_preview_shows_the_filtered_rows_with_the_derived_column(flow):
    operator = flow["operator"]
    assert operator["previewColumns"] == list(EXPECTED[0])
    assert operator["previewRows"] == [list(row.values()) for row in EXPECTED]


def test_saving_commits_version_one_with_the_message(flow, airflow_stack):
    response = requests.get(
        f"{airflow_stack.url}/aggregator/api/pipelines/{PIPELINE}/versions",
        headers={"Authorization": f"Bearer {airflow_stack.token()}"},
        timeout=30,
    )
    response.raise_for_status()
    [version] = response.json()["items"]
    assert (version["number"], version["author"]) == (1, "e2e_operator")
    assert version["message"] == MESSAGE


def test_publishing_waits_for_airflow_to_parse_the_dag_and_links_to_it(flow):
    operator = flow["operator"]
    assert operator["parseState"].split()[:4] == ["parsed", "by", "Airflow", "version"]
    assert operator["dagLink"].endswith(f"/dags/{PIPELINE}")
    # New DAGs start paused: the dialog says so, and its Unpause reaches Airflow, whose own
    # toggle on the DAG's page then shows the DAG unpaused.
    assert operator["pausedNotice"].startswith(f"{PIPELINE} is paused in Airflow")
    assert operator["pausedInAirflow"] is False


def test_the_run_succeeds_and_colours_every_node_on_the_canvas(flow):
    operator = flow["operator"]
    assert operator["queued"]["text"] == "Run queued: follow it under Runs."
    assert operator["queued"]["runId"].startswith("manual__")
    assert operator["runState"] == "success"
    # The source, filter and derive stream into the sink's task: one task runs all four nodes.
    tasks = {task[0]: task for task in operator["tasks"]}
    assert {name: task[2] for name, task in tasks.items()} == {"load": "success"}
    assert tasks["load"][1].split(" → ") == NODE_IDS
    assert operator["nodeBadges"] == {node: ["success"] for node in NODE_IDS}


def test_the_palette_and_the_settings_fold_away_to_widen_the_canvas(flow):
    # Folded, the palette (16rem) and the settings panel (24rem) are 2rem strips each.
    widths = flow["operator"]["canvasWidths"]
    assert widths["folded"] - widths["unfolded"] == pytest.approx(16 * (16 + 24 - 2 - 2), abs=4)


def test_the_run_wrote_the_filtered_and_derived_rows(flow, airflow_stack):
    output = airflow_stack.airflow.dags_folder / "output" / "paid_orders.csv"
    with output.open(newline="") as written:
        assert list(csv.DictReader(written)) == EXPECTED


def test_a_viewer_sees_the_pipeline_without_edit_controls(flow):
    viewer = flow["viewer"]
    assert viewer["readOnlyBadge"] is True
    assert viewer["palette"] == 0
    assert viewer["editButtons"] == dict.fromkeys(viewer["editButtons"], 0)
    assert set(viewer["editButtons"]) >= {"Save", "Publish", "Run"}
    assert viewer["fields"] == {
        "Id": {"value": "orders", "editable": False},
        "Path": {"value": "../../data/orders.csv", "editable": False},
    }
    assert viewer["connectable"] == 0


def test_the_first_frame_draws_every_node_and_edge_where_they_stay(flow):
    # Opened, the canvas shows every node and edge in the first frame, before React Flow has
    # measured a node; once it has, every edge still starts and ends there.
    first = flow["viewer"]["firstFrame"]
    assert first["visible"] == len(NODES)
    assert len(first["paths"]) == len(NODES) - 1
    assert all(first["paths"].values()), first["paths"]
    assert set(first["paths"]) == set(first["settledPaths"])
    for edge, drawn in first["paths"].items():
        settled = first["settledPaths"][edge]
        ends = zip(path_ends(drawn), path_ends(settled), strict=True)
        assert all(abs(before - after) <= 1.0 for before, after in ends), (edge, drawn, settled)


def path_ends(d: str) -> tuple[float, float, float, float]:
    """The start and end points of an SVG path's `d` (x1, y1, x2, y2)."""
    numbers = [float(number) for number in re.findall(r"-?\d+(?:\.\d+)?", d)]
    assert len(numbers) >= 4, d
    return numbers[0], numbers[1], numbers[-2], numbers[-1]


def test_dark_mode_recolours_the_canvas(flow):
    light, dark = flow["operator"]["lightCanvas"], flow["operator"]["darkCanvas"]
    assert light["node"] != dark["node"]
    assert light["text"] != dark["text"]


def test_no_page_errors_and_screenshots_at_1280_by_800(flow):
    assert flow["operator"]["pageErrors"] == []
    assert flow["viewer"]["pageErrors"] == []
    assert flow["operator"]["templateCards"] > 0
    for name in IMAGE_FILES.values():
        assert png_size(IMAGES / name) == (1280, 800), name


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height

"""Reading stays within a few blocks of memory however large the file is."""

import gzip

import pyarrow as pa
import pytest

from providers.components.file_source import FileSourceConfig, read_file
from providers.execution.node_run import NodeRun

ROW = "{i},customer_{i},{i}.25,2026-01-01 00:00:00,some free text that takes room\n"


def peak_arrow_bytes_while_reading(folder, **config) -> tuple[int, int]:
    """(rows read, highest Arrow allocation seen while batches were streamed one by one)."""
    run = NodeRun(node_id="big", dag_id="d", run_id="r", spec_folder=folder)
    reader = read_file(run, FileSourceConfig.model_validate(config), [])
    rows, peak = 0, 0
    for batch in reader:
        rows += batch.num_rows
        peak = max(peak, pa.total_allocated_bytes())
        del batch
    return rows, peak


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    with open(folder / "big.csv", "w") as handle:
        handle.write("id,name,amount,at,note\n")
        for start in range(0, 800_000, 50_000):
            handle.write("".join(ROW.format(i=i) for i in range(start, start + 50_000)))
    return folder


def test_a_large_csv_is_read_with_memory_bounded_by_the_block_size(big_csv):
    size = (big_csv / "big.csv").stat().st_size
    rows, peak = peak_arrow_bytes_while_reading(big_csv, path="big.csv", batch_rows=8192)
    assert rows == 800_000
    assert size > 60 << 20
    # pyarrow reads up to 32 blocks (here 1 MB) ahead of the consumer.
    assert peak < 48 << 20, f"{peak} bytes held while reading a {size}-byte file"


def test_memory_does_not_grow_with_the_amount_of_data(big_csv):
    (big_csv / "copy").mkdir(exist_ok=True)
    (big_csv / "copy" / "big_2.csv").write_bytes((big_csv / "big.csv").read_bytes())
    (big_csv / "copy" / "big_1.csv").symlink_to(big_csv / "big.csv")
    _, one_file = peak_arrow_bytes_while_reading(big_csv, path="big.csv", batch_rows=8192)
    rows, two_files = peak_arrow_bytes_while_reading(big_csv, path="copy/big_*.csv", batch_rows=8192)
    assert rows == 1_600_000
    assert two_files < one_file * 1.25


def test_a_large_gzip_jsonl_is_read_with_memory_bounded_by_the_block_size(tmp_path):
    lines = "".join(
        f'{{"id": {i}, "name": "customer_{i}", "note": "some free text"}}\n' for i in range(1_000_000)
    )
    (tmp_path / "big.jsonl.gz").write_bytes(gzip.compress(lines.encode(), compresslevel=1))
    rows, peak = peak_arrow_bytes_while_reading(tmp_path, path="big.jsonl.gz", batch_rows=8192)
    assert rows == 1_000_000
    assert peak < 48 << 20, f"{peak} bytes held while reading {len(lines)} bytes of JSON"

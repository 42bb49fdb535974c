import pytest

from providers.files.atomic_output import atomic_output


def local(path):
    from airflow.sdk import ObjectStoragePath

    return ObjectStoragePath(f"file://{path}")


def test_target_appears_only_when_complete(tmp_path):
    target = local(tmp_path / "out" / "data.csv")
    with atomic_output(target) as handle:
        handle.write(b"a,b\n")
        assert not target.exists()
    assert target.read_bytes() == b"a,b\n"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["data.csv"]


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    (tmp_path / "data.csv").write_bytes(b"old\n")
    target = local(tmp_path / "data.csv")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"half")
        raise RuntimeError("crash mid-write")
    assert (tmp_path / "data.csv").read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["data.csv"]


def test_concurrent_writers_do_not_share_a_temporary_file(tmp_path):
    target = local(tmp_path / "data.csv")
    with atomic_output(target) as first, atomic_output(target) as second:
        first.write(b"first\n")
        second.write(b"second\n")
        assert len(list(tmp_path.iterdir())) == 2
    assert (tmp_path / "data.csv").read_bytes() == b"first\n"

import json

from sitrep.documents import MAX_DOCUMENT_BYTES, read_documents


def read(paths):
    problems = []
    docs = list(read_documents([str(p) for p in paths], problems))
    return docs, problems


def test_jsonl_with_bad_lines_goes_on(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Gunmen attacked Gao.", "published": "2024-01-02"}\n'
                     b'{"id": "b", "text": \n'
                     b'\n'
                     b'{"id": "c"}\n'
                     b'\xff\xfe{"id": "d", "text": "x"}\n'
                     b'{"id": "e", "text": "Soldiers repelled an attack on Boni.", "published": "yesterday"}\n')
    docs, problems = read([path])
    assert [d.id for d in docs] == ["a", "e"]
    assert docs[0].published.isoformat() == "2024-01-02" and docs[1].published is None
    messages = {p.origin: p.message for p in problems}
    assert "malformed JSON" in messages[f"{path}:2"]
    assert "missing or empty 'text'" in messages[f"{path}:4"]
    assert "not valid UTF-8" in messages[f"{path}:5"]
    assert not next(p for p in problems if p.origin == f"{path}:6").skipped


def test_bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary" * 10)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Des hommes armés ont attaqué Ségou.".encode("cp1252"))
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_DOCUMENT_BYTES + 1)
    missing = tmp_path / "nope.txt"
    docs, problems = read([empty, binary, latin, big, missing])
    assert [d.id for d in docs] == ["latin"] and "Ségou" in docs[0].text
    by_file = {p.origin.split("/")[-1]: p for p in problems}
    assert by_file["empty.txt"].skipped and "empty" in by_file["empty.txt"].message
    assert by_file["blob.txt"].skipped and "binary" in by_file["blob.txt"].message
    assert not by_file["latin.txt"].skipped
    assert by_file["big.txt"].skipped and "too large" in by_file["big.txt"].message
    assert by_file["nope.txt"].skipped


def test_folder_and_html(tmp_path):
    (tmp_path / "a.txt").write_text("Clashes near Kidal.")
    (tmp_path / "b.html").write_text("<html><head><title>Attack in Gao</title></head><body><nav>Home</nav>"
                                     "<article><p>Armed men attacked a checkpoint in Gao on Monday, killing two "
                                     "soldiers, the army said in a statement released on Tuesday evening.</p>"
                                     "</article></body></html>")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "j1", "text": "Protest in Bamako."}) + "\n")
    docs, problems = read([tmp_path])
    ids = [d.id for d in docs]
    assert ids == ["a", "b", "j1"], (ids, problems)
    assert "checkpoint in Gao" in docs[1].text


def test_empty_jsonl_is_a_problem_named_by_its_file(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\n  \n\r\n")
    docs, problems = read([empty, blank])
    assert docs == []
    assert [(p.origin, p.skipped) for p in problems] == [(str(empty), True), (str(blank), True)]
    assert all("empty" in p.message for p in problems)


def test_files_of_unicode_spaces_are_empty(tmp_path):
    spaces = tmp_path / "spaces.txt"
    spaces.write_text("\u00a0\u2003\n\u3000", encoding="utf-8")
    nbsp = tmp_path / "nbsp.txt"
    nbsp.write_bytes(b"\xa0\xa0")  # not UTF-8: no-break spaces in Windows-1252
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf")
    docs, problems = read([spaces, nbsp, bom])
    assert docs == []
    assert [(p.origin.split("/")[-1], p.skipped, "empty" in p.message) for p in problems] == [
        ("spaces.txt", True, True), ("nbsp.txt", True, True), ("bom.txt", True, True)]


def test_random_bytes_and_control_characters_are_not_text(tmp_path):
    import random

    rng = random.Random(13)
    noise = tmp_path / "noise.txt"  # no NUL byte, so the binary check alone lets it through
    noise.write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    controls = tmp_path / "controls.txt"  # valid UTF-8 (ASCII even), but control codes
    controls.write_bytes(bytes(rng.choice([1, 2, 3, 7, 8, 27, 127]) for _ in range(300)) + b" Gao attack")
    record = tmp_path / "controls.jsonl"
    record.write_text(json.dumps({"id": "c", "text": "\x01\x02\x03\x1b" * 50 + "Gao"}) + "\n")
    french = tmp_path / "french.txt"  # not UTF-8 either, but prose: read as Windows-1252
    french.write_bytes("Des hommes armés ont attaqué un poste à Ségou, tuant « trois » gendarmes — selon l’armée."
                       .encode("cp1252"))
    emoji = tmp_path / "emoji.txt"  # symbols in valid UTF-8 are still text
    emoji.write_text("🔴 BREAKING ⚠️ Gunmen attacked Gao ✅✅✅", encoding="utf-8")
    docs, problems = read([noise, controls, record, french, emoji])
    assert [d.id for d in docs] == ["french", "emoji"]
    by_file = {p.origin.split("/")[-1]: p for p in problems}
    for name in ("noise.txt", "controls.txt"):
        assert by_file[name].skipped and "random or binary data" in by_file[name].message, by_file[name]
    assert by_file["controls.jsonl:1"].skipped and "control codes" in by_file["controls.jsonl:1"].message
    assert not by_file["french.txt"].skipped

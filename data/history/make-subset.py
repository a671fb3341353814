"""Cuts the bundled history subset (seasons 2020 and 2025) out of an Ergast CSV set.

Usage: python3 data/history/make-subset.py <ergast csv dir> data/history/ergast-csv-2020-2025
Rows are copied byte for byte; result-type tables keep the seasons' races, reference tables keep
the rows those races refer to. Output is gzip -9 without name or time (reproducible bytes).
"""
import csv, gzip, io, os, sys

SEASONS = {"2020", "2025"}
src, dst = sys.argv[1], sys.argv[2]

def rows(name):
    with open(os.path.join(src, name + ".csv"), newline="", encoding="utf-8") as f:
        text = f.read()
    lines = text.splitlines(keepends=True)
    parsed = list(csv.reader(io.StringIO(text)))
    return lines, parsed

def write(name, lines):
    with open(os.path.join(dst, name + ".csv.gz"), "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write("".join(lines).encode("utf-8"))

def keep(name, predicate):
    lines, parsed = rows(name)
    header = parsed[0]
    assert len(lines) == len(parsed), name + ": multi-line records"
    out = [lines[0]] + [line for line, row in zip(lines[1:], parsed[1:]) if predicate(dict(zip(header, row)))]
    write(name, out)
    return [dict(zip(header, row)) for row in csv.reader(io.StringIO("".join(out)))][1:]

races = keep("races", lambda r: r["year"] in SEASONS)
race_ids = {r["raceId"] for r in races}
keep("seasons", lambda r: r["year"] in SEASONS)
facts = []
for table in ["results", "sprint_results", "qualifying", "pit_stops", "driver_standings",
              "constructor_standings", "constructor_results"]:
    facts += keep(table, lambda r: r["raceId"] in race_ids)
drivers = {r["driverId"] for r in facts if "driverId" in r}
constructors = {r["constructorId"] for r in facts if "constructorId" in r}
statuses = {r["statusId"] for r in facts if "statusId" in r}
keep("drivers", lambda r: r["driverId"] in drivers)
keep("constructors", lambda r: r["constructorId"] in constructors)
keep("circuits", lambda r: r["circuitId"] in {r2["circuitId"] for r2 in races})
keep("status", lambda r: r["statusId"] in statuses)

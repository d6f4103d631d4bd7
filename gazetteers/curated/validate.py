#!/usr/bin/env python3
"""Check a curated gazetteer CSV (gazetteers/curated/*.csv) against the schema.

Usage: python3 gazetteers/curated/validate.py gazetteers/curated/regions.csv
Exit status 1 and one line per problem if anything is wrong.
"""
import csv, re, sys
from collections import Counter

HEADER = ("id,kind,name,aliases,weak_aliases,demonyms,country,admin1,lat,lon,population,"
          "feature_code,geonames_id,wikidata_id,subtype,role,valid_from,valid_to,flags,source").split(",")
KNOWN_FLAGS = {"common_word", "given_name", "disputed", "ambiguous_org", "surname"}

def check(path):
    errs = []
    raw = open(path, "rb").read()
    if b"\r" in raw: errs.append("CR line endings")
    raw.decode("utf-8")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != HEADER: errs.append("header differs from canonical order")
    recs = [dict(zip(rows[0], r)) for r in rows[1:]]
    for i, r in enumerate(rows[1:], 2):
        if len(r) != len(HEADER): errs.append(f"line {i}: {len(r)} fields")
    ids = [r["id"] for r in recs]
    if ids != sorted(ids): errs.append("rows not sorted by id")
    for k, n in Counter(ids).items():
        if n > 1: errs.append(f"duplicate id {k}")
    for k, n in Counter(r["name"].lower() for r in recs).items():
        if n > 1: errs.append(f"duplicate name {k}")
    for r in recs:
        rid = r["id"]
        if not re.fullmatch(r"cur:[a-z0-9]+(-[a-z0-9]+)*", rid): errs.append(f"{rid}: bad id")
        if r["kind"] != "region": errs.append(f"{rid}: kind")
        if r["source"] != "cur": errs.append(f"{rid}: source")
        name = r["name"]
        if not name.strip() or name != name.strip(): errs.append(f"{rid}: empty/padded name")
        if name.lower().startswith("the "): errs.append(f"{rid}: leading 'the'")
        for col in ("aliases", "weak_aliases", "demonyms", "flags"):
            v = r[col]
            if not v: continue
            items = v.split("|")
            if any(not x.strip() or x != x.strip() for x in items): errs.append(f"{rid}: empty item in {col}")
            if len(set(x.lower() for x in items)) != len(items) and col != "weak_aliases":
                errs.append(f"{rid}: duplicate in {col}")
            if col != "flags" and any(x.lower() == name.lower() for x in items):
                errs.append(f"{rid}: {col} repeats the name")
            if col == "aliases" and any(x.lower().startswith("the ") for x in items):
                errs.append(f"{rid}: alias with leading 'the'")
        for fl in filter(None, r["flags"].split("|")):
            if fl not in KNOWN_FLAGS: errs.append(f"{rid}: unknown flag {fl}")
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180): errs.append(f"{rid}: lat/lon out of range")
            for c in ("lat", "lon"):
                if "." in r[c] and len(r[c].split(".")[1]) > 5: errs.append(f"{rid}: >5 decimals in {c}")
        except ValueError:
            errs.append(f"{rid}: lat/lon missing or not a number")
        if r["country"] and not re.fullmatch(r"[A-Z]{2}", r["country"]): errs.append(f"{rid}: country")
        if r["admin1"] and not re.fullmatch(r"[A-Z]{2}\.[A-Za-z0-9]+", r["admin1"]): errs.append(f"{rid}: admin1")
        if r["admin1"] and r["country"] and not r["admin1"].startswith(r["country"] + "."):
            errs.append(f"{rid}: admin1 not in country")
        if r["wikidata_id"] and not re.fullmatch(r"Q[1-9][0-9]*", r["wikidata_id"]): errs.append(f"{rid}: wikidata_id")
        if not re.fullmatch(r"[A-Z]{2,5}", r["feature_code"]): errs.append(f"{rid}: feature_code")
        if r["population"] and not r["population"].isdigit(): errs.append(f"{rid}: population")
    return errs, len(recs)

if __name__ == "__main__":
    bad = 0
    for p in sys.argv[1:]:
        errs, n = check(p)
        for e in errs: print(f"{p}: {e}")
        print(f"{p}: {n} rows, {len(errs)} problems")
        bad |= bool(errs)
    sys.exit(1 if bad else 0)

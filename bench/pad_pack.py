#!/usr/bin/env python3
"""Writes a rule pack with 10x the rules of the bundled pack, for the
benchmark's "a pack with 10x the rules is at most 2x slower".

What "10x the rules" counts: entity rules + relation rules + gazetteer
entries, the three numbers `kgrep check` prints (an entry is one name with
its aliases and demonyms; title words, nicknames, macros, cleanup and
speaker patterns are not counted). The bundled pack has few rules and many
entries (18 + 20 + 1,298 = 1,336 when this was written), so the padding is
gazetteer entries only, and the padded pack has exactly FACTOR times the
bundled count: the same rules, and FACTOR x 1,336 - 38 entries.

The padding is realistic: generated government bodies of every state of the
bundled countries gazetteer ("Ministry of Health of Peru", alias "Peruvian
Ministry of Health"), cities ("Port Ashford", "San Isidro de la Sierra",
"Novokalinsk") and organisations ("Chamber of Commerce of Ghana", "Ashford
Institute of Technology"). They extend the bundled gazetteers (agencies,
locations, organizations) and, as a user's own entries would, join their
macros {AGENCY}, {LOCATION} and {ORGANIZATION}, so that the entity rules
built on the macros grow too (--no-macros: the gazetteers only).

The output directory holds a copy of the bundled pack's files (diplomacy.yaml
and everything it includes, at the same relative paths), padding/*.yaml, and
the pack to load, diplomacy-10x.yaml, which includes both.

Usage:
  bench/pad_pack.py --out build/bench/pack10x
  kgrep check build/bench/pack10x/diplomacy-10x.yaml
  kgrep extract --rules build/bench/pack10x/diplomacy-10x.yaml ...

Deterministic: same arguments, same files. Needs PyYAML (Debian python3-yaml)
to read the bundled pack.
"""

import argparse
import json
import os
import random
import shutil
import sys
import unicodedata

try:
    import yaml
except ImportError:
    sys.exit("pad_pack: needs PyYAML (Debian: apt-get install python3-yaml)")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_corpus import SURNAMES  # noqa: E402  (same directory)

DOMAINS = [
    "Foreign Affairs", "Health", "Finance", "Defence", "the Interior", "Justice", "Education",
    "Agriculture", "Energy", "Trade", "Industry", "Labour", "Transport", "Environment",
    "Tourism", "Culture", "Public Security", "Economy", "Fisheries", "Mines", "Water Resources",
    "Housing", "Social Affairs", "Digital Affairs", "Science and Technology", "Youth and Sports",
    "Women's Affairs", "Planning", "Public Works", "Immigration",
]
BODY_SHAPES = [  # (name, alias or None); {d} domain, {c} country, {a} demonym
    ("Ministry of {d} of {c}", "{a} Ministry of {d}"),
    ("National Agency for {d} of {c}", None),
    ("{c} Commission on {d}", None),
    ("Secretariat of {d} of {c}", None),
]
ORG_SHAPES = [
    "Chamber of Commerce of {c}", "{a} Red Cross Society", "{c} Bar Association",
    "{a} Farmers Union", "{a} Institute of International Affairs", "University of {city}",
    "{city} Institute of Technology", "{s} Foundation", "{city} Chamber of Commerce",
    "{s} Center for Policy Studies", "{city} General Hospital", "{a} Workers Federation",
]

EN_ROOTS = ("Ash Bel Brad Cole Dun Elm Fair Glen Hart Kings Lang Mar Nor Oak Pem Red Stan Thorn "
            "West Win Hol Brook Clay Stock Wake Ayles Bick Cran Gran Hamp").split()
EN_ENDS = "bury field ford ham ley mouth ton wick worth dale brook port stead bridge moor haven".split()
EN_FORMS = ["{x}", "Port {x}", "New {x}", "North {x}", "South {x}", "East {x}", "West {x}",
            "Upper {x}", "Lower {x}", "{x} Falls", "{x} Springs", "{x} Heights", "{x} Crossing",
            "{x} Harbour", "{x} Junction", "{x} Landing", "{x} Valley", "{x} Creek", "{x} Bay"]
ES_SAINTS = ("Isidro Miguel Lucía Tomás Andrés Bartolomé Cristóbal Felipe Jerónimo Lorenzo "
             "Mateo Pablo Rafael Sebastián Teresa Vicente Inés Juan Pedro Marcos").split()
ES_TAILS = ("de la Sierra|de los Altos|del Mar|de Mayo|del Valle|de las Flores|del Río|"
            "de la Frontera|de Abajo|del Monte").split("|")
SL_ROOTS = "Nov Kal Bel Dobr Zel Mir Kras Vol Pol Lub Star Gor Bor Vysh Rad Slav Dol Kam".split()
SL_ENDS = "insk ograd ovice owo ets any ov ino ovo itsa".split()
VI_SYL = ("Thanh Bình Sơn Phú Lộc Tân An Hòa Long Vĩnh Quảng Hải Đông Tây Nam Bắc Gia "
          "Mỹ Cẩm Hưng").split()


def fold(s):
    nfd = unicodedata.normalize("NFD", s)
    return "".join(c for c in nfd if not unicodedata.combining(c)).casefold()


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def pack_files(top):
    """The files a pack loads, includes first, as paths relative to top's directory."""
    base = os.path.dirname(os.path.abspath(top))
    order, seen = [], set()

    def visit(path):
        path = os.path.normpath(path)
        if path in seen:
            return
        seen.add(path)
        doc = load_yaml(path)
        includes = doc.get("include") or []
        for inc in [includes] if isinstance(includes, str) else includes:
            visit(os.path.join(os.path.dirname(path), inc))
        order.append(path)

    visit(os.path.abspath(top))
    return [os.path.relpath(p, base) for p in order], base


def count_rules(files, base):
    """(entity rules, relation rules, gazetteer entries) as kgrep check counts
    them: a later rule with an earlier id replaces it; disable: removes."""
    entities, relations, disabled, entries = {}, {}, set(), 0
    forms = set()
    countries = []
    for rel in files:
        doc = load_yaml(os.path.join(base, rel))
        for r in doc.get("entities") or []:
            entities[r["id"]] = r
        for r in doc.get("relations") or []:
            relations[r["id"]] = r
        d = doc.get("disable") or []
        disabled.update([d] if isinstance(d, str) else d)
        for g in doc.get("gazetteers") or []:
            for e in g.get("entries") or []:
                entries += 1
                for f in [e["name"]] + list(e.get("aliases") or []) + list(e.get("demonyms") or []):
                    forms.add(fold(str(f)))
                if g["id"] == "countries":
                    countries.append((e["name"], (e.get("demonyms") or [None])[0]))
    e = len([k for k in entities if k not in disabled])
    r = len([k for k in relations if k not in disabled])
    return e, r, entries, forms, countries


def city_names(rng):
    """An endless stream of plausible city names, in a deterministic order."""
    while True:
        kind = rng.randrange(4)
        if kind == 0:
            x = rng.choice(EN_ROOTS) + rng.choice(EN_ENDS)
            yield rng.choice(EN_FORMS).format(x=x)
        elif kind == 1:
            saint = rng.choice(ES_SAINTS)
            prefix = "Santa" if saint in ("Lucía", "Teresa", "Inés") else "San"
            yield f"{prefix} {saint} {rng.choice(ES_TAILS)}"
        elif kind == 2:
            yield rng.choice(SL_ROOTS) + rng.choice(SL_ENDS)
        else:
            a, b = rng.sample(VI_SYL, 2)
            yield f"{a} {b}"


def yaml_str(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def entry_line(name, aliases=(), country=None):
    parts = [f"name: {yaml_str(name)}"]
    if aliases:
        parts.append("aliases: [" + ", ".join(yaml_str(a) for a in aliases) + "]")
    if country:
        parts.append(f"country: {yaml_str(country)}")
    return "      - {" + ", ".join(parts) + "}\n"


def write_gazetteer(path, gid, gtype, macro, lines, what):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {what}\n# Generated by bench/pad_pack.py: not real, but shaped like real ones.\n")
        f.write("gazetteers:\n")
        f.write(f"  - id: {gid}\n    type: {gtype}\n")
        if macro:
            f.write(f"    macro: {macro}\n")
        f.write("    entries:\n")
        f.writelines(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, metavar="DIR", help="directory to write (replaced)")
    ap.add_argument("--pack", default=os.path.join(HERE, "..", "rules", "diplomacy.yaml"),
                    help="the pack to pad (default: the bundled rules/diplomacy.yaml)")
    ap.add_argument("--factor", type=int, default=10, help="times the rules (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--no-macros", action="store_true",
                    help="padding entries join the gazetteers only, not their macros")
    args = ap.parse_args()
    if args.factor < 1:
        ap.error("--factor must be at least 1")

    files, base = pack_files(args.pack)
    n_entities, n_relations, n_entries, forms, countries = count_rules(files, base)
    bundled = n_entities + n_relations + n_entries
    padding = (args.factor - 1) * bundled
    rng = random.Random(f"kgrep-pad:{args.seed}")

    taken = set(forms)

    def fresh(name):
        key = fold(name)
        if key in taken:
            return False
        taken.add(key)
        return True

    # A third of the padding each: bodies, cities, organisations (the rest).
    n_bodies = padding // 3
    n_cities = padding // 3
    n_orgs = padding - n_bodies - n_cities

    bodies = []
    combos = [(shape, d, country) for shape in BODY_SHAPES for d in DOMAINS
              for country in countries]
    rng.shuffle(combos)
    for (name_fmt, alias_fmt), d, (c, demonym) in combos:
        if len(bodies) >= n_bodies:
            break
        name = name_fmt.format(d=d, c=c, a=demonym)
        if not fresh(name):
            continue
        aliases = []
        if alias_fmt and demonym:
            alias = alias_fmt.format(d=d, c=c, a=demonym)
            if fresh(alias):
                aliases.append(alias)
        bodies.append(entry_line(name, aliases, c))
    if len(bodies) < n_bodies:  # a factor beyond what the shapes give: more cities instead
        n_cities += n_bodies - len(bodies)

    cities, city_list, attempts = [], [], 0
    for name in city_names(rng):
        if len(cities) >= n_cities:
            break
        attempts += 1
        if attempts > 100 * (n_cities + 10):
            sys.exit("pad_pack: cannot make enough distinct city names")
        if fresh(name):
            country = rng.choice(countries)[0]
            cities.append(entry_line(name, (), country))
            city_list.append(name)

    orgs, attempts = [], 0
    while len(orgs) < n_orgs:
        attempts += 1
        if attempts > 100 * (n_orgs + 10):
            sys.exit("pad_pack: cannot make enough distinct organisation names")
        c, demonym = rng.choice(countries)
        fmt = rng.choice(ORG_SHAPES)
        if "{a}" in fmt and not demonym:
            continue
        name = fmt.format(c=c, a=demonym, city=rng.choice(city_list) if city_list else c,
                          s=rng.choice(SURNAMES))
        if fresh(name):
            orgs.append(entry_line(name, (), None))

    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    os.makedirs(os.path.join(args.out, "padding"))
    for rel in files:
        dst = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(os.path.join(base, rel), dst)
    macros = not args.no_macros
    write_gazetteer(os.path.join(args.out, "padding", "agencies.yaml"), "agencies", "Agency",
                    "AGENCY" if macros else None, bodies, "Government bodies of every state.")
    write_gazetteer(os.path.join(args.out, "padding", "locations.yaml"), "locations", "Location",
                    "LOCATION" if macros else None, cities, "Cities.")
    write_gazetteer(os.path.join(args.out, "padding", "organizations.yaml"), "organizations",
                    "Organization", "ORGANIZATION" if macros else None, orgs, "Organisations.")
    top_name = os.path.splitext(os.path.basename(args.pack))[0]
    top = os.path.join(args.out, f"{top_name}-{args.factor}x.yaml")
    total = bundled + len(bodies) + len(cities) + len(orgs)
    with open(top, "w", encoding="utf-8") as f:
        f.write(f"# {args.factor}x the rules of {top_name}.yaml, padded with gazetteer entries.\n"
                f"# Generated by bench/pad_pack.py (seed {args.seed}); rules = entity rules +\n"
                f"# relation rules + gazetteer entries: {n_entities} + {n_relations} + "
                f"{n_entries} = {bundled} bundled,\n# {n_entities} + {n_relations} + "
                f"{total - n_entities - n_relations} = {total} here.\n")
        f.write(f"pack: {top_name}-{args.factor}x\n")
        f.write("include:\n")
        f.write(f"  - {os.path.relpath(os.path.abspath(args.pack), base)}\n")
        for name in ("agencies", "locations", "organizations"):
            f.write(f"  - padding/{name}.yaml\n")
    print(f"pad_pack: {top}: {total} rules = {args.factor} x {bundled} "
          f"({n_entities} entity + {n_relations} relation rules, "
          f"{total - n_entities - n_relations} gazetteer entries; "
          f"{len(bodies)} bodies, {len(cities)} cities, {len(orgs)} organisations added"
          f"{'' if macros else ', outside the macros'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

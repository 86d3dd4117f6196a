#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets into tests/fuzz/<target>/seed-*.

Run it from anywhere after changing a seed below; the seeds are committed, so
that the fuzzer starts from inputs that reach deep into each target, and
CTest replays them (fuzz.<target>). Crash inputs (crash-*) are not touched.
"""

import pathlib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def write(target, name, data):
    path = HERE / target / f"seed-{name}"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


# --- fuzz_pack: small packs, good and bad ------------------------------------
PACK_FULL = r"""pack: seed
version: 1
macros:
  SP: '[ ]+'
  UPPER: '[A-ZÀ-Ö]'
  NAME: '{UPPER}[a-zà-ö]+(?:{SP}{UPPER}[a-zà-ö]+)*'
cleanup:
  - id: site-chrome
    pattern: '(?m)^Share this page$'
segmentation:
  speakers: ['^(?P<speaker>(?:\p{Lu}+[ ]+)*\p{Lu}+):']
  anonymous_speaker: '(?:Q|OPERATOR)'
  abbreviations: [Mr., Dr., U.S.]
  join_wrapped_lines: true
gazetteers:
  - id: countries
    type: Country
    priority: 3
    entries:
      - name: Mexico
        aliases: [United Mexican States]
        demonyms: [Mexican]
      - {name: Canada, demonyms: [Canadian]}
  - id: agencies
    type: Agency
    entries:
      - {name: Department of State, aliases: [State Department], country: United States}
titles:
  macro: TITLE
  words: [Minister, Secretary, Secretary of State, Ambassador]
  modifiers_macro: TITLE_MOD
  modifiers: [Deputy, Acting]
  honorifics_macro: HONORIFIC
  honorifics: [Mr., Dr.]
  domain_macro: OFFICE_DOMAIN
  domain: [State, Defense]
  implies:
    - {title: Secretary of State, member_of: Department of State, represents: Mexico}
names:
  stopwords: [The]
  breakers: [Street]
nicknames:
  Tony: [Antony]
entities:
  - id: titled
    type: Person
    priority: 10
    pattern: '(?P<title>Minister|Secretary|Ambassador){SP}(?P<name>{NAME})'
  - id: given
    type: Person
    given_name: true
    pattern: 'Thank you, (?P<name>{UPPER}[a-z]+)\.'
relations:
  - id: welcome
    predicate: welcomed
    scope: sentence
    subject: speaker
    object: {group: object, types: [Person], each: true}
    pattern: 'welcome{SP}(?P<object>(?:{object:Person}(?:,{SP}|{SP}and{SP})?)+)'
  - id: thanks
    predicate: thanked
    subject: speaker
    object: addressed
    pattern: '[Tt]hank you'
resolution:
  pronoun: '(?i)\b(?:you|him|her)\b'
  collective: '(?i)\byou all\b'
predicates: [welcomed, thanked]
style:
  graph: {bgcolor: white}
  types:
    Person: {fillcolor: '#cfe3f7'}
  relations:
    welcomed: {style: dashed}
tests:
  - name: a welcome
    speaker: MINISTER OKAFOR
    text: "I want to welcome Ambassador Tomas Varga and Secretary Ana Ruiz."
    expect:
      relations: ["Okafor -welcomed-> Tomas Varga"]
      entities: ["Person: Ana Ruiz"]
    reject:
      entities: ["Country: Varga"]
"""

PACK_BROKEN = r"""entities:
  - id: bad-regex
    type: Person
    pattern: '(?P<name>[A-Z'
  - id: bad-type
    type: Persn
    pattern: 'x'
  - id: bad-type
    type: Person
    pattern: '(?P<nam>x)'
relations:
  - id: r
    predicate: welcome
    subject: {group: nowhere}
    object: speakr
    scope: chapter
    pattern: '{object:Persn}'
macros:
  LOOP: '{LOOP}'
  A: '{B}'
  B: '{A}'
gazetteers:
  - id: g
    type: Country
    entries: [{name: ''}, {aliases: 3}]
"""

PACK_ALIASES = """macros: &m
  X: &x 'a{1,1000}'
  Y: *x
entities:
  - &rule
    id: one
    type: Person
    pattern: '(?P<name>\\\\p{Lu}\\\\p{Ll}+)'
  - <<: *rule
    id: two
  - *rule
nicknames: {? [a, b] : c, d: [[e]]}
"""

for name in ["style-pack.yaml", "bad-style-pack.yaml", "broken-pack.yaml",
             "broken-yaml.yaml", "failing-tests-pack.yaml"]:
    write("fuzz_pack", name.replace(".yaml", ""), (ROOT / "tests/data" / name).read_bytes())
write("fuzz_pack", "debate", (ROOT / "examples/walkthrough/debate.yaml").read_bytes())
write("fuzz_pack", "full", PACK_FULL)
write("fuzz_pack", "broken", PACK_BROKEN)
write("fuzz_pack", "aliases", PACK_ALIASES)
write("fuzz_pack", "flow", "{entities: [{id: a, type: Country, pattern: 'Mexico'}], "
      "relations: [{id: r, predicate: part_of, subject: {group: s}, object: {group: o}, "
      "pattern: '(?P<s>{Country})(?P<o>{Country})'}]}\n")
write("fuzz_pack", "scalars", "--- !!map\n? entities\n: !!seq []\n...\n--- second\n")
write("fuzz_pack", "bom-crlf", "\ufeffentities:\r\n  - id: a\r\n    type: Person\r\n"
      "    pattern: 'Dr\\. (?P<name>\\w+)'\r\n")

# --- fuzz_document: documents ---------------------------------------------------
for name in ["fixture.txt", "tricky.txt", "invalid-utf8.txt"]:
    write("fuzz_document", name.replace(".txt", ""), (ROOT / "tests/data" / name).read_bytes())
example = (ROOT / "examples/us-mexico-security-dialogue-2021.txt").read_text()
write("fuzz_document", "example-opening", example[:3000])
write("fuzz_document", "injection",
      (ROOT / "tests/data/injection/injection.txt").read_bytes()
      if (ROOT / "tests/data/injection/injection.txt").exists() else b"")
write("fuzz_document", "bom-crlf",
      "\ufeffSECRETARY BLINKEN:  Good morning.\r\nI welcome Minister Ebrard "
      "of Mexico.\r\n\r\nQ: Thank you, Mr. Secretary.\r\rOPERATOR: Next.\r\n")
write("fuzz_document", "markdown",
      "**SECRETARY MAYORKAS:** Thank you, \\_Alejandro\\_.\n\n"
      "*Ambassador Ken Salazar* welcomed the U.S.\u00a0delegation. Mr. "
      "Secretary thanked\nthe Department of Homeland Security's Senior Official "
      "Bob Fenton.\n")
write("fuzz_document", "binary", bytes(range(256)) + b"Secretary Blinken\x00thanked")

# --- fuzz_writers: labels that break careless writers -----------------------------
# Field 0 holds control bytes (see fuzz_writers.cc, Read()); then NUL-separated
# texts in the order Read() takes them.
TRICKY = [
    "<script>alert(1)</script>", "O'Brien \"Quoted\"", "C:\\new\\table\\", "X]]>Y",
    "tab\there\r\nline\rend", "graph node edge subgraph strict digraph", "&amp; &lt; &#x27;",
    "\\N \\G \\l", "-- <!-- -->", "\u2028\u2029", "Zoë Núñez 🌍", "\x01\x1b[31m\x7f",
    "\xff\xfe invalid", "a,b;c", "", "   ", "{}[]:\"\\u0000", "</svg><img src=x onerror=1>",
    "\ufeff\ufffe\uffff",
]


PREDICATES = ["welcomed", "thanked", "represents", "member_of", "part_of"]
TYPES = ["Person", "Agency", "Organization", "Country", "Initiative", "Location"]


def writers_seed(documents, description="kgrep", html=False, title="", max_evidence=3):
    """Encodes a graph the way fuzz_writers.cc's Read() decodes it.

    documents: [(name, entities, relations)], entities: [(label, type, aliases,
    key or None)], relations: [(subject, predicate, object, document or None,
    text, rule)]. Control bytes and texts are two streams, read in the same
    order as below; a control byte b is written as b + 1.
    """
    control, texts = [], []
    text = lambda t: texts.append(t if isinstance(t, bytes) else t.encode())
    control += [max_evidence, len(documents) - 1]
    for name, entities, relations in documents:
        text(name)
        control.append(len(entities) - 1)
        for label, type_, aliases, key in entities:
            text(label)
            control += [TYPES.index(type_), len(aliases)]
            for alias in aliases:
                text(alias)
            control += [1, 1 if key is None else 0]  # mentions, key = label?
            if key is not None:
                text(key)
        control.append(len(relations))
        for subject, predicate, object_, document, evidence, rule in relations:
            control += [subject, object_]
            if predicate in PREDICATES:
                control += [1, PREDICATES.index(predicate)]
            else:
                control.append(0)
                text(predicate)
            control.append(0 if document is None else 1)
            if document is not None:
                text(document)
            text(evidence)
            text(rule)
            control.append(7)  # begin
    text(description)
    control.append(1 if html else 0)
    text(title)
    return b"\0".join([bytes(c + 1 for c in control)] + texts)


def person(label, aliases=(), key=None):
    return (label, "Person", list(aliases), key)


write("fuzz_writers", "small", writers_seed(
    [("doc.txt", [person("Antony Blinken", ["Blinken"]), person("Annalena Baerbock"),
                  ("Mexico", "Country", [], None)],
      [(0, "welcomed", 1, None, "Blinken welcomed Baerbock.", "welcomed-basic"),
       (1, "represents", 2, None, "Baerbock represents Mexico.", "r"),
       (0, "thanked", 1, None, "Thanks.", "thanked-basic")])],
    description="kgrep 0.1.0", html=True, title="Page"))
TRICKY_ENTITIES = [person(t) for t in TRICKY[:6]]
write("fuzz_writers", "tricky", writers_seed(
    [("C:\\docs\\<a>.txt", TRICKY_ENTITIES,
      [(i, "welcomed" if i % 2 else TRICKY[i + 6], (i + 1) % 6, TRICKY[i], TRICKY[i + 7],
        TRICKY[(i + 3) % len(TRICKY)]) for i in range(6)]),
     ("second & \"doc\"", [person(t, [TRICKY[-i]]) for i in range(1, 6) for t in TRICKY[6 + i:7 + i]],
      [(0, "thanked", 4, None, "\r\n".join(TRICKY[10:13]), "rule;with,comma")])],
    description="desc <!-- ]]> & \\", html=False))
write("fuzz_writers", "tricky-page", writers_seed(
    [("<b>doc</b>.txt", [person(t) for t in TRICKY[:3] + TRICKY[6:9]],
      [(i, "welcomed" if i % 2 else TRICKY[i], i + 1, None, TRICKY[-i - 1], "rule<!--")
       for i in range(5)])],
    description="", html=True, title="</title><script>alert(2)</script> &amp;"))
write("fuzz_writers", "merge", writers_seed(
    [("a.txt", [person("Secretary Blinken", ["Blinken"], key="blinken"), person("Mayorkas")],
      [(0, "thanked", 1, None, "Thank you, Secretary Mayorkas.", "thanks")]),
     ("b.txt", [person("Antony Blinken", ["Mr. Blinken"], key="blinken"), person("Mayorkas")],
      [(0, "thanked", 1, "b.txt", "Thank you.", "thanks"),
       (0, "welcomed", 2, None, "out of range", "x")])]))
write("fuzz_writers", "invalid-utf8", writers_seed(
    [(b"\xff.txt", [person(b"\xc3\x28 \xe2\x82 \xf0\x9f \xed\xa0\x80 \xef\xbf\xbe"),
                    person(b"\xc0\xaf\x00\x01\x1b")],
      [(0, b"pred\xff", 1, b"\x80doc", b"\xfftext\x00", b"rule\xfe")])],
    description=b"\xff", html=True, title=b"\xfe"))

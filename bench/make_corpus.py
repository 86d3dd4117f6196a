#!/usr/bin/env python3
"""Makes N MB of realistic transcripts from the shared development corpus.

Each output document is one of the real documents of --corpus (taken in turn)
with its people, titles, countries and department names rotated: every
document gets its own draw of surnames, given names, titles, countries and
departments from the lists below, applied consistently inside the document
(a person keeps one name in the speaker label, the titled mention and the
bare surname), so that matches are not copies while the shape of the text,
and with it the density of titled persons, stays that of the real documents.

Deterministic: the same arguments give byte-identical output, on any machine
(Python's random with a string seed is stable across runs and versions), and
the output of --mb M is a prefix of the output of --mb N for M < N.

With --cast N each real document gets only N castings of its people, used in
turn (titles, countries and departments are still drawn anew for every copy),
so that the set of people, and with it the graph, stops growing after N
copies of each, as in the archive of one department over some years.

Usage:
  bench/make_corpus.py --mb 100 --jsonl corpus.jsonl     # one {"id", "text"} per line
  bench/make_corpus.py --mb 100 --cast 10 --jsonl c.jsonl  # 10 castings a document
  bench/make_corpus.py --mb 5 --dir corpus/              # one .txt per document
  bench/make_corpus.py --mb 1 --jsonl c.jsonl --stats    # densities on stderr

Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import sys
import tempfile
import unicodedata

# --- what is rotated in -------------------------------------------------------
# 300 surnames, many with letters outside ASCII (the pack must read them whole:
# PERFORMANCE-NOTES.md, trap 4).
SURNAMES = """
Garduño Ñúñez Abarca Acosta Aguilar Alarcón Alcántara Almeida Álvarez Amador
Aranda Arévalo Arriaga Ávila Barragán Becerra Beltrán Benítez Bermúdez Bustos
Caballero Cabrera Calderón Camacho Cárdenas Carrasco Castañeda Cervantes Chávez Cisneros
Contreras Córdoba Cortés Cuéllar Delgado Domínguez Echeverría Escobar Espinoza Estrada
Figueroa Fuentes Gallardo Galván Gómez Guerrero Gutiérrez Ibáñez Jiménez Lozano
Maldonado Marín Márquez Medina Mejía Meléndez Miranda Montaño Muñoz Navarro
Núñez Ochoa Orozco Ortiz Palacios Pantoja Peña Quiñones Quintero Ramírez
Rentería Salgado Sandoval Santillán Solís Sotelo Tapia Trujillo Valdés Vázquez
Villaseñor Zamora Zúñiga Anderson Bennett Brooks Campbell Carter Coleman Crawford
Dalton Ellison Fletcher Foster Gallagher Hamilton Harrington Hayward Holloway Jennings
Kendall Lancaster Lawson Mercer Montgomery Nolan Osborne Pemberton Prescott Quinlan
Radcliffe Sherwood Sinclair Thornton Underwood Whitaker Winslow Yardley McAllister O'Donnell
Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Dąbrowski Kozłowski Jankowski
Mazur Krawczyk Nowak Łukaszewicz Żukowski Stępień Głowacki Michalak Sikora Woźniak
Novák Dvořák Svoboda Černý Procházka Kučera Veselý Horák Němec Růžička
Nagy Szabó Tóth Kovács Horváth Varga Farkas Balogh Papp Takács
Šimić Horvat Kovačević Petrović Jovanović Đorđević Marković Babić Knežević Pavlović
Müller Schröder Böhm Jäger Köhler Schäfer Krüger Hoffmann Wagner Zimmermann
Lefèvre Géraud Dubois Mercier Laurent Girard Rousseau Fontaine Bérenger Chevalier
Ødegaard Sørensen Jørgensen Åberg Strøm Lindqvist Öberg Bjørnstad Håkansson Nyström
Çelik Yılmaz Şahin Öztürk Aydın Kaya Doğan Arslan Güneş Özdemir
Nguyễn Trần Phạm Hoàng Đặng Bùi Đỗ Huỳnh Võ Dương
Okafor Adeyemi Mensah Owusu Boateng Diallo Ndiaye Kamara Mwangi Otieno
Haddad Khoury Nasser Mansour Saleh Hamdan Karimi Farouk Bakr Aziz
Sharma Patel Iyer Menon Reddy Banerjee Chatterjee Nair Rao Gupta
Tanaka Watanabe Yamamoto Nakamura Kobayashi Sato Suzuki Takahashi Ito Kato
Kim Park Choi Jeong Kang Yoon Han Seo Shin Kwon
Wang Zhang Chen Zhao Huang Zhou Xu Sun Hu Gao
Silva Santos Oliveira Souza Pereira Costa Rodrigues Ferreira Carvalho Gonçalves
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco
Papadopoulos Georgiou Nikolaidis Dimitriou Konstantinou Ionescu Popescu Dumitru Stoica Moldovan
Kovalenko Shevchenko Bondarenko Tkachenko Kravchenko Melnyk Horbunov Lysenko Marchenko Rudenko
O'Sullivan MacLeod Fitzgerald Kavanagh Brennan Doherty Gallego Lindgren Virtanen Korhonen
""".split()

# 80 given names.
GIVEN_NAMES = """
Łukasz Alejandro Antony Ana Andrés Beatriz Carlos Carmen Cristina Diego
Elena Emilio Esteban Fernanda Francisco Gabriela Ignacio Inés Javier José
Julia Lucía Luis Marcelo María Mateo Paloma Ramón Rocío Sofía
Aoife Benjamin Catherine Daniel Eleanor Frederick Grace Henry Isabel Jonathan
Katherine Margaret Nathaniel Olivia Patrick Rebecca Samuel Theresa Victoria William
Zoë Chloé Aurélie Renée Jürgen Søren Åsa Björn Ömer Ayşe
Małgorzata Agnieszka Tomasz Zdeněk Dagmar István Zsófia Dragan Milena Ngọc
Thảo Minh Adaeze Kwame Amara Youssef Leila Priya Haruto Jiwoo
""".split()

# Titles that head a person's name, one word each, all in the bundled pack's
# title list: a title before a rotated name becomes another of these.
TITLES = """
Secretary Minister Ambassador Governor Senator Commissioner Director Coordinator
Administrator Undersecretary Chancellor Mayor Admiral General Representative
""".split()

# (name, other forms, demonym, takes "the"). Forty states of the bundled
# countries gazetteer, each with a demonym.
COUNTRIES = [
    ("United States", ["United States of America"], "American", True),
    ("Mexico", ["México"], "Mexican", False),
    ("Canada", [], "Canadian", False),
    ("Vietnam", ["Viet Nam"], "Vietnamese", False),
    ("Peru", [], "Peruvian", False),
    ("Chile", [], "Chilean", False),
    ("Colombia", [], "Colombian", False),
    ("Brazil", [], "Brazilian", False),
    ("Argentina", [], "Argentine", False),
    ("Guatemala", [], "Guatemalan", False),
    ("Honduras", [], "Honduran", False),
    ("Ecuador", [], "Ecuadorian", False),
    ("Panama", [], "Panamanian", False),
    ("Costa Rica", [], "Costa Rican", False),
    ("France", [], "French", False),
    ("Germany", [], "German", False),
    ("Poland", [], "Polish", False),
    ("Spain", [], "Spanish", False),
    ("Portugal", [], "Portuguese", False),
    ("Italy", [], "Italian", False),
    ("Norway", [], "Norwegian", False),
    ("Sweden", [], "Swedish", False),
    ("Finland", [], "Finnish", False),
    ("Denmark", [], "Danish", False),
    ("Turkey", ["Türkiye"], "Turkish", False),
    ("Japan", [], "Japanese", False),
    ("South Korea", [], "South Korean", False),
    ("Indonesia", [], "Indonesian", False),
    ("Philippines", [], "Filipino", True),
    ("India", [], "Indian", False),
    ("Kenya", [], "Kenyan", False),
    ("Nigeria", [], "Nigerian", False),
    ("Ghana", [], "Ghanaian", False),
    ("Senegal", [], "Senegalese", False),
    ("Morocco", [], "Moroccan", False),
    ("Egypt", [], "Egyptian", False),
    ("Jordan", [], "Jordanian", False),
    ("Australia", [], "Australian", False),
    ("Ireland", [], "Irish", False),
    ("Greece", [], "Greek", False),
]

# What a department or ministry is of: "Department of X", "Secretary of X".
DOMAINS_OF = [
    "Homeland Security", "State", "Defense", "National Defense", "Public Security",
    "Security", "Foreign Affairs", "Health", "Energy", "Agriculture", "Commerce", "Labor",
    "Education", "Transportation", "the Treasury", "the Interior", "Finance", "Economy",
    "the Navy", "Justice", "Environment", "Trade", "Culture", "Tourism", "Industry",
    "Fisheries", "Immigration", "Health and Human Services", "Veterans Affairs",
    "Housing and Urban Development", "Science and Technology", "Digital Affairs",
    "Natural Resources", "Public Works", "Social Development", "Public Safety",
    "Employment", "Infrastructure", "Planning and Investment", "Citizenship and Immigration",
]
# The same, as a word before "Department" or "Ministry": "Foreign Ministry".
DOMAINS_ADJ = [
    "Homeland Security", "State", "Defense", "Justice", "Foreign", "Interior", "Health",
    "Energy", "Agriculture", "Commerce", "Labor", "Education", "Transportation", "Treasury",
    "Finance", "Economy", "Trade", "Culture", "Environment", "Tourism", "Industry",
    "Fisheries", "Immigration", "Security", "Public Security", "Defence",
]

# --- reading a real document --------------------------------------------------
# Words that introduce a person's name (besides TITLES).
TRIGGERS = TITLES + """
Mr. Ms. Mrs. Dr. Mr Ms Mrs Dr President Prime Vice Attorney Advisor Adviser Official
Chair Chairman Chairwoman Secretary-General Envoy Counsel Spokesperson Commander
Prosecutor Excellency Honorable King Queen Premier Colonel Captain Chief
""".split()
TRIGGER_SET = {t.casefold() for t in TRIGGERS}

# Capitalised words that are never part of a name.
STOPWORDS = set("""
I We You He She It They The This That These Those And But So Or As If When While Then Now
Also Today Tonight Tomorrow Here There Thank Thanks Good Morning Afternoon Evening Welcome
Please Yes No Well Okay Let Our Their His Her My Your All Both Each Every Many Some Sir
Madam Mister Q A An In On At Of For To From By With Via About After Before During Again
Department Ministry Office Agency House White Council Committee Association Institute Unit
Guard Army Navy Force Forces Court Senate Congress Government Administration Embassy
Operation Allies Dialogue Summit Partnership Initiative Framework Strategy Plan Program
United States America U.S. Nations Union North South East West Central Latin
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
As-interpreted Interpreted Translation Honorable Excellency Mr Ms Mrs Dr
Just However Finally First Second Third Thirdly Secondly Firstly Lastly Together
Officer Official Officials Senior Deputy Assistant Executive Special National Response Associate
Hospital University School Center Centre Assembly Parliament Party Foundation Institution
Principal Acting Former Lady Gentleman Highness Majesty Delegation Team Staff Director Directors
""".split())
ANONYMOUS = {"Q", "A", "OPERATOR", "MODERATOR", "PARTICIPANT", "INTERPRETER", "REPORTER",
             "QUESTION", "ANSWER", "NOTE", "END", "STAFF", "AIDE", "OFFICIAL", "SPOKESPERSON"}

WORD = re.compile(r"[^\W\d_](?:[\w’'-]*\w)?")


def fold(word):
    """Lower case, accents stripped: 'TRỌNG' and 'Trọng' and 'trong' alike."""
    nfd = unicodedata.normalize("NFD", word)
    return "".join(c for c in nfd if not unicodedata.combining(c)).casefold()


def alternation(forms):
    return "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))


def country_forms():
    """Surface form -> (country index, is demonym)."""
    forms = {}
    for i, (name, others, demonym, _) in enumerate(COUNTRIES):
        for f in [name] + others:
            forms[f] = (i, False)
        forms[demonym] = (i, True)
    return forms


COUNTRY_FORMS = country_forms()
NOT_NAMES = (STOPWORDS | set(TITLES) | {w for f in COUNTRY_FORMS for w in f.split()}
             | {w for d in DOMAINS_OF + DOMAINS_ADJ for w in d.split()})
NOT_NAMES_FOLDED = {fold(w) for w in NOT_NAMES} | TRIGGER_SET


def is_name_word(word):
    return (len(word) >= 2 and word[0].isupper() and fold(word) not in NOT_NAMES_FOLDED
            and fold(word.title()) not in NOT_NAMES_FOLDED)


def find_names(text):
    """The people's name words of a document: fold -> 'given' or 'surname',
    and every surface form seen. Names are read after title words ("Secretary
    Alejandro Mayorkas"), before an appositive title ("Ricardo Mejia,
    Undersecretary") and at the end of speaker labels ("SECRETARY MAYORKAS:")."""
    roles, forms = {}, set()

    def add_run(run):
        for k, word in enumerate(run):
            key = fold(word)
            role = "given" if k == 0 and len(run) > 1 else "surname"
            if roles.get(key) != "surname":
                roles[key] = role
            forms.add(word)
            if fold(word.upper()) == key:  # SECRETARY MAYORKAS: (not so for every letter)
                forms.add(word.upper())

    words = []
    for m in WORD.finditer(text):
        word = re.sub(r"[’']s$", "", m.group())  # Markell’s
        words.append((word, m.start(), m.start() + len(word)))
    for i, (word, _, end) in enumerate(words):
        trigger = word.casefold() in TRIGGER_SET or (word + ".").casefold() in TRIGGER_SET
        if trigger:
            run, last_end = [], end
            for w, s, e in words[i + 1:i + 5]:
                gap = text[last_end:s]
                if not run and word in ("Mr", "Ms", "Mrs", "Dr"):
                    gap = gap.replace(".", "", 1)  # Mr. Blinken
                if gap.strip(" \n") or "\n\n" in gap or not is_name_word(w):
                    break
                run.append(w)
                last_end = e
            # Title-case names only: an all-capitals run is a label, read below.
            if run and not any(w.isupper() for w in run):
                add_run(run)
    for m in re.finditer(r"((?:[^\W\d_][\w’'-]*[ ]){1,3}[^\W\d_][\w’'-]*),[ \n]+(?:the |our |my )?"
                         r"(?:[^\W\d_]+ ){0,2}(" + "|".join(TITLES) + r")\b", text):
        run = m.group(1).split()
        if len(run) >= 2 and all(is_name_word(w) and not w.isupper() for w in run):
            add_run(run)
    for line in text.splitlines():
        m = re.match(r"([^\W\d_a-z][^:\n]{0,60}):", line)
        if not m or not m.group(1).isupper():
            continue
        label = m.group(1).split()
        if label and label[-1] not in ANONYMOUS and is_name_word(label[-1].title()):
            key = fold(label[-1])
            roles[key] = "surname"
            forms.update(f for f in (label[-1], label[-1].title()) if fold(f) == key)
    return roles, forms


# The banner of U.S. government websites (the bundled pack's cleanup rules).
BOILERPLATE = re.compile(r"(?m)^(?:An official website of|Official websites use|A \.gov website|"
                         r"Secure \.gov websites|A lock \().*$")


class Template:
    """A real document cut into literal text and slots: ('name', key, upper),
    ('title', word, upper), ('country', index, demonym, article),
    ('domain_of', domain), ('domain_adj', domain)."""

    def __init__(self, stem, text):
        self.stem = stem
        self.roles, name_forms = find_names(text)
        names = alternation(name_forms)
        patterns = [
            r"(?:(?<=Department of )|(?<=Ministry of )|(?<=Secretariat of )|(?<=Secretary of )"
            r"|(?<=Minister of )|(?<=Undersecretary of ))(?P<dom_of>" + alternation(DOMAINS_OF) +
            r")(?![\w-])",
            r"(?<![\w-])(?P<dom_adj>" + alternation(DOMAINS_ADJ) +
            r")(?= (?:Department|Ministry)\b)",
            r"(?<!\w)(?P<article>(?:[Tt]he )?)(?P<country>" + alternation(COUNTRY_FORMS) +
            r")(?!\w)(?! City)",
        ]
        if names:
            patterns.append(r"(?<![\w-])(?P<title>" + alternation(TITLES + [t.upper() for t in TITLES]) +
                            r")(?=\s+(?:" + names + r")(?![\w-]))")
            patterns.append(r"(?<![\w-])(?P<name>" + names + r")(?![\w-])")
        # Boilerplate that the pack's cleanup rules remove as written stays as written.
        kept = [m.span() for m in BOILERPLATE.finditer(text)]
        self.pieces = []
        last = 0
        for m in re.finditer("|".join(patterns), text):
            if any(b <= m.start() < e for b, e in kept):
                continue
            slot = self._slot(m, text)
            if slot is None:
                continue
            self.pieces.append(text[last:m.start()])
            self.pieces.append(slot)
            last = m.end()
        self.pieces.append(text[last:])
        self.names = sorted(self.roles)

    @staticmethod
    def _slot(m, text):
        if m.group("dom_of"):
            return ("domain_of", m.group("dom_of"))
        if m.group("dom_adj"):
            return ("domain_adj", m.group("dom_adj"))
        if m.group("country"):
            before = text[max(0, m.start() - 8):m.start("country")]
            if re.search(r"(?:New|North|South|Latin|Central) $", before):
                return None  # New Mexico, North American
            index, demonym = COUNTRY_FORMS[m.group("country")]
            return ("country", index, demonym, m.group("article"))
        if m.groupdict().get("title"):
            word = m.group("title")
            # Only a title that stands alone: "Secretary Mayorkas", not
            # "Foreign Secretary Ebrard" (its modifier may not suit another).
            before = text[max(0, m.start() - 30):m.start()]
            prev = re.search(r"([^\W\d_][\w.’'-]*)\s*$", before)
            if prev and prev.group(1)[0].isupper():
                return None
            return ("title", word.title(), word.isupper())
        word = m.group("name")
        return ("name", fold(word), word.isupper() and len(word) > 1)


def render(template, rng, names_rng=None):
    """One rotated copy of `template`, drawn from `rng`; its people from
    `names_rng` if given."""
    names_rng = names_rng or rng
    given_keys = [k for k in template.names if template.roles[k] == "given"]
    surname_keys = [k for k in template.names if template.roles[k] == "surname"]
    names = dict(zip(surname_keys, names_rng.sample(SURNAMES, len(surname_keys))))
    names.update(zip(given_keys, names_rng.sample(GIVEN_NAMES, len(given_keys))))
    titles = dict(zip(TITLES, rng.sample(TITLES, len(TITLES))))
    countries = rng.sample(range(len(COUNTRIES)), len(COUNTRIES))
    domains_of = dict(zip(DOMAINS_OF, rng.sample(DOMAINS_OF, len(DOMAINS_OF))))
    domains_adj = dict(zip(DOMAINS_ADJ, rng.sample(DOMAINS_ADJ, len(DOMAINS_ADJ))))
    out = []
    for piece in template.pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        kind = piece[0]
        if kind == "name":
            word = names[piece[1]]
            out.append(word.upper() if piece[2] else word)
        elif kind == "title":
            word = titles[piece[1]]
            out.append(word.upper() if piece[2] else word)
        elif kind == "country":
            name, _, demonym, takes_the = COUNTRIES[countries[piece[1]]]
            article = piece[3]
            if piece[2]:
                out.append(article + demonym)
            else:
                out.append((article if takes_the else "") + name)
        elif kind == "domain_of":
            out.append(domains_of[piece[1]])
        else:
            out.append(domains_adj[piece[1]])
    return "".join(out)


TITLED = re.compile(r"\b(?:" + "|".join(TITLES + ["President", "Minister", "Mr", "Ms", "Mrs", "Dr"]) +
                    r")\.?[ \n]+([^\W\d_][\w’'-]*)")


def titled_per_100_words(texts):
    """Titled persons per 100 words: a title word followed by a capitalised word
    that is no title or stop word. The same yardstick for input and output."""
    hits = words = 0
    for text in texts:
        words += len(text.split())
        hits += sum(1 for m in TITLED.finditer(text)
                    if m.group(1)[0].isupper() and m.group(1) not in NOT_NAMES)
    return 100.0 * hits / max(words, 1)


def default_corpus():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "shared", "corpus"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    out = ap.add_mutually_exclusive_group(required=True)
    out.add_argument("--jsonl", metavar="FILE", help="write one {\"id\", \"text\"} per line")
    out.add_argument("--dir", metavar="DIR", help="write one DOC_ID.txt per document")
    ap.add_argument("--mb", type=float, default=100.0,
                    help="megabytes of text (10^6 bytes of UTF-8) at least (default 100)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--cast", type=int, default=0, metavar="N",
                    help="only N castings of the people of each real document, in turn "
                         "(default 0: a new draw for every copy)")
    ap.add_argument("--corpus", default=default_corpus(),
                    help="directory of real documents, *.txt (default ../shared/corpus of the repo)")
    ap.add_argument("--stats", action="store_true",
                    help="print documents, MB and titled persons per 100 words (input, output) "
                         "on stderr")
    args = ap.parse_args()
    if args.mb < 0:
        ap.error("--mb must not be negative")
    if args.cast < 0:
        ap.error("--cast must not be negative")

    try:
        names = sorted(n for n in os.listdir(args.corpus) if n.endswith(".txt"))
    except OSError as e:
        sys.exit(f"make_corpus: cannot read {args.corpus}: {e.strerror}")
    if not names:
        sys.exit(f"make_corpus: no *.txt in {args.corpus}")
    templates = []
    for n in names:
        with open(os.path.join(args.corpus, n), encoding="utf-8", newline="") as f:
            templates.append(Template(n[:-4], f.read()))

    target = int(args.mb * 1_000_000)
    total = 0
    index = 0
    sources_used, outputs = [], []

    def generate():
        nonlocal total, index
        while total < target:
            t = templates[index % len(templates)]
            rng = random.Random(f"kgrep-corpus:{args.seed}:{index}")
            names_rng = None
            if args.cast:
                copy = index // len(templates) % args.cast
                names_rng = random.Random(f"kgrep-cast:{args.seed}:{t.stem}:{copy}")
            text = render(t, rng, names_rng)
            doc_id = f"doc{index:06d}-{t.stem}"
            index += 1
            total += len(text.encode("utf-8"))
            if args.stats:
                sources_used.append(t)
                outputs.append(text)
            yield doc_id, text

    if args.jsonl:
        directory = os.path.dirname(os.path.abspath(args.jsonl))
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".make_corpus.")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            for doc_id, text in generate():
                f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        os.replace(tmp, args.jsonl)
    else:
        os.makedirs(args.dir, exist_ok=True)
        for doc_id, text in generate():
            with open(os.path.join(args.dir, doc_id + ".txt"), "w", encoding="utf-8",
                      newline="") as f:
                f.write(text)

    if args.stats:
        originals = {}
        for n in names:
            with open(os.path.join(args.corpus, n), encoding="utf-8", newline="") as f:
                originals[n[:-4]] = f.read()
        inputs = [originals[t.stem] for t in sources_used]
        print(f"make_corpus: {index} documents, {total / 1e6:.2f} MB; titled persons per 100 "
              f"words: input {titled_per_100_words(inputs):.2f}, output "
              f"{titled_per_100_words(outputs):.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()

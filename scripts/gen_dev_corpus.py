#!/usr/bin/env python3
"""Generate Caldicott's development corpus, data/eval/dev.jsonl.

    python3 scripts/gen_dev_corpus.py > data/eval/dev.jsonl

Stdlib only, fixed seed: the output is byte-for-byte reproducible.

The corpus is a labelled sample of what UK doctors, nurses and students type
in departmental / trainee group chat (Discord, Matrix).  Texts come from
hand-written templates (see the TEMPLATE section) whose slots are filled by
code: NHS / CHI / H&C numbers with correct check digits, dates of birth,
postcodes, Ofcom drama-range phone numbers, names, wards.  Labels follow the
eight categories of shared/interfaces.md; see data/eval/README.md for the
guidelines.  A self-check at the end fails loudly (exit 1, message on
stderr) when the corpus misses its requirements.

This file was written without looking at the detector's rules or code, on
purpose: the corpus must not echo the detector.
"""

from __future__ import annotations

import datetime as _dt
import json
import random
import re
import sys
from collections import Counter

SEED = 20261124
RNG = random.Random(SEED)

CATEGORIES = [
    "advertising",
    "colleague_conflict",
    "discriminatory",
    "disrespect_patients",
    "intoxication",
    "patient_contact_boundary",
    "patient_direct",
    "patient_indirect",
]

# --------------------------------------------------------------------------
# Identifier generators (all synthetic; validated again in self_check)
# --------------------------------------------------------------------------

WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2]


def mod11_check(first9: str) -> int | None:
    """Check digit for the NHS / CHI / H&C modulus 11 scheme, None if 10."""
    total = sum(int(d) * w for d, w in zip(first9, WEIGHTS))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def mod11_valid(number: str) -> bool:
    if len(number) != 10 or not number.isdigit():
        return False
    c = mod11_check(number[:9])
    return c is not None and c == int(number[9])


def gen_nhs(rng: random.Random) -> str:
    """10-digit NHS number in an issued range (400-499, 600-799), valid check."""
    while True:
        prefix = rng.choice([rng.randint(400, 499), rng.randint(600, 799)])
        body = f"{prefix:03d}{rng.randint(0, 999999):06d}"
        c = mod11_check(body)
        if c is not None:
            return body + str(c)


def gen_mod11_any(rng: random.Random) -> str:
    """10 digits that pass mod 11 (any leading digits): near-miss material."""
    while True:
        body = f"{rng.randint(100000000, 999999999)}"
        c = mod11_check(body)
        if c is not None:
            return body + str(c)


def gen_test_nhs(rng: random.Random) -> str:
    """Valid check digit but in the 900-999 range reserved for test patients."""
    while True:
        body = f"{rng.randint(900, 999):03d}{rng.randint(0, 999999):06d}"
        c = mod11_check(body)
        if c is not None:
            return body + str(c)


def gen_bad_nhs(rng: random.Random) -> str:
    """10 digits in an issued-looking range that FAIL the mod 11 check."""
    while True:
        prefix = rng.choice([rng.randint(400, 499), rng.randint(600, 799)])
        n = f"{prefix:03d}{rng.randint(0, 9999999):07d}"
        if not mod11_valid(n):
            return n


def gen_hc(rng: random.Random) -> str:
    """Northern Ireland H&C number: 320000001-399999999 range + check."""
    while True:
        body = f"{rng.randint(320000001, 399999999)}"
        c = mod11_check(body)
        if c is not None:
            return body + str(c)


def rand_date(rng: random.Random, y0: int, y1: int) -> _dt.date:
    start = _dt.date(y0, 1, 1).toordinal()
    end = _dt.date(y1, 12, 31).toordinal()
    return _dt.date.fromordinal(rng.randint(start, end))


def gen_chi(rng: random.Random) -> str:
    """Scottish CHI: DDMMYY, two digits, sex digit, mod 11 check."""
    while True:
        d = rand_date(rng, 1930, 2005)
        body = d.strftime("%d%m%y") + f"{rng.randint(0, 99):02d}" + str(rng.randint(0, 9))
        c = mod11_check(body)
        if c is not None:
            return body + str(c)


def chi_valid(n: str) -> bool:
    if not mod11_valid(n):
        return False
    try:
        _dt.datetime.strptime(n[:6], "%d%m%y")
    except ValueError:
        return False
    return True


def fmt10(n: str, style: str) -> str:
    if style == "space":
        return f"{n[:3]} {n[3:6]} {n[6:]}"
    if style == "dash":
        return f"{n[:3]}-{n[3:6]}-{n[6:]}"
    return n


ZWSP = "\u200b"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"]


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def fmt_date(d: _dt.date, rng: random.Random) -> str:
    style = rng.randint(0, 7)
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return f"{d.day}.{d.month}.{d.strftime('%y')}"
    if style == 2:
        return d.strftime("%d-%m-%y")
    if style == 3:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == 4:
        return f"{ordinal(d.day)} {MONTHS_LONG[d.month - 1]} {d.year}"
    if style == 5:
        return d.isoformat()
    if style == 6:
        return f"{d.day}/{d.month}/{d.strftime('%y')}"
    return d.strftime("%d.%m.%Y")


# postcode areas that exist, with a district range that is plausible
PC_AREAS = [("BS", 1, 16), ("M", 1, 40), ("B", 1, 45), ("LS", 1, 29), ("L", 1, 38),
            ("NE", 1, 40), ("CF", 3, 24), ("G", 1, 53), ("EH", 1, 17), ("BT", 1, 49),
            ("SW", 2, 20), ("SE", 1, 28), ("N", 1, 22), ("E", 1, 18), ("NG", 1, 22),
            ("S", 1, 36), ("OX", 1, 18), ("CB", 1, 11), ("PL", 1, 12), ("EX", 1, 39),
            ("LE", 1, 19), ("DD", 1, 11), ("AB", 10, 25), ("SA", 1, 18), ("GL", 1, 20),
            ("BA", 1, 16), ("YO", 1, 32), ("HU", 1, 17), ("ST", 1, 21), ("CV", 1, 37)]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def gen_postcode(rng: random.Random) -> str:
    area, lo, hi = rng.choice(PC_AREAS)
    out = f"{area}{rng.randint(lo, hi)}"
    inward = f"{rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
    return f"{out} {inward}"


def gen_mobile(rng: random.Random) -> str:
    tail = f"{rng.randint(0, 999):03d}"
    style = rng.randint(0, 3)
    if style == 0:
        return f"07700 900{tail}"
    if style == 1:
        return f"07700900{tail}"
    if style == 2:
        return f"+44 7700 900{tail}"
    return f"07700 900 {tail}"


def gen_landline(rng: random.Random) -> str:
    # Ofcom drama ranges for geographic numbers
    area = rng.choice(["0117 496 0", "0113 496 0", "0161 496 0", "020 7946 0", "0131 496 0",
                       "0121 496 0", "0191 498 0", "029 2018 0"])
    return f"{area}{rng.randint(0, 999):03d}"


STREETS = ["Elm Grove", "Station Road", "Victoria Street", "Church Lane", "Mill Close",
           "Beech Avenue", "Queens Road", "Park Terrace", "Orchard Way", "Windsor Crescent",
           "Albert Road", "Heol y Parc", "Brunswick Street", "Hawthorn Drive", "Kingsway",
           "Gladstone Street", "Meadow View", "Tennyson Road", "Clarence Place", "Dale Street"]

TOWNS = ["Thornbury", "Keynsham", "Yate", "Portishead", "Clevedon", "Nailsea", "Stockport",
         "Wigan", "Rotherham", "Barnsley", "Stroud", "Frome", "Whitby", "Hexham", "Penarth",
         "Bangor", "Lisburn", "Paisley", "Arbroath", "Dunfermline", "Kendal", "Bodmin",
         "Ilkley", "Macclesfield", "Llanelli", "Truro", "Ludlow", "Morpeth", "Wells", "Skipton"]

HOSPITALS = ["Southmead", "the BRI", "the RUH", "Derriford", "Ninewells", "the QE", "Wythenshawe",
             "Salford Royal", "the Royal Vic", "Jimmy's", "the LGI", "Addenbrooke's", "the JR",
             "Morriston", "the Heath", "the Royal Free", "Musgrove", "Glan Clwyd", "Craigavon",
             "the Northern General", "Frenchay", "the Royal Infirmary", "Treliske", "Aintree"]

WARDS = ["ward 7", "Ward 22", "AMU", "Cedar ward", "ward 4B", "CDU", "ward 31", "SAU",
         "Elm ward", "ward 9", "the stroke unit", "ward 12", "Larch", "ward 5a", "MAU",
         "Ash ward", "ward 28", "the frailty unit", "ward 16", "Rowan ward"]

# given names: mixed ages, origins and sexes, as seen on any UK ward
F_NAMES = ["Doris", "Margaret", "Eileen", "Pauline", "Brenda", "Dorothy", "Aisha", "Kayleigh",
           "Siobhan", "Wiktoria", "Mei", "Rukhsana", "Precious", "Jean", "Sandra", "Gwen",
           "Nora", "Bernadette", "Shirley", "Joan", "Fatima", "Chantelle", "Agnieszka", "Ngozi",
           "Lorraine", "Maureen", "Priti", "Hannah", "Olive", "Yvonne", "Sharon", "Ruby"]
M_NAMES = ["Stanley", "Kevin", "Arthur", "Bernard", "Terry", "Malcolm", "Gareth", "Jayden",
           "Mohammed", "Tomasz", "Chidi", "Fergus", "Harjit", "Derek", "Colin", "Reg",
           "Alan", "Wayne", "Dennis", "Kofi", "Ravi", "Callum", "Brian", "Lee", "Desmond",
           "Ivor", "Geoff", "Darren", "Stuart", "Keith", "Mehmet", "Liam"]
SURNAMES = ["Patel", "Okafor", "Smith", "Jones", "Williams", "Nowak", "Wong", "MacLeod",
            "O'Neill", "Hughes", "Begum", "Ahmed", "Thompson", "Evans", "Kowalski", "Singh",
            "Davies", "Murphy", "Campbell", "Robinson", "Adeyemi", "Chen", "Fletcher",
            "Pritchard", "Wilkinson", "Baxter", "Hussain", "Khan", "Greenwood", "Doyle",
            "McAllister", "Price", "Rahman", "Bennett", "Lloyd", "Ferguson", "Mensah", "Kaur",
            "Hargreaves", "Reid", "Sutherland", "Parry", "Gallagher", "Ali", "Cartwright"]
# people in the channel (staff / students), as they address each other
MEMBERS = ["Priya", "Tom", "Sam", "Ellie", "Josh", "Aoife", "Raj", "Hannah", "Dan", "Chloe",
           "Olu", "Becca", "Imran", "Fiona", "Kwame", "Lucy", "Matt", "Zara", "Ben", "Ffion",
           "Niamh", "Ahmed", "Georgia", "Kieran", "Jess", "Yusuf", "Martha", "Callum"]
STAFF_TITLES = ["Dr", "Dr", "Dr", "Sister", "Nurse", "Matron", "Prof", "Charge Nurse"]
ROLES = ["consultant", "reg", "SHO", "FY1", "FY2", "ANP", "HCA", "CT1", "ST3", "SpR",
         "physio", "pharmacist", "OT", "SALT", "PA", "staff nurse", "ward clerk", "site manager"]


class Slots(dict):
    """Lazily filled, per-message slot values: '{nhs}' etc."""

    def __init__(self, rng: random.Random):
        super().__init__()
        self.rng = rng
        self.ids: list[tuple[str, str]] = []  # (kind, digits) for self-check

    def __missing__(self, key: str) -> str:
        val = self.make(key)
        self[key] = val
        return val

    def make(self, key: str) -> str:  # noqa: C901 (one switch, kept flat)
        r = self.rng
        base = key.rstrip("0123456789")
        if base == "nhs":
            n = gen_nhs(r)
            self.ids.append(("nhs", n))
            return fmt10(n, r.choice(["space", "space", "dash", "none"]))
        if base == "nhssp":
            n = gen_nhs(r)
            self.ids.append(("nhs", n))
            return fmt10(n, "space")
        if base == "nhsplain":
            n = gen_nhs(r)
            self.ids.append(("nhs", n))
            return n
        if base == "nhszw":
            n = gen_nhs(r)
            self.ids.append(("nhs", n))
            s = fmt10(n, r.choice(["space", "none"]))
            # zero-width spaces between some digits
            out = []
            for i, ch in enumerate(s):
                out.append(ch)
                if ch.isdigit() and i in (1, 4, 7, 8):
                    out.append(ZWSP)
            return "".join(out)
        if base == "nhsfw":
            n = gen_nhs(r)
            self.ids.append(("nhs", n))
            return fmt10(n, r.choice(["space", "none"])).translate(FULLWIDTH)
        if base == "testnhs":
            n = gen_test_nhs(r)
            self.ids.append(("test", n))
            return fmt10(n, r.choice(["space", "none"]))
        if base == "badnhs":
            n = gen_bad_nhs(r)
            self.ids.append(("bad", n))
            return fmt10(n, r.choice(["space", "none", "dash"]))
        if base == "passnum":
            n = gen_mod11_any(r)
            self.ids.append(("mod11", n))
            return n
        if base == "passnumsp":
            n = gen_mod11_any(r)
            self.ids.append(("mod11", n))
            return fmt10(n, "space")
        if base == "chi":
            n = gen_chi(r)
            self.ids.append(("chi", n))
            return n if r.random() < 0.6 else f"{n[:6]} {n[6:]}"
        if base == "hc":
            n = gen_hc(r)
            self.ids.append(("hc", n))
            return fmt10(n, r.choice(["space", "none"]))
        if base == "mrn":
            style = r.randint(0, 4)
            if style == 0:
                return f"{r.randint(0, 99999999):08d}"
            if style == 1:
                return f"K{r.randint(0, 9999999):07d}"
            if style == 2:
                return f"{r.choice(['RJ', 'MH', 'A', 'H', 'RVJ'])}{r.randint(100000, 9999999)}"
            if style == 3:
                return f"{r.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{r.randint(100000, 999999)}"
            return f"{r.randint(1000000, 9999999)}"
        if base == "dob":
            return fmt_date(rand_date(r, 1926, 2006), r)
        if base == "dobold":
            return fmt_date(rand_date(r, 1926, 1950), r)
        if base == "dobnew":
            return fmt_date(rand_date(r, 2026, 2026), r)
        if base == "dobkid":
            return fmt_date(rand_date(r, 2012, 2024), r)
        if base == "rotadate":
            return fmt_date(rand_date(r, 2026, 2027), r)
        if base == "shortdate":
            d = rand_date(r, 2026, 2027)
            return r.choice([f"{d.day}/{d.month}", f"{ordinal(d.day)} {MONTHS[d.month - 1]}",
                             f"{d.day} {MONTHS_LONG[d.month - 1]}", d.strftime("%d/%m")])
        if base == "age":
            return str(r.randint(19, 97))
        if base == "oldage":
            return str(r.randint(72, 101))
        if base == "youngage":
            return str(r.randint(16, 38))
        if base == "pc":
            return gen_postcode(r)
        if base == "street":
            return f"{r.randint(1, 212)} {r.choice(STREETS)}"
        if base == "mob":
            return gen_mobile(r)
        if base == "land":
            return gen_landline(r)
        if base == "email":
            first = r.choice(F_NAMES + M_NAMES).lower()
            sur = r.choice(SURNAMES).lower().replace("'", "")
            dom = r.choice(["gmail.com", "hotmail.co.uk", "yahoo.co.uk", "btinternet.com",
                            "outlook.com", "icloud.com"])
            return r.choice([f"{first}.{sur}{r.randint(50, 99)}@{dom}",
                             f"{first[0]}{sur}{r.randint(1, 999)}@{dom}",
                             f"{first}{sur}@{dom}"])
        if base == "ftitle":
            return r.choice(["Mrs", "Mrs", "Miss", "Ms"])
        if base == "mtitle":
            return "Mr"
        if base in ("sur", "ssur"):
            return r.choice(SURNAMES)
        if base == "fname":
            return r.choice(F_NAMES)
        if base == "mname":
            return r.choice(M_NAMES)
        if base == "fpat":  # female patient title + surname
            return f"{r.choice(['Mrs', 'Mrs', 'Miss', 'Ms'])} {r.choice(SURNAMES)}"
        if base == "mpat":
            return f"Mr {r.choice(SURNAMES)}"
        if base == "lpat":  # lowercase, as typed in a hurry
            return f"{r.choice(['mr', 'mrs', 'miss', 'ms'])} {r.choice(SURNAMES).lower()}"
        if base == "pat":
            return r.choice([f"Mr {r.choice(SURNAMES)}", f"Mrs {r.choice(SURNAMES)}",
                             f"Miss {r.choice(SURNAMES)}", f"Ms {r.choice(SURNAMES)}"])
        if base == "ffull":
            return f"{r.choice(F_NAMES)} {r.choice(SURNAMES)}"
        if base == "mfull":
            return f"{r.choice(M_NAMES)} {r.choice(SURNAMES)}"
        if base == "staff":
            return f"{r.choice(STAFF_TITLES)} {r.choice(SURNAMES)}"
        if base == "dr":
            return f"Dr {r.choice(SURNAMES)}"
        if base == "role":
            return r.choice(ROLES)
        if base == "mem":
            return r.choice(MEMBERS)
        if base == "at":
            return "@" + r.choice(MEMBERS).lower()
        if base == "ward":
            return r.choice(WARDS)
        if base == "hosp":
            return r.choice(HOSPITALS)
        if base == "town":
            return r.choice(TOWNS)
        if base == "bay":
            return str(r.randint(1, 6))
        if base == "bed":
            return str(r.randint(1, 8))
        if base == "cub":
            return str(r.randint(1, 18))
        if base == "bleep":
            return str(r.choice([r.randint(1000, 9999), r.randint(100, 999), r.randint(10000, 69999)]))
        if base == "ext":
            return str(r.choice([r.randint(2000, 8999), r.randint(20000, 69999)]))
        if base == "num":
            return str(r.randint(2, 9))
        if base == "time":
            return f"{r.randint(7, 22):02d}:{r.choice(['00', '15', '30', '45'])}"
        if base == "order":
            return str(r.randint(10000000, 99999999))
        raise KeyError(f"unknown slot {{{key}}}")


SLOT_RE = re.compile(r"\{([a-z]+[0-9]*)\}")


def fill(template: str, slots: Slots) -> str:
    return SLOT_RE.sub(lambda m: slots[m.group(1)], template)


# --------------------------------------------------------------------------
# TEMPLATES
# Each group: (categories, default note, [texts]).  A text may be a plain
# string, (text, note) or (text, categories, note).  {slot}s are filled by
# Slots; every template is used once unless the group says otherwise.
# --------------------------------------------------------------------------

PD = ["patient_direct"]
PI = ["patient_indirect"]
NEG: list[str] = []

GROUPS: list[tuple[list[str], str, list]] = []


def group(cats, note, texts, times=1):
    GROUPS.append((sorted(cats), note, texts * times))


# ---- patient_direct: NHS / CHI / H&C numbers with a cue -------------------
group(PD, "valid NHS number with a patient cue", [
    "can someone chase the CT for bay {bay} bed {bed}? NHS no {nhs}",
    "pt's NHS number is {nhs}, GP surgery wont release the letter without it",
    "bloods lost again for {pat} ({nhs}) 🙄 can whoever is on tonight re-bleed",
    "NHS: {nhssp} - needs a repeat K before 6pm pls",
    "anyone know how to merge two records? same pt, one under {nhsplain} and a temp number",
    "for the referral: nhs no {nhs}, {age}M, ?PE, wells 6",
    "**TTO query** nhs {nhs} – pharmacy say the apixaban dose is wrong for her weight",
    "just realised I put the wrong NHS number on the request form 😬 correct one is {nhs}",
    "{nhsplain} <- this is the lady in side room {bed}, her echo got cancelled again",
    "> NHS No: {nhssp}\nthis is the one the coroner's officer rang about",
    "ICE won't let me request on {nhs}, says patient not found. any ideas?",
    "rad said they need the nhs number not the hosp number for outside imaging: {nhs}",
    "Datix for the fall on {ward} last night - pt nhs {nhs}, I've put it in as moderate harm",
    ("`NHS {nhssp}` discharge summary never went to GP, can the FY1 redo it",
     "a patient's NHS number with a cue; inline code formatting does not make it a non-patient id"),
    "sorry wrong chat!! (pt nhs {nhs})",
    "gp rang re pt {nhs}, wants to know why the statin was stopped",
    "2222 call to bay {bay} earlier, pt {nhs}... wait let me check the notes",
    "micro rang with a positive BC for nhs no. {nhs}, gram neg rods, who's covering?",
])
group(PD, "valid NHS number with a cue; hidden by zero-width spaces (still an NHS number)", [
    "NHS no {nhszw} for the OGD list tmrw pls",
    "can u book a DEXA, pt nhs {nhszw}",
    "bed {bed}, nhs number {nhszw}, still NBM?",
])
group(PD, "valid NHS number written in full-width digits, with a cue", [
    "nhs number {nhsfw} – echo report missing",
    "pt ＮＨＳ {nhsfw} needs a CTPA",
])
group(PD, "valid Scottish CHI number with a patient cue", [
    "CHI {chi} - trak says she's still on ward {bay}, can someone discharge her properly",
    "pt CHI no {chi}, SCI store has the old letters if anyone needs them",
    "can the night FY chase bloods on CHI {chi}? haemolysed x2",
    "refer to gastro pls, chi {chi}, ?UGIB, Hb 74",
    "chi no for the lady we discussed at handover: {chi}",
    "anyone know why {chi} isn't pulling through on TrakCare? patient in cubicle {cub}",
])
group(PD, "valid Northern Ireland H&C number with a patient cue", [
    "H&C {hc} – ECR shows a previous admission to Craigavon",
    "pt's h+c number is {hc}, need it for the NIECR request",
    "H&C no. {hc}, bay {bay}, for CT head today",
    "can someone on ward {bed} north check H&C {hc} has had his LMWH",
])

# ---- patient_direct: hospital numbers / MRN --------------------------------
group(PD, "hospital number / MRN with a cue", [
    "MRN {mrn} for the echo request",
    "hosp no {mrn} - bloods from this morning went missing, pls re-bleed",
    "unit no: {mrn}. he's been moved to {ward} apparently",
    "K number {mrn} (the one from resus)",
    "anyone able to get on EPR? need the last U&E for MRN {mrn}",
    "rad are asking for hospital number {mrn} before they'll vet it",
    "hosp num {mrn} bay {bay} bed {bed} — stat dose of IV furosemide given, please recheck K",
    "pls can someone print the discharge letter for {mrn}, printer on {ward} is dead",
    "**MRN:** {mrn}\n**Ward:** {ward}\n**Issue:** no VTE assessment done",
    "the sticky label says {mrn} but the wristband says something else?? 😳",
    "mrn {mrn} – DNACPR form not signed by consultant yet",
    "hosp # {mrn}, can cardiology see him today rather than tomorrow",
])

# ---- patient_direct: dates of birth with a cue -----------------------------
group(PD, "date of birth with a birth cue", [
    "dob {dob} – can't find her on the system, anyone know why",
    "DOB {dobold} pls can someone check if she's had her flu jab",
    "pt born {dobold}, previous MI, now chest pain",
    "d.o.b {dob}, need a bed on {ward}",
    "date of birth {dob} – needs her TTOs before 4",
    "is this right? {fpat} dob {dobold}, the NOK is listed as her son",
    "{dob} DOB for the dexa referral",
    "Checking: the lady born on {dobold} is the one going to the hospice?",
    "child in paeds ED, dob {dobkid}, safeguarding concern raised, SW aware",
    "mum's asking when the little one born {dobkid} can be discharged",
    "anyone seen the bloods for the man DOB {dob}?",
    "pls add to the list: {pat} (dob {dob}) for a CTKUB tmrw",
    "birthday today!! born {dobold}, bed {bed} – the nurses got her a cake 🎂",
])

# ---- patient_direct: address / postcode / phone / email -------------------
group(PD, "home address or postcode of a patient", [
    "pt lives at {street}, {pc} – DN team need the address for the referral",
    "his home address is {street}, {town}. the ambulance went to the wrong house lol",
    "home postcode {pc} for the transport booking",
    "lives alone at {street}, no package of care, daughter lives in {town}",
    "found the pt from side room {bed} – she'd walked home to {pc}, police brought her back",
    "address on the system is out of date, she's moved to {street} {pc}",
    "can u update his address: {street}, {pc}",
    "the lady from bay {bay} lives on my road! {street}, small world",
])
group(PD, "patient's personal phone number or email", [
    "pt's mobile is {mob}, can someone ring with the results",
    "daughter's number {mob} – she wants an update after ward round",
    "pls call his wife on {land}, she's not been told he's moved",
    "pt emailed me from {email} asking for their results, can I reply?",
    "the NOK contact is {mob} (son) if anyone needs it overnight",
    "she left her number for the clinic: {mob}. who's booking the follow up?",
    "can you text pt on {mob} to remind about the fasting bloods",
    "his email is {email}, he wants the discharge letter sent there",
])

# ---- patient_direct: names in clinical context ------------------------------
group(PD, "patient name (title + surname) in clinical context", [
    "{fpat} in bed {bed} needs her PRN morphine r/v",
    "has anyone seen {mpat}'s CT? reported as ?mets",
    "{pat} is asking for you again, bay {bay}",
    "{fpat} on {ward} has pulled out her NG for the third time",
    "just a heads up {mpat} is for DNACPR, family aware",
    "can the night team keep an eye on {pat}, NEWS 5 and rising",
    "{mpat} - bay {bay} - K 6.4 on the latest, insulin dex started",
    "reminder: {fpat} going to the hospice tmrw, TTOs not done yet!!",
    "anyone free to cannulate {mpat}? I've tried x3",
    "{fpat}'s family are waiting in the relatives room for the consultant",
    "the MDT outcome for {pat} came through: palliative",
    "{mpat} absconded again. security informed",
    "is {fpat} still NBM? she's asking for tea",
    "can we please get {mpat} a side room, C diff positive",
    "{pat} (bay {bay}) - for repeat lactate in 1h",
    "ugh {fpat} fell again, no injury, obs stable, datix done",
])
group(PD, "patient first name in clinical context", [
    "{fname} keeps pulling her cannula out 😩",
    "{mname} in bay {bay} is asking for his pain relief again",
    "can someone check on {fname}? she's very drowsy since the oramorph",
    "{mname}'s son rang, wants to talk to a doctor about the scan",
    "{fname} in side room {bed} has spiked a temp 38.9, sepsis 6 started",
    "poor {mname}, had his leg amputated yesterday and now C diff",
    "{fname} is for discharge today if PT happy",
    "anyone know if {mname} had his 2nd dose of tazocin?",
    "bay {bay} update: {mname} confused overnight, {fname} settled, bed {bed} empty",
    "{fname}'s INR is 7.2 🙃 warfarin held",
    "{mname} the little lad with the fractured femur is going to theatre at 2",
    "just had {fname} in resus with a massive GI bleed, she's stable now",
])
group(PD, "relative of a patient named in clinical context", [
    "her son {mname} rang again, third time today",
    "{mpat}'s daughter {fname} is very angry about the discharge delay",
    "wife is called {fname}, she's the LPA for health and welfare",
    "the NOK is his brother {mname}, number on the system",
    "pt's husband {mname} wants to stay overnight, is that ok on {ward}?",
    "mum ({fname}) is refusing consent for the LP",
])
group(PD, "photo / wristband / scan / bed board of a patient", [
    "pic of the rash attached – bed {bed}, what do we think? 📸",
    "sent you a photo of his wristband so you can check the allergy",
    "uploading the CXR screenshot from bay {bay} now, see attached",
    "look at this ECG from the guy in resus 👀 [image]",
    "photo of the bed board from {ward} so you can see who's left to see",
    "posting the wound pic from {fpat} for tissue viability opinion",
    "snapped the CT on my phone, can a reg have a look? 🖼️",
    "here's the x-ray of his hand (attached) – the man with the fight injury",
    "IMG_4471.jpg – pressure sore on bed {bed}, grade 3?",
    "I took a pic of the whiteboard so we know who's on which bay",
    "has anyone got a photo of the drug chart for bay {bay} bed {bed}?",
    ("dermoscopy pic from clinic for the group to look at - pt consented to medical photography",
     "patient photo posted to the group; consent to clinical photography is not consent to sharing in chat"),
])

# ---- patient_indirect: place + time + distinctive detail -------------------
group(PI, "place + time + distinctive detail (age/occupation/event) could identify the patient", [
    "the {youngage} year old teacher from {town} who came in after the M5 crash last night has gone to ITU",
    "did you hear about the vicar from {town} in resus yesterday? overdose apparently",
    "the local MP's wife was in majors tonight, very rude to the triage nurse",
    "that footballer from the town team is on {ward} with a ruptured achilles, don't tell anyone 🤫",
    "guess who's on {ward} this week… the weather presenter off the local news",
    "the headteacher of the primary school in {town} got brought in this morning after collapsing in assembly",
    "we had the lorry driver from the A38 pile-up on Tuesday, {age}M, he didn't make it",
    "the twins born at 24 weeks at {hosp} on Sunday are on NICU, mum is only 17",
    "the police officer stabbed in {town} on friday night is in our resus",
    "{youngage}yo pregnant woman from the traveller site near {town}, came in last night with eclampsia",
    "that guy from Love Island is in cubicle {cub} right now!!",
    "the 102 year old in bay {bay} on {ward} who was in the paper for her birthday has been readmitted",
    "the man who fell off the roof of the Tesco in {town} yesterday - spinal injury confirmed",
    "remember the prisoner from HMP who came in handcuffed on Thursday? absconded from {ward} last night",
    "the {age} yo dentist from {town} with the rare porphyria is back in again today",
    "the lady with the 3rd ever case of that mito disease in the region is on {ward} since monday",
    "anyone on nights see the rugby player from the Saturday match? {youngage}M, C-spine cleared",
    "the paramedic who collapsed on shift this morning is in our CCU",
    "the mayor of {town} is an inpatient on {ward} after his fall at the civic dinner on friday",
    "the 15 yo from {town} school who had the anaphylaxis in the canteen today is on the paeds ward",
    "the baby from the house fire in {town} last night is being transferred to the burns unit",
    "the {oldage}yo former Olympic swimmer is in bed {bed} on {ward}, lovely man",
    "one of our own consultants' mum is on {ward} since yesterday with a stroke, keep it quiet",
    "ED tonight: {youngage} yo male, the tattoo artist on the high street in {town}, stab wound to abdo",
    "the famous chef (you know the one) was in the fracture clinic this morning lol",
    "the woman whose car went into the river at {town} on sunday is still in ITU",
    "the kid off the viral TikTok video is in paeds ED with a broken arm 😂",
    "{hosp} had the bus driver from the {town} route 22 crash this morning, 3 others minor injuries",
    "the councillor who campaigned against the hospital closure is now on {ward} lol the irony",
    "the 23 week pregnant surgeon from our own trust came in with pre-eclampsia last night, on delivery suite",
    "the {age}yo from {town} who had the face transplant is being reviewed at {hosp} today",
    "the guy who got crushed at the {town} quarry this morning - amputated at the scene, now in theatre",
    "the only patient with a LVAD in the whole county is in our resus right now",
    "you know the woman who runs the café opposite the hospital? she's in bay {bay} since last night, new cancer diagnosis",
    ("the transgender teenager from {town} admitted today with an OD, mum doesn't know they're trans",
     "town + today + age group + gender identity + overdose: identifying, and discloses special-category data"),
    "the lottery winner from {town} from last year is in majors tonight, chest pain",
    "that pop singer who was playing the arena on saturday was in our ED after the show, fainted",
    "the priest from St Mary's in {town} has been admitted again, alcohol withdrawal this time",
    "the high court judge was in urology clinic this morning",
    "{ward} had the man who drove into the protest in {town} last week, under police guard",
    ("one of the consultant's teenage kids came in to resus last night after a party, ETOH",
     "relationship to a known colleague + place + time identifies the patient to everyone in the department"),
    "the two lads from the boating accident on the lake at {town} yesterday - one in ITU one on {ward}",
])
group(PI + ["disrespect_patients"],
      "identifying combination (place + time + distinctive detail) plus mockery of the patient", [
    "the {youngage}yo PE teacher from {town} who came in last night after the trampoline stunt 🤦 absolute clown",
    "lol the local news reporter in cubicle {cub} tonight is SUCH a drama queen, 'worst pain of her life' with a stubbed toe",
    "that councillor from {town} in bay {bay} since tuesday is the most entitled man alive, 'do you know who I am' 🙄",
])

# ---- discriminatory ----------------------------------------------------------
DISC = ["discriminatory"]
group(DISC, "stereotyping / demeaning language about a group (ethnicity, nationality, religion, sex, sexuality, disability, etc.)", [
    "honestly IMGs should have to pass a proper english test, half of them can't even write a discharge summary",
    "typical travellers, 15 of them in the relatives room and none of them will leave",
    "women shouldn't be doing ortho tbh, they just don't have the strength for hip replacements",
    "the muslim families always want the body released the same day like we're a drive thru",
    "he's a bit autistic if you know what I mean, can't read a room to save his life 🙄",
    "nurses from the philippines are lovely but you can't trust them with anything complex",
    "jewish families are always so demanding about everything",
    "indian doctors all stick together and cover for each other, it's a mafia",
    "female surgeons are too emotional, you can see it in theatre",
    "why are all the Nigerian nurses so lazy on nights",
    "asian families bring 20 people to visit and then complain about the noise",
    "not being funny but the scottish ones are all alcoholics",
    "why do Chinese students never talk in tutorials, they just copy each other",
    "the chinese takeaway lot probably gave him covid lol",
    "you can tell she's from the valleys, can barely string a sentence together",
    "muslim doctors always disappear for prayers mid-ward round, so unprofessional",
    "typical brummie, thick as mince",
    "she's on the spectrum, don't expect her to be a proper doctor",
    "the gypsy family were nicking stuff off the ward trolley i swear",
    "you can smell the curry from the relatives room, it's always the same families",
])
group(DISC + ["disrespect_patients"], "demeaning stereotype of a group, aimed at patients: discriminatory and disrespectful of patients", [
    "why do the polish lot always turn up to ED at 3am with back pain lol",
    "gay men and their 'sexual health' walk-ins, just don't sleep with everyone? 🙄",
    "another romanian 'asthma' attack at 4am, they all know the word 'urgent' and nothing else",
    "old people shouldn't be resuscitated, waste of resources, there I said it",
    "he's trans so god knows which ward to put him on, not our problem",
    "black patients always exaggerate pain, give them paracetamol and see",
    ("the fat ones always come in with 'knee pain' like we can fix 30 stone",
     ['disrespect_patients'],
     'mockery of patients for their weight; weight is not treated as a protected group here, so not discriminatory'),
    ("these scroungers from the estate don't deserve an ambulance tbh",
     ['disrespect_patients'],
     'derogatory about patients from a poor area; class/area is not treated as a protected group here'),
    "she's pregnant again, those people breed like rabbits",
    "learning disability patients should go straight to the dementia ward, they're all the same anyway",
    "bi people are just confused, tell her to pick a side before we fill in the form lol",
    "deaf patients are SO much work, just don't bother with the interpreter",
    "no offence but anyone over 80 with a mental health history is just a bed blocker waiting to happen",
    "schizos are all violent, don't go in that cubicle alone",
    "wheelchair users always expect special treatment in clinic",
    "the 'refugees' in the waiting room all have better phones than me, free healthcare for the world apparently",
    "he 'identifies' as a woman now 🙄 whatever that means, just put him in a side room",
    "old women with dementia are basically vegetables, physio is wasted on them",
    "ramadan again so the diabetics will all be in DKA, thanks for nothing",
    "gay blokes always overreact, his 'chest pain' is nothing",
])
group(DISC + ["disrespect_patients"], "discriminatory remark that also demeans patients", [
    "bay {bay} is full of foreigners who can't speak a word of english and expect us to run around after them",
    "another eastern european drunk in the corridor, they're all the same 🙄 frequent flyers the lot of them",
    "the gypsy families are a nightmare, every single one is a time waster",
])
group(DISC + PD + ["disrespect_patients"], "discriminatory, demeaning remark about a named patient or their family", [
    "{mpat} in bay {bay} – typical of his lot, won't let a female doctor examine him, ridiculous religion",
    "{fpat}'s family are all over the ward, the pakistanis never visit in less than a dozen",
])

# ---- disrespect_patients -----------------------------------------------------
DIS = ["disrespect_patients"]
group(DIS, "derogatory talk about patients (slang, mockery), no identifier", [
    "frequent flyer back in cubicle {cub} again, same 'chest pain', same time every friday 🙄",
    "got 3 bed blockers on my ward and social services won't lift a finger",
    "GOMER in bay {bay}. enough said",
    "another LOLNAD for the medics, love that for me",
    "the PFO brigade is out in force tonight (pissed, fell over)",
    "can't stand the worried well, go home and google it like everyone else",
    "she's a total drama queen, 10/10 pain while eating crisps 😂",
    ('why do all the nutters come in on a full moon',
     ['discriminatory', 'disrespect_patients'],
     'slur generalising about people with mental illness (disability), aimed at patients'),
    "absolute waste of an ambulance, stubbed toe at 3am",
    "he's one of our regulars, treat him like the furniture",
    "majors is just a zoo tonight, feral patients everywhere",
    "another crumbly from the nursing home with a UTI, yawn",
    "pt in resus is thick as two short planks, asked if the defib would charge her phone",
    "I'd rather eat glass than clerk another 'collapse ?cause' who's just pissed",
    "these attention seekers cutting themselves just to jump the queue",
    "sick of the junkies demanding methadone the second they walk in",
    "the obese ones literally break the beds, why bother",
    "great, the bay full of dementia screamers again tonight 😤",
    "honestly some of these patients deserve what they get",
    "SHPOS in cubicle {cub}, don't bother being nice",
    "pt was a complete moron, took 20 of his mum's tablets 'to sleep better'",
    "positive Tuohy's sign lol (the patient is a shit)",
    "bed {bed} is the most annoying woman on the planet, buzzer every 30 seconds 🔔🔔🔔",
    "'I'm allergic to everything except morphine' 🙄 drug seekers are so predictable",
    "if I have to see one more frequent attender with 'dizziness' I'm quitting medicine",
    "turfed the crumble to the surgeons, not my problem now 😎",
    "pts on {ward} are like toddlers today, whining about the food",
    "brain dead patients and braindead relatives, what a night",
    "she's 'allergic' to tramadol, codeine, paracetamol, ibuprofen... but not diamorph, funny that",
    ('mental health pts are just a time sink, shove them in a side room',
     ['discriminatory', 'disrespect_patients'],
     'generalising, demeaning remark about patients with mental illness (disability)'),
    "the sad sack in bay {bay} cried all ward round, had to stop myself rolling my eyes",
    "hoping the gomers all die off over christmas so we get some beds lol",
    "trolleyed the timewaster from triage straight back out the door 🚪",
    "another 'i've had a cough for 2 days' at 4am. people are idiots",
    "gave the whinger in bed {bed} some haloperidol, peace at last 😇",
    "clinic was full of hypochondriacs today, I should charge them rent",
    "why are the ugliest patients always the ones with the most complaints",
    "sick of wiping the arses of people who won't even try",
    "bay {bay} smells like a tramp convention",
    "bless, another 'collapse query cause' = lonely old dear wanting a chat",
    "that crackhead from last week's back, lock up the sharps",
])
group(DIS + PD, "derogatory talk about a named patient", [
    "{mpat} is such a bed blocker, been medically fit for 6 weeks",
    "{fname} in bay {bay} is a proper nightmare, screamed at me for 20 mins, what a witch",
    "{mpat} is back AGAIN, our favourite frequent flyer 🙄 cubicle {cub}",
    "{fpat} literally the most demanding woman alive, I hope she gets discharged before I come back",
    "can someone else deal with {mname} in bed {bed}, he's a complete idiot and I've lost the will",
    "{fpat} is faking it, the sats were 99% the whole time she was 'fitting' lol",
    "pic of the massive guy from bay {bay} who needed the bariatric bed 😂 [image]",
])

# ---- intoxication ------------------------------------------------------------
INTOX = ["intoxication"]
group(INTOX, "clinician drunk, drinking, or still impaired by alcohol/drugs at or around work", [
    "still absolutely hammered from last night and I'm on the post-take 🍻😵",
    "had 3 pints at lunch before clinic, patients loved me lol",
    "who wants a cheeky vodka in the doctors' mess before the night shift starts",
    "pretty sure the on-call reg was pissed last night, slurring on the phone",
    "hiding in the sluice with a can of gin in a tin, 6 hours left of this shift",
    "post-exam drinks went too hard, came straight to my 8am shift still tipsy 🙈",
    "drunk on call is the only way to survive a saturday night in ED tbh 🍷",
    "I've had 2 glasses of wine but I can still come in if you're desperate for the 2222 cover",
    "anyone got paracetamol? I'm so hungover I nearly vommed on the ward round 🤢",
    "left a bottle of prosecco in the staffroom fridge for after handover… or during 😉",
    "wasted at the mess party, got called in for a crash section at 2am, it went fine honestly",
    "bit tipsy but I'll do the cannulas on ward {bed}, how hard can it be",
    ("dr X was stumbling drunk at the start of his night shift, should someone say something?",
     "a clinician drunk at work (the colleague is not named, and this is raising a concern, not an attack)"),
    "doing the consent forms with a massive hangover, zero idea what I wrote",
    "shots in the mess at 5pm then straight onto the evening twilight shift 😎",
    "just saw a pic of me last night on insta, in scrubs, absolutely steaming, deleting now",
    "pre-drinks in the on-call room before the christmas do, still have 2 hours of bleep",
    "can't believe I drove in this morning, definitely still over the limit lol",
    "the anaesthetist smelt of booze this morning in theatre, genuinely worried",
    "smoked a joint before my shift, honestly the best ward round I've ever done 😂",
    "reg brought beers to the handover room for the night team 🍺🍺",
    "still drunk from the leaving do, the SHO had to cover my bloods",
    "ngl I'm a bit merry and just got bleeped for a chest pain, send help",
    "had a few bevvies at the pub quiz, who's coming in to cover my late shift",
    "sister caught the FY2 drinking wine in the day room on nights 🤭",
    "was so hungover today I slept in the on-call room between jobs",
    "day 4 of nights and I've been necking a few beers on my break to cope",
    "smashed at the rugby then went to see my ward patients in the evening as a favour, they didn't notice 😅",
    "on call from home with a bottle of red, if I get called in it's taxi time 🚕",
    "the surgeon who did the list today was clearly still drunk from his birthday",
    "posting this pic from the ward christmas party — all of us in uniform, all absolutely wrecked 🥴",
    "honestly I do better ward rounds after a couple of glasses at lunch",
    "took a couple of diazepam from the ward stock to get through this shift",
    "lol the night F1 was so wasted on his first night he prescribed 10g of paracetamol",
    "gonna do tomorrow's list on 2 hrs sleep and a liver full of tequila 🥃",
    "bar crawl straight into the 8am board round, living my best life",
    "cracked open the wine in the doctor's office after the 4th death today, don't judge",
    "took a shot before going in to break bad news, needed the courage",
    "still feeling the edibles from last night, clinic is going to be interesting 😶‍🌫️",
    "who's up for a drink in the car park before the night shift, it's tradition",
])
group(INTOX + ["colleague_conflict"], "says an identifiable colleague was drunk at work, publicly", [
    "@{mem} you were literally drunk on call on saturday, the whole ward saw you 🤮",
])

# ---- advertising -------------------------------------------------------------
ADV = ["advertising"]
group(ADV, "promotion with unverifiable / exploitative claims or an undisclosed commercial interest", [
    "guys my aesthetics clinic is doing 20% off botox this month, guaranteed results or your money back 💉✨ DM me",
    "this collagen supplement literally reversed my patients' arthritis, link in my bio, use code DRSAM15",
    "PLAB 2 course starting next month – 100% pass rate!! only £499, message me for a spot",
    "anyone want to earn £££ from home? I've joined this amazing wellness company, it's changed my life 💸",
    "my IV vitamin drip clinic is now open in {town}, cures fatigue, brain fog and long covid 💧 book now",
    "if your patients have anxiety, recommend CalmCBD oil, works better than sertraline honestly. use my link for 10% off",
    "selling my MRCP notes bundle, guaranteed to pass first time, £80 via paypal",
    "{mem} get your patients onto ketoMax shakes, they reverse type 2 diabetes in 4 weeks, I'm a rep 😉",
    "new aesthetics page launching! before and afters of my clients on there, results you won't believe 📸 follow @drglowclinic",
    "pls share my detox tea with your patients, flushes out toxins and kills cancer cells 🍵",
    "best stethoscope on the market, 50% off with my code DOCTORJAY – trust me I'm a doctor 😎",
    "I've started selling {town} private health checks, full body MRI picks up everything, book via my website",
    "join my MSRA crash course, every single student last year got their first choice!!",
    "earn commission by referring your patients to my friend's private physio clinic, £50 per referral 🤝",
    "lip filler offer this weekend only, I'll do you mates rates and your mums too 💋",
    "my hair loss clinic has a 99% success rate, best in the UK, DM for consult",
    "these magnetic bracelets really help with arthritis, I'm selling them for a friend, £25",
    "I'm now an ambassador for this protein brand, it cured my IBS. code NHSHERO for 30% off",
    "recommend this ozone therapy clinic for your chronic pain pts, amazing results (my husband runs it 🤫)",
    "£10 off my revision app when you sign up today – the only app that actually works!",
    "sponsored: new skin booster guaranteed to take 10 years off, I'm offering trial sessions in my kitchen",
    "anyone want slimming injections? I can get semaglutide cheap, no consult needed 😉",
    "looking for doctors to join my team selling supplements, make 5k a month part time 🚀",
    "refer your diabetics to my online coaching, they can come off metformin in 6 weeks!!",
    "get rid of your eczema for good with my homeopathy kit, works for all my patients",
    "pharma rep gave me a stack of vouchers for the new inhaler, just prescribe it and they'll cover the team dinner 🍽️",
    "book your private scan at my clinic, I can get you seen before the NHS waiting list, promise they'll find the cause",
    "hey everyone, launching my new skincare line tomorrow — clinically proven to cure acne in 7 days 🌸 link below",
    "if anyone needs a locum agency, sign up through my referral link, they pay the best rates guaranteed (I get £200 per sign-up)",
    "try this new wonder supplement for long covid, all my patients are better in a fortnight, PM me",
    "dm me if you want cheap botox training, certified in one afternoon and you can charge £300 a session 💉",
    "mates rates on my private ADHD assessments, diagnosis guaranteed 😉",
    "my cousin's clinic does stem cell injections for knees, amazing stuff, tell your ortho pts, I get a cut",
    "proud to announce my new private weight loss clinic! lose 2 stone in a month guaranteed ✨",
    "anyone's patients want the menopause patches that aren't on the NHS? I can sort it for a fee",
    "thinking of posting before/after pics of my aesthetics clients on the trust page, great advertising right?",
    "buy my ECG interpretation course, the ONLY course that you'll ever need, used by 10,000 doctors!",
    "join my pyramid.. sorry 'network' 😂 honestly it's legit, I've made 2k this month selling shakes",
    "the new cannula brand the rep left is amazing, 0% tissuing, we should switch the whole trust 👍 (they're taking me to Lisbon for the launch)",
    "private cosmetic surgery in turkey at half the price, I'm the UK contact, zero complications ever",
    "promo: get your full bloods done privately at my pop-up in {town}, detects cancer early, £149",
])

# ---- patient_contact_boundary ------------------------------------------------
PCB = ["patient_contact_boundary"]
group(PCB, "clinician contacting, friending or dating a patient / former patient online", [
    "the fit guy from bay {bay} just added me on insta 😍 should I accept?? he's discharged now",
    "matched with a patient from clinic on hinge lol, do I message him?",
    "found my old patient on facebook and sent her a friend request, she was so lovely",
    "I'm going for drinks with the guy I looked after on {ward} last month, nothing wrong with that right?",
    "slid into the DMs of that guy I stitched up in minors 😏",
    "she gave me her number when she was discharged and we've been texting, it's fine she's not my patient anymore",
    "just accepted a follow request from the lady I delivered last week 💕",
    "anyone else get tinder matches with their own patients? swiped right on one from clinic yesterday 😂",
    "messaged the pt's son on facebook to ask him out, we got on so well in the relatives room",
    ("took the patient's number from the notes so I could check he got home ok, is that weird",
     "using the record to contact a patient privately: boundary; no identifier is posted"),
    "my ex-patient keeps liking my stories and I've started replying 😳",
    "looked up the hot patient from resus on linkedin, he's a lawyer 👀",
    "I've been seeing a man I treated in ED 2 months ago, we met up after he messaged me",
    "added the family of the kid I looked after on snapchat so they can send me updates",
    "patient from the GP practice sent me a DM on insta, I replied and we're meeting for coffee",
    "following my old psych patient on twitter to see how she's getting on, she doesn't know it's me",
    "going on a date with the guy from the fracture clinic tomorrow eek 🙈",
    "I gave the lad from bay {bay} my snapchat, he's only 19 but it's innocent",
    "should I unfriend the patient I've been chatting to on messenger or just keep it casual",
    "my pt asked me to his wedding and I said yes, we've been whatsapping since his discharge",
    "dropped the patient a DM on fb to say happy birthday 🎉 she was my favourite on {ward}",
    "asked the pt out as he was leaving, he said yes!!!",
    "I'm friends with loads of my old patients on fb, it's a small town, plus we message about their meds",
    "the widow of the man who died on our ward keeps messaging me on fb, I've been going round for tea",
    "swapped numbers with the mum of my paeds patient, she's my age and really cool",
    "I've been messaging the guy whose appendix I took out, he's asked me to dinner",
    "texted a patient from my work phone to ask if she wants to grab a drink when she's better",
    "got a bumble match with the man from the pain clinic list 😂 already chatting",
    "following a patient with 100k followers on instagram now, she said 'omg my doctor' in her story lol",
    "sent my number to the patient's brother on whatsapp, he's gorgeous",
    "dm'd the woman I did the smear test on to say she looked familiar from uni 🙃",
    "I found the pt from {ward} on facebook dating and we've been chatting for a week",
    "patient from last week's clinic sent me flowers and his number and I texted him back 🌹",
    "my patient is now my personal trainer and we've been dating 3 weeks, it's fine right",
    "added all the regular dialysis patients on fb, they love seeing my holiday pics",
    "the guy from resus last month followed me back on instagram 🤘 I messaged him",
    "reached out on linkedin to the patient who's a recruiter, might get me a job 😅",
    "offered to tutor the teenage patient on {ward} over facetime after discharge, gave her my number",
    "I messaged the guy from the car crash on facebook to see how his leg is",
    "the patient whose wife died under our care has been texting me every night and I keep replying",
])
group(PCB + PD, "contacting a named patient online", [
    "accepted {mpat}'s friend request from bay {bay}, he seems really nice 😊",
    "just DM'd {fname} (the one with the broken wrist yesterday) on insta, she's so funny",
])

# ---- colleague_conflict ------------------------------------------------------
CC = ["colleague_conflict"]
group(CC, "public insult, argument or bullying aimed at an identifiable colleague", [
    "@{mem} you're genuinely the worst reg I've ever worked with, learn to answer your bleep",
    "{dr} is an absolute joke. spoke to me like dirt on the ward round in front of the patient",
    "well done {at} for leaving 14 jobs for the night team AGAIN, really professional 👏👏",
    "can everyone see how {staff} just treated me? disgusting. someone needs to report her",
    "{at} stop pretending you did the discharge summaries, we all know it was me",
    "Sister {sur} is a bully and everyone on {ward} is scared of her, it's about time someone said it",
    "honestly {dr} shouldn't be allowed near patients, the man is incompetent",
    "{at} if you swap my on calls one more time without asking I'm going to the rota lead, you selfish cow",
    "{mem} you're a lazy piece of work and the whole team knows it",
    "imagine being a consultant and not knowing how to read a CXR. looking at you {dr} 🙄",
    "the new FY1 {mem} is useless, cried again today, why did they even pass med school",
    "nobody wants to work with {at}, maybe ask yourself why",
    "{dr} called me 'sweetheart' in front of the whole MDT and told me to go make the tea. misogynist dinosaur",
    "reply to {at}: no, YOU are the one who messed up the rota, stop blaming everyone else 😡",
    "{staff} screamed at the HCA today, second time this week. absolute tyrant",
    "if {mem} ignores my referral one more time I'm going to kick off in front of everyone",
    "nice of {at} to finally turn up, only 45 mins late to handover 🙃",
    "{dr} you're a coward, you hid in your office while we coded the man in bay {bay}",
    "can't believe {mem} reported me to the CD over a missed blood, snake 🐍",
    "{at} your attitude stinks and you're the reason two of the nurses handed in their notice",
    "just a reminder to the group that {dr} took credit for my audit at the regional meeting 🤬",
    "the ortho reg {mem} is a total prick, refused to see a clear NOF because it was 'not his job'",
    "{at} I've been covering for you for months, you can do your own bloody jobs",
    "matron {sur} is a power-tripping nightmare and honestly I hope she gets sacked",
    "dear {at}, next time you rewrite my drug chart without telling me I'm datixing you",
    "{dr} - your teaching today was so patronising, you clearly think we're all thick",
    "whoever made the rota (yes {at}, you) should be embarrassed, 3 nights in a row followed by a day",
    "{mem} is only a reg because of daddy, everyone knows it",
    "I'm going to say it: {staff} is racist and nobody does anything",
    "everyone's talking about {mem} failing her ARCP, honestly not surprised given how slow she is",
    "{dr} made a junior cry in the corridor today, absolute bully, we should all complain",
    "hey {at} thanks for throwing me under the bus in the M&M, really appreciated 🙂🔪",
    "the anaesthetic reg {mem} refused my patient for ITU and was unbelievably rude. disgrace",
    "{at} you're not a consultant yet, stop bossing the FYs around",
    "{staff} is always on her phone while the rest of us are drowning, so lazy",
    "lol {mem} didn't even know what a STEMI looked like, how are you an SHO",
    "I will not be spoken to like that, {dr}. take it up with me privately instead of shouting on the ward",
    "@{mem} stop stealing my teaching slots you absolute weasel",
    "{dr} is the reason I'm leaving medicine, has made my life hell for 6 months",
    "{at} your patient's been sat in pain for an hour because you couldn't be bothered, disgraceful",
])
group(CC + DISC, "discriminatory insult aimed at an identifiable colleague", [
    "{dr} can't even speak proper english, how did she get through the PLAB 🙄",
    "{at} typical woman, crying over a bit of feedback",
])

# ---- long, multi-line handover-style messages --------------------------------
group(PD, "handover listing patients by name and identifiers", [
    "**Handover {ward}** 🌙\n- bay {bay} bed {bed}: {fpat}, {oldage}F, CAP day 3 IVAB, for r/v abx\n- side room 2: {mpat}, NHS {nhs}, ?C diff, stool sample outstanding\n- bed 8: new admit, not clerked yet\nthanks all x",
    "night jobs:\n1. {mpat} (hosp no {mrn}) – chase K, was 6.1\n2. {fpat} – needs cannula + 2nd dose tazocin\n3. bay {bay} – fluids for everyone 😅",
    "> handover from days\n{mfull}, dob {dobold}, admitted with a fall, ?NOF, for theatre tmrw, NBM from midnight\n{ffull} – palliative, family staying, syringe driver running",
    "Outstanding jobs for weekend team:\n• {fpat} {oldage}yo bay {bay} - repeat Hb (84 today), transfuse if <70\n• {mpat} - TTO needs rewriting, pharmacy flagged\n• bed {bed} - nothing to do\ncheers, {mem}",
    ("list for tomorrow's OGD:\n`{mpat}  {nhssp}`\n`{fpat}  {nhssp2}`\nboth consented, both NBM from 6am",
     "patients' names and NHS numbers in a list; inline code formatting does not make them non-patient ids"),
    "ward 7 board round summary:\n{mname} - medically fit, awaiting package\n{fname} - ?sepsis, cultures sent\n{mname2} - for discharge, TTO done\npls update if I've missed anyone",
    "ED -> AMU transfers tonight\n1) {mpat}, {age}M, DKA, on FRII, VBG 2hrly\n2) {ffull}, dob {dob}, PE on CTPA, started apixaban\n3) unnamed pt from cubicle {cub}, collapse, waiting for CT",
    "hi all, new admissions for the MDT this morning:\n**{pat}** – {age} – new AF, echo pending\n**{pat2}** – {age2} – decompensated liver, ascitic tap today\n**{pat3}** – {age3} – fall, lives at {street}, {town}, OT assessment",
])
group(NEG, "handover using beds, ages and common diagnoses only; no names or numbers (normal clinical discussion)", [
    "**handover {ward}**\n- bay {bay} bed {bed}: {oldage}F CAP day 3 IVAB, for r/v bloods AM\n- bed 6: {age}M AKI, K 5.9, insulin-dex given, repeat at 10pm\n- SR2: C diff, barrier nursing\nnothing else outstanding 👍",
    "night jobs list:\n1. bay 2 - fluids\n2. bay {bay} bed {bed} - cannula + IV abx\n3. SR4 - TTO for morning\n4. chase the CTPA report for the chest pain in bay 1",
    "weekend plan: 4 for discharge (TTOs done), 2 for repeat bloods, bed {bed} for palliative r/v with family at 11. sepsis pt in bay {bay} improving on tazocin",
], )
# ---- second wave of positives: subtler phrasing ------------------------------
group(ADV, "promotion with unverifiable claims or a commercial interest (subtler forms)", [
    "not an ad but the {town} Aesthetics Clinic is honestly the best, ask for Dr Jay (me 😇)",
    "my wife's company does private GP appointments, tell your patients the waiting lists are too long and they'll be seen same day",
    "if anyone wants to make extra cash I'm looking for partners for my supplements business 💸 no experience needed",
    "link in bio for my 'pass FRCS in 30 days' programme — results guaranteed",
    "teeth whitening at my clinic in {town}, best prices, zero side effects ever 😁",
    "I've been recommending FlexiJoint capsules to all my knee OA pts, they work better than physio (I get a small commission)",
    "my clinic can get you ozempic without the BMI check 😉 DM",
    "pop-up cryotherapy this saturday — boosts immunity and burns 800 calories a session, booking link 👇",
])
group(INTOX, "clinician drinking or impaired at or around work (subtler forms)", [
    "came in on 3 hours sleep and I think I'm still a bit drunk tbh",
    "there's wine in my coffee mug 🤫 long day on the unit",
    "ward round was rough, still seeing double from the leavers' do",
    "who's coming for a pint at lunch? we're back on at 2",
    "the reg's breath this morning 🍺🤢 and he's holding the 2222 bleep",
    "second G&T and I'm first on call from home… it'll be fine",
    "F2 passed out drunk in the doctors' mess before his night shift 😂 someone had to cover",
    "took some of my codeine before clinic and now I'm floaty lol",
])
group(PCB, "clinician contacting, friending or dating a patient / former patient (subtler forms)", [
    "she was my patient for 2 years at the practice, we're seeing each other now, is that allowed?",
    "lol the patient from bay {bay} found my tiktok and I followed her back",
    "sent a linkedin connection request to a patient from last week's clinic",
    "recognised the man on the dating app as someone I scoped last month 😂 swiped right anyway",
    "I've been going running with a former patient, we met on strava after his rehab",
    "commented congrats on my old antenatal patient's baby post on facebook 👶",
    "the lady from clinic sent me a message request on insta, I accepted and told her to message me there about her meds",
])
group(CC, "public insult or bullying of an identifiable colleague (subtler forms)", [
    "some regs (cough {mem} cough) need to learn what a handover is",
    "not naming names but the ortho SHO on tonight is a liability. it's {mem}. there, I said it",
    "thanks for all your 'help' today {at} 🙂",
    "{at} you've ignored 6 of my messages, I'm escalating to your consultant and the whole group can see why",
    "{dr} is gaslighting the whole department about the rota and everyone's too scared to say it",
    "we all know {staff} is bang useless at cannulas, stop sending her to do them",
])
group(DISC, "demeaning language about a group (subtler forms)", [
    "if the polish want polish doctors they can go back to poland",
])
group(PI, "identifying combination of place, time and distinctive detail (subtler forms)", [
    "the off-duty firefighter who pulled the kids out of the fire on {street} last night is on our burns unit",
    "just clerked the lady who was on the front of the {town} Gazette this week for turning 105",
    "the BBC sports presenter came into ambulatory care this morning, bloods all normal",
    "olympic cyclist in our fracture clinic today, collarbone, training for the worlds",
    "the mum with the 9 kids from {town} is back in labour on delivery suite tonight",
    "the guy from {town} who got bitten by his own pet python is in minors now 🐍",
    "our own ward manager's husband was admitted to CCU this afternoon",
    "the 19 yo student who went missing from {town} uni last week was found and brought into our resus this morning",
])


# ==== HARD NEGATIVES ========================================================
group(NEG, "names with staff titles or roles are staff, not patients", [
    "{dr} said to hold the ramipril until the creatinine settles",
    "Sister {sur} is in charge on {ward} tonight, she's lovely",
    "ask Nurse {fname} for the CD keys, she's got them",
    "Matron {sur} wants all the bay doors shut for IPC, sorry folks",
    "{dr} (cardiology reg) is happy to see him in clinic rather than as an inpatient",
    "consultant on for the weekend is {dr}, she prefers phone calls to bleeps",
    "Prof {sur}'s teaching on heart failure was 🔥 if anyone missed it",
    "the reg, {mname}, is stuck in resus - can the SHO take the next referral?",
    "FY1 {fname} has the jobs list for {ward}",
    "our ANP {fname} did an amazing job with the LP today 👏",
    "HCA {fname} is doing the obs round, she'll let you know if anyone scores",
    "Mr {sur} (the ortho consultant) has the trauma list tomorrow, I'm assisting",
    "Mr {sur}'s clinic is running 90 mins late, sorry, he's stuck in theatre",
    "{dr} from micro says switch to co-amox once sensitivities are back",
    "charge nurse {mname} asked if we can do the bloods before 10",
    "SHO on nights is {mname} – bleep him not me 😴",
    "{staff} has kindly offered to run the SIM session on thursday",
    "our new physio {fname} starts monday, please say hi",
    "the pharmacist {fname} flagged the gent's doac dose, all sorted",
    "{dr} is on leave next week so {dr2} is covering the respiratory referrals",
    "Dr {sur} and Dr {sur2} will be examining at the OSCE",
    "ward clerk {fname} says the notes trolley is in the seminar room",
    "site manager tonight is {fname}, ext {ext}",
    "our matron {fname} {sur} is retiring after 38 years 😭 collection in the office",
    "welcome to the team Dr {sur}! joining us as ST3 from {hosp}",
    "Sister {fname} says the CD book needs countersigning by 6",
    "tell {dr} the echo is done, LVEF 40%",
    "FY2 {mname} {sur} is swapping to nights from the 14th",
    "ask the OT ({fname}) about the home visit, she's organising it",
    "the SpR {mname} is amazing at chest drains, get him to supervise you",
    "Dr {fname} on the palliative team is really approachable, just ring her",
    "theatre coordinator {fname} says we're 3rd on the list",
])
group(NEG, "channel members chatting to each other; names are staff, not patients", [
    "{at} are you on tonight or is it {mem}?",
    "{mem} can you cover my bleep for 10 mins while I grab food 🥪",
    "thanks {at}!! saved my life with that cannula",
    "{mem} and {mem2} - teaching at 1pm in the seminar room, pizza provided 🍕",
    "hey {at} did you ever send me that ECG teaching pdf",
    "@here reminder portfolio sign-offs due friday",
    "{mem} you legend, bought the whole team doughnuts 🍩",
    "{at} 👍",
    "{mem}: where are the spare ABG syringes kept on {ward}?",
    "lol {at} I saw you running to the 2222 in crocs",
    "happy birthday {mem}!! 🎉🎂",
    "{at} can we swap thursday long day for my saturday? I've got a wedding",
    "ok {mem} I'll take the next referral",
    "{mem} congrats on passing MRCP part 1!!! 🥳",
    "@{mem2} do you know if the mess fridge got cleaned out",
    "good luck in the exam tomorrow {at} you'll smash it",
    "{mem} I owe you a coffee for yesterday ☕",
    "{at} no worries, I'll finish the discharge letters",
    "{mem} are you coming to the regional teaching or staying on the ward?",
    "sorry {at} only just seen this, yes happy to swap",
    "{mem} – your stethoscope is in the doctors' office 🩺",
    "{at} did {mem} ever find her ID badge?",
    "{mem} says she's running 10 mins late to handover, traffic on the ring road",
    "welcome back {at}, hope the honeymoon was amazing 💍",
])
group(NEG, "bleeps, extensions, switchboard and ward phone numbers are staff contact points", [
    "bleep {bleep} for the med reg tonight",
    "I'm on bleep {bleep} if anyone needs me",
    "ext {ext} is the haematology lab, they'll tell you if the sample clotted",
    "call switch on 0117 496 0{num}00 and ask for the on-call radiologist",
    "{ward} nurses station is ext {ext}",
    "the outreach team are on bleep {bleep} (or 2222 if peri-arrest obviously)",
    "can't get through to ext {ext}, anyone know if pharmacy is closed?",
    "new bleep numbers from monday: medical reg {bleep}, SHO {bleep2}, FY1 {bleep3}",
    "📞 microbiology advice line ext {ext}, 9-5 only",
    "sorry my bleep died, ring me on ext {ext} instead",
    "ITU is 0161 496 0{num}22 from outside, ext {ext} internally",
    "the stroke team's phone is ext {ext}, bleep {bleep} out of hours",
    "2222 for the arrest, then bleep {bleep} for the anaesthetist",
    "rota office number is 0113 496 0{num}00 if you want to complain 😂",
    "switchboard: 0300 123 4567 ext {ext}",
    "bleep {bleep} keeps going off and it's not even my patients",
    "IT helpdesk ext {ext} – tell them your smartcard is locked",
    "can someone add the CT reporting room to the contact list? ext {ext}",
    "portering ext is {ext}, takes forever but they do come",
    "on call phone for obs is 0117 496 0{num}45",
    "wards in the new block have 5 digit extensions, ward 30 is {ext}",
])
group(NEG, "rota, clinic, exam and deadline dates are not dates of birth", [
    "rota for {rotadate} – {rotadate2} is out 🎉",
    "I'm on nights from {shortdate} to {shortdate2}, anyone want to swap?",
    "deadline for the audit abstract is {rotadate}",
    "MRCP PACES on {rotadate}, anyone want to practice cases?",
    "clinic on {rotadate} is cancelled, consultant on leave",
    "induction for the new F1s is {shortdate}, please be nice to them",
    "ARCP panel {rotadate}, portfolio must be done 2 weeks before",
    "leave request for {shortdate}-{shortdate2} submitted, fingers crossed",
    "regional teaching moved to {rotadate} because of the strikes",
    "my last day is {shortdate} 😭",
    "the ward christmas party is on friday the 12th of december, tickets from sister",
    "born to be a surgeon, forced to be a medic 😂 (rota starts {shortdate})",
    "I was born in the 90s and I still can't work the fax machine",
    "can't believe it's been a year since I started, {rotadate} feels like yesterday",
    "exam results out {rotadate} 😬",
    "locum shifts available {shortdate}, {shortdate2} – message the rota team",
    "my birthday's on the {shortdate} so please don't put me on nights 🙏",
    "ALS course {rotadate}, 2 spaces left",
    "the strike dates are {shortdate} to {shortdate2}, rota will be reissued",
    "CT booked for next tues, clinic f/u in 6/52",
])
group(NEG, "drug doses and prescribing questions, no patient identifier", [
    "what's the max dose of IV paracetamol under 50kg? 15mg/kg?",
    "enoxaparin 1.5mg/kg od for treatment dose isn't it",
    "gent 5mg/kg then levels at 6-14h per the nomogram",
    "remember 40mmol KCl max in 1L over no less than 4h on the ward",
    "can you give 4mg ondansetron with a QTc of 480?",
    "stat dose of 80mg IV furosemide then reassess, standard stuff",
    "switching from morphine 10mg MR bd to oxycodone - halve it roughly?",
    "adrenaline 0.5mg IM (1:1000) for anaphylaxis, repeat after 5 min",
    "does anyone know the tazocin dose in renal impairment, eGFR 18",
    "insulin sliding scale protocol changed – 0.1 units/kg/hr for DKA now",
    "vanc trough came back 22, hold the next dose?",
    "chlordiazepoxide reducing regime: 30mg qds day 1 then taper",
    "prednisolone 40mg od for 5 days for the COPD exacerbations, no taper needed",
    "apixaban 2.5 bd if 2 of 3: age ≥80, weight ≤60, Cr ≥133",
    "naloxone 400mcg IV, titrate",
    "ceftriaxone 2g od for meningitis is 2g bd isn't it?",
    "TTO: amlodipine 5mg od, atorva 80 on, ramipril 2.5 od",
    "alteplase 0.9mg/kg, 10% bolus, rest over an hour, max 90mg",
])
group(NEG, "lab values and obs without a patient identifier", [
    "Hb 84 but asymptomatic, transfuse or not?",
    "K 5.9 and no ECG changes, calcium gluconate first or just insulin dex?",
    "CRP 210 and WCC 19 but looks well 🤔",
    "troponin 34 then 36, is that a significant delta?",
    "Na 118 on a chronic thiazide, how fast do we correct",
    "lactate 4.2 after 2L, escalate to outreach?",
    "eGFR dropped 68 -> 31 in 48h, stop the ACEi right?",
    "INR 6.1 no bleeding, vit K 1mg oral and hold warfarin?",
    "ferritin 8 but Hb 121, iron tablets or infusion?",
    "BM 2.8 on the ward round, gave 150ml 10% glucose",
    "pH 7.21, pCO2 9.1, HCO3 30 – acute on chronic resp acidosis yeah?",
    "d-dimer 4000 in a pregnant woman means nothing right?",
    "plts 19, any point giving pools pre-LP?",
    "NEWS 7, RR 28, sats 88% on 4L – calling outreach",
    "bili 180, ALT 900 – who do I refer to, gastro or hepatology?",
    "HbA1c 112 mmol/mol, time for insulin?",
    "Mg 0.48 what's the IV replacement again",
    "GCS 13 (E3 V4 M6), CT head booked",
    "BP 220/120 asymptomatic - treat on the ward or not?",
    "urine output 15ml/hr for 3 hours, fluids or furosemide 🤷",
])
group(NEG, "guideline and journal citations (numbers are references, not identifiers)", [
    "NICE NG51 for sepsis is the one you want",
    "per NICE CG161 falls assessment should include a med review",
    "BMJ 2019;364:l1234 – good paper on this",
    "doi:10.1136/bmj.l6890 if anyone wants the full RCT",
    "https://doi.org/10.1016/S0140-6736(20)30183-5 the lancet one",
    "SIGN 158 covers asthma, better than the BTS version imo",
    "NG136 hypertension algorithm has changed, step 2 now ARB or ACEi + CCB",
    "PMID 31475795 – the meta-analysis",
    "Lancet 2021;398:1811-20, the RECOVERY dex paper is the classic",
    "NEJM 2015;373:2103 (SPRINT) – BP target chat for journal club",
    "local trust guideline CG-2231 v4 supersedes the old one",
    "see NICE TA677 for the SGLT2 approval",
    "RCEM best practice guideline 2022, section 4.3",
    "BNF 86 p.1234 has the renal doses",
    "ISBN 978-0-19-880241-8 is the oxford handbook edition we use",
    "BTS guideline pleural disease 2023, thorax 78(S3)",
    "SIGN 97 for cardiac rehab 👍",
    "https://pubmed.ncbi.nlm.nih.gov/34567891/ – short and good",
])
group(NEG, "anonymised teaching case or exam question, no real patient identifiable", [
    "teaching case: a 45-year-old man with chest pain radiating to the back, what's your ddx?",
    "quiz time 🧠 72F, 3 days of diarrhoea, now confused. Na 124. next step?",
    "MCQ: a 28 year old woman presents with palpitations and weight loss. most likely diagnosis?",
    "OSCE station: 60yo smoker, haemoptysis, weight loss. take a history",
    "classic case: young man, tall and thin, sudden SOB → think pneumothorax",
    "common scenario: elderly lady, fall, long lie, CK 12,000",
    "journal club case: 55M with resistant hypertension and low K – Conn's?",
    "SBA: a 34 year old teacher presents with fatigue and a microcytic anaemia...",
    "for the sim session tomorrow: 8yo with wheeze, sats 91%, can't complete sentences",
    "hypothetical: if a 90 year old with severe dementia has a NSTEMI, would you angio?",
    "case based discussion idea: patient in their 80s, frailty, polypharmacy, falls",
    "ECG of the week: 50ish man, collapsed, this is the trace – what do you see? (from LITFL)",
    "a typical presentation is a young woman with a malar rash and joint pains",
    "in general older patients with UTIs present atypically, don't trust the dipstick",
    "exam tip: any 20-something with back pain and morning stiffness → think AS",
    "PACES station 5: middle-aged woman with tiredness and weight gain, examine her",
    "patients with COPD and a raised bicarb probably retain CO2, titrate O2 to 88-92",
    "typical DKA teaching case from the RCP: 19yo, vomiting, ketones 5.2",
    "#MedEd question of the day: 65M, painless jaundice, palpable GB. sign?",
    "we've all seen it: the patient who comes in with 'just a bit of indigestion' and it's an MI",
])
group(NEG, "eponymous diseases, signs and scores are not names", [
    "new Parkinson's diagnosis clinic is on tuesdays now",
    "Crohn's flare vs infective colitis – calprotectin won't help you much",
    "always think Addison's in the hypotensive hyponatraemic patient",
    "Murphy's sign positive on the ultrasound, surgeons taking her",
    "Cushing's or just obesity? dex suppression test first",
    "Guillain-Barré follow-up with FVC every 4 hours",
    "Hashimoto's vs Graves' revision session tonight",
    "Bell's palsy – pred within 72h, and protect the eye",
    "Wernicke's is a clinical diagnosis, give the pabrinex",
    "Hodgkin's lymphoma lecture notes are on the shared drive",
    "Wells score 4, d-dimer it",
    "Charcot's triad vs Reynolds' pentad, can never remember",
    "Alzheimer's vs vascular dementia — does it change management?",
    "Trendelenburg test is so hard to do well in an OSCE",
    "positive Babinski on the left, CT head now",
    "Kussmaul breathing in DKA, classic",
    "Glasgow score 3 = severe pancreatitis, HDU referral",
    "Raynaud's + dysphagia → think CREST",
    "Virchow's node, Troisier's sign, same thing",
    "Sjögren's and dry eyes lecture by the rheum reg, highly recommend",
    "Dupuytren's contracture referral to hands clinic",
    "Kawasaki disease teaching from the paeds team",
])
group(NEG, "postcode of a hospital, clinic or venue (not a home address)", [
    "teaching is at the education centre, {pc} – parking is a nightmare",
    "new vaccination hub opening at {pc}, staff can book slots",
    "satnav postcode for the hospital is {pc}, use the north entrance",
    "conference venue: Holiday Inn, {pc}. registration 8:30",
    "the mess party is at The Crown, {pc} 🍺",
    "{hosp} main entrance postcode: {pc}",
    "courier pick-up for the path samples: lab, {pc}",
    "the new MSK hub is at {street}, {pc} - our clinics move there in march",
    "GP trainee half-day venue: {pc}, room 3",
    "postgrad centre address for the exam: {pc}",
])
group(NEG, "10-digit numbers inside URLs or code blocks are not NHS numbers", [
    "https://teams.microsoft.com/l/meetup-join/{passnum} – link for teaching",
    "the form is at https://forms.office.com/r/{passnum}",
    "```\nSELECT * FROM obs WHERE ward_id = {passnum};\n```\nwhy is this query so slow on the audit db",
    "`ERROR 502: request {passnum} timed out` when I try to open EPR",
    "https://www.youtube.com/watch?v=x{passnum} good ultrasound tutorial",
    "code block for the audit script:\n```python\nrecord_id = {passnum}\n```",
    "https://intranet.trust.nhs.uk/docs/{passnum}.pdf new sepsis pathway",
    "`uuid: {passnum}-a7f3` is the ticket in the IT portal",
    "twitter thread: https://x.com/FOAMed/status/1{passnum}1",
    "```\n{passnum}\n```\nthat's the datix ref for the broken lift on level 3",
    "link: https://bit.ly/{passnum} (rota swap form)",
])
group(NEG, "phone-like / order / meeting numbers that pass mod 11 but have no patient cue", [
    "Zoom meeting ID {passnumsp}, passcode teach",
    "amazon order {passnum} still hasn't turned up, my new stethoscope 😤",
    "IT ticket reference {passnum}, they said 3-5 working days lol",
    "teams dial-in conference ID {passnumsp}#",
    "my locum agency payroll number is {passnum}, anyone know if they pay on fridays?",
    "parcel tracking {passnum} – it's the Littmann",
    "GMC number is 7 digits, this is my {passnum} membership number for the RCP",
    "invoice no. {passnum} from the conference, can I claim it on study leave?",
    "the vending machine error code was {passnum} lol",
    "train ticket ref {passnum} for the regional teaching, anyone else getting the 7:40?",
    "DBS certificate number {passnum}, need it for the locum agency",
    "ISBN {passnum} – the cheap edition of the oxford handbook",
])
group(NEG, "10-digit number failing the NHS check digit, no patient cue", [
    "ref {badnhs} for the study leave claim",
    "booking code {badnhs} for the ALS course",
    "my pension ref is {badnhs}, is that the right format?",
    "the timesheet ID {badnhs} got rejected again",
    "parking permit number {badnhs} – does anyone know how to renew?",
    "locum shift code {badnhs}, 8am–8pm saturday",
])
group(NEG, "a person's own details about themselves, not a patient's", [
    "my new number is {mob}, old phone died 📱",
    "text me on {mob} if you want to swap",
    "if anyone finds my lanyard pls ring me on {mob}",
    "moving house! new address {street}, {pc}, housewarming sat 🏡",
    ("my dob is {rotadate}... jk, the rota form wants it in US format 😂",
     "a date with a dob cue, but it is the writer's own (joke) detail, not a patient's"),
    "for the secret santa, post to me at {street}, {pc} ✨",
    "anyone else's NHS pension statement wrong? mine says I was born in 1899 lol",
    "I'm {youngage} and my knees already sound like a rice crispy advert",
    "my email is {email} if anyone wants the slides",
    "just turned 30 on nights, what a way to celebrate 🎉",
    "my own GP surgery still hasn't called me back about my bloods 🙄",
    "I've been off sick with covid, back on the {shortdate}",
    "I live near {town} so I can do the early starts, happy to car share",
    "my personal mobile is {mob} — please only use it for rota emergencies",
])
group(NEG, "drinks or socials without anyone intoxicated at or around work", [
    "drinks at the Crown after work friday? 🍻",
    "mess party saturday, theme is 80s, who's in",
    "had a glass of wine at home after that shift, needed it",
    "leaving drinks for {mem} on thursday from 7, all welcome",
    ("anyone fancy a pint after teaching? not me I'm on call lol, lemonade for me",
     "drinking after work, and explicitly not drinking while on call: no intoxication"),
    "the christmas do is booked, {shortdate}, 3 course dinner",
    "coffee run ☕ anyone? going to the costa in the main entrance",
    "celebrated passing MRCP with a nice meal and one prosecco, then bed 😴",
    "mocktails at the wellbeing event were surprisingly good",
    "pub quiz team needs a 6th, we're called 'the septic six' 🧠",
    "dry january complete 💪",
    "brunch sunday after nights? I'll need carbs",
    "does anyone know a good pub near the hospital for a leaving do, with food",
    "reminder: no alcohol at the doctors' mess welcome event this year, trust policy",
])
group(NEG, "ordinary clinical questions and teaching, no identifier", [
    "when do you guys start a PPI with a DOAC? always or only if high risk?",
    "anyone got a good way of explaining ABGs to F1s?",
    "is it ok to use the same cannula for blood cultures if it's just been inserted?",
    "ct head within 1 hour or 8 hours for a fall on anticoag with no LOC?",
    "tips for a first on-call in paeds? terrified 😬",
    "can the FY1s prescribe warfarin or does it need a reg?",
    "does anyone actually do the 4AT on everyone over 65?",
    "what's the local pathway for suspected cauda equina out of hours",
    "hot take: most people on the ward don't need a catheter",
    "when should I escalate a NEWS of 5 if the pt looks fine? always?",
    "best resource for learning CXR interpretation?",
    "what's the difference between a type 1 and type 2 MI in practice",
    "how are people managing the hyperkalaemia shortage of calcium resonium",
    "do we still need a group and save before an OGD?",
    "does anyone know if the ascitic tap kits are on {ward} or in the procedure room",
    "can you do a VBG instead of an ABG for DKA monitoring? yes right",
    "anyone done the ultrasound-guided cannulation course? worth it?",
    "what's the safest antiemetic in parkinson's?",
    "how long do you wait after LMWH before an LP",
    "fluid prescribing: 25-30ml/kg/day maintenance, does everyone use this?",
    "how do people feel about the new sepsis screening tool, too sensitive?",
    ("are we allowed to give blood to a jehovah's witness with an advance decision? (hypothetically, for the ethics tutorial)",
     "religion mentioned for a clinical/ethical question, hypothetical: not discriminatory, not identifying"),
])
group(NEG, "rota swaps, logistics and banter", [
    "anyone want to swap a saturday for a sunday in march?",
    "who stole my pen again 🖊️😤",
    "the coffee machine on level 4 is broken AGAIN",
    "parking office says permits renewed by the end of the month",
    "can someone grab me a sandwich from the canteen, I'm stuck on the ward",
    "the doctors' mess wifi password changed, it's on the whiteboard",
    "I've been bleeped 47 times today, new record 📟",
    "is anyone else's payslip wrong this month?",
    "who's on the 2222 team today?",
    "lol the lift is broken and I'm on the 9th floor",
    "rota coordinator says study leave forms need 6 weeks notice",
    "anyone got a spare charger in the mess? 🔌",
    "can't believe we're short of 3 FYs again this weekend",
    "fire alarm test at 10am, ignore it",
    "canteen has run out of jacket potatoes, this is a major incident",
    "just did my first LP 🎉",
    "the new EPR update broke everything, great",
    "which locker is free in the female changing room?",
    "can someone explain why the handover is at 8:30 and ward round at 8:30",
    "bank holiday rota is up, check your shifts",
    "I'm going to cry, the printer ate my discharge letters",
    "lost my ID badge, IT can't reset my smartcard until monday",
    "free food in the seminar room from the drug rep lunch 🍕 (sandwiches, no talk attached)",
    "our consultant brought cake for the whole ward, top bloke 🍰",
])
group(NEG, "FOAMed / learning links", [
    "great LITFL post on hyperkalaemia ECG changes https://litfl.com/hyperkalaemia-ecg-library/",
    "#FOAMed EMCrit on push-dose pressors is worth a listen",
    "St Emlyn's blog on the MAGIC trial is 👌",
    "the RCEMLearning module on head injury is free this month",
    "geeky medics OSCE guide for the cranial nerve exam: https://geekymedics.com/",
    "Don't Forget the Bubbles has a great bronchiolitis summary",
    "this podcast on DKA management changed my practice 🎧",
    "the BMJ Best Practice app is free through NHS OpenAthens",
    "new Life in the Fast Lane ECG quiz is up 📈",
    "TeachMeAnatomy for the brachial plexus, trust me",
    "anyone seen the new NICE guideline summary infographic on AKI? so clear",
    "check out the 'ECG weekly' email, free for trainees",
    "the FOAMed video on chest drain insertion from the RCP was really good",
    "shout out to the RadiologyMasterclass CXR tutorial, finally get it now",
    "The Resus Room podcast on traumatic cardiac arrest is brilliant",
])
group(NEG, "a patient's intoxication as a clinical fact is not clinician intoxication", [
    "ETOH excess, GCS 12, CT head clear, for obs overnight",
    "CIWA score 18, starting chlordiazepoxide",
    "drunk patient in resus was actually hypoglycaemic, always check a BM!",
    "how much thiamine for someone drinking 2 bottles of vodka a day?",
    "alcohol withdrawal seizures – lorazepam first line?",
    "teaching tomorrow on alcohol-related liver disease, bring lunch",
    "ED is full of saturday night drinkers, waiting time 6h",
    "AUDIT-C screening on all admissions now, it's on the clerking proforma",
])
group(NEG, "respectful or system-level talk about patients and services, no derogatory term", [
    "our high intensity user team is brilliant for people who attend ED a lot, referral form on the intranet",
    "12 delayed discharges on {ward} waiting for care packages, social care is on its knees",
    "ED is heaving tonight, 40 in the waiting room, be kind to each other",
    "sad death on the ward today, debrief at 4 in the seminar room for anyone who wants it 💙",
    "the patient in bay {bay} is so much better today, lovely to see",
    "had a really grateful family today, made my week",
    "patients are waiting 14 hours for beds, it's not safe",
    "it's hard looking after people with dementia at night with 1 HCA to 12 beds",
    "reminder that a lot of our frequent attenders have unmet social needs – the HIU team can help",
    "the relatives were upset and honestly I get it, the wait was awful",
    ("a man in his 60s had a STEMI on the ward last night, great team effort getting him to the lab",
     "borderline: place + time + age band, but a common event with nothing distinctive; a Caldicott guardian would not call it identifying"),
    "someone in majors tonight thanked every single nurse by name, made everyone's night 🥹",
])
group(NEG, "clinically relevant or training talk about groups, not demeaning", [
    "south asian patients have higher CVD risk, QRISK3 includes ethnicity",
    "interpreter booked for the polish-speaking pt in majors, Language Line if it's urgent",
    "EDI training on unconscious bias is mandatory by march",
    "sickle cell crisis – analgesia within 30 mins, don't let anyone call them drug seekers",
    "Black women are 3-4x more likely to die in pregnancy in the UK, MBRRACE report is worth reading",
    "LGBT+ inclusive history taking session at regional teaching, really good",
    "reasonable adjustments for patients with a learning disability - use the hospital passport",
    "some muslim pts may want to discuss Ramadan fasting and their insulin, there's a good DAR guideline",
    "women's heart attacks present differently, the BHF campaign is great",
    "pride month lanyards are in the education centre 🌈",
    "BSL interpreter needs to be booked 48h ahead for clinic",
    "IMG induction programme starts monday, please welcome our new colleagues 🙌",
])
group(NEG, "education or products mentioned with no unverifiable claim and no hidden interest", [
    "free teaching session on ECGs tomorrow lunchtime, all welcome",
    "I run a free MRCP revision group on tuesdays, no charge, just turn up",
    ("disclosure: I write questions for Passmedicine, so I'm biased, but the bank helped me",
     "borderline: commercial interest is disclosed and no unverifiable claim is made, so not advertising"),
    "BMJ careers fair in london next month if anyone's thinking about it",
    "Littmann classic is on sale at the BMA shop this week btw",
    "does anyone have a recommendation for comfy shoes for long days?",
    "the trust is offering free flu jabs in the atrium today 💉",
    ("the drug rep is in the mess at 1, the lunch is paid for by them, FYI so you can decide",
     "sponsorship disclosed, no product claim: not advertising"),
    "I've written a free revision guide for finals, link on the student society page",
    "is the MRCP PACES course at the RCP worth the money? £600 seems a lot",
])
group(NEG, "discussing boundaries / guidance without contacting a patient", [
    "a patient tried to add me on facebook, I declined and told my ES",
    "what's the GMC line on patients adding you on social media?",
    "tip: set your insta to private, patients WILL find you",
    "patient gave me a thank-you card and chocolates, can I keep them?",
    "had a patient ask for my number today, said no, felt awkward but right",
    "the BMA social media guidance is worth a read before you start F1",
    "if a former patient messages you, you can politely say you can't discuss care online",
    "my old patient recognised me in Tesco and said hi, lovely 😊",
])
group(NEG, "friendly, respectful or impersonal talk about colleagues and systems", [
    "thanks {dr} for the amazing teaching today 🙏",
    "{at} you absolute legend, thank you for staying late",
    "I disagree with {mem} on the fluids plan, but happy to talk it through after the ward round",
    "the rota is a mess again, 3 gaps next week 😤",
    "management have no idea what it's like on the shop floor",
    "shoutout to Sister {sur} for running the ward single handed tonight",
    "{mem} smashed her first solo arrest call today, so proud 🥲",
    "the IT system is the real enemy here",
    "whoever left the fridge full of mouldy yoghurt in the mess, please claim it 🤢",
    "{dr} gave really kind feedback on my CBD, nice to hear",
    "huge thanks to the night team, you're all stars ⭐",
    "{at} I think you're wrong about the CT but let's ask the reg 😄",
])

# ---- more patient_direct, in the way people really type ----------------------
group(PD, "patient name typed in lowercase, clinical context", [
    "{lpat} bed {bed} still waiting for the echo, can someone chase",
    "has anyone seen {lpat}? not in bed and the obs are due",
    "{lpat} for cannula pls, tissued",
    "ok so {lpat} is going to theatre after all, NBM now",
    "quick q re {lpat} – for escalation to ITU or ward-based ceiling?",
    "is {lpat} the one with the PEG or the NG?",
])
group(PD, "patient identified by name with quotes, typos or markdown", [
    "Re: “{fpat}” – daughter says she was never told about the biopsy result",
    "> {mpat} - bay {bay}\n> refusing IVAB\ncan a reg come talk to him pls",
    "sorry to spam but **{fpat}** still hasnt had her TTOs and hospital transport is HERE 😭",
    "whos got {mname} {sur} on their list? rad want to know if he can lie flat",
    "~~{fpat}~~ sorry wrong name, I mean the lady in bed {bed}",
    "pt called {ffull} turned up to ED asking for 'the nice doctor from tuesday' lol",
    "he’s called {mfull}, {age}, came in with a fall, lives at {street}",
    "nhs numbr for the referal: {nhs} (pt in bay {bay})",
    "dob: {dob}\nname: {ffull}\nward: {ward}\n^ can someone add her to the endoscopy list",
    "pt is {mname} {sur} – not to be confused with the other {sur} on the ward!!",
    ("`{mfull} {nhssp}` please can the evening team chase his MRI",
     'patient name and NHS number; inline code formatting does not make it a non-patient id'),
    "saw {fname} from bay {bay} at the bus stop after discharge, she's doing great 😊",
])
group(PD, "date of birth through an age cue (\"born\", \"dob\", age + date)", [
    "elderly lady (dob {dobold}) admitted with delirium, lives alone",
    "her date of birth is {dobold}, the system has her age wrong by 10 years",
    "new pt for clinic: b. {dob}, referred with ?IBD",
    "the baby born on {dobnew} at 32+4 is now on the paeds ward, mum asking for updates",
])
group(PD + PI, "named patient plus an identifying place/time/event combination", [
    "{mpat}, the {age}yo builder who fell off the scaffolding in {town} this morning, is in our resus",
    "{fname} (the local hairdresser from {town}) came back in last night with another overdose",
])
group(PD, "patient named alongside staff names or @mentions: the staff are not patients, the patient is", [
    "{at} can you see {mpat} in bay {bay}? chest pain again",
    "{dr} wants {fpat} to have a CTPA today, can someone request it",
    "Sister {ssur} says {fname} in side room {bed} is refusing her meds",
    "Mrs {sur} (no relation to our Dr {sur} 😂) is for discharge today",
    "{mem} can you chase the bloods on {lpat}? thx",
    "thanks {at} for sorting {mpat}'s TTOs 🙏",
    "FY1 {mname} clerked {ffull}, dob {dob}, can the reg review before 5",
    "the reg ({mem}) is stuck in resus with {fpat}, can someone else take the next referral",
])

# ---- more hard negatives ------------------------------------------------------
group(NEG, "person names outside a clinical context: authors, public figures, TV, places", [
    "Kumar and Clark chapter on renal is better than the Oxford handbook imo",
    "reading Adam Kay's new book on nights, too real 😂",
    "anyone watching the new series of Grey's Anatomy? unrealistic but I love it",
    "Florence Nightingale day celebration in the atrium at 12",
    "St Thomas' have a great sepsis teaching video",
    "the Queen Elizabeth in Birmingham is hiring for ST3s",
    "Murray's rules of locuming: never trust the handover 😅",
    "Gray's Anatomy (the book, not the show) is £20 on amazon",
    "new starters on the Nightingale ward from monday",
    "The Nuffield is running a free ultrasound course",
    "Harry Potter themed mess party next month ⚡",
    "Davidson's is the only textbook you need for finals",
])
group(NEG, "a channel member's own family (their own details), not a patient under the team's care", [
    "my nan Doris is 95 today!! 🎂",
    "my mum's had her hip done at the private hospital, she's doing great",
    "my dad keeps asking me medical questions at sunday lunch lol",
    "my son has chickenpox so I might be late, sorry",
    "my sister's getting married in {town} on the {shortdate}, can anyone swap?",
])
group(NEG, "hostile-text forms (full-width / zero-width) in non-patient contexts", [
    "bleep ４４３２ for the surg reg tonight",
    "ext ２２３１ is the cardiac cath lab",
    "teams meeting id ３７２ ９１８ ４０５６ for the M&M",
    "rota v2\u200b.3 is on the shared drive",
    "my new number is ０７７００ ９００１２３ btw",
])
group(NEG, "place and time with a common presentation, no distinctive detail (not identifiable)", [
    "busy night in resus, 3 NSTEMIs and a GI bleed",
    "4 admissions with sepsis on {ward} since lunchtime, beds are tight",
    "lots of falls today, it's the ice",
    "had 3 chest pains in a row in majors this evening, all ECGs normal",
    "majors is full of bronchiolitis babies again this week",
    "two DKAs overnight on AMU, both doing fine now",
])
group(NEG, "hospital/venue addresses and contact details shared for logistics", [
    "for the visiting consultant: the hospital address is {street}, {town} {pc}, switchboard {land}",
    "deliveries for the mess go to Goods In, {pc}",
    "GP practice fax is dead, use the nhs.net inbox instead",
])
group(NEG, "bed/bay locations with routine clinical tasks: no name, number or distinctive detail", [
    "bay {bay} bed {bed} needs a cannula when someone's free",
    "can someone r/v bed {bed} on {ward}, NEWS 6, new AF",
    "side room {bed} is for discharge once the TTOs are up",
    "cubicle {cub} needs a CT head, GCS 14, on apixaban",
    "{dr} wants the pt in bay {bay} to have a CTPA before any more anticoag",
    "Sister {sur} says bed {bed} has been vomiting since 2pm, can the FY1 prescribe an antiemetic",
    "{at} the lady in bay {bay} is asking for the doctor about her results, could you pop by",
    "the gent in bed {bed} is much more settled since the haloperidol was stopped",
    "reg asked me to cath the man in bay {bay}, residual 900ml 😳",
    "ward 7 bay 3 bed 2 – K 5.9 repeat sent, ECG normal",
    "pt in cubicle {cub} wants to self-discharge, capacity assessed, has it",
])

group(NEG, "NHS-format number in the 900-999 range reserved for test patients, on a training system", [
    "the training EPR only has dummy pts, NHS numbers all start with 9 e.g. {testnhs}",
    "for the e-learning module use the test patient NHS no {testnhs}, not a real one",
    "IT say the ICE test patient is {testnhs} if you want to practise requesting",
])


# --------------------------------------------------------------------------
# Build, check, print
# --------------------------------------------------------------------------

NOISE = random.Random(SEED + 1)
TYPOS = [("the ", "teh "), ("because", "becuase"), ("tomorrow", "tmrw"), ("please", "pls"),
         ("patient", "pateint"), ("someone", "some1"), ("anyone", "any1"), ("really", "rly"),
         ("with ", "w/ "), ("about", "abt"), ("you ", "u "), ("receive", "recieve")]


def chat_noise(text: str) -> str:
    """Light, label-preserving noise: all-lowercase, dropped apostrophes, a typo."""
    r = NOISE.random()
    if r < 0.12:
        text = text.lower()
    if NOISE.random() < 0.10:
        text = text.replace("'", "").replace("\u2019", "")
    if NOISE.random() < 0.10:
        a, b = NOISE.choice(TYPOS)
        text = text.replace(a, b, 1)
    return text


def build() -> tuple[list[dict], list[tuple[str, list[tuple[str, str]]]]]:
    rows = []
    for cats, note, texts in GROUPS:
        for item in texts:
            t_cats, t_note = cats, note
            if isinstance(item, tuple):
                if len(item) == 2:
                    text, t_note = item
                else:
                    text, t_cats, t_note = item
                    t_cats = sorted(t_cats)
            else:
                text = item
            slots = Slots(RNG)
            rows.append({"text": chat_noise(fill(text, slots)), "categories": list(t_cats),
                         "note": t_note, "_ids": slots.ids})
    RNG.shuffle(rows)
    out, idlog = [], []
    for i, r in enumerate(rows, 1):
        rid = f"d{i:04d}"
        cats = sorted(set(r["categories"]))
        out.append({"id": rid, "text": r["text"],
                    "identifiable": "patient_direct" in cats or "patient_indirect" in cats,
                    "categories": cats, "note": r["note"]})
        idlog.append((rid, r["_ids"]))
    return out, idlog


def fold(text: str) -> str:
    return text.replace(ZWSP, "").translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def self_check(rows: list[dict], idlog) -> list[str]:
    errs = []
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        errs.append("duplicate ids")
    texts = Counter(r["text"] for r in rows)
    dups = [t for t, n in texts.items() if n > 1]
    if dups:
        errs.append(f"{len(dups)} duplicate texts, e.g. {dups[0]!r}")
    if len(rows) < 600:
        errs.append(f"only {len(rows)} messages (< 600)")
    counts = Counter()
    neg = 0
    for r in rows:
        cats = r["categories"]
        if cats != sorted(set(cats)):
            errs.append(f"{r['id']}: categories not sorted/unique")
        for c in cats:
            if c not in CATEGORIES:
                errs.append(f"{r['id']}: unknown category {c}")
            counts[c] += 1
        if r["identifiable"] != ("patient_direct" in cats or "patient_indirect" in cats):
            errs.append(f"{r['id']}: identifiable inconsistent")
        if not cats:
            neg += 1
        if not r["note"]:
            errs.append(f"{r['id']}: empty note")
        if SLOT_RE.search(r["text"]):
            errs.append(f"{r['id']}: unfilled slot")
    for c in CATEGORIES:
        if counts[c] < 25:
            errs.append(f"category {c}: only {counts[c]} positives (< 25)")
    share = neg / len(rows) if rows else 0
    if share < 0.40:
        errs.append(f"negative share {share:.3f} < 0.40")
    by_id = {r["id"]: r for r in rows}
    for rid, idents in idlog:
        flat = re.sub(r"[ \-]", "", fold(by_id[rid]["text"]))
        for kind, n in idents:
            if n not in flat:
                errs.append(f"{rid}: generated {kind} {n} not found in text")
            if kind == "nhs" and not (mod11_valid(n) and (400 <= int(n[:3]) <= 499 or 600 <= int(n[:3]) <= 799)):
                errs.append(f"{rid}: bad NHS number {n}")
            if kind == "chi" and not chi_valid(n):
                errs.append(f"{rid}: bad CHI {n}")
            if kind == "hc" and not (mod11_valid(n) and 320000001 <= int(n[:9]) <= 399999999):
                errs.append(f"{rid}: bad H&C {n}")
            if kind == "test" and not (mod11_valid(n) and n[0] == "9"):
                errs.append(f"{rid}: test-range number {n} invalid")
            if kind == "bad" and mod11_valid(n):
                errs.append(f"{rid}: near-miss {n} passes mod 11")
            if kind == "mod11" and not mod11_valid(n):
                errs.append(f"{rid}: mod11 near-miss {n} fails mod 11")
            if kind in ("nhs", "chi", "hc") and "patient_direct" not in by_id[rid]["categories"]:
                errs.append(f"{rid}: valid {kind} in a message not labelled patient_direct")
            if kind in ("bad", "mod11", "test") and "patient_direct" in by_id[rid]["categories"]:
                errs.append(f"{rid}: near-miss number in a patient_direct message")
    return errs, counts, neg


def main() -> int:
    # sanity of the validators themselves on known synthetic examples
    assert mod11_valid("9434765919") and not mod11_valid("9434765910")
    rows, idlog = build()
    errs, counts, neg = self_check(rows, idlog)
    summary = ", ".join(f"{c}={counts[c]}" for c in CATEGORIES)
    print(f"[gen_dev_corpus] {len(rows)} messages; negatives {neg} ({neg / len(rows):.1%}); "
          f"{summary}", file=sys.stderr)
    thin = [c for c in CATEGORIES if counts[c] < 40]
    if thin:
        print(f"[gen_dev_corpus] note: under 40 positives: {', '.join(thin)}", file=sys.stderr)
    if errs:
        for e in errs:
            print(f"[gen_dev_corpus] SELF-CHECK FAILED: {e}", file=sys.stderr)
        return 1
    out = sys.stdout
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

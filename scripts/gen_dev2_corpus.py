#!/usr/bin/env python3
"""Generate data/eval/dev2.jsonl: a second, independently written dev corpus for Caldicott.

Python 3.11 stdlib only, fixed seed, deterministic output. Run from the repo root:

    python3 scripts/gen_dev2_corpus.py            # writes data/eval/dev2.jsonl
    python3 scripts/gen_dev2_corpus.py --check    # regenerate in memory, compare with file

All identifiers are synthetic and generated here: NHS numbers in the issued ranges
(400-499, 600-799) with a valid modulus 11 check digit, CHI numbers with a real
DDMMYY date and valid check digit, NI H&C numbers in 320000001-399999999 with check,
Ofcom drama-range phone numbers (07700 900xxx, 0113 496 0xxx, 0161 496 0xxx,
020 7946 0xxx, 029 2018 0xxx, 028 9018 0xxx), and made-up MRNs. No real person is
described. The self-check at the end fails loudly (non-zero exit) on any problem.
"""
from __future__ import annotations

import datetime as _dt
import json
import pathlib
import random
import re
import sys

SEED = 20261124
R = random.Random(SEED)
OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / "eval" / "dev2.jsonl"

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

# ---------------------------------------------------------------- identifiers
VALID_IDS: list[tuple[str, str]] = []  # (kind, digits) that must pass the check
INVALID_IDS: list[tuple[str, str]] = []  # (kind, digits) that must FAIL the check


def mod11_check(nine: str) -> int | None:
    s = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1)))
    c = 11 - (s % 11)
    if c == 11:
        return 0
    if c == 10:
        return None
    return c


def mod11_ok(ten: str) -> bool:
    if len(ten) != 10 or not ten.isdigit():
        return False
    c = mod11_check(ten[:9])
    return c is not None and c == int(ten[9])


def _fmt334(d: str, style: str) -> str:
    if style == "space":
        return f"{d[:3]} {d[3:6]} {d[6:]}"
    if style == "dash":
        return f"{d[:3]}-{d[3:6]}-{d[6:]}"
    return d


def nhs_digits() -> str:
    while True:
        first = R.choice([R.randint(400, 499), R.randint(600, 799)])
        nine = f"{first:03d}{R.randint(0, 999999):06d}"
        c = mod11_check(nine)
        if c is not None:
            return nine + str(c)


def nhs(style: str | None = None) -> str:
    d = nhs_digits()
    VALID_IDS.append(("nhs", d))
    return _fmt334(d, style or R.choice(["space", "space", "dash", "none"]))


def nhs_bad(style: str = "space") -> str:
    """An NHS-shaped number in an issued range whose check digit is wrong."""
    d = nhs_digits()
    wrong = (int(d[9]) + R.randint(1, 9)) % 10
    bad = d[:9] + str(wrong)
    if mod11_ok(bad):  # cannot happen (single check digit), but be explicit
        raise SystemExit("internal: nhs_bad produced a valid number")
    INVALID_IDS.append(("nhs", bad))
    return _fmt334(bad, style)


def chi(style: str = "none", sex: str | None = None) -> str:
    while True:
        dob = _dt.date(1930, 1, 1) + _dt.timedelta(days=R.randint(0, 33000))
        six = dob.strftime("%d%m%y")
        mid = f"{R.randint(0, 99):02d}"
        sx = R.choice("02468") if sex == "f" else R.choice("13579") if sex == "m" else str(R.randint(0, 9))
        nine = six + mid + sx
        c = mod11_check(nine)
        if c is not None:
            d = nine + str(c)
            VALID_IDS.append(("chi", d))
            return d if style == "none" else f"{d[:6]} {d[6:]}"  # "split"


def hc(style: str = "space") -> str:
    while True:
        n = R.randint(320000001, 399999999)
        nine = f"{n:09d}"
        c = mod11_check(nine)
        if c is not None:
            d = nine + str(c)
            VALID_IDS.append(("hc", d))
            return _fmt334(d, style)


def checksum_id_nocue() -> str:
    """A 10-digit number that passes mod 11 (even in an issued range) used as an order/ref id."""
    d = nhs_digits()
    VALID_IDS.append(("nhs-shaped-nocue", d))
    return d


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def _ord(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def dob(lo: int = 1928, hi: int = 2023) -> str:
    d = _dt.date(lo, 1, 1) + _dt.timedelta(days=R.randint(0, (hi - lo) * 365))
    f = R.randrange(8)
    if f == 0:
        return d.strftime("%d/%m/%Y")
    if f == 1:
        return f"{d.day}.{d.month}.{d.strftime('%y')}"
    if f == 2:
        return d.strftime("%d-%m-%y")
    if f == 3:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if f == 4:
        return f"{_ord(d.day)} {MONTHS_LONG[d.month - 1]} {d.year}"
    if f == 5:
        return d.isoformat()
    if f == 6:
        return f"{d.day}/{d.month}/{d.strftime('%y')}"
    return f"{d.day} {MONTHS[d.month - 1].lower()} {d.strftime('%y')}"


AREAS = ["LS", "M", "B", "CF", "SA", "LL", "BT", "G", "EH", "AB", "DD", "NE", "S", "L", "BS", "PL",
         "NG", "LE", "SW", "E", "N", "SE", "OX", "CB", "IV", "KY", "PA", "NP", "HU", "YO"]


def postcode() -> str:
    a = R.choice(AREAS)
    if len(a) == 1:
        out = a + str(R.randint(1, 40)) + (R.choice("ABCDEFGHJKLNPRSTW") if R.random() < 0.1 else "")
    else:
        out = a + str(R.randint(1, 29))
    inward = str(R.randint(0, 9)) + R.choice("ABDEFGHJLNPQRSTUWXYZ") + R.choice("ABDEFGHJLNPQRSTUWXYZ")
    return f"{out} {inward}" if R.random() < 0.85 else f"{out}{inward}".lower()


def mobile() -> str:
    n = f"{R.randint(0, 999):03d}"
    return R.choice([f"07700 900{n}", f"07700900{n}", f"+44 7700 900{n}", f"07700-900-{n}"])


def landline() -> str:
    n = f"{R.randint(0, 999):03d}"
    return R.choice([f"0113 496 0{n}", f"0161 496 0{n}", f"020 7946 0{n}", f"029 2018 0{n}", f"028 9018 0{n}"])


def mrn() -> str:
    f = R.randrange(5)
    if f == 0:
        return f"K{R.randint(1000000, 9999999)}"
    if f == 1:
        return f"{R.randint(0, 99999999):08d}"
    if f == 2:
        return f"RX{R.randint(100000, 999999)}"
    if f == 3:
        return f"H{R.randint(1000000, 9999999)}"
    return f"M{R.randint(10, 99)}{R.randint(100000, 999999)}"


SURNAMES = ["Kowalski", "Okafor", "Nguyen", "MacLeod", "Pritchard", "Begum", "O'Neill", "Hughes",
            "Evans", "Campbell", "Murray", "Singh", "Ahmed", "Brennan", "Doherty", "Adeyemi",
            "Fitzgerald", "Thornton", "Llewellyn", "Baxter", "Mensah", "Sutherland", "Quinn",
            "Wojcik", "Haddad", "Rees", "Gallagher", "Chowdhury", "Petrov", "Ferguson"]
FIRST_F = ["Doris", "Glenys", "Bronwen", "Morag", "Siobhan", "Ethel", "Precious", "Agnieszka",
           "Nadia", "Shirley", "Maureen", "Kayleigh", "Rhiannon", "Fatima", "Jean"]
FIRST_M = ["Kevin", "Dylan", "Aled", "Fergus", "Tomasz", "Alfie", "Reg", "Dwayne", "Malachy",
           "Bilal", "Hamish", "Gareth", "Stanley", "Kofi", "Callum"]


def sur() -> str:
    return R.choice(SURNAMES)


def ff() -> str:
    return R.choice(FIRST_F)


def fm() -> str:
    return R.choice(FIRST_M)


# ---------------------------------------------------------------- corpus
RECS: list[tuple[str, list[str], str]] = []


def add(text: str, cats: list[str] | str, note: str) -> None:
    if isinstance(cats, str):
        cats = [c for c in cats.split() if c]
    RECS.append((text, cats, note))


def neg(text: str, note: str) -> None:
    add(text, [], note)


PD, PI = "patient_direct", "patient_indirect"
DIS, DR = "discriminatory", "disrespect_patients"
INT, ADV = "intoxication", "advertising"
BND, COL = "patient_contact_boundary", "colleague_conflict"

# ================================================================ patient_direct
add(f"bay 6 = mr {sur().lower()} 😬", PD, "title + surname tied to a bay: a patient name in clinical context")
add(f"can someone chase the CT for NHS {nhs('space')} pls, been 6 hrs", PD, "NHS number with explicit NHS cue")
add(f"nhs no {nhs('none')} needs a repeat k+ before 6", PD, "unspaced NHS number with cue")
add(f"pt {nhs('dash')} still NBM?? who wrote that", PD, "dashed NHS number with 'pt' cue")
add(f"Handover from nights:\n- Bed 3 Mrs {sur()}, {R.randint(70, 95)}F, NOF #, DOB {dob(1930, 1950)} — for theatre list tmrw\n- Bed 7 stable\n- Bed 9 awaiting OT", PD, "bulleted handover with title+surname and date of birth")
add(f"{ff()} in side room 2 keeps pulling her cannula out, 3rd one tonight 🙄", PD, "first name in clinical context (side room, cannula)")
add(f"her son {fm()} rang AGAIN asking for an update on his mum in bed 12, can the reg call him back", PD, "named relative of an in-patient")
add(f"Can you check the bloods on {sur()} (hosp no {mrn()})? thanks x", PD, "hospital number with 'hosp no' cue and surname")
add(f"MRN {mrn()} needs a G&S, the one on file clotted", PD, "MRN cue + number")
add(f"unit no {mrn()} — transfusion have lost the sample again", PD, "unit number cue")
add(f"CHI {chi()} — could someone in AMU look at her obs, scoring 5", PD, "Scottish CHI number (valid date + check digit) with cue")
add(f"referral from the GP for {fm()} {sur()}, CHI {chi(sex='m')}, ?cauda equina, coming up to ED", PD, "full name plus CHI, Scottish setting")
add(f"H&C {hc()} for the Ulster fracture clinic list, she's DNA'd twice", PD, "Northern Ireland H&C number with cue")
add(f"health and care no. {hc('none')} - ward 4 Craigavon asking for the discharge letter", PD, "H&C number, unspaced, with cue")
add(f"dob {dob()} , lives at {R.randint(1, 120)} {R.choice(['Heol', 'Ffordd', 'Stryd'])} {R.choice(['Bryn', 'Gwyn', 'Eglwys', 'Afon'])}, {postcode()} — community team need this for the OT visit", PD, "date of birth and home address with postcode")
add(f"his home postcode is {postcode()} so he's out of area for our DN team", PD, "patient home postcode with 'home' cue")
add(f"daughter's mobile {mobile()} if anyone needs to update re mum in bay 4", PD, "relative's personal phone number tied to a patient")
add(f"Pt's email is {R.choice(['dazza', 'glen.mum', 'bigkev', 'sunnygirl'])}{R.randint(70, 99)}@hotmail.co.uk, she wants the clinic letter emailed", PD, "patient's personal email address")
add(f"[image attached] look at the wristband, they've spelt her name wrong AGAIN", PD, "photo of a patient wristband")
add(f"📎 IMG_4471.jpg — pic of the rash on bed 14, thoughts? ?SJS", PD, "clinical photo of a patient's rash tied to a bed")
add(f"screenshot of the bed board for ward 22 attached, see how full we are lol", PD, "a bed board shows patient names; posting it is a direct identifier")
add(f"MR {sur().upper()} IN BAY 2 HAS ABSCONDED AGAIN. SECURITY INFORMED.", PD, "all caps title + surname, clinical context")
add(f"Just seen Mrs {sur()} in resus, {R.randint(60, 90)}yo, trop 4000, cards aware", PD, "named patient in resus")
add(f"can sum1 review mrs {sur().lower()} bed 4 hr 130 af new", PD, "lowercase run-on text, title+surname+bed")
add(f"miss is his of {R.choice(['a gnus', 'agnes'])} {sur()} in bay five she's spiking again", PD, "voice-to-text garble of 'Mrs Agnes <surname>' with bay: still a named patient")
add(f"> forwarded from @sister.ward9\n> {ff()} {sur()} DOB {dob(1935, 1960)} for d/c tomorrow, TTOs not done\nwho's covering ward 9?", PD, "quoted/forwarded message with full name and DOB")
add(f"**Jobs list**\n1. bloods – {sur()} bed 2\n2. TTO – {sur()} bed 5\n3. cannula – bed 11", PD, "markdown jobs list with surnames by bed")
add(f"Can I get a second opinion on this ECG — it's Mr {sur()}'s from this morning, 58, central CP", PD, "ECG attributed to a named patient")
add(f"{fm()} (bed 3) has told the HCA he's self-discharging if he doesn't get a smoke", PD, "first name + bed in clinical context")
add(f"little {R.choice(['Alfie', 'Poppy', 'Mason', 'Ruby'])} in cubicle 4 on PAU still not tolerating fluids, mum anxious", PD, "paediatric patient first name with cubicle")
add(f"paeds: dob {dob(2019, 2025)}, weight 11.2kg, for a septic screen — can ED send the blood cultures up", PD, "child's date of birth with clinical request")
add(f"D.O.B. {dob(1940, 1970)} - that's the lady on the post-take list who needs a CTPA", PD, "date of birth with cue")
add(f"born {dob(1950, 1980)}, presenting with 2/7 haematemesis, NHS {nhs()} — GI reg pls", PD, "'born' + date and NHS number")
add(f"for the psych liaison referral: {fm()} {sur()}, {R.randint(19, 45)}, {nhs('space')}, seen in ED after OD", PD, "psychiatry referral with name and NHS number")
add(f"GP trainee q: can I email the hospital with the pt's NHS number {nhs('dash')} or do I need NHSmail both ends?", PD, "even while asking about IG, the message itself contains a patient NHS number")
add(f"ward clerk here - the notes for {ff()} {sur()} ({mrn()}) have gone walkabout, anyone seen them?", PD, "full name + hospital number, ward clerk voice")
add(f"rang the pt on {mobile()} 3 times no answer, shall I discharge from clinic?", PD, "patient's personal mobile number")
add(f"family want to be called on {landline()} not the mobile - re mr {sur()}", PD, "family landline number tied to named patient")
add(f"Gwely 3: Mrs {sur()}, diolch i'r nyrsys, she's much better today", PD, "Welsh/English mixed, bed + title surname")
add(f"the wee man in bed 6, {fm()} {sur()}, wants his CHI checked — it's {chi(sex='m')} not the one on TrakCare", PD, "Scottish setting, full name + CHI")
add(f"ED board: 'Ms {sur()} – ?ectopic – cubicle 9' can someone from gynae come down", PD, "quoted ED board entry with name")
add(f"Mrs {sur()}’s daughter is kicking off at the nurses station, can a senior come", PD, "curly apostrophe possessive, named patient")
add(f"pls dont d/c {fm()} {sur()} until OT have seen him, lives alone at {R.randint(2, 80)} {R.choice(['Mill Lane', 'Castle St', 'Victoria Rd', 'Church View'])} {postcode()}", PD, "full name and home address")
add(f"Sending the referral now — {sur()}, {nhs('space')}, DOB {dob()}, hx of AAA", PD, "surname + NHS number + DOB")
add(f"bed 14 is Mr {sur()} NOT Mr {sur()}!!! wrong pt got the furosemide", PD, "two named patients in a near-miss incident")
add(f"anyone know if {ff()} from bay 3 got her MRI? she's asking every 5 mins bless her", PD, "first name with bay, clinical context")
add(f"NOK is the husband {fm()}, tel {mobile()}", PD, "named next-of-kin and personal phone")
add(f"ambo crew handed over a Mr {sur()}, 80, from the care home on {R.choice(['Elm', 'Beech', 'Rowan'])} Road, fall + long lie", PD, "title + surname from handover")
add(f"re: {ff()} {sur()} dob {dob(1960, 1999)} — pharmacy say the clozapine level is back, it's 0.9", PD, "psychiatry: name + dob + drug level")
add(f"can i get a hand with a diff cannula in Bay C bed 2 (Mr {sur()}) pls, tried 3x", PD, "nurse request naming patient")
add(f"HCA asking if mrs {sur().lower()} can have a cuppa - she's NBM for the scope", PD, "named patient, nursing question")
add(f"hosp no. {mrn()} — the bleep says he's pulled his NG again", PD, "hospital number cue")
add(f"TTO for {sur()} {nhs('none')} not signed, pharmacy closing at 5", PD, "surname + unspaced NHS number")
add(f"just to say {ff()} {sur()} died peacefully at 0340, family were with her. thanks all for the care", PD, "a death notice naming the patient is still a named patient in clinical context")
add(f"ppl the woman in bay 1, {ff()}, has a visitor who keeps bringing in vodka in a water bottle", PD, "first name + bay")
add(f"{sur()} K no {mrn()} -> for echo, can cardiology add him on", PD, "surname + K number cue")
add(f"pic of bay 4's leg ulcer for TVN — 📷 attached (he said it was fine to photograph)", PD, "clinical photograph of a patient posted to chat; consent for the record is not consent for a group chat")
add(f"Mr and Mrs {sur()} (pt and wife) asking about transport home, CHI {chi(sex='m')}", PD, "CHI with named patient and spouse")
add(f"the pt in the corridor trolley 3 gave me her number {mobile()} 'in case I need it' 😳", PD, "patient's personal phone number posted in chat")
add(f"child protection query: {R.choice(['Jayden', 'Tyler', 'Lily-Mae', 'Skye'])} {sur()}, dob {dob(2016, 2024)}, 2nd attendance with bruising this month", PD, "safeguarding: child's full name and DOB")
add(f"MRN:{mrn()} postcode {postcode()} - wrong address on the system, can someone update PAS", PD, "MRN and home postcode")

# ================================================================ patient_indirect
add("the lad off the news who fell off the Severn Bridge scaffolding last night is on ward 4 now, 19, intubated", PI, "local news event + ward + time + age: recognisable to anyone who knows him")
add("guess who came into resus last night... the Premier League goalkeeper 👀 dislocated shoulder", PI, "celebrity + place + time")
add("we've got the MP for the constituency in side room 1 on 7B, chest pain, keep it quiet lol", PI, "public figure + ward + room")
add("the only Welsh-speaking dairy farmer from up the valley is back in CCU with his 3rd MI, 82 and still milking", PI, "occupation + language + place + age + condition")
add("that 14yo from the school bus crash on the A470 yesterday is still in PICU in Cardiff", PI, "news event + age + place + time")
add("the woman with the Ehlers-Danlos AND the pacemaker from Tenby is in again, same bay as last time", PI, "rare combination + town + bay")
add("local vicar admitted to AMU overnight with a GI bleed, 70s, you'll know him if you're from Bangor", PI, "occupation + town + ward + time; the message itself says others will recognise him")
add("pt in bed 2 on ward 10 is the lollipop lady from St Mary's primary, she's asked us not to tell anyone", PI, "distinctive occupation + named school + ward + bed")
add("23 y/o professional rugby player for the Ospreys came in with a C-spine # after Saturday's game, on the spinal unit", PI, "occupation + team + event + time")
add("Morning all — FYI the firefighter injured in the Kirkcaldy warehouse fire on Tuesday is on our burns unit, 34M", PI, "news event + place + time + age/sex + occupation")
add("you'll never guess, the headteacher from my kid's school is on our ward with an overdose. awkward", PI, "occupation + relationship to poster + ward + sensitive condition")
add("the 102-year-old from the Lisburn care home that was on UTV last week came in with a chest infection", PI, "extreme age + town + media mention")
add("had the guy who won the lottery in Ayr last month in ED tonight, drunk and fell down stairs lol", PI, "news event + town + time (also light-touch mockery, not labelled disrespect)")
add("twins born at 23 weeks on Tuesday at the Royal, only ones this year, parents are both nurses here", PI, "rare event + date + place + parents' occupation")
add("FYI the only patient on the unit with a left ventricular assist device is the one whose husband is the mayor", PI, "rare device + relationship to public figure")
add("that 6ft7 Polish crane driver from the Gorbals with the ruptured spleen went home today 🎉", PI, "height + nationality + occupation + area + condition")
add("bay 2: the 40yo woman who cycled from Land's End to John o'Groats for charity, in with rhabdo", PI, "distinctive event + bay + age")
add("anyone else clerk the BBC weather presenter last night? he was lovely tbh", PI, "public figure + time; recognisable")
add("ED at the Vic last night: the ferry worker who was stabbed on the quay, 28, in theatre now", PI, "news event + place + time + age + occupation")
add("the Olympic swimmer from Swansea is in our eating disorders unit, keep it in this chat", PI, "public figure + town + sensitive unit")
add("dad of one of our own F2s is in CCU bed 3 post-arrest, be kind to her today", PI, "relationship to an identifiable colleague + bed + event")
add("we admitted the 16yo who went missing from Omagh last week (the one on the posters), she's on ward 6", PI, "missing person in the news + age + ward")
add("pregnant 13 y/o on labour ward tonight from a tiny village near Dolgellau. SW involved", PI, "age + pregnancy + village + time; highly identifying and sensitive")
add("the man who drove his tractor through the Tesco in Carmarthen is under the medics now lol", PI, "local news event + town")
add("one of the paramedics from the station on Cowley Rd is in bay 5 with a PE", PI, "occupation + workplace + bay")
add("our ward is looking after the Royal Marine who was injured in the Plymouth training accident on Friday", PI, "news event + occupation + time")
add("the 97yo in side room 3 was at D-Day and he's the last one from Arbroath, local paper wants a photo 🥹", PI, "extreme age + distinctive history + town + room")
add("the Ukrainian cellist who plays at the cathedral on Sundays is on HDU with meningitis", PI, "nationality + occupation + venue + condition")
add("saw the lady who runs the chippy on the high street in colposcopy today, mortified for her", PI, "occupation + place + clinic")
add("the nursing home on Marine Drive sent in the same 89 y/o for the 5th time this month, ward 3 again", PI, "specific care home street + age + frequency + ward")
add("Derry: the uni student who was on the news for the Halloween crush is in ICU at Altnagelvin", PI, "news event + place + occupation")
add("patient in bed 8 on ward 12 is the wife of the consultant anaesthetist, don't gossip pls", PI, "relationship to staff member + ward + bed")
add("got the guy from the Greggs advert in ED with a dislocated knee 😂", PI, "public figure + place")
add("the only haemophiliac in Shetland is on the plane down to us tonight", PI, "rare condition + small place + time")
add("3 y/o brought in after the dog attack in Pontypridd on Sunday, plastics involved, on paeds ward", PI, "news event + age + town + time + ward")

# ================================================================ discriminatory
add("why are all the travellers in bay 3 again, they never pay for anything and nick the TVs", [DIS, DR], "negative stereotype of Travellers as a group, directed at patients")
add("typical Polish drinker, 3rd admission with withdrawal seizures", [DIS, DR], "nationality stereotype about a patient")
add("honestly the Romanians in A&E are all on the blag for sick notes", [DIS, DR], "generalising a nationality as fraudulent")
add("not being funny but the overseas nurses just don't get the basics", DIS, "disparages a group of staff by origin")
add("another fat bird who thinks PCOS is an excuse, can't be bothered", [DIS, DR], "fat-shaming women as a group + contempt for a patient")
add("the trans patients always want special treatment on the ward, it's exhausting", [DIS, DR], "generalising a protected group")
add("she's a lovely girl but you know what muslims are like about female doctors", DIS, "religious stereotype")
add("IMGs shouldn't be allowed to do rotas until their english is fluent lol", DIS, "disparages international medical graduates as a group")
add("ppl with learning disabilities shouldn't be for escalation tbh, what's the point", [DIS, DR], "ableist statement about a group's worth")
add("why do asians always bring the whole family to visiting", [DIS, DR], "ethnic stereotype about patients")
add("lol he's gay so obviously it's HIV, just do the test", [DIS, DR], "sexual orientation stereotype in clinical reasoning")
add("the old biddies on care of the elderly are a waste of a bed", [DIS, DR], "ageist contempt for a group of patients")
add("scousers — can't take a joke and can't take their meds", [DIS, DR], "regional stereotype about patients")
add("female surgeons are never as good, they just aren't built for it", DIS, "sexist generalisation")
add("it's always the eastern europeans with the TB, screen them all at the door", [DIS, DR], "nationality stereotype")
add("Gypsy family in side room 4 kicking off again. Security on standby as usual with that lot", [DIS, DR], "ethnic group stereotyping of a patient family")
add("to be honest the ginger ones always bleed more in theatre 🙄", DIS, "borderline: hair colour is not a protected characteristic, but it is a mocking group stereotype; labelled discriminatory only")
add("why do we bother with interpreters, if you live here learn english", [DIS, DR], "hostility to patients who do not speak English")
add("another benefits scrounger from the estate demanding a taxi home", [DIS, DR], "class-based contempt for patients")
add("those ppl from the asylum hotel are rinsing the NHS", [DIS, DR], "hostility to asylum seekers as a group")
add("wheelchair users are such a faff on this ward, they shouldn't come to us", [DIS, DR], "ableist generalisation about patients")
add("tbh the jewish families are always the most demanding", [DIS, DR], "antisemitic stereotype")
add("black patients have higher pain thresholds anyway so 1g para is plenty", [DIS, DR], "racist false belief affecting care")
add("Nigerian docs on the rota all stick together and cover for each other", DIS, "nationality stereotype of colleagues")
add("older women and their 'fibromyalgia' 🙄 it's all in their heads", [DIS, DR], "sexist and ageist dismissal of patients")
add("he's 'non-binary' apparently. whatever that means. still putting him in the male bay", [DIS, DR], "mocking gender identity of a patient")
add("ppl on methadone don't deserve a side room", [DIS, DR], "contempt for a group of patients by condition")
add("classic chav, 4 kids by 22 and wants a sick note", [DIS, DR], "class slur about a patient")
add("All Pakis are the same about antibiotics", [DIS, DR], "racial slur")
add("mental health patients are just attention seekers, change my mind", [DIS, DR], "stigma toward people with mental illness as a group")
add("why do the muslim dads always talk over their wives, just send them out", [DIS, DR], "religious stereotype about patients' families")

# ================================================================ disrespect_patients
add("frequent flyer back in bay 1, same script, same sandwiches 🥪", DR, "'frequent flyer' is derogatory")
add("3 bed blockers on our ward and a trolley wait in ED, love it", DR, "'bed blocker' is derogatory about patients")
add("GOMER in cubicle 6. Hasn't stopped shouting since 2am", DR, "GOMER slang")
add("oh good, another 'my back hurts, give me oramorph' special 🙃", DR, "mocking a patient group with sarcasm")
add("if I have to wipe one more whinging granny's bum tonight I'll scream", DR, "contempt for patients")
add("what a total waste of an ambulance, stubbed toe at 3am", DR, "belittling a patient's attendance")
add("crumble on a trolley in majors", DR, "'crumble' is derogatory slang for an older patient")
add("absolutely thick as mince, the guy in bed 9, asked if antibiotics work on his cold", DR, "insulting a patient's intelligence (bed number but no identifier)")
add("she's PFO — pissed, fell over. again. 🍺", DR, "'PFO' slang mocks a patient")
add("Bay 4 is basically a zoo tonight 🐒🐒", DR, "dehumanising description of patients")
add("the drama queen in side room 3 has pressed her buzzer 40 times", DR, "mocking a patient")
add("TEETH: tried everything else, try homeopathy 😂 that's bay 5 sorted", DR, "mocking slang about patients")
add("she's a proper nutter, psych can have her", DR, "derogatory about a mental-health patient")
add("'shocking history' 🙄 means she can't count her own pills", DR, "sarcastic belittling of a patient")
add("these antivax parents deserve what they get tbh", DR, "contempt for patients' families as a group")
add("the hypochondriac from last week is back, shocker, with ANOTHER google diagnosis 🙄", DR, "mocking a patient")
add("Sorry, can't, I'm busy babysitting the dementia lot in bay C 🙄", DR, "dismissive of patients with dementia")
add("LOL the smell coming from bed 10, I've seen things that can't be unseen", DR, "mocking a patient's hygiene")
add("mr stinky is back lol", DR, "nickname ridiculing a patient")
add("honestly just let the drunks sleep it off in the corridor, they don't deserve a trolley", DR, "contempt for intoxicated patients")
add("another 'I googled it' patient who knows better than 6 years of med school 🙄🙄", DR, "belittling a patient")
add("the baby in cubicle 2 is the ugliest kid I've ever seen, poor thing 💀", DR, "mockery of a child patient's appearance")
add("Nightmare shift: 4 grumpy dementia pts, 2 'acopias', 1 professional complainer", DR, "'acopia' and 'professional complainer' mock patients")
add("a whale in bay 3, needed 2 porters to shift her", DR, "fat-shaming a patient")
add("🤡 bed 6 reckons he's allergic to every antibiotic except co-amox", DR, "clown emoji ridicule of a patient")
add("LOLOL the bariatric bed collapsed under him 😂😂😂", DR, "laughing at a patient's body")
add("pt told me he's a 'holistic therapist' so obv an idiot", DR, "insulting a patient")
add("he's a waste of oxygen, 7th OD this year", DR, "dehumanising a patient")
add("Ward 3 'celebrating' another of Dr Google's finest diagnoses. Shall we frame it?", DR, "sarcastic mockery of patients")
add("she literally cried because the jelly was the wrong colour. grow up", DR, "contempt for a patient")
add("that's the 4th 'chest pain' today from the prison, they just want a day out", DR, "dismissive generalisation about prisoner patients")
add("mrs drama llama upstairs 🦙", DR, "nickname mocking a patient")
add("time to go poke some more frequent attenders 🙄", DR, "dismissive about frequent attenders")

# ================================================================ intoxication
add("still smell of last night's tequila on this ward round 🥴", INT, "implies still intoxicated at work")
add("might have had a cheeky G&T before coming in for nights, don't tell sister", INT, "drinking before a shift")
add("on call tonight and I've had 3 pints already 😬 hope no one bleeps", INT, "on call and drinking")
add("prosecco in the staff room for Jan's leaving do, 2pm, bring a glass (we're all on till 8)", INT, "drinking at work during a shift")
add("pretty sure i'm still drunk, consent me for nothing today", INT, "self-reported intoxication at work")
add("just did a LP hungover to hell and nailed it first time 🍻", INT, "hungover at work doing procedures")
add("who's got paracetamol, I'm rough as after the quiz night, the room's spinning in theatre", INT, "impaired at work after drinking")
add("vodka in the water bottle again on nights 😂 shh", INT, "drinking on shift")
add("beer o'clock in the doctors' mess at 4? finishing at 9 but who cares", INT, "drinking during a shift")
add("had a bottle of red at lunch, this afternoon's clinic should be fun", INT, "drinking at lunch before clinic")
add("EVERY TIME I GET A BLEEP I TAKE A SHOT 🥃 #oncall", INT, "drinking while on call (all caps)")
add("lol the reg smelled of booze at 8am handover", INT, "reports a clinician intoxicated at work; labelled intoxication only (no name, no insult) - colleague_conflict is kept for named/tagged insults, see README")
add("still buzzing from the rave, think I was still high on post take 🤪", INT, "impaired at work (drugs rather than alcohol)")
add("wine on the ward for the christmas do, everyone's having one, even the nurse in charge", INT, "drinking on the ward")
add("had 2 cans in the car before coming in, needed it after yesterday", INT, "drinking before a shift")
add("me doing the ward round on 2 hrs sleep and a hip flask 🫠", INT, "implied drinking on ward round")
add("bring ur own booze to the handover room tonight, it's quiet", INT, "drinking at work planned")
add("not gonna lie I was absolutely steaming on the night shift Sat, someone found me asleep in the sluice", INT, "intoxicated on shift")
add("wee dram for the team before the list, it's tradition 🥃", INT, "drinking before theatre list")
add("cracking hangover + ward round = 🤮 nearly threw up in bay 2", INT, "hungover at work, impaired")
add("day 3 of the conference and I'm still 4 margs deep, on call from the hotel lol", INT, "on call while drinking")
add("can't feel my face 😂 who let me do the 9am clinic after that party", INT, "implied intoxication at clinic")
add("Mulled wine at the nurses' station! Merry Xmas everyone 🎄🍷 (yes we're on shift)", INT, "drinking at work")
add("anyone else doing this consent clinic still a bit merry from the wedding", INT, "implied intoxication at work")
add("GUYS. the fizz in the theatre coffee room is flowing 🍾 still 2 cases to go", INT, "drinking between cases")
add("i'm bleep-holding from the pub tonight, just text if you need me", INT, "on call from a pub")
add("pre-shift pints at the Crown then nights ✌️", INT, "drinking before a shift")
add("note to self: don't do a shift after 8 jaegers", INT, "self-reported drinking before a shift")
add("nipped out for a pint at lunch, back for the 2pm list", INT, "drinking during a working day")
add("fell asleep in the on-call room reeking of rum, bleep woke me 3 times", INT, "intoxicated on call")
add("surgeon was clearly wasted during the Friday list, hands all over the place", [INT], "report of an intoxicated clinician at work; no name, so intoxication only (same rule as the reg-at-handover case)")

# ================================================================ advertising
add("Passed MRCP with this Qbank 💯 use my code DRSAM20 for 20% off 👉 https://qbank-example.com/?ref=drsam", ADV, "affiliate link + discount code, undisclosed interest")
add("My skin clinic now does Botox, tell your patients — guaranteed results or your money back!", ADV, "unverifiable claim, recruiting patients")
add("this supplement literally cured my chronic fatigue, link in bio, I'm an ambassador", ADV, "unverifiable health claim + commercial relationship")
add("DM me for my PLAB notes bundle, £49, 100% pass rate 🔥", ADV, "selling with unverifiable claim")
add("anyone want 30% off the new Littmann? my referral link gets us both a gift card", ADV, "referral link with personal benefit")
add("Stop doing the SCA the hard way. My course = 98% pass rate. Book now 👇", ADV, "unverifiable claim selling a course")
add("If your patients have IBS, recommend GutGlow — I've seen miracles 🙌 (code GUT10)", ADV, "unverifiable claim + discount code")
add("I've started a side hustle selling CBD oils, works for anxiety AND arthritis, message me", ADV, "unverifiable claims")
add("psst my mate's locum agency pays £150/hr for ED, say I sent you and I get a bonus 😉", ADV, "undisclosed referral bonus")
add("I post daily MSRA tips on my insta, sponsored by nobody 😇 but the premium tier is £9.99/mo", ADV, "promotion of a paid product")
add("Weight loss jabs available privately through my clinic, no waiting list, guaranteed 10kg", ADV, "unverifiable claim, exploitative")
add("hey all! free webinar tonight (sponsored by a pharma company I consult for, shh) on the new SGLT2", ADV, "undisclosed commercial interest")
add("FINAL DAY 🔥 50% OFF OSCE STOP COURSE — CODE: FY1BOSS", ADV, "all-caps promotion with a code")
add("honestly this IV vitamin drip clinic is the future, I'm investing — send your patients 😎", ADV, "undisclosed investment + recruiting patients")
add("Tired of burnout? My 8 week coaching programme fixes it. First session free for NHS staff", ADV, "unverifiable claim")
add("my affiliate link for the scrubs everyone's asking about: figs.example/?aff=jones1", ADV, "affiliate link")
add("selling my ultrasound course places at a discount, best course in the UK, 100% satisfaction", ADV, "unverifiable superlative claim")
add("Join my Telegram for exclusive revision stuff 🙏 (small fee for the VIP group)", ADV, "paid product promotion")
add("if you put 'PAEDSQUEEN' at checkout you get 15% off the PRCPCH bank", ADV, "discount code")
add("Hair loss? I prescribe the new topical online, £30/mo, results guaranteed. DM", ADV, "unverifiable claim, clinical service")
add("Totally unbiased review: MedFlash is the best app (I'm on their advisory board)", ADV, "conflicted endorsement")
add("my mum's aromatherapy oils cured my patients' insomnia, she does discounts for NHS 💜", ADV, "unverifiable claim")
add("Get 3 months free of the UKMLA bank using my link ➡️ bit.ly/ukmla-drk", ADV, "affiliate short link")
add("Crypto tip for junior docs: 40% returns, I'm in, ask me how 🚀", ADV, "exploitative financial promotion")
add("selling detox teas — the nurses on ward 5 swear by them, lost 2 stone", ADV, "unverifiable claim")
add("Locums! Sign up with SwiftMed via my link, we both get £500", ADV, "referral bonus")
add("We're launching a private menopause clinic, DM me for a patient referral code", ADV, "recruiting patients to own private clinic")
add("amazing! lemon water alkalises your blood, I sell the kits", ADV, "false claim + selling")
add("reminder my aesthetic training course is half price till sunday — no experience needed, earn £££", ADV, "exploitative promotion")
add("use code CARDIO_KING for 25% off the ECG course I'm teaching on (not affiliated... well, a bit)", ADV, "code + admitted interest")
add("forwarded: 'Doctors HATE this one trick to pass MRCS' – click here", ADV, "clickbait unverifiable claim")

# ================================================================ patient_contact_boundary
add("accepted her follow request on insta, she was my patient in bay 2 last month 👀", BND, "accepting a former patient's follow request")
add("the hot guy from fracture clinic found me on facebook lol should I message back", BND, "former patient contacting clinician online")
add("asked out the lad I discharged last week, he said yes!! 🥰", BND, "dating a former patient")
add("slid into the DMs of the pt with the tattoos from ED, is that bad", BND, "messaging a patient")
add("my patient added me on snapchat, I added him back, it's fine he's nearly discharged", BND, "friending a current patient")
add("anyone know how to find the number of the nice man from bay 7, want to ask him for coffee", BND, "seeking to date a patient")
add("matched with a former patient on hinge 😂 do I swipe right", BND, "dating app contact with former patient")
add("he's still my patient but we've been texting on whatsapp 😳", BND, "messaging a current patient")
add("she gave me her insta handle at discharge and I followed 🙈", BND, "following a patient")
add("went on a date with someone I treated in A&E last year. is there a rule?", BND, "dating a former patient")
add("my GP patient keeps liking all my tiktoks, I liked a few of hers back", BND, "social media interaction with a patient")
add("messaged the dad of one of the kids on the ward on FB to check in 😊", BND, "contacting a patient's parent via personal social media")
add("I friended my old psych patient because he seemed lonely", BND, "friending a former psychiatric patient (high vulnerability)")
add("she's my patient but honestly she's a 10, gonna ask for her number at the next appt", BND, "intent to date a patient")
add("Found the guy from bed 4 on LinkedIn and sent a connection request haha", BND, "contacting a patient online")
add("accepted a friend request from the lady I did the smear on", BND, "friending a patient")
add("my patient from clinic is now my bumble date on sat, she was discharged 2 months ago", BND, "dating a recent former patient")
add("he DM'd me on twitter saying thanks for the care and I replied 'anytime x' 😘", BND, "flirty reply to a patient's DM")
add("followed the family of the kid we resus'd on insta, just want to see how he's getting on", BND, "monitoring a patient's family on social media")
add("got the number of the nice physio patient, we're going for drinks", BND, "dating a patient")
add("he's my patient on the rehab ward but we started chatting on discord lol", BND, "chatting online with a current patient")
add("is it weird I looked up my patient on FB and sent a message?", BND, "contacting a patient on social media")
add("Met my fiancé when he was a pt on my ward 😍 best decision ever", BND, "dating a former patient")
add("one of my antenatal mums has added me on fb and I accepted, she's lovely", BND, "friending a patient")
add("sent my number to the cute lad with the broken wrist from fracture clinic 😏", BND, "giving number to a patient for personal contact")
add("I follow like 5 of my old patients on twitter, they're funny", BND, "following former patients")
add("the guy I stitched up DM'd me 'thanks doc 😉' and we've been chatting since", BND, "ongoing online chat with a patient")
add("tinder match = the man I catheterised on Tuesday. mortified. swiped right anyway", BND, "dating app contact with a patient")
add("she left a review and I found her profile and messaged to say thanks, then we got chatting", BND, "contacting a patient online")
add("Patient from the eating disorders unit follows me on insta, I followed back to be supportive", BND, "following a vulnerable patient")
add("the widow of the pt who died last month invited me for dinner via FB msg and I said yes", BND, "relationship with a bereaved relative")

# ================================================================ colleague_conflict
add("Dr Hendry is absolutely useless, left me with 15 jobs and went home", COL, "named registrar called useless in public")
add("@Priya thanks for nothing, I'll do your discharges AGAIN shall I", COL, "public sarcastic dig at a tagged colleague")
add("Sister Maguire is a bully and everyone knows it", COL, "named colleague called a bully")
add("whoever the F1 on ward 9 last night was (Tom?) is a liability. learn to cannulate", COL, "identifiable colleague insulted publicly")
add("Mr Osei screamed at me in theatre again, what a dinosaur 🦕", COL, "named consultant insulted")
add("the ortho reg tonight, Jake, refused to see a NOF and was rude AF. absolute clown", COL, "named colleague insulted")
add("can someone remind Dr Ali that handover is at 8 not 8.30. every. single. day.", COL, "public passive-aggressive dig at a named colleague")
add("lol Chris literally can't read an ECG, how did he pass finals", COL, "named colleague mocked publicly")
add("I'm not covering for Rhiannon again, she's lazy and everyone knows it", COL, "named colleague called lazy")
add("@mike_reg maybe pick up your bleep for once???", COL, "public hostile tag of a colleague")
add("ANOTHER incomplete handover from Dr Kaur. Shambles. Escalating to the CD.", COL, "public criticism of named colleague")
add("Dr Bakare's notes are illegible rubbish, does he even care", COL, "insulting a named colleague")
add("the consultant on today (you know who 🙄) couldn't diagnose a cold", COL, "identifiable colleague insulted")
add("Kirsty on nights is a nightmare, she reported me for nothing", COL, "named nurse criticised publicly")
add("Not to name names but Dr W the cardiology reg is the rudest man alive", COL, "initial + role + specialty identifies him")
add("genuinely think our FY2 Sam is thick, can we swap him out", COL, "named colleague called thick")
add("@Dr_Evans you're a joke. reported", COL, "tagged colleague insulted")
add("how is Gemma allowed to be a charge nurse, she can't manage a tea round", COL, "named colleague belittled")
add("The anaesthetist on CEPOD today (Dr Mistry) is a total diva, refused to start till 11", COL, "named colleague insulted")
add("I'm done with Matron Williams, she's a tyrant, someone do something", COL, "named colleague called a tyrant")
add("wow @Hannah thanks for leaving the bay in that state, really professional 👏", COL, "sarcastic public criticism")
add("Dr Fraser is the reason half the F1s are off sick", COL, "public accusation against a named consultant")
add("the micro reg (Raj) gave the worst advice ever, someone report him", COL, "named colleague attacked")
add("honestly Ollie the SHO is a walking incident form", COL, "named SHO insulted")
add("Dr Nowak doesn't know what she's doing and patients suffer. there I said it", COL, "named colleague attacked")
add("Aaron from radiology is the laziest person I have ever met, 4 hrs for a CT report", COL, "named radiographer insulted")
add("Sophie's rota swaps are a joke, she always screws the F1s", COL, "named rota coordinator criticised")
add("y'all know Dr Peters is a creep right", COL, "named colleague disparaged")
add("big shout out to the gastro reg for ignoring 6 bleeps 🙄 you know who you are Nathan", COL, "sarcastic public dig at a named colleague")
add("Dr Kaye tore me apart in front of the patient. bully.", COL, "named consultant accused publicly")
add("FYI ward 5: Jenny on the desk lost another set of notes. useless.", COL, "named ward clerk insulted")
add("Dr Ahmed's a f*cking idiot", COL, "profanity at a named colleague")

# ================================================================ multi-category
add(f"mrs {sur().lower()} in bay 2 is a proper frequent flyer, 8th time this year, DOB {dob(1940, 1960)}", [PD, DR], "named patient + 'frequent flyer' + DOB")
add(f"Mr {sur()} (bed 5) — absolute GOMER, family useless too", [PD, DR], "named patient with derogatory slang")
add("this GOMER in cubicle 3 is the retired headmaster from Llandeilo, everyone knows him 😂", [PI, DR], "derogatory + occupation + town")
add(f"{ff()} from bay 4 found me on insta 😳 NHS number {nhs()} if anyone needs it for the incident form", [PD, BND], "patient contacting clinician and NHS number posted")
add("drunk as a skunk on this night shift and the bed blocker in bay 1 won't shut up", [INT, DR], "intoxication + derogatory")
add(f"Dr Jones said Mrs {sur()} was a 'time waster' in front of everyone, he's a disgrace", [PD, COL], "named patient; public attack on a named colleague. The poster reports (and condemns) the derogatory term rather than using it, so not disrespect_patients")
add(f"CHI {chi(sex='f')} — the fat lazy one in bed 2, she won't mobilise", [PD, DR], "CHI number + fat-shaming")
add("the polish guy in bay 3 who works at the meat plant in Ballymena, smells like it too", [PI, DIS, DR], "nationality + workplace + town; stereotyping and mockery")
add("Dr Singh should stop drinking at lunch before clinic, everyone can smell it", [INT, COL], "public accusation of a named colleague's intoxication at work")
add("my patient Daniel from the eating disorder clinic followed me on tiktok, should I follow back? he's 19", [PD, BND], "first name of patient + follow request")
add("referral discount 20% for your patients at my private physio clinic, code WARD5 😉 — perfect for Mrs Hughes bed 6", [PD, ADV], "advertising + named patient")

# ================================================================ HARD NEGATIVES
# staff names with titles/roles
neg("Dr Hendry is on call for surgery tonight, bleep 4471", "staff name with title + bleep")
neg("Sister Maguire says ward 9 is closed to admissions due to norovirus", "staff with role")
neg("Thanks to Matron Williams for sorting the agency cover ❤️", "staff with role, positive")
neg("FY1 Tom is covering the medical outliers today", "staff with role")
neg("reg on for gen surg is Priya Nair, ext 2231", "staff name with role + extension")
neg("ANP Lisa will do the discharges on AMU this morning", "staff with role")
neg("HCA Dwayne has done the obs round, all good", "staff with role")
neg("SHO Kofi is doing teaching at 1pm in the seminar room", "staff with role")
neg("Consultant Dr Mensah is away till Monday, Dr Okafor covering", "two staff with titles (surnames overlap patient-name dictionaries)")
neg("Nurse Bronwen is the new practice educator, say hi 👋", "staff first name with role")
neg("Massive thanks to Dr Campbell for the amazing ALS teaching", "staff with title")
neg("Mr Osei (consultant colorectal) is running the list today", "surgeon with Mr title and consultant role")
neg("Dr Fitzgerald's clinic is cancelled tomorrow – pts being rebooked", "staff with title, clinic cancellation")
neg("Welcome to the team Dr Haddad! Our new ST3 in cardiology 🎉", "new staff welcome")
neg("Charge nurse Gallagher wants all fluid charts done by 10", "staff with role")
neg("well done to Kowalski (our F2) for passing MRCP part 1!!", "staff surname with role")
neg("Prof Thornton's lecture on sepsis is on the VLE now", "staff with title")
neg("physio Gareth says bay 4 can all mobilise with frame", "staff with role; bay but no patient identifier")
neg("Anyone know if Dr MacLeod is doing the rota for Feb?", "staff with title + rota")
neg("pharmacist Nadia has updated the gent guideline", "staff with role")
neg("OT Siobhan is running a falls session for ward staff on Thursday", "staff with role")
neg("Sister Begum is in charge tonight, ext 4402 for beds", "staff with role and extension")
neg("Dr Ahmed is lovely, best reg I've had", "praise of a named colleague is not conflict")
neg("Shout out to Jenny the ward clerk who found the missing notes 🙌", "praise of a named colleague")
neg("the Mr Evans on the rota is the vascular one, not the urologist", "staff title disambiguation")
# bleeps, extensions, switchboard
neg("bleep 2231 for the med reg, 3340 for the surgical reg", "bleeps")
neg("switchboard 0113 243 3144, ask for the on-call haematologist", "switchboard number (not a drama-range personal number)")
neg("extension 71234 is the coronary care unit", "extension")
neg("Ward 10 direct line is 029 2074 7747 if the bleep is down", "ward direct line")
neg("New ward phone number: 01224 552 7xx pending, use ext 55210 for now", "ward numbers")
neg("My mobile for swaps is 07700 900412 - text don't call on nights x", "own contact details are not a patient identifier")
neg("I'm Dr Llewellyn, GPST2, on here for the practice — email me on j.llewellyn@nhs.net", "own contact details")
# rota and clinic dates
neg("Rota for 12/03/2027 to 09/04/2027 is out, check your nights", "rota dates")
neg("Clinic on 14th March is cancelled, annual leave", "clinic date")
neg("Deadline for ARCP portfolio is 30.04.27", "deadline date")
neg("teaching 3rd Dec 2026 13:00-14:00, seminar rm 2", "teaching date")
neg("induction day is 2027-08-04, bring your ID", "ISO date for induction")
neg("I was born in 1992 so I'm an elder millennial on this rota 😂", "own birth year about oneself")
neg("my birthday is 14/02 so I'm not doing that night shift, sorry!", "own birthday, not a patient")
# doses, lab values
neg("what's the max dose of IV paracetamol under 50kg? is it 15mg/kg qds", "dose question")
neg("K+ 6.8 with peaked T waves — 10ml 10% calcium gluconate first, yes?", "lab values + doses, no patient identifier")
neg("Hb 68 and symptomatic → transfuse 1 unit then reassess", "lab value teaching")
neg("Sodium 118: how fast can we correct? 8-10 mmol/L in 24h max", "lab value + guideline")
neg("tazocin 4.5g tds, gent 5mg/kg od — renal dosing?", "doses")
neg("Troponin 14 → 62 at 3 hrs, is that significant?", "lab values, anonymous")
neg("eGFR 28, can we still give apixaban 5mg bd?", "lab + dose")
neg("INR 8.2 no bleeding: hold warfarin, 1-5mg oral vit K per BNF", "lab + dose")
neg("lactate 4.1, MAP 60 after 2L — who to call?", "clinical question without identifiers")
neg("CRP 312 WCC 24 in a post-op day 5 patient, ?anastomotic leak, CT now?", "anonymous clinical question")
# citations, guidelines
neg("NICE NG51 sepsis is the one to follow, not the old 2016 version", "guideline citation")
neg("see Lancet 2023;401:1234-45 for the trial", "journal citation with numbers")
neg("SIGN 158 asthma guideline has the new MART recs", "Scottish guideline citation")
neg("doi:10.1056/NEJMoa2206286 — great paper on tranexamic acid", "DOI with digits")
neg("BNF says 400-800 mg/day for carbamazepine titration", "formulary dose")
neg("PMID 34567890 is the meta-analysis", "PubMed id")
# anonymised teaching cases
neg("Case for teaching: a 45-year-old man with sudden tearing chest pain radiating to the back. Ddx?", "anonymised teaching case")
neg("Quiz: 23F, 8/40 pregnant, RIF pain, bhCG 1800 — next step?", "anonymised vignette")
neg("72yo with new AF and a CHA2DS2-VASc of 4, anticoagulate?", "anonymised question")
neg("Imagine a 6 month old with bilious vomiting — what's your first investigation?", "teaching hypothetical")
neg("MCQ: A 30-year-old woman presents with a malar rash and arthralgia. Which antibody?", "exam question")
neg("Anyone had a pt with refeeding syndrome on the ward? How did you manage phosphate?", "generic experience question, no identifiers")
neg("had a lovely elderly lady today who thanked me for explaining things slowly. made my week ❤️", "non-identifying, respectful")
neg("busy night: 3 NSTEMIs, a DKA and a GI bleed, all stable now", "anonymous workload summary")
neg("pt in bay 3 needs a cannula, who's free?", "bay only: no name or distinctive detail; routine task request")
neg("bed 12 needs a review before 5, obs stable", "bed only, routine task")
neg("Could someone see the patient in cubicle 4? Chest pain, ECG done", "cubicle only, routine")
# eponyms
neg("Is it Guillain-Barré or CIDP if it's been 10 weeks?", "eponym disease")
neg("Crohn's vs UC — the skip lesions are the giveaway", "eponyms")
neg("Parkinson's meds must be on time — 'Get it on time' campaign", "eponym")
neg("Mrs Hughes' sign? Never heard of it – is that a real thing or a wind-up?", "looks like a patient name but is asking about a (non-existent) eponymous sign; no clinical context about a person")
neg("Addison's crisis: 100mg hydrocortisone IV stat", "eponym + dose")
neg("Murphy's sign positive, what next?", "eponymous sign")
neg("Cushing's triad = late sign of raised ICP", "eponym")
neg("Down's syndrome clinic moving to Tuesday afternoons", "eponym + clinic")
neg("Wernicke's — Pabrinex 2 pairs tds", "eponym + dose")
neg("Alzheimer's Society has a good carers leaflet", "eponym charity")
neg("Kawasaki vs scarlet fever — strawberry tongue both?", "eponyms")
neg("Bell's palsy: prednisolone within 72h", "eponym")
neg("McBurney's point tender but no rebound, scan or watch?", "eponym")
# hospital / venue postcodes
neg("Teaching venue: Education Centre, University Hospital of Wales, CF14 4XW", "hospital postcode")
neg("The ED at the Royal Infirmary of Edinburgh is EH16 4SA if you're driving", "hospital postcode")
neg("parking at the Royal Victoria Hospital (BT12 6BA) is a nightmare, use the park and ride", "hospital postcode")
neg("Drinks after work at the Brewery Tap, LS1 5DL, 7pm Friday 🍻", "social venue postcode + drinks after work")
neg("Regional teaching at Glasgow Royal, G4 0SF, 9am", "hospital postcode")
# ids in URLs / code / order numbers with valid checksums, no patient cue
neg(f"the rota is here https://rota.example.nhs.uk/view/{checksum_id_nocue()} — check your shifts", "10-digit id passing mod 11 inside a URL")
neg(f"```\nSELECT * FROM shifts WHERE id = {checksum_id_nocue()};\n```\nwhy does this return nothing", "10-digit id inside a code block")
neg(f"Amazon order {checksum_id_nocue()} for the new ward kettle arrived 🎉", "order number that happens to pass the check; no patient cue")
neg(f"Datix ref {checksum_id_nocue()} submitted for the broken bed rail", "incident reference number, not a patient")
neg(f"invoice no. {checksum_id_nocue()} from the course provider — anyone else been charged twice?", "invoice number")
neg(f"Zoom meeting ID {checksum_id_nocue()[:3]} {checksum_id_nocue()[3:7]} {R.randint(1000, 9999)} passcode 12345 for regional teaching", "meeting id")
neg(f"Tracking: https://track.example.com/parcel/{checksum_id_nocue()}", "tracking URL")
neg(f"ticket #{checksum_id_nocue()} with IT for the printer on ward 7", "IT ticket number")
neg(f"my GMC number is {R.randint(7000000, 7999999)} if you need it for the reference", "own GMC number")
neg(f"just wasted 20 mins, the number {nhs_bad()} doesn't pass the check, so it's not real", "failing checksum and no patient: a number talked about, not a patient")
neg(f"Test patient for the new EPR training is 999 {R.randint(100, 999)} {R.randint(1000, 9999)} — test range 999, not a real pt", "reserved 999 test range")
neg(f"bank ref {nhs_bad('none')} for the mess fund, pay by Friday", "reference that fails the checksum")
neg(f"Call 0300 {R.randint(100, 999)} {R.randint(1000, 9999)} for the occupational health line", "service line")
neg("NHS 111 is overwhelmed tonight, expect more walk-ins", "NHS word without number")
neg("What's the format of a CHI number? 10 digits, DOB first?", "asks about identifiers; none present")
neg("H&C numbers — are they the same check digit as NHS numbers?", "question about identifier formats")
neg("Can we put NHS numbers in Teams chats? asking for IG training", "IG question; no identifier")
neg("The MRN field on the new EPR form is mandatory now", "MRN word only")
neg("DOB field missing on the e-referral template, can IT fix it?", "DOB word only")
neg("gist of the postcode lottery for IVF funding, who knows the ICB rules?", "'postcode' generic")
# ordinary clinical questions, teaching, rota, banter, FOAMed
neg("Does anyone have the link to the trust's DKA protocol?", "ordinary question")
neg("FOAMed of the day: https://litfl.com/hyperkalaemia-ecg-library/ great ECG library", "FOAMed link")
neg("Great podcast on pulmonary embolism from St Emlyn's: https://www.stemlynsblog.org", "FOAMed (St Emlyn is an eponym-like blog name)")
neg("Don't Forget the Bubbles has a new bronchiolitis update 🫧", "FOAMed paeds")
neg("Who's swapping nights with me on the 17th? Will buy you a coffee ☕", "rota swap + banter")
neg("anyone want to split a pizza on nights? dominos deal 2 for 1", "banter; not advertising (no claim, no interest)")
neg("drinks after work Friday at the Crown? finishing at 5 🍻", "social drinks after work are not intoxication at work")
neg("Xmas party tickets £35, includes 3 course meal and a drink, sign up on the sheet", "social event after work")
neg("Hungover? Nah, the stroke thrombolysis call at 3am was my wake-up", "denial; no drinking at work")
neg("quiz night at the mess thursday — post-shift, soft drinks available for those on call", "social event, considerate of on-call")
neg("Mocktails only for on-call peeps at the leaving do, we're professionals 😇", "explicitly not drinking on call")
neg("Anyone else doing the MRCP in Jan? Study group?", "study group")
neg("I use Passmedicine, it's fine but pricey. Pastest is ok too.", "personal opinion of products without interest or claim")
neg("The trust is offering free flu jabs in the canteen today 💉", "staff health announcement")
neg("Our charity bake sale raised £412 for the neonatal unit 🎂", "fundraising")
neg("Disclosure: I help run the free regional sim course, link here: https://sim.example.org — no fee", "disclosed interest, free course: not advertising per definition")
neg("Reminder: Schwartz Rounds 12:30 today, lunch provided", "wellbeing event")
neg("the bed manager is on the warpath again lol, 0 beds", "role without name; mild banter")
neg("honestly ED is chaos tonight, send help and caffeine ☕☕☕", "workload banter")
neg("hate nights. that's it. that's the message.", "banter")
neg("lol my cannula skills today were tragic, 0/3 😭", "self-deprecation")
neg("Does anyone know where the spare sats probe is on ward 4?", "equipment question")
neg("the vending machine ate my £2 AGAIN", "banter")
neg("anyone got a charger for a Samsung? ward 11", "banter")
neg("Please remember to wash your hands before and after every patient contact 🧼", "infection control reminder")
neg("New starters: ID badges from security, Level 2, 9-4", "admin")
neg("is it ok to refer to the SALT team directly or via the consultant?", "process question")
neg("Reminder that consent for photos must be documented and images stored on the trust system, never personal phones", "IG reminder")
neg("@here can we stop leaving empty crisp packets in the doctors' room pls 🙏", "general request, no named colleague")
neg("some people never restock the ward fridge. just saying 😤", "venting without identifiable colleague")
neg("the night team were stretched, not their fault we inherited 20 jobs", "supportive, no named colleague")
neg("I disagree with the reg's plan for the DKA protocol but let's discuss at teaching", "professional disagreement, not insult")
neg("Respectfully, I think the new rota is unfair to LTFT trainees — raising with the rota lead", "professional complaint about a policy")
neg("Dr Kaur and I disagree on steroid dosing, anyone got the evidence?", "civil disagreement with named colleague")
neg("what do we think of the new GMC guidance on social media?", "GMC question")
neg("Check the GMC Good Medical Practice para 65, it covers this", "guidance citation")
neg("Can a patient add me on Facebook? What does GMC say?", "question about boundaries, no contact happened")
neg("A patient tried to add me on Instagram, I declined and told my supervisor", "boundary maintained; reports the correct action")
neg("Our department has an official instagram, pls send pics of the team (not patients!)", "official account, explicitly no patients")
neg("Sooo tired. Coffee is my personality now ☕", "banter")
neg("Doing the Great North Run for the hospice! Sponsor me: justgiving.com/fundraising/drjones-gnr", "charity fundraising link: not a commercial promotion")
neg("anyone selling a second hand otoscope?", "buying between colleagues, no claims")
neg("Loving this free ECG course from the BHF, no affiliation: https://bhf.example", "free resource, disclosed no affiliation")
neg("BMJ Best Practice is free with an NHS OpenAthens login", "institutional resource")
# people talking about their own health/details
neg("I'm off sick with norovirus, sorry team 🤢 back Weds", "own health")
neg("My dad's in hospital in Leeds and I'm worried, might need compassionate leave", "own family, not the author's patient, no clinical breach")
neg("fyi my postcode for the secret santa is NE1 4LP, no coal please 😂", "own postcode")
neg("I was a patient on ward 7 myself years ago lol, the nurses were amazing", "own experience as a patient")
neg("Had my own bloods done today, Hb 112, iron tablets for me 😩", "own lab value")
# words that look like names / derogatory terms in neutral use
neg("Grace period for portfolio sign-off extended to Friday", "Grace is not a name here")
neg("Will the audit go to the Friday meeting?", "Will not a name")
neg("frequent attenders project: we're setting up a MDT clinic to support high-intensity users", "'frequent attenders' in a service-improvement sense, respectful")
neg("the 'bed blocking' term is offensive – please say delayed discharge 🙏", "meta discussion of the term")
neg("Why is 'GOMER' still in House of God? discuss for journal club", "discussion of slang in a book")
neg("The drunk tank pilot in Cardiff city centre reduced ED attendances by 10%", "service discussion")
neg("Alcohol liaison nurse is on ext 6612 for pts in withdrawal", "alcohol in service context")
neg("CIWA score is the one for alcohol withdrawal, not AUDIT-C", "teaching")
neg("talk on unconscious bias in clinical assessment at grand round, highly recommend", "EDI teaching, not discriminatory")
neg("Interpreter line code is 4431, Polish and Romanian available 24/7", "languages mentioned neutrally")
neg("Ramadan guidance for diabetic patients is on the intranet", "religion mentioned neutrally")
neg("Our trans health pathway update is on the shared drive", "protected characteristic mentioned respectfully")
neg("Traveller health outreach clinic needs volunteers on Saturday", "group mentioned respectfully")
neg("Learning disability liaison nurse is brilliant, refer early", "respectful")
# welsh / scottish / NI admin
neg("Bore da pawb! Ward round at 9 on Ward Dewi", "Welsh greeting + ward")
neg("Ward 3B at the QEUH is closed for deep clean", "Scottish ward info")
neg("NIMDTA deadline for ST1 preferences is Friday", "NI admin")
neg("TrakCare is down again in NHS Lothian 🙃", "system outage")
neg("anyone at Altnagelvin do the ALS on the 12th?", "NI hospital + date")
# voice-to-text / caps / run-on negatives
neg("can you ask the sister on ward for if the bed's free yet full stop thanks", "voice-to-text, no patient")
neg("WHO HAS THE CRASH TROLLEY KEY???", "all caps, no patient")
neg("omg this shift lol k bye going home finally sleep 😴😴", "run-on banter")
neg("re the MDT — 8 new cases, all discussed, outcomes on the system", "generic MDT note")
neg("pls all complete the mandatory IG training by 31/12", "IG reminder with date")
neg("The 10 minute rule: if you can't find the vein in 10 min, call for help", "teaching")
neg("ugh 07:00 start tomorrow", "time not phone")
neg("room 2.14 for teaching, code for the door is 4731#", "door code")
neg("Great job everyone today 👏👏 a brutal shift but we did it", "team praise")
neg("🎉 Happy retirement to our amazing ward clerk Maureen after 32 years! 🎉", "staff retirement; Maureen is staff")
neg("the patient leaflet on gallstones is in the folder, give it to everyone", "generic patient leaflet")
neg("Our team won the quiz! Dr Hughes carried us 🏆", "staff name with title, banter")
neg("Is anyone else finding the new ePMA slow?", "system question")
neg("I think the FY1s deserve more protected teaching, thoughts?", "rota/teaching discussion")
neg("Blood culture contamination rates are up again — let's review technique at huddle", "quality improvement")
neg("who's got the keys to the drug cupboard? sister needs them for the CD check", "workplace admin")
neg("Can anyone recommend a good book for ortho exam prep? Not selling anything, promise 😂", "request for recommendation")
neg("audit of 50 consecutive NOF patients: 42% had a delirium screen. Needs work!", "aggregate audit data")
neg("Age, sex, and presenting complaint are all you need for triage category, not the name", "teaching about triage")
neg("Bay 5 is a 4-bedded male bay, ward 11 – staff please note new layout", "ward layout")


# ================================================================ more direct identifiers (varied formats)
add(f"NHS#: {nhs('dash')} — she's the one for the 2ww colposcopy, can we expedite", PD, "NHS number after 'NHS#' cue")
add(f"Pt ID {hc('dash')} (NI H&C) referred to fracture clinic at the RVH", PD, "H&C number dashed with cue")
add(f"hc no {hc()} - mum says he's allergic to penicillin, not on NIECR", PD, "H&C with cue, paediatric NI")
add(f"chi no {chi('split')} wants a callback re his biopsy", PD, "CHI split 6+4 with cue")
add(f"gp trainee: home visit for {ff()} {sur()} at {R.randint(1, 99)} {R.choice(['Bruach', 'Glebe', 'Harbour'])} Road {postcode()}, lives alone, DNACPR in place", PD, "full name + home address")
add(f"📞 {mobile()} is the pt's number, she wants a call re her results, can the F1 do it", PD, "patient phone number")
add(f"NHS number {nhs()} DOB {dob()} - rejected by the lab as unlabelled, who took it?", PD, "NHS number + DOB")
add(f"pt {nhs('none')} bed 17 dc'd without TTOs 🙃", PD, "unspaced NHS number with pt + bed")
add(f"Mrs {sur()} (b. {dob(1930, 1950)}) keeps asking for her husband who died last year 💔", PD, "title + surname + 'b.' birth cue")
add(f"Scan from {fm()} {sur()}'s CTPA attached — massive saddle PE, look 👀", PD, "scan image attributed to named patient")

# ================================================================ more hard negatives
neg(f"the GP surgery's reception number is {landline()} if the pt needs to rebook", "a practice's business number, not personal; no patient named")
neg(f"Dr Mensah's secretary is on {landline()} for clinic letters", "staff secretary contact")
neg("log line: `ts=1732406400 user=7436271590 action=login` from the EPR audit — is this normal?", "10-digit numbers inside inline code (timestamp/user id)")
neg("unit test fixture: `nhs_number = \"943 476 5919\"` fails our regex, why?", "test-range NHS number (943, reserved 900-999) inside code")
neg("Mrs Thornton from HR emailed about the annual leave form", "Mrs + surname but a staff role (HR), no clinical context")
neg("did you see the Premier League goalkeeper's ACL injury on the news? what's the typical rehab time?", "celebrity from the news, not our patient")
neg("Awful news about the A470 crash, thinking of the paramedic crews who attended ❤️", "news event without a patient of ours")
neg("pt is 87 y/o with ?UTI and confusion, would you use trimethoprim or nitro with eGFR 35?", "age alone with no place/time/distinctive detail: anonymous question")
neg("Handover:\n- Bed 1 stable, for d/c\n- Bed 2 awaiting echo\n- Bed 3 TTO pending\n- Bed 4 bloods at 6", "routine bed-only handover, nothing distinctive or named")
neg("Interviews for ST3 on 12.03.27, good luck all!", "interview date")
neg("Rowan Ward and Beech Ward are merging from Monday", "ward names that look like names")
neg("Doris Ward is the old name for the stroke unit btw", "ward named after a person")
neg("wine night at mine Saturday, nobody's on call 🍷", "off-duty social drinking")
neg("had a beer at home after the shift ended, deserved it tbh", "drinking off duty after work, not at or around work")
neg("Full disclosure: I'm paid faculty on the MRCS course, so biased — but the anatomy day is decent", "disclosed interest, no unverifiable claim")
neg("a patient sent a thank-you card to the ward 🥹 so lovely", "thank-you card, no online contact")
neg("patient's daughter asked for my mobile, I gave her the ward number instead", "boundary maintained")
neg("GMC 'Using social media as a doctor' says don't accept friend requests from patients, right?", "guidance question")
neg("Dr Hendry was brilliant in the arrest today, textbook", "praise of named colleague")
neg("frustrated with the rota again, but not anyone's fault, it's staffing", "venting without target")
neg("Polish community health day at the library was a great success 🇵🇱", "nationality mentioned positively")
neg("our IMG induction programme needs more support — could we get a buddy scheme?", "supportive of IMGs")
neg("'acopia' is a lazy term, write the actual problem in the notes please", "meta discussion of derogatory term")
neg("pharmacy: new stock of Kwells after the recall, batch 4472913308", "batch number, no cue")
neg("the helipad at the Royal is closed till 6pm", "hospital logistics")
neg("Hi all, I'm Aled, new GPST1 at the Penarth practice. My email is aled.rees@wales.nhs.uk 👋", "own introduction with own contact details")
neg("Reminder: SAS doctors' forum Thursday 5pm, Lecture Theatre 1", "meeting")
neg("How do I document capacity for a pt who refuses bloods?", "process question")
neg("there are 3 pts on the ward with C. diff, side rooms full, IPC aware", "aggregate, non-identifying")
add("cardiac arrest call to the canteen at 12:14, staff member, ROSC, sent to CCU", PI, "a colleague who became a patient: place + exact time + being staff lets co-workers identify them")
neg("anyone got the NEWS2 chart pdf?", "NEWS acronym")
neg("Dr Google strikes again 😂 (talking about myself after reading about my own rash)", "self-deprecation")
neg("The IG team say photos of wounds must go on the trust's Medical Photography app only", "IG guidance")
neg("Paeds ED: 40 kids through the door by noon, bronchiolitis season is here", "aggregate workload")
neg("Surgical skills course booking opens 1st Feb, run by the deanery (free for trainees)", "free institutional course")
neg("My consultant is amazing, learnt so much today 🙏", "praise, not conflict")
neg("It's Sister Okafor's last shift today, cake in the staff room at 3! 🎂", "staff celebration")
neg("who wants to do the QIP on discharge summaries with me?", "QI")
neg("tip: always check the wristband against the drug chart before giving anything", "safety teaching mentioning wristband, no image")
neg("Don't post pics of the bed board in here pls, even blurred — IG breach", "IG reminder")
neg("Just passed my driving test at 34 lol, no more lifts from Dr Baxter", "own news, staff name")
neg("On call from home tonight, no drinking for me, boo", "explicitly not drinking")
neg("ward 4 is short of 2 RNs tonight, can anyone pick up a bank shift?", "staffing")
neg("'Mr Bump' teaching doll has gone missing from the sim suite 😂", "sim mannequin, not a patient")
neg("SimMan 'Mrs Jones' had a great arrest scenario today — well done F1s", "simulation mannequin name, not a real patient")
neg(f"Rota coordinator: new mobile for swaps is {mobile()} (work phone)", "staff work phone")
neg("Scottish trainees: the CHI lookup on the Clinical Portal is down, use SCI Store", "system info")
neg("NI: H&C number format question — does anyone know if the 3-digit prefix means anything?", "format question")


# ================================================================ output + self-check
def build() -> list[dict]:
    out = []
    for i, (text, cats, note) in enumerate(RECS, start=1):
        cs = sorted(set(cats))
        out.append({
            "id": f"e{i:04d}",
            "text": text,
            "identifiable": PD in cs or PI in cs,
            "categories": cs,
            "note": note,
        })
    return out


def self_check(rows: list[dict]) -> list[str]:
    errs: list[str] = []
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        errs.append("duplicate ids")
    texts = [r["text"] for r in rows]
    dups = {t for t in texts if texts.count(t) > 1}
    if dups:
        errs.append(f"duplicate texts: {sorted(dups)[:3]}")
    if len(rows) < 450:
        errs.append(f"only {len(rows)} messages (< 450)")
    counts = {c: 0 for c in CATEGORIES}
    for r in rows:
        if r["categories"] != sorted(set(r["categories"])):
            errs.append(f"{r['id']}: categories not sorted/unique")
        for c in r["categories"]:
            if c not in counts:
                errs.append(f"{r['id']}: unknown category {c}")
            else:
                counts[c] += 1
        if r["identifiable"] != (PD in r["categories"] or PI in r["categories"]):
            errs.append(f"{r['id']}: identifiable inconsistent")
        if not r["note"].strip():
            errs.append(f"{r['id']}: empty note")
    for c, n in counts.items():
        if n < 30:
            errs.append(f"category {c} has {n} positives (< 30)")
    negs = sum(1 for r in rows if not r["categories"])
    share = negs / len(rows)
    if not 0.40 <= share <= 0.50:
        errs.append(f"negative share {share:.3f} outside [0.40, 0.50]")
    alltext = "\n".join(re.sub(r"[\s\-]", "", t) for t in texts)
    for kind, d in VALID_IDS:
        if not mod11_ok(d):
            errs.append(f"{kind} {d} fails mod 11")
        if kind in ("nhs", "nhs-shaped-nocue") and not (400 <= int(d[:3]) <= 499 or 600 <= int(d[:3]) <= 799):
            errs.append(f"nhs {d} outside issued ranges")
        if kind == "chi":
            try:
                _dt.datetime.strptime(d[:6], "%d%m%y")
            except ValueError:
                errs.append(f"chi {d} has no valid DDMMYY")
        if kind == "hc" and not 320000001 <= int(d[:9]) <= 399999999:
            errs.append(f"hc {d} outside 320000001-399999999")
        if kind != "nhs-shaped-nocue" and d not in alltext:
            errs.append(f"{kind} {d} generated but not in any text")
    for kind, d in INVALID_IDS:
        if mod11_ok(d):
            errs.append(f"near-miss {kind} {d} unexpectedly passes mod 11")
    if not any(k == "chi" for k, _ in VALID_IDS) or not any(k == "hc" for k, _ in VALID_IDS):
        errs.append("missing CHI or H&C examples")
    return errs, counts, negs


def main() -> int:
    rows = build()
    errs, counts, negs = self_check(rows)
    print(f"messages: {len(rows)}  negatives: {negs} ({negs / len(rows):.1%})  identifiable: "
          f"{sum(r['identifiable'] for r in rows)}", file=sys.stderr)
    for c in CATEGORIES:
        print(f"  {c:26s} {counts[c]}", file=sys.stderr)
    kinds: dict[str, int] = {}
    for k, _ in VALID_IDS:
        kinds[k] = kinds.get(k, 0) + 1
    print(f"  valid identifiers: {kinds}; near-miss invalid: {len(INVALID_IDS)}", file=sys.stderr)
    if errs:
        for e in errs:
            print(f"SELF-CHECK FAILED: {e}", file=sys.stderr)
        return 1
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if "--check" in sys.argv[1:]:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != body:
            print(f"SELF-CHECK FAILED: {OUT} differs from generated output", file=sys.stderr)
            return 1
        print("dev2.jsonl is up to date", file=sys.stderr)
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(body, encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

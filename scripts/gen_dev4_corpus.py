#!/usr/bin/env python3
"""Generate data/eval/dev4.jsonl: a held-out evaluation corpus for Caldicott.

Written by an independent author who did not read the engine, the rules,
the dictionaries or the other corpora. Deterministic (seeded). Python 3.11
standard library only.

    python3 scripts/gen_dev4_corpus.py           # write data/eval/dev4.jsonl
    python3 scripts/gen_dev4_corpus.py --check   # build in memory, self-check only
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
from pathlib import Path

SEED = 40426
OUT = Path(__file__).resolve().parent.parent / "data" / "eval" / "dev4.jsonl"

CATS = [
    "advertising",
    "colleague_conflict",
    "disrespect_patients",
    "discriminatory",
    "intoxication",
    "patient_contact_boundary",
    "patient_direct",
    "patient_indirect",
]

rng = random.Random(SEED)

# ---------------------------------------------------------------- identifiers


def mod11_check(nine: str) -> int | None:
    """Modulus 11 check digit over nine digits (weights 10..2); None if 10."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1)))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    if check == 10:
        return None
    return check


def mod11_valid(ten: str) -> bool:
    ten = re.sub(r"\D", "", ten)
    if len(ten) != 10:
        return False
    c = mod11_check(ten[:9])
    return c is not None and c == int(ten[9])


def nhs_number() -> str:
    while True:
        first = rng.choice([rng.randint(400, 499), rng.randint(600, 799)])
        nine = f"{first:03d}{rng.randint(0, 999999):06d}"
        c = mod11_check(nine)
        if c is not None:
            return nine + str(c)


def hc_number() -> str:
    while True:
        nine = f"{rng.randint(320000001, 399999999):09d}"
        c = mod11_check(nine)
        if c is not None:
            return nine + str(c)


def chi_number() -> str:
    while True:
        d = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randint(0, 33000))
        sex = rng.randint(0, 9)
        nine = d.strftime("%d%m%y") + f"{rng.randint(0, 99):02d}" + str(sex)
        c = mod11_check(nine)
        if c is not None:
            return nine + str(c)


def spaced(ten: str, style: int) -> str:
    if style == 0:
        return f"{ten[:3]} {ten[3:6]} {ten[6:]}"
    if style == 1:
        return f"{ten[:3]}-{ten[3:6]}-{ten[6:]}"
    if style == 2:
        return ten
    return f"{ten[:3]}{ten[3:6]} {ten[6:]}"


def dob() -> str:
    d = dt.date(1925, 1, 1) + dt.timedelta(days=rng.randint(0, 36000))
    f = rng.randint(0, 7)
    if f == 0:
        return d.strftime("%d/%m/%Y")
    if f == 1:
        return f"{d.day}.{d.month}.{d.strftime('%y')}"
    if f == 2:
        return d.strftime("%d-%m-%y")
    if f == 3:
        return f"{d.day} {d.strftime('%b %Y')}"
    if f == 4:
        suf = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        return f"{d.day}{suf} {d.strftime('%B %Y')}"
    if f == 5:
        return d.isoformat()
    if f == 6:
        return f"{d.day}/{d.month}/{d.strftime('%y')}"
    return d.strftime("%d.%m.%Y")


def mrn() -> str:
    f = rng.randint(0, 5)
    if f == 0:
        return f"RX{rng.randint(1000000, 9999999)}"
    if f == 1:
        return f"K{rng.randint(100000, 999999):07d}"
    if f == 2:
        return f"{rng.randint(0, 9999999):08d}"
    if f == 3:
        return f"M{rng.randint(10000000, 99999999)}"
    if f == 4:
        return f"D{rng.randint(100000, 999999)}"
    return f"RTH{rng.randint(100000, 999999)}"


POSTCODES = [
    "LS6 2QD", "M14 5RB", "B29 6BD", "NE6 5XT", "BS3 4HN", "S11 8YA", "L15 0EE",
    "CF24 4AP", "HX7 8AE", "EX4 6NP", "NG7 3JH", "TR18 2BW", "G41 2LB", "BT9 6FG",
    "SW17 9EZ", "OX4 1UD", "LE3 0QP", "DN4 8LY", "PL4 7DL", "WV10 9RJ",
]
STREETS = [
    "14 Acacia Avenue", "3 Mill Lane", "27 Chapel Street", "Flat 6, 88 Victoria Road",
    "2 Orchard Close", "51 Beech Grove", "The Old Forge, Church Lane", "109 Stanley Road",
    "8 Harbour View", "42a Park Terrace",
]


def postcode() -> str:
    return rng.choice(POSTCODES)


def mobile() -> str:
    f = rng.randint(0, 2)
    a, b = rng.randint(100, 999), rng.randint(100000, 999999)
    if f == 0:
        return f"07{rng.randint(700, 999)} {b}"
    if f == 1:
        return f"+44 7{rng.randint(700, 999)} {b}"
    return f"07{rng.randint(700, 999)}{a}{rng.randint(100, 999)}"


def email(first: str = "", last: str = "") -> str:
    first = first or rng.choice(["jenny", "dave", "tash", "kev", "marion", "ade", "lou"])
    last = last or rng.choice(["holt", "smith84", "o.brien", "mcg", "baxter", "k77"])
    dom = rng.choice(["gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "btinternet.com"])
    sep = rng.choice([".", "_", ""])
    return f"{first}{sep}{last}@{dom}"


GENERATED_IDS: list[str] = []


def fill(text: str) -> str:
    def rep(m: re.Match) -> str:
        key = m.group(1)
        if key in ("NHS", "NHS0", "NHS1", "NHS2", "NHS3"):
            style = rng.randint(0, 3) if key == "NHS" else int(key[-1])
            n = nhs_number()
            GENERATED_IDS.append(n)
            return spaced(n, style)
        if key == "HC":
            n = hc_number()
            GENERATED_IDS.append(n)
            return spaced(n, rng.choice([0, 2]))
        if key == "CHI":
            n = chi_number()
            GENERATED_IDS.append(n)
            return n if rng.random() < 0.7 else f"{n[:6]} {n[6:]}"
        if key == "DOB":
            return dob()
        if key == "MRN":
            return mrn()
        if key == "PC":
            return postcode()
        if key == "ADDR":
            return f"{rng.choice(STREETS)}, {postcode()}"
        if key == "MOB":
            return mobile()
        if key == "EMAIL":
            return email()
        raise KeyError(key)

    return re.sub(r"\{(NHS[0-3]?|HC|CHI|DOB|MRN|PC|ADDR|MOB|EMAIL)\}", rep, text)


# ---------------------------------------------------------------- corpus

ROWS: list[tuple[str, list[str], str]] = []


def add(text: str, cats: list[str] | str, note: str) -> None:
    if isinstance(cats, str):
        cats = [c for c in cats.split() if c]
    ROWS.append((fill(text), sorted(set(cats)), note))


def many(items: list[str], cats: str, note: str) -> None:
    for t in items:
        add(t, cats, note)


D = "patient_direct"
I = "patient_indirect"

# ---- patient_direct: names in clinical context
many([
    "Mrs Jenkins in bed 4 is spiking again, 38.9, can someone come and culture her",
    "can you review Doris when you get a sec, she's the one with new AF on ward 8",
    "little Alfie in cubicle 3 dropped his sats to 89% on air, reg aware",
    "mr khan bay 2 bed 5 wants to self discharge, he's still on IV abx",
    "Handover:\n- Mr Adebayo, 6B bed 12, NSTEMI, for angio tmrw\n- Mrs Kowalczyk, 6B bed 3, ?UTI delirium, cultures sent",
    "has anyone seen Mr Nguyen's gas? K was 6.1 on the VBG",
    "Fatima Begum's daughter rang again asking for an update, can the reg call her back",
    "Pt: Margaret Hope, 81, #NOF, fasted from midnight for theatre",
    "@Sam can you chase the CT for Mr Baker in side room 2",
    "TTOs needed for Mrs Young (bay 1) and Mr Bishop (bay 4) before 2pm pls",
    "Grace in bed 9 is for DNACPR discussion with family today, her son Michael is NOK",
    "Mrs Papadopoulos on ward 11 needs her warfarin dose, INR 4.2 this am",
    "oluwaseun adeyemi the sickle cell pt in A&E needs PCA, can pain team come",
    "jack (6 y/o, bed 2 on paeds) vomited his oral abx again, ?IV",
    "Siobhan Murphy in resus, GCS 14, husband Declan on his way",
    "Just admitted Mr Singh - chest pain, trop pending, bed 7 CDU",
    "mr & mrs wood in bay 5 and bay 6 (married couple) both positive for norovirus 🙃",
    "Can someone please sign off Mrs Rose Bush's fluid chart, it's a mess",
    "Reminder: Mr Harold Mann's wife will be in at 3 to talk about hospice",
    "poppy 4yo on the paeds ward - mum says she's still not weeing, U&Es sent",
    "**Bed 14 - Mrs Eileen Carter** new confusion overnight, CTH booked",
    "who's clerking Mr Dariusz Nowak? the ED board says he's been waiting 9h",
    "Mr Faith (yes that's his surname) needs a repeat ECG after the salbutamol",
    "Ahmed Hassan in majors is asking for you by name Dr R, he's the one with the renal colic",
    "bloods for Mrs Summer Lees - Hb 71, she'll need 2 units, consent done",
    "ward 3: Mr Tomasz Wiśniewski is refusing his clexane again",
    "Evelyn on 24 is end of life, granddaughter Chloe staying overnight",
    "Pls prioritise Mr Chukwu on your list, he's the one for endoscopy at 11",
    "Kayden (2yo) in bay A has bronchiolitis, on high flow now",
    "Mr Reginald Fox - 91, fall at home, CT head NAD, for OT assessment",
], D, "patient named in clinical context")

# ---- patient_direct: national numbers
many([
    "can you request an MRI for this one, NHS no {NHS0}, its the lumbar spine",
    "NHS number {NHS1} - pt in bay 3, ortho want the xray re-done",
    "pt nhs {NHS2} needs a repeat INR in the morning",
    "GP letter has the wrong NHS number, should be {NHS0} not the one on the referral",
    "Bed 6 NHS# {NHS3}, K 2.9, replacing orally",
    "could someone look up results for {NHS0} (the lady with the DVT)? can't get on ICE",
    "NHS No: {NHS1}\nPresenting complaint: SOB\nPlan: CTPA",
    "pt's nhs no is {NHS2}, please add to the MDT list for thurs",
    "Pt CHI {CHI}, Ninewells ward 7, needs bloods at 6",
    "chi no {CHI} - still waiting on the echo from last week",
    "the Belfast pt, H&C {HC}, needs transfer to the RVH",
    "H+C number {HC} for the referral form",
    "dob {DOB}, NHS {NHS0} - radiology want both on the request",
    "Spine search for {NHS3} brings up a different GP surgery, can someone check",
], D, "valid national patient number with a patient cue")

# ---- patient_direct: hospital numbers, DOBs
many([
    "MRN {MRN} - needs a repeat troponin at 3pm",
    "hosp no {MRN}, pt in resus 2, family not yet informed",
    "Unit no: {MRN} - Pt for TTO, pharmacy waiting on the dose of pred",
    "Can someone please book a CT for hospital number {MRN}? urgent",
    "K no {MRN} - the one with the hyperkalaemia",
    "pt {MRN} in bay 4 pulled out his NG again",
    "Hosp num {MRN} and d.o.b {DOB} if you need them for the bloods request",
    "new admission, dob {DOB}, ?sepsis, in majors cubicle 12",
    "Pt born {DOB}, on ward 5, needs a consent form for tomorrow",
    "Date of birth {DOB} - that's the gent in bay 2 with the cellulitis",
    "the lady with DOB {DOB} is on the wrong ward on the bed board, pls update",
    "pt d.o.b. {DOB}, INR 6.8, holding warfarin",
    "Referral: F, DOB {DOB}, ?appendicitis, surg reg aware",
], D, "hospital number or date of birth of a patient")

# ---- patient_direct: address, phone, email
many([
    "she lives at {ADDR}, community nurses need to visit tomorrow",
    "pt's home postcode is {PC}, DN referral sent",
    "ambulance to take him home to {ADDR}, he lives alone",
    "Mr O'Neill's daughter's mobile is {MOB}, she wants a call after the ward round",
    "pt's number is {MOB} if anyone needs to ring about the clinic follow up",
    "the patient emailed me from {EMAIL} asking for his results, what do I do",
    "her son gave his number for updates: {MOB}",
    "address on the system is out of date, he's moved to {ADDR}",
    "NOK is wife, contact {MOB}, lives at home address {PC}",
    "discharge letter to go to {EMAIL} (pt asked for it by email)",
], D, "patient or relative home address / personal contact")

# ---- patient_direct: photos
many([
    "took a pic of his wristband so I don't get the details wrong, will send it on here 📸",
    "[photo] this is the bed board from AMU this morning, look how full it is",
    "sending a photo of her rash, is this meningococcal?? she's in bay 2",
    "here's the CXR from bed 11 (screenshot from PACS, name's in the corner sorry)",
    "snapped the ulcer on Mr Jones's heel so the TVN can see it, pic below",
    "IMG_4471.jpg - wristband of the guy in resus, can you read the hosp no",
    "photo of the whiteboard with all the bays and names attached, for the night team",
    "posting the CT screenshot with the patient banner, look at that bleed",
    "pic of the ECG attached - top has his name and dob but it's just us here",
    "selfie with Mrs Green after her hip op, she insisted 😊",
], D, "photo of patient, wristband, scan banner or bed board")

# ---- named patient mocked: direct + disrespect
many([
    "Mrs Pritchard in bay 6 is the most annoying woman alive, buzzer every 3 mins for nothing 🙄",
    "lol Gary Thompson is back AGAIN, 4th time this month, professional attender",
    "mr hughes bed 8 is a proper nutter, threw his jelly at the HCA",
    "Big Barry in side room 1 is so fat the hoist can barely cope 😂",
    "Denise from bay 3 is a total drama queen, 10/10 pain while eating a sandwich",
    "Shirley the serial overdoser is back in majors, don't bother rushing",
    "can't wait for Mr Dobson to die so we get the bed back tbh",
    "Kyle in cubicle 9 stinks, full PPE and a peg on the nose lads",
    "that whinging old bag Mrs Lomax complained about the tea AGAIN",
    "guess who's back on the ward... Trevor the drunk, smells like a brewery",
    "Mrs Begum's family are a nightmare, 15 of them in the bay screaming",
    "Mr Adeyemi - classic GOMER, get out of my emergency room 🙃",
    "seriously Brenda in bed 2 needs to stop crying, it's a cannula not an amputation",
    "Mrs Moss (the fat one in bay 4) broke another commode lmao",
    "wayne bennett DOB {DOB} is such a waste of space, frequent flyer drug seeker",
], "patient_direct disrespect_patients", "identified patient mocked or derided")

# ---- named patient + contact boundary
many([
    "Mr Okoro from bay 5 just sent me a friend request on fb 😳 accepting it, he was sweet",
    "gonna DM that guy Liam from the fracture clinic on insta, he was fit and he's discharged now",
    "Sophie Walsh (my pt from last month) matched with me on Hinge... gonna message her",
    "I followed Jess Kerr on Instagram after her appendicectomy, she followed me back, we chat now",
    "accepted Mrs Latimer's friend request on Facebook, she's been messaging me about her meds",
    "found Ryan from bed 10 on Snapchat, sent him a message asking how his knee is 😏",
    "messaged Ollie Grant (the climber with the tib fib) on Twitter asking him out for a drink",
], "patient_contact_boundary patient_direct", "named patient contacted or friended online")

# ---- patient_indirect: place + time + distinctive detail
many([
    "the Burnley goalkeeper came into resus at Royal Blackburn last night with a dislocated shoulder, don't tell anyone",
    "guess who's on ward 12 at Pinderfields since Tuesday... the headteacher from St Mary's primary in Ossett, OD",
    "we've got the local MP in side room 3 on the cardiology ward today, keep it quiet",
    "the lorry driver from the M62 pile-up on Monday is in ITU bed 4 at Leeds General",
    "one of our own HCAs from ward 5 got admitted to AMU last night with an overdose",
    "the 19yo from the Ashby house fire yesterday is in the burns unit at Pinderfields, 40% TBSA",
    "remember the lady who won the EuroMillions in Bideford? she's in our bay 6 at NDDH this week",
    "23 yo with progeria in cubicle 4 at the children's hospital today, first one I've ever seen",
    "the vicar from Holy Trinity in Hebden Bridge came in to A&E at Calderdale tonight, query stroke",
    "that Love Island contestant from Swansea is on our ward at Morriston with appendicitis lol",
    "the nurse from our own ICU who had the car crash on Friday is now in HDU bed 2",
    "the only dentist in Kirkwall came into the Balfour this morning with chest pain",
    "Lady in her 90s from the Tesco stabbing in Walsall on Sunday is on ward 7 at the Manor",
    "we had the Rovers captain in fracture clinic at Southmead this morning, broken metatarsal",
    "the man who fell off the pier at Llandudno on Saturday is our pt in bay 1 at Glan Clwyd",
    "FYI the 15 year old from the school stabbing in Croydon yesterday is on our paeds ward at St George's",
    "the police officer shot in Moss Side last night is in theatre at MRI now",
    "got the lollipop lady from Fernhill primary in majors, fractured wrist, kids were gutted",
    "the 34yo pregnant teacher from Thornbury with the PE is in resus at Southmead rn",
    "just saw the famous TikTok baker from Hove in our ED at RSCH, ?gallstones",
    "we've got a pt with Fabry disease on ward 9 at Ysbyty Gwynedd this week, only one in North Wales apparently",
    "the mayor of Wigan is a pt on our ward at RAEI since yesterday, dehydrated",
    "that famous rugby player from the Warriors is in bay 2 Glasgow Royal, knee washout today",
    "one of the registrars from our own dept came in via ambulance last night with DKA",
    "the farmer from Bodmin who got gored by the bull on Thursday is in ITU at Treliske",
    "the Syrian family from the Dover boat crossing last week, the dad is still on our ward at WHH",
    "identical triplets born at the Jessop this morning, the mum is 44 and from Rotherham",
    "the weather presenter from Look North is in our day unit at Hull Royal today for a scope",
    "the 101 yo from the care home outbreak in Morecambe is in bay 4 at RLI, on NIV",
    "remember the chef from the Michelin place in Ludlow? stabbed in the hand, plastics at Shrewsbury seeing him tomorrow",
    "the lady from the Grenfell-style flat fire in Salford on Wednesday is still in burns at Wythenshawe",
    "Our own ward sister's husband came in last night, he's in CCU bed 3 at the Northern General",
    "the guy arrested outside the Cross Keys on Friday is on our ward now with police guard, he's the one on the news",
    "the 28 year old Olympic rower from Henley is in resus at the JR after a cycling crash this morning",
    "the only Huntington's pt from Stornoway is being flown to Raigmore today",
    "we've got the bishop of Bath and Wells on ward 3 at the RUH, dont gossip 🤐",
    "the 17 yo from the Year 12 party in Frome on Saturday, ecstasy, still in PICU at Bristol Childrens",
    "that ITV presenter fainted at MediaCity and came into Salford Royal resus, she's fine",
    "the woman from the Barnstaple bus crash yesterday, the driver, is our pt on ward 5",
    "the St Helens councillor is in bay 6 at Whiston since Monday, alcohol withdrawal",
], I, "place + time + distinctive detail (role, event, celebrity, rare condition, staff link)")

many([
    "that prat of a footballer from the Albion is in resus at the RSCH again, drunk and crying like a baby 😂",
    "the snotty local councillor on our ward at Whiston since Monday is a total pain, thinks he owns the place",
    "the obese TikTok guy from Hove is in bay 3 at RSCH this week, whales in the sea have better mobility lol",
    "the drunk vicar from Hebden Bridge is back in Calderdale A&E tonight, what a joke of a man",
], "disrespect_patients patient_indirect", "identifiable by combination and derided")

# ---- discriminatory (about a group, not patients specifically)
many([
    "women shouldn't be allowed on the surgical rota, they just go off and have babies",
    "IMGs can't even speak proper English, why do we keep hiring them",
    "tbh gays shouldn't be doing paeds, just saying",
    "no offence but muslims are all extremists, look at the news",
    "trans people are just mentally ill, not a real thing",
    "the new SHOs are all Indian, the rota reads like a phone book from Mumbai lmao",
    "typical jews, always haggling over the locum rate",
    "poles are only here to claim benefits and drink",
    "old people should just be put down after 85, they contribute nothing",
    "why do black people always turn up to clinic late, it's a culture thing",
    "autistic people are basically robots, can't do medicine",
    "fat people are just lazy, nothing more to it",
    "pregnant registrars are a liability, should be banned from on call",
    "gypos nicking everything again, lock the car park",
    "i'd never hire a nurse in a hijab, just doesn't look professional",
    "the eastern europeans on the bank staff are thick as pigshit",
    "disabled doctors should just pick something else, medicine isn't for them",
    "chinese students all cheat in the exams, everyone knows",
    "lesbian nurses on the ward are always the aggressive ones",
    "Nigerian doctors are all fraudsters with fake certificates",
    "honestly the ethnics in this trust get all the promotions, diversity hires",
    "dyslexics shouldn't be let near a drug chart",
    "schizophrenics are dangerous animals, lock them all up",
    "men can't be midwives, it's creepy",
    "middle aged women consultants are all hormonal bitches",
    "too many p*kis in the deanery this year lol",
    "f*gs shouldn't be allowed to do intimate exams",
    "girls in surgery are just there to find a husband",
    "africans have different pain thresholds, no need for much morphine for them",
    "anyone over 60 shouldn't be allowed to practise, dinosaurs",
    "the romanians on our ward are all on the fiddle",
    "bisexuals are just greedy, pick a side",
], "discriminatory", "derogatory/hateful generalisation about a protected group")

# ---- discriminatory + disrespect (patient groups)
many([
    "travellers from the site on the A1 are all drug seekers, don't give them anything",
    "another immigrant pt with no English who thinks the NHS is a free hotel",
    "these muslim families always bring the whole village to the bay, animals",
    "black patients always exaggerate pain, halve the morphine",
    "our pts from the council estates are all scroungers and alcoholics",
    "the eastern european pts just come here for the free ops, bloody health tourists",
    "fat patients don't deserve knee replacements, let them waddle",
    "Gay pts in GUM clinic are disgusting, deserve everything they catch",
    "old biddies from the care homes should just be left, they're bed blockers",
    "asian pts always say 'pain all over', can't be bothered with them",
], "discriminatory disrespect_patients", "hateful generalisation aimed at a patient group")

# ---- discriminatory + colleague conflict
many([
    "@Kemi go back to Lagos if you can't do a simple ward round",
    "Dr Rahman is only a consultant because of diversity quotas, everyone knows he's useless",
    "Obviously Priya messed up the rota, women can't do maths",
    "Tell Ahmed to stop praying in the doctors' mess, it's not a mosque, freak",
], "colleague_conflict discriminatory", "discriminatory insult aimed at an identifiable colleague")

# ---- disrespect_patients (no identifier)
many([
    "bay 4 is full of crumblies today, someone shoot me",
    "another frequent flyer in majors, status dramaticus as usual",
    "GOMERs everywhere on the post take, at least they're quiet",
    "the heartsinks in clinic this morning have broken me, every single one a whinger",
    "PFO x3 in resus before midnight, idiots the lot of them",
    "why do these junkies always come in at 4am wanting codeine",
    "pts on this ward are so thick, explained the meds 3 times",
    "the bed blockers on 9 need shipping out to a home asap",
    "absolute state of the pts on the acute take today, the great unwashed of Wigan",
    "LOL the smelly one in cubicle 6 wants a sandwich, I'd rather not touch him",
    "FLK in bay A lol, mum also FLK",
    "had to deal with the usual attention-seeking cutters in the ED last night",
    "self-harmers are just wasting our time, they never actually want to die",
    "another entitled karen demanding antibiotics for a cold",
    "the vomit comet on ward 2 tonight, a bay of whining norovirus lot",
    "drunks deserve to wait in the corridor, their own fault",
    "our morbidly obese pts are basically beached whales, the porters hate us",
    "the dementia ward is like a zoo tonight, screeching all round",
    "LOLINAD lady in bay 1 keeps shouting for her mum, give her a haloperidol and shut her up",
    "ugh, another whingey hypochondriac in GP clinic, 'I read it on google'",
    "acopia granny from the nursing home again, waste of a bed",
    "dirtbags in the ED waiting room, the usual Friday night scum",
    "my whole list today was fatties who won't lose weight, why bother",
    "the overdose in majors can wait, she does it every week for attention",
    "pts who self-discharge against advice can die for all I care",
    "ortho geriatrics is basically a crumble farm 😂",
    "honestly the dialysis lot are the most ungrateful pts going",
    "smackheads always pull their cannulas, let them rot",
    "the bariatric pt in side room was moaning about his diet tray, as if he's starving lol",
    "peds A&E full of feral kids and their scummy parents tonight",
    "why are the anxious ones always the loudest. shut up and take your propranolol",
    "that psych pt is proper mental, can't be arsed with her",
    "nursing home 'shipments' arriving every hour, just leave them in the corridor",
    "the frequent attenders are leeches on the NHS",
    "another idiot who googled their symptoms and thinks they have cancer 🙄 waste of 10 mins",
    "bay 3 = the whinge bay. the biggest bunch of moaners i've ever met",
    "these chronic pain pts are all just drug seekers, don't believe a word",
    "the drunk students from freshers week are puking all over majors, pathetic little shits",
], "disrespect_patients", "derogatory talk about patients")

# ---- intoxication: clinician drunk or drinking at/around work
many([
    "still drunk from the leaving do, ward round in 10 mins 🍺🍺",
    "who else is on the post take and still pissed from last night? 🙋",
    "had 2 glasses of wine at lunch, fine to do afternoon clinic right?",
    "vodka in my water bottle for this night shift lol, how else do you survive",
    "prosecco at the nurses' station for Jan's birthday 🥂 mid shift, don't tell matron",
    "on call from home tonight but 4 pints deep already 😬",
    "I'm genuinely still over the limit, drove in anyway, first patient at 8",
    "few cans in the doctors' mess before handover, anyone want one",
    "cracked open the bottle of gin the family gave us, it's quiet on nights",
    "smashed at the Christmas do and I'm the on call reg tonight, pray for me",
    "bit tipsy but I can still cannulate, watch me 🍷",
    "beer o'clock in theatre coffee room, list's nearly done anyway",
    "had a couple of shots before my night shift to wake up 😂",
    "so hungover I nearly threw up in the surgical field, still a bit drunk tbh",
    "turned up to handover smelling like a brewery, i am not sober enough for this",
    "went to the pub at lunch with the team, 3 pints, back for the 2pm list",
    "I'm on call and I'm at a wedding, had maybe 6 glasses of champagne, hope nobody bleeps",
    "drinking whisky in the on call room, night's dead",
    "the anaesthetist was clearly pissed during the emergency list last night, and so was I tbh",
    "surgical SHO is drinking Bailey's in the mess at 7am before the ward round",
    "wine in a coffee cup at the MDT, nobody noticed 🤫",
    "still off my face from yesterday, how do I get through this clinic",
    "sunday on-call + a hangover + 3 whiskies at lunch = living dangerously",
    "we did tequila shots in the staff room when the shift ended early, still had 2 hrs of jobs left",
    "who wants a beer in the ED break room? brought a crate for the last night",
    "just had a sneaky pint between clinics, don't judge",
    "the consultant brought champagne onto the ward at 3pm for his last day and we all got merry, bleep still going",
    "bit drunk, covering the HDU on call from home, should be fine",
    "I'm way too drunk to be the 2nd on call but no one answered the phone for a swap",
    "double vodka red bull to get through the weekend ward cover 💪",
    "just did a lumbar puncture after 3 G&Ts, nailed it",
    "can someone cover my last hour, I've had a few at the leaving drinks and I'm still holding the bleep",
    "mulled wine at the nurses' station for the Christmas shift, everyone's a bit wobbly 🎄",
    "drank most of a bottle of red before coming in for nights, feeling fine honestly",
    "fy2 fell asleep in the doctors' mess after downing cans on his break",
    "post-exam pints started at 11am, now I'm on the evening ward cover 😵",
    "wasted. on the trauma list in an hour. sorry not sorry",
    "ngl I'm still hammered, does anyone have a mint before I see pts",
    "took a hip flask into the night shift again, it's the only way",
    "3 pints at the rugby then straight onto the evening shift in majors, feeling giddy",
], "intoxication", "clinician drunk or drinking at or around work")

# ---- advertising: unverifiable/exploitative claims or undisclosed interest
many([
    "DM me for 20% off my PLAB 2 course, 100% pass guarantee or your money back!!",
    "I've started selling this supplement that literally reverses type 2 diabetes, ask me for a link 💊",
    "NHS staff botox £99 at my clinic this weekend only, guaranteed results, book via my insta",
    "use code DRSAM15 for 15% off the MRCP question bank, best bank out there 🔥",
    "Anyone want to earn 5k a month from home? my crypto signals group is crushing it, link in bio",
    "this CBD oil cured my patients' anxiety better than sertraline, I can get you a discount",
    "join my MSRA bootcamp, 98% of my students got top decile (honest!) - £299",
    "ask me about the juice cleanse that flushes out toxins, all the nurses on 7 are doing it",
    "buy my new ebook 'Pass SCA in 7 days', the only resource you need, discount for this group",
    "my sister's IV vitamin drip business needs referrals, send your pts her way, she'll sort you out 😉",
    "Forever Living aloe vera boosts immunity massively, I'm a distributor, message me",
    "selling Herbalife shakes, lost 2 stone in 3 weeks, doctors recommend it",
    "get 50% off the ABG app with my link, only app you'll ever need, trust me",
    "guaranteed UKFPO top-decile SJT prep, pay me £50 and I'll send the answers",
    "tell your pts about this magnesium spray, cures restless legs overnight, my affiliate link is below",
    "I do private ADHD assessments, 2 week wait, just tell your pts to mention my name for a discount",
    "new keto clinic in Harrogate - reverses PCOS, no meds needed. I'm a partner so hit me up",
    "this collagen powder grows cartilage back, my mum's knee is cured, link in my profile",
    "MLM opportunity for junior docs, pay off your student debt in months 💰 DM me",
    "sign up to MedStaff Locums with my code, they pay F2s £150/hr guaranteed and never cancel shifts",
    "homeopathic arnica for post-op pain is brilliant, I sell it on etsy, 10% off for this chat",
    "anyone interested in forex trading? I turned £200 into £6000 in a week, free course with my link",
    "the Littmann knockoffs from @medgear_uk are better than the real thing, use code FY1 at checkout 🩺",
    "my mate's clinic does guaranteed hair regrowth, finasteride free, I get commission if you book",
    "lifetime CPD bundle, accredited by everyone, only £19.99 for the next hour!",
    "I recommend my own immunity tincture to every pt with long covid, works every time, DM for bottles",
    "the Ozempic alternative I sell online - same results, no prescription, message me",
    "private blood panel for £49 that detects cancer early, I'm an ambassador for the company, code NHS10",
    "best ortho revision course going, guaranteed FRCS pass, pls use my link x",
    "crystal healing workshop for burnout, certified by me 😂 but seriously it works, £75",
    "my detox tea actually flushes gallstones, did it myself, can sell you a pack",
    "dermal filler training weekend, qualify as an aesthetics injector in 1 day, make 10k a month",
    "reply STOP to my supplement newsletter lol jk, but really, vit D megadoses prevent covid, link below",
    "anyone want a guaranteed pass on the MRCS? I've got the actual exam questions for sale",
    "I'm reviewing this new ECG wearable on my channel and they sent me 3 free ones to hand out, it's honestly the most accurate device ever",
    "sign your patients up to my private physio app, I get paid per referral, results in 1 session",
    "only 5 spots left on my 'ace your interview' coaching, 100% success rate, £400",
    "ivermectin cures more than you think... I can get it shipped, DM",
    "ahem - my wife's new bakery in Leeds gives a 'free' cake if you leave a 5 star review, doctors get 2",
    "the medical indemnity plan I sell is cheaper than MDU and covers everything, no questions, ping me",
], "advertising", "promotion with unverifiable claims or undisclosed commercial interest")

# ---- patient_contact_boundary (no identifier)
many([
    "the guy from bay 2 added me on facebook lol should I accept? he's been discharged",
    "matched with a former pt on tinder 😬 swiped right anyway, he's cute",
    "I looked up my pt from last week on insta and sent her a follow, she seemed lonely",
    "asked out the fit paramedic student I treated in majors, sent him a DM on twitter 😍",
    "one of my old clinic pts keeps DMing me on insta and honestly I've been replying, we're kind of flirting",
    "slid into the DMs of the lad with the scaphoid fracture, he was well fit",
    "my ex-patient invited me to her birthday on FB messenger and I said yes",
    "accepted a LinkedIn connection from a current pt, then we started chatting about dinner",
    "is it weird that I followed the guy I cannulated yesterday on tiktok? he followed back 😁",
    "I've been WhatsApping the mum of one of my paeds pts, we're going for drinks next week",
    "my GP pt asked for my snapchat during the consultation so I gave it",
    "dating a guy I met when he was on my ward in March, we got chatting on insta after discharge",
    "sent a friend request to the lady I delivered last month, she's lovely and we've been messaging",
    "the hot one from cubicle 4 gave me his number on the discharge letter and I texted him 👀",
    "found my old psych pt on Hinge, super tempted to match tbh",
    "just sent a message on FB to the patient who complained about me, told her what I think of her",
    "been snapchatting my pt from the fracture clinic, he's asked me out for Saturday",
    "I messaged the patient from bed 8 on whatsapp to tell him his biopsy result early, he's a mate now",
    "went on a date with a former pt I met on bumble, he recognised me from A&E",
    "anyone else get insta follows from pts? I always follow back and chat",
    "DMed the girl from the eating disorder clinic to check how she's doing, she's my friend on FB now",
    "my ex patient sent me a voice note on whatsapp asking me out and I said yes ❤️",
    "added the guy I sutured in minors on snap, sent him a pic of my coffee",
    "I've been sliding into a patient's dms since his knee op, nothing serious",
    "liked all the photos of the pt I discharged yesterday on instagram and commented 😘",
    "sent the lad from minors a message on insta saying he was my favourite pt 😉 he replied",
    "an old pt from ortho asked me to be friends on FB, accepted and we're meeting up for coffee",
    "messaging my counselling client on twitter at night, she says I'm the only one who gets her",
    "pt I saw in A&E is now following me on TikTok and I keep DMing him, is that bad lol",
    "tinder date tonight with a bloke whose appendix I took out in summer 😅",
    "got the phone number of the lady from the antenatal clinic and we text every night now",
    "followed my clinic pt on strava and we arranged a run together",
], "patient_contact_boundary", "contacting/friending/dating a patient or former patient online")

# ---- colleague_conflict: public argument, insult, bullying of identifiable colleague
many([
    "@Dan honestly your handover was a joke, learn to write a plan or stop coming in",
    "Dr Evans is utterly useless, no wonder the whole rota's a mess",
    "can't believe Priya signed that off, she's thick as mince",
    "@Tom you absolute muppet, you left 12 jobs for nights again",
    "Hayley on nights is the laziest nurse I've ever worked with, don't rely on her for anything",
    "the new F1 Josh is a walking disaster, someone should report him just to get rid",
    "Mr Patel is a dinosaur who shouldn't be allowed near a scalpel, did you see his complication rate",
    "@Aisha stop crying to the rota coordinator every time, grow up",
    "Sister McGrath is a bully and a cow, we all hate her",
    "everyone ignore Kev's advice, he knows nothing and he's a total tosser",
    "Ben's an idiot. Full stop. He was wrong about the gas and he'll be wrong tomorrow",
    "let's all just not invite Rachel to the team drinks, she's so annoying",
    "@Chris if you'd bothered to read the notes instead of scrolling your phone we wouldn't be here",
    "Dr Hussain's teaching is painful, dude can't string a sentence together",
    "honestly Emily the reg is the worst doctor in this hospital, I'd not let her treat my dog",
    "@jess why are you so incompetent? every. single. shift.",
    "Matt the SHO thinks he's God's gift, someone take him down a peg",
    "Can we talk about how Dr Lewis screwed up the DNACPR conversation? embarrassing, frankly",
    "our FY2 Sanjay is clueless and everyone knows it, shouldn't have passed ARCP",
    "@Becky stop lying about swapping shifts, you're a snake",
    "the anaesthetic reg last night (Owen) was an arrogant prick to me in theatre, hope he gets sacked",
    "@Nadia you're pathetic, stop taking credit for my audit",
    "Greg is an absolute liability, I'm going to make sure the whole dept hears about his cock-up",
    "Lucy cannot cannulate to save her life, let's start calling her 'Miss Tissue' lol",
    "posting this so everyone knows: @Dr_Wright screamed at me in front of pts today, he's a psycho",
    "Steph's blood cultures are always contaminated, she's a joke, pls never let her do them",
    "@Raj don't ever speak to me like that again on a ward round. you're a disgrace",
    "Dr Morgan the consultant is a spineless coward who hung me out to dry at the M&M",
    "Helen the matron is a power-tripping witch, everyone ignore her emails",
    "@Will you're a useless twat, where were you when the crash call went out",
    "the new CT1 Adam is so thick he thought K was potassium carbonate lmao 🙄",
    "Nobody trust Amy's handovers, she makes stuff up",
    "Zara's audit is copied from last year, plagiarist, I'll say it in front of everyone at governance",
    "@Ollie mate you're a complete waste of a training number",
    "honestly Dr Clarke should retire, he's senile and dangerous",
    "Pete on the bank is a slimy creep, stay away from him",
    "@Hannah reply to me now or I'm telling the CD you ignored my bleep, useless",
    "the locum reg Martin is completely incompetent, I'm not working with him again",
    "can everyone please stop asking Jo anything, she's useless and slow",
    "Your plan for bed 3 was dangerous @Ravi and frankly stupid, do you even know what you're doing",
], "colleague_conflict", "public insult, argument or bullying aimed at identifiable colleague")

NEG = ""

# ---- hard negatives: staff names with roles
many([
    "Dr Okafor is covering the renal take today, bleep her if you need a senior review",
    "Sister Maguire says the drug round is delayed, pharmacy are short",
    "FY1 Priya is on the gen med ward cover tonight, say hi 👋",
    "ask Tom on nights, he knows where the LP packs are kept",
    "Mr Bradshaw's list is running 2 hrs late, ortho theatre 3",
    "the reg (Sarah) wants all the post-take jobs done before 5",
    "Prof Ahmed is doing the grand round on Thursday, SGLT2 inhibitors",
    "Staff nurse Kate is the nurse in charge on 9 today",
    "Dr Mensah the micro consultant said stop the tazocin and switch to co-amox",
    "Matron Delaney wants everyone's mandatory training done by Friday",
    "ANP Gemma's in minors if you need a hand with the backlog",
    "Mr Obi (vascular consultant) is happy to see the ischaemic leg urgently",
    "Dr Singh our new ST3 started today, welcome!!",
    "speak to Dr Fraser the haem reg about the INR reversal, she's on ext 4417",
    "HCA Bev has done all the obs on bay 2, thanks Bev",
    "Miss Chowdhury is the breast consultant on call this weekend",
    "CT2 Jamal will be the med reg from 9pm, SpR Laura handing over to him",
    "ward clerk Maureen says the bed board will be updated after 11",
    "Dr Kowalski (anaesthetics) is the 2nd on call tonight",
    "Charge nurse Dev has the keys for the CD cupboard",
    "Dr Hope is the palliative care consultant, she'll come and see the ward after lunch",
    "our pharmacist Grace is brilliant, she caught the gent dose error before it went up",
    "Mrs Baker the practice manager has sent the new surgery rota",
    "Dr Young and Dr Wood are both off sick today, so we're 2 SHOs down",
    "Sister Rose is retiring after 38 years on the ward 😢 collection going round",
    "RMO Dr Nnamdi is on site until 8am",
    "Physio Lauren will see the new hips after lunch",
    "our SpR Hamish has moved to the Western General from Feb",
    "Dr Bishop (my ES) signed off my ePortfolio finally 🙏",
    "the new F2 Mohammed is shadowing today, show him around pls",
    "med student Ellie is with us on ward round this week",
    "consultant of the week is Dr Faith Olu, ward round starts 8:30",
    "Dr Baxter's clinic is cancelled tmrw, secretaries are ringing round",
    "Mr Nguyen (upper GI) said he'll do the OGD list on Friday",
    "The SHO Olivia is doing the cannulas on ward 6 so don't worry",
], NEG, "staff named with a role or title")

# ---- hard negatives: channel members talking to each other
many([
    "@Dan thanks for staying late yesterday, owe you a coffee ☕",
    "@Priya are you still up for swapping the 14th? I can do your Saturday",
    "Tom you're a legend for sorting the teaching room",
    "morning all, Jess here, I'm the new F1 on the surgical rotation 👋",
    "@Kemi congrats on passing MRCP!!! 🎉",
    "hey @Raj, do you have the slides from Wednesday's teaching?",
    "Aisha and I are both on annual leave next week fyi",
    "@Chris no worries, I'll cover your bleep while you're in the MDT",
    "happy birthday @Hannah 🎂🎈",
    "Emily - can you send me the audit spreadsheet when you get a sec",
    "@Ollie great job on the crash call last night, honestly calm as anything",
    "@Nadia your poster got accepted at the conference!",
    "Ben, your car's lights are on in the staff car park",
    "who's coming to Steph's leaving do on Friday? she's off to Australia",
    "thanks Zara for the amazing handover sheet template, such a time saver",
    "@Will I've left your stethoscope in the mess",
    "@Adam welcome to the team! Any q's just shout",
    "Josh, check your email, the rota coordinator replied",
    "@Becky pls can you send me your ext number",
    "Lucy's doing the cake for the team meeting, go Lucy",
    "Gemma and Hayley both passed their IV competency 👏",
    "@Sanjay can you remind me what time the sim session is",
    "good luck in the ARCP @Martin, you'll smash it",
    "@Amy no rush on the feedback form, whenever's good",
    "I'm so sorry @jess, I didn't see your message until now",
], NEG, "chat between channel members")

# ---- hard negatives: bleeps, extensions, switchboard, staff phones
many([
    "med reg bleep is 2234 tonight, switch is on 0",
    "can't get through to radiology, ext 5520 just rings out",
    "gen surg SHO bleep 1177, ortho F1 bleep 4093",
    "switchboard number for the Royal is 0113 243 3144 if you're off site",
    "fast bleep the crash team on 2222",
    "haem lab ext 63410 for urgent films",
    "I'm on bleep 6741 till 9pm then hand it to nights",
    "ring ITU outreach on 3388, they'll come down",
    "pharmacy on call via switch after 5pm",
    "bleep the site manager on 5000 for beds",
    "new number for the discharge lounge: ext 2817",
    "the on-call micro is via switch, ask for 'micro consultant'",
    "blood bank direct line 0161 276 4422, they want a call for any O neg",
    "pager 8841 is dead, use my mobile on the rota app",
    "Clinic reception on 01392 402 611 if you're running late, they'll tell the pts",
], NEG, "staff contact points: bleeps, extensions, switchboard")

# ---- hard negatives: rota, clinic, deadline dates
many([
    "rota for December is out, I'm on nights 12/12/2026 to 15/12/2026 🙃",
    "clinic on 03.02.27 is cancelled, pts being rebooked",
    "ARCP deadline is 14th March 2027, get your ePortfolio sorted",
    "teaching is moved to 2026-12-09 at 1pm, lecture theatre 2",
    "who can swap their long day on 21-12-26? I've got a wedding",
    "MRCP part 1 results out on 5 Jan 2027 😬",
    "Study leave request for 18/1/27 submitted",
    "Induction for new F1s is on 6th August, 8am, education centre",
    "my last day on this rotation is 01/02/2027, then ED",
    "bank holiday on the 26th - the weekend team is just me and Ollie",
    "exception reports are due by 31.12.2026",
    "Grand round on Weds 2nd Dec is on frailty",
    "annual leave 23/12 - 2/1 approved!!! 🎄",
    "ALS course 11-12 Feb 2027, still 2 places",
    "the new rota starts 7 Dec, check your lines",
], NEG, "rota, clinic and deadline dates (not a date of birth)")

# ---- hard negatives: doses and lab values
many([
    "enox 1.5mg/kg OD for treatment dose, adjust for CrCl < 30",
    "give 1g paracetamol QDS, max 4g/24h, reduce if < 50kg",
    "gent 5mg/kg, check level 6-14h post dose against the Hartford nomogram",
    "pabrinex 2 pairs TDS for 3 days for suspected Wernicke's",
    "insulin sliding scale: 50 units actrapid in 50ml saline",
    "IV ceftriaxone 2g OD + metronidazole 500mg TDS as per trust guideline",
    "adrenaline 0.5mg IM (0.5ml of 1:1000) for anaphylaxis in adults",
    "furosemide 40mg IV bd, daily weights, fluid restrict 1.5L",
    "start apixaban 5mg BD, 10mg BD for the first 7 days for VTE",
    "vanc trough 18, hold next dose and recheck",
    "K 5.9 on repeat, no ECG changes, recheck in 4h",
    "Hb 68 -> transfuse 1 unit and reassess",
    "Na 121 on the morning bloods, was 126 yesterday",
    "CRP 310, WCC 19.2, lactate 3.4 - sepsis 6 started",
    "eGFR 28, so avoid metformin",
    "trop 14 -> 212 on repeat, cards aware",
    "pH 7.21, pCO2 8.9, HCO3 31 - acute on chronic T2RF, start NIV",
    "INR 1.1, platelets 240, fine for the LP",
    "ferritin 4, iron studies consistent with IDA",
    "HbA1c 98 mmol/mol, needs diabetes team input",
], NEG, "drug doses and lab values without a patient identifier")

# ---- hard negatives: guidelines, journals
many([
    "NICE NG51 for sepsis, the risk stratification table is on page 12",
    "Has anyone read the RECOVERY trial paper in NEJM on dexamethasone? great journal club pick",
    "BTS guideline for pleural disease 2023 changed the chest drain advice",
    "the SIGN 158 asthma guideline is due an update",
    "see NICE CG95 for chest pain of recent onset",
    "Lancet 2024;403:1-12 - interesting piece on junior doctor burnout",
    "BMJ 2023;380:e072345 for the PE rule-out stuff",
    "RCEM best practice guideline on frail older people is really good",
    "Resus Council UK 2021 ALS algorithm poster is in the resus room",
    "doi:10.1056/NEJMoa2021436 if anyone wants the original",
    "GMC Good Medical Practice 2024 came into effect in January",
    "the Caldicott principles were updated to 8 in 2020",
    "NICE NG136 hypertension: step 2 is ACEi/ARB or CCB depending",
    "the ATLS 10th edition primary survey is cABCDE",
    "PMID 32678530 - the dexamethasone RECOVERY trial",
], NEG, "guideline or journal citation")

# ---- hard negatives: anonymised teaching cases
many([
    "Teaching case: a 45-year-old man with central chest pain radiating to the jaw. What's your first test?",
    "quiz: 72 y/o F, new confusion, pyrexial, dipstick positive - what else do you want to know?",
    "Q of the day: 28yo woman, 32/40 pregnant, BP 160/105, headache. Next step?",
    "A 6-year-old presents with a limp and fever. Differentials?",
    "MCQ: a 60 year old smoker with haemoptysis and weight loss - most likely diagnosis?",
    "Hypothetical: 30 y/o man, GCS 8 after a fall from height. talk me through your approach",
    "SBA practice - 55F with polyuria, polydipsia, Ca 3.1. What's the likely cause?",
    "For the sim: 80yo on a care home, found on floor, CK 12,000. What are you worried about?",
    "Case for journal club: a teenager with recurrent DKA - social factors?",
    "teaching scenario: middle-aged man with sudden worst ever headache, CT normal at 8h",
    "OSCE station: explain to a 50 year old woman why she needs a colonoscopy",
    "practice ECG: a 70 year old with palpitations, what rhythm is this? (from LITFL)",
    "exam Q: neonate with bilious vomiting - what must you exclude?",
    "classic vignette: young woman, malar rash, arthralgia, proteinuria",
    "anonymised M&M case: elderly patient, missed AKI on admission bloods, learning points?",
    "viva Q: 40M, alcohol excess, confusion, ataxia, ophthalmoplegia. Management?",
    "tutorial case - a 35-year-old builder with back pain and saddle anaesthesia",
    "CBD write up ideas? I saw a 65yo with new AF last week, nothing identifying in it obviously",
    "Mock SCA: 45 year old taxi driver worried about his chest pain",
    "Sim tomorrow: 3yo with stridor and drooling - who wants to be team leader?",
], NEG, "anonymised teaching case (age/condition, no place or time)")

# ---- hard negatives: eponyms
many([
    "Murphy's sign positive, USS booked for ?cholecystitis",
    "Crohn's flare, GI team happy with IV hydrocortisone",
    "Kernig's and Brudzinski's both negative",
    "Virchow's triad - revise it before Thursday",
    "Beck's triad is rarely all there in real life",
    "Trousseau's sign is a good one to demo for hypocalcaemia",
    "Bell's palsy - pred within 72h, eye care",
    "Addison's crisis - hydrocortisone 100mg IV stat",
    "Cushing's reflex = late sign of raised ICP",
    "Graves' vs Hashimoto's: check TRAbs",
    "Guillain-Barré - monitor FVC every 4h",
    "Charcot's triad: fever, jaundice, RUQ pain",
    "Romberg's positive, ?sensory ataxia",
    "Parkinson's meds must be given on time!! time-critical",
    "Wells score 5 -> CTPA",
    "Ottawa ankle rules negative, no xray needed",
    "Rockall and Glasgow-Blatchford are in the upper GI bleed proforma",
    "Kussmaul breathing + ketones 4.5 = DKA protocol",
    "Cullen's and Grey Turner's signs - seen one once in 5 years",
    "Wernicke's encephalopathy is underdiagnosed, pabrinex if in doubt",
    "Hodgkin's vs non-Hodgkin's lymphoma teaching is next week",
    "Ménière's or BPPV? Dix-Hallpike will tell you",
    "Barrett's surveillance OGD list is full",
    "Alzheimer's Society has good leaflets for families",
    "Dupuytren's isn't urgent, routine hand clinic",
], NEG, "eponymous sign, score or disease, not a patient name")

# ---- hard negatives: the hospital's own address / postcode
many([
    "teaching venue is the education centre, Leeds General Infirmary, Great George St, LS1 3EX",
    "parking for the sim course: St James's, Beckett St, LS9 7TF, use the multi-storey",
    "send your ALS certificates to the postgrad centre, Derriford Hospital, PL6 8DH",
    "the regional teaching day is at Manchester Royal Infirmary, Oxford Rd, M13 9WL",
    "Satnav postcode for the new hospital site is CF64 2XX",
    "interview venue: Queen Elizabeth University Hospital, 1345 Govan Rd, G51 4TF",
    "delivery address for the study leave books: Dept of Medicine, RVH, 274 Grosvenor Rd, BT12 6BA",
    "the conference is at the ICC Birmingham, B1 2EA, lunch included",
], NEG, "hospital or venue address, not a patient's")

# ---- hard negatives: 10-digit ids in URLs / code / orders
many([
    "the rota spreadsheet: https://docs.example.nhs.uk/sheet?id={NHS2}&tab=nov",
    "log line from the bot: `order_id={NHS2} status=shipped`",
    "```\nSELECT * FROM rota WHERE shift_id = {NHS2};\n```\nthis query is slow, any SQL people here?",
    "my Amazon order {NHS2} for the new stethoscope hasn't come",
    "ticket ref {NHS2} for the IT fault in the mess",
    "zoom meeting ID 8472 193 650 for the teaching, passcode on the email",
    "the journal submission number is {NHS2}, fingers crossed 🤞",
    "unix time 1764032400 is when the backup job runs",
    "bit.ly link in the eportfolio is /r/{NHS2}, can't open it",
    "```json\n{\"shift\": {NHS2}, \"grade\": \"FY1\"}\n```",
], NEG, "10-digit number in URL, code or order reference, no patient cue")

# ---- hard negatives: a person's own details about themselves
many([
    "my new mobile is 07700 900123, update the rota WhatsApp please",
    "for the leaving card collection my email is ollie.w.medic@gmail.com",
    "it's my birthday tomorrow (born 14/03/1998, yes I'm a baby F1) 🎂",
    "I've moved house, new address for the rota office is 12 Hillcrest, LS6 3AB",
    "my GMC number is 7654321, someone asked for the audit sign off",
    "I was a patient at the Royal myself last year for my appendix, the nurses were great",
    "I've got Crohn's myself, so I'm off to my own GI clinic tmrw morning",
    "text me on 07911 123456 if you can swap my Saturday",
    "born in 1990 and I already feel ancient on this rota",
    "ok my own BP was 150/95 at occy health, should I be worried 😂",
], NEG, "the speaker's own details")

# ---- hard negatives: discussing a term rather than using it
many([
    "someone wrote 'acopia' in the notes and the consultant said it's pejorative, we should document the actual problem",
    "teaching today on why 'frequent flyer' is stigmatising language, really good session",
    "does anyone else hate the word 'bed blocker'? the patients aren't choosing to be stuck here",
    "reminder from the EDI lead: terms like 'GOMER' are never acceptable, even as jokes",
    "a pt called me a racial slur today, datix done, Sister was really supportive",
    "interesting paper on how words like 'non-compliant' shape care, suggest we say 'not taking' instead",
    "should we call out colleagues who use 'crumble' for elderly pts? I find it really off",
    "the article on 'status dramaticus' in the BMJ was cutting - none of us should use it",
    "reported a homophobic comment someone made in the mess, FTSU guardian is looking into it",
    "FYI the trust has a zero tolerance policy on ableist language like 'retard', even in banter",
    "our teaching on unconscious bias used examples like 'Mediterranean syndrome' to show how harmful it is",
    "'heartsink patient' is such an old-fashioned term, I'd rather say complex needs",
    "the GMC says we shouldn't use derogatory nicknames for pts online - worth a read",
    "how do you respond when a senior says something sexist on a ward round? asking for advice",
    "we discussed 'drug seeker' labels at M&M; it led to a missed fracture in one case",
], NEG, "discussing a term or reporting abuse, not using it")

# ---- hard negatives: drinking clearly off duty, no work link
many([
    "Porto was amazing, drank way too much port on the river cruise 🍷 back to normal life now",
    "pub quiz at the Red Lion on Saturday night, we're all off that weekend, who's in?",
    "dry January anyone? I'm doing it for Mind this year",
    "wedding was brilliant, I have never drunk so much cava in my life 😂 (annual leave week, obviously)",
    "on holiday in Crete, ouzo for breakfast is a thing here apparently",
    "had a lovely bottle of red with the in-laws on my day off",
    "cocktail masterclass for my sister's hen do in Bath this weekend, I'm on leave till Weds 🍸",
    "gin tasting in York with my sister on our week off, highly recommend",
    "I'm off till Tuesday so tonight I'm drinking all the prosecco",
    "book club tonight: wine, cheese and a very long novel, no bleep for 3 days",
], NEG, "drinking off duty with no work link")

# ---- hard negatives: legitimate / disclosed promotion
many([
    "FREE teaching session on ABGs Thursday 1pm, seminar room 4, lunch provided 🥪",
    "free FRCA viva practice every Weds evening, run by the ST6s, just turn up",
    "disclosure: I'm paid by Pfizer as an occasional speaker. That said, the trial data are in the NEJM link below",
    "The teaching evening is sponsored by AstraZeneca (declared on the flyer); content is set by the dept not the company",
    "the BMA has a free junior doctor contract webinar tomorrow, link in the newsletter",
    "reminder that the hospital charity is doing a cake sale for the children's ward",
    "our deanery's free MRCP PACES mock is on the 14th, sign up on the portal",
    "Full disclosure - I wrote the revision book, so I'm biased, but the free chapter is on the uni library site",
    "staff discount at the canteen is 20% this week for NHS week",
    "Free online course on sepsis recognition from e-LfH, counts for CPD",
    "I'm running a 5k for the hospice next month, sponsorship page in my bio if anyone wants",
    "the simulation centre has free slots for anyone wanting to practise chest drains",
    "the BNF app is free with your NHS email, much quicker than the website",
    "declaring an interest: I'm on the advisory board of the app; happy to answer q's but make your own mind up",
    "journal club Friday - pizza sponsored by the medical school, not a company",
], NEG, "free or disclosed promotion without unverifiable claims")

# ---- hard negatives: polite disagreement
many([
    "@Dan I see it differently - I'd hold the apixaban until after the OGD. happy to discuss",
    "I'm not sure I agree with stopping the ACEi here, @Priya, given the proteinuria, but your call",
    "respectfully, I think the CTPA might be premature; Wells is only 2. what do others think?",
    "good point Tom, though I'd still get a gas before NIV",
    "@Raj I think we disagree on the fluid plan, can we chat after handover?",
    "I'd argue for a longer abx course but I can see why micro said 5 days",
    "interesting take @Kemi, I've always been taught the opposite, do you have the ref?",
    "not convinced about the new rota pattern tbh, but happy to give it a go",
    "I'd gently push back on that, the evidence for tight glucose control in ICU is mixed",
    "fair, we'll agree to disagree on whether to scan everyone with a headache 😅",
    "I think Dr Evans has a point about the discharge bottleneck, even if I'd fix it differently",
    "ok I was wrong about the K, thanks for correcting me @Chris",
    "We had different views at MDT but the consensus was surgery, which I'm fine with",
    "I'd have done it differently but it was a reasonable call at 3am",
    "@Nadia sorry, I think my message came across wrong earlier, didn't mean to sound critical",
], NEG, "polite disagreement with a colleague")

# ---- hard negatives: proper patient contact
many([
    "a patient's family sent a lovely thank-you card and chocolates to ward 10 😊",
    "we got a thank you letter from a former pt, posted on the staff noticeboard (no names)",
    "a pt emailed PALS to compliment the night team, made my week",
    "patient feedback from the friends & family test: 'the doctors really listened'",
    "remember pts should contact the ward via the ward phone, not our personal numbers",
    "a patient asked to add me on Facebook, I politely said no and explained why",
    "how do you handle pts who find you on social media? I just don't accept and mention it to my ES",
    "the renal pts' group asked for a talk on dialysis diets, I'll do it via the trust comms team",
    "a family brought in biscuits for the whole ED, they're in the staff room 🍪",
    "got a card from a discharged pt saying thanks for the care - going in my portfolio (anonymised)",
], NEG, "appropriate, non-identifying patient contact")

# ---- hard negatives: routine work without identifiers
many([
    "can someone cannulate bay 4 bed 1 please, I'm stuck in resus",
    "3 TTOs outstanding on ward 7, anyone free?",
    "any F1 free to help with bloods on AMU? 6 outstanding",
    "ward round starts 9 sharp tomorrow, the consultant wants obs charts up to date",
    "post-take list is on the board: 14 new pts overnight",
    "pharmacy say the warfarin clinic is closed over xmas",
    "is there a proforma for the falls assessment? can't find it on the intranet",
    "the blood gas machine on ward 4 is broken again, use ED's",
    "need a second signature for the CD check at 8",
    "bed manager says 5 discharges needed by noon for the ED breaches",
    "anyone know how to order a HIV test on the new EPR?",
    "ITU have 1 bed, they'll take the sickest from ED first",
    "the CT scanner is down for 2 hrs, rad reg says use the one in the main dept",
    "there's a fire drill at 2pm, don't panic when the alarm goes",
    "please don't leave sharps in the treatment room trays, there was a needlestick yesterday",
    "who's got the cardiac arrest bleep today?",
    "the LP needles are restocked in the treatment room",
    "all the bays on 6 are closed due to norovirus, no admissions",
    "discharge summaries need to be done before the pt leaves, not after 🙏",
    "new sepsis screening tool goes live Monday",
    "escalation policy says call the reg for NEWS >= 5",
    "the ward is at 104% occupancy and there are 22 in the ED waiting for beds",
    "handover at 20:00 in the seminar room, not the mess",
    "someone's left a stethoscope in resus 2, it's at the nurses' station",
    "OT are short staffed so the hip list is capped at 4 today",
], NEG, "routine ward logistics without identifiers")

# ---- hard negatives: general chat
many([
    "anyone know a good dentist near the hospital?",
    "coffee machine in the mess is fixed!!! ☕🎉",
    "just passed my driving test at 29, ask me anything",
    "rain again in Manchester, shocked",
    "who's watching the rugby on Saturday?",
    "recommendations for a good MSRA question bank? which one did you use",
    "the mess is getting a new sofa apparently, only took 3 years",
    "my cat knocked my ePortfolio laptop off the table, send help",
    "is it me or is the canteen shepherd's pie actually good today",
    "parking permits renewal is open, don't miss it like I did",
    "bored on a quiet night, anyone want to play wordle together",
    "just booked flights to Lisbon for my AL 🌞",
    "can anyone recommend a good book on medical leadership?",
    "the staff gym at the Royal is free now, go go go",
    "anyone got a spare charger? iPhone",
    "found a 4-leaf clover in the hospital garden 🍀 good omen for the FRCS",
    "fire alarm in the accommodation block AGAIN at 3am",
    "shout out to the porters tonight, absolute heroes",
    "anyone else's payslip wrong this month? missing the nights supplement",
    "just seen a fox in the staff car park 🦊",
], NEG, "general chat")

# ---- hard negatives: templated staff-role messages
_first = ["Priya", "Tom", "Kemi", "Hamish", "Siobhan", "Aleksandra", "Oluwaseun", "Rhys", "Mei", "Farah",
          "Callum", "Ngozi", "Eilidh", "Tariq", "Bronwen"]
_roles = [("Dr", "the med reg"), ("FY1", "on the wards"), ("FY2", "in ED"), ("Sister", "in charge on 9"),
          ("SpR", "on the surgical take"), ("CT1", "covering ITU"), ("Staff Nurse", "on bay B")]
_jobs = ["is happy to help with the cannulas", "has the bleep until 8", "is running the sim session",
         "is on the rota for Saturday", "is doing the falls teaching at 1", "is off sick, can anyone cover",
         "has swapped to nights this week", "says the ward round is starting late"]
_seen = set()
while len(_seen) < 30:
    f = rng.choice(_first)
    title, where = rng.choice(_roles)
    job = rng.choice(_jobs)
    form = rng.randint(0, 2)
    if form == 0:
        t = f"{title} {f} {where} {job}"
    elif form == 1:
        t = f"fyi {f} ({title}, {where}) {job}"
    else:
        t = f"{f} {job} - {title} {where} today"
    if t not in _seen:
        _seen.add(t)
        add(t, NEG, "staff first name with role")


# ---------------------------------------------------------------- output

def build() -> list[dict]:
    rows = list(ROWS)
    order = list(range(len(rows)))
    random.Random(SEED + 1).shuffle(order)
    out = []
    for n, i in enumerate(order, 1):
        text, cats, note = rows[i]
        out.append({
            "id": f"f{n:04d}",
            "text": text,
            "identifiable": D in cats or I in cats,
            "categories": cats,
            "note": note,
        })
    return out


def check(recs: list[dict]) -> list[str]:
    errs = []
    if len(recs) < 550:
        errs.append(f"only {len(recs)} messages")
    texts = [r["text"] for r in recs]
    if len(set(texts)) != len(texts):
        seen = set()
        for t in texts:
            if t in seen:
                errs.append(f"duplicate text: {t[:40]!r}")
            seen.add(t)
    if len({r["id"] for r in recs}) != len(recs):
        errs.append("duplicate ids")
    counts = {c: 0 for c in CATS}
    neg = 0
    for r in recs:
        cats = r["categories"]
        if cats != sorted(set(cats)) or any(c not in CATS for c in cats):
            errs.append(f"{r['id']}: bad categories {cats}")
        if r["identifiable"] != (D in cats or I in cats):
            errs.append(f"{r['id']}: identifiable disagrees")
        if not r["note"].strip():
            errs.append(f"{r['id']}: empty note")
        if not cats:
            neg += 1
        for c in cats:
            counts[c] += 1
    for c, n in counts.items():
        if n < 35:
            errs.append(f"{c}: only {n} positives")
    share = neg / len(recs)
    if share < 0.45:
        errs.append(f"negative share {share:.3f} < 0.45")
    alltext = "\n".join(re.sub(r"\D", "", t) for t in texts)
    for n in GENERATED_IDS:
        if not mod11_valid(n):
            errs.append(f"invalid generated id {n}")
        if n not in alltext:
            errs.append(f"generated id {n} missing from text")
    return errs


def summary(recs: list[dict]) -> str:
    counts = {c: 0 for c in CATS}
    for r in recs:
        for c in r["categories"]:
            counts[c] += 1
    neg = sum(1 for r in recs if not r["categories"])
    lines = [f"messages {len(recs)}", f"negatives {neg} ({100 * neg / len(recs):.1f} %)",
             f"identifiable {sum(r['identifiable'] for r in recs)}"]
    lines += [f"{c} {n}" for c, n in counts.items()]
    return "\n".join(lines)


def main() -> int:
    recs = build()
    errs = check(recs)
    for e in errs:
        print("check:", e, file=sys.stderr)
    print(summary(recs))
    if errs:
        return 1
    if "--check" not in sys.argv[1:]:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        with OUT.open("w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

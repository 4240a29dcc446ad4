#!/usr/bin/env python3
"""Generate data/eval/dev5.jsonl: held-out corpus by an independent author.

Deterministic (seeded). Written without reference to the engine, its rules,
its dictionaries or the other corpora. Persona: GP trainee / former nurse who
moderates a med-student Discord, a hospital department group chat and a
regional trainee Matrix space. Run: python3 scripts/gen_dev5_corpus.py
"""
import json
import os
import random

SEED = 5505
R = random.Random(SEED)

CATS = ["patient_direct", "patient_indirect", "discriminatory", "disrespect_patients",
        "intoxication", "advertising", "patient_contact_boundary", "colleague_conflict"]

# ---------------------------------------------------------------- identifiers

def _mod11(digits):
    s = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1)))
    c = 11 - (s % 11)
    if c == 11:
        c = 0
    return c

def _valid_tail(prefix_fn):
    while True:
        nine = prefix_fn()
        c = _mod11(nine)
        if c != 10:
            return nine + str(c)

def nhs_raw():
    return _valid_tail(lambda: str(R.choice(list(range(400, 500)) + list(range(600, 800)))) + "".join(R.choice("0123456789") for _ in range(6)))

def fmt10(d, style=None):
    style = style if style is not None else R.choice(["sp", "sp", "none", "dash"])
    if style == "sp":
        return f"{d[:3]} {d[3:6]} {d[6:]}"
    if style == "dash":
        return f"{d[:3]}-{d[3:6]}-{d[6:]}"
    return d

def nhs():
    return fmt10(nhs_raw())

def hc():
    return fmt10(_valid_tail(lambda: str(R.randint(320000001, 399999999))))

def chi():
    while True:
        dd, mm, yy = R.randint(1, 28), R.randint(1, 12), R.randint(0, 99)
        body = f"{dd:02d}{mm:02d}{yy:02d}" + f"{R.randint(0, 99):02d}" + str(R.randint(0, 9))
        c = _mod11(body)
        if c != 10:
            d = body + str(c)
            return R.choice([d, f"{d[:6]} {d[6:]}", f"{d[:6]}-{d[6:]}"])

def mrn():
    return R.choice([
        lambda: R.choice("KRMTGJ") + "".join(R.choice("0123456789") for _ in range(7)),
        lambda: R.choice(["RX", "MK", "HN", "BH", "NW"]) + str(R.randint(100000, 9999999)),
        lambda: str(R.randint(1000000, 9999999)),
        lambda: "A" + str(R.randint(100000, 999999)) + R.choice("ABCDEFGHJK"),
    ])()

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_L = ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"]

def dob(kind="adult"):
    y = R.randint(1931, 1999) if kind == "adult" else R.randint(2012, 2025)
    m, d = R.randint(1, 12), R.randint(1, 28)
    return R.choice([
        f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y % 100:02d}", f"{d:02d}-{m:02d}-{y % 100:02d}",
        f"{d} {MONTHS[m-1]} {y}", f"{d}th {MONTHS_L[m-1]} {y}", f"{y}-{m:02d}-{d:02d}",
        f"{d}/{m}/{y % 100:02d}",
    ])

def rota_date():
    m, d = R.randint(1, 12), R.randint(1, 28)
    return R.choice([f"{d:02d}/{m:02d}/2026", f"{d}.{m}.26", f"{d} {MONTHS[m-1]}", f"{d}th {MONTHS_L[m-1]}",
                     f"2026-{m:02d}-{d:02d}"])

POSTCODES = ["G51 4TF", "EH11 2PQ", "CF14 4XW", "BT9 7AB", "LS6 3HE", "M14 5RT", "NE4 6BE",
             "B15 2TH", "SA2 8PP", "AB25 1LD", "DD2 1UB", "BT47 6SB", "LL57 2PW", "PL6 8DH",
             "S10 2JF", "L7 8XP", "NR4 7UY", "EX2 5DW", "IV2 3UJ", "KY2 5AH", "BS10 5NB",
             "CB2 0QQ", "OX3 9DU", "TR1 3LJ", "LA1 4RP", "HU3 2JZ", "BD9 6RJ", "DG1 4AP"]

def mobile():
    return R.choice([f"07{R.randint(100, 999)} {R.randint(100000, 999999)}",
                     f"07{R.randint(100000000, 999999999)}",
                     f"+44 7{R.randint(100, 999)} {R.randint(100, 999)} {R.randint(100, 999)}"])

def landline():
    return R.choice([f"0141 {R.randint(200, 999)} {R.randint(1000, 9999)}",
                     f"029 20{R.randint(10, 99)} {R.randint(1000, 9999)}",
                     f"028 90{R.randint(10, 99)} {R.randint(1000, 9999)}",
                     f"0113 {R.randint(200, 999)} {R.randint(1000, 9999)}",
                     f"01248 {R.randint(100000, 999999)}"])

STREETS = ["Maple Crescent", "Heol y Nant", "Dumbarton Road", "Ormeau Park", "Victoria Terrace",
           "Cherry Tree Close", "Glebe Street", "Ffordd Las", "Lisburn Road", "Station Row",
           "Burnside Avenue", "Kingsway Court", "Bryn Road", "Castle View", "Mill Lane"]

def addr():
    return f"{R.randint(2, 140)} {R.choice(STREETS)}"

FIRST = ["Margaret", "Agnes", "Derek", "Siobhan", "Gareth", "Bronwen", "Kayleigh", "Tyler",
         "Priya", "Mohammed", "Aisha", "Oluwaseun", "Wojciech", "Krystyna", "Farida", "Eilidh",
         "Callum", "Rhys", "Ceri", "Dylan", "Niamh", "Ciaran", "Jadeen", "Bilal", "Shabnam",
         "Tomasz", "Ruth", "Ivy", "Stanley", "Winifred", "Hamish", "Morag", "Declan", "Gwen",
         "Mei", "Thanh", "Chidi", "Ngozi", "Yusuf", "Alfie", "Poppy", "Harper", "Kacper", "Lowri"]
SUR = ["McAllister", "Jones", "Pritchard", "O'Neill", "Begum", "Okafor", "Nowak", "Campbell",
       "Evans", "Hughes", "Fraser", "Patel", "Hussain", "McLaughlin", "Ferguson", "Adeyemi",
       "Kowalski", "Nguyen", "Doherty", "Llewellyn", "Sutherland", "Ahmed", "Gallagher", "Rees",
       "Morrison", "Chaudhry", "Quinn", "Mensah", "Watkins", "Kerr"]

def first():
    return R.choice(FIRST)

def sur():
    return R.choice(SUR)

STAFF = ["Dr Okonjo", "Sister Blackwood", "Dr Rahman (cons)", "Gemma the ward pharmacist",
         "Dr Iqbal", "Charge Nurse MacLeod", "Dr Hywel Price", "Dr Shona Munro", "the ANP Marie",
         "Mr Davies (surg reg)", "Dr Ferreira", "Dr Aoife Brennan", "Sr Thomas", "physio Kirsty",
         "Dr Mahmood", "Prof Lindqvist", "Dr Catrin Owen", "our practice manager Debbie"]

def staff():
    return R.choice(STAFF)

MEMBERS = ["@jess_fy1", "@rory.m", "@priya_st2", "@dai_gpst", "@ciara-ni", "@tomwrites",
           "@hannah_b", "@olu", "@kieran_ct1", "@sam_pharm", "@meg_physio", "@fionn"]

def mem():
    return R.choice(MEMBERS)

WARDS = ["Ward 7", "AMU", "Ward 3B", "Cedar ward", "ward 22", "SAU", "the stroke unit",
         "CDU", "HDU", "Ward 10 (care of elderly)", "resus", "majors", "paeds ED", "labour ward"]

def ward():
    return R.choice(WARDS)

def bed():
    return f"bed {R.randint(1, 32)}"

def bleep():
    return str(R.choice([R.randint(100, 999), R.randint(1000, 9999), R.randint(10000, 99999)]))

def ext():
    return str(R.randint(2000, 7999))

def age():
    return str(R.randint(19, 97))

FILL = {
    "nhs": nhs, "chi": chi, "hc": hc, "mrn": mrn, "dob": dob, "kdob": lambda: dob("child"),
    "pc": lambda: R.choice(POSTCODES), "mob": mobile, "land": landline, "addr": addr,
    "first": first, "sur": sur, "staff": staff, "mem": mem, "ward": ward, "bed": bed,
    "bleep": bleep, "ext": ext, "age": age, "date": rota_date,
    "email": lambda: f"{first().lower()}.{sur().lower().replace(chr(39), '')}{R.randint(1, 99)}@{R.choice(['gmail.com', 'hotmail.co.uk', 'outlook.com', 'icloud.com', 'btinternet.com'])}",
    "num": lambda: str(R.randint(2, 9)),
    "pnhs": lambda: fmt10(_valid_tail(lambda: str(R.randint(900, 999)) + "".join(R.choice("0123456789") for _ in range(6)))),
    "ordno": lambda: fmt10(_valid_tail(lambda: str(R.randint(100, 399)) + "".join(R.choice("0123456789") for _ in range(6))), "none"),
}

def fill(t):
    out = t
    for k, fn in FILL.items():
        tok = "{" + k + "}"
        while tok in out:
            out = out.replace(tok, fn(), 1)
    return out

# ------------------------------------------------------------------ messages
# (categories, note, [templates]); {slots} are filled by FILL above.
PD = ["patient_direct"]
PI = ["patient_indirect"]
DI = ["discriminatory"]
DR = ["disrespect_patients"]
IX = ["intoxication"]
AD = ["advertising"]
PC = ["patient_contact_boundary"]
CC = ["colleague_conflict"]

ITEMS = [
 (PD, "NHS number with patient cue", [
  "can someone chase the CT for the pt in {bed}, NHS no {nhs}, radiology say they cant find the request",
  "NHS {nhs} - bloods from this morning haemolysed again, who's bleeding her",
  "pt's nhs number is {nhs} if anyone on nights can check whether the echo got booked",
  "forwarded: 'Re: {nhs} - please amend discharge letter, wrong GP practice listed'",
  "> who was the referral for\n{nhs}, the chap with the leg ulcer DN team saw monday",
  "gp here, pharmacy query on NHS number {nhs} re: his methotrexate being dispensed daily instead of weekly 😬",
 ]),
 (PD, "CHI number with patient cue", [
  "CHI {chi} needs a repeat INR before the locum leaves, can somebody in the health centre grab it",
  "anyone on at the RAH tonight? pt CHI {chi} coming up from the care home with ?sepsis",
  "the CHI is {chi} for the wee boy in paeds with the fractured wrist, ortho want the xrays sent over",
  "chi no {chi} - district nurses need the updated DNACPR before friday pls",
 ]),
 (PD, "NI H&C number with patient cue", [
  "H&C {hc} - the Ulster want his old discharge summary, who has access to NIECR on the unit",
  "pt H&C number {hc}, came in via NIAS overnight, can someone on the AMU at Altnagelvin pick up",
  "health and care no {hc} for the lady on the stroke unit, SALT asking",
 ]),
 (PD, "hospital number / MRN", [
  "hosp no {mrn} needs a cannula, 3 failed attempts, anyone free on {ward}",
  "MRN {mrn} - the CT head result is back, please can the F1 on nights look",
  "unit no {mrn}, post-op day 2, physio says not safe to go home yet",
  "can someone sign the TTO for {mrn} in {bed}, pharmacy closing at 5",
  "K number is {mrn} — same lady as last week, re-admitted with the same UTI",
 ]),
 (PD, "date of birth with clinical context", [
  "lady in {bed}, dob {dob}, needs her warfarin dose written up tonight",
  "pt DOB {dob}, LFTs deranged, surgeons think gallstones. who's on for surgery?",
  "new admission d.o.b. {dob}, known COPD, on home O2. sats 84% on arrival",
  "born {dob}, on our list for the falls clinic, his daughter keeps ringing reception",
  "the baby in NNU, dob {kdob}, mum asking for an update on feeds — who's covering neonates",
  "Can the GP who saw the patient born {dob} this morning please call the lab about the potassium",
 ]),
 (PD, "home address of patient", [
  "home visit after clinic to {addr}, {pc} — lives alone, ?UTI, can someone from DN team meet me there",
  "ambulance still waiting outside {addr}, the man's been on the floor since 4am",
  "lady at {addr} has refused the district nurse twice now, safeguarding referral done",
  "his address is {addr} {pc} if the community mental health team want to do a welfare check",
  "the patient lives at {addr}, the flat above the chippy, ring the bell twice",
 ]),
 (PD, "patient postcode", [
  "our pt from {pc} is back in resus again, 3rd time this month, ?alcohol withdrawal",
  "the care home resident (postcode {pc}) needs a DoLS renewal, who did the last one",
 ]),
 (PD, "patient phone number", [
  "pt's mobile is {mob}, can whoever's on the phone triage list call her back about her smear result",
  "patient's son gave his number {mob} — please ring him when his dad is on the ward",
  "can you ring mrs {sur} on {land} to tell her the biopsy results, I'm in clinic all afternoon",
  "his number is {mob}, he keeps missing the diabetic eye screening letters",
 ]),
 (PD, "patient email", [
  "patient emailed the practice from {email} asking for her full records, who deals with SARs",
  "his email is {email} if you want to send him the physio exercises directly",
 ]),
 (PD, "patient named in clinical context", [
  "Mrs {sur} in {bed} has pulled her cannula out again, can someone resite before the IV abx are due",
  "{first} {sur} on {ward} is for EOL care now, family coming in tonight",
  "mr {sur}'s troponin came back 340. cardiology aware?",
  "anyone know if {first} {sur} went for her MRI yet? she's still in CDU",
  "just reviewed {first} {sur} in the acute assessment unit - DKA, pH 7.1, started FRIII",
  "{first} in {bed} is asking for you again lol, she says you're her favourite doctor",
  "the wee girl {first} in paeds has chickenpox, keep her away from the onc kids",
  "baby {sur} born at 02:14 via EMCS, APGARs 3 and 7, on NNU now",
  "{first} {sur}'s husband is kicking off at the nurses station again about parking",
  "pt called {first} {sur} came in overnight with an overdose of paracetamol, NAC started 23:00",
  "Mr {first} {sur}, 67, ?cauda equina, MRI tonight, neurosurgery at the QE aware",
  "did anyone see mrs {sur} from the care home? she's been scratching her legs raw",
  "{first} {sur} - bipolar, on lithium, level 1.6 this am, psych liaison aware",
  "dad of {first} {sur} (the 3yo with the croup) wants to talk to a consultant",
  "ok so mr {sur} in the side room finally passed urine!!! 🎉 catheter out tomorrow",
  "Lowri {sur} in the antenatal clinic this morning, 32/40, BP 160/105 - sent to triage",
  "mrs {sur}'s daughter rang again, says nobody told her mum had a fall on the ward",
  "reviewed {first} {sur}'s CXR, right lower lobe consolidation. amox + clari",
  "home visit to old mr {sur} today, his legs are much better since the compression",
  "{first} {sur} (my patient from the substance misuse clinic) has missed 3 pick-ups of his methadone",
  "fyi mrs {sur} at the practice has asked to only see female doctors",
  "mohammed {sur} in bay 4 needs an interpreter for the consent, Urdu",
  "{first} {sur} from the learning disability home is being admitted again with aspiration pneumonia",
  "can someone review wojciech in bay 2, his NEWS is 7 now",
  "tell the GP that {first} {sur} has been discharged with a new AF diagnosis, apixaban started",
 ]),
 (PD, "photo of patient / notes / wristband / bed board", [
  "[photo] the bed board on AMU this morning, what a state. can't believe how many outliers",
  "sending a pic of her wristband so you can check the name matches the request form [IMG_4421.jpg]",
  "here's the xray with his name on, can someone tell me if this is a scaphoid # [image]",
  "photo of the obs chart attached (sorry the name's showing) - is this NEWS 5 or 6?",
  "snapped the handover sheet so nights have it 📸 [image attached]",
  "pic of the drug chart, can pharmacy check the gent dose - patient details at the top [image.png]",
 ]),
 (PD, "relative named in clinical context", [
  "the patient's wife, {first} {sur}, is the LPA for health and welfare — copy in the consent form",
  "son is called {first}, he's on {mob}, wants updates daily about his mum on {ward}",
 ]),
]
ITEMS += [
 (PI, "place + time + distinctive detail", [
  "the Portree lifeboat coxswain came in to Raigmore last night with a massive MI, he's in CCU now",
  "guess who we had in A&E in Enniskillen on saturday — the GAA county captain, ruptured achilles",
  "we've got the local MP in a side room on the cardiology ward at the moment, keep it quiet lol",
  "the headteacher from the primary school in Llanberis was admitted yesterday with a stroke, so sad",
  "only 2 families on Eday and one of them's kid came in with meningitis this week",
  "that footballer from the Championship club who got injured on telly saturday is in our fracture clinic monday",
  "the woman who was in the news for the Loch Lomond boat accident is on our HDU, still intubated",
  "the only vicar in our village has just been diagnosed with early onset dementia, saw him in surgery today",
  "we had the 17yo from the Ballymena school bus crash on Thursday in resus, GCS 6",
  "the 94 year old who ran the corner shop on Crwys Road for 50 years died on our ward last night",
  "the pregnant prison officer from HMP Barlinnie delivered twins on labour ward this morning",
  "one of our own ED nurses is an inpatient on ward 5 after an overdose, please be kind to her",
  "the consultant's wife was admitted to Gynae last night, apparently an ectopic",
  "Had the lead singer from that Welsh band that played the Eisteddfod in on Friday with an anaphylaxis",
  "the wee lad from the travelling community site near Dumfries with the Kawasaki's is back in",
  "patient with acromegaly, 2m tall, works at the Tesco in Bangor - every time I shop I see him there",
  "our practice's only patient with Huntington's has just moved into the care home on the high street",
  "the local tattooist in Stornoway has come in with hep C, he's done half the island",
  "the air ambulance brought in a 40s farmer from Brecon yesterday, crushed by his quad bike",
  "the retired judge who lives on the Malone Road was admitted with confusion, he's been shouting at the HCAs",
  "the guy who won the lottery in Cumbernauld last month is in with pancreatitis 😂",
  "the 12 yo from the primary school fire in Merthyr last Tuesday is in the burns unit at Morriston",
  "the deputy head of our kids' school is on my dementia memory clinic list next week, awkward",
  "a trainee from our own rota was brought into resus last night after a crash on the A9",
  "the pharmacist from the Boots on the high street is on our ward with a DVT",
  "so the Olympic rower from Henley is on our orthopaedics list tomorrow",
  "one of the priests from St Mary's came to A&E with an STI, shocked",
  "the only Polish family on the estate, their youngest is in PICU with sepsis",
  "a GP partner from the practice across town is on the psych ward, section 2",
  "I saw the woman from the Great British Bake Off in antenatal clinic today, she's expecting!!",
  "the RNLI volunteer rescued off Tenby on monday is in our ITU, hypothermic",
 ]),
]
ITEMS += [
 (DI, "discriminatory language about a group", [
  "women reg's are always too emotional for surgery, fact",
  "can't understand a word the foreign doctors say, they should send them all back",
  "the gyppos have nicked the wheelchairs again",
  "autistics shouldn't be allowed in medical school, they can't do communication stations",
  "IMGs are ruining the NHS, can't even speak proper English",
  "bloody Welsh speakers, why should we print leaflets in that dead language",
  "disabled students are just a drain on the deanery, reasonable adjustments my arse",
  "Romanian carers in these homes don't give a shit about the residents",
  "chinky takeaway for the night shift again? 🍜",
  "fenian rats the lot of them up on the estate",
  "the Catholics in this trust look after their own, that's why he got the job",
  "dont give the job to a woman, she'll just go on mat leave",
  "pregnant doctors shouldn't be on the on-call rota, they're useless",
  "Scots are too tight to pay for prescriptions anyway, that's why it's free up there 🙄",
 ]),
 (DI + DR, "slur/stereotype about a group of patients",  [
  "honestly the pikeys from the site always kick off in A&E, every single time",
  "another load of eastern europeans turning up for free healthcare, we're a charity now",
  "why are the Muslim patients always the ones complaining about the food",
  "the trannies on the gender clinic list are just attention seekers tbh",
  "typical pakis, 15 relatives at the bedside",
  "gays and their chemsex, no wonder the GUM clinic is rammed",
  "fat people should pay for their own knee replacements tbh",
  "old people are bed blockers, the lot of them",
  "the Irish are all drunks, that's why the liver clinic is full in Derry",
  "black patients have a higher pain threshold anyway so don't bother with the morphine",
  "the Africans on the ward all smell, sorry but it's true",
  "Jews always want the most expensive treatment",
  "asians are always so dramatic about pain, 10/10 for a stubbed toe",
  "bunch of retards on the LD ward today",
  "why do lesbians always come to the smear clinic with their 'partner'",
  "the sheep shaggers from up the valleys are in again",
  "schizos shouldn't be allowed to have kids",
 ]),
 (DR, "derogatory talk about patients (not identifying)", [
  "frequent flyers are out in force tonight, the usual waste of an ambulance",
  "bay 3 is full of crumblies, all gomers, it's like God's waiting room",
  "another heartsink in my 10 minute slot, 6 problems and a list",
  "some idiot came in with a splinter at 3am, honestly what is wrong with people",
  "had a right whinger in clinic today, moaned for 20 minutes about the car park",
  "the dementia lot on ward 10 are like toddlers, screaming all night",
  "my list today: 3 drunks, 2 druggies and a time waster. living the dream",
  "if one more anxious mum brings in a feverish kid who's running round the waiting room I'll scream",
  "the obese ones never listen, why do we bother",
  "these junkies just want their script, they're not actually ill",
  "god the people in this postcode are feral",
  "another FLK in paeds, the whole family has the look",
  "pts who self-discharge deserve what they get tbh",
  "attention seeker in cubicle 4 with pseudo-seizures again, let her flap",
  "the chronic pain brigade are out, all wanting oramorph",
  "gotta love the entitled parents who google everything and tell me how to do my job 🙄",
  "honestly the anorexics are so manipulative, can't stand the eating disorder ward",
  "old biddy on the ward keeps pressing her buzzer for a cuppa, like it's a hotel",
  "overdose #3 this week, just let them get on with it at this point",
  "smelly tramp in majors, the whole department stinks now",
  "all the drunks in resus tonight can wait, they did it to themselves",
  "had a classic 'I've got a high pain threshold' 10/10 wimp this morning lmao",
  "why are pts in the Valleys so thick, explained it 3 times",
  "thanks to the idiot who thought an 8 day cough needed an ambulance",
  "care home sent in another vegetable with a UTI",
  "another self harmer in the waiting room, wasting everyone's time",
  "patients with personality disorders are just a pain in the arse honestly",
 ]),
 (PD + DR, "patient directly identified (name, number or photo) and mocked", [
  "mrs {sur} in {bed} is a proper nightmare, screaming the place down for a biscuit, I hope she goes to the nursing home soon",
  "{first} {sur} is back AGAIN, the most annoying frequent flyer in the whole of Wales",
  "[video] patient in resus singing karaoke on ketamine lmaooo 😂",
  "[photo] look at the size of this guy's belly, couldn't get the ultrasound probe near his gallbladder 🐷",
  "mr {sur} in the side room is a total waste of a bed, just a lazy drunk",
  "nhs {nhs} - this one is a time waster, 5 attendances with 'chest pain', nothing ever wrong",
 ]),
 (PI + DR, "identifiable gossip with mockery", [
  "the fat bloke who runs the butchers in Crieff is in with his gout again, serves him right 😂",
  "the mayor of Portadown's idiot son was in resus again after a fight outside the Bridge bar last night",
 ]),
]
ITEMS += [
 (IX, "clinician drunk or drinking at/around work", [
  "still absolutely hammered from last night and I'm on the post-take ward round in 20 mins 🥴",
  "had 3 pints at lunch, the afternoon clinic is going to be interesting",
  "who's got the vodka for the night shift, it's tradition on christmas eve",
  "honestly can't remember the handover, think I'm still a bit drunk from the mess party",
  "prosecco in the staff room before the 2pm theatre list, don't tell the consultant 🥂",
  "I'm on call from home tonight and I'm 2 bottles of wine down, pray nobody rings",
  "just did a home visit still smelling of last night's gin, think the patient noticed",
  "smuggled a few cans into the on call room, night shift sorted 🍺",
  "who else came in to work still pissed this morning after the leaving do? 🙋",
  "the reg on nights was definitely slurring when he reviewed my patient, he'd been at the pub",
  "hair of the dog before the 8am clinic, only way to survive",
  "had a cheeky double whisky before my FY1 induction, nerves",
  "doing the drug round after a boozy lunch, wish me luck 😂",
  "locum shift tonight, had 4 G&Ts at the wedding first, it's fine, it's only minors",
  "mulled wine on the ward at handover 🎄 don't tell the matron",
  "I'm on call and absolutely steaming, if you need me for a cannula, no chance",
  "we did shots in the doctors' mess at 6pm then I did the 8pm ward cover lol",
  "still drunk driving in for the early, windows down to sober up 🚗",
  "pre-drinks in the on-call room before we finish at 9, just need to get through the last bleep",
  "sent home from theatre for smelling of booze, great start to the week",
  "brought a bottle of rum in for the night team, cheers everyone 🏴‍☠️",
  "am i allowed to drink on a non-resident on call? because I already have, quite a lot",
  "Had a can on the walk between GP home visits, it's been that kind of day",
  "beer o'clock in the sluice room, hide it from the ward sister 🍻",
  "rolled into the labour ward shift after 8 jägerbombs, baby delivered fine though 🤷",
  "did the community rounds on the island still half cut from the ceilidh",
  "a wee dram before the night shift, keeps you warm on the ward",
  "hungover doesn't cover it, I was still drinking at 5am and I'm on the 8am ward round",
  "no one noticed I had a bottle of wine in my locker and drank it on my break 🍷",
  "our SHO was found asleep in the mess, stinking of whisky, mid-shift",
  "went straight from the pub to my on-call shift, figured I'd be fine by the time it got busy",
 ]),
 (AD, "promotion with unverifiable claims or undisclosed interest", [
  "guys my aunt sells these CBD gummies that cure anxiety AND insomnia, honestly better than sertraline, DM me for a code",
  "if anyone wants to make £5k a month from home DM me, it's this amazing health drinks business and it's changed my life 💰",
  "this detox tea literally cleans your liver, patients should try it instead of statins tbh. link in bio",
  "book your Botox with me at my clinic, 100% safe, no side effects, NHS staff 20% off 💉",
  "the new collagen supplement I've been taking reverses ageing, clinically proven, use my link for a discount",
  "I've been telling all my diabetic patients about this cinnamon supplement, it cures type 2, affiliate link below",
  "guaranteed pass in PLAB 2 with my course or your money back!! limited spots",
  "forwarded: 'Doctors hate this ONE trick to cure back pain forever' - it's my mate's app, pls download",
  "selling my brand's essential oils, the lavender one cures migraine and shingles pain, bulk order discount",
  "anyone want IV vitamin drips at my private clinic? boosts immunity 300%, can fit you in saturday",
  "just launched my online MSRA course, 98% of students pass first time, use code CHAT50",
  "this magnetic bracelet cured my carpal tunnel, I'm a rep now, ask me for one 😊",
  "psst, come to my weight loss clinic, semaglutide shots without the NHS faff, no questions asked",
  "my new skincare line is better than any dermatologist prescription, pre-orders open",
  "I'm selling the best anatomy flashcards out there, guaranteed to get you top decile, only £99",
  "recommend the Zenvita supplement to anyone with fatigue, works better than iron tablets (full disclosure: i don't have any link with them 😉)",
  "get your homeopathic flu prevention kits here, works better than the vaccine",
  "selling my revision notes for £200, they're the reason I got 1st in the year, guaranteed results",
  "my partner's private physio clinic does 1 session miracle cures for sciatica, tell your patients",
  "this nootropic stack got me through nights without sleep, buy through my referral code",
  "earn passive income while studying, just need to recruit 3 others, ask me how 📈",
  "join my team selling these gut health shakes, they reverse IBS in 7 days 🔥",
  "the laser clinic I work at does fat reduction with zero risk, mention my name for a discount",
  "tell your patients about this hydrogen water, it's anti-cancer, I can get them a deal",
  "ayurvedic kidney detox - my family business - cured my uncle's CKD, message me",
  "new CPD app, only app recognised by the GMC 🙌 (I built it), sign up here",
  "forget NICE, my colloidal silver spray kills every virus, 10% off for this group",
  "lip filler party at mine saturday, I'm doing the injecting, £80 a syringe 💋",
  "Amazing keto pills, lost 2 stone in 2 weeks, perfect for your patients with obesity, DM for link",
  "anyone recommending the Flexicure knee brace - honestly the best on the market, clinically proven (I get commission lol)",
 ]),
]
ITEMS += [
 (PC, "contacting/friending/dating a patient or former patient online", [
  "the fit guy I cannulated on AMU last week just accepted my friend request 😍",
  "found the hot dad from paeds clinic on insta, slid into his DMs, wish me luck",
  "matched with a former patient on Hinge lol, should I go for it? he was discharged months ago",
  "I added my patient from the GP surgery on Facebook so I could check how she's doing after the surgery",
  "messaged the lad from the fracture clinic on snapchat, he's so funny",
  "my old patient from the psych ward keeps DMing me on twitter and I've been replying, it's fine right?",
  "I followed the woman I delivered last week on Instagram, her baby's so cute",
  "going on a date with the guy I treated in A&E for his shoulder dislocation, he found me on Tinder 😳",
  "I sent a friend request to the lady from the district nursing round, she's lovely, wanted to keep in touch",
  "added my favourite patient from the dialysis unit on whatsapp so we can chat",
  "the man I saw in GP clinic for the back pain slid into my DMs and I said yes to drinks 🍸",
  "looked up the patient I consented for the hernia repair and dropped him a message on LinkedIn, he's a recruiter",
  "dating someone I met on the ward as a patient, we got together after he was discharged, it's fine isn't it",
  "swiped right on a guy I did a smear on yesterday 🙈 we matched",
  "DMd the mum from the neonatal unit on FB to see how the baby's getting on",
  "a teenage patient from paeds added me on snap and I accepted, didn't want to be rude",
  "i went for coffee with a patient I met on the respiratory ward, we follow each other now on insta",
  "following the boy from the orthopaedic ward on tiktok, he posted about his surgery and tagged me",
  "I've been sending memes to one of my regulars from the methadone clinic on whatsapp",
  "gave my personal number to the patient from minors so we can meet up after my shift",
  "the lass I saw at the sexual health clinic is on Bumble, sent her a like 😏",
  "messaged an ex-patient from my psych placement on Facebook asking how she's doing",
  "added the guy from bay 6 on linkedin before he went home, he works at a consultancy i want to join",
  "told the patient in cubicle 2 to look me up on instagram, he's gorgeous",
  "my physio patient invited me to his birthday party on FB, I'm going",
  "anyone else accept friend requests from former patients? I've got like 4 on my facebook now",
  "asked the patient from the fertility clinic out on a date after her appointment 👀",
  "I DMed a student I treated at the uni health centre to ask her out",
  "I looked up my ex-patient on Facebook and sent him a message to check in, he was lovely",
 ]),
 (CC, "public argument, insult or bullying aimed at an identifiable colleague", [
  "@jess_fy1 you're a useless fucking FY1, do your own jobs",
  "Dr Okonjo is an absolute incompetent, how he ever passed his MRCP I'll never know",
  "{mem} stop posting your shit opinions in this channel, nobody cares",
  "sister blackwood is a power-tripping dinosaur who should have retired years ago",
  "the new reg on ward 12, Dr Mahmood, is thick as mince, wouldn't trust him with a cannula",
  "> I think we should escalate\n@rory.m nobody asked you, you're an F1, shut up",
  "Gemma the ward pharmacist is the laziest person I've ever worked with, again ignoring my queries",
  "our GP partner Dr Price is a bully and a misogynist, everyone knows it",
  "@priya_st2 you are so far up the consultant's arse it's embarrassing",
  "the ANP Marie thinks she's a doctor, someone tell her to stay in her lane",
  "can everyone stop listening to @dai_gpst, he clearly hasn't read a guideline since med school",
  "Dr Iqbal screamed at me in front of patients today and I'm done. he is a vile man",
  "{mem} is the reason the rota is a shambles. absolute clown",
  "Mr Davies the surg reg should be struck off, he's a danger and a prick",
  "that physio Kirsty is so bloody rude to the HCAs, someone needs to put her in her place",
  "Charge Nurse MacLeod is a total waste of space, lets the ward fall apart every night",
  "@ciara-ni your handover was shite and it nearly killed someone. learn to write",
  "the new consultant Dr Ferreira can't even do a lumbar puncture, embarrassing",
  "Dr Brennan hangs her juniors out to dry every time, typical snake",
  "@hannah_b grow up and stop crying every time someone gives you feedback",
  "Prof Lindqvist is an arrogant dinosaur who thinks med students are his slaves",
  "@olu you're a joke, you've been an F2 for 3 years, pass your exams already",
  "Dr Owen's clinic letters are illiterate rubbish, I'm not cleaning them up again",
  "{mem} keep your mouth shut in MDT next time, nobody wants your opinion",
  "Sr Thomas bullies every new nurse on the unit, she's a nasty piece of work",
  "our practice manager Debbie is a useless jobsworth, she gave my slot away AGAIN",
  "@kieran_ct1 what a pathetic referral, did you even examine the patient? idiot",
  "Dr Munro is the worst trainer in the deanery and everyone should avoid her practice",
  "the locum on nights, Dr Hywel Price, is a lazy waster, left 30 jobs",
  "@sam_pharm stop being such a smartarse about my prescribing, you're not a doctor",
  "@meg_physio do your job and stop whinging about the doctors",
 ]),
]
ITEMS += [
 (PC + PD, "named patient contacted online", [
  "sent {first} {sur} from {bed} a friend request last night, she accepted 😊 she's so sweet",
  "I've been messaging {first} from the diabetes clinic on insta, his HbA1c is way better and he sends me pics of his meals",
 ]),
 (PC + PI, "identifiable patient contacted online", [
  "the guy who presents the weather on BBC Wales was in my clinic and we've been DMing since 👀",
 ]),
 (PC, "more contact boundary", [
  "my patient from the GP surgery wanted to go for a drink so I messaged her on whatsapp to arrange it",
  "sent a follow request to the girl from the eating disorder unit when she was discharged, just to keep an eye on her",
  "swiped on Tinder and it was the guy whose ingrown toenail I removed at the practice lol, we're chatting",
 ]),
 (IX + PD, "drunk clinician and named patient", [
  "wine at lunch then had to consent mrs {sur} in {bed} for her hip, hope she didn't smell it 😬",
 ]),
 (IX + CC, "drunk at work and insulting colleague", [
  "@kieran_ct1 you were steaming on the night shift and left me with everything, you absolute liability",
 ]),
 (CC + PD, "colleague insulted with patient named", [
  "Dr Iqbal totally messed up {first} {sur}'s discharge, the man's a clown and I'm done covering for him",
 ]),
 (DI + CC, "slur aimed at identifiable colleague", [
  "@olu go back to Lagos if you can't hack the rota mate",
  "our new F1 with the hijab is useless, typical of them, can't even take bloods",
 ]),
 (DI, "more discriminatory", [
  "that's so gay, they've moved the teaching to 7am",
  "no offence but the Scousers are all benefit scroungers, obviously",
  "old women GPs shouldn't be partners, they're always off for menopause stuff",
 ]),
 (PI, "more indirect", [
  "saw my neighbour's teenage daughter in the early pregnancy unit today, her mum definitely doesn't know",
  "the goalkeeper for Cliftonville was in fracture clinic this morning, broken metacarpal - out for the season I reckon",
  "our practice only has one patient on the island with MND, he's been refusing the PEG",
  "the woman who got stabbed outside the Spar in Abergele on sunday is on our ward now",
 ]),
 (AD, "more advertising", [
  "I do private 'consultations' on my instagram for £30 - quick diagnosis, no waiting list, skin, hair, weight, anything 💅",
 ]),
]
N = []
ITEMS += [
 (N, "staff names with roles / members talking", [
  "Dr Okonjo is covering the AMU take tonight, bleep {bleep} if you need a senior",
  "Sister Blackwood says the ward is closed to admissions until the norovirus clears",
  "{mem} thanks for swapping the weekend, I owe you a coffee ☕",
  "ask Gemma the ward pharmacist, she's on ext {ext} till 5",
  "Dr Rahman (cons) wants everyone at the M&M meeting thursday 1pm, lunch provided",
  "Charge Nurse MacLeod has the keys for the CD cupboard, he's in the office",
  "shout out to Dr Catrin Owen who taught the best ABG session I've had all year 🙌",
  "@rory.m are you doing the teaching or am I? can't remember what we agreed",
  "{mem} congrats on passing MRCGP AKT!! 🎉🎉",
  "Mr Davies (surg reg) says he'll see the referral after theatre, about 6ish",
  "Dr Aoife Brennan is our new TPD for the Belfast scheme, she seems lovely",
  "Prof Lindqvist's lecture on renal physiology is at 9 in the Boyd Orr lecture theatre",
  "our practice manager Debbie needs everyone's annual leave requests by Friday",
  "physio Kirsty is doing the falls teaching for the HCAs on ward 6 tomorrow",
  "Sr Thomas retiring after 38 years on the unit, collection in the staff room 💐",
  "Dr Shona Munro is my ES, she signed off my ARCP form this morning, phew",
  "Hi all, I'm Hannah, new FY2 in ED at the Royal Gwent, say hi if you see me!",
  "does anyone know Dr Ferreira's secretary's number? need to rearrange a clinic",
  "@priya_st2 yes I'll cover your on call on the {date}, no worries",
  "Dr Mahmood is the named consultant for the stroke thrombolysis rota this week",
  "the ANP Marie is running minor injuries on saturday, so paeds go to her",
  "thanks @sam_pharm for the heads up about the gent levels, really helpful",
  "Mr {sur} the consultant urologist is doing the TURP list this week",
  "Dr {sur} (our new salaried GP) starts monday, please make her welcome",
  "Nurse {first} from the DN team is brilliant with leg ulcers, ask her for tips",
 ]),
 (N, "bleeps, extensions, practice/hospital phone lines and addresses", [
  "bleep {bleep} for the medical reg, {bleep} for the surgical SHO",
  "haem lab is ext {ext}, they close at 8 for non-urgent stuff",
  "practice number for the on-call GP is {land}, the patient line is separate",
  "switchboard at Ninewells is 01382 660111, ask for the on call ortho",
  "the practice is at 12 High Street, Llandudno LL30 2PE if anyone needs it for the placement form",
  "postcode for the hospital car park is CF14 4XW, the multi-storey is the one on the left",
  "training day venue: Beardmore Hotel, Clydebank G81 4SA, 9:30 start",
  "the Royal Victoria Hospital's address for the CV is 274 Grosvenor Road, BT12 6BA",
  "GP out of hours for Fife is via NHS 24 on 111, not the practice",
  "call the crisis team on ext {ext} during the day, after 5 it's via switchboard",
  "new bleep numbers from monday: med reg {bleep}, CCOT {bleep}, hospital at night {bleep}",
  "if you need the DN team, their office line is {land}, leave a message",
  "the health centre's fax (yes we still have one) is {land} 😂",
  "our surgery moved to the new building on Bridge St, postcode LA1 1AA",
 ]),
 (N, "rota/clinic dates and deadlines", [
  "rota for December is out, I'm on nights {date} to {date} 😭",
  "clinic on {date} is cancelled, consultant at a conference",
  "ARCP deadline is {date}, get your ePortfolio sorted people",
  "MSRA results on {date}!!! who else is terrified",
  "teaching on {date} is the sim session in the skills lab, 2-5pm",
  "my leave is {date} till {date}, can someone cover my Tuesday clinic",
  "exam date for MRCP part 1 is {date}, study group in the library thursdays",
  "Induction for the new F1s is on {date}, 08:30 in the education centre",
  "deadline for the audit poster is {date}, send them to @tomwrites",
  "I was born 14/02/1996 so I'm having a valentines birthday bash on friday, all welcome!",
  "my DOB on the deanery system is wrong, it's got 1995 not 1994, who do I email",
  "my own NHS number for the staff flu jab form is on my app, weirdly satisfying",
 ]),
 (N, "doses, lab values, scores", [
  "what's the max dose of paracetamol if under 50kg? 500mg qds?",
  "K+ 6.4 with peaked T waves - calcium gluconate 10ml 10% first right?",
  "gent level 2.1 at 18h, do I give the next dose or wait",
  "Hb 68 in a stable pt, transfuse 1 unit and recheck is the current practice",
  "CURB-65 of 3 - that's IV abx and consider HDU",
  "lithium 1.6 is toxic, hold it and get a U&E + ECG",
  "anyone know the rate for the sliding scale when CBG is 14.2?",
  "INR 8.2 no bleeding: hold warfarin, give 1-5mg oral vitamin K",
  "Wells score 5 so it's a CTPA not a D-dimer",
  "NEWS2 7 = urgent response, call the reg, don't wait",
  "sodium 118, symptomatic - 150ml of 2.7% hypertonic saline, discuss with ITU",
  "HbA1c 48 is diagnostic for T2DM, 42-47 is pre-diabetes",
  "CRP 312, WCC 22 and lactate 4.1 - sepsis six, go go go",
  "morphine 2.5mg sc prn for breakthrough, max hourly, that's a standard palliative starting dose",
  "eGFR 28 - reduce the apixaban? or is it creat clearance we should use",
  "what's the adrenaline dose in anaphylaxis for a 7 year old? 300 micrograms IM?",
  "GCS 14 (E4 V4 M6) and vomiting x2 -> CT head within 1h",
  "PEWS of 6 in a 2 year old, wheezy, sats 91 - that's a call to the paeds reg",
 ]),
 (N, "guideline citations, eponyms, teaching", [
  "NICE NG51 sepsis guidance was updated in 2024, worth a re-read",
  "SIGN 158 for asthma in Scotland, BTS/SIGN was merged with NICE now right?",
  "GMC Good Medical Practice 2024, the bit on social media is worth reading before posting",
  "anyone got a good summary of Parkinson's vs Lewy body dementia for finals",
  "Addison's crisis teaching tonight on the Discord voice channel, 8pm",
  "Guillain-Barré vs transverse myelitis - any good mnemonics?",
  "Crohn's vs UC table from Geeky Medics is the best I've found",
  "Hashimoto's thyroiditis in pregnancy: increase levo dose by ~25-30% at confirmation",
  "what's the difference between Cushing's syndrome and Cushing's disease again 🤔",
  "found an amazing video on Kernig's and Brudzinski's signs, link: https://www.youtube.com/watch?v=4XbQw9ZkT1k",
  "Virchow's triad: stasis, hypercoagulability, endothelial injury",
  "the Caldicott principles are surprisingly relevant for the SJT",
  "Down's syndrome and AVSD - anyone know the stats for the paeds exam?",
  "Wernicke's vs Korsakoff's: Pabrinex before glucose in the alcohol pt",
  "Ottawa ankle rules, bony tenderness at the posterior edge of the lateral malleolus",
  "HEEADSSS assessment for adolescents - our paeds teaching was good on this",
  "Read the BNF entry on methotrexate: weekly dose, never daily",
  "Scottish Palliative Care Guidelines are ace for syringe driver compatibility",
  "the Montgomery ruling changed consent in the UK, the Lanarkshire case, 2015",
  "Gillick competence vs Fraser guidelines, I always mix them up",
 ]),
 (N, "anonymised teaching cases", [
  "teaching case: 70s M, 3 days of confusion, Na 121, on a thiazide. what next?",
  "anonymised case for the quiz: young woman, palpitations, weight loss, tremor, TSH <0.01. diagnosis?",
  "MCQ: a man in his 50s presents with crushing chest pain, ST elevation in II, III and aVF. which artery?",
  "case from placement (details changed): child with a barking cough and stridor at night. steroids?",
  "an elderly lady with a hip fracture and Hb of 90, would you transfuse pre-op? asking for a teaching session",
  "had an interesting one today, won't go into details but it's the first time I've seen Addisonian crisis irl",
  "anonymised ECG from the SCE revision bank, what's the rhythm? [image: ECG, no patient details]",
  "scenario for OSCE practice: 45yo F, breast lump, 2 weeks. take a focused history",
  "Not going to share specifics but today's home visit reminded me to always check the fridge for insulin",
  "teaching point from a case this week (anonymised): always check a CBG in a fitting patient",
  "a patient (no details!) asked me a great question about statins today, how do you explain NNT?",
  "SBA: a 28 week pregnant woman, BP 150/100, proteinuria 2+. best first step?",
  "generic case: a teenager presents after taking an unknown number of tablets. what's your plan?",
 ]),
]
ITEMS += [
 (N, "ids in URLs, code, order numbers, test data", [
  "the form is here https://forms.office.com/r/{ordno}?ref=rota, fill it in by friday",
  "my Amazon order {ordno} for the new stethoscope still hasn't arrived 🙄",
  "ticket number {ordno} for the IT helpdesk, still no fix for the EPR login",
  "`SELECT * FROM admissions WHERE id = {ordno}` - why is this query so slow on the audit db?",
  "the Teams link is https://teams.microsoft.com/l/meetup-join/{ordno} for tonight's journal club",
  "training EPR uses test NHS numbers like {pnhs}, don't panic if you see them in the sim",
  "for the informatics project use the synthetic test patient NHS no {pnhs}, never real ones",
  "Discord message link: https://discord.com/channels/{ordno}/{ordno}",
  "parcel tracking {ordno}, anyone know if Royal Mail are on strike this week?",
  "GMC number 7{num}{num}{num}{num}{num}{num} - is that what they want on the locum agency form? (mine obviously)",
  "doi:10.1136/bmj.{ordno} is the paper on junior doctor burnout",
  "my staff ID is on the badge, it's RX{ordno} if anyone in HR needs it, I've given up emailing",
  "the pager went off with {bleep}{bleep} which isn't even a real number lol",
 ]),
 (N, "drinking clearly off duty", [
  "pub quiz at the Ivy House friday after work, who's in? 🍻",
  "finally off for 4 days, opening a bottle of red and not thinking about the ward",
  "the mess Christmas party is on the {date}, free bar till 10, no one on call please 😅",
  "night shifts done, sleeping till 2 then beer garden with the F1s",
  "Burns Night ceilidh for the trainees at the Òran Mór, whisky tasting included, everyone off the next day",
  "week off in Kefalonia, I'm having a cocktail for every bleep I didn't answer 🍹",
  "post exam pints at the Crown in Belfast tonight, who's coming?",
  "St David's Day drinks at the students' union after the last lecture 🏴󠁧󠁢󠁷󠁬󠁳󠁿",
  "graduation ball was amazing, still recovering on my day off 😂",
  "friendly reminder: don't drink if you're on the non-resident on call this weekend, swap if you want to go to the party",
  "had one beer at the barbecue on sunday and then went to bed at 9, I'm old",
 ]),
 (N, "discussing a slur or discriminatory behaviour rather than using it", [
  "a patient called me a 'paki' today and I didn't know how to respond, does anyone have advice on reporting?",
  "reminder that 'gomer' and 'frequent flyer' are disrespectful terms, please don't use them in the notes",
  "is 'mental' okay to say in a teaching session or should I say 'mental health condition'?",
  "the EDI training today covered why terms like 'bed blocker' are stigmatising - worth doing",
  "a visitor used a racist slur at our HCA on the ward, Datix done and security called",
  "we should stop calling people 'non-compliant', 'non-adherent' or just asking why is better",
  "great BMJ piece on racism towards IMGs in the NHS, really eye opening",
  "as a gay med student, seeing the Pride lanyards on the wards actually means a lot",
  "does anyone know how to report homophobic comments from a consultant? asking for a friend (not really a friend)",
  "I'm autistic and doing fine in OSCEs, happy to talk to anyone worried about disclosure",
  "why do we still have misogyny in surgery in 2026? the Surviving in Scrubs report is grim reading",
  "our hospital's Welsh language policy means all patient leaflets need both languages, anyone know who translates?",
  "please don't use 'FLK' even as a joke, it's in notes FOI requests come back with",
  "the term 'heartsink patient' is outdated, the RCGP podcast talked about 'complex' instead",
 ]),
 (N, "disclosed or free promotion / legit resources", [
  "free webinar on DKA management by the Association of Anaesthetists, link in the channel",
  "I wrote a free revision guide for the PSA, no ads, no money, just sharing: docs.google.com/...",
  "full disclosure, I'm on the organising committee, but the RCP regional teaching day is free for trainees",
  "my friend's company is running an MRCP course, I get nothing from it, it's £300 - reviews are mixed so check first",
  "passmedicine vs quesmed, which is better for finals? I used both",
  "BNF app is free for NHS staff, download it",
  "the MDDUS has a free e-learning on confidentiality, counts for CPD",
  "StatPearls is free and surprisingly good for quick reading",
  "I'm selling my old Littmann Classic III, £40, good condition, DM if interested",
  "declaring an interest: I helped write this ECG app, it's free and open source, feedback welcome",
  "TeachMeAnatomy is free and the best for anatomy in my opinion",
  "disclaimer I'm a paid speaker for this company, but their allergy update CPD module is free and NICE-aligned",
 ]),
 (N, "polite disagreement between colleagues", [
  "@jess_fy1 I don't think that's right about the vitamin K dose, BNF says 5mg for INR >8 with no bleeding? happy to be corrected",
  "> you must always repeat the troponin at 3h\nnot quite, depends on the assay, ours uses 0/1h hs-trop",
  "I respectfully disagree with the idea that we should stop teaching clinical exam, it still matters",
  "@dai_gpst fair point, but I think the audit shows the opposite, let's discuss at the practice meeting",
  "not sure I agree with the new rota pattern, but I'm willing to give it a go for a month",
  "hmm I'd prefer doxy over amox for that, but both are in the guideline so your call",
  "@priya_st2 I think we disagree on this one, but that's fine! maybe ask the reg",
  "I found the handover a bit rushed today, could we try the SBAR template from tomorrow?",
  "interesting take, I'd push back on the point about IMGs - they're the backbone of our rota",
  "I think Dr Rahman's approach to the ward round is a bit slow, but he teaches really well",
 ]),
 (N, "proper patient contact: thank-you cards, declining requests", [
  "got a lovely thank you card from a family today, made the whole week worth it ❤️",
  "a former patient sent me a friend request on facebook, I declined and didn't reply - is that right?",
  "someone I treated in A&E followed me on insta, I've blocked and set my account to private",
  "a patient offered me £50 as a thank you, I said no and told them to donate to the ward fund instead",
  "had a patient ask for my number, I politely said no and gave them the practice number instead",
  "a mum from clinic messaged my personal FB, I didn't reply and told my supervisor, felt awkward",
  "chocolates from a grateful family on the ward, sharing them at the nurses' station 🍫",
  "should I accept a LinkedIn request from a former patient who is also a doctor? I've left it pending and asked the MDU",
  "patient asked if they could add me on whatsapp to send me photos of their wound, I said no and set up the NHS photo app instead",
  "my patient recognised me in Tesco and said hello, I just said hi back and kept it short",
 ]),
]
ITEMS += [
 (N, "non-identifying clinical talk with common details", [
  "busy night on AMU, 3 GI bleeds and an 80-odd yo with pneumonia, all stable now",
  "had a lovely elderly gent on my home visits today who showed me his war medals, made my day",
  "anyone got tips for explaining a new diabetes diagnosis to someone who's really anxious?",
  "I had my first patient die on me today and I'm not ok, can anyone chat later?",
  "how do you all handle a patient who wants antibiotics for a viral URTI without it becoming a fight",
  "3 DNAs in a row this morning, gave me time to catch up on letters at least",
  "care home round today, 6 residents, all reviews done, medication rationalisation on 2",
  "district nursing caseload is huge this week, 40 visits between 3 of us",
  "paeds ED had loads of bronchiolitis today, RSV season is here",
  "post-natal ward was so busy, 8 discharges and 6 admissions from labour ward",
  "so many falls in the community this week with the ice, stay safe on the roads",
  "ward is full of delayed discharges waiting for care packages, flow is awful",
  "a patient today thanked me for listening and honestly I nearly cried, such a nice moment",
  "a young lad in his 20s with a PE today, no risk factors — reminds you to keep a low threshold",
  "we've had 5 sepsis calls in resus today, team was amazing",
  "ICU has 2 beds left across the health board, it's grim",
  "first solo home visit as a GP trainee today and it went fine! 🙌",
  "anyone else find the mental health crisis assessments really emotionally heavy? how do you decompress",
  "lots of elderly patients on the ward waiting for physio, we're short staffed",
  "had a tricky capacity assessment today, needed an IMCA, learnt loads",
  "the CAMHS waiting list in our area is 18 months, it's heartbreaking for families",
  "antenatal clinic running 2 hrs late, every woman has been so patient with us",
  "any tips for cannulating really dehydrated patients? missed twice today",
  "I keep seeing young women with iron deficiency in clinic, anyone done an audit on this?",
  "had a patient with a rare syndrome today, looked it up and learned loads, medicine is amazing",
 ]),
 (N, "general chat in Scotland/Wales/NI settings", [
  "anyone know if the Glasgow Royal car park barrier is fixed yet? got stuck for 20 mins",
  "Swansea Bay UHB induction was so much better than I expected",
  "Ulster Hospital mess has free toast again 🍞 morale +100",
  "first shift at Ysbyty Gwynedd, the views of the Menai Strait from the car park are unreal",
  "Raigmore canteen closes at 7 now, bring snacks for nights",
  "looking for a flatshare near the Royal Infirmary of Edinburgh from Feb, any trainees?",
  "Craigavon staff gym is free for the first month, highly recommend",
  "anyone driving from Cardiff to Wrexham for the regional teaching? car share?",
  "Aberdeen Royal's on call rooms are actually decent, who knew",
  "the Causeway in Coleraine is looking for locum SHOs over Christmas, rates are good",
  "Ninewells teaching was fab, Dundee is growing on me",
  "moving to Inverness for GPST, any tips on rural practices?",
  "diolch everyone for the support this week, it's been a tough rotation 💚",
  "wee reminder that Scottish Foundation Programme applications close soon",
 ]),
 (N, "system/management rants not aimed at a person", [
  "the IT system crashed AGAIN, 4 hours of paper notes, 2026 and we still can't get this right",
  "rota coordinators have changed our nights with 2 days' notice, exception report time",
  "the parking permit system is an absolute joke, paid £40 and still no space",
  "I'm so tired. 13 hour shifts with no break. something has to change in this trust",
  "the deanery's communication has been shocking this year, nobody knows when rotations start",
  "whoever designed the e-portfolio should be made to use it for a year",
  "no hot food after 7pm for night staff is actually ridiculous, we're humans",
  "exception reported again, the ward was running on 2 nurses for 28 patients",
  "can't believe the pay offer, strike ballot papers coming out next week",
  "why do the printers on every ward always jam when you need a discharge letter",
 ]),
 (N, "own details and member-to-member personal talk", [
  "my new number is {mob} for the rota WhatsApp, old phone died",
  "if anyone's passing, I live at 3 Glebe Street near the uni, come for pizza on sunday 🍕",
  "I've had covid all week, back at work monday, sorry about the missed shifts",
  "my email for the study group is {email}, add me to the drive",
  "feeling burnt out, booked to see my own GP next week, thanks for the push {mem}",
  "just got engaged!!! 💍 (to a fellow F2, not a patient before anyone asks 😂)",
  "my son was born 2/2/26 so I'm off on paternity leave from monday, see you all in March",
  "I'm off sick with my asthma flaring, sorry for the late notice {mem}",
  "new baby at home so if I'm grumpy on the ward round it's the 3am feeds",
  "{mem} my postcode for the Secret Santa delivery is EH7 5QJ, thanks!",
 ]),
 (N, "voice-note style run-ons and misc", [
  "ok so basically I got in and the handover was fine and then the bleep went and it was the ward asking about a fluid prescription and then another one and I just didnt stop till 11 and I havent eaten",
  "lol the autocorrect changed 'metformin' to 'met for min' in my letter again, ducking phone",
  "omg just realised I left my stethoscope on the bus, RIP",
  "can sum1 send me the link 4 the teaching pls ta x",
  "> is the CT scanner down?\nyep, down since 2pm, diverting to Kirkcaldy",
  "fwd: 'Reminder: mandatory training compliance must be 90% by end of month'",
  "who's coming to the Matrix space AMA with the GP trainers tonight? @fionn is hosting",
  "i just did my first solo chest drain and I'm buzzing 🥳",
  "@olu there's cake in the staff room for your birthday btw 🎂",
  "anyone know the wifi password on Ward 7? the old one stopped working",
  "i have said the word 'sats' so many times today it's lost all meaning",
  "ngl the new scrubs are so comfy",
  "thank you to whoever left the biscuits in the DN office 🙏",
  "quick poll: best night shift snack? 🥨 🍫 🍌",
  "reading week plans: sleep, gym, anatomy, repeat",
 ]),
]
ITEMS += [
 (N, "more hard negatives: ages, places, events without a real patient", [
  "the 80 year old with hyponatraemia in the SCE question bank is a classic trap",
  "statistically a GP practice of 10,000 patients will have about 8 people with MND over a career, says the lecturer",
  "we had a big major incident exercise at Morriston today, actors played the patients, very realistic",
  "the news about the Loch Lomond boat accident is so sad, thinking of the emergency crews",
  "my granny is 94 and still drives, no patient, just boasting 😂",
  "my dad's in hospital in Derry at the moment so I might be slow to reply, he's doing ok",
  "my mum's GP in Bangor was brilliant, sorted her thyroid in a week",
  "the footballer's ACL injury on the telly was nasty, anyone think it'll need surgery? (just watching the match)",
  "I'm the patient this week lol, appendix out, back in 2 weeks",
  "the famous Mr Pickwick from Dickens, Pickwickian syndrome, lovely eponym story",
  "case report in the BMJ this month of a farmer with Q fever from Powys, worth a read for zoonoses",
  "Prince William visited the children's hospital today, the kids loved it",
 ]),
 (N, "more hard negatives: names that are not patients", [
  "Margaret McCartney's BMJ column on overdiagnosis is really good",
  "just read Adam Kay's book again, still funny and still sad",
  "Dr Chris van Tulleken's book on ultra-processed food is on my reading list",
  "anyone seen the new Grey's Anatomy season? Meredith is still going",
  "name for the ward cat? {mem} suggested 'Hb' 🐈",
  "my daughter {first} starts nursery next week, any tips for childcare with a rota?",
  "Mary Seacole and Florence Nightingale debate in the nursing module today was intense",
  "Hamish from the IT department fixed my login, absolute hero",
  "Sister {sur} on the stroke unit is retiring, card in the office",
  "Ceri from the audit team needs everyone's data by friday",
 ]),
 (N, "more hard negatives: process questions about identifiers", [
  "is it ok to put the NHS number in an email to the GP if it's via nhs.net? asking for a friend",
  "how do you find the CHI number on TrakCare? new to Scotland",
  "reminder: don't put patient names or hospital numbers in this chat, use the secure EPR messaging",
  "what's the check digit rule for NHS numbers, for the informatics assignment?",
  "H&C numbers in NI start with 3 right? doing an audit data dictionary",
  "what is a MRN exactly in UK hospitals, is it the same as the hosp no?",
  "can GP trainees access Emis web from home? need it for letters",
  "tip: blur the wristband if you ever take an approved clinical photo for the medical illustration dept",
 ]),
 (N, "more hard negatives: quoted or forwarded neutral lines", [
  "> can someone cover my clinic\nyep I can, what time?",
  "> is the blood gas machine working on AMU\nit was this morning, might need a recalibration",
  "forwarded from the practice group: 'Flu clinic Saturday 9-1, all hands on deck please'",
  "> who's got the CD keys\n@hannah_b has them, she's on her break",
  "fwd: 'The library will be closed on {date} for refurbishment'",
  "> do we need consent for the audit?\nno, service evaluation, but register it with the audit team",
 ]),
]



def main():
    rows = []
    for cats, note, tmpls in ITEMS:
        for t in tmpls:
            rows.append((fill(t), sorted(set(cats)), note))
    # dedupe exact texts, keep first
    seen, uniq = set(), []
    for r in rows:
        if r[0] in seen:
            continue
        seen.add(r[0])
        uniq.append(r)
    R.shuffle(uniq)
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "data", "eval", "dev5.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for i, (text, cats, note) in enumerate(uniq, 1):
            for c in cats:
                assert c in CATS, c
            ident = "patient_direct" in cats or "patient_indirect" in cats
            f.write(json.dumps({"id": f"g{i:04d}", "text": text, "identifiable": ident,
                                "categories": cats, "note": note}, ensure_ascii=False) + "\n")
    print(f"wrote {len(uniq)} rows to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()

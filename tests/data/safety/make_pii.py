"""Write tests/data/safety/pii.jsonl deterministically (seeded, standard library only).

    python tests/data/safety/make_pii.py

Sentences come from hand-written templates. A template slot such as ``{person}`` or ``{iban}``
is filled with a generated value and, for PII slots, recorded as an entity with its Python string
offsets. Slots for hard negatives (``{uuid}``, ``{badiban}``, ...) are filled but never labelled.
All values are synthetic: card numbers pass Luhn, IBANs pass mod-97, SSNs are in valid ranges.
"""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import json
import random
import re
import unicodedata
import uuid
from pathlib import Path

SEED = 20240611
OUT = Path(__file__).with_name("pii.jsonl")
rng = random.Random(SEED)

NAMES = [
    ("Maria", "Lopez"),
    ("Aisha", "Okafor"),
    ("Wei", "Zhang"),
    ("Priya", "Raman"),
    ("Oleksandr", "Kovalenko"),
    ("Siobhan", "O'Neill"),
    ("José", "García"),
    ("Lan", "Nguyen"),
    ("Mohammed", "Al-Farsi"),
    ("Kenji", "Watanabe"),
    ("Ingrid", "Johansson"),
    ("Chidi", "Eze"),
    ("Fatima", "Benali"),
    ("Lukas", "Müller"),
    ("Ana", "Pereira"),
    ("Dmitri", "Volkov"),
    ("Amara", "Nwosu"),
    ("Hiroshi", "Tanaka"),
    ("Sofia", "Rossi"),
    ("Mateus", "Silva"),
    ("Leila", "Haddad"),
    ("Tomasz", "Nowak"),
    ("Rahul", "Mehta"),
    ("Grace", "Mensah"),
    ("Connor", "Walsh"),
    ("Yasmin", "Karimi"),
    ("Emeka", "Obi"),
    ("Camille", "Dubois"),
    ("Pieter", "de Vries"),
    ("Lucía", "Fernández"),
    ("Sarah", "Thompson"),
    ("James", "Whitaker"),
    ("Mei", "Lin"),
    ("Arjun", "Kapoor"),
    ("Zeynep", "Yılmaz"),
    ("Olga", "Petrova"),
    ("Kwame", "Asante"),
    ("Hannah", "Schmidt"),
    ("Diego", "Ramírez"),
    ("Aroha", "Ngata"),
    ("Sven", "Lindqvist"),
    ("Nadia", "Rahman"),
    ("Jae-won", "Park"),
    ("Ewa", "Kowalczyk"),
    ("Tariq", "Hussain"),
    ("Chloé", "Martin"),
    ("Bogdan", "Ionescu"),
    ("Thandiwe", "Dlamini"),
    ("Liam", "Murphy"),
    ("Yuki", "Sato"),
    ("Isabella", "Costa"),
    ("Ahmed", "Mansour"),
    ("Elena", "Popescu"),
    ("Raj", "Patel"),
    ("Freya", "Andersen"),
    ("Kofi", "Boateng"),
    ("Marta", "Sánchez"),
    ("Daniel", "Cohen"),
    ("Hana", "Nováková"),
    ("Miguel", "Torres"),
]
CITIES = [
    "Lisbon",
    "Nairobi",
    "São Paulo",
    "Kraków",
    "Manchester",
    "Toronto",
    "Singapore",
    "Berlin",
    "Lyon",
    "Rotterdam",
    "Madrid",
    "Milan",
    "Chicago",
    "Austin",
    "Dublin",
    "Mumbai",
    "Lagos",
    "Osaka",
    "Melbourne",
    "Zürich",
    "Reykjavík",
    "Accra",
    "Seoul",
    "Istanbul",
    "Warsaw",
    "Bogotá",
    "Cape Town",
    "Vancouver",
    "Edinburgh",
    "Hamburg",
    "Seville",
    "Bologna",
    "Utrecht",
    "Marseille",
    "Denver",
    "Auckland",
]
COUNTRIES = [
    "Germany",
    "Kenya",
    "Brazil",
    "Canada",
    "Japan",
    "Spain",
    "Italy",
    "Portugal",
    "Poland",
    "India",
    "Nigeria",
    "Mexico",
    "Ireland",
    "France",
    "Ghana",
    "Vietnam",
    "Sweden",
    "Australia",
    "South Africa",
    "Egypt",
    "Chile",
    "Norway",
]
DOMAINS = [
    "northwind-logistics.com",
    "contoso.com",
    "fabrikam.co.uk",
    "brightpath-energy.de",
    "lumenhealth.nl",
    "vertexbank.fr",
    "tailspin-travel.es",
    "gmail.com",
    "outlook.com",
    "yahoo.co.uk",
    "proton.me",
    "web.de",
]
ROLE_MAILBOXES = ["accounts.payable", "billing", "hr.team", "support", "payroll", "procurement"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def digits(n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def ascii_fold(s: str) -> str:
    s = s.replace("ı", "i").replace("ü", "ue").replace("'", "").replace(" ", "")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def make_email(name: tuple[str, str] | None) -> str:
    if name is None:
        return f"{rng.choice(ROLE_MAILBOXES)}@{rng.choice(DOMAINS[:7])}"
    f, s = ascii_fold(name[0]), ascii_fold(name[1])
    local = rng.choice(
        [f"{f}.{s}", f"{f[0]}{s}", f"{f}{s[0]}", f"{f}_{s}", f"{f}.{s}{rng.randint(7, 98)}"]
    )
    return f"{local}@{rng.choice(DOMAINS)}"


# --- phone numbers ----------------------------------------------------------------------------
US_AREAS = ["212", "312", "415", "617", "646", "713", "202", "305", "503", "206", "404", "512"]


def phone_us() -> str:
    a = rng.choice(US_AREAS)
    e = str(rng.randint(2, 9)) + digits(2)
    while e[1:] == "11" or e == "555":
        e = str(rng.randint(2, 9)) + digits(2)
    n = digits(4)
    return rng.choice(
        [f"({a}) {e}-{n}", f"{a}-{e}-{n}", f"{a}.{e}.{n}", f"+1 {a} {e} {n}", f"+1-{a}-{e}-{n}"]
    )


def phone_uk() -> str:
    # Landlines use the Ofcom drama ranges 020 7946 0xxx and 0161 496 0xxx (valid for
    # libphonenumber); mobiles are random 074xx-079xx numbers (07700 900xxx is rejected).
    x, m = digits(3), rng.choice("45789") + digits(2)
    return rng.choice(
        [
            f"020 7946 0{x}",
            f"+44 20 7946 0{x}",
            f"+44 (0)20 7946 0{x}",
            f"0161 496 0{x}",
            f"+44 161 496 0{x}",
            f"07{m} {digits(6)}",
            f"+44 7{m} {digits(6)}",
        ]
    )


def phone_intl() -> str:
    return rng.choice(
        [
            lambda: f"+49 30 {digits(4)} {digits(4)}",
            lambda: f"+49 151 {digits(4)} {digits(4)}",
            lambda: f"+33 1 {rng.randint(40, 59)} {digits(2)} {digits(2)} {digits(2)}",
            lambda: f"+33 6 {rng.randint(10, 89)} {digits(2)} {digits(2)} {digits(2)}",
            lambda: f"+34 91{rng.randint(2, 9)} {digits(3)} {digits(3)}",
            lambda: f"+34 6{rng.randint(10, 99)} {digits(3)} {digits(3)}",
            lambda: f"+31 20 {rng.randint(2, 9)}{digits(2)} {digits(4)}",
            lambda: f"+31 6 {rng.randint(1, 5)}{digits(3)} {digits(4)}",
            lambda: f"+39 06 {rng.randint(3, 9)}{digits(3)} {digits(4)}",
            lambda: f"+39 3{rng.choice(['20', '33', '47'])} {digits(3)} {digits(4)}",
            lambda: f"+91 9{digits(4)} {digits(5)}",
            lambda: f"+81 3-{rng.randint(3, 6)}{digits(3)}-{digits(4)}",
            lambda: f"+61 2 9{digits(3)} {digits(4)}",
            lambda: f"+61 4{rng.randint(10, 99)} {digits(3)} {digits(3)}",
            lambda: f"+254 7{rng.randint(10, 29)} {digits(3)} {digits(3)}",
            lambda: f"+55 11 9{rng.randint(6, 9)}{digits(3)}-{digits(4)}",
        ]
    )()


def phone_any() -> str:
    return rng.choice([phone_us, phone_uk, phone_intl, phone_intl])()


# --- payment cards ------------------------------------------------------------------------------
def luhn_digit(partial: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def card_digits(brand: str) -> str:
    if brand == "visa":
        prefix, length = "4", 16
    elif brand == "mc":
        prefix, length = rng.choice([str(rng.randint(51, 55)), str(rng.randint(2221, 2720))]), 16
    else:
        prefix, length = rng.choice(["34", "37"]), 15
    body = prefix + digits(length - 1 - len(prefix))
    return body + luhn_digit(body)


def group(number: str, sizes: list[int], sep: str) -> str:
    parts, i = [], 0
    for s in sizes:
        parts.append(number[i : i + s])
        i += s
    return sep.join(parts)


def fmt_card(number: str) -> str:
    sizes = [4, 6, 5] if len(number) == 15 else [4, 4, 4, 4]
    return group(number, sizes, rng.choice(["", " ", " ", "-"]))


def card() -> str:
    return fmt_card(card_digits(rng.choice(["visa", "visa", "mc", "mc", "amex"])))


def bad_card(brand: str | None = None) -> str:
    good = card_digits(brand or rng.choice(["visa", "mc"]))
    return fmt_card(good[:-1] + str((int(good[-1]) + rng.randint(1, 9)) % 10))


# --- IBANs --------------------------------------------------------------------------------------
def iban_number(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s))


def iban_valid(iban: str) -> bool:
    s = iban.replace(" ", "")
    return iban_number(s[4:] + s[:4]) % 97 == 1


def es_control(ten: str) -> int:
    d = 11 - sum(int(c) * w for c, w in zip(ten, (1, 2, 4, 8, 5, 10, 9, 7, 3, 6), strict=True)) % 11
    return 0 if d == 11 else 1 if d == 10 else d


IT_ODD = [
    1,
    0,
    5,
    7,
    9,
    13,
    15,
    17,
    19,
    21,
    2,
    4,
    18,
    20,
    11,
    3,
    6,
    8,
    12,
    14,
    16,
    10,
    22,
    25,
    24,
    23,
]


def it_cin(bban22: str) -> str:
    total = 0
    for i, c in enumerate(bban22):
        k = int(c) if c.isdigit() else ord(c) - 65
        total += IT_ODD[k] if i % 2 == 0 else k
    return chr(65 + total % 26)


def bban(country: str) -> str:
    if country == "DE":
        return str(rng.randint(1, 8)) + digits(7) + digits(10)
    if country == "GB":
        return rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + digits(6) + digits(8)
    if country == "FR":
        bank, branch, acct = str(rng.randint(10000, 30099)), digits(5), digits(11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
        return f"{bank}{branch}{acct}{key:02d}"
    if country == "NL":
        return rng.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB", "KNAB"]) + digits(10)
    if country == "ES":
        bank, branch, acct = digits(4), digits(4), digits(10)
        return f"{bank}{branch}{es_control('00' + bank + branch)}{es_control(acct)}{acct}"
    rest = digits(5) + digits(5) + digits(12)  # IT: ABI + CAB + account, CIN letter in front
    return it_cin(rest) + rest


def iban_compact(country: str | None = None) -> str:
    country = country or rng.choice(["DE", "GB", "FR", "NL", "ES", "IT"])
    b = bban(country)
    check = 98 - iban_number(b + country + "00") % 97
    return f"{country}{check:02d}{b}"


def fmt_iban(compact: str) -> str:
    if rng.random() < 0.5:
        return compact
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def iban() -> str:
    return fmt_iban(iban_compact())


def bad_iban() -> str:
    good = iban_compact()
    while True:
        cand = good[:2] + f"{rng.randint(2, 98):02d}" + good[4:]
        if not iban_valid(cand):
            return fmt_iban(cand)


# --- SSNs ---------------------------------------------------------------------------------------
def ssn() -> str:
    while True:
        area = rng.randint(1, 899)
        s = f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
        if area != 666 and s not in {"123-45-6789", "078-05-1120", "219-09-9999"}:
            return s


def bad_ssn() -> str:
    a, g, s = (
        f"{rng.randint(1, 899):03d}",
        f"{rng.randint(1, 99):02d}",
        f"{rng.randint(1, 9999):04d}",
    )
    kind = rng.choice(["000", "666", "9xx", "g00", "s0000"])
    if kind == "000":
        a = "000"
    elif kind == "666":
        a = "666"
    elif kind == "9xx":
        a = str(rng.randint(900, 999))
    elif kind == "g00":
        g = "00"
    else:
        s = "0000"
    return f"{a}-{g}-{s}"


# --- network addresses --------------------------------------------------------------------------
def ipv4() -> str:
    r, h = rng.randrange(256), rng.randint(2, 254)
    return rng.choice(
        [
            f"10.{rng.randrange(256)}.{r}.{h}",
            f"192.168.{r}.{h}",
            f"172.{rng.randint(16, 31)}.{r}.{h}",
            f"203.0.113.{h}",
            f"198.51.100.{h}",
            f"{rng.choice([31, 46, 62, 77, 81, 89, 94, 109, 141, 178, 185, 212, 217])}.{rng.randrange(256)}.{r}.{h}",
        ]
    )


def ipv6() -> str:
    g = [rng.randrange(0x10000) for _ in range(8)]
    kind = rng.randrange(4)
    if kind == 0:
        g[:2], g[3:5] = [0x2001, 0x0DB8], [0, 0]
    elif kind == 1:
        g[:4] = [0xFE80, 0, 0, 0]
    elif kind == 2:
        g[:2], g[4:7] = [0x2A02, 0x8108], [0, 0, 0]
    else:
        g[0], g[5:7] = 0xFD00 | rng.randrange(256), [0, 0]
    return str(ipaddress.IPv6Address(sum(x << (16 * (7 - i)) for i, x in enumerate(g))))


# --- dates and times ----------------------------------------------------------------------------
def rand_day(start: int = 2023, end: int = 2025) -> dt.date:
    base = dt.date(start, 1, 1)
    return base + dt.timedelta(days=rng.randrange((dt.date(end, 12, 31) - base).days))


def fmt_date(d: dt.date) -> str:
    fmts = [
        lambda: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        lambda: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
        lambda: d.isoformat(),
        lambda: f"{d.day:02d}/{d.month:02d}/{d.year}",
        lambda: f"{d.month:02d}/{d.day:02d}/{d.year}",
        lambda: f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]}",
        lambda: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
        lambda: f"{d.day:02d}.{d.month:02d}.{d.year}",
    ]
    return rng.choice(fmts)()


def fmt_time() -> str:
    h, m = rng.randint(7, 18), rng.choice([0, 0, 15, 30, 45, 10, 20, 50])
    h12, ap = (h - 12 if h > 12 else h), ("pm" if h >= 12 else "am")
    return rng.choice(
        [
            f"{h}:{m:02d}",
            f"{h:02d}:{m:02d}",
            f"{h12}:{m:02d} {ap}",
            f"{h12}{ap}",
            f"{h12}:{m:02d} {ap.upper()}",
        ]
    )


def fmt_when(d: dt.date) -> str:
    t = fmt_time()
    return rng.choice(
        [
            f"{fmt_date(d)} at {t}",
            f"{d.isoformat()} {t if ':' in t else '10:00'}",
            f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} at {t}",
        ]
    )


def fmt_ts() -> str:
    d = rand_day(2024, 2025)
    t = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    return rng.choice(
        [f"{d.isoformat()}T{t}Z", f"{d.isoformat()} {t}", f"{d.isoformat()}T{t}+01:00"]
    )


# --- hard-negative junk -------------------------------------------------------------------------
def hexstr(bits: int) -> str:
    return f"{rng.getrandbits(bits):0{bits // 4}x}"


JUNK = {
    "uuid": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
    "git7": lambda: hexstr(28),
    "git12": lambda: hexstr(48),
    "git40": lambda: hexstr(160),
    "sha1": lambda: hexstr(160),
    "sha256": lambda: hexstr(256),
    "b64": lambda: base64.b64encode(rng.randbytes(32)).decode().rstrip("="),
    "badcard": bad_card,
    "badamex": lambda: bad_card("amex"),
    "badiban": bad_iban,
    "badssn": bad_ssn,
    "ticket": lambda: f"INC-{digits(7)}",
    "chg": lambda: f"CHG-{digits(6)}",
    "sku": lambda: (
        f"{rng.choice(['KB', 'MS', 'HD', 'DK'])}-{rng.choice('ABCDEFGHTX')}{rng.choice('KLMNPQRX')}{digits(4)}-{rng.choice(['BLK', 'WHT', 'GRY'])}"
    ),
    "order": lambda: f"SO-{digits(6)}",
    "po": lambda: f"PO-{digits(5)}",
    "po2": lambda: f"PO-{digits(5)}",
}


class Context(dict):
    """Fills slots lazily; related slots (person/first/email, date/date2) stay consistent."""

    def __missing__(self, key: str):
        if key in JUNK:
            val = (None, JUNK[key]())
        elif key in ("person", "person2", "person3"):
            taken = {self[k][2] for k in ("person", "person2", "person3") if k in self}
            name = rng.choice([n for n in NAMES if n not in taken])
            val = ("PERSON", f"{name[0]} {name[1]}", name)
        elif key.startswith("first"):
            val = ("PERSON", self["person" + key[5:]][2][0])
        elif key == "email":
            val = ("EMAIL_ADDRESS", make_email(self["person"][2]))
        elif key == "email2":
            other = rng.choice([n for n in NAMES if n != self.get("person", (0, 0, None))[2]])
            val = ("EMAIL_ADDRESS", make_email(rng.choice([None, other, other])))
        elif key.startswith("phone"):
            gen = {"phone_us": phone_us, "phone_uk": phone_uk, "phone_intl": phone_intl}.get(
                key, phone_any
            )
            val = ("PHONE_NUMBER", gen())
        elif key.startswith("card"):
            val = ("CREDIT_CARD", card())
        elif key.startswith("iban"):
            val = ("IBAN_CODE", iban())
        elif key == "ssn":
            val = ("US_SSN", ssn())
        elif key in ("ip", "ip2"):
            val = ("IP_ADDRESS", ipv4())
        elif key == "ipv6":
            val = ("IP_ADDRESS", ipv6())
        elif key in ("city", "city2"):
            taken = [self[k][1] for k in ("city", "city2") if k in self]
            val = ("LOCATION", rng.choice([c for c in CITIES if c not in taken]))
        elif key == "country":
            val = ("LOCATION", rng.choice(COUNTRIES))
        elif key == "date":
            self["_day"] = rand_day()
            val = ("DATE_TIME", fmt_date(self["_day"]))
        elif key == "date2":
            later = self.get("_day", rand_day()) + dt.timedelta(days=rng.randint(2, 20))
            val = ("DATE_TIME", fmt_date(later))
        elif key == "dob":
            val = ("DATE_TIME", fmt_date(rand_day(1962, 2003)))
        elif key == "rel":
            rel = [
                "tomorrow",
                "next Tuesday",
                "tomorrow morning",
                "next Friday afternoon",
                "this Thursday",
            ]
            val = ("DATE_TIME", rng.choice(rel))
        elif key == "time":
            val = ("DATE_TIME", fmt_time())
        elif key == "when":
            val = ("DATE_TIME", fmt_when(rand_day()))
        elif key == "ts":
            val = ("DATE_TIME", fmt_ts())
        else:
            raise KeyError(key)
        self[key] = val
        return val


SLOT = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def render(template: str) -> tuple[str, list[dict]]:
    ctx, text, ents, pos = Context(), "", [], 0
    for m in SLOT.finditer(template):
        text += template[pos : m.start()]
        typ, value = ctx[m.group(1)][:2]
        if typ:
            ents.append(
                {"type": typ, "start": len(text), "end": len(text) + len(value), "value": value}
            )
        text += value
        pos = m.end()
    return text + template[pos:], ents


# --- templates ----------------------------------------------------------------------------------
POSITIVE = [
    # customer emails
    "Draft a polite reply to {person} ({email}) confirming that their refund has been processed.",
    "Write an email to {person} letting them know the delivery to {city} is delayed until {date}.",
    "Customer {person} says the card {card} was charged twice for order SO-551204. Draft an apology and explain the reversal.",
    "Please translate this into Spanish for the customer: 'Hello {first}, your technician will arrive on {when}.'",
    "Summarise the complaint from {person}, who called from {phone} about a missing parcel sent to {city}.",
    "Reply to {email} and ask them to confirm their billing address in {city}, {country}.",
    "Customer {person} wants the refund paid into {iban}. Write a short confirmation email.",
    "Write a follow-up to {person} about the quote we sent on {date}; their direct line is {phone}.",
    "Make this sound more professional: hey {first}, ur invoice is overdue, pls pay to {iban} asap",
    "Draft a welcome email for our new client {person} in {city} and copy {email2}.",
    "Reply to the customer at {email}: their replacement unit ships from {city} on {date}.",
    "Forward the contract to {person} at {email} and the invoice to {email2}.",
    "Draft an SMS to {phone_intl}: your appointment in {city} is confirmed for {when}.",
    "Write a thank-you note to {person} for hosting us in {city}.",
    "Tell {person} the shipment cleared customs in {country}.",
    # HR
    "HR note: {person} (SSN {ssn}) starts in the {city} office on {date}. Please draft the onboarding checklist.",
    "Summarise this sick-leave record: {person} was absent from {date} to {date2} and provided a doctor's note.",
    "Draft a reference letter for {person}, who worked with us in {city} from {date} until {date2}.",
    "Update the payroll sheet: {person}, SSN {ssn}, new bank account {iban}.",
    "Write a note to {first} confirming the interview on {when} with {person2}.",
    "What should I tell {person} about parental leave? The baby is due on {date}.",
    "Prepare a disciplinary meeting invite for {person} on {when}; the HR contact is {email2}.",
    "Please check if {person}'s emergency contact number {phone} is in the correct format.",
    "Format this for the HR system: name {person}, date of birth {dob}, SSN {ssn}, phone {phone_us}.",
    "Write a farewell card message for {person}, who is relocating to {city}.",
    "{person} asked to change the payslip address to {city}, {country}. What form do they need?",
    "Remind {first} that the benefits enrolment closes on {date}.",
    "My SSN is {ssn}, can you fill it into the W-4 for me?",
    "Please update the emergency contact for {person} to {person2}, {phone_uk}.",
    "Register the visitor {person} from {country} for {date}.",
    "Is it OK to keep {person}'s SSN {ssn} in the shared onboarding spreadsheet?",
    "Write a LinkedIn recommendation for {person}, who led our office in {city}.",
    # support tickets
    "Ticket INC-0048213: user {person} cannot log in from {ip}; last successful login was {ts}.",
    "Summarise this ticket: '{person} reports the VPN drops repeatedly when connecting from {ip}.'",
    "Customer called from {phone} saying the router at {ip} keeps rebooting. Write the ticket description.",
    "Close ticket SR-77102 and email {email} that the printer in {city} has been replaced.",
    "Escalate: {person} ({email}) has been locked out since {when}.",
    "The caller gave their card number as {card}. Should support staff ever write that into a ticket?",
    "Write the handover note: {first} is covering the queue on {date}; the backup is {person2} on {phone}.",
    "Log this call: {when}, {person} from {city}, asked about invoice INV-20931.",
    "Assign this ticket to {person} and cc {person2}.",
    "Customer in {city} gave card {card} over the phone; what does PCI DSS say about storing it?",
    "Verify identity: the caller says they are {person}, SSN {ssn}, phone {phone_us}.",
    # finance
    "Please check this payment: EUR 1,250.00 to {iban} for {person}, due {date}.",
    "Supplier {person} changed their bank details to {iban} by email from {email}. Is this a fraud risk?",
    "Reconcile the expense claim: {person} paid the hotel in {city} with card {card} on {date}.",
    "Draft a payment reminder to {email}: invoice INV-88213 was due on {date}.",
    "Which cost centre should I use for {person}'s flight from {city} to {city2}?",
    "Refund the duplicate charge on {card} and notify {person} at {phone}.",
    "Write a memo that the wire to {iban} was sent on {when}.",
    "Our client {person} in {country} asks whether we accept payment to {iban}; reply yes and include the reference PO-4471.",
    "Explain why the transaction on {card} was declined at {time}.",
    "Vendor master update: {person}, {email}, {phone}, IBAN {iban}.",
    "Pay the contractor {person} via {iban}.",
    "Transfer the deposit for {person} from {iban} to {iban2}.",
    "Chargeback case: card {card}, holder {person}, disputed amount USD 412.50, transaction {ts}.",
    "Card {card} expires soon; remind {first} to update it in the travel portal.",
    "I got this email from {email}: 'Please send the deposit to {iban} before {date}.' Is it legit?",
    # IT
    "Why can't {person} reach the file server at {ip} from the {city} office?",
    "Whitelist {ip} and {ip2} on the firewall for {person}'s team.",
    "Our monitoring shows failed SSH logins from {ip} at {ts}. What should I do?",
    "Explain this log line: {ts} WARN auth: login failed for {email2} from {ip}",
    "Set up a mailbox for {person} with the alias {email}.",
    "The laptop assigned to {person} last checked in from {ipv6}. How do I locate it?",
    "Configure the VPN client for {first}; the gateway address is {ip}.",
    "Is {ipv6} a link-local address or a global one?",
    "Reset the MFA token for {person}, mobile {phone}.",
    "Who owns the device at {ip}? The DHCP lease was issued on {when}.",
    "Ping {ip} and tell me if it's up.",
    "Block the sender {email2} in the spam filter.",
    "The server {ipv6} stopped answering at {time}.",
    "Explain the difference between the addresses {ip} and {ipv6} in the asset register.",
    "Firewall alert {ts}: outbound traffic from {ip} to {ip2} on port 4444.",
    "Replace {email} with {email2} on the distribution list.",
    "Add a DNS record pointing intranet-dev to {ip} and tell {first} when it is live.",
    # meetings and general
    "Turn these notes into minutes: {person} and {person2} met in {city} on {date} to review the budget.",
    "Schedule a call with {person} on {when} and send the invite to {email}.",
    "Summarise: {first} will travel to {city} on {date} and return on {date2}.",
    "Book a meeting room at {time} for {person} and two guests from {country}.",
    "Add to my calendar: dentist at {time} on {date}.",
    "Remind me to call {person} at {phone} after the board meeting.",
    "Our visitor {person} lands in {city} at {time}; please arrange a taxi.",
    "Translate into German: 'Dear {person}, the workshop in {city} starts at {time}.'",
    "Please proofread: {person} will present the results on {date} in {city}.",
    "Customer record: {person}, {email}, {phone}, {city}, card {card}. Mask everything except the city.",
    "Fill in the form: Name: {person}; Email: {email}; Phone: {phone}; SSN: {ssn}; Address: {city}, {country}.",
    "New starter: {person}, start date {date}, location {city}, laptop IP {ip}, personal email {email2}.",
    "Travel booking for {person}: depart {city} {when}, arrive {city2}, contact {phone}.",
    "Please anonymise this before I share it: {person} ({ssn}) lives in {city} and banks with {iban}.",
    "Who is {person}?",
    "Is {phone} a mobile or a landline number?",
    "Is {email2} a valid email address?",
    "Is {card} a valid card number?",
    "Check whether {iban} is a valid IBAN.",
    "What time zone is {city} in?",
    "How far is {city} from {city2}?",
    "Which public holidays does {country} observe?",
    "Convert {time} in {city} to the local time in {city2}.",
    "Add {date} to the project timeline as the go-live date.",
    "Send the slides to {first}.",
    "Could you call {person} back on {phone}?",
    "{first}, can you review the contract before {date}?",
    "The audit is scheduled for {when} at the {city} site.",
    "Please summarise the email thread between {person} and {person2} about the {city} expansion.",
    "Our {city} warehouse manager {person} can be reached on {phone_uk}.",
    "Prepare the agenda for the steering committee on {date}; attendees are {person}, {person2} and {person3}.",
    "Generate an out-of-office reply: I'm away until {date}; for urgent matters contact {person} on {phone}.",
    "Confirm the hotel booking in {city} for {person} from {date} to {date2}.",
    "Update the CRM: {person} moved from {city} to {city2}.",
    "Should I send the SSN {ssn} to payroll, or use the employee ID EMP-30412 instead?",
    "Please redact the card number {card} from this chat transcript before I forward it.",
    "Is it a problem that the applicant wrote their SSN as {ssn} on the paper form?",
    "Background check request: {person}, SSN {ssn}, date of birth {dob}.",
    "Update the direct debit for {person}: old IBAN {iban}, new IBAN {iban2}.",
    "Our new supplier in {country} gave us {iban} for payments; can you check the format?",
    "Can you move my one-to-one with {person} to {rel}?",
    "Tell {first} that the server handover is now {rel}.",
    "Please let {email2} know the parcel will arrive {rel}.",
    "Cards {card} and {card2} both belong to {person}; merge the two customer profiles.",
]

PLAIN = [
    "Summarise the attached travel policy in five bullet points.",
    "Write an Excel formula that counts cells in column C greater than 100.",
    "Draft a short announcement that the office kitchen is being cleaned.",
    "What is the difference between a purchase order and an invoice?",
    "Rewrite this paragraph so it is easier to read for new starters.",
    "Give me three subject lines for a newsletter about cybersecurity awareness.",
    "How do I share a folder in OneDrive with my team?",
    "Create a checklist for onboarding a new contractor.",
    "Explain our expense approval process in plain language.",
    "What's a polite way to decline a meeting invitation?",
    "Turn these bullet points into a paragraph for the board report.",
    "How do I set up a mail merge in Word?",
    "Suggest a structure for a post-incident review document.",
    "Which fields are mandatory on a supplier onboarding form?",
    "Make this customer apology sound less defensive.",
    "Write a job advert for a junior data analyst.",
    "What is a reasonable response target for priority two tickets?",
    "Explain the difference between VAT-inclusive and VAT-exclusive prices.",
    "Create a pivot table that summarises sales by region.",
    "Draft talking points for a team meeting about the new expense tool.",
    "How should I store printed payslips securely?",
    "Give me a template for a performance review self-assessment.",
    "What information should a support ticket always contain?",
    "How do I recover a deleted email in Outlook?",
    "Summarise the main risks of using personal USB drives at work.",
    "Write a short FAQ about the new hybrid working policy.",
    "Rephrase this rejection email for an unsuccessful candidate.",
    "Explain what a purchase requisition is.",
    "Create a table comparing the three laptop models we shortlisted.",
    "What should be in a data processing agreement?",
    "Draft an internal note asking everyone to lock their screens when away from their desks.",
    "How do I calculate the average of a filtered range in Excel?",
    "List good practices for writing clear meeting minutes.",
    "Write a reminder to submit timesheets.",
    "Explain the difference between a credit note and a refund.",
    "Draft a message thanking the support team for their help with the migration.",
    "How do I export contacts from the CRM to a CSV file?",
    "Suggest ways to reduce paper use in the office.",
    "Summarise this article about supply chain risk for a non-technical audience.",
    "Which approval is needed before buying software with a company card?",
]

HARD = [
    # version numbers (none of them parses as a dotted-quad IPv4 address)
    "Upgrade the agent to v2.14.3 before applying the new config.",
    "The crash only happens on Windows build 10.0.19045, not on 10.0.22631.",
    "Pin the dependency to version 4.2.1-rc2 of the SDK.",
    "Our client library moved from 3.11.0 to 3.12.1; is the API compatible?",
    "The About dialog shows build 10.0.22631.3880; is that the latest?",
    "Why does npm install pull lodash 4.17.21 twice?",
    "The Python wheel is named enclave-0.9.3-py3-none-any.whl.",
    "The Git tag release-2.8.0 points at commit {git7}.",
    "Enable TLS 1.3 and disable TLS 1.0 on the load balancer.",
    "Rebuild the index with BM25 parameters k1=1.2 and b=0.75.",
    # identifiers and hashes
    "What does the request id {uuid} in the error message refer to?",
    "The HTTP header X-Correlation-ID: {uuid} appears in every failed call.",
    "Revert commit {git7} and cherry-pick {git40} onto the release branch.",
    "The SHA-256 of the installer is {sha256}; how do I verify it on my laptop?",
    "The Docker image digest is sha256:{sha256}.",
    "Compare the SHA-1 {sha1} with the one on the release page.",
    "Check the container ID {git12} in the output of docker ps.",
    "The SSH key fingerprint is SHA256:{b64}.",
    "Restart the Kubernetes pod named api-gateway-7d9f8b6c4d-x2kzq.",
    "The Salesforce opportunity ID is 0065g00000XyZ12AAB; can you link it in the summary?",
    "Our internal wiki page id is 884213597; can you link it?",
    "The licence key 7XK2P-9QWR4-MM3TD-8HJ6V-2CB9Y was rejected by the activation server.",
    # tickets, orders, SKUs
    "Ticket INC-20231104-0012 is still open; what's the next step?",
    "Please link {ticket} to the change request {chg}.",
    "SKU {sku} is out of stock; suggest an alternative.",
    "Order number {order} was shipped without an invoice.",
    "Please update the PO number from {po} to {po2}.",
    "Our ERP uses cost centre CC-4410-22 for the IT department.",
    "Model AX-4411-209 replaces the older AX-3300 series.",
    "The SAP transaction code ME21N opens the purchase order screen.",
    # code identifiers, paths, ports
    "Rename getUserName to fetchDisplayName across the codebase.",
    "Set max_retry_count to 5 and backoff_factor to 2.5.",
    "Why does the API return HTTP_404_NOT_FOUND instead of a 403?",
    "The config lives in /etc/enclave/policy.yaml; what does the deny_list key do?",
    "Copy the logs from C:\\ProgramData\\Agent\\logs to the shared drive.",
    "The service listens on port 8443 and the metrics endpoint on port 9100.",
    "Add the environment variable ENCLAVE_MAX_TOKENS=4096 to the deployment.",
    "The function parse_iban_v2 throws ValueError on empty strings.",
    "Why does validate_ssn() reject an empty string instead of returning False?",
    "Explain what the column IBAN_COUNTRY_CODE stores in the payments schema.",
    "Mount the NFS share at /mnt/data/exports/finance_reports.",
    "Add an index on the column customer_id in the orders table.",
    "Increase the JVM heap from -Xmx2048m to -Xmx4096m.",
    "Run pytest -k test_vault_roundtrip -x to reproduce the failure.",
    "Grep the logs for the string 'user_id=null'.",
    "Rotate the secret named db-password-prod in Vault.",
    "The Lambda handler is app.handler and the runtime is python3.11.",
    "The regex ^[A-Z]{2}\\d{2}[A-Z0-9]{11,30}$ doesn't match lowercase input.",
    "The spreadsheet formula =VLOOKUP(A2,Sheet2!A:D,4,FALSE) returns #N/A.",
    "What does error code 0x80070005 mean in Windows Update?",
    "What does the stop code 0xC000021A mean on a blue screen?",
    "Convert the hex value 0x1F4 to decimal.",
    "Set the subnet prefix to /24 in CIDR notation for the lab network.",
    "What's the difference between float32 and bfloat16 for inference?",
    "Unicode code point U+00E9 renders incorrectly in the PDF export.",
    "Set the Kafka topic setting retention.bytes to 1073741824.",
    "The MAC address 3C:52:82:1A:7F:09 belongs to the conference phone.",
    # numbers that fail the checks of a real card / IBAN / SSN
    "The consignment number {badcard} doesn't work on the courier site.",
    "Batch ID {badcard} failed validation in the ETL job.",
    "The test fixture uses {badcard} because it deliberately fails the Luhn check.",
    "The Amex-style string {badamex} fails the checksum, so the form rejects it.",
    "The test fixture uses the dummy account string {badiban} with a deliberately wrong checksum.",
    "The import job logged {badiban} as an invalid IBAN because the check digits are wrong.",
    "Which field in the CSV holds {badiban}? It fails mod-97, so it can't be a real account.",
    "Part number {badssn} is listed twice in the bill of materials.",
    "The warehouse label {badssn} refers to rack 66, shelf 41.",
    "Cable bundle {badssn} goes to patch panel B.",
    "The placeholder 000-00-0000 shows up in the form preview.",
    # phone-like serials
    "Serial number SN 4471-2290-1183 is printed on the back of the scanner.",
    "Error E1102-00-4471 appears on the label printer display.",
    "The barcode 5901234123457 is scanning as an unknown product.",
    # product and tool names that look like people or places
    "Use Windows Defender to scan the USB stick.",
    "How do I add my corporate card to Apple Pay?",
    "Share the Power BI dashboard with the finance group.",
    "The Jenkins pipeline fails at the lint stage.",
    "Can Grafana alert when the queue depth exceeds 500?",
    "Create a Jira filter for bugs labelled 'payments'.",
    "Microsoft Teams keeps asking me to sign in again.",
    "Install Ruby on Rails and Django on the build agent.",
    "The project code name is Phoenix and the mobile app is called Atlas.",
    "Use the Helvetica font for headings and Georgia for body text.",
    "Our printers are from Brother and Lexmark; which driver do I need?",
    "Deploy the Django app behind Gunicorn with four workers.",
    "Is the Dell Latitude 7440 supported by our imaging tool?",
    "The Jackson library failed to deserialise the JSON payload.",
    "Set up Morgan logging middleware in the Express app.",
    "Install the Selenium and Chrome drivers on the test runner.",
    "Check the Alexa skill configuration for the reception desk.",
    "Is Siri or Cortana better for dictating notes?",
    "The Ada compiler and the Julia runtime are both on the build image.",
    "Our meeting rooms are named Everest, Kilimanjaro and Denali; book one for the workshop.",
    "How do I configure Outlook rules to move newsletters into a folder?",
    "Does the Marshall speaker in the boardroom support Bluetooth pairing?",
]


def main() -> None:
    rows, seen = [], set()
    for tpl in POSITIVE:
        for _ in range(2):
            text, ents = render(tpl)
            while text in seen:  # short templates can repeat; draw new values
                text, ents = render(tpl)
            seen.add(text)
            rows.append({"text": text, "entities": ents, "hard_negative": False})
    rows += [{"text": t, "entities": [], "hard_negative": False} for t in PLAIN]
    for tpl in HARD:
        text, ents = render(tpl)
        assert not ents, tpl
        rows.append({"text": text, "entities": [], "hard_negative": True})
    rng.shuffle(rows)
    with OUT.open("w", encoding="utf-8") as fh:
        for i, row in enumerate(rows, 1):
            fh.write(json.dumps({"id": f"p{i:03d}", **row}, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()

"""The limits of everything a proposal or receipt may hold: one table for the laptop and head office.

Pure (stdlib and `app.rules` only).  The JSON reader (`app.rules.wire_json`), the forms'
`from_json` (`app.rules.proposal`, `app.rules.receipt`) and the signature rules
(`app.rules.signature`) all read their numbers here, and the laptop checks a form it built
itself by reading it back the way head office does, so a laptop never queues a document
head office would refuse.  A limit is an envelope around what a real form holds: inside it,
the business rules (P…, R…) judge the values; outside it, the value is a slip or an attack
and is refused before any rule runs.

| What                                   | Limit                     | Why |
|----------------------------------------|---------------------------|-----|
| JSON nesting                           | 32 levels                 | the deepest document (a signature's points) has 5 |
| JSON integers                          | abs(n) <= 2**53           | exact in every JSON reader (JavaScript, float-based tools) |
| JSON numbers                           | finite                    | 1e400 is infinity in Python, and no number we keep |
| text                                   | no NUL, no lone surrogate | PostgreSQL refuses NUL; a lone surrogate is not UTF-8 |
| ids (`id`, `proposal_id`)              | canonical UUID text       | what the laptop makes: str(uuid4()), 36 characters |
| dates                                  | 1900-01-01 to 2100-12-31  | birth dates of living people to deadlines of any policy |
| names, account holder, manager's name  | 50 characters             | as the client card (`client_card.check_card`) |
| ID numbers                             | 40 characters             | resident ID 18, passports 5-20, room for typed spaces |
| phones                                 | 30 characters             | 11 digits, or area code, number, extension, separators |
| address                                | 200 characters            | a full Chinese address is well under 100 |
| occupation, product name, paying bank  | 100 characters            | the longest branch names are about 30 |
| product code, manager code             | 40 characters             | head office's manager codes are 1-40 (`store.MANAGER_CODE`) |
| payment account                        | 64 characters             | 10-30 digits (P020) with the spaces people type |
| chosen values (gender, ID type, relation, payment mode, MIME type, SHA-256 hex) | 64 characters | the rules check them against their lists |
| policy number                          | 64 characters             | R010 asks for 40; this only stops junk |
| health answers                         | 100 answers; key 64, text 500 characters; numbers abs(n) <= 1,000,000 | the form asks 4 questions |
| beneficiaries                          | 20                        | a paper form has room for 4-6 |
| sum insured, premium (fen)             | 0 to 10**12 (10 billion yuan) | far above any bank-insurance policy, far below 2**53; P017 asks > 0 |
| payment years                          | 1 to 100                  | the editor offers 1-100; single payment has none (P018) |
| pregnancy weeks                        | -52 to 45                 | as the editor offers; P040 judges the window |
| beneficiary order                      | 1 to 10                   | the editor offers 1-9; P034 asks for no gaps |
| share (basis points)                   | 1 to 10000                | rule P032 |
| cooling-off days                       | 0 to 366                  | R008 asks for 15-60 |
| scan                                   | 1 byte to 10 MiB          | `receipt.MAX_SCAN_BYTES` |
| signature: stored strokes text         | 1,000,000 characters      | 20,000 points of at most about 40 characters |
| signature: pad width and height        | 1 to 10,000 px            | the pad is about 480 x 200 |
| signature: strokes; points in all      | 200; 20,000               | a long signature has some 30 strokes and 3,000 points |
| signature: x, y                        | -100,000 to 100,000 px    | a drag may leave the pad, never the screen |
| signature: time of a point             | 0 to 86,400,000 ms        | a day from the first point |
| signature: pen pressure                | 0 to 1                    | as Qt reports it |

Codes: J005 (a value outside its list or pattern: here an id that is not a UUID), J006 (not
text), J007 (a number or date out of range), J008 (text too long), J009 (too many items).
"""  # noqa: E501 - the table's rows

from __future__ import annotations

import json
import re
from datetime import date

from app.rules.money import yuan_text
from app.rules.problem import Problem

Label = tuple[str, str]  # how a message names the field, in English and Chinese

# One push's body at head office, and so the largest proposal or receipt file worth reading:
# a 10 MiB scan is about 13.4 MiB as base64 inside the JSON.
MAX_BODY_BYTES = 16 * 1024 * 1024
JSON_MAX_DEPTH = 32
JSON_MAX_INT = 2**53
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)
UUID_CHARS = 36
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# NUL and UTF-16 surrogates: a decoded JSON string holds a surrogate only when it was alone.
NOT_TEXT = re.compile("[\x00\ud800-\udfff]")

NAME_CHARS = 50
ID_NUMBER_CHARS = 40
PHONE_CHARS = 30
ADDRESS_CHARS = 200
LONG_NAME_CHARS = 100  # occupation, product name, paying bank
CODE_CHARS = 40  # product code, manager code
ACCOUNT_CHARS = 64
CHOICE_CHARS = 64
POLICY_NUMBER_CHARS = 64
ANSWER_KEY_CHARS = 64
ANSWER_TEXT_CHARS = 500
STROKES_JSON_CHARS = 1_000_000

HEALTH_ANSWERS = 100
BENEFICIARIES = 20

ANY_INT = (-JSON_MAX_INT, JSON_MAX_INT)
AMOUNT_CENTS = (0, 10**12)
PAYMENT_YEARS = (1, 100)
PREGNANCY_WEEKS = (-52, 45)
BENEFICIARY_ORDER = (1, 10)
ANSWER_NUMBER = (-1_000_000, 1_000_000)
COOLING_OFF_DAYS = (0, 366)

PAD_PX = (1, 10_000)
POINT_PX = (-100_000, 100_000)
POINT_MS = (0, 86_400_000)
PRESSURE = (0.0, 1.0)
SIGNATURE_STROKES = 200
SIGNATURE_POINTS = 20_000


def is_text(value: str) -> bool:
    return NOT_TEXT.search(value) is None


def shown(text: str) -> str:
    """A stranger's key fit for a path or a message: itself when short and valid text,
    otherwise quoted, cut short and escaped."""
    if len(text) <= 60 and is_text(text):
        return text
    quoted = json.dumps(text if len(text) <= 60 else f"{text[:60]}…", ensure_ascii=False)
    return quoted.encode("utf-8", "backslashreplace").decode("utf-8")  # a lone surrogate as \ud800


def text_problem(value: str, path: str, most: int, label: Label) -> Problem | None:
    """J006 for a NUL or lone surrogate, J008 past `most` characters, None when fine."""
    if not is_text(value):
        return Problem(path, "J006_bad_text",
                       f"{label[0]} holds a character that is not text (NUL or a lone surrogate).",
                       f"{label[1]}含有无效字符（NUL 或不成对的代理字符）。")  # fmt: skip
    if len(value) > most:
        return Problem(path, "J008_too_long", f"{label[0]} has at most {most:,} characters (has {len(value):,}).",
                       f"{label[1]}最多 {most:,} 个字符（现有 {len(value):,} 个）。")  # fmt: skip
    return None


def range_problem(value: float, path: str, bounds: tuple[float, float], label: Label) -> Problem | None:
    low, high = bounds
    if low <= value <= high:
        return None
    return Problem(path, "J007_out_of_range", f"{label[0]} must be from {low:,} to {high:,}.",
                   f"{label[1]}应在 {low:,} 至 {high:,} 之间。")  # fmt: skip


def amount_problem(value: int, path: str, bounds: tuple[int, int], label: Label) -> Problem | None:
    """As `range_problem`, for an amount in fen, told in yuan as the form shows it."""
    low, high = bounds
    if low <= value <= high:
        return None
    return Problem(path, "J007_out_of_range", f"{label[0]} must be from {yuan_text(low)} to {yuan_text(high)} yuan.",
                   f"{label[1]}应在 {yuan_text(low)} 至 {yuan_text(high)} 元之间。")  # fmt: skip


def date_problem(value: date, path: str, label: Label) -> Problem | None:
    if FIRST_DAY <= value <= LAST_DAY:
        return None
    return Problem(path, "J007_out_of_range", f"{label[0]} must be from {FIRST_DAY} to {LAST_DAY}.",
                   f"{label[1]}应在 {FIRST_DAY} 至 {LAST_DAY} 之间。")  # fmt: skip


def count_problem(count: int, path: str, most: int, label: Label) -> Problem | None:
    if count <= most:
        return None
    return Problem(path, "J009_too_many", f"{label[0]}: at most {most:,} (has {count:,}).",
                   f"{label[1]}最多 {most:,} 项（现有 {count:,} 项）。")  # fmt: skip


def uuid_problem(value: str, path: str, label: Label) -> Problem | None:
    if UUID_TEXT.fullmatch(value):
        return None
    return Problem(path, "J005_bad_value",
                   f"{label[0]} must be a UUID in lower case, like 6f1c2a4e-9b7d-4c3e-8a15-2d0f4b6e8c91.",
                   f"{label[1]}应为小写的 UUID，例如 6f1c2a4e-9b7d-4c3e-8a15-2d0f4b6e8c91。")  # fmt: skip

"""Russian and Ukrainian sentences → triggers, attribution, dates and places, from ``lexicon_cyr``.

The pipeline calls these in place of the English rules when a document is in Russian or Ukrainian;
what they return has the English rules' shapes (``Trigger``, ``Attribution``, ``DateSpan``,
``Located``), so merging, summaries and output are shared.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from ..gazetteer import oblast_table
from ..regions import FOCUS_CODES
from ..names import normalise
from . import lexicon_cyr as C
from .dates import DateSpan, precision_for
from ..distance import km
from ..documents import Published
from .events import Attribution, Trigger
from .places import (CAPITAL_OBLAST, LOOSE_NEAR, OUTSIDE, TOWN_ELSEWHERE, Located, Mention, far_reference,
                     oblast_located)

_CLAUSE = re.compile(r"[;:]|,\s*(?:но|а|однако|але|проте|однак)\s|\s(?:но|однако|але|проте)\s")
_WORDS_BEFORE = re.compile(r"([\w'’ʼ-]+)\s*$")


# --- clauses, negation, hedges ----------------------------------------------------------------------
def _clauses(low: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _CLAUSE.finditer(low):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(low)))
    return out


def _clause_of(clauses, pos: int) -> tuple[int, int]:
    for s, e in clauses:
        if s <= pos < e:
            return s, e
    return clauses[-1]


# "Инцидент произошёл в селе X", "Трагедія сталася у Y": where the event just told happened
INCIDENT = re.compile(r"(?<![\w'’ʼ-])(?:инцидент|происшествие|трагеди[яи]|случилось|произошл[оа]|произош[её]л|"
                      r"інцидент|трагеді[яї]|сталося|трапилося|стався|сталася|відбулося|відбувся)(?![\w'’ʼ-])")

# a sentence that steps back to earlier news ("Ранее ...", "Нагадаємо, ...")
BACKGROUND = re.compile(r"\W*(?:ранее|раніше|напомним|нагадаємо|до этого|до цього|кроме того,? ранее|також раніше|"
                        r"также ранее|ранее стало известно|раніше стало відомо)(?![\w'’ʼ-])")

# a sentence that opens on an earlier report ("Ранее сообщалось, что ...", "Як повідомлялося, ...", "Напомним, ...",
# "Несколько часов назад ..."):
# the incident it tells was reported before this one, so it is no retelling of the report's own incident
RECALLED = re.compile(BACKGROUND.pattern + r"|\W*(?:как|як)\s+(?:ранее\s+|раніше\s+|уже\s+|вже\s+)?(?:сообщал\w*|писал\w*|"
                      r"повідомлял\w*|інформувал\w*)(?![\w'’ʼ-])"
                      # "Несколько часов назад губернатор сообщал ...", "Кілька годин тому ...": an earlier report that day
                      r"|\W*(?:несколькими\s+часами\s+ранее|несколько\s+часов\s+назад|кілька\s+годин\s+тому|"
                      r"кількома\s+годинами\s+раніше)(?![\w'’ʼ-])")

# a count the Defence Ministry gives for the whole country ("сбили над регионами России 44 беспилотника", "над
# российскими регионами", "над девятью российскими регионами", "над территорией страны"): with no oblast of ours named, no event here
NATIONWIDE = re.compile(r"(?<![\w'’ʼ-])над\s+(?:(?:(?:\d{1,2}|[а-я]+ью|[а-я]+ю|[а-я]+мя)\s+)?(?:российскими\s+|рядом\s+)?регионами(?:\s+(?:россии|рф|страны))?|"
                        r"территори(?:ей|ями)\s+(?:россии|рф|страны|ряда\s+регионов|[\w-]+\s+(?:края|республики))|"
                        r"россией)(?![\w'’ʼ-])")

# a count of strikes or of places struck ("23 населені пункти", "87 обстрілів", "в 12 громадах"): a tally
TALLY = re.compile(r"(?<![\d.,:])\d{1,4}\s+(?:населен|населён|пункт|громад|общин|обстр|удар|вибух|взрыв|атак|прил[еёі]т|"
                   r"прильот|раз(?:а|ів|ы)?(?![\w'’ʼ-])|сел|міст|город)")

# "Об этом заявили в Минобороны", "Про це повідомив голова ОВА": who told the sentence before
SAID_OF_BEFORE = re.compile(r"\W*(?:об\s+этом|о\s+ч[её]м|про\s+це|про\s+що|такие\s+данные|такі\s+дані|"
                            r"эту\s+информацию|цю\s+інформацію)(?![\w'’ʼ-])")

_NOT_AFTER = re.compile(r"\W*(?:\w+\s+){0,2}?(?:не\s+было|не\s+було|не\s+зафиксирован\w*|не\s+зафіксовано|"
                        r"не\s+произош\w+|не\s+відбул\w*|не\s+состоял\w*)")


def _negated(lex: C.Lexicon, low: str, start: int, end: int) -> bool:
    """"не"/"ні" among the two words right before the trigger, or "не было" just after it."""
    words = low[max(0, start - 24):start].split()[-2:]
    if len(words) == 2 and words[0] in ("не", "ні") and words[1].startswith(_LET):
        return False  # "не дали прорваться", "не позволили перейти границу": an attempt stopped, told
    return any(w in lex.negation.words for w in words) or _NOT_AFTER.match(low, end) is not None


_LET = ("дал", "дава", "позвол", "допуст", "дозвол")


_SPEAKER_COLON = re.compile(r"\s*(?:[\w'’ʼ.-]+\s+){0,3}[\w'’ʼ.-]+\s*:\s")
_SPEAKER_DASH = re.compile(r"(?m)[ \t][–—-][ \t]*((?:[\w'’ʼ.-]+[ \t]+){0,3}[\w'’ʼ.-]+)[ \t]*[.!]?[ \t]*$")


def find_attribution(lex: C.Lexicon, text: str, low: str, keys) -> Attribution | None:
    """Who says it: a known claimant (named in English) when a speech word or phrase is there."""
    sm = lex.speech.search(low, keys)
    start, upto = 0, len(low)
    if sm is None:
        # "Сирський: ...", "Губернатор: ...": a headline or a line giving its speaker before a colon
        colon = _SPEAKER_COLON.match(low) if ":" in low[:60] else None
        # "Ворог обстріляв п'ять громад – ОВА", "... — DeepState": a Ukrainian headline naming its source last
        dash = _SPEAKER_DASH.search(low) if colon is None and lex.language == "uk" \
            and ("–" in low or "—" in low or " -" in low) else None
        if colon is None and dash is None:
            return None
        start, upto = (0, colon.end()) if colon is not None else dash.span(1)
    best = None
    for rec in lex.claimants:
        m = rec.search(low, keys) if start == 0 and upto == len(low) else rec.regex.search(low, start, upto)
        if m is not None and (best is None or m.start() < best[1].start()):
            best = (rec, m)
            break  # the records are in order of preference
    if best is None:
        return None
    rec, m = best
    side = {C.RU_MOD: "Russian forces", "Ukrainian General Staff": "Ukrainian forces",
            "Ukrainian military": "Ukrainian forces"}.get(rec.label)
    return Attribution(rec.label, m.start(), m.end(), side)


def _actors(lex: C.Lexicon, low: str, keys) -> list[tuple[int, str, bool]]:
    """(position, actor, is_target) for each force the sentence names; "по X" after a strike names a target."""
    out = []
    for rec in lex.actors:
        for m in rec.finditer(low, keys):
            before = low[max(0, m.start() - 20):m.start()].split()[-2:]
            target = bool(before) and before[-1] in ("по", "против", "на", "проти", "позиціях", "позициям",
                                                    "позиції", "позиции", "позициях")
            out.append((m.start(), rec.label, target))
    out.sort()
    return out


# a count of a force's losses after the loss word ("потеряли до 230 военнослужащих", "втрати склали понад 1000
# осіб"), and no civilians or property among them
_LOSS_COUNT = re.compile(r"\W+(?:[\w'’ʼ-]+\W+){0,5}?(?:до\s+|свыше\s+|более\s+|около\s+|понад\s+|близько\s+|майже\s+)?"
                         r"\d[\d\s]*\s*(?:тыс\w*\.?\s+(?:\d{3}\s+)?|тис\w*\.?\s+(?:\d{3}\s+)?)?(?:своих\s+|своїх\s+|украинск\w+\s+|українськ\w+\s+)?"
                         r"(?:военнослужащ\w*|военн\w*|человек|солдат\w*|боевик\w*|бойц\w*|бійц\w*|"
                         r"військовослужбов\w*|військов\w*|осіб|особ\w*|людей|окупант\w*|бойовик\w*|вояк\w*|"
                         r"убитыми|убитих|вбитих|вбитими|ранеными|пораненими|загиблими|танк\w*|единиц\w*|одиниц\w*)")
_CIVILIAN = re.compile(r"мирн\w+|цивільн\w+|гражданск\w+\s+(?:лиц|населен|жител)|населени\w+|населенн\w+|жител\w+|мешкан\w+|"
                       r"дет(?:ей|и)|діт\w+|электроэнерг\w+|електроенерг\w+|связ\w+|зв'яз\w+|зв’яз\w+|контрол\w+|"
                       r"урожа\w+|врожа\w+|работ\w*|робот\w*")


# a Ukrainian count of a force's killed and wounded: the kill or wound word next to the troops it counts
_FORCE_HURT = re.compile(r"(?<![\w'’ʼ-])(?:убит|вбит|поранен|загибл|ліквідован)\w*(?:\s+(?:та|і|й|або|чи)\s+"
                         r"(?:убит|вбит|поранен|загибл|ліквідован)\w*)?(?:\s+[\w'’ʼ-]+){0,2}?\s+"
                         r"(?:військов\w*|солдат\w*|бійц\w*|бійців|військовослужбов\w*|окупант\w*|вояк\w*)"
                         r"|(?<![\w'’ʼ-])(?:військов\w*|солдат\w*|бійц\w*|бійців|військовослужбов\w*)(?:\s+[\w'’ʼ-]+){0,5}?"
                         r"\s+(?:(?:були|було|є)\s+)?(?:убит|вбит|поранен|загинул|загинуло)\w*")
_HURT_COUNT = re.compile(r"\d|тисяч|тис\.|сотн|сотень|десят")


def _force_hurt(low: str):
    """The words of a Ukrainian sentence that count a force's killed or wounded (``_FORCE_HURT``, with a number
    and no civilians), or None."""
    if not ("поранен" in low or "убит" in low or "вбит" in low or "загиб" in low or "загину" in low or "ліквідов" in low):
        return None
    m = _FORCE_HURT.search(low)
    if m is None or _HURT_COUNT.search(low) is None or _CIVILIAN.search(low) is not None:
        return None
    return m


def _force_losses(low: str, start: int, end: int) -> bool:
    """Whether a loss word counts a force's dead and wounded ("ВСУ потеряли до 230 военнослужащих"),
    not lost power, control or harvest, nor civilians."""
    return _LOSS_COUNT.match(low, end) is not None and _CIVILIAN.search(low, max(0, start - 40), end + 80) is None


_PRISONER_COUNT = re.compile(r"(?<![\w.,])\d[\d\s]*(?!\s*(?:лет|год|рок|річ))|(?<![\w'’ʼ-])(?:двое|трое|четверо|пятеро|"
                             r"шестеро|семеро|десятки|сотни|двоє|троє|четверо|п'ятеро|п’ятеро|десятки|сотні|"
                             # "Два военнослужащих ВСУ сдались в плен", "шесть украинских военных": a cardinal in words
                             r"два|две|двух|три|трех|трёх|четыре|четырех|четырёх|пять|пяти|шесть|шести|семь|семи|восемь|"
                             r"восьми|девять|девяти|десять|десяти|одиннадцать|двенадцать)(?![\w'’ʼ-])")
_NOT_PRISONERS = re.compile(r"обмен|обмін|обмін\w*|жител|мешкан|мирн|цивільн|гражданск")


def _prisoners_taken(low: str, start: int, end: int) -> bool:
    """Whether "в плен"/"в полон" counts a force's men taken ("8 военнослужащих ВСУ сдались в плен", "взяли в
    полон 594 військових"), not an exchange of prisoners nor civilians taken."""
    window = low[max(0, start - 60):end + 60]
    return _PRISONER_COUNT.search(window) is not None and _NOT_PRISONERS.search(low) is None


# an outage told as the aftermath of an attack ("унаслідок атаки знеструмлено", "из-за удара без света остались")
# (and "сталося відключення світла", "произошло отключение электроэнергии": the same outage told as a noun)
_OUTAGE = re.compile(r"знеструм\w*|без\s+(?:світла|електро\w*|света|электр\w*|электроснабжени\w*)|обесточ\w*|"
                     r"(?:відключенн|вимкненн)\w*\s+(?:світла|електро\w*)|отключени\w*\s+(?:света|электр\w*)|"
                     r"не\s+(?:отриму|получа)\w*\s+(?:електр|электр)\w*")
_AFTERMATH_BEFORE = re.compile(r"(?:унаслідок|внаслідок|в\s+результаті|в\s+результате|из-за|через|[ув]\s+зв['’ʼ]язку\s+(?:з|із|зі)|"
                               r"в\s+связи\s+с)\s+(?:[\w'’ʼ-]+\s+)?$")
_TARGET_AFTER = re.compile(r"\s+(?:[\w'’ʼ-]+\s+){0,3}?(?:на|по)\s+[А-ЯЁІЇЄҐ]")
# an attack word right before a gathering of troops ("атаковали сосредоточения", "удары по скоплениям", "уразили
# скупчення"): what was hit
_HIT_BEFORE = re.compile(r"(?:атаков\w*|атакува\w*|удар\w*|поразил\w*|поражен\w*|уразил\w*|уражен\w*|по|"
                         r"нанесл\w+\s+поражени\w+)\s+(?:[\w'’ʼ-]+\s+)?$")
_PLANE_TYPE = re.compile(r"(?:самол[её]тн\w+|літаков\w+)\s+тип\w*")
_SOURCE_BEFORE = re.compile(r"(?:по\s+данным|по\s+информации|по\s+словам|по\s+оценк\w+|со\s+ссылкой\s+на|"
                            r"за\s+даними|за\s+інформацією|за\s+словами|за\s+оцінк\w+|з\s+посиланням\s+на)"
                            r"\s+(?:[\w'’ʼ-]+\s+){0,2}$")
_POLICY_DENIAL = re.compile(r"[^.;]{0,120}?(?:цивільн|мирн|гражданск)\w*")
# "Керівництво Росії заперечує, що ...", "Кремль отрицает ...": the same standing note, however the page cut it
_POLICY_DENIER = re.compile(r"(?:^|\W)(?:(?:керівництво|руководство|влада|власти)\s+(?:росії|россии|рф)|кремль)\s*$")
_POSITIONS = re.compile(r"\s+(?:[\w'’ʼ-]+\s+)?(?:позиці|позици)")
# an attack "toward" places: a ground push ("атак ВСУ в направлении населённых пунктов A и B", "атаки у напрямку X")
_TOWARD = re.compile(r"(?:\s+[\w'’ʼ-]+){0,4}?\s+(?:в\s+направлении|у\s+напрямку|в\s+напрямку|в\s+сторону|у\s+бік)(?![\w'’ʼ-])")
# the repulse words of both languages (lexicon_cyr.Repulse), as a regex's alternatives
_REPULSES = tuple(C.LEXICONS[lang].repulse for lang in ("ru", "uk"))


def _repulse_words(*kinds: str) -> str:
    return "|".join(C.word_regex(w, r"\w*") for r in _REPULSES for kind in kinds for w in getattr(r, kind))


# what stopped it, before the attack word: "сорваны попытки атак", "пресечена попытка атаки", "зірвано спробу атаки"
_STOPPED_BEFORE = re.compile(r"(?:" + _repulse_words("thwarted", "beaten") + r")\s+(?:[\w'’ʼ-]+\s+){0,3}$")
# an attempt to cross the border ("прорваться через границу", "перейти границу"): an incursion
_ACROSS_BORDER = re.compile(r"\s+(?:[\w'’ʼ-]+\s+){0,2}?(?:через\s+)?(?:государственн\w+\s+)?границ")
# what a repulse stopped, when it was a crossing ("отбиты две попытки противника прорваться через госграницу"):
# the border crossing stopped, one event, not a fight beside a crossing
_STOPPED_CROSSING = re.compile(r"\s+(?:[\w'’ʼ()«»-]+\s+){0,2}?попыт\w*\s+(?:(?!и\s)[\w'’ʼ()«»-]+\s+){0,6}?"
                               r"(?:прорыв\w*|прорва\w*|перейти|пересеч\w*)"
                               r"\s+(?:[\w'’ʼ-]+\s+){0,2}?(?:через\s+)?(?:государственн\w+\s+|гос)?границ")
# the defenders' support fire named before what they repelled ("при поддержке армейской авиации и огня артиллерии")
_SUPPORT = re.compile(r"(?:при|за)\s+(?:огневой\s+|вогневої\s+)?(?:поддержке|підтримки|підтримці)(?:\s+[\w'’ʼ-]+){1,6}")
# the fire a repulse was made with, named after it ("отразила атаки ударами авиации и огнём артиллерии", "відбили
# штурм вогнем артилерії"): how the attack was stopped, part of that fighting, not a strike of its own
_REPULSE_MEANS = re.compile(r"(?<![\w'’ʼ-])(?:" + _repulse_words("done", "doing", "beaten") + r")\s+(?:[\w'’ʼ«»-]+\s+){0,4}?"
                            r"(?:ударами|огн[её]м|вогнем)(?:[\s,]+[\w'’ʼ-]+){1,8}")
_SITUATION_BEFORE = re.compile(r"(?:ситуаци|ситуаці|обстановк)\w*\s+(?:\w+\s+)?$")
_NOT_TOLD = re.compile(r"[^.;]*(?:не\s+сообщалось|не\s+сообщали|не\s+повідомлялося|не\s+повідомляли)\W*$")
_ABOUT_BEFORE = re.compile(r"(?:^|\s)(?:о|об|про)\s+(?:[\w'’ʼ-]+\s+)?$")
# "repeatedly" is a habit only when no day frames it: "в течение дня неоднократно обстреливались", "за сутки
# неоднократно атаковали", "протягом доби неодноразово", "12 июля ... неоднократно" tell that day's strikes
_REPEATED = ("неоднократ", "неодноразов", "несколько раз", "кілька разів", "декілька разів")
_DAY_TOLD = re.compile(r"(?<![\w'’ʼ-])(?:в\s+течение\s+(?:дня|суток|ночи)|протягом\s+(?:дня|доби|ночі)|за\s+(?:минувш\w+\s+|"
                       r"прошедш\w+\s+|последн\w+\s+|минул\w+\s+|останн\w+\s+)?(?:сутки|день|добу|ночь|ніч)|"
                       r"сегодня|сьогодні|вчера|вчора|ночью|вночі|уночі|минувшей\s+ночью|минулої\s+(?:доби|ночі)|"
                       r"\d{1,2}\s+(?:" + "|".join(w for lang in ("ru", "uk") for w in C.MONTHS_GEN[lang].split())
                       + r"))(?![\w'’ʼ-])")
# a short passive participle: strikes done ("удары были неоднократно нанесены по A и B", "неоднократно обстреляны")
_DONE = re.compile(r"(?<![\w'’ʼ-])\w{3,}(?:ены|ёны|аны|яны)(?![\w'’ʼ-])")
_PURPOSE_BEFORE = re.compile(r"(?<![\w'’ʼ-])(?:для|чтобы|щоб|целью|метою)\s+(?:[\w'’ʼ-]+\s+)?$")
# a place in a clause of aim ("для наступления на Сумы", "щоб атакувати Суми")
PURPOSE_PLACE = re.compile(r"(?<![\w'’ʼ-])(?:для|чтобы|щоб|с\s+целью|з\s+метою)\s+(?:[\w'’ʼ-]+\s+){1,3}$", re.I)
_TROOPS_NAMED = ("військов", "военнослужащ", "северокорейск", "північнокорейськ")  # deployment words naming, not doing
_CAPTURE = ("освоб", "звільн", "занял", "захват", "захоп", "взял", "установ", "встанов", "перешл", "перешел", "перешёл",
            "вернул", "под контроль", "под российск", "под свой", "под наш", "под полн", "під свій", "під повн",
            "перейш", "під контроль")


def find_triggers(lex: C.Lexicon, text: str, low: str, keys) -> tuple[list[Trigger], Attribution | None, bool, bool]:
    """Triggers of a sentence (one per event type), its attribution, whether it is only a claim ("якобы"),
    and whether it denies ("фейк", "спростував")."""
    attribution = find_attribution(lex, text, low, keys)
    caveat = lex.alleged.search(low, keys) is not None
    dm = lex.denial.search(low, keys)
    if dm is not None and (_POLICY_DENIAL.match(low, dm.end()) or _POLICY_DENIER.search(low, 0, dm.start())):
        # "Керівництво Росії заперечує, що завдає ударів по цивільних": an outlet's standing note on a
        # policy, neither an event nor a denial of the one reported
        return [], attribution, caveat, False
    denied = dm is not None
    clauses = None
    triggers: list[Trigger] = []
    habitual = lex.habit.search(low, keys) is not None
    usual = lex.usually.search(low, keys)  # "найчастіше ДРГ фіксуються на півночі області": what is usual, no event
    for rec in lex.triggers:
        for m in rec.finditer(low, keys):
            if clauses is None:
                clauses = _clauses(low)
            c0, c1 = _clause_of(clauses, m.start())
            if lex.hedge.regex.search(low, c0, c1) or _negated(lex, low, m.start(), m.end()):
                continue
            if usual is not None and lex.usually.regex.search(low, c0, c1):
                continue
            if attribution and attribution.start <= m.start() < attribution.end:
                continue
            if rec.sub == "casualties" and not _force_losses(low, m.start(), m.end()):
                continue
            if rec.label == "other" and ("плен" in m.group() or "полон" in m.group()) \
                    and not _prisoners_taken(low, m.start(), m.end()):
                continue
            if rec.label == "drone_reconnaissance" and _SOURCE_BEFORE.search(low, max(0, m.start() - 40), m.start()):
                continue  # "по данным разведки", "за даними розвідки": who says it, not a flight
            if rec.label == "ground_assault" and m.group().startswith(("под контрол", "під контрол")) \
                    and _SITUATION_BEFORE.search(low, max(0, m.start() - 30), m.start()):
                continue  # "держу ситуацию под контролем": a governor's reassurance, not a capture
            if ("не сообщ" in low or "не повідомл" in low) and _NOT_TOLD.search(low, m.end()) \
                    and _ABOUT_BEFORE.search(low, max(0, m.start() - 24), m.start()):
                continue  # "о попытках прорыва ... не сообщалось": what nobody reported
            if rec.label == "strike" and habitual and (h := lex.habit.regex.search(low, c0, c1)) is not None \
                    and not (h.group().startswith(_REPEATED) and (_DAY_TOLD.search(low) or _DONE.search(low, c0, c1))):
                # ("в течение дня неоднократно обстреливались A и B", "17 мая ... неоднократно атаковали": strikes
                # repeated within a day the sentence names are that day's events)
                # "регулярно обстреливают", "постійно потерпають від обстрілів", "збільшення кількості
                # авіаударів": a habit or a trend, not one event
                continue
            if rec.label == "ground_assault" and _PURPOSE_BEFORE.search(low, max(0, m.start() - 30), m.start()):
                continue  # "стягивают силы для наступления", "щоб продовжити наступ": an aim, not a fight
            if rec.label == "ground_assault" and rec.sub == "offensive" and _ZONE_AIM.search(low, c0, c1):
                continue  # "зона безопасности должна быть расширена", "назвал её создание важной задачей": an aim
            if rec.label == "ground_assault" and lex.language == "ru" and _in_tally_frame(low, m.start()):
                continue  # "с начала боёв в Курской области ВСУ потеряли ...": the tally's span, not a fight
            if rec.label == "deployment" and _HIT_BEFORE.search(low, max(0, m.start() - 40), m.start()):
                continue  # "атаковали сосредоточения живой силы", "удар по скоплению": a target, not a deployment
            if rec.label == "ground_assault" and not m.group().startswith(_CAPTURE):
                # "в ходе наступательных действий освобождены A, B и C": the capture word says what happened
                later = next((n for n in rec.regex.finditer(low, m.end()) if n.group().startswith(_CAPTURE)
                              and not _negated(lex, low, n.start(), n.end())), None)
                m = later or m
            if rec.label == "ground_assault" and m.group().startswith("штурмов"):
                # "штурмові групи намагаються просунутися": the verb says what the assault groups do
                m = next((n for n in rec.regex.finditer(low, m.end()) if not n.group().startswith("штурмов")
                          and not _negated(lex, low, n.start(), n.end())
                          and not _PURPOSE_BEFORE.search(low, max(0, n.start() - 30), n.start())), m)
            elif rec.label == "deployment" and m.group().startswith(_TROOPS_NAMED):
                # "військові КНДР перебувають на території ...": the verb says what the troops do
                m = next((n for n in rec.regex.finditer(low, m.end()) if not n.group().startswith(_TROOPS_NAMED)
                          and not _negated(lex, low, n.start(), n.end())), m)
            triggers.append(Trigger(rec.label, rec.sub, m.start(), m.end(), text[m.start():m.end()]))
            break
    if lex.language == "uk" and not any(t.sub_type == "casualties" for t in triggers) \
            and (hit := _force_hurt(low)) is not None:
        # "кількість загиблих і поранених солдатів КНДР сягнула двох тисяч", "кілька сотень
        # військових КНДР були вбиті або поранені": a force's losses, not troops arriving
        triggers = [t for t in triggers if not (t.event_type == "deployment" and t.word.lower().startswith(_TROOPS_NAMED))]
        triggers.append(Trigger("other", "casualties", hit.start(), hit.end(), text[hit.start():hit.end()]))
    if lex.language == "ru" and _APART_GATE.search(low) and any(t.event_type == "ground_assault" for t in triggers):
        # "нанесли поражение ВСУ, отразили пять контратак и не дали перейти границу": each kind of fight its own
        triggers += _other_fights(lex, text, low, triggers, clauses or _clauses(low))
    if lex.language == "ru" and ("уничтож" in low or "ликвид" in low or "подавл" in low):
        triggers = _destroyed_targets(text, low, triggers)
    if not triggers:
        # "У Великописарівській громаді поранена жінка": in a summary by hromadas the dead or wounded are
        # a strike's (elsewhere a casualty sentence without an attack word is a recap or a comment)
        for rec in (lex.killed, lex.wounded) if ("громад" in low or "общин" in low) else ():
            m = rec.search(low, keys)
            if m is not None and not _negated(lex, low, m.start(), m.end()) \
                    and not lex.hedge.regex.search(low, *_clause_of(_clauses(low), m.start())):
                triggers.append(Trigger("strike", "shelling", m.start(), m.end(), text[m.start():m.end()]))
                break
    if not triggers:
        return [], attribution, caveat, denied
    if len(triggers) == 1 and ("світл" in low or "свет" in low or "струм" in low or "обесточ" in low or "електр" in low
                               or "электр" in low) and _OUTAGE.search(low) \
            and _AFTERMATH_BEFORE.search(low, max(0, triggers[0].start - 24), triggers[0].start) \
            and not _TARGET_AFTER.match(text, triggers[0].end):  # ("унаслідок атаки на Білопілля": the target told)
        # "Унаслідок атаки знеструмлено частину Білопільської громади": where the power went out after the
        # attack told before, not where it struck
        return [], attribution, caveat, denied
    if len(triggers) > 1 and any(t.event_type == "deployment" for t in triggers):
        # "ворог накопичує штурмові групи біля X": assault groups massing are a deployment, not an assault
        triggers = [t for t in triggers if not (t.event_type == "ground_assault" and t.word.lower().startswith("штурмов"))]
    found = _actors(lex, low, keys)
    weapons = [rec.label for rec in lex.weapons if rec.search(low, keys)]
    # "при поддержке авиации и огня артиллерии отражены атаки штурмовых групп": the defenders' support fire
    # is not what the attackers used; the attacks stay ground fighting
    # (armour is no fire: tanks and APCs in an attack or in a losses list are ground fighting's)
    fire_used = [w for w in weapons if w != "armour"]
    if weapons and ("поддерж" in low or "підтрим" in low) and (sup := _SUPPORT.search(low)) is not None:
        rest = low[:sup.start()] + " " + low[sup.end():]
        fire_used = [rec.label for rec in lex.weapons if rec.label in fire_used and rec.regex.search(rest)]
    if weapons and (means := _REPULSE_MEANS.search(low)) is not None:
        # "отразила атаки ударами авиации ...": the strike words inside the means go with the repulse
        inside = range(means.start(), means.end())
        triggers = [t for t in triggers if not (t.event_type == "strike" and t.start in inside)]
        rest = low[:means.start()] + " " + low[means.end():]
        fire_used = [rec.label for rec in lex.weapons if rec.label in fire_used and rec.regex.search(rest)]
    if len(triggers) > 1 and not fire_used and any(t.event_type == "ground_assault" for t in triggers):
        # "отразили три атаки штурмовых групп", "відбили атаку піхоти": the attacks are the ground fighting
        # told, not a strike, when no weapon of fire is named
        triggers = [t for t in triggers if not (t.event_type == "strike" and t.word.lower().startswith("атак"))]
    if not fire_used:
        # "ворог 8 разів атакував позиції наших військ", "атаковали позиции": an attack on positions is ground
        # fighting when no weapon of fire is named; so is one "toward" villages ("сорваны попытки атак в
        # направлении A и B")
        triggers = [Trigger("ground_assault", "assault", t.start, t.end, t.word)
                    if t.event_type == "strike" and t.word.lower().startswith("атак")
                    and (_POSITIONS.match(low, t.end) or _TOWARD.match(low, t.end))
                    and not any(o.event_type == "ground_assault" for o in triggers) else t for t in triggers]
    fire = [w for w in weapons if w in ("aircraft", "artillery", "missile", "mlrs", "glide_bomb")]
    if fire and not any(t.event_type == "strike" for t in triggers):
        # "при поддержке авиации и артиллерии нанесли поражение ...": the fire is what hit them, a strike
        triggers = [Trigger("strike", "shelling", t.start, t.end, t.word)
                    if t.event_type == "ground_assault" and t.word.lower().startswith(("нанес", "нанос"))
                    and "пораж" in t.word.lower() else t for t in triggers]
    if "aircraft" in weapons and _PLANE_TYPE.search(low):
        # "дроны самолётного типа", "БпЛА літакового типу": fixed-wing drones, not aircraft
        weapons = [w for w in weapons if w != "aircraft"] + ([] if "drone" in weapons else ["drone"])
    if "drone" in weapons and ("fpv_drone" in weapons or "quadcopter" in weapons):
        weapons.remove("drone")
    for t in triggers:
        subject = [a for pos, a, target in found if not target]
        t.actors = list(dict.fromkeys(subject))
        t.subject = bool(subject)
        t.targets = list(dict.fromkeys(a for pos, a, target in found if target and a not in t.actors))
        t.weapons = list(weapons)
        t.disputed = denied
        word = t.word.lower()
        if t.event_type == "strike":
            for weapon, sub in C.SUB_TYPE_BY_WEAPON:
                if weapon in weapons:
                    t.sub_type = sub
                    break
        elif t.event_type == "ground_assault":
            if word.startswith(("освоб", "звільн", "контр")):
                t.sub_type = "counteroffensive"
            elif word.startswith(("вторж", "вторг", "дрг", "диверс")) or (
                    lex.language == "ru" and (word.startswith(("перейти", "пересеч")) or _ACROSS_BORDER.match(low, t.end)
                                              or _crossing_stopped(low, t))):
                t.sub_type = "incursion"
            elif word.startswith(("бо", "зіткн", "столкн")):
                t.sub_type = "armed_clash"
            elif word.startswith("наступ"):
                t.sub_type = "offensive"
            if word.startswith(("отраз", "отраж", "отби", "відби")) or _STOPPED_BEFORE.search(low, max(0, t.start - 40), t.start):
                t.outcome = "stopped"
            elif word.startswith(_CAPTURE + ("продвин", "просун", "переход")):
                t.outcome = "gained ground"
        elif t.event_type == "drone_reconnaissance":
            t.weapons = [w for w in weapons if w in ("quadcopter", "fpv_drone", "drone")] or ["drone"]
            if word.startswith(("коррект", "коригу")):
                t.sub_type = "fire_adjustment"
        elif t.event_type == "deployment":
            if word.startswith(("отвел", "отвод", "вывод", "выведен", "відвел", "відвод", "відвед", "виведен")):
                t.sub_type = "withdrawal"
            elif word.startswith(("подкреп", "підкріп")):
                t.sub_type = "reinforcement"
            elif word.startswith(("переброс", "перекин", "перекид", "передисл")):
                t.sub_type = "redeployment"
            elif word.startswith(("наход", "размещ", "размест", "присутс", "перебува", "знаход", "розміщ", "розміст",
                                  "присутн")):
                t.sub_type = "presence"
    return triggers, attribution, caveat, denied


# what fire destroys, not ground fighting: depots, positions, strongpoints, command and drone control posts, bases,
# firing points, drones ("ликвидированы склады боеприпасов в районе X", "уничтожены три пункта управления
# беспилотниками", "опорные пункты ВСУ уничтожены в ... громадах"); a sabotage group or armour lost stays as it was
_TARGET_NOUN = (r"(?:склад\w*|позици\w*|опорн\w+\s+пункт\w*|пункт\w*\s+(?:управлени|временн|дислокаци)\w*|"
                r"баз[аыуе]|баз|базами|огнев\w+\s+точ\w*|командн\w+\s+пункт\w*|штаб\w*|блиндаж\w*|"
                r"беспилотн\w+\s+летательн\w+|бпла|беспилотник\w*|дрон\w*|пусков\w+\s+установ\w*|"
                r"радиолокацион\w+\s+станци\w*|станци\w+\s+(?:рэб|радиоэлектрон)\w*)(?![\w'’ʼ-])")
_DESTROY_WORD = r"(?:уничтож\w*|ликвидир\w*|ликвидирова\w*|подавлен\w*|подавил\w*)(?![\w'’ʼ-])"
_DESTROYED = re.compile(rf"(?<![\w'’ʼ-]){_DESTROY_WORD}(?:\s+[\w'’ʼ«»\"-]+){{0,5}}?\s+{_TARGET_NOUN}"
                        rf"|(?<![\w'’ʼ-]){_TARGET_NOUN}(?:\s+[\w'’ʼ«»\"-]+){{0,5}}?\s+{_DESTROY_WORD}")


def _destroyed_targets(text: str, low: str, triggers: list[Trigger]) -> list[Trigger]:
    """A Russian report of depots, positions or drones destroyed is a strike: added when no strike was found, and in
    place of the ground fighting "ликвидированы" would otherwise tell."""
    m = _DESTROYED.search(low)
    if m is None:
        return triggers
    rest = [t for t in triggers if not (t.event_type == "ground_assault" and m.start() <= t.start < m.end())]
    if any(t.event_type == "strike" for t in rest):
        return rest
    return [Trigger("strike", "shelling", m.start(), m.end(), text[m.start():m.end()])] + rest


def fight_kind(low: str, start: int, end: int) -> str:
    """What a Russian ground-fighting word tells: a border crossing tried, an attack stopped, ground taken, or
    fighting (the Defence Ministry's summary tells each as an event of its own)."""
    word = low[start:end]
    if word.startswith(("перейти", "пересеч")) or _ACROSS_BORDER.match(low, end):
        return "border"
    if word.startswith(("отраз", "отраж", "отби")) or _STOPPED_BEFORE.search(low, max(0, start - 40), start) \
            or _REPELLED_BEFORE.search(low, max(0, start - 40), start):
        return "stopped"
    if word.startswith(_CAPTURE):
        return "taken"
    return "fight"


_REPELLED_BEFORE = re.compile(r"(?:отразил\w*|отбил\w*|отража\w*|отбива\w*|попытк\w*)\s+(?:[\w'’ʼ-]+\s+){0,3}$")
_APART = ("stopped", "border")  # the kinds a summary tells apart from the fighting and from each other
# every word that can make a fight "stopped" or "border" (fight_kind) holds one of these
_APART_GATE = re.compile("отраз|отраж|отби|отбива|границ|перейти|пересеч|предотвра|сорва|пресе|не да|не позв|не допу|попытк")


def candidate_kind(sub_type: str, outcome: str) -> str:
    """``fight_kind`` of an event already read, from its sub-type and outcome (an incursion told, not stopped, is
    fighting)."""
    if sub_type == "incursion" and outcome == "stopped":
        return "border"
    return {"stopped": "stopped", "gained ground": "taken"}.get(outcome, "fight")


_GUNS = frozenset(("shelling", "artillery", "mlrs"))


def weapons_apart(a: str | None, a_text: str, b: str | None, b_text: str) -> bool:
    """Whether two strikes are the two halves of a governor's day summary, guns and drones ("обстреливались
    сёла A, B Глушковского района" ... "атаки дронов в сёлах C, D Глушковского района"): sub-types of the two
    kinds, each sentence saying its own kind and not the other's."""
    # the halves by the words their sentences say (a sub-type alone may be a trigger's default)
    guns, drones = (h.regex for h in C.LEXICONS["ru"].halves)
    for g, g_text, d, d_text in ((a, a_text.lower(), b, b_text.lower()), (b, b_text.lower(), a, a_text.lower())):
        if g in _GUNS and d == "drone_strike" and guns.search(g_text) and not drones.search(g_text) \
                and drones.search(d_text):
            return True
    return False


def kinds_apart(a: str, b: str) -> bool:
    """Whether two kinds of fighting (``fight_kind``) are two events of a summary: a stopped attack or border
    crossing beside anything else."""
    return a != b and (a in _APART or b in _APART)


# a repulse named as the circumstance of what a sentence tells ("в ходе отражения атаки враг лишился ...", "в
# ходе отраженных атак противник потерял ...", "під час відбиття штурму"): the fight told before, restated
_CIRCUMSTANCE_BEFORE = re.compile(r"(?<![\w'’ʼ-])(?:в\s+ходе|во\s+время|при|после|у\s+ході|в\s+ході|під\s+час|після)\s+$")
_REPULSE_NOUN = tuple(stem for r in _REPULSES for stem in r.noun_stems)


def told_before(text: str, t: Trigger) -> bool:
    """Whether ``t`` is a repulse named as the circumstance of its sentence, a restatement of one told before."""
    return t.event_type == "ground_assault" and t.word.lower().startswith(_REPULSE_NOUN) \
        and _CIRCUMSTANCE_BEFORE.search(text.lower(), max(0, t.start - 14), t.start) is not None


def _crossing_stopped(low: str, t: Trigger) -> bool:
    """Whether ``t`` is a repulse whose object is a border crossing ("отразили попытки ... прорваться через
    границу")."""
    return fight_kind(low, t.start, t.end) == "stopped" and _STOPPED_CROSSING.match(low, t.end) is not None


def _other_fights(lex: C.Lexicon, text: str, low: str, triggers: list[Trigger], clauses) -> list[Trigger]:
    """Ground-fighting words of the sentence of other kinds (``fight_kind``) than the one found, one of each."""
    first = next(t for t in triggers if t.event_type == "ground_assault")
    kinds = {fight_kind(low, first.start, first.end)}
    rec = next(r for r in lex.triggers if r.label == "ground_assault")
    out = []
    for m in rec.regex.finditer(low):
        kind = fight_kind(low, m.start(), m.end())
        if kind == "border" and _crossing_stopped(low, first) and m.start() < first.end + 120:
            continue  # "отразили попытки прорыва через границу": the crossing is what was stopped
        if kind in kinds or not any(kinds_apart(kind, k) for k in kinds) or first.start <= m.start() < first.end or m.group().startswith("штурмов") \
                or _negated(lex, low, m.start(), m.end()) or lex.hedge.regex.search(low, *_clause_of(clauses, m.start())) \
                or _PURPOSE_BEFORE.search(low, max(0, m.start() - 30), m.start()):
            continue
        kinds.add(kind)
        out.append(Trigger("ground_assault", "assault", m.start(), m.end(), text[m.start():m.end()]))
    return out


# --- casualties -------------------------------------------------------------------------------------
# counts in words ("погибли двое", "поранено трьох"); a number followed by "-летний"/"-річний" is an age
_COUNT_WORDS = {"один": 1, "одна": 1, "одного": 1, "одну": 1, "одної": 1, "одной": 1,
                "два": 2, "две": 2, "дві": 2, "двое": 2, "двоє": 2, "двух": 2, "двох": 2, "двоих": 2, "двоїх": 2,
                "три": 3, "трое": 3, "троє": 3, "трех": 3, "трёх": 3, "трьох": 3, "троих": 3, "трьох": 3,
                "четыре": 4, "четверо": 4, "чотири": 4, "чотирьох": 4, "четверых": 4, "пятеро": 5, "п'ятеро": 5, "п’ятеро": 5, "пʼятеро": 5,
                "пять": 5, "п'ять": 5, "шестеро": 6, "шість": 6, "шесть": 6,
                "оба": 2, "обе": 2, "обидва": 2, "обидві": 2, "обоє": 2,
                "семь": 7, "семеро": 7, "сім": 7, "восемь": 8, "восьмеро": 8, "вісім": 8,
                "девять": 9, "дев'ять": 9, "дев’ять": 9, "десять": 10, "десятеро": 10}
_NUMBER = (r"(\d{1,4}(?![\d-])(?!\s*(?:лет|год|рок|річ))|"
           + "|".join(sorted(map(re.escape, _COUNT_WORDS), key=len, reverse=True)) + r")(?![\w'’ʼ-])")
# one person named without a count ("погиб мирный житель", "поранено жінку")
_ONE_PERSON = (r"(?:\d{1,3}-?(?:летн|річн)\w*\s+)?(?:мирн\w+\s+|цивільн\w+\s+|місцев\w+\s+|местн\w+\s+)?"
               r"(?:мужчин[аыу]|женщин[аыу]|жител[ья]|жительниц[аыу]|пенсионер(?:а|ка|ку)?|водител[ья]|"
               r"чоловік(?:а)?|жінк[аиу]|мешкан(?:ець|ця|ка|ку)|пенсіонер(?:а|ка|ку)?|водій|водія|"
               r"реб[её]н(?:ок|ка)|подрост(?:ок|ка)|дитин[аиу]|підліт(?:ок|ка)|военнослужащ(?:ий|его)|"
               r"військов(?:ий|ого)|боец|бойца|людина|людину|человек)(?![\w'’ʼ-])")


# the next person after one named, joined by "и"/"та" ("... житель и его сын", "жінка та її чоловік"); after a
# comma a person starts a clause of their own ("загинула жінка, чоловік поранений")
_AND_PERSON = re.compile(r"(?:\s+(?:и|і|та|й)\s+)(?:(?:его|ее|её|його|її|их|їх)\s+)?(?:"
                         + _ONE_PERSON + r"|(?:\d{1,3}-?(?:летн|річн)\w*\s+)?(?:сын|сына|син|сина|дочь|дочка|донька|"
                         r"мать|мати|отец|батько|муж|жена|дружина|брат|сестра|внук|внучка|онук|онука)(?![\w'’ʼ-]))")


@lru_cache(maxsize=8)
def _casualty_patterns(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    lex = C.LEXICONS[lang]
    people = r"(?:\s+(?:человек|людей|людини|людина|осіб|особи|мирн\w+|цивільн\w+|жител\w+|мешкан\w+|військов\w+|"\
             r"военн\w+|дітей|детей|дит\w+|реб[её]н\w+|чоловік\w*|мужчин\w*|жін\w+|женщин\w*))*"

    def pat(rec: C.Record) -> re.Pattern:
        words = "|".join(C.word_regex(w) for w in rec.words)
        return re.compile(rf"(?:(?<![\w'’ʼ-])(?:{words})\s+(?:\w+\s+){{0,2}}?{_NUMBER}|(?<![\w'’ʼ-]){_NUMBER}{people}(?:\s+\w+)?(?:,\s+на\s+жаль,|,\s+к\s+сожалению,)?\s+(?:{words})|"
                          rf"(?<![\w'’ʼ-]){_NUMBER}(?:\s+\w+){{1,2}}?\s+(?:человека|человек|людей|людини|людина|осіб|особи)"
                          rf"\s+(?:\w+\s+)?(?:{words}))")

    def one(rec: C.Record) -> re.Pattern:
        words = "|".join(C.word_regex(w) for w in rec.words)
        return re.compile(rf"(?<![\w'’ʼ-])(?:(?:{words})\s+(?:\w+\s+){{0,2}}?{_ONE_PERSON}|{_ONE_PERSON}\s+(?:\w+\s+){{0,1}}?(?:{words}))")
    return pat(lex.killed), pat(lex.wounded), one(lex.killed), one(lex.wounded)


@lru_cache(maxsize=8)
def _casualty_gate(lang: str) -> re.Pattern:
    """The stems every killed or wounded word starts with: a sentence holding none has no casualties."""
    lex = C.LEXICONS[lang]
    return re.compile("|".join(map(re.escape, sorted(lex.killed.gate | lex.wounded.gate))))


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _COUNT_WORDS[text]


# a Ukrainian summary's count of what hit a place: "(12 вибухів)", "– 7 прильотів", "скинули 6 мін", "8 мінометних
# прильотів", "5 скидів ВОГ", "3 удари FPV-дронами" (a number, at most one adjective, the unit)
_SHOTS = re.compile(r"(?<![\w.,:/-])(\d{1,4})\s+(?:[а-яіїєґ'’ʼ-]+(?:их|ні|і)\s+)?"
                    r"(?:вибух\w*|прил[іе]т\w*|прильот\w*|мін[аиі]?(?![\w'’ʼ-])|скид\w*|удар(?:и|ів)?(?![\w'’ʼ-])|"
                    r"обстріл(?:и|ів)?(?![\w'’ʼ-])|атак(?:и|а)?(?![\w'’ʼ-])|пуск\w*)")


def shots(low: str) -> int | None:
    """The explosions, shells, drops and strikes a lower-cased Ukrainian summary line counts, summed, or None."""
    if not any(ch.isdigit() for ch in low):
        return None
    # ("унаслідок одного з ударів (2 вибухи)", "з них 4 вибухи": a part of a count already told)
    found = [int(m.group(1)) for m in _SHOTS.finditer(low)
             if not _PART_OF.search(low, max(0, m.start() - 28), m.start())]
    return sum(found) if found else None


_PART_OF = re.compile(r"(?:одного|однієї|одним)\s+з\b|з\s+них\b|серед\s+них\b")


def casualties(lang: str, low: str) -> tuple[int | None, int | None]:
    """(killed, wounded) numbers a Russian or Ukrainian sentence gives, None when it gives none; one
    person named without a count ("погиб мирный житель") is one."""
    if _casualty_gate(lang).search(low) is None:
        return None, None
    killed_re, wounded_re, killed_one, wounded_one = _casualty_patterns(lang)
    out = []
    for pat, one in ((killed_re, killed_one), (wounded_re, wounded_one)):
        m = pat.search(low)
        if m is not None:
            out.append(_count(next(g for g in m.groups() if g)))
            continue
        o = one.search(low)
        if o is None:
            out.append(None)
            continue
        n, pos = 1, o.end()  # "погибли 52-летний житель и его 13-летний сын": each person the list names
        while (a := _AND_PERSON.match(low, pos)) is not None:
            n, pos = n + 1, a.end()
        out.append(n)
    return out[0], out[1]


# where the hurt were taken, not where they were hurt ("раненого увезли в районную больницу")
_CARE = re.compile(r"больниц|госпитал|госпітал|лікарн|медучрежд|медзаклад")
# a count over a span ("всего с начала года погибли 12 жителей", "загалом від початку вторгнення"): no one strike
_TOLL_SPAN = re.compile(r"(?<![\w'’ʼ-])(?:всего|в\s+общей\s+сложности|с\s+начала|за\s+время|усього|загалом|з\s+початку|"
                        r"від\s+початку|за\s+весь|за\s+все)(?![\w'’ʼ-])")


def toll_strike(lang: str, low: str, located: list[Located], dates: list[DateSpan]) -> Trigger | None:
    """A sentence with no attack word that counts the dead or wounded at a place of the map ("В селе X погиб
    водитель", "двое ранены в Y районе", "У Z поранено жінку"), or what burned or broke there ("в селе X
    произошло возгорание", ``AFTERMATH``), in a report that has told a strike: the toll of a strike there, which the
    governor's or the administration's list tells place by place. The trigger sits on the casualty or aftermath
    word; None when the sentence tells neither, names no place of ours, spans days, or names a hospital."""
    killed, wounded = casualties(lang, low)
    after = C.AFTERMATH[lang].search(low) if killed is None and wounded is None else None
    if killed is None and wounded is None and after is None:
        return None
    if not any(l.mention.kind != "oblast" and l.geo_precision != OUTSIDE and not l.mention.origin
               and (l.admin1_code in FOCUS_CODES or l.admin1_code is None) for l in located) \
            or any(l.geo_precision == OUTSIDE or l.mention.kind == "oblast" and l.admin1_code not in FOCUS_CODES
                   for l in located):
        # ("погиб уроженец X района" told of another oblast's strike: not a strike here)
        return None
    if _CARE.search(low) or _TOLL_SPAN.search(low) or BACKGROUND.match(low) \
            or any((d.end - d.start).days > 1 for d in dates):
        return None
    lex = C.LEXICONS[lang]
    m = after or min((m for rec in (lex.killed, lex.wounded) if (m := rec.regex.search(low)) is not None),
                     key=lambda m: m.start(), default=None)
    if m is None:
        return None
    return Trigger("strike", "shelling", m.start(), m.end(), low[m.start():m.end()])


# --- dates --------------------------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _date_pattern(lang: str) -> re.Pattern:
    lex = C.LEXICONS[lang]
    gen = "|".join(lex.months_gen)
    loc = "|".join(lex.months_loc)
    wd = "|".join(re.escape(w) for w in lex.weekdays)
    wdg = "|".join(re.escape(w) for w in lex.weekdays_gen)
    rel = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(lex.relative, key=len, reverse=True))
    return re.compile(
        rf"(?P<numeric>\b(?P<nd>\d{{1,2}})\.(?P<nm>\d{{2}})\.(?P<ny>\d{{4}})\b)"
        rf"|(?P<iso>\b(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})\b)"
        rf"|(?:(?:(?:\bз|\bс|\bвід|\bот)\s+(?:ранку\s+|утра\s+)?|\bзранку\s+)(?P<from>\d{{1,2}})\s+(?:до|по|на)\s+(?:ранку\s+|утра\s+)?)?"
        rf"(?P<day>\b\d{{1,2}})(?:\s*[-–—]\s*(?P<day2>\d{{1,2}}))?\s+(?P<mgen>{gen})\b(?:\s+(?P<gy>\d{{4}}))?"
        rf"|(?P<part>\b(?:начале|середине|конце|початку|середині|кінці))\s+(?P<pmon>{gen})\b(?:\s+(?P<py>\d{{4}}))?"
        rf"|(?P<mloc>\b(?:{loc}))\b(?:\s+(?P<ly>\d{{4}}))?"
        rf"|(?:\b(?P<wprep>в|во|у|на)\s+(?P<wd>{wd})\b)"
        rf"|(?P<wdg>\b(?:{wdg})\b)"
        rf"|(?P<rel>(?<![\w'’ʼ-])(?:{rel})(?![\w'’ʼ-]))"
    )


@lru_cache(maxsize=8)
def _before_patterns(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """What may stand before a date, read only when a date is found: a night ("в ночь на", "вночі") and a
    part of the day ("увечері", "утром") before a weekday in the genitive."""
    night = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in C.LEXICONS[lang].night_on.split("|"))
    parts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in C.DAY_PARTS[lang].split("|"))
    return (re.compile(rf"(?:^|[^\w'’ʼ-])(?:{night})\s+$"),
            re.compile(rf"(?:^|[^\w'’ʼ-])(?:{parts}|у\s+ніч\s+проти|в\s+ніч\s+проти)\s+$"))


@lru_cache(maxsize=2)
def _night_weekday_before(lang: str) -> re.Pattern:
    """"в ночь на пятницу, ", "у ніч на вівторок, " before a date: the night named by its weekday, the date in
    apposition."""
    lex = C.LEXICONS[lang]
    night = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lex.night_on.split("|"))
    wd = "|".join(re.escape(w) for w in lex.weekdays)
    return re.compile(rf"(?:^|[^\w'’ʼ-])(?:{night})\s+(?:{wd})\s*,\s*$")


# the days of a month its beginning, middle and end cover (annotators' reading of "в конце августа")
_MONTH_PART = {"начале": (1, 10), "початку": (1, 10), "середине": (11, 20), "середині": (11, 20),
               "конце": (20, 31), "кінці": (20, 31)}


def _last_weekday(anchor: _dt.date, weekday: int) -> _dt.date:
    return anchor - _dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _year_for(month: int, day: int, anchor: _dt.date) -> int:
    """The year that puts day/month on or before the publication (news reports the past)."""
    try:
        return anchor.year if _dt.date(anchor.year, month, day) <= anchor + _dt.timedelta(days=1) else anchor.year - 1
    except ValueError:
        return anchor.year


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8)
def _date_gate(lang: str) -> frozenset[str]:
    """Gate keys of the words a date without digits needs: a month in the locative, a third of a month,
    a weekday, the last word of a relative phrase ("за минулу добу" → "добу")."""
    lex = C.LEXICONS[lang]
    words = [*lex.months_loc, *_MONTH_PART, *lex.weekdays, *lex.weekdays_gen, *(w.split()[-1] for w in lex.relative)]
    return frozenset(C.gate_key(w) for w in words)


def find_dates(lang: str, low: str, published: Published, keys: frozenset[str] | None = None) -> list[DateSpan]:
    """Every date expression of a lower-cased Russian or Ukrainian sentence, resolved against publication.

    ``keys`` (``gate_keys(low)``), when given, skip a sentence with no digit and no date word unscanned."""
    if keys is not None and keys.isdisjoint(_date_gate(lang)) and _DIGIT.search(low) is None:
        return _undated_background(low, published.end) if published.precision == "day" else []
    lex = C.LEXICONS[lang]
    anchor = published.end
    out: list[DateSpan] = []
    for m in _date_pattern(lang).finditer(low):
        g = m.groupdict()
        try:
            if g["numeric"]:
                d = _dt.date(int(g["ny"]), int(g["nm"]), int(g["nd"]))
                start = end = d
            elif g["iso"]:
                start = end = _dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
            elif g["mgen"]:
                month = lex.months_gen.index(g["mgen"]) + 1
                day = int(g["day"])
                year = int(g["gy"]) if g["gy"] else _year_for(month, day, anchor)
                start = _dt.date(year, month, day)
                end = _dt.date(year, month, int(g["day2"])) if g["day2"] else start
                if g["from"]:  # "з ранку 24 до ранку 25 жовтня": from the first day to the second
                    start, end = _dt.date(year, month, int(g["from"])), start
                elif _before_patterns(lang)[0].search(low, max(0, m.start() - 16), m.start()) \
                        or ("," in low[max(0, m.start() - 3):m.start()]
                            and _night_weekday_before(lang).search(low, max(0, m.start() - 40), m.start())):
                    # "в ночь на 12 августа", "вночі 11 серпня", "в ночь на субботу, 8 марта", "у ніч на четвер,
                    # 12 червня": the night's two days
                    start -= _dt.timedelta(days=1)
            elif g["part"]:  # "в конце августа", "на початку березня": a third of the month
                month = lex.months_gen.index(g["pmon"]) + 1
                year = int(g["py"]) if g["py"] else (anchor.year if month <= anchor.month else anchor.year - 1)
                last = calendar.monthrange(year, month)[1]
                first_day, last_day = _MONTH_PART[g["part"]]
                start = _dt.date(year, month, first_day)
                end = _dt.date(year, month, min(last_day, last))
                if first_day == 1 and start <= anchor and _SINCE.search(low, max(0, m.start() - 16), m.start()):
                    end = anchor  # "з початку серпня", "с начала августа": from its first day to the report
            elif g["mloc"]:
                month = lex.months_loc.index(g["mloc"]) + 1
                year = int(g["ly"]) if g["ly"] else (anchor.year if month <= anchor.month else anchor.year - 1)
                start = _dt.date(year, month, 1)
                end = _dt.date(year, month, calendar.monthrange(year, month)[1])
            elif g["wdg"]:  # "увечері неділі": that day; "у ніч проти неділі": its night
                part = _before_patterns(lang)[1].search(low, max(0, m.start() - 16), m.start())
                if part is None or published.precision != "day":
                    continue
                start = end = _last_weekday(anchor, lex.weekdays_gen.index(g["wdg"]))
                if "ніч" in part.group():
                    start -= _dt.timedelta(days=1)
            elif g["wd"]:
                start = end = _last_weekday(anchor, lex.weekdays.index(g["wd"]))
                if g["wprep"] == "на":  # "в ночь на среду": Tuesday evening to Wednesday; else "на среду" is no date
                    if not _before_patterns(lang)[0].search(low, max(0, m.start() - 16), m.start() + 3):
                        continue
                    start -= _dt.timedelta(days=1)
                if published.precision != "day":
                    continue
            else:
                key = " ".join(g["rel"].split())
                if published.precision != "day":
                    continue
                before_start, before_end = lex.relative[key]
                if (before_start, before_end) == C.THIS_WEEK:
                    before_start = anchor.weekday()  # back to the week's Monday
                start = anchor - _dt.timedelta(days=before_start)
                end = anchor - _dt.timedelta(days=before_end)
        except (ValueError, KeyError):
            continue
        if end < start:
            continue
        if "\n" in low and (g["numeric"] or g["iso"] or g["mgen"]) and _stamp(low, m.start(), m.end()):
            continue
        out.append(DateSpan(start, end, precision_for(start, end), low[m.start():m.end()], m.start()))
    out = _ranges(low, out)
    if published.precision == "day":
        out = [_since(low, d, anchor) for d in out]
        if not out:
            out = _undated_background(low, anchor)
        if "контрол" in low and C.CONTROL_COUNT.search(low) and ("курск" in low or "курськ" in low):
            out = _held_since_start(out, anchor)
        elif out and _since_fighting(low, anchor) is not None:
            out = _tally_since_start(out, anchor)
    return out


# an attack called a night's ("нічна атака на Суми", "через нічну атаку дронами", "после ночного удара")
NIGHT_ATTACK = re.compile(r"(?<![\w'’ʼ-])(?:нічн|ночн)\w*\s+(?:[\w'’ʼ-]+\s+)?(?:атак|удар|обстр|напад|наліт|нальот|налет|налёт)\w*")


def night_of_attack(low: str, told: DateSpan | None, anchor: _dt.date) -> list[DateSpan]:
    """The two days of an attack a sentence without a date calls a night's ("нічна атака", "ночной удар"): the
    night into the day just told (a single day up to two days before the report), else into the report's day."""
    m = NIGHT_ATTACK.search(low)
    if m is None:
        return []
    day = told.end if told is not None and told.explicit and told.start == told.end \
        and 0 <= (anchor - told.end).days <= 2 else anchor
    start = day - _dt.timedelta(days=1)
    return [DateSpan(start, day, precision_for(start, day), m.group(), m.start())]


def _tally_since_start(dates: list[DateSpan], anchor: _dt.date) -> list[DateSpan]:
    """A tally since the Kursk fighting began that names a day ("по данным на 13 августа", "с начала боёв
    6 августа"): from the fighting's first day to that day, or to the report's when the day is the first one."""
    out = []
    for d in dates:
        end = anchor if d.end <= _KURSK_START else d.end
        out.append(DateSpan(_KURSK_START, end, precision_for(_KURSK_START, end), d.text, d.pos)
                   if d.start == d.end and end <= anchor else d)
    return out


LONG_AGO_DAYS = 45
RECALL_DAYS = 14  # a report this long after the incursion began that names its first day recalls it


def recalls_incursion(dates: list[DateSpan], published: Published) -> bool:
    """Whether a sentence dates its fighting from the Kursk incursion's first day ("ВСУ вторглись в Курскую
    область 6 августа", "с 6 августа в регионе идут бои") in a report weeks later: background recalled, told
    of the oblast alone, not the report's event (a tally since then is dated by ``_tally_since_start``)."""
    return bool(dates) and published.precision == "day" and (published.end - _KURSK_START).days > RECALL_DAYS \
        and all(d.start == _KURSK_START for d in dates)


def long_ago(dates: list[DateSpan], published: Published) -> bool:
    """Whether a sentence's dates all end more than LONG_AGO_DAYS before the report ("однако в августе 2023 года
    советник заявил ...", "с весны прошлого года"): told with no place of its own, it is background, not news."""
    return bool(dates) and published.precision == "day" and all(
        d.explicit and (published.end - d.end).days > LONG_AGO_DAYS for d in dates)


def _held_since_start(dates: list[DateSpan], anchor: _dt.date) -> list[DateSpan]:
    """"под контролем ВСУ находятся 28 населённых пунктов (на 12 августа)": ground held in Kursk oblast is
    held from the incursion's first day to the day the count is given (the report's, when it gives none)."""
    if anchor <= _KURSK_START:
        return dates
    if not dates:
        return [DateSpan(_KURSK_START, anchor, precision_for(_KURSK_START, anchor), "", -1)]
    return [DateSpan(_KURSK_START, d.end, precision_for(_KURSK_START, d.end), d.text, d.pos)
            if d.start == d.end > _KURSK_START else d for d in dates]


_EARLIER = re.compile(r"\W*(?:(?:кроме\s+того|також|также|а)\W+)?(?:ранее|раніше|до\s+этого|до\s+цього)(?![\w'’ʼ-])")
_KURSK_START = _dt.date(*C.KURSK_FIGHTING_START)


# a security zone spoken of as an aim or a duty, not ground being cut out
_ZONE_AIM = re.compile(r"(?<![\w'’ʼ-])(?:должн\w*|нужн\w*|необходим\w*|назвал\w*|называ\w*|важн\w*|предлага\w*|"
                       r"предложил\w*|требу\w*)")


def _in_tally_frame(low: str, pos: int) -> bool:
    """Whether ``pos`` lies in the words that frame a tally ("с начала боёв", "с момента вторжения", "за время
    боевых действий"), which date the count and tell no fight of their own."""
    if not ("начал" in low or "момент" in low or "время" in low or "период" in low):
        return False
    return any(f.start() <= pos < f.end() for f in C.SINCE_FIGHTING.finditer(low, max(0, pos - 40), pos + 40))


def _since_fighting(low: str, anchor: _dt.date):
    """The words of a tally "since the fighting began" in Kursk oblast, else None."""
    if ("с начала" in low or "з початку" in low or "момент" in low or "потер" in low
            or "за " in low and ("время" in low or "период" in low or " час " in low)) \
            and (m := C.SINCE_FIGHTING.search(low)) is not None and C.SINCE_FIGHTING_PLACE.search(low) \
            and not C.SINCE_FIGHTING_NOT.search(low) and anchor > _KURSK_START:
        return m
    return None


def _undated_background(low: str, anchor: _dt.date) -> list[DateSpan]:
    """A sentence without a date of its own that counts "since the fighting began" in Kursk oblast (from its
    first day to the report), or steps back "earlier" ("Ранее ...": the week up to the report)."""
    if (m := _since_fighting(low, anchor)) is not None:
        return [DateSpan(_KURSK_START, anchor, precision_for(_KURSK_START, anchor), m.group(), m.start())]
    head = low[:32]
    if ("ран" in head or "до " in head) and (m := _EARLIER.match(low)) is not None:
        start = anchor - _dt.timedelta(days=7)
        return [DateSpan(start, anchor, precision_for(start, anchor), m.group().strip(), m.start())]
    return []


def before_the_day_told(dates: list[DateSpan], last: DateSpan | None, anchor: _dt.date) -> list[DateSpan]:
    """"2 апреля под огнём было X. До этого беспилотники били по Y": an undated step back ("до этого", "ранее") counts back
    from the day just told, when the report named an earlier one: the week up to that day, not up to the report."""
    if len(dates) != 1 or last is None or not last.explicit or last.start != last.end or last.end >= anchor:
        return dates
    d = dates[0]
    if d.pos > 2 or _EARLIER.fullmatch(d.text) is None or d.end != anchor:
        return dates
    start = last.end - _dt.timedelta(days=7)
    return [DateSpan(start, last.end, precision_for(start, last.end), d.text, d.pos, explicit=d.explicit)]


# (a time before the day, "08:43  15 грудня": a news ticker's stamp)
_STAMP_BEFORE = re.compile(r"[ \t]*(?:\d{1,2}:\d{2}[ \t]+)?(?:(?:дата|опубліковано|опубликовано|оновлено|обновлено)[ \t]*:?[ \t]*)?")
_STAMP_AFTER = re.compile(r"[ \t]*(?:р\.|г\.|року|года)?[ \t]*(?:,?[ \t]*(?:о[ \t]+|в[ \t]+)?\d{1,2}:\d{2})?[ \t]*")


def _stamp(low: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is a page's own stamp on a line of its own ("Дата:\n19 листопада 2024",
    "24 вересня 2024 09:55"): when the page was written, not when its event happened."""
    line_start = low.rfind("\n", 0, start) + 1
    line_end = low.find("\n", end)
    line_end = len(low) if line_end < 0 else line_end
    before = _STAMP_BEFORE.fullmatch(low, line_start, start)
    after = _STAMP_AFTER.fullmatch(low, end, line_end)
    if before is None or after is None:
        return False
    # a bare "12 серпня" heading may date the lines under it; a stamp has its year, a time or a label
    return bool(re.search(r"\d{4}|:", low[line_start:line_end])) or low.rfind("дата", max(0, line_start - 8), line_start) >= 0


# (a clock time may stand before each day: "с 09:00 27 января по 07:00 [мск] 28 января", "з 18:00 3 до 06:00 4 травня")
# (and its word: "с 08.00 часов 5 мая до 06.00 часов 6 мая", "з 18:00 год. 3 травня")
_CLOCK = r"(?:\d{1,2}[:.]\d{2}\s+(?:(?:часов|часа|год\.|години)\s+)?(?:[\[(]?мск[\])]?\s+)?)?"
_RANGE_FROM = re.compile(r"(?:^|\s)(?:(?:з|із|с|від|от)\s+(?:ранку\s+|утра\s+)?|зранку\s+)" + _CLOCK + "$")
_RANGE_TO = re.compile(r"\s*(?:до|по)\s+(?:ранку\s+|утра\s+)?" + _CLOCK)


# "с 6 августа", "з 1 березня", "від початку серпня", "начиная с ...": from that day on (the report's day ends it)
_SINCE = re.compile(r"(?:^|[\s«\"„“(])(?:начиная\s+|починаючи\s+)?(?:с|со|з|із|зі|від|от)\s+$")


# "первое сообщение ... с 9 октября", "вперше з ...": the day is a reference, not where a period starts
_FIRST_SINCE = re.compile(r"(?<![\w'’ʼ-])(?:перв\w*|впервые|вперше|перш\w*)(?![\w'’ʼ-])")


def _since(low: str, d: DateSpan, anchor: _dt.date) -> DateSpan:
    """A day after "с"/"з" and before no "до"/"по" is where a period starts; it runs to the report's day."""
    if (d.start != d.end or d.start >= anchor or d.pos < 0 or _SINCE.search(low, max(0, d.pos - 16), d.pos) is None
            or _RANGE_TO.match(low, d.pos + len(d.text)) is not None or not d.text[:1].isdigit()
            or _FIRST_SINCE.search(low, 0, d.pos) is not None):
        return d
    return DateSpan(d.start, anchor, precision_for(d.start, anchor), d.text, d.pos)


def _ranges(low: str, spans: list[DateSpan]) -> list[DateSpan]:
    """"з ранку 3 травня до ранку 4 травня", "с 6 по 9 августа": two dates that are one range."""
    out: list[DateSpan] = []
    i = 0
    while i < len(spans):
        a = spans[i]
        b = spans[i + 1] if i + 1 < len(spans) else None
        if (b is not None and a.start <= b.start and _RANGE_FROM.search(low, max(0, a.pos - 20), a.pos)
                and _RANGE_TO.fullmatch(low, a.pos + len(a.text), b.pos)):
            out.append(DateSpan(a.start, b.end, precision_for(a.start, b.end), low[a.pos:b.pos + len(b.text)], a.pos))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


# --- places ---------------------------------------------------------------------------------------------
_ENDINGS = ("ая", "ой", "ую", "ою", "а", "і", "ої", "ій", "у", "ою", "и")


@lru_cache(maxsize=1)
def _oblast_forms() -> tuple[re.Pattern, dict[str, object], tuple[str, ...]]:
    """Inflected oblast phrases ("Курской области", "на Сумщині") from the oblast table's native names;
    and the literal stems every match starts with (see _matches_at)."""
    alts: dict[str, object] = {}
    stems: set[str] = set()
    for ob in oblast_table():
        for native in (ob.name_ru, ob.name_uk):
            if not native:
                continue
            adj = native.split()[0].lower()
            stem = re.sub(r"(?:ая|ий|ый|а|ої)$", "", adj)  # "курская" → "курск", "сумська" → "сумськ"
            alts[re.escape(stem) + r"\w*\s+област\w*"] = ob
            # "на Курському напрямку", "на Курском направлении": the front in that oblast
            alts[re.escape(stem) + r"\w*\s+(?:напрям\w*|направлени\w*)"] = ob
            stems.add(stem)
            shch = re.sub(r"(?:ськ|цьк|зьк|ск)$", "", stem)
            if shch != stem:
                alts[re.escape(shch) + r"щин\w*"] = ob
                stems.add(shch)
    keys = list(alts)
    pat = re.compile("|".join(f"(?P<o{i}>(?<![\\w-]){k})" for i, k in enumerate(keys)))
    # a stem another one begins is enough: the longer one's places are among its own
    stems = {x for x in stems if not any(x != y and x.startswith(y) for y in stems)}
    return pat, {f"o{i}": alts[k] for i, k in enumerate(keys)}, tuple(sorted(stems))


def _matches_at(pat: re.Pattern, text: str, prefixes: tuple[str, ...]):
    """``pat.finditer(text)`` for a pattern whose every match starts with one of the literal ``prefixes``:
    the pattern is tried only where a prefix occurs (an alternation of 60 oblast phrases tried at every
    character costs ~80 µs a sentence; a few str.find calls, ~3 µs)."""
    starts = set()
    for p in prefixes:
        i = text.find(p)
        while i >= 0:
            starts.add(i)
            i = text.find(p, i + 1)
    end = 0
    for i in sorted(starts):
        if i < end:
            continue
        m = pat.match(text, i)  # the look-behind still sees the text before i
        if m is not None:
            yield m
            end = m.end()


# (the Russian words too: "Шосткинской городской территориальной общине", "Юнаковской сельской общины")
_HROMADA = re.compile(
    r"((?:[А-ЯІЇЄҐ][\w'’ʼ]+(?:-[А-ЯІЇЄҐ]?[\w'’ʼ]+)?(?:\s+(?:сільськ|селищн|міськ|городск|сельск|поселков)\w*)?"
    r"(?:\s*,\s*|\s+(?:та|і|й|и)\s+))*"
    r"[А-ЯІЇЄҐ][\w'’ʼ]+(?:-[А-ЯІЇЄҐ]?[\w'’ʼ]+)?)(?:\s+(?:сільськ|селищн|міськ|городск|сельск|поселков)\w*)?"
    r"\s+(?:(?:територіальн|территориальн)\w+\s+)?(?:громад|общин)\w*")
_HROMADA_HEAD = re.compile(r"(?m)^\s*[-–—•*]?\s*([А-ЯІЇЄҐ][\w'’ʼ]+(?:-[А-ЯІЇЄҐ]?[\w'’ʼ]+)?(?:ськ|цьк|зьк)\w*)\s*(?:громада)?\s*[:—–-]\s")
_HROMADA_AFTER = re.compile(r"(?:громад|общин)\w*\s*(?::|—|–|-)\s*")
_HROMADA_ADJ = re.compile(r"(?<![\w'’ʼ-])[А-ЯІЇЄҐ][\w'’ʼ]+(?:-[А-ЯІЇЄҐ]?[\w'’ʼ]+)?(?:ськ|цьк|зьк)\w*")
# "У Конотопській та Глухівській — ...": a feminine adjective standing for its hromada, in a summary of hromadas
_HROMADA_ELLIPTIC = re.compile(r"(?<![\w'’ʼ-])([А-ЯІЇЄҐ][\w'’ʼ]+(?:-[А-ЯІЇЄҐ]?[\w'’ʼ]+)?(?:ськ|цьк|зьк)(?:ій|ої|а|у|ою))"
                               r"(?![\w'’ʼ-])(?!\s+(?:област|район|ОВА|військ|громад|територ|"
                               r"(?:міськ|сільськ|селищн)\w*\s+(?:громад|рад|територ|голов)))")
# a summary's line that names its hromada by the adjective alone, with no "громада" in the sentence: at its head
# after a preposition ("У Великописарівській був мінометний обстріл", "По Хотінській ворог бив"), or as a list
# ("Обстрілів зазнали Юнаківська, Білопільська та Есманська."); only codifier hromadas of Sumy oblast are taken
_BARE_HEAD = re.compile(r"\s*[-–—•*▪️]*\s*(?:(?:Зокрема|Також|Крім\s+того|Окрім\s+того)\s*,?\s*)?(?:[Уу]|[Вв]|[Пп]о|[Нн]а)\s+(?:території\s+)?([А-ЯІЇЄҐ][\w'’ʼ]+(?:-[А-ЯІЇЄҐ]?[\w'’ʼ]+)?"
                        r"(?:ськ|цьк|зьк)(?:ій|у|ої))(?![\w'’ʼ-])(?!\s*(?:обл\w*|район|ОВА|МВА|ОДА|військ|окружн|прокурат|"
                        r"(?:міськ|сільськ|селищн)\w*\s+(?:рад|територ|голов)))(?=\s*[,–—-]?\s*[а-яіїєґ0-9])")
_BARE_ADJ = r"[А-ЯІЇЄҐ][\w'’ʼ]+(?:-[А-ЯІЇЄҐ]?[\w'’ʼ]+)?(?:ськ|цьк|зьк)(?:а|ої)(?![\w'’ʼ-])"
_BARE_LIST = re.compile(rf"(?<![\w'’ʼ-]){_BARE_ADJ}(?:(?:\s*,\s*|\s+(?:та|і|й)\s+){_BARE_ADJ})+"
                        r"(?!\s+(?:обл\w*|област|район|ОВА|ОДА|військ))")
# an adjective that names an administration, an oblast or a district, not a hromada of the list
_NOT_HROMADA_AFTER = re.compile(r"\s+(?:ОВА|МВА|ОДА|обласн|област|військов|район|поліці|прокуратур)", re.I)
_LIST_STOP = re.compile(r"[.;:]|\n\s*\n|\n(?!\s*[-–—•*]?\s*[А-ЯІЇЄҐ])")  # a bulleted list runs on over its lines


@lru_cache(maxsize=256)
def _codifier_hromada(adjective: str):
    """The geocoder's Sumy oblast hromada (``hromada`` precision) for a hromada's adjective in any case, or None."""
    from ..geocoding import default_geocoder

    nominative = re.sub(r"(?:ій|ої|у|ою|ая|ой|ую)$", "а", adjective)
    res = default_geocoder().geocode(f"{nominative} громада", context=["UA-59"])
    return res if res is not None and res.resolved and res.geo_precision == "hromada" else None


def _bare_hromadas(text: str, low: str) -> list[tuple[int, int, str]]:
    """Hromadas a Ukrainian summary's sentence names by their adjective alone (``_BARE_HEAD``, ``_BARE_LIST``),
    each a Sumy oblast hromada of the codifier: (start, end, adjective)."""
    out = []
    if (m := _BARE_HEAD.match(text)) is not None and _sumy_hromada(m.group(1)):
        # the line's other hromadas by adjective ("У Конотопській та Глухівській — ..., у Великописарівській — ...")
        out.extend((w.start(1), w.end(1), w.group(1)) for w in _HROMADA_ELLIPTIC.finditer(text, m.start(1))
                   if _sumy_hromada(w.group(1)))
    if low.count("ська") + low.count("ської") >= 2:
        for m in _BARE_LIST.finditer(text):
            words = list(re.finditer(_BARE_ADJ, m.group()))
            if all(_sumy_hromada(w.group()) for w in words):
                out.extend((m.start() + w.start(), m.start() + w.end(), w.group()) for w in words)
    return out


def _list_end(text: str, pos: int) -> int:
    m = _LIST_STOP.search(text, pos)
    return m.start() if m else len(text)


# the same adjectives in Latin letters, normalised ("Bilopolska", "Verkhnyosyrovatsk", "Nedryhaylivska")
_ADJ_LATIN = re.compile(r"^([a-z'-]{3,}?)(?:s'?k(?:a|ii|i|oi|u)?|t?s'?k)$")
_ADJ = re.compile(r"^([\w'’ʼ-]+?)(?:(?:ськ|цьк|зьк)(?:а|ої|ій|у|ою|і|их|им|ими|ий|ого|ому)|"
                  r"(?:ск|цк)(?:ий|ого|ом|ому|им|ая|ой|ую|ие|их))$")
_CYR_WORD = r"[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ]+(?:-[А-ЯІЇЄҐЁа-яіїєґё][а-яіїєґё'’ʼ]+)*"
# a name of up to three capitalised words, a number before it ("1-й Княжий", "2-га Іванівка": villages counted apart)
_CYR_CAP = re.compile(r"(?<![\w'’ʼ-])(?:\d{1,2}-?[а-яіїє]{1,3}\s+)?" + _CYR_WORD + r"(?:\s+" + _CYR_WORD + r"){0,2}")
_CUE = re.compile(r"(?:^|(?<=\s))(?:в|во|у|под|около|возле|близ|біля|поблизу|під|неподалік|окрестност\w+|околиц\w+|між|между|"
                  r"сел[оаеуі]|селом|селище|селища|селищі|селищу|поселок|поселка|поселке|поселку|посёлок|посёлке|"
                  r"посёлка|посёлку|деревн[яиеюі]|хутор[аеіу]?|город[аеу]?|місто|міста|місті|місту|пгт|смт|н\.\s?п\.|"
                  r"насел[её]нн\w+\s+пункт\w*|населен\w+\s+пункт\w*|включая|в\s+том\s+числе|зокрема|"
                  r"включно\s+з|включаючи|у\s+тому\s+числі)\s+$")
# a name in quotes after a grouping, an operation or an outlet is a unit's or an outlet's name
# ("угруповання військ «Курськ»", "группировка «Север»", "РИА «Курск»"), not a place
_UNIT_NAME = re.compile(r"(?:угрупованн\w*|группировк\w*|операці\w*|операци\w*|бригад\w*|оперативн\w+\s+зон\w*|"
                        r"риа|іа|ia|\w*агентств\w*|телеканал\w*|газет\w*|издани\w*|видання|радио|радіо)"
                        r"\s+(?:військ\w*\s+|войск\w*\s+)?[\"«“„']\s*$", re.I)
@lru_cache(maxsize=65536)  # names recur; normalising a Cyrillic one costs ~20 µs
def _not_place_key(name: str) -> bool:
    """Whether ``name``'s normalised key is one of _NOT_PLACE's (the same record, normalised)."""
    return normalise(name) in _NOT_PLACE_KEYS


_UNIT_NAME_QUOTES = ("\"", "«", "“", "„", "'")  # every _UNIT_NAME match ends in one of these and spaces


def _unit_name_before(text: str, s: int) -> bool:
    """``_UNIT_NAME.search(text, max(0, s - 50), s)``: a window whose last non-space character opens no quote
    is settled without the regex."""
    lo = max(0, s - 50)
    return text[lo:s].rstrip().endswith(_UNIT_NAME_QUOTES) and _UNIT_NAME.search(text, lo, s) is not None


# an oblast the oblast table does not hold ("Волгоградской области"): a place outside the mapped ones
_OTHER_OBLAST = re.compile(r"(?<![\w-])[А-ЯЁІЇЄҐ][\w'’ʼ-]+?(?:ск|цк|зьк|цьк|ськ)(?:ой|ая|ую|ом|а|ої|ій|у|ою|ий|ий)\s+"
                           r"(?:област\w*|кра[йяюе]|краї|краєм|краем)(?![\w'’ʼ-])")
# Russia's republics and Crimea, which the oblast table does not hold (their capitals the gazetteer places far away)
_OTHER_REGION_STEMS = ("мордов", "крым", "крим", "башкир", "башкорт", "татарстан", "чуваш", "чечн", "дагестан", "удмурт",
                       "адыге", "адиге", "калмык", "калмич", "карели", "якути", "бурят", "хакас", "ингуш", "осети",
                       "осеті", "кабардин", "карачаев", "марий эл", "марій ел")
_OTHER_REGION = re.compile(r"(?<![\w'’ʼ-])(?:[Рр]еспублик\w+\s+)?(?:Мордови[яиюей]|Мордові[яїюєй]|Крым(?:а|у|ом|е)?|"
                           r"Крим(?:у|ом|і)?|Башкири[яиюей]|Башкирі[яїюєй]|Башкортостан\w*|Татарстан\w*|Чуваши[яиюей]|"
                           r"Чуваші[яїюєй]|Чечн[яиюеі]|Дагестан\w*|Удмурти[яиюей]|Удмурті[яїюєй]|Адыге[яиюей]|Адиге[яїюєй]|"
                           r"Калмыки[яиюей]|Калмиці[яїюєй]|Карели[яиюей]|Карелі[яїюєй]|Якути[яиюей]|Якуті[яїюєй]|Бурятии|"
                           r"Бурятия|Бурятию|Бурятії|Бурятія|Хакаси[яиюей]|Хакасі[яїюєй]|Ингушети[яиюей]|Інгушеті[яїюєй]|"
                           r"Северн\w+\s+Осети[яиюей]|Північн\w+\s+Осеті[яїюєй]|Кабардино-Балкари[яиюей]|"
                           r"Кабардино-Балкарі[яїюєй]|Карачаево-Черкеси[яиюей]|Карачаєво-Черкесі[яїюєй]|Марий\s+Эл|Марій\s+Ел)"
                           r"(?![\w'’ʼ-])")
_KRAI = re.compile(r"\sкра(?:й|я|ю|е|ї|єм|ем)(?![\w'’ʼ-])")  # "в Краснодарском крае": the gate of a krai
# a name right after an attack word or "по"/"на" ("атаковал Суджу", "удар по Судже", "обстрел Льгова"):
# an inflected place the token index does not hold; an adjective there is no settlement ("на Курской АЭС")
_CUE_ATTACK = re.compile(r"(?:^|(?<=\s))(?:по|на|атаковал\w*|атакован\w*|атакува\w*|обстрелял\w*|обстреля\w*|"
                         r"обстріля\w*|обстрел\w*|обстріл\w*|атак[аиуеі]|атакой|атакою|штурм\w*|"
                         r"освобождени\w+|звільнення|освободил\w*|звільнил\w*|захватил\w*|захопил\w*)\s+$")
# a capture told before its list of names ("освобождены также A, B и C", "звільнили Y та Z"): a name there is a
# settlement taken, known to the gazetteer or not
_CUE_CAPTURE = re.compile(r"(?:^|(?<=\s))(?:освобожден[ыао]?|освобождён|освободил[аи]?|звільнен[оі]|звільнено|"
                          r"звільнил[аи]?|звільнили|заняты|занят[оа]?|заняли|заняла|захвачен[ыо]?|захоплен[оі]|"
                          r"захопили|захопила|взяты|взяли)"
                          r"\s+(?:также\s+|також\s+|ещё\s+|еще\s+|и\s+|ще\s+|і\s+)?$")
# cues read when _CUE finds none and the words before hold one of _CUE_MORE_STEMS: "в районе X", "у районах
# A, B та C", "на окраинах X" (near them); the plural before a list ("посёлки A и B", "сёла A, B", "селища A та B")
_CUE_MORE = re.compile(r"(?:^|(?<=\s))(?:(?:в|у)\s+район(?:е|і|ах)|окраин\w*|пос[её]лк(?:и|ов|ах)|с[её]ла|с[её]л|с[её]лах|с[её]лам|сіл|"
                       r"селищ|деревень|деревнях|хутор(?:ов|ах|и|ів))\s+$")
_CUE_MORE_STEMS = re.compile("район|окраин|посел|посёл|сёл|сел|сіл|дерев|хутор")
_CAPTURE_STEMS = re.compile("освоб|звільн|заня|захва|захоп|взят|взял")  # every _CUE_CAPTURE word has one
# a district's, oblast's or hromada's adjective after a name ("в селе X Суджанского района", "в Судже Курской
# области"): the name alone is the place
_UNIT_AFTER = re.compile(r"\s+(?:район\w*|округ\w*|област\w*|громад\w*|муниципальн\w*|ОВА|ОДА)\b", re.I)


_CAPITAL_CUES = frozenset(("под", "около", "возле", "близ", "вблизи", "из", "со", "від", "біля", "під", "поблизу",
                           "неподалік", "над", "из-под", "для", "после", "після", "до"))


def _names(text: str):
    """Spans of capitalised names, each without a leading cue word ("Под Курском" opening a sentence) or a
    trailing administrative adjective ("Судже Курской области")."""
    for m in _CYR_CAP.finditer(text):
        s, e = m.span()
        g = m.group()
        space = g.find(" ")
        if space < 0:
            yield s, e
            continue
        if g[:space].lower() in _CAPITAL_CUES:
            s += len(g) - len(g[space:].lstrip())
            g = text[s:e]
        if _UNIT_AFTER.match(text, e):
            last = g.rfind(" ")
            if last > 0 and _ADJECTIVE.search(g[last + 1:].lower()):
                e = s + len(g[:last].rstrip())
        yield s, e


# a capitalised adjective right before a name, the first word of a two-word settlement name ("Новая", "Кривицкие",
# "Велика", "Нові"); an oblast's or a district's adjective ("Курской", "Глушковского") is no part of one
_NAME_FIRST_WORD = re.compile(r"(?<![\w'’ʼ.-])[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ]+(?:ые|ие|ая|яя|ое|ее|ый|ий|ой|ую|ого|ому|ых|их|ым|им|"
                              r"ья|ье|ьи|ій|ої|ою|ова|ика|ала|ара|іла|ві|кі|лі|рі)\s$")
_ADJECTIVE = re.compile(r"(?:ск|цк|зк|ськ|цьк|зьк)(?:ой|ая|ий|ый|ую|ом|ого|ому|ої|ій|ою|их|ые|ими)$")
# a list going on past a second verb and the kind of the next place ("A, B и C, а также взяли под контроль хутор D")
LIST_GLUE_VERB = re.compile(r"^\s*,?\s*(?:и|та|і|й|а\s+также|а\s+також|также|також)\s+(?:[\w'’ʼ-]+\s+){0,3}?"
                            r"(?:взял\w*|взят\w*|занял\w*|заня\w+|освобод\w*|освобожд\w*|звільн\w*|захоп\w*|захват\w*|"
                            r"контрол\w*)\s+(?:(?:хутор\w*|сел[оаеуі]|селом|селищ\w*|пос[её]л\w*|деревн\w*|"
                            r"насел[её]нн\w+\s+пункт\w*)\s+)?$")
_LIST_NEXT = re.compile(r"\s*(?:,|\s(?:и|та|і|й|а также|а також))\s*(?:\w+\s+)?")
# "Басовка Юнаковской громады и Веселовка": the list goes on past the hromada or district a name lies in
_LIST_NEXT_UNIT = re.compile(r"\s+[\w'’ʼ-]+\s+(?:громад|общин|район|округ)\w*" + _LIST_NEXT.pattern)
_NOT_PLACE = frozenset(("россия", "россии", "россию", "украина", "украины", "україна", "україни", "украине", "україні",
                        "украину", "україну",
                        "москва", "москвы", "киев", "київ", "києва", "киева", "рф", "всу", "зсу", "телеграм",
                        "telegram", "минобороны", "міноборони", "кндр", "пво", "ппо"))
# the same record keyed as the gazetteer keys its names; the capitals stay places there ("атаковали Киев" is an
# event outside the mapped oblasts, not one of the paragraph's oblast), only their bare word is no cued name
_CAPITALS = frozenset(("москва", "москвы", "киев", "київ", "києва", "киева"))
_NOT_PLACE_KEYS = frozenset(normalise(w) for w in _NOT_PLACE - _CAPITALS)


def _town_or_village(loc: Located, found: list[Located], named_focus: str | None, frame: list[str]) -> Located:
    """A name that is also a town of another oblast: outside the mapped oblasts (_town_elsewhere), unless the
    sentence names Kursk or Sumy oblast ("Октябрьский Курской области") or lists it among two or more of the
    oblast's villages ("освобождены Лесное, Заречье и Мирный"): then a village of that oblast."""
    if loc.mention.kind == "oblast" or (loc.resolved and loc.note != TOWN_ELSEWHERE):
        return loc
    focus = named_focus
    if focus is None:
        others = [o.admin1_code for o in found if o is not loc and o.mention.kind != "oblast"
                  and o.geo_precision != OUTSIDE and (o.admin1_code in FOCUS_CODES or o.admin1_code is None)]
        if len(others) >= 2:
            here = [c for c in others if c] or [c for c in frame[:1] if c in FOCUS_CODES]
            focus = Counter(here).most_common(1)[0][0] if here else None
    if focus is None:
        return _town_elsewhere(loc)
    if loc.note == TOWN_ELSEWHERE:
        return oblast_located(loc.mention, focus, False, f"{TOWN_ELSEWHERE}, but the sentence places it in {focus}")
    return loc


def _town_elsewhere(loc: Located) -> Located:
    """A name the gazetteer knows only as a town of another oblast ("атаковали Харьков", "в Белгороде") left
    unresolved for want of a namesake in the document's oblasts lies outside Kursk and Sumy oblasts: never
    their event (read only when the sentence names neither oblast: "Борисовка в Курской области" is a village)."""
    men = loc.mention
    if loc.resolved or loc.geo_precision == OUTSIDE or not men.hits or men.kind != "place":
        return loc
    if any(p.admin1_code in FOCUS_CODES for p in men.hits) \
            or not any((p.population or 0) >= _TOWN_ELSEWHERE for p in men.hits):
        return loc
    return Located(men, None, None, None, None, None, None, None, OUTSIDE, False,
                   f"{loc.note}; a town of another oblast, outside the mapped ones" if loc.note else
                   "a town of another oblast, outside the mapped ones")


_TOWN_ELSEWHERE = 10_000  # people: a town that size is the place meant, not an unlisted village namesake


@lru_cache(maxsize=8)
def _hromada_centres(admin1_code: str = "UA-59", min_population: int = 0) -> dict[str, list]:
    """An oblast's settlements by normalised name, for turning a hromada's (or a district's) adjective into
    its centre."""
    from ..geocoding import default_geocoder

    out: dict[str, list] = {}
    for p in default_geocoder().gaz:
        if p.admin1_code != admin1_code or p.population < min_population:
            continue
        for key in {p.key, *p.keys}:
            out.setdefault(key.replace(" ", "").replace("-", ""), []).append(p)
    return out


def _stems(adjective: str) -> list[str]:
    """Normalised stems a hromada's centre name may start with ("Великописарівська" → "velykopysariv")."""
    m = _ADJ.match(adjective.lower()) or _ADJ_LATIN.match(normalise(adjective).replace(" ", ""))
    if not m:
        return []
    stem = normalise(m.group(1)).replace(" ", "").replace("-", "")
    out = [stem]
    # "Новослобідська" ← "Нова Слобода", "Bilopolska" ← "Bilopillia": і/о alternation in the last syllable
    if len(stem) > 4 and stem[-2] == "i":
        out.append(stem[:-2] + "o" + stem[-1])
    if len(stem) > 4 and stem[-2] == "o":
        out.append(stem[:-2] + "i" + stem[-1])
    # "Роменська" ← "Ромни": a vowel that comes and goes before the last consonant
    if len(stem) > 4 and stem[-2] == "e":
        out.append(stem[:-2] + stem[-1])
    # "Ворожбянська" ← "Ворожба"
    if stem.endswith("ian"):
        out.append(stem[:-3])
    # "Шосткинська" ← "Шостка"
    if stem.endswith("yn") or stem.endswith("in"):
        out.append(stem[:-2])
    return out


@lru_cache(maxsize=1)
def _sumy_hromada_stems() -> frozenset[str]:
    """The stems of every Sumy oblast hromada's name in Ukrainian and Russian (the codifier's list)."""
    from ..hromadas import hromadas

    return frozenset(st for h in hromadas() for name in (h.name_uk, h.name_ru) for st in _stems(name.split()[0]))


def _sumy_hromada(adjective: str) -> bool:
    """Whether a Sumy oblast hromada of the codifier is named like ``adjective`` (in any case)."""
    return not set(_stems(adjective)).isdisjoint(_sumy_hromada_stems())


@lru_cache(maxsize=1024)
def _hromada_elsewhere(adjective: str) -> bool:
    """Whether a hromada no Sumy oblast hromada is named like is named for a town of another Ukrainian oblast
    of the map (Kharkiv, Chernihiv, Poltava)."""
    if _sumy_hromada(adjective):
        return False
    return any(hromada_centre(adjective, ob.admin1_code) is not None for ob in oblast_table()
               if ob.admin1_code.startswith("UA-") and ob.admin1_code != "UA-59")


@lru_cache(maxsize=16)
def _centre_forms(admin1_code: str, min_population: int) -> tuple[tuple[str, str, str, tuple], ...]:
    """Every form an oblast's settlement name takes in a hromada's or a district's adjective, with the two cores
    hromada_centre compares (built once per oblast: ~1,500 names, three regex substitutions each)."""
    out = []
    for key, places in _hromada_centres(admin1_code, min_population).items():
        forms = {key}
        # compound names: "Велика Писарівка" → "Великописарівська", "Середина-Буда" → "Середино-Будська"
        for p in places:
            words = normalise(p.name).replace("-", " ").split()
            if len(words) == 2:
                base = re.sub(r"(?:ia|yi|ii|a|e|o|i)$", "", words[0])
                forms.update(base + link + words[1] for link in ("o", "io", "i"))
                # Russian: "Большое Солдатское" → "Большесолдатский", "Старая Белица" → "Старобелицкий"
                base = re.sub(r"(?:oie|oe|aia|aya|yi|ii|ie|ye)$", "", words[0])
                second = re.sub(r"(?:skoie|skoe|skii|skyi|skaia|skaya)$", "", words[1])
                forms.update(base + link + second for link in ("e", "o"))
        for form in sorted(forms):
            core = form[:-1] if form[-1:] in "aeiouy" else form
            core2 = form[:-2] if form[-2:] in ("ia", "ka", "ky", "yi", "ia", "ie", "ke") else core
            out.append((form, core, core2, tuple(places)))
    return tuple(out)


@lru_cache(maxsize=4096)
def hromada_centre(adjective: str, admin1_code: str = "UA-59", min_population: int = 0):
    """The settlement of an oblast (Sumy by default) a hromada or a district is named for, or None when
    none or several fit."""
    stems = _stems(adjective)
    if not stems:
        return None
    stems = [stem for stem in stems if len(stem) >= 3]
    best: dict[str, object] = {}
    for form, core, core2, places in _centre_forms(admin1_code, min_population):
        for stem in stems:
            if form.startswith(stem) and len(form) - len(stem) <= 4 or stem in (core, core2) or \
                    (stem.startswith(core2) and len(stem) - len(core2) <= 3 and len(core2) >= 4):
                for p in places:
                    best[p.gazetteer_id] = p
    if len(best) == 1:
        return next(iter(best.values()))
    if len(best) > 1:
        ranked = sorted(best.values(), key=lambda p: -p.population)
        if ranked[0].population >= 5 * max(1, ranked[1].population) and ranked[0].population >= 1000:
            return ranked[0]
    return None


def place_mentions(lex: C.Lexicon, text: str, places, context: list[str],
                   frame: list[str] | None = None) -> list[Located]:
    """Places of a Russian or Ukrainian sentence: oblasts in any case, hromadas (at their centre, admin2),
    names the gazetteer knows, and cued inflected names through the geocoder."""
    low = text.lower()
    found: list[Located] = []
    covered: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(cs < e and s < ce for cs, ce in covered)

    opat, obs, stems = _oblast_forms()
    for m in _matches_at(opat, low, stems) if ("област" in low or "щин" in low or "напр" in low) else ():
        ob = obs[m.lastgroup]
        men = Mention(m.start(), m.end(), text[m.start():m.end()], "oblast", "", False, ob)
        found.append(oblast_located(men, ob.admin1_code))
        covered.append(m.span())
    for m in _OTHER_OBLAST.finditer(text) if ("област" in low or _KRAI.search(low)) else ():
        if free(*m.span()):
            men = Mention(m.start(), m.end(), m.group(), "place", "", False, None)
            found.append(Located(men, None, None, None, None, None, None, None, OUTSIDE, False,
                                 "an oblast outside the mapped ones"))
            covered.append(m.span())
    for m in _OTHER_REGION.finditer(text) if any(stem in low for stem in _OTHER_REGION_STEMS) else ():
        # "атаковали Махачкалу и Мордовию", "у Криму": a republic or Crimea, outside the mapped oblasts
        if free(*m.span()):
            men = Mention(m.start(), m.end(), m.group(), "place", "", False, None)
            found.append(Located(men, None, None, None, None, None, None, None, OUTSIDE, False,
                                 "a region outside the mapped oblasts"))
            covered.append(m.span())
    head = (":" in text or "—" in text or "–" in text) and _HROMADA_HEAD.search(text) is not None
    if "громад" in low or "общин" in low or head:
        spans = []
        for m in _HROMADA.finditer(text):
            for w in re.finditer(r"[А-ЯІЇЄҐ][\w'’ʼ]+(?:-[А-ЯІЇЄҐ]?[\w'’ʼ]+)?", m.group(1)):
                spans.append((m.start(1) + w.start(), m.start(1) + w.end(), w.group()))
        for m in _HROMADA_HEAD.finditer(text) if head else ():
            spans.append((m.start(1), m.end(1), m.group(1)))
        for m in _HROMADA_ELLIPTIC.finditer(text) if lex.language == "uk" else ():
            spans.append((m.start(1), m.end(1), m.group(1)))
        for m in _HROMADA_AFTER.finditer(text):
            for w in _HROMADA_ADJ.finditer(text, m.end(), _list_end(text, m.end())):
                if _NOT_HROMADA_AFTER.match(text, w.end()) is None:  # "повідомила Сумська ОВА": a speaker
                    spans.append((w.start(), w.end(), w.group()))
    else:
        spans = _bare_hromadas(text, low) if lex.language == "uk" else []
    if spans:
        for s, e, word in spans:
            if not free(s, e):
                continue
            centre = hromada_centre(word)
            men = Mention(s, e, word, "place", "hromada", False, None)
            covered.append((s, e))
            if centre is None:
                if _hromada_elsewhere(word):  # "Золочівська громада": Kharkiv oblast's, not a Sumy event
                    found.append(Located(men, None, None, None, None, None, None, None, OUTSIDE, False,
                                         "a hromada of another oblast"))
                    continue
                if not _sumy_hromada(word):
                    # "Російська армія ... у громадах": an adjective no hromada of the codifier bears is no place
                    continue
                if (res := _codifier_hromada(word)) is not None:
                    # "Попівська": its centre's name fits several villages; the codifier's hromada, told apart
                    # by its raion, is the geocoder's
                    found.append(Located(men, res.place, res.gazetteer_id, res.lon, res.lat, res.admin1,
                                         res.admin1_code, res.country, "hromada", True, res.note))
                    continue
                found.append(oblast_located(men, "UA-59", False, "hromada centre not found in the gazetteer"))
                continue
            found.append(Located(men, centre.name, centre.gazetteer_id, centre.lon, centre.lat, centre.admin1,
                                 centre.admin1_code, centre.country, "admin2", True, f"{word} hromada: its centre"))
    for m in _DISTRICT.finditer(text) if ("район" in low or "округ" in low) else ():
        if free(*m.span(1)):
            found.append(_district_centre(m.group(1), Mention(m.start(1), m.end(1), m.group(1), "place", "district",
                                                              False, None), frame or context, places))
            covered.append(m.span(1))
    for m in _DISTRICTS.finditer(text) if ("район" in low or "округ" in low) else ():
        # "в Глушковском, Кореневском и Суджанском районах": each district of the list, at its centre
        for a in _DISTRICT_WORD.finditer(text, m.start(1), m.end(1)):
            if free(*a.span()):
                found.append(_district_centre(a.group(), Mention(a.start(), a.end(), a.group(), "place", "district",
                                                                 False, None), frame or context, places))
                covered.append(a.span())
    for m in _AREA_SHCHYNA.finditer(text) if "щин" in low else ():
        # "на Шосткинщині", "Глухівщину": the area named for its town, at the town as a district (admin2)
        if free(*m.span()):
            adjective = m.group(1) + ("ская" if lex.language == "ru" else "ська")
            loc = _district_centre(adjective, Mention(m.start(), m.end(), m.group(), "place", "district", False, None),
                                   frame or context, places)
            if loc.resolved:
                found.append(loc)
                covered.append(m.span())
    for m in _ROAD.finditer(text) if ("трас" in low or "дорог" in low or "шосс" in low or "шлях" in low) else ():
        # "на трассе «Рыльск-Крупец»", "дорога Рыльск-Хомутовка": the road leaves its first town, near it
        if free(m.start(1), m.end(2)):
            men = _qualify(lex, text, Mention(m.start(1), m.end(1), m.group(1), "candidate", "near", False, None))
            found.append(places.resolve(replace(men, qualifier="near"), context))
            covered.append((m.start(1), m.end(2)))
    dateline = _DATELINE.match(text) if text[1:2].isupper() else None
    # a rubric or a place label of the page ("Новости Курска", "Рыльск") glued to the text, and a dateline in title
    # case at a line's start ("Курск, 9 апреля, 2024, 08:15 — Агентство", a headline glued before it), its dash
    # after the day or the hour: where the page files from, its oblast at most
    labels = label_lines(text) if "\n" in text else []
    titled = _DATELINE_TITLE.search(text) if dateline is None and ("—" in text or "–" in text or " -" in text) \
        else None
    if titled is not None:
        labels.append(titled.span(1))
    elif dateline is None and ("—" in text or "–" in text) and ", " in text:
        # "Курск, 2 мая, 2025, 10:05 — ИА Пример.": a dateline in any case, also after a headline glued to it
        dateline = _DATELINE_AGENCY.search(text)
    if dateline:  # "КУРСК, 27 фев – РИА Новости": where the outlet files from, not a place of the news
        covered.append(dateline.span(1))
    for men in places.mentions(text):
        if not free(men.start, men.end) or _not_place_key(men.name) \
                or _unit_name_before(text, men.start):
            continue
        first = _NAME_FIRST_WORD.search(text, max(0, men.start - 30), men.start) \
            if men.start > 2 and text[men.start - 1] == " " and text[men.start - 2].islower() else None
        if first is not None and free(first.start(), first.end()) and " " not in men.name:
            # "Кривицкие Буды", "Новой Сорочины": the gazetteer's one-word name is the last word of a longer one,
            # which is looked up whole (the oblast, its name kept, when the gazetteer lacks it)
            men = Mention(first.start(), men.end, text[first.start():men.end], "candidate", "", men.origin, None)
        men = _qualify(lex, text, men)
        found.append(places.resolve(men, context))
        covered.append((men.start, men.end))
    # cued names ("в селе X", "под X") and the names of a list a cued name begins ("пунктов X, Y и Z"),
    # which share its "near" ("в районах населённых пунктов X, Y")
    chain_end, chain_near = -1, False
    capture = _CAPTURE_STEMS.search(low) is not None
    more = _CUE_MORE_STEMS.search(low) is not None
    known = {loc.mention.start: i for i, loc in enumerate(found) if loc.mention.kind in ("place", "candidate")}
    for s, e in _names(text):
        word = text[s:e]
        listed = chain_end >= 0 and (_LIST_NEXT.fullmatch(low, chain_end, s) is not None
                                     or _LIST_NEXT_UNIT.fullmatch(low, chain_end, s) is not None)
        cue = _CUE.search(low, max(0, s - 40), s)  # "^" only at the real start: whole words
        if cue is None and more:
            cue = _CUE_MORE.search(low, max(0, s - 40), s)
        cued = cue is not None and not (cue.group().startswith(("в район", "у район", "окраин"))
                                        and _ADJECTIVE.search(word.split()[0].lower()))  # "в районах Курской операции"
        if not cued and capture and _CUE_CAPTURE.search(low, max(0, s - 30), s) is not None:
            cued = _ADJECTIVE.search(word.split()[0].lower()) is None
        if not cued and text[max(0, s - 3):s].rstrip().endswith(":") and _COLON_LIST.match(text, s):
            cued = True  # "вернулись: Апанасовка, Бяхово и Вишневка": a list of names after a colon
        weak = False  # cued only by an attack word: kept when the gazetteer places it with confidence
        if not cued and len(word) > 3 and _CUE_ATTACK.search(low, max(0, s - 24), s) is not None:
            # (a known name after an attack word begins a list too: "атаковали Рыльск и Суджу")
            cued = _ADJECTIVE.search(word.split()[0].lower()) is None
            weak = cued and s not in known
        if s in known:
            i = known[s]
            if not (cued or listed):
                chain_end = -1
                continue
            loc = found[i]
            if listed and chain_near and loc.mention.qualifier == "":
                loc = found[i] = places.resolve(replace(loc.mention, qualifier="near"), context)
            chain_end, chain_near = loc.mention.end, (chain_near and listed) or loc.mention.qualifier == "near"
            continue
        if not free(s, e) or word.lower() in lex.months_gen:
            continue
        if word.lower().split()[0] in _NOT_PLACE:
            if word.lower() in _CAPITALS and (cued or listed):
                # "атаковали Киев": the capital is the place, outside the mapped oblasts ("Киев заявил" names none)
                men = Mention(s, e, word, "place", "", False, None)
                found.append(Located(men, None, None, None, None, None, None, None, OUTSIDE, False,
                                     "a capital outside the mapped oblasts"))
                covered.append((s, e))
            continue
        if not (cued or listed):
            chain_end = -1
            continue
        if _unit_name_before(text, s):
            continue
        men = _qualify(lex, text, Mention(s, e, word, "candidate", "", False, None))
        if listed and chain_near and men.qualifier == "":
            men = replace(men, qualifier="near")
        loc = places.resolve(men, context)
        if weak and not (loc.resolved and loc.geo_precision != "admin1") and loc.geo_precision != OUTSIDE:
            # (a town elsewhere after an attack word is kept: "обстріляли Херсон" is not this oblast's event)
            chain_end = -1
            continue
        found.append(loc)
        covered.append((s, e))
        chain_end, chain_near = e, (chain_near and listed) or men.qualifier == "near"
    found.sort(key=lambda loc: loc.mention.start)
    if lex.language == "ru" and any(loc.mention.qualifier == "district" and loc.resolved for loc in found):
        found = _namesakes_off_their_district(found)
    if any(loc.geo_precision == OUTSIDE and loc.mention.kind == "place" for loc in found):
        # "у Бучанському та Вишгородському районах Київської області": districts no mapped oblast holds lie
        # in the oblast outside the map the sentence names
        found = [replace(loc, geo_precision=OUTSIDE, note=f"{loc.note}; a district of an oblast outside the mapped ones")
                 if loc.mention.qualifier == "district" and not loc.resolved and loc.admin1_code is None else loc
                 for loc in found]
    for i, loc in enumerate(found):
        if not loc.resolved or loc.geo_precision not in ("settlement", "near_settlement"):
            continue
        if any(ls <= loc.mention.start < le for ls, le in labels):
            found[i] = oblast_located(loc.mention, loc.admin1_code, False, "a page's label or dateline, not the event's place")
        elif far_reference(text, loc.mention.start, loc.mention.end):
            found[i] = oblast_located(loc.mention, loc.admin1_code, False, "named as a reference point far away")
        elif loc.mention.qualifier != "district" and (
                _DISTRICT_AFTER.match(low, loc.mention.end) and _DISTRICT_NAME.search(loc.mention.text.split()[-1].lower())
                or _DISTRICT_IN_NAME.search(loc.mention.text.lower())):
            found[i] = _district(loc)
    if any(loc.mention.qualifier == "district" for loc in found) and \
            any(loc.resolved and loc.mention.qualifier != "district" and loc.geo_precision != "admin1" for loc in found):
        # "в селе Теткино Глушковского района": the village is the place, its district only locates it
        found = [loc for loc in found if not (loc.mention.qualifier == "district" and loc.geo_precision == "admin2"
                                              and not (lex.language == "ru" and _stands_for_villages(loc, found))
                                              and not _own_row(text, loc, found))]
    if not found:  # (the frame below is read only for places found: blocks.py leaves such a sentence to a worker)
        return found
    # the oblast frame: the sentence's own oblasts, else the document's so far (``frame``), never a default
    named = [loc.admin1_code for loc in found if loc.mention.kind == "oblast"]
    named_focus = next((code for code in named if code in FOCUS_CODES), None)
    found = [_town_or_village(loc, found, named_focus, frame if frame is not None else context) for loc in found]
    hromadas = [loc for loc in found if loc.mention.qualifier == "hromada" and loc.resolved]
    # (hromadas are Ukraine's: "A Юнаковской громады, B и C" names the oblast its hromadas lie in)
    own = named or [h.admin1_code for h in hromadas][:1] or \
        list((context if frame is None else frame)[:1])
    out = [_in_hromada(_in_frame(loc, own, places, bool(named)), hromadas) for loc in found]
    if len(set(named)) > 1:
        out = [_governing_oblast(low, loc, out) for loc in out]
    return out


# a count opening the next row of a list of tolls: "двое ранены в A районе, пятеро — в B", "..., ещё трое в C"
_ROW_COUNT = re.compile(r"(?:,|;|\s(?:и|і|та|а))\s+(?:ещё\s+|еще\s+|ще\s+|также\s+|також\s+)?" + _NUMBER)


def _own_row(text: str, district: Located, found: list[Located]) -> bool:
    """Whether a district heads a row of its own, every village of the sentence being told after it and a count
    opening the next row ("трое пострадали в A районе, ещё пятеро — в B"): not the village's district."""
    after = [loc.mention.start for loc in found if loc.mention.qualifier != "district" and loc.mention.kind != "oblast"]
    if not after or min(after) < district.mention.end:
        return False
    return _ROW_COUNT.search(text.lower(), district.mention.end, min(after)) is not None


_OBLAST_RIGHT_AFTER = re.compile(r"\s*(?:,\s*)?(?:в|у|на)?\s*$")


def _governing_oblast(low: str, loc: Located, found: list[Located]) -> Located:
    """In a sentence naming two oblasts, a village the gazetteer lacks (or holds only as another oblast's namesake)
    lies in the oblast named right after it ("хутор Новенькое в Сумской области"), else in the one named last
    before it ("в Курской области населённые пункты A, B и C")."""
    if loc.resolved or loc.mention.kind == "oblast" or loc.geo_precision == OUTSIDE:
        return loc
    oblasts = [o for o in found if o.mention.kind == "oblast" and o.admin1_code]
    after = next((o for o in oblasts if o.mention.start >= loc.mention.end
                  and _OBLAST_RIGHT_AFTER.match(low[loc.mention.end:o.mention.start])), None)
    before = [o for o in oblasts if o.mention.end <= loc.mention.start]
    by = after or (before[-1] if before else None)
    if by is None or by.admin1_code == loc.admin1_code:
        return loc
    return oblast_located(loc.mention, by.admin1_code, False, f"{loc.note}; in the oblast the sentence names beside it")


# an area named for its town with "-щина" ("Шосткинщина", "на Краснопільщині", "Глушковщину"); an oblast's
# own such name ("Сумщина") is read first, as the oblast
# a road named by the towns it joins, hyphenated ("трасса «Рыльск-Крупец»", "автошлях Суми-Київ")
_ROAD = re.compile(r"(?<![\w'’ʼ-])(?:трасс\w*|трас[аіиуою]\w*|автодорог\w*|дорог\w*|шоссе|автошлях\w*)\s+[«\"„“']?"
                   r"([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+)\s*[-–—]\s*([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+)(?![\w'’ʼ-])")
_AREA_SHCHYNA = re.compile(r"(?<![\w'’ʼ-])([А-ЯІЇЄҐЁ][\w'’ʼ]+?)щин(?:а|и|і|у|ою|е|ой)(?![\w'’ʼ-])")
_DATELINE = re.compile(r"\s*([А-ЯЁІЇЄҐ][А-ЯЁІЇЄҐ'’ʼ-]+(?:\s+[А-ЯЁІЇЄҐ'’ʼ-]{2,})*),\s+\d{1,2}\s+[а-яіїєґё]{3}")
# the same with its day (year, time) and a dash before the outlet's name and its full stop, in any case
_DATELINE_AGENCY = re.compile(r"(?<![\w'’ʼ-])([А-ЯЁІЇЄҐ][\w'’ʼ-]+),\s+\d{1,2}\s+[а-яіїєґё]{3,}\.?(?:,?\s+\d{4})?"
                              r"(?:\s*(?:г\.|года|року|р\.))?(?:,?\s+\d{1,2}:\d{2})?\s*[—–]\s*[^.\n]{2,30}\.")
# a line of one to three capitalised words and nothing else: a page's rubric or place label ("Курск", "Новости
# Курска", "Происшествия"), not a headline (which says what happened in lower-case words)
_LABEL_LINE = re.compile(r"[ \t]*[А-ЯЁІЇЄҐ][\w'’ʼ-]*(?:[ \t]+[А-ЯЁІЇЄҐ][\w'’ʼ-]*){0,2}[ \t]*")


def label_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines of ``text`` that are a page's label glued to the sentence after it ("Новости
    Курска" above the lede): a label line followed by a line of text, neither part of a one-name-a-line list (a
    label beside another label, or after a line ending in ":" or ",")."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    lines = [l for l in lines if l[2].strip()]
    label = [_LABEL_LINE.fullmatch(l) is not None for _, _, l in lines]
    out = []
    for i, (s, e, line) in enumerate(lines):
        if not label[i] or i + 1 == len(lines) or label[i + 1] or (i and label[i - 1]):
            continue
        if i and lines[i - 1][2].rstrip().endswith((":", ",", "—", "–", "-")):
            continue
        out.append((s, e))
    return out


_DATELINE_TITLE = re.compile(r"(?:^|(?<=\n))\s*([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+(?:[\s-][А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+)*),\s+\d{1,2}\s+"
                             r"[а-яіїєґё]{3,}\.?(?:,?\s+\d{4}(?:\s*(?:года|г\.|року|р\.))?)?(?:,?\s+\d{1,2}:\d{2})?\s*[—–-]\s")
# the first two names of a list after a colon ("вернулись: Апанасовка, Бяхово ...", "A Юнаковской громады, B")
_COLON_LIST = re.compile(r"[А-ЯЁІЇЄҐ][\w'’ʼ-]+(?:\s+[\w'’ʼ-]+)?(?:\s+[\w'’ʼ-]+\s+(?:громад|общин)\w*)?\s*,\s*(?:[А-ЯЁІЇЄҐ]|\d+-)")
_DISTRICT_AFTER = re.compile(r"\s+(?:район\w*|округ\w*)")
# an adjective naming a district: "Глушковский", and a city's "Зарічний", "Заречном" (районе)
_DISTRICT_IN_NAME = re.compile(r"\s(?:район|округ)\w*$")  # a gazetteer name read with its "район": "Зарічний район"
_DISTRICT_NAME = re.compile(r"(?:ск|цк|зк|ськ|цьк|зьк|н)(?:ой|ая|ий|ый|ую|ом|ого|ому|ої|ій|ою|им|ім)$")


_DISTRICT_ADJ = r"[А-ЯЁІЇЄҐ][\w'’ʼ]+(?:-[А-ЯЁІЇЄҐ]?[\w'’ʼ]+)?(?:ск|цк|ськ|цьк|зьк)(?:ого|ому|ий|ом|им|ій)(?![\w'’ʼ-])"
_DISTRICT_WORD = re.compile(_DISTRICT_ADJ)
# "в Глушковском районе", "Шосткинського району": one district, the word in the singular
_DISTRICT = re.compile(rf"(?<![\w'’ʼ-])({_DISTRICT_ADJ})"
                       r"\s+(?:район(?!ах|ов|ів|ами|ам)\w*|муниципальн\w+\s+округ(?!ах|ов|ів)\w*|округ(?!ах|ов|ів)\w*)")
# districts named together, the word said once in the plural: "в Глушковском и Кореневском районах",
# "Шосткинського, Сумського та Охтирського районів"
_DISTRICTS = re.compile(rf"(?<![\w'’ʼ-])({_DISTRICT_ADJ}(?:(?:\s*,\s*|\s*,?\s+(?:и|і|й|та)\s+)(?:(?:а\s+)?(?:также|також)\s+)?"
                        rf"{_DISTRICT_ADJ})+)"
                        r"\s+(?:район(?:ах|ов|ів|ы|и|ам|ами)|(?:муниципальн\w+\s+)?округ(?:ах|ов|ів|и|ы|ам|ами))(?![\w'’ʼ-])")


def _district_centre(word: str, men: Mention, frame: list[str], places) -> Located:
    """"в Глушковском районе", "Шосткинського району": the district at its centre (admin2), found among
    the towns of the sentence's oblast first, then of Kursk and Sumy oblasts; else the oblast, name kept."""
    # (then the other oblasts of the map: "Чугуївський район", "Шебекинский округ" are not Kursk's or Sumy's)
    codes = list(dict.fromkeys([*frame[:1], "RU-KRS", "UA-59", *(ob.admin1_code for ob in oblast_table())]))
    for code in codes:
        centre = hromada_centre(word, code, 1500)
        if centre is None:
            continue
        loc = Located(men, centre.name, centre.gazetteer_id, centre.lon, centre.lat, centre.admin1,
                      centre.admin1_code, centre.country, "admin2", True, f"{word} district: its centre")
        return loc
    # "Белгородский район" shares its oblast's adjective: a district of that oblast
    code = next((ob.admin1_code for ob in oblast_table() for native in (ob.name_ru, ob.name_uk)
                 if native and word.lower().startswith(re.sub(r"(?:ая|ий|ый|а)$", "", native.split()[0].lower()))), None)
    if code is None:
        return Located(men, None, None, None, None, None, None, None, "admin1", False, "district centre not found")
    return oblast_located(men, code, False, "district centre not found in the gazetteer")


def district_villages(district: Located, found: list[Located]) -> list[Located]:
    """The villages a district names in a governor's list by districts ("сёла A и B Глушковского района, хутор C
    Беловского района"): the names after the district named before it, up to this one, that the gazetteer
    lacks (or holds only as the oblast)."""
    before = [loc.mention.end for loc in found if loc.mention.qualifier == "district"
              and loc.mention.end <= district.mention.start]
    start = max(before, default=0)
    return [loc for loc in found if start <= loc.mention.start and loc.mention.end <= district.mention.start
            and loc.mention.kind in ("candidate", "place") and (not loc.resolved or loc.geo_precision == "admin1")
            and loc.geo_precision != OUTSIDE]


DISTRICT_REACH_KM = 55  # a raion's centre to its farthest villages, about (Sumy raion is some 100 km across)


def _namesakes_off_their_district(found: list[Located]) -> list[Located]:
    """"хутор Олешня Суджанского района": a village the gazetteer places in another oblast, or farther from the
    centre of the district the list names it under than a district reaches, is a namesake: the village stays a
    mention in the district's oblast (the district then stands for it), never a dot in the wrong place."""
    out = list(found)
    for d in found:
        if d.mention.qualifier != "district" or not d.resolved or d.geo_precision != "admin2" or d.lat is None:
            continue
        start = max((l.mention.end for l in found if l.mention.qualifier == "district"
                     and l.mention.end <= d.mention.start), default=0)
        for i, loc in enumerate(out):
            if start <= loc.mention.start and loc.mention.end <= d.mention.start and loc.resolved \
                    and loc.mention.kind != "oblast" and loc.mention.qualifier not in ("district", "hromada") \
                    and loc.geo_precision in ("settlement", "near_settlement") and loc.lat is not None \
                    and (loc.admin1_code != d.admin1_code or km(loc, d) > DISTRICT_REACH_KM):
                out[i] = oblast_located(loc.mention, d.admin1_code, False,
                                        f"{loc.place} ({loc.admin1}) lies {km(loc, d):.0f} km from the centre of the "
                                        f"{d.mention.text} district the text names it under: a namesake, kept as a mention")
    return out


def _stands_for_villages(district: Located, found: list[Located]) -> bool:
    """Whether a Russian list names, by this district, villages the gazetteer lacks: then the district (its
    centre, admin2) is their place, beside any village of the list the gazetteer holds."""
    return district.resolved and bool(district_villages(district, found))


def _district(loc: Located) -> Located:
    """"у Ковпаківському районі": a district (of a city or an oblast) the gazetteer holds by its adjective
    is an area, not a point: admin2 at the gazetteer's point, never a settlement dot."""
    return replace(loc, mention=replace(loc.mention, qualifier="district"), geo_precision="admin2",
                   note=f"{loc.place}: a district, at admin2")


def _in_hromada(loc: Located, hromadas: list[Located]) -> Located:
    """"the village X of the Y hromada": a gazetteer X far from every hromada the sentence names is a
    namesake, so the event goes to the hromada (its centre, admin2) and X is reported."""
    if not hromadas or loc.mention.qualifier == "hromada" or not loc.resolved or loc.geo_precision == "admin1":
        return loc
    if any(km(loc, h) <= 30 for h in hromadas):
        return loc
    h = hromadas[0]
    return Located(loc.mention, h.place, h.gazetteer_id, h.lon, h.lat, h.admin1, h.admin1_code, h.country, "admin2",
                   True, f"{loc.place} of the gazetteer lies {km(loc, h):.0f} km from the {h.mention.text} hromada "
                   f"the sentence names; placed in the hromada")


def _in_frame(loc: Located, own: list[str], places, named: bool = False) -> Located:
    """A small place outside the oblasts the sentence itself names is a namesake, not the place meant
    ("Олешня" in a sentence about Kursk oblast is not the Ukrainian village of that name): the event
    keeps the sentence's oblast and the mention is reported. A wrong dot costs more than a vague one."""
    if own and not loc.resolved and loc.admin1_code and loc.admin1_code not in own and loc.mention.kind != "oblast":
        # "Николаевка" in a Kursk report: the Sumy namesakes that left it unresolved do not move it to Sumy
        return oblast_located(loc.mention, own[0], False, f"{loc.note}; kept in the oblast of the text")
    if (not own or not loc.resolved or loc.geo_precision == "admin1" or loc.admin1_code in own
            or loc.mention.qualifier == "hromada"):
        return loc
    p = places.geocoder.gaz.get(loc.gazetteer_id) if loc.gazetteer_id else None
    # a town of 10,000 (Харків in a Sumy report) stays; when the sentence names its oblast ("між A та B
    # на Сумщині"), only another oblast's capital does
    if p is not None and p.population >= 10000 and (not named or CAPITAL_OBLAST.get(p.name) == p.admin1_code):
        return loc
    return oblast_located(loc.mention, own[0], False, f"{loc.place} ({loc.admin1}) lies outside the oblast the sentence names")


@lru_cache(maxsize=8)
def _qualifier_patterns(lang: str) -> tuple[re.Pattern, re.Pattern]:
    lex = C.LEXICONS[lang]
    near = re.compile(r"(?<![\w'’ʼ-])(?:" + "|".join(C.word_regex(w) for w in lex.near.words) + r")"
                      # "к северу от города X", "в сторону украинского города X", "на південний схід від райцентру X"
                      r"(?:(?:\s+[\w-]+(?:ого|ої))?\s+(?:города|села|посёлка|поселка|міста|селища|райцентр[ау]|центр[ау]))?\s+$")
    origin = re.compile(r"(?<![\w'’ʼ-])(?:" + "|".join(C.word_regex(w) for w in lex.origin.words)
                        + r")\s+(?:[\w'’ʼ-]+\s+){0,2}$")
    return near, origin


# a vehicle's way: "автобус, який їхав із Сум до Білопілля", "машина ехала из Рыльска в Курск": it was hit somewhere
# between, so neither end is the place
# ... and its heading: "машина, ехавшая в сторону Суджи", "авто, що рухалося у напрямку Білопілля", "дроны летели в
# сторону Конотопа", "отступают к областному центру": where it was going, not where it was hit
_TRAVEL_END = re.compile(r"(?<![\w'’ʼ-])(?:їха\w*|їде|їдуть|рухал\w*|рухає\w*|прямува\w*|прямує|ехал\w*|едет|едут|"
                         r"двигал\w*|движ\w*|следова\w*|следу\w*|направлял\w*|летел\w*|летят|летіл\w*|летять|"
                         r"отступа\w*|отступил\w*|отход\w*|отошл\w*|відступа\w*|відступил\w*|відход\w*|відійшл\w*)"
                         r"\s+(?:(?:из|с|со|з|із|зі)\s+[\w'’ʼ-]+\s+)?"
                         r"(?:до|в|у|на|к|из|с|со|з|із|зі|в\s+сторону|в\s+направлении|у\s+напрямку|в\s+напрямку|[ув]\s+бік)"
                         r"(?:\s+[\w-]+(?:ого|ої))?(?:\s+(?:города|міста|села|посёлка|поселка|селища))?\s+$")


def _qualify(lex: C.Lexicon, text: str, men: Mention) -> Mention:
    """"под Суджей", "біля Юнаківки" → near; "с территории ..." → where it came from; "їхав із A до B" → a way's end."""
    before = text[max(0, men.start - 40):men.start].lower()
    if men.kind != "oblast" and ("їх" in before or "їд" in before or "рух" in before or "прям" in before or "ех" in before
                                 or "ед" in before or "двиг" in before or "движ" in before or "след" in before
                                 or "направ" in before or "лет" in before or "літ" in before or "ступ" in before
                                 or "ход" in before or "шл" in before) \
            and _TRAVEL_END.search(before):
        return Mention(men.start, men.end, men.text, men.kind, "destination", True, men.hits)
    near_re, origin_re = _qualifier_patterns(lex.language)
    if men.kind != "oblast" and near_re.search(before):
        return Mention(men.start, men.end, men.text, men.kind, "near", men.origin, men.hits,
                       loose=LOOSE_NEAR.search(before) is not None)
    if origin_re.search(before):
        return Mention(men.start, men.end, men.text, men.kind, men.qualifier, True, men.hits)
    return men

"""Russian and Ukrainian word lists: each pattern one record of words; gates and regexes derived from it.

A record's words are lower-case; ``*`` ends a stem ("обстрел*" is every form of the noun and verb),
a space stands for any run of spaces ("атак* бпла"). From the words come:

- ``regex``: one compiled pattern over lower-cased text, whole words only;
- ``gate``: the first four letters of each word, so a sentence whose words start with none of them
  skips the record without a scan.

Adding a word or a language is one edit here; ``tests/test_extract_cyr.py`` checks the derived
parts against the records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

_WORD = re.compile(r"[^\W\d_](?:[\w'’ʼ-]*\w)?|\d+")  # a word of Cyrillic or Latin text, hyphens and apostrophes kept


@dataclass(frozen=True)
class Record:
    """One pattern: what it stands for (``label``, ``sub``) and the words that say it."""

    label: str
    words: tuple[str, ...]
    sub: str = ""

    def __post_init__(self) -> None:
        for w in self.words:
            assert w == w.lower() and w.strip() == w and "**" not in w, (self.label, w)
            first = w.split(" ")[0]
            # a stem shorter than the gate's four letters would hide its longer forms from the gate
            assert not first.endswith("*") or len(first) > 4, (self.label, w)

    @cached_property
    def regex(self) -> re.Pattern:
        """Every word as a whole-word alternative: ``*`` → the rest of the word, a space → spaces."""
        alts = sorted((word_regex(w) for w in self.words), key=len, reverse=True)
        return re.compile(r"(?<![\w'’ʼ-])(?:" + "|".join(alts) + r")(?![\w'’ʼ-])")

    @cached_property
    def gate(self) -> frozenset[str]:
        """The first four letters of each word: every match starts a word with one of them."""
        return frozenset(gate_key(w) for w in self.words)

    def search(self, low: str, keys: set[str] | frozenset[str]):
        """The first match in lower-cased ``low``, tried only when the gate lets it (``keys``: gate_keys(low))."""
        if keys.isdisjoint(self.gate):
            return None
        return self.regex.search(low)

    def finditer(self, low: str, keys):
        if keys.isdisjoint(self.gate):
            return iter(())
        return self.regex.finditer(low)


def word_regex(word: str) -> str:
    """The regex of one record word (see ``Record``)."""
    parts = []
    for token in word.split(" "):
        stem = token.rstrip("*")
        parts.append(re.escape(stem) + (r"[\w'’ʼ-]*" if token.endswith("*") else ""))
    return r"\s+".join(parts)


def gate_key(word: str) -> str:
    """The gate key of a record word: the first four characters of its first word (a stem may be shorter)."""
    return word.split(" ")[0].rstrip("*")[:4]


def gate_keys(low: str) -> frozenset[str]:
    """The first four characters of every word of a lower-cased text."""
    return frozenset(w[:4] for w in _WORD.findall(low))


@dataclass(frozen=True)
class Lexicon:
    """Everything extraction reads in one language."""

    language: str
    triggers: tuple[Record, ...]  # label = event_type, sub = default sub_type
    weapons: tuple[Record, ...]  # label = weapon
    actors: tuple[Record, ...]  # label = actor ("the enemy" is the other side from the speaker's)
    hedge: Record  # possible, planned, alerts: not an event
    negation: Record  # "не"/"ні" right before a trigger
    denial: Record  # "refuted", "fake": the claim is disputed
    speech: Record  # verbs and phrases that attribute a statement
    claimants: tuple[Record, ...]  # label = who, in English
    killed: Record
    wounded: Record
    alleged: Record  # "reportedly": a claim, not a fact
    near: Record  # words before a place that make it near_settlement
    origin: Record  # "from the territory of": where the fire came from, not where it fell
    months_gen: tuple[str, ...]  # "12 марта"
    months_loc: tuple[str, ...]  # "в марте 2025"
    weekdays: tuple[str, ...]  # accusative, Monday first ("в понедельник")
    relative: dict[str, tuple[int, int]] = field(default_factory=dict)  # words → days before publication
    night_on: str = ""  # "в ночь на" (the night leading into the named day)


def _r(label: str, words: str, sub: str = "") -> Record:
    return Record(label, tuple(w.strip() for w in words.split("|") if w.strip()), sub)


_WEAPON_WORDS = {
    "ru": [
        ("glide_bomb", "каб|кабы|кабами|кабов|управляем* авиабомб*|управляем* авиационн* бомб*|авиабомб*|фаб|фабы|фабами|фабов|фаб-500|фаб-250|фаб-1500"),
        ("mlrs", "рсзо|град|града|градов|градами|ураган*|смерч*|торнадо*|реактивн* систем*|хаймарс*|himars"),
        ("missile", "ракет*|искандер*|баллистическ*|крылат*"),
        ("aircraft", "авиаци*|авиаудар*|вертолет*|вертолёт*|самолет*|самолёт*|су-34|су-35|су-25"),
        ("fpv_drone", "fpv|фпв|fpv-дрон*|дрон*-камикадзе"),
        ("quadcopter", "квадрокоптер*|мавик*|mavic"),
        ("artillery", "артиллер*|артобстрел*|ствольн*|гаубиц*|сау|агс|гранатомет*|гранатомёт*"),
        ("mortar", "миномет*|минометн*|миномёт*"),
        ("armour", "танк*|бронетехник*|бмп|бтр|бронемашин*"),
        ("drone", "беспилотник*|беспилотн*|бпла|бпл|дрон*|шахед*|герань*|ланцет*|орлан*|квадрокоптер*"),
    ],
    "uk": [
        ("glide_bomb", "каб|каби|кабами|кабів|кабу|керован* авіабомб*|керован* авіаційн* бомб*|авіабомб*|фаб|фаби|фабами|фабів|фаб-500|фаб-250|фаб-1500"),
        ("mlrs", "рсзв|град|града|градів|градами|ураган*|смерч*|торнадо*|реактивн* систем*|реактивн* артилер*|хаймарс*|himars"),
        ("missile", "ракет*|іскандер*|балістичн*|крилат*|нурс*"),
        ("aircraft", "авіаці*|авіаудар*|гелікоптер*|вертоліт*|вертольот*|літак*|су-34|су-35|су-25"),
        ("fpv_drone", "fpv|фпв|fpv-дрон*|дрон*-камікадзе"),
        ("quadcopter", "квадрокоптер*|мавік*|mavic"),
        ("artillery", "артилер*|артобстріл*|ствольн*|гаубиц*|сау|агс|гранатомет*"),
        ("mortar", "міномет*|мінометн*"),
        ("armour", "танк*|бронетехні*|бмп|бтр|бронемашин*"),
        ("drone", "безпілотник*|безпілотн*|бпла|бплa|бпл|дрон*|шахед*|герань*|ланцет*|орлан*|квадрокоптер*|вог|вогів"),
    ],
}

# (event_type, default sub_type, words)
_TRIGGER_WORDS = {
    "ru": [
        ("strike", "shelling",
         "обстрел*|обстреля*|удар|удара|ударом|удары|ударов|ударам|ударами|нанес* удар*|нанос* удар*|ударил*|"
         "атак* беспилотник*|атак* бпла|атак* дрон*|атак* fpv*|атаковал*|атакова*|атаку|атаки|атака|атаке|атакой|атакам|"
         "атаками|атак|подверг* атак*|подверг* обстрел*|подверг* удар*|выпустил*|выпущен*|"
         "сброс*|сбросил*|прилет*|прилёт*|попадани*|налет*|налёт*|артобстрел*|взрыв*|детонир*|сдетонир*|"
         "сбит*|сбили|сбил|уничтожен* беспилотник*|уничтожен* бпла|перехвачен*|перехватил*|подавлен*|"
         "пострадал* от удар*|атакован*|обстрелян*|под обстрел*|под огнем|под огнём|под огонь|под враж* огонь|под удар*|"
         "поврежден*|повреждён*|повредил*|повреждени*|разрушен*|разрушил*"),
        ("ground_assault", "assault",
         "штурм*|боестолкновен*|наступлени*|наступал*|наступают|наступа*|вторжени*|вторгл*|прорыв*|прорвал*|прорва*|"
         "отразил*|отражен*|отбил*|отбит*|бои|боев|бой|боях|боями|боевы* столкновени*|столкновени*|"
         "освобожд*|освободил*|освобожден*|освобождён*|занял*|захватил*|захвачен*|взял* под контроль|взят* под контроль|вернул* под контроль|перешл* под контроль|перешел под контроль|перешёл под контроль|под контроль москвы|под контроль россии|под российск* контроль|"
         "продвинул*|продвига*|продвижени*|зачист*|окружен*|окружил*|контратак*|контрнаступ*|дрг|"
         "боевые действия|диверсионно-разведывательн* групп*|диверсионн* групп*|вошл* в|зашли в|зашел в|зашёл в|закрепил*|закрепля*|ликвидирова*|"
         "под контролем|контролиру*|оккупирова*|оккупация|оккупации|оккупацию|оккупацией|вернул* под контроль|"
         "установил* контроль|установлен* контроль|установ* контроль|перешл* под контроль|переход* под контроль|"
         "перешел под контроль|перешёл под контроль|нанес* поражени*|нанесен* поражени*|"
         # "взяли под свой контроль", "о переходе под наш контроль": the owner between the words
         "под свой контроль|под наш контроль|под полн* контроль"),
        ("deployment", "troop_arrival",
         "переброс*|переброшен*|перебросил*|сосредоточ*|дислоцир*|прибыл*|прибыва*|подкреплени*|"
         "развернут* войск*|разверну* войск*|отвел*|отвод* войск*|вывод* войск*|выведен*|"
         "передислоци*|направил* войск*|направлен* войск*|военнослужащ* кндр|северокорейск* военн*"),
        ("drone_reconnaissance", "aerial_reconnaissance",
         "разведк*|разведывательн* беспилотник*|разведывательн* бпла|разведывательн* дрон*|аэроразведк*|"
         "корректировк*|корректировщик*|корректирова*"),
        # a force's counted losses ("ВСУ потеряли до 200 военнослужащих"; the count is checked in cyr)
        ("other", "casualties", "потерял*|потеряв*|потери|потерь|потерях|потерями|безвозвратн* потер*"),
        ("other", "other", "эвакуир*|эвакуаци*|эвакуирова*|вывезен*|вывезл*|вывезли"),
    ],
    "uk": [
        ("strike", "shelling",
         "обстріл*|обстріля*|обстрілю*|удар|удару|ударом|удари|ударів|ударам|ударами|завда* удар*|вдари*|вдарив|"
         "вдарили|бив|били|атак* безпілотник*|атак* бпла|атак* дрон*|атак* fpv*|атакува*|атакує|атакували|"
         "атаку|атаки|атака|атаці|атакою|атак|атакам|атаками|зазна* атак*|випустил*|випустив*|скид*|скинув*|скинул*|приліт*|прильот*|влучан*|влучил*|влучив|"
         "авіаудар*|артобстріл*|вибух|вибухи|вибухів|вибуху|пуск*|збит*|збили|знешкоджен*|знешкодил*|"
         "приземлил*|подавлен*|уражен*|уразил*|обстріляно|атаковано|під вогнем|під вогонь|під ворож* вогонь|під обстріл*|під удар*|зазна* обстріл*|зазна* удар*|"
         "пошкоджен*|пошкоджено|пошкодил*|пошкодж*|зруйнован*|зруйновано|зруйнува*|руйнуван*"),
        ("ground_assault", "assault",
         "штурм*|боєзіткнен*|наступ|наступу|наступом|наступі|наступальн*|наступа*|наступали|вторгнен*|вторгл*|прорив*|"
         "прорвал*|прорва*|відбил*|відбито|відбива*|відбит*|бої|боїв|бою|боях|боями|бойов* зіткнен*|зіткнен*|"
         "бойові дії|звільни*|звільнен*|звільнил*|захопи*|захопл*|окупува*|просуну*|просува*|просуван*|зачищ*|оточен*|"
         "оточил*|контратак*|контрнаступ*|дрг|диверсійно-розвідувальн* груп*|диверсійн* груп*|зайшл* в|зайшл* у|увійшл*|"
         "закріпил*|закріплю*|інфільтр*|штурмов*|під контролем|контролю*|встановил* контроль|встанови* контроль|"
         "взял* під контроль|взят* під контроль|під свій контроль|під повн* контроль|перейш* під контроль|перейшл* під контроль"),
        ("deployment", "troop_arrival",
         "перекину*|перекида*|перекинут*|зосередж*|зосереди*|дислоку*|дислокова*|прибул*|прибува*|підкріплен*|"
         "розгорну* військ*|розгорнут*|відвел*|відведен*|відвод* військ*|виведен* військ*|"
         "передислок*|сконцентрува*|військов* кндр|північнокорейськ* військов*"),
        ("drone_reconnaissance", "aerial_reconnaissance",
         "розвідк*|розвідувальн* безпілотник*|розвідувальн* бпла|розвідувальн* дрон*|аеророзвідк*|"
         "коригуван*|коригувальник*|коригува*|прольот*|проліт*"),
        # a force's counted losses ("втрати ворога склали 300 осіб"; the count is checked in cyr)
        ("other", "casualties", "втрат*|втратил*|втратив*|безповоротн* втрат*"),
        ("other", "other", "евакуйов*|евакуац*|евакуюва*|евакуюв*|евакуйова*|вивезл*|вивезен*|вивезли"),
    ],
}

_ACTOR_WORDS = {
    "ru": [
        ("North Korean forces", "кндр|северокорейск*|северные корейц*|корейск* народн* арми*|кна"),
        ("Ukrainian forces", "всу|вооруженн* сил* украин*|вооружённ* сил* украин*|украинск* военн*|украинск* войск*|"
                             "украинск* подразделени*|украинск* беспилотник*|украинск* дрон*|украинск* бпла|киевск* режим*|противник*|враг*|неонацист*|боевик*|"
                             "украинск* диверсант*|диверсант*|нацформировани*|формирования всу"),
        ("Russian forces", "вс рф|российск* войск*|российск* военн*|российск* подразделени*|"
                           "российск* арми*|группировк* войск* север|подразделени* группировк*|наши военн*|"
                           "российск* пво|пво|дежурн* средств* пво|рэб"),
    ],
    "uk": [
        ("North Korean forces", "кндр|північнокорейськ*|північн* корейц*|корейськ* народн* арм*|кна"),
        ("Russian forces", "рф|росіян*|російськ*|окупант*|ворог|ворога|ворогу|ворожі|ворожих|ворожого|вороже|"
                           "ворожим|загарбник*|рашист*|армія рф|зс рф|противник*"),
        ("Ukrainian forces", "зсу|сили оборони|сил оборони|силами оборони|українськ* військов*|українськ* підрозділ*|"
                             "захисник*|наші військов*|прикордонник*|ппо|сили ппо|мобільн* вогнев* груп*|реб"),
    ],
}

_CLAIMANT_WORDS = {
    "ru": [
        ("Russian Ministry of Defence", "минобороны|министерств* обороны|мо рф|военн* ведомств*"),
        ("Kursk oblast governor", "губернатор* курск*|глав* курск*|старовойт*|смирнов*|хинштейн*|"
                                  "оперативн* штаб* курск*|врио губернатора"),
        ("Belgorod oblast governor", "гладков*|губернатор* белгородск*"),
        ("Bryansk oblast governor", "богомаз*|губернатор* брянск*"),
        ("Ukrainian General Staff", "генштаб* всу|генштаб* украин*|генеральн* штаб* всу"),
        ("Russian officials", "губернатор*|глав* региона|глав* области|власти|администраци*|оперштаб*|штаб*"),
    ],
    "uk": [
        ("Sumy regional military administration", "сумськ* ова|сумськ* обласн* військов* адміністрац*|ова|"
                                                  "обласн* військов* адміністрац*|живицьк*|григоров*|артюх*|"
                                                  "голов* ова|начальник* ова"),
        ("Ukrainian General Staff", "генштаб*|генеральн* штаб*"),
        ("Ukrainian Air Force", "повітрян* сил*"),
        ("State Border Guard Service", "дпсу|прикордонн* служб*|демченко"),
        ("National Police", "нацполіці*|поліці*"),
        ("Ukrainian military intelligence (HUR)", "гур|головн* управлінн* розвідк*|буданов*|юсов*"),
        ("Ukrainian military", "угруповання військ* сівер*|зсу|сили оборони|командуван*|сирськ*|"
                               "зеленськ*|міноборони"),
        ("Russian Ministry of Defence", "міноборони рф|міністерств* оборони рф|міністерств* оборони росії|"
                                        "мо рф|російськ* міноборони"),
        ("State Emergency Service of Ukraine", "дснс|рятувальник*"),
        # a city's or a hromada's head, a military administration below the oblast's, prosecutors
        ("Ukrainian local authorities", "військов* адміністрац*|мва|міськ* голов*|міськ* рад*|голов* громад*|"
                                        "начальник* громад*|старост*|прокуратур*|прокурор*|мер|мера|мером"),
    ],
}

_MONTHS_GEN = {
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
}
_MONTHS_LOC = {
    "ru": "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре",
    "uk": "січні лютому березні квітні травні червні липні серпні вересні жовтні листопаді грудні",
}
_WEEKDAYS = {
    "ru": "понедельник вторник среду четверг пятницу субботу воскресенье",
    "uk": "понеділок вівторок середу четвер п'ятницю суботу неділю",
}
# words → (days before publication of the first day, of the last day): "за минулу добу" in a
# report of the 25th covers the 24th and the 25th
_DAY = (0, 0)
_YESTERDAY = (1, 1)
_PAST_DAY = (1, 0)
_TWO_DAYS = (2, 0)  # "за двое суток": the two days before the report and its own
_WEEK = (7, 0)  # "за неделю", "за минулий тиждень": the week before the report, to its day
_TWO_WEEKS = (14, 0)
_RELATIVE = {
    "ru": {"вчера": _YESTERDAY, "позавчера": (2, 2), "сегодня": _DAY, "накануне": _YESTERDAY, "этой ночью": _DAY,
           "минувшей ночью": _DAY, "прошлой ночью": _DAY, "за минувшие сутки": _PAST_DAY, "за прошедшие сутки": _PAST_DAY, "за сутки": _PAST_DAY,
           "минувшие сутки": _PAST_DAY, "в течение суток": _PAST_DAY, "сегодня ночью": _DAY,
           "сегодня утром": _DAY, "за двое суток": _TWO_DAYS, "за последние двое суток": _TWO_DAYS,
           "за минувшие двое суток": _TWO_DAYS, "в течение двух суток": _TWO_DAYS, "за неделю": _WEEK,
           "за прошедшую неделю": _WEEK, "за минувшую неделю": _WEEK, "за последнюю неделю": _WEEK,
           "за две недели": _TWO_WEEKS, "за последние две недели": _TWO_WEEKS},
    "uk": {"вчора": _YESTERDAY, "учора": _YESTERDAY, "позавчора": (2, 2), "сьогодні": _DAY,
           "напередодні": _YESTERDAY, "цієї ночі": _DAY, "минулої ночі": _DAY, "минулої доби": _PAST_DAY,
           "за минулу добу": _PAST_DAY, "за добу": _PAST_DAY, "протягом доби": _PAST_DAY, "упродовж доби": _PAST_DAY,
           "минулу добу": _PAST_DAY, "минулого дня": _YESTERDAY, "за дві доби": _TWO_DAYS,
           "за минулі дві доби": _TWO_DAYS, "за останні дві доби": _TWO_DAYS, "протягом двох діб": _TWO_DAYS,
           "упродовж двох діб": _TWO_DAYS, "за тиждень": _WEEK, "за минулий тиждень": _WEEK,
           "за останній тиждень": _WEEK, "протягом тижня": _WEEK, "упродовж тижня": _WEEK,
           "за два тижні": _TWO_WEEKS, "за останні два тижні": _TWO_WEEKS},
}

_SIMPLE = {
    "ru": {
        "hedge": "может|могут|мог|могли|возможн*|вероятн*|планиру*|намерева*|собира*ся|готов*ся|угроз*|"
                 "опасност*|тревог*|отбой|если|якобы планир*|прогнозиру*|не исключ*|грозит|грозят",
        "negation": "не|ни|нет|никак*",
        "denial": "опроверг*|опровер*|фейк*|ложн*|не соответству* действительност*|дезинформаци*|"
                  "не подтвержда*|отрица*|неправд*|пропагандист* уловк*|желаемое за действительное",
        "speech": "по данным|по словам|по информации|как сообщ*|сообщил*|сообща*|сообщи*|заявил*|заяви*|"
                  "написал*|рассказал*|отметил*|уточнил*|информиру*|передает|передаёт|говорится|"
                  "доложил*|подчеркнул*|констатирова*|добавил*|пишет|сводк*",
        "killed": "погиб*|убит*|погибш*|гибел*|смертельн*|скончал*",
        "wounded": "ранен*|ранения|пострадал*|пострадавш*|травм*|травмирова*",
        "alleged": "якобы|предположительн*|по неподтвержденн*|по неподтверждённ*",
        "near": "около|возле|близ|под|между|в районе|в районах|в район* населенн* пункт*|в район* н.п.|у|вблизи|недалеко от|окрестност*|окраин*|на подступах к|"
                "в направлении|на направлении|северн* от|южнее|западн* от|восточн* от|севернее|западнее|восточнее|"
                "северо-восточн* от|юго-западн* от|юго-восточн* от|северо-западн* от",
        "origin": "с территории|со стороны|из|с|со",
    },
    "uk": {
        "hedge": "може|можуть|міг|могли|можлив*|ймовірн*|планує|планують|плану*|має намір|мають намір|"
                 "збира*ся|готу*ся|загроз*|небезпек*|тривог*|відбій|якщо|прогнозу*|не виключ*",
        "negation": "не|ні|немає|жодн*",
        "denial": "спростува*|спростову*|фейк*|неправд*|брехн*|дезінформаці*|не відповіда* дійсност*|"
                  "пропагандист* вивер*|бажане за дійсне|"
                  "заперечу*|заперечи*",
        "speech": "за даними|за словами|за інформацією|як повідом*|повідомив*|повідомил*|повідомля*|"
                  "повідомила|повідомили|заявив*|заявил*|заяви*|написав*|написал*|розповів*|розповіл*|"
                  "зазначив*|зазначил*|уточнив*|інформу*|передає|йдеться|ідеться|сказано|наголосив*|"
                  "додав*|пише|зведенн*|інформує|джерело|розповіда*",
        "killed": "загин*|загибл*|вбит*|вбил*|убит*|смертельн*|помер*|загибел*",
        "wounded": "поранен*|поранил*|поранень|травмова*|травм*|постраждал*|постраждав*|травмовано|"
                   "постраждалих|постраждали",
        "alleged": "нібито|ймовірно|імовірно|за неперевірен*",
        "near": "біля|поблизу|під|між|в районі|у районі|в район* населен* пункт*|у район* населен* пункт*|неподалік|на околиц*|околиц*|в напрямку|у напрямку|"
                "на напрямку|північніше|південніше|західніше|східніше|поруч із|поряд із|поруч з|поряд з",
        "origin": "з території|з боку|зі сторони|з|із|зі",
    },
}


def _lexicon(lang: str) -> Lexicon:
    s = _SIMPLE[lang]
    return Lexicon(
        language=lang,
        triggers=tuple(_r(t, w, sub) for t, sub, w in _TRIGGER_WORDS[lang]),
        weapons=tuple(_r(name, w) for name, w in _WEAPON_WORDS[lang]),
        actors=tuple(_r(name, w) for name, w in _ACTOR_WORDS[lang]),
        hedge=_r("hedge", s["hedge"]), negation=_r("negation", s["negation"]), denial=_r("denial", s["denial"]),
        speech=_r("speech", s["speech"]),
        claimants=tuple(_r(name, w) for name, w in _CLAIMANT_WORDS[lang]),
        killed=_r("killed", s["killed"]), wounded=_r("wounded", s["wounded"]), alleged=_r("alleged", s["alleged"]),
        near=_r("near", s["near"]), origin=_r("origin", s["origin"]),
        months_gen=tuple(_MONTHS_GEN[lang].split()), months_loc=tuple(_MONTHS_LOC[lang].split()),
        weekdays=tuple(_WEEKDAYS[lang].split()), relative=_RELATIVE[lang],
        night_on={"ru": "в ночь на", "uk": "у ніч на"}[lang],
    )


LEXICONS: dict[str, Lexicon] = {lang: _lexicon(lang) for lang in ("ru", "uk")}

# an "enemy" word names the side opposite to the speaker's; in a Russian text that is Ukraine's
# forces, in a Ukrainian text Russia's (the actor records above already say so per language)
SUB_TYPE_BY_WEAPON = (("glide_bomb", "glide_bomb"), ("mlrs", "mlrs"), ("missile", "missile"),
                      ("aircraft", "air_strike"), ("fpv_drone", "drone_strike"), ("quadcopter", "drone_strike"),
                      ("drone", "drone_strike"), ("artillery", "artillery"), ("mortar", "artillery"))


# "найбільше обстрілів зафіксовано у ... районах", "больше всего ударов пришлось на ...": where most of the
# strikes told before fell, a share of that count, not new strikes
SHARE = re.compile(r"(?:^|[,:.]\s*)(?:найбільш(?:е|а|ий|у)?(?:\s+кількість)?|більшість|більша\s+частина|больше\s+всего|"
                   r"наибольш(?:ее|ая|ий|ую)(?:\s+количество)?|большинство|большая\s+часть)\s+(?:\w+\s+)?"
                   r"(?:обстріл|удар|атак|прильот|обстрел|прилет)", re.I)

"""Generated news-like reports for the extraction benchmark (deterministic for a seed).

Sentences are assembled from templates with places drawn from the gazetteer
(so the place matcher has real work), dates, actors, attributions, hedges and
filler, in paragraphs, with front matter like the project's seeds.
"""
from __future__ import annotations

import random
from pathlib import Path

ACTORS = ["Russian troops", "Ukrainian forces", "North Korean soldiers", "Russian units", "Ukraine's army",
          "Moscow's forces", "Kyiv's drone units", "Pyongyang's troops"]
WHO = ["the regional governor said", "Ukraine's general staff said", "according to Russia's defence ministry",
       "local officials reported", "a military spokesman told reporters", "Kyiv's military intelligence claimed"]
WHEN = ["on Monday", "on Thursday", "last week", "in August 2024", "in the autumn of 2024", "earlier this year",
        "on 12 March", "overnight", "two days ago", "since the beginning of this year", "in late October"]
EVENT = [
    "{a} shelled {p} with artillery {w}", "{a} struck positions near {p} with multiple rocket launchers {w}",
    "{a} launched an assault on {p} {w}", "{a} were deployed to the area around {p} {w}",
    "{a} flew reconnaissance drones over {p} to look for targets {w}", "FPV drones hit a vehicle in {p} {w}",
    "{a} pushed into the outskirts of {p} {w}", "glide bombs fell on {p} {w}",
    "{a} may be preparing an attack on {p}", "{a} did not shell {p} {w}, officials said",
]
FILLER = [
    "Residents described long queues for water and bread after the power went out.",
    "The claims could not be independently verified by reporters on the ground.",
    "Aid groups said they were delivering food to elderly people who had stayed behind.",
    "Analysts said the situation along the border remained tense but largely static.",
    "Schools in the area have moved their classes online for the rest of the term.",
    "The road between the two towns has been closed to civilian traffic for weeks.",
]


# Russian and Ukrainian templates (our own words), shaped like governors' posts and daily summaries
CYR = {
    "ru": {
        "actors": ["ВСУ", "украинские беспилотники", "противник", "подразделения группировки войск"],
        "who": ["сообщил губернатор Курской области", "по данным Минобороны", "заявили в оперативном штабе",
                "как сообщил глава района"],
        "when": ["в ночь на 12 марта", "вчера", "в понедельник", "в августе 2024 года", "за минувшие сутки",
                 "14 августа", "сегодня утром"],
        "event": ["{a} атаковали {p} беспилотниками {w}", "{a} обстреляли {p} из артиллерии {w}",
                  "в районе населенного пункта {p} отражены атаки {w}", "освобожден населенный пункт {p}",
                  "в {p} сдетонировал сброшенный с дрона боеприпас {w}", "возможна атака БПЛА на {p}",
                  "обстрела {p} {w} не было"],
        "filler": ["Жителей просят сохранять спокойствие и не подходить к окнам.",
                   "На месте работают оперативные службы и энергетики.",
                   "Информация о пострадавших уточняется."],
    },
    "uk": {
        "actors": ["ворог", "росіяни", "окупанти", "російські війська"],
        "who": ["повідомила Сумська ОВА", "за словами голови ОВА", "йдеться у зведенні", "як повідомили в громаді"],
        "when": ["минулої доби", "вчора", "у неділю", "у ніч на 3 квітня", "за минулу добу", "15 травня",
                 "вночі"],
        "event": ["{a} обстріляли {p} з мінометів {w}", "{a} атакували {p} FPV-дронами {w}",
                  "{p} громада: удар КАБ (4 вибухи)", "{a} скинули ВОГ з дрона на {p} {w}",
                  "у напрямку {p} тривають бої {w}", "можливий наступ на {p}"],
        "filler": ["Пошкоджено приватні будинки та лінію електропередачі.",
                   "Інформація про постраждалих уточнюється.",
                   "Мешканців закликають не ігнорувати сигнали тривоги."],
    },
}


def cyrillic_place_names(limit: int = 400) -> list[str]:
    """Names of places in the region as the gazetteer spells them in Cyrillic (nominative)."""
    from geomap.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    names = sorted({n for p in gaz if p.admin1_code in ("RU-KRS", "UA-59")
                    for n in p.alternate_names if n and "а" <= n[:1].lower() <= "я" and " " not in n})
    return names[:limit] if limit else names


def cyrillic_report(rng: random.Random, places: list[str], lang: str, n_paragraphs: int = 8) -> str:
    w = CYR[lang]
    paras = []
    for _ in range(n_paragraphs):
        sents = []
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.6:
                s = rng.choice(w["event"]).format(a=rng.choice(w["actors"]), p=rng.choice(places),
                                                  w=rng.choice(w["when"]))
                if rng.random() < 0.5:
                    s += ", " + rng.choice(w["who"])
                sents.append(s[0].upper() + s[1:] + ".")
            else:
                sents.append(rng.choice(w["filler"]))
        paras.append(" ".join(sents))
    return "\n\n".join(paras)


def place_names(limit: int = 400) -> list[str]:
    from geomap.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    names = sorted({p.name for p in gaz if p.admin1_code in ("RU-KRS", "UA-59", "RU-BEL", "UA-63")})
    return names[:limit] if limit else names


def report(rng: random.Random, places: list[str], n_paragraphs: int = 8) -> str:
    paras = []
    for _ in range(n_paragraphs):
        sents = []
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.6:
                s = rng.choice(EVENT).format(a=rng.choice(ACTORS), p=rng.choice(places), w=rng.choice(WHEN))
                if rng.random() < 0.5:
                    s += ", " + rng.choice(WHO)
                sents.append(s[0].upper() + s[1:] + ".")
            else:
                sents.append(rng.choice(FILLER))
        paras.append(" ".join(sents))
    return "\n\n".join(paras)


def write_corpus(directory: Path, megabytes: float, seed: int = 7, language: str = "en") -> list[Path]:
    """Files of generated reports in ``directory`` adding up to about ``megabytes`` MB (of UTF-8: a
    Cyrillic megabyte holds about half the characters of an English one)."""
    rng = random.Random(seed)
    places = place_names() if language == "en" else cyrillic_place_names()
    directory.mkdir(parents=True, exist_ok=True)
    out, total, i = [], 0, 0
    target = int(megabytes * 1_000_000)
    while total < target:
        if language == "en":
            body = "\n\n".join(report(rng, places) for _ in range(40))
        else:
            body = "\n\n".join(cyrillic_report(rng, places, language) for _ in range(40))
        text = (f"---\nurl: https://example.org/generated/{i}\noutlet: Generated\npublished: 2025-10-{1 + i % 28:02d}\n"
                f"language: {language}\ntitle: Generated report {i}\n---\n\n{body}\n")
        path = directory / f"report-{i:04d}.md"
        path.write_text(text, encoding="utf-8")
        out.append(path)
        total += len(text.encode("utf-8"))
        i += 1
    return out


def write_big_file(path: Path, megabytes: float, seed: int = 7) -> Path:
    """One document of generated English reports, about ``megabytes`` MB, written a report at a time."""
    rng = random.Random(seed)
    places = place_names()
    target = int(megabytes * 1_000_000)
    with open(path, "w", encoding="utf-8") as fh:
        head = ("---\nurl: https://example.org/generated/big\noutlet: Generated\npublished: 2025-10-01\n"
                "language: en\ntitle: Generated large report\n---\n\n")
        fh.write(head)
        total = len(head)
        while total < target:
            body = report(rng, places) + "\n\n"
            fh.write(body)
            total += len(body.encode("utf-8"))
    return path

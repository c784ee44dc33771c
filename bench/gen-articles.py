#!/usr/bin/env python3
"""gen-articles.py -- make a directory of realistic news articles for batch
benchmarks and tests.

usage: gen-articles.py OUTDIR [N] [--sample FILE] [--broken]

Writes N articles (default 200), deterministically (fixed seed): about two
thirds as plain-text page dumps (menus, a repeated headline, a photo caption,
"Also worth reading" tails, as a browser's select-all gives them) and one
third as HTML pages (nav, header, figure, JSON-LD). The text is assembled
from sentence templates over varied topics, names, places, numbers, money,
dates and acronyms, so the normalizer has real work. With --sample, a copy
of that article is included; with --broken, a few bad files too: invalid
UTF-8 (text and HTML), a page with no article, an empty file and a dangling
symbolic link. Nothing is copied from any benchmark set.
"""
import os
import random
import sys

TOPICS = {
    "council": {
        "heads": ["{city} council approves {money} budget after {n} hour debate",
                  "{city} votes to expand bus lanes despite objections",
                  "Residents of {city} split over plan for {n} new homes"],
        "lines": ["Councillors in {city} voted {a} to {b} on {day} to approve the plan.",
                  "The proposal, first tabled in {month} {year}, would cost about {money}.",
                  "{person}, who chairs the finance committee, said the city had no choice.",
                  "\"We cannot keep patching roads that were built in {old},\" {last} said.",
                  "Opposition members argued that {pct} of the money should go to schools.",
                  "A public consultation drew {many} responses, according to council papers.",
                  "The mayor's office said work would begin on {date} if funding arrives."],
    },
    "weather": {
        "heads": ["Storm {storm} brings {mm} mm of rain to {region}",
                  "Heatwave pushes temperatures past {deg} degrees in {city}",
                  "Flood warnings issued for {n} towns along the {river}"],
        "lines": ["Forecasters said gusts of up to {kmh} km/h were recorded on {day}.",
                  "The {agency} issued an amber warning for {region} until {time}.",
                  "Around {many} homes were without power at the peak of the storm.",
                  "{person}, a meteorologist, said the pattern was unusual for {month}.",
                  "Rail services between {city} and {city2} were suspended for {n} hours.",
                  "Emergency crews rescued {n} people from cars caught in floodwater.",
                  "Temperatures are expected to fall by {small} degrees over the weekend."],
    },
    "science": {
        "heads": ["Researchers in {city} map {many} genes linked to sleep",
                  "Telescope spots water vapour on planet {n} light years away",
                  "New battery design lasts {pct} longer, study finds"],
        "lines": ["The study, published on {date} in a peer-reviewed journal, followed {many} volunteers.",
                  "{person} of the {uni} led the team of {n} scientists.",
                  "The results held across every age group, the authors wrote.",
                  "Funding of {money} came from the {agency} and private donors.",
                  "\"This is a first step, not a cure,\" {last} cautioned.",
                  "Earlier work in {year} had found a similar effect in mice.",
                  "Independent experts said the sample of {many} was large enough to be credible."],
    },
    "sport": {
        "heads": ["{team} beat {team2} {a}-{b} to reach the final",
                  "{person} breaks {city} marathon record by {small} seconds",
                  "{team} sack manager after {n} straight defeats"],
        "lines": ["{team} scored twice in the last {small} minutes on {day}.",
                  "A crowd of {many} watched the match at the {venue}.",
                  "{person} said the squad had worked hard since {month}.",
                  "The club paid a reported {money} for the striker in {year}.",
                  "\"We knew it would be tight,\" {last} told reporters after the game.",
                  "The final will be played on {date} in {city2}.",
                  "{team2} have won only {small} of their last {n} away games."],
    },
}
CITIES = ["Leeds", "Porto", "Gdansk", "Lyon", "Tampere", "Graz", "Cork", "Bilbao", "Utrecht",
          "Brno", "Aarhus", "Turin", "Seattle", "Halifax", "Adelaide", "Dunedin"]
REGIONS = ["the north-west", "Cornwall", "the Highlands", "Bavaria", "Flanders", "Galicia"]
RIVERS = ["Severn", "Danube", "Loire", "Vistula", "Ebro", "Trent"]
FIRST = ["Maria", "Tomasz", "Aisha", "Jonas", "Elena", "Kwame", "Sofia", "Pieter", "Mei",
         "Daniel", "Ines", "Rahul", "Anna", "Oluwaseun", "Lucia", "Henrik"]
LAST = ["Kowalski", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Brennan",
        "Haddad", "Fischer", "Rossi", "O'Neill", "Petrov", "Nakamura", "Garcia", "Berg"]
TEAMS = ["Rovers", "United", "Athletic", "City", "Wanderers", "Albion", "Harriers"]
AGENCIES = ["Met Office", "EU", "NHS", "NASA", "WHO", "UN", "BBC", "IMF"]
UNIS = ["University of Leeds", "Delft University of Technology", "University of Otago"]
VENUES = ["Riverside Stadium", "Old Park", "Memorial Ground", "Arena North"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FURNITURE = ["Skip to main content", "Menu", "Search", "Sign in", "Subscribe", "Home",
             "World", "Business", "Sport", "Advertisement"]
TAILS = ["Also worth reading", "Most read", "Sign up for our newsletter", "Related topics"]


def slots(r):
    city, city2 = r.sample(CITIES, 2)
    team, team2 = r.sample(TEAMS, 2)
    first, last = r.choice(FIRST), r.choice(LAST)
    year = r.randint(1990, 2024)
    return {
        "city": city, "city2": city2, "region": r.choice(REGIONS), "river": r.choice(RIVERS),
        "person": f"{first} {last}", "last": last, "team": f"{city} {team}",
        "team2": f"{city2} {team2}", "agency": r.choice(AGENCIES), "uni": r.choice(UNIS),
        "venue": r.choice(VENUES), "storm": r.choice(["Ada", "Bram", "Ciara", "Dudley"]),
        "n": r.randint(2, 40), "small": r.randint(2, 9), "many": f"{r.randint(1, 90)},{r.randint(100, 999)}",
        "a": r.randint(0, 30), "b": r.randint(0, 30), "pct": f"{r.randint(5, 60)}%",
        "money": r.choice([f"${r.randint(2, 900)} million", f"£{r.randint(1, 90)},{r.randint(100, 999)}",
                           f"€{r.randint(2, 40)}.{r.randint(1, 9)}bn"]),
        "mm": r.randint(20, 180), "deg": r.randint(30, 44), "kmh": r.randint(60, 140),
        "day": r.choice(DAYS), "month": r.choice(MONTHS), "year": year, "old": r.randint(1950, 1985),
        "date": f"{r.choice(ABBR)} {r.randint(1, 28)}, {r.randint(2023, 2025)}",
        "time": f"{r.randint(1, 11)}pm", "kind": "",
    }


def article(r):
    topic = TOPICS[r.choice(sorted(TOPICS))]
    s = slots(r)
    head = r.choice(topic["heads"]).format(**s)
    paras = []
    for _ in range(r.randint(4, 9)):
        lines = r.sample(topic["lines"], r.randint(1, 3))
        paras.append(" ".join(line.format(**slots(r) | {"city": s["city"]}) for line in lines))
    byline = f"By {r.choice(FIRST)} {r.choice(LAST)}"
    caption = f"A view of {s['city']} on {s['date']}. (Photo: {r.choice(['Reuters', 'AP', 'AFP'])}/{r.choice(LAST)})"
    return head, byline, caption, paras, s


def as_text(r, head, byline, caption, paras):
    out = r.sample(FURNITURE, r.randint(2, 5)) + ["", "", head, "", head, "", caption, ""]
    out += [byline, ""] + [p + "\n" for p in paras] + [r.choice(TAILS), ""]
    return "\n".join(out)


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_html(r, head, byline, caption, paras, s):
    nav = "".join(f"<li><a href=\"/{w.lower()}\">{w}</a></li>" for w in r.sample(FURNITURE, 4))
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
    date = f"{r.randint(2023, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(head)} | The Daily Record</title>
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{esc(head)}","datePublished":"{date}"}}</script>
</head><body><header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{esc(head)}</h1><p class="byline">{esc(byline)}</p>
<figure><img src="photo.jpg" alt=""><figcaption>{esc(caption)}</figcaption></figure>
{body}
</article><aside><h2>{r.choice(TAILS)}</h2><ul><li><a href="/x">Another story</a></li></ul></aside></main>
<footer>&copy; The Daily Record</footer></body></html>
"""


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out, n = args[0], int(args[1]) if len(args) > 1 else 200
    sample = opts[opts.index("--sample") + 1] if "--sample" in opts else None
    os.makedirs(out, exist_ok=True)
    r = random.Random(20240920)
    made = 0
    if sample:
        with open(sample, "rb") as f, open(os.path.join(out, "sample-" + os.path.basename(sample)), "wb") as g:
            g.write(f.read())
        made += 1
    broken = []
    if "--broken" in opts:
        broken = [("broken-utf8.txt", b"A headline\n\nSome text \xff\xfe that is not UTF-8.\n"),
                  ("broken-utf8.html", b"<html><body><h1>Bad</h1><p>caf\xe9</p></body></html>\n"),
                  ("broken-nothing.txt", b"Skip to main content\nMenu\nSearch\n"),
                  ("broken-empty.txt", b"")]
    for i in range(n - made - len(broken) - (1 if broken else 0)):
        head, byline, caption, paras, s = article(r)
        if r.random() < 0.34:
            text, ext = as_html(r, head, byline, caption, paras, s), "html"
        else:
            text, ext = as_text(r, head, byline, caption, paras), "txt"
        with open(os.path.join(out, f"story-{i:03d}.{ext}"), "w", encoding="utf-8") as f:
            f.write(text)
    for name, data in broken:
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    if broken:
        link = os.path.join(out, "broken-gone.txt")
        if not os.path.lexists(link):
            os.symlink("does-not-exist.txt", link)


if __name__ == "__main__":
    main()

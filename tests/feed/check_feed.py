#!/usr/bin/python3
"""check_feed.py -- reads a crier podcast feed as a podcast app would.

usage: check_feed.py FEED.xml EPISODE-DIR BASE-URL

Parses the feed with feedparser (Debian's python3-feedparser; run with
/usr/bin/python3) and checks it against Apple's required tags (channel:
title, description, itunes:image, language, itunes:category,
itunes:explicit; item: title, enclosure with url/length/type, guid) and what
crier promises: exact enclosure lengths, stable unique GUIDs, pubDate,
itunes:duration, podcast:transcript (WebVTT, captions) and podcast:chapters
for the episodes that have them. Prints one line per check; exits 1 on any
failure.
"""
import os
import sys
import xml.etree.ElementTree as ET

import feedparser

feed_path, ep_dir, base = sys.argv[1], sys.argv[2], sys.argv[3].rstrip("/")
fails = 0


def check(cond, what):
    global fails
    print(("ok: " if cond else "FAIL: ") + what)
    fails += 0 if cond else 1


d = feedparser.parse(feed_path)
check(not d.bozo, f"feedparser reads it without complaint ({d.get('bozo_exception')})")
check(d.version == "rss20", f"it is RSS 2.0 ({d.version})")
c = d.feed
check(bool(c.get("title")), "channel title")
check(bool(c.get("description") or c.get("subtitle")), "channel description")
check(len((c.get("description") or c.get("subtitle") or "").encode()) <= 4000, "description within 4000 bytes")
check(bool(c.get("image", {}).get("href")), "channel itunes:image")
check(bool(c.get("language")), "channel language")
check(bool(c.get("tags")) and bool(c.tags[0].get("term")), "channel itunes:category")
check(c.get("itunes_explicit") in (False, True, None) and "itunes_explicit" in c, "channel itunes:explicit")
check(bool(c.get("author")), "channel itunes:author")

# Raw XML for what feedparser does not surface (the podcast namespace).
NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
      "podcast": "https://podcastindex.org/namespace/1.0"}
root = ET.parse(feed_path).getroot()
ch = root.find("channel")
check(ch.find("itunes:explicit", NS) is not None and ch.find("itunes:explicit", NS).text in ("true", "false"),
      "itunes:explicit is true or false")
check(ch.find("podcast:guid", NS) is not None, "podcast:guid")
items = ch.findall("item")

audio = sorted(f for f in os.listdir(ep_dir)
               if f.rsplit(".", 1)[-1] in ("mp3", "m4a", "ogg", "opus", "flac", "wav"))
check(len(d.entries) == len(audio) == len(items), f"{len(d.entries)} items for {len(audio)} audio files")
guids = set()
for e, it in zip(d.entries, items):
    enc = e.enclosures[0] if e.get("enclosures") else {}
    name = enc.get("href", "").rsplit("/", 1)[-1]
    path = os.path.join(ep_dir, name)
    check(bool(e.get("title")), f"{name}: title")
    check(enc.get("href", "").startswith(base + "/") and os.path.exists(path), f"{name}: enclosure url")
    check(os.path.exists(path) and int(enc.get("length", -1)) == os.path.getsize(path),
          f"{name}: enclosure length is the exact byte size")
    ext = name.rsplit(".", 1)[-1]
    want = {"mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav", "flac": "audio/flac",
            "opus": "audio/ogg", "m4a": "audio/x-m4a"}[ext]
    check(enc.get("type") == want, f"{name}: enclosure type {enc.get('type')}")
    check(bool(e.get("id")) and e.id not in guids and not e.get("guidislink"), f"{name}: unique non-permalink guid")
    guids.add(e.get("id"))
    check(e.get("published_parsed") is not None, f"{name}: pubDate")
    check(bool(e.get("summary")), f"{name}: description")
    dur = e.get("itunes_duration", "")
    check(dur.isdigit() and int(dur) > 0, f"{name}: itunes:duration {dur!r}")
    stem = name.rsplit(".", 1)[0]
    tr = it.find("podcast:transcript", NS)
    if os.path.exists(os.path.join(ep_dir, stem + ".vtt")):
        check(tr is not None and tr.get("type") == "text/vtt" and tr.get("rel") == "captions"
              and tr.get("url") == f"{base}/{stem}.vtt", f"{name}: podcast:transcript")
    else:
        check(tr is None, f"{name}: no transcript without a .vtt")
    cp = it.find("podcast:chapters", NS)
    if os.path.exists(os.path.join(ep_dir, stem + ".chapters.json")):
        check(cp is not None and cp.get("type") == "application/json+chapters"
              and cp.get("url") == f"{base}/{stem}.chapters.json", f"{name}: podcast:chapters")
    else:
        check(cp is None, f"{name}: no chapters without a .chapters.json")

print(f"{fails} failed")
sys.exit(1 if fails else 0)

/* cmd_feed.c -- `crier feed DIR --base-url URL -o feed.xml [--site DIR]`:
 * an RSS 2.0 podcast feed, and optionally a static listening page, for
 * the episodes in a directory (what crier batch or crier bulletin made).
 * The library does the work (crier_feed_write, crier_site_write); this
 * file reads options and warns where Apple's directory would refuse the
 * feed. */
#include "cli.h"

#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char HELP[] =
    "usage: crier feed DIR --base-url URL -o FEED.xml [OPTIONS]\n"
    "\n"
    "Writes an RSS 2.0 podcast feed (iTunes and Podcasting 2.0 tags) for the\n"
    "episodes in DIR: NAME.mp3 (or .m4a .ogg .opus .flac .wav), with NAME.vtt\n"
    "as captions, NAME.chapters.json as chapters and NAME.meta.json as title,\n"
    "date and duration when they are there. URL is where DIR is published.\n"
    "\n"
    "  -o, --output FILE     the feed to write (required unless --site)\n"
    "  --base-url URL        the public URL of DIR (required)\n"
    "  --site DIR            also write DIR/index.html, a listening page\n"
    "  --title T             channel title (default: DIR's name)\n"
    "  --description D       channel description\n"
    "  --author A            itunes:author\n"
    "  --image URL           cover art, 1400-3000 px square (default: cover.jpg\n"
    "                        or cover.png in DIR); Apple requires one\n"
    "  --category C          itunes:category (default: News)\n"
    "  --language L          ISO 639 language code (default: en)\n"
    "  --explicit            mark the podcast explicit (default: not)\n"
    "  --guid UUID           podcast:guid, once the feed URL has changed\n"
    "  --feed-url URL        where the feed lives (default: URL/FEED's name)\n"
    "  -h, --help            show this help\n";

/* Warns about what Apple Podcasts requires and the feed lacks: cover art,
 * and enclosures in MP3 or AAC (Apple's directory refuses Ogg, Opus, FLAC
 * and WAV, which other apps play). */
static void apple_checks(const char *dir, const crier_feed_options *o)
{
    DIR *d = opendir(dir);
    if (!d)
        return; /* crier_feed_write says why, without advice about a cover */
    struct dirent *e;
    int others = 0;
    while ((e = readdir(d))) {
        const char *dot = strrchr(e->d_name, '.');
        if (e->d_name[0] != '.' && dot &&
            (!strcasecmp(dot, ".ogg") || !strcasecmp(dot, ".opus") ||
             !strcasecmp(dot, ".flac") || !strcasecmp(dot, ".wav")))
            others++;
    }
    closedir(d);
    if (others)
        cli_error("feed: warning: %d episode(s) not in MP3 or AAC, which Apple Podcasts "
                  "requires", others);
    if (!o->image) {
        static const char *const COVERS[] = {"cover.jpg", "cover.png", "cover.jpeg"};
        int found = 0;
        char p[4096];
        for (size_t i = 0; i < 3 && !found; i++) {
            snprintf(p, sizeof p, "%s/%s", dir, COVERS[i]);
            found = access(p, R_OK) == 0;
        }
        if (!found)
            cli_error("feed: warning: no itunes:image (Apple requires 1400-3000 px cover "
                      "art): pass --image URL or put cover.jpg in %s", dir);
    }
}

/* Podcast apps fetch enclosures, covers and the feed itself by absolute
 * http(s) URL, and a space or control byte in one breaks it; such a URL
 * is a bad command line, not a feed to publish. NULL (not given) passes. */
static int bad_url(const char *opt, const char *url)
{
    if (!url)
        return 0;
    int ok = !strncmp(url, "http://", 7) || !strncmp(url, "https://", 8);
    for (const unsigned char *p = (const unsigned char *)url; ok && *p; p++)
        ok = *p > ' ' && *p != 0x7f;
    if (!ok)
        cli_error("--%s: expected an absolute http:// or https:// URL without spaces, got '%s'",
                  opt, url);
    return !ok;
}

int cmd_feed(int argc, char **argv)
{
    enum { O_BASE = 2000, O_SITE, O_TITLE, O_DESC, O_AUTHOR, O_IMAGE, O_CAT, O_LANG,
           O_EXPLICIT, O_GUID, O_FEEDURL };
    static const struct option LONG[] = {
        {"help", no_argument, NULL, 'h'},           {"output", required_argument, NULL, 'o'},
        {"base-url", required_argument, NULL, O_BASE}, {"site", required_argument, NULL, O_SITE},
        {"title", required_argument, NULL, O_TITLE}, {"description", required_argument, NULL, O_DESC},
        {"author", required_argument, NULL, O_AUTHOR}, {"image", required_argument, NULL, O_IMAGE},
        {"category", required_argument, NULL, O_CAT}, {"language", required_argument, NULL, O_LANG},
        {"explicit", no_argument, NULL, O_EXPLICIT}, {"guid", required_argument, NULL, O_GUID},
        {"feed-url", required_argument, NULL, O_FEEDURL}, {0}};
    crier_feed_options o;
    crier_feed_options_init(&o);
    const char *output = NULL, *site = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "ho:", LONG, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(HELP, stdout); return EXIT_OK;
        case 'o': output = optarg; break;
        case O_BASE: o.base_url = optarg; break;
        case O_SITE: site = optarg; break;
        case O_TITLE: o.title = optarg; break;
        case O_DESC: o.description = optarg; break;
        case O_AUTHOR: o.author = optarg; break;
        case O_IMAGE: o.image = optarg; break;
        case O_CAT: o.category = optarg; break;
        case O_LANG: o.language = optarg; break;
        case O_EXPLICIT: o.explicit_content = 1; break;
        case O_GUID: o.guid = optarg; break;
        case O_FEEDURL: o.feed_url = optarg; break;
        default: fputs(HELP, stderr); return EXIT_USAGE;
        }
    }
    if (argc - optind != 1 || !o.base_url || (!output && !site)) {
        cli_error(argc - optind != 1 ? "feed: expected one DIR"
                  : !o.base_url      ? "feed: --base-url URL is required"
                                     : "feed: -o FEED.xml is required");
        fputs(HELP, stderr);
        return EXIT_USAGE;
    }
    if (bad_url("base-url", o.base_url) || bad_url("feed-url", o.feed_url) ||
        bad_url("image", o.image))
        return EXIT_USAGE;
    const char *dir = argv[optind];
    crier_error err = {0};
    crier_status st = CRIER_OK;
    if (output) {
        apple_checks(dir, &o);
        st = crier_feed_write(dir, &o, output, &err);
    }
    if (st == CRIER_OK && site)
        st = crier_site_write(dir, &o, site, &err);
    if (st != CRIER_OK) {
        cli_report(&err, dir);
        /* A directory we cannot list is input; anything else we write. */
        return cli_exit_code(st, st == CRIER_ERR_IO && strcmp(err.file, dir) != 0);
    }
    return EXIT_OK;
}

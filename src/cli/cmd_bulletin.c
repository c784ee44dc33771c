/* cmd_bulletin.c -- `crier bulletin ARTICLE... -o episode.ogg`: several
 * stories in one episode, with a spoken intro, "Next: <headline>" between
 * stories, and an outro.
 *
 * An ARTICLE is a page (HTML or text) or an RSS/Atom feed file that carries
 * full content, whose newest --latest items become stories. The library
 * builds and speaks the program (crier_bulletin_speak); this file gathers
 * the stories and writes the episode record (NAME.meta.json) beside the
 * audio for crier feed. */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char HELP[] =
    "usage: crier bulletin [OPTIONS] ARTICLE... -o EPISODE\n"
    "\n"
    "Speaks several stories into one episode: an intro with the title and the\n"
    "date, each story introduced by \"Next:\" and its headline, and an outro.\n"
    "An ARTICLE is a page (.html or text) or an RSS/Atom feed with full\n"
    "content, whose newest items become the stories.\n"
    "\n"
    "  -o, --output FILE     the episode (.mp3, .opus, .ogg, .flac, .wav);\n"
    "                        NAME.vtt (captions), NAME.chapters.json and\n"
    "                        NAME.meta.json are written beside it\n"
    "  --title T             the bulletin's title (default: from bulletin.tsv)\n"
    "  --date YYYY-MM-DD     its date (default: the newest story's, else today)\n"
    "  --latest N            stories taken from each feed (default: 10)\n"
    "  --gap MS              silence between stories (default: 1200)\n"
    "  --sting FILE          a sound file (WAV, FLAC, Ogg, Opus, MP3; at most\n"
    "                        30 s) played between stories, in the middle of\n"
    "                        the gap: MS/2 of silence, the sting, MS/2. It is\n"
    "                        levelled with the speech and belongs to the story\n"
    "                        before it; the next story's chapter starts after it\n"
    "  -j, --jobs N          worker processes (default: one per CPU); the bytes\n"
    "                        are the same whatever N is\n"
    "  --voice, --rate, --pitch, --format, --quality  as for crier speak\n"
    "  --lexicon FILE, --data-dir DIR                 as for crier speak\n"
    "  --script              print what would be said instead of speaking\n"
    "  -q, --quiet           do not report what was written\n"
    "  -h, --help            show this help\n";

enum { O_TITLE = 2000, O_DATE, O_LATEST, O_GAP, O_VOICE, O_RATE, O_PITCH, O_FORMAT, O_QUALITY,
       O_SCRIPT, O_STING };

typedef struct stories {
    crier_doc **doc;
    size_t n, cap;
} stories;

static int push(stories *s, crier_doc *d)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        crier_doc **g = realloc(s->doc, cap * sizeof *g);
        if (!g)
            return -1;
        s->doc = g;
        s->cap = cap;
    }
    s->doc[s->n++] = d;
    return 0;
}

/* Adds the newest `latest` items of a feed. Items that yield no article
 * are reported and skipped. Returns 0, or an exit code. */
/* A feed item that does not make an article (empty content, markup only)
 * is skipped with a warning rather than failing the bulletin: feeds carry
 * odd items, and the producer asked for "the latest stories", not for one
 * particular item. A bad article file named on the command line is
 * different: that story was asked for, so it stops the bulletin. */
static int add_feed(stories *s, const char *path, const char *text, size_t len, int latest,
                    const crier_lexicon *lex)
{
    crier_feed_item *items = NULL;
    size_t n = 0;
    crier_error err = {0};
    crier_status st = crier_feed_parse(text, len, path, &items, &n, &err);
    if (st != CRIER_OK) {
        cli_report(&err, path);
        return cli_exit_code(st, 0);
    }
    int rc = 0;
    for (size_t i = 0; i < n && i < (size_t)latest && !rc; i++) {
        crier_doc *d = NULL;
        memset(&err, 0, sizeof err);
        st = crier_feed_item_doc(&items[i], lex, &d, &err);
        if (st == CRIER_OK && push(s, d) < 0) {
            crier_doc_free(d);
            rc = EXIT_SOFTWARE;
        } else if (st != CRIER_OK) {
            cli_error("%s: item %zu (%s) skipped: %s", path, i + 1,
                      items[i].title ? items[i].title : "untitled", err.msg);
        }
    }
    crier_feed_items_free(items, n);
    return rc;
}

/* Reads one ARTICLE: a page, or a feed. Returns 0, or an exit code. */
static int add_input(stories *s, const char *path, int latest, const crier_lexicon *lex)
{
    char *text = NULL;
    size_t len = 0;
    int rc = cli_read_input(path, &text, &len);
    if (rc)
        return rc;
    if (crier_feed_sniff(text, len)) {
        rc = add_feed(s, path, text, len, latest, lex);
    } else {
        crier_doc *d = NULL;
        crier_error err = {0};
        crier_status st = crier_parse(text, len, NULL, lex, &d, &err);
        if (st != CRIER_OK) {
            cli_report(&err, path);
            rc = cli_exit_code(st, 0);
        } else if (push(s, d) < 0) {
            crier_doc_free(d);
            rc = EXIT_SOFTWARE;
        }
    }
    crier_free(text);
    return rc;
}

/* "NAME.SUFFIX" beside OUTPUT (its extension replaced): the captions,
 * chapters and record that crier feed looks for. Caller frees. */
static char *sibling(const char *output, const char *suffix)
{
    const char *slash = strrchr(output, '/'), *dot = strrchr(output, '.');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - output) : strlen(output);
    char *p = malloc(stem + strlen(suffix) + 1);
    if (p) {
        memcpy(p, output, stem);
        strcpy(p + stem, suffix);
    }
    return p;
}

/* Writes the episode record: title, date, the headlines as description. */
/* The description lists the headlines, which is what a listener scanning
 * a podcast app wants to know about a bulletin. The record lists the
 * captions and chapters too, so that crier feed advertises them. */
static int write_record(const char *output, const stories *s, const crier_bulletin_options *bo,
                        const crier_speak_options *so, double seconds)
{
    size_t cap = 1;
    for (size_t i = 0; i < s->n; i++)
        cap += (crier_doc_title(s->doc[i]) ? strlen(crier_doc_title(s->doc[i])) : 0) + 2;
    char *desc = calloc(cap, 1), *meta = sibling(output, ".meta.json");
    for (size_t i = 0; desc && i < s->n; i++)
        if (crier_doc_title(s->doc[i])) {
            if (*desc)
                strcat(desc, "; ");
            strcat(desc, crier_doc_title(s->doc[i]));
        }
    crier_error err = {0};
    crier_episode ep = {NULL, NULL, bo->title, NULL, bo->date, desc, seconds,
                        {output, so->captions_path, so->chapters_path, NULL}};
    crier_status st = desc && meta ? crier_episode_write(meta, &ep, &err) : CRIER_ERR_NOMEM;
    if (st != CRIER_OK)
        cli_report(&err, meta);
    free(desc);
    free(meta);
    return st == CRIER_OK ? 0 : cli_exit_code(st, 1);
}

/* Ctrl-C or SIGTERM: the library stops, removes its temporary files and
 * returns CRIER_ERR_INTERRUPTED, so nothing half-written is left. */
static volatile sig_atomic_t cancel;

static void on_signal(int sig) { cancel = sig; }

/* Settles the title and date once, so that the audio and the episode
 * record say the same. */
static int settle(crier_bulletin_options *bo, const stories *s, const crier_lexicon *lex,
                  char **title, char date[32])
{
    if (!bo->title) {
        crier_error err = {0};
        if (crier_bulletin_line(lex, "title", NULL, NULL, 0, title, &err) != CRIER_OK) {
            cli_report(&err, NULL);
            return EXIT_CONFIG;
        }
        bo->title = *title;
    }
    if (!bo->date) {
        const char *best = NULL;
        for (size_t i = 0; i < s->n; i++) {
            const char *d = crier_doc_date(s->doc[i]);
            if (d && (!best || strcmp(d, best) > 0))
                best = d;
        }
        time_t now = time(NULL);
        struct tm u;
        gmtime_r(&now, &u);
        strftime(date, 32, "%Y-%m-%d", &u);
        if (best)
            snprintf(date, 32, "%.10s", best);
        bo->date = date;
    }
    return 0;
}

/* The sting is checked before the stories are read, whether or not there
 * will be a place for it (a bulletin of one story has none): a sting that
 * cannot be opened exits 66 like a missing article, one that is not audio
 * or is too long 65. The check is the library's own: the script of a
 * program of the sting alone reads and decodes it without speaking. */
static int check_sting(const char *sting, const crier_lexicon *lex, const crier_speak_options *so)
{
    if (!sting)
        return 0;
    crier_item item = {NULL, NULL, NULL, NULL, 0, 0, sting};
    char *out = NULL;
    crier_error err = {0};
    crier_status st = crier_speak_items_script(&item, 1, lex, so, &out, &err);
    crier_free(out);
    if (st == CRIER_OK)
        return 0;
    cli_report(&err, sting);
    return cli_exit_code(st, 0);
}

/* Whether a library error is about the sting (an input), not the output. */
static int is_sting(const crier_error *err, const char *sting)
{
    return sting && !strcmp(err->file, sting);
}

/* Reads every story first, so that a bad input fails before any audio is
 * made; then speaks the program with the captions and chapters beside the
 * episode, and writes the record last. */
/* The command line, once read. */
typedef struct args {
    cli_data data;
    crier_bulletin_options bo;
    crier_speak_options so;
    const char *output;
    int quiet, script, latest;
} args;

/* One option that takes a value; returns 0, or EXIT_USAGE when the value
 * is bad (the message is printed). */
static int take_value(args *a, int c, const char *v)
{
    int y, m, d;
    switch (c) {
    case O_DATE:
        if (sscanf(v, "%4d-%2d-%2d", &y, &m, &d) != 3 || strlen(v) != 10 || m < 1 || m > 12 ||
            d < 1 || d > 31) {
            cli_error("--date: expected YYYY-MM-DD, got '%s'", v);
            return EXIT_USAGE;
        }
        a->bo.date = v;
        return 0;
    case O_LATEST: return cli_parse_int("latest", v, 1, 1000, &a->latest) < 0 ? EXIT_USAGE : 0;
    case O_GAP: return cli_parse_int("gap", v, 0, 60000, &a->bo.gap_ms) < 0 ? EXIT_USAGE : 0;
    case 'j': return cli_parse_int("jobs", v, 1, 64, &a->so.jobs) < 0 ? EXIT_USAGE : 0;
    case O_RATE: return cli_parse_int("rate", v, 80, 450, &a->so.rate) < 0 ? EXIT_USAGE : 0;
    case O_PITCH: return cli_parse_int("pitch", v, 0, 100, &a->so.pitch) < 0 ? EXIT_USAGE : 0;
    case O_QUALITY:
        return cli_parse_num("quality", v, 0, 1, &a->so.quality) < 0 ? EXIT_USAGE : 0;
    }
    fputs(HELP, stderr);
    return EXIT_USAGE;
}

/* Reads the command line into *a. Returns -1 to go on, else the exit
 * status (after --help, or a usage error). */
static int parse_args(int argc, char **argv, args *a)
{
    static const struct option LONG[] = {
        {"help", no_argument, NULL, 'h'},         {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},        {"title", required_argument, NULL, O_TITLE},
        {"date", required_argument, NULL, O_DATE}, {"latest", required_argument, NULL, O_LATEST},
        {"gap", required_argument, NULL, O_GAP},  {"voice", required_argument, NULL, O_VOICE},
        {"rate", required_argument, NULL, O_RATE}, {"pitch", required_argument, NULL, O_PITCH},
        {"format", required_argument, NULL, O_FORMAT},
        {"quality", required_argument, NULL, O_QUALITY},
        {"script", no_argument, NULL, O_SCRIPT},  {"sting", required_argument, NULL, O_STING},
        {"jobs", required_argument, NULL, 'j'},   CLI_DATA_OPTIONS,
        {0}};
    int c;
    while ((c = getopt_long(argc, argv, "ho:qj:", LONG, NULL)) != -1) {
        int dd = cli_data_option(c, optarg, &a->data), rc = 0;
        if (dd < 0)
            return EXIT_USAGE;
        if (dd)
            continue;
        switch (c) {
        case 'h': fputs(HELP, stdout); return EXIT_OK;
        case 'o': a->output = optarg; break;
        case 'q': a->quiet = 1; break;
        case O_TITLE: a->bo.title = optarg; break;
        case O_VOICE: a->so.voice = optarg; break;
        case O_FORMAT: a->so.format = optarg; break;
        case O_SCRIPT: a->script = 1; break;
        case O_STING: a->bo.sting = optarg; break;
        default: rc = take_value(a, c, optarg);
        }
        if (rc)
            return rc;
    }
    if (optind == argc || (!a->output && !a->script)) {
        cli_error(optind == argc ? "bulletin: expected at least one ARTICLE"
                                 : "bulletin: -o EPISODE is required");
        fputs(HELP, stderr);
        return EXIT_USAGE;
    }
    return -1;
}

/* --script: prints what would be said. */
static int print_script(const args *a, const stories *s, const crier_lexicon *lex)
{
    crier_error err = {0};
    char *out = NULL;
    int rc = 0;
    crier_status st = crier_bulletin_script((const crier_doc *const *)s->doc, s->n, lex, &a->bo,
                                            &a->so, &out, &err);
    if (st == CRIER_OK) {
        fputs(out, stdout);
    } else {
        cli_report(&err, NULL);
        rc = cli_exit_code(st, 0);
    }
    crier_free(out);
    return rc;
}

/* A directory where the record goes is found before minutes of speech
 * are made, as the library finds one where the audio goes. */
static int record_blocked(const char *output)
{
    char *meta = sibling(output, ".meta.json");
    struct stat st;
    int dir = meta && stat(meta, &st) == 0 && S_ISDIR(st.st_mode);
    if (dir)
        cli_error("%s: cannot create: is a directory", meta);
    free(meta);
    return dir;
}

/* Speaks the episode, its captions and chapters beside it, then writes
 * its record. */
static int speak_episode(args *a, const stories *s, const crier_lexicon *lex)
{
    if (record_blocked(a->output))
        return EXIT_CANTCREAT;
    char *captions = sibling(a->output, ".vtt"), *chapters = sibling(a->output, ".chapters.json");
    a->so.captions_path = captions;
    a->so.chapters_path = chapters;
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    a->so.cancel = &cancel;
    crier_error err = {0};
    crier_speak_result res = {0};
    int rc = 0;
    crier_status st = crier_bulletin_speak((const crier_doc *const *)s->doc, s->n, lex, &a->bo,
                                           &a->so, a->output, &res, &err);
    if (st != CRIER_OK) {
        cli_report(&err, a->output);
        rc = cli_exit_code(st, st == CRIER_ERR_IO && !is_sting(&err, a->bo.sting));
    } else {
        rc = write_record(a->output, s, &a->bo, &a->so, res.seconds);
        /* Without its record the episode has failed (a full disk): its
         * files go too, or crier feed would list audio the exit code calls
         * failed, beside an older record that describes other audio. */
        if (rc) {
            unlink(a->output);
            unlink(captions);
            unlink(chapters);
        }
        if (!rc && !a->quiet)
            fprintf(stderr, "%s: wrote %s (%d:%02d, %zu stories, %zu chapters, %zu cues, "
                    "%.1f LUFS)\n", cli_prog, a->output, (int)res.seconds / 60,
                    (int)res.seconds % 60, s->n, res.nchapters, res.cues, res.loudness);
    }
    crier_speak_result_free(&res);
    free(captions);
    free(chapters);
    return rc;
}

int cmd_bulletin(int argc, char **argv)
{
    args a = {.latest = 10};
    crier_bulletin_options_init(&a.bo);
    crier_speak_options_init(&a.so);
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    a.so.data_dir = cli_data_dir(&a.data);
    crier_lexicon *lex = NULL;
    stories s = {0};
    char *title = NULL, date[32];
    rc = cli_load_lexicon(&a.data, &lex);
    if (!rc)
        rc = check_sting(a.bo.sting, lex, &a.so);
    for (int i = optind; !rc && i < argc; i++)
        rc = add_input(&s, argv[i], a.latest, lex);
    if (!rc && !s.n) {
        cli_error("bulletin: no stories in the inputs");
        rc = EXIT_DATAERR;
    }
    if (!rc)
        rc = settle(&a.bo, &s, lex, &title, date);
    if (!rc)
        rc = a.script ? print_script(&a, &s, lex) : speak_episode(&a, &s, lex);
    for (size_t i = 0; i < s.n; i++)
        crier_doc_free(s.doc[i]);
    free(s.doc);
    free(title);
    crier_lexicon_free(lex);
    return rc;
}

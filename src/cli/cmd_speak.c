/* cmd_speak.c -- `crier speak [OPTIONS] INPUT -o OUTPUT`: article to audio.
 *
 * Reads the article (a file, or - for standard input), finds its segments,
 * and speaks them into OUTPUT, whose extension picks the format unless
 * --format says otherwise, optionally with captions and chapters beside
 * it. The library writes through temporary files, so OUTPUT is either the
 * complete new audio or untouched. Ctrl-C and SIGTERM set a flag the
 * library polls: it stops its workers and removes its temporary files,
 * and the command exits with 130. */
#include "cli.h"

#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: crier speak [OPTIONS] INPUT -o OUTPUT\n"
    "\n"
    "Speaks the article in INPUT (a file, or - for standard input) into the\n"
    "audio file OUTPUT: .wav, .flac, .ogg (Vorbis), .opus or .mp3.\n"
    "\n"
    "  -o, --output FILE         the audio file to write (required)\n"
    "  --voice NAME|FILE         voice profile (default: us-news; also uk-news,\n"
    "                            clear)\n"
    "  --rate WPM                body speaking rate (80-450); other roles keep\n"
    "                            their pace relative to it\n"
    "  --pitch N                 body pitch (0-100), likewise\n"
    "  --format FMT              wav, flac, ogg, opus or mp3 (default: from OUTPUT)\n"
    "  --loudness LUFS           integrated loudness target (default: -16)\n"
    "  --no-loudness             leave the level as synthesized, no limiter\n"
    "  --sample-rate HZ          output rate (default: MP3 44100, Opus 48000,\n"
    "                            others 22050)\n"
    "  --bitrate KBPS            MP3 (constant, default 96) and Opus (default 48)\n"
    "  --quality Q               Ogg Vorbis: 0 (smallest) to 1 (best)\n"
    "  --captions FILE           also write sentence captions: FILE.vtt (WebVTT)\n"
    "                            or FILE.srt (SubRip)\n"
    "  --chapters FILE           also write Podcasting 2.0 JSON chapters\n"
    "  --title T, --artist A, --album A, --date D, --comment C\n"
    "                            tags (default: headline, byline or publication,\n"
    "                            publication, date of publication); D is an\n"
    "                            ISO 8601 date, YYYY[-MM[-DD[THH:MM[:SS]]]]\n"
    "  -j, --jobs N              worker processes (default: one per CPU); the\n"
    "                            output is the same whatever N is\n"
    "  --input text|html         the input kind (default: detected)\n"
    "  --photo-captions end|inline|skip  where photo captions go (default: end)\n"
    "  --lexicon FILE            extra lexicon entries, e.g. pronunciations\n"
    "                            (repeatable)\n"
    "  --data-dir DIR            where lexicon/ and voices/ are\n"
    "  --script                  print what would be said (role, spoken text)\n"
    "                            instead of writing audio; no -o needed\n"
    "  -q, --quiet               do not report what was written\n"
    "  -h, --help                show this help\n";

/* Set by SIGINT and SIGTERM; the library polls it. */
static volatile sig_atomic_t cancelled;

static void on_signal(int sig)
{
    (void)sig;
    cancelled = 1;
}

static void install_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* A file size limit is a full disk for us: an error, not a crash. */
    signal(SIGXFSZ, SIG_IGN);
}

enum {
    OPT_VOICE = 2000, OPT_RATE, OPT_PITCH, OPT_FORMAT, OPT_INPUT, OPT_CAPTIONS, OPT_PHOTO,
    OPT_SCRIPT, OPT_QUALITY, OPT_LOUDNESS, OPT_NO_LOUDNESS, OPT_SAMPLE_RATE, OPT_BITRATE,
    OPT_CHAPTERS, OPT_TITLE, OPT_ARTIST, OPT_ALBUM, OPT_DATE, OPT_COMMENT
};

static const struct option LONG[] = {
    {"help", no_argument, NULL, 'h'},
    {"output", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"jobs", required_argument, NULL, 'j'},
    {"voice", required_argument, NULL, OPT_VOICE},
    {"rate", required_argument, NULL, OPT_RATE},
    {"pitch", required_argument, NULL, OPT_PITCH},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"input", required_argument, NULL, OPT_INPUT},
    {"captions", required_argument, NULL, OPT_CAPTIONS},
    {"photo-captions", required_argument, NULL, OPT_PHOTO},
    {"script", no_argument, NULL, OPT_SCRIPT},
    {"quality", required_argument, NULL, OPT_QUALITY},
    {"loudness", required_argument, NULL, OPT_LOUDNESS},
    {"no-loudness", no_argument, NULL, OPT_NO_LOUDNESS},
    {"sample-rate", required_argument, NULL, OPT_SAMPLE_RATE},
    {"bitrate", required_argument, NULL, OPT_BITRATE},
    {"chapters", required_argument, NULL, OPT_CHAPTERS},
    {"title", required_argument, NULL, OPT_TITLE},
    {"artist", required_argument, NULL, OPT_ARTIST},
    {"album", required_argument, NULL, OPT_ALBUM},
    {"date", required_argument, NULL, OPT_DATE},
    {"comment", required_argument, NULL, OPT_COMMENT},
    CLI_DATA_OPTIONS,
    {0}};

typedef struct args {
    cli_data data;
    crier_parse_options popts;
    crier_speak_options sopts;
    crier_tags tags;
    const char *output;
    int quiet, script;
} args;

/* --captions used to say where photo captions go; those three words keep
 * that meaning, anything else is the captions file. */
static int photo_choice(const char *val)
{
    static const char *const PLACES[] = {"end", "inline", "skip"};
    for (int i = 0; i < 3; i++)
        if (!strcmp(val, PLACES[i]))
            return i;
    return -1;
}

/* Handles one option; returns 0, or an exit code. */
/* Whether `s` is "yyyy-MM-ddTHH:mm:ss" or a whole prefix of it: what an
 * ID3v2.4 TDRC frame takes. Anything else would be dropped from an MP3's
 * tag but kept in a FLAC's, so it is refused here, as bulletin's is. */
static int iso_date(const char *s)
{
    static const char FORM[] = "dddd-dd-ddTdd:dd:dd";
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10 && n != 13 && n != 16 && n != 19)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (FORM[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != FORM[i])
            return 0;
    int month = n >= 7 ? atoi(s + 5) : 1, day = n >= 10 ? atoi(s + 8) : 1;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static int option(args *a, int c, const char *arg)
{
    static const char *const INPUTS[] = {"auto", "text", "html"};
    crier_speak_options *s = &a->sopts;
    int v;
    switch (c) {
    case 'o': a->output = arg; return 0;
    case 'q': a->quiet = 1; return 0;
    case 'j': return cli_parse_int("jobs", arg, 1, 64, &s->jobs) < 0 ? EXIT_USAGE : 0;
    case OPT_VOICE: s->voice = arg; return 0;
    case OPT_FORMAT: s->format = arg; return 0;
    case OPT_SCRIPT: a->script = 1; return 0;
    case OPT_NO_LOUDNESS: s->no_loudness = 1; return 0;
    case OPT_CHAPTERS: s->chapters_path = arg; return 0;
    case OPT_TITLE: a->tags.title = arg; return 0;
    case OPT_ARTIST: a->tags.artist = arg; return 0;
    case OPT_ALBUM: a->tags.album = arg; return 0;
    case OPT_DATE:
        if (!iso_date(arg)) {
            cli_error("--date: expected an ISO 8601 date, YYYY[-MM[-DD[THH:MM[:SS]]]], got '%s'",
                      arg);
            return EXIT_USAGE;
        }
        a->tags.date = arg;
        return 0;
    case OPT_COMMENT: a->tags.comment = arg; return 0;
    case OPT_QUALITY: return cli_parse_num("quality", arg, 0, 1, &s->quality) < 0 ? EXIT_USAGE : 0;
    case OPT_LOUDNESS:
        return cli_parse_num("loudness", arg, -40, -5, &s->loudness) < 0 ? EXIT_USAGE : 0;
    case OPT_RATE: return cli_parse_int("rate", arg, 80, 450, &s->rate) < 0 ? EXIT_USAGE : 0;
    case OPT_PITCH: return cli_parse_int("pitch", arg, 0, 100, &s->pitch) < 0 ? EXIT_USAGE : 0;
    case OPT_SAMPLE_RATE:
        return cli_parse_int("sample-rate", arg, 8000, 192000, &s->sample_rate) < 0 ? EXIT_USAGE : 0;
    case OPT_BITRATE: return cli_parse_int("bitrate", arg, 8, 320, &s->bitrate) < 0 ? EXIT_USAGE : 0;
    case OPT_INPUT:
        if ((v = cli_parse_choice("input", arg, INPUTS, 3)) < 0)
            return EXIT_USAGE;
        a->popts.input = (crier_input)v;
        return 0;
    case OPT_CAPTIONS:
        if ((v = photo_choice(arg)) >= 0)
            a->popts.captions = (crier_captions)v;
        else
            s->captions_path = arg;
        return 0;
    case OPT_PHOTO:
        if ((v = photo_choice(arg)) < 0) {
            cli_error("--photo-captions: unknown value '%s'", arg);
            return EXIT_USAGE;
        }
        a->popts.captions = (crier_captions)v;
        return 0;
    }
    return EXIT_USAGE;
}

static void report(const char *output, const crier_speak_result *r)
{
    fprintf(stderr, "%s: wrote %s (%d:%02d, %zu segments, %d Hz", cli_prog, output,
            (int)r->seconds / 60, (int)r->seconds % 60, r->segments, r->sample_rate);
    if (isfinite(r->loudness))
        fprintf(stderr, ", %.1f LUFS, %.1f dBTP", r->loudness, r->true_peak);
    fprintf(stderr, ", %zu chapters", r->nchapters);
    if (r->cues)
        fprintf(stderr, ", %zu captions", r->cues);
    fputs(")\n", stderr);
}

/* Speaks (or prints the script of) the parsed article. */
static int run(args *a, const crier_doc *doc, const crier_lexicon *lex, const char *name)
{
    crier_error err = {0};
    crier_status st;
    if (a->script) {
        char *out = NULL;
        st = crier_speak_script(doc, lex, &a->sopts, &out, &err);
        if (st == CRIER_OK)
            fputs(out, stdout);
        crier_free(out);
        if (st != CRIER_OK)
            cli_report(&err, name);
        return cli_exit_code(st, 0);
    }
    crier_speak_result res = {0};
    install_handlers();
    a->sopts.cancel = &cancelled;
    a->sopts.tags = &a->tags;
    st = crier_speak(doc, lex, &a->sopts, a->output, &res, &err);
    if (st == CRIER_ERR_INTERRUPTED)
        cli_error("%s: interrupted; nothing was written", a->output);
    else if (st != CRIER_OK)
        cli_report(&err, a->output);
    else if (!a->quiet)
        report(a->output, &res);
    /* The library measured the decoded file; say so when a codec setting
     * kept it from the target. */
    if (st == CRIER_OK && !a->sopts.no_loudness && isfinite(res.loudness) &&
        (res.true_peak > -1.0 || fabs(res.loudness - a->sopts.loudness) > 1.0))
        cli_error("warning: %s measures %.1f LUFS and %.1f dBTP when decoded, outside "
                  "%.0f LUFS / -1 dBTP; a higher bitrate or quality helps",
                  a->output, res.loudness, res.true_peak, a->sopts.loudness);
    crier_speak_result_free(&res);
    return cli_exit_code(st, st == CRIER_ERR_IO);
}

int cmd_speak(int argc, char **argv)
{
    args a;
    memset(&a, 0, sizeof a);
    crier_parse_options_init(&a.popts);
    crier_speak_options_init(&a.sopts);
    int c;
    while ((c = getopt_long(argc, argv, "ho:qj:", LONG, NULL)) != -1) {
        int d = cli_data_option(c, optarg, &a.data);
        if (d < 0)
            return EXIT_USAGE;
        if (d)
            continue;
        if (c == 'h') {
            fputs(HELP, stdout);
            return EXIT_OK;
        }
        int rc = c == '?' ? EXIT_USAGE : option(&a, c, optarg);
        if (rc) {
            if (c == '?')
                fputs(HELP, stderr);
            return rc;
        }
    }
    if (argc - optind != 1 || (!a.output && !a.script)) {
        cli_error(a.output || a.script ? "speak: expected one INPUT"
                                       : "speak: -o OUTPUT is required");
        fputs(HELP, stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    a.sopts.data_dir = cli_data_dir(&a.data);
    crier_lexicon *lex = NULL;
    char *text = NULL;
    size_t len = 0;
    crier_doc *doc = NULL;
    crier_error err = {0};
    int rc = cli_load_lexicon(&a.data, &lex);
    if (!rc)
        rc = cli_read_input(path, &text, &len);
    if (!rc) {
        crier_status st = crier_parse(text, len, &a.popts, lex, &doc, &err);
        if (st != CRIER_OK) {
            cli_report(&err, name);
            rc = cli_exit_code(st, 0);
        }
    }
    if (!rc)
        rc = run(&a, doc, lex, name);
    crier_doc_free(doc);
    crier_free(text);
    crier_lexicon_free(lex);
    return rc;
}

/* bench_normalize.c -- how fast the normalizer is, against the speech
 * engine it feeds, measured in the same run.
 *
 * usage: bench_normalize LEXICON_DIR [--mb N] [--sample KB] [--voice V]
 *        bench_normalize LEXICON_DIR --pathological
 *
 * The first form generates a news-like corpus of N MB (default 32) from
 * sentence templates full of what the normalizer rewrites (numbers, dates,
 * money, measures, times, abbreviations, acronyms, addresses), normalizes
 * it paragraph by paragraph as crier_speak does segment by segment, then
 * synthesizes a sample of the same text (default 16 KB) with libespeak-ng
 * directly, discarding the audio. Both throughputs are in input characters
 * per second (code points of the written text), plus MB/s; the run fails
 * (exit 1) unless normalization is at least 100 times faster.
 *
 * The second form guards the linear-time claim: each worst-case input of
 * tests/unit/test_pathological.c is timed at a size and at four times that
 * size, and the run fails if any takes more than eight times as long (four
 * is linear, sixteen quadratic). Timings on a shared machine are noisy;
 * ratios measured in one run are what to compare.
 *
 * Only this program and src/synth.c include eSpeak headers: the bench
 * needs the engine's raw speed, without the library's per-segment fork. */
#define _POSIX_C_SOURCE 200809L
#include "crier.h"

#include <espeak-ng/speak_lib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ==== A growable string ================================================== */

typedef struct str {
    char *p;
    size_t n, cap;
} str;

static void put(str *s, const char *t, size_t n)
{
    if (s->n + n + 1 > s->cap) {
        size_t c = s->cap ? s->cap : 1 << 16;
        while (c < s->n + n + 1)
            c *= 2;
        char *p = realloc(s->p, c);
        if (!p) {
            fprintf(stderr, "bench_normalize: out of memory\n");
            exit(70);
        }
        s->p = p;
        s->cap = c;
    }
    memcpy(s->p + s->n, t, n);
    s->n += n;
    s->p[s->n] = '\0';
}

static void puts_(str *s, const char *t) { put(s, t, strlen(t)); }

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Code points, not bytes: "input characters". */
static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* ==== Corpus ============================================================= */

static uint32_t seed = 12345;

static uint32_t rnd(uint32_t n)
{
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
}

static const char *pick(const char *const *v, size_t n) { return v[rnd((uint32_t)n)]; }
#define PICK(v) pick(v, sizeof v / sizeof *v)

static const char *const NAMES[] = {"Smith", "Piperni", "Garcia", "Okafor", "Nguyen", "Meyer"};
static const char *const TITLES[] = {"Dr.", "Gen.", "Sen.", "Gov.", "Mr.", "Mrs.", "Prof.", "Col."};
static const char *const ACRONYMS[] = {"NATO", "the UN", "the EU", "the FBI", "NASA", "KFOR",
                                       "the BBC", "NGOs", "IBM's", "the WHO"};
static const char *const MONTHS[] = {"Jan.", "Feb.", "March", "Sept.", "Oct", "Dec."};
static const char *const UNITS[] = {"km", "kg", "mph", "°C", "GB", "m2", "km/h", "lbs"};
static const char *const CURRENCIES[] = {"$", "€", "£", "US$"};
static const char *const SCALES[] = {"", " million", " billion", "m", "bn"};
static const char *const FILLER[] = {
    "officials said the talks would resume",
    "the ministry did not respond to a request for comment",
    "analysts expect the decision to weigh on markets",
    "residents gathered outside the building",
    "the report was published on the agency's website",
    "protesters blocked the main road into the capital"};

/* Appends one sentence from a random template. */
static void sentence(str *s)
{
    char b[512];
    switch (rnd(10)) {
    case 0:
        snprintf(b, sizeof b, "%s %s told reporters on %s %u, %u that %u,%03u troops were ready.",
                 PICK(TITLES), PICK(NAMES), PICK(MONTHS), 1 + rnd(28), 1990 + rnd(35), 1 + rnd(9),
                 rnd(1000));
        break;
    case 1:
        snprintf(b, sizeof b, "The deal, worth %s%u.%u%s, was signed by %s in %u.", PICK(CURRENCIES),
                 1 + rnd(99), rnd(10), PICK(SCALES), PICK(ACRONYMS), 1950 + rnd(75));
        break;
    case 2:
        snprintf(b, sizeof b, "Prices rose %u.%u%% in the 1%u0s, and %u-%u people were hurt.",
                 rnd(20), rnd(10), 5 + rnd(5), 10 + rnd(40), 50 + rnd(50));
        break;
    case 3:
        snprintf(b, sizeof b, "At %u:%02u a.m. EST the convoy covered %u %s on Route %u.",
                 1 + rnd(12), rnd(60), 2 + rnd(500), PICK(UNITS), 1 + rnd(99));
        break;
    case 4:
        snprintf(b, sizeof b, "World War II ended in 1945; Henry VIII died in 1547; see Chapter %s.",
                 rnd(2) ? "IV" : "XII");
        break;
    case 5:
        snprintf(b, sizeof b, "Call +1 (555) %03u-%04u or visit www.example%u.com/news.", rnd(1000),
                 rnd(10000), rnd(100));
        break;
    case 6:
        snprintf(b, sizeof b, "The %u%s-ranked team won %u-%u at %u Elm St. on %u/%u/20%02u.",
                 1 + rnd(3), rnd(2) ? "st" : "rd", rnd(6), rnd(6), 100 + rnd(9000), 1 + rnd(12),
                 1 + rnd(28), rnd(30));
        break;
    case 7:
        snprintf(b, sizeof b, "“We are ready,” %s said, adding that COVID-19 cases fell %u%%.",
                 PICK(NAMES), 1 + rnd(90));
        break;
    default:
        snprintf(b, sizeof b, "%c%s.", 'A' + (int)rnd(26), PICK(FILLER));
        break;
    }
    puts_(s, b);
}

/* The corpus: paragraphs of five sentences, one per line. */
static void corpus(str *s, size_t bytes)
{
    while (s->n < bytes) {
        for (int k = 0; k < 5; k++) {
            if (k)
                puts_(s, " ");
            sentence(s);
        }
        puts_(s, "\n");
    }
}

/* ==== Throughput ========================================================= */

static int synth_discard(short *wav, int n, espeak_EVENT *ev)
{
    (void)wav;
    (void)n;
    (void)ev;
    return 0;
}

/* Normalizes every line; returns seconds. */
static double normalize_all(const crier_lexicon *lex, const str *text)
{
    double t0 = now();
    const char *p = text->p, *end = text->p + text->n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        crier_spoken *sp = NULL;
        if (crier_normalize(lex, p, n, 0, &sp, NULL) != CRIER_OK) {
            fprintf(stderr, "bench_normalize: normalize failed\n");
            exit(70);
        }
        crier_spoken_free(sp);
        p += n + 1;
    }
    return now() - t0;
}

/* Synthesizes the normalized form of the first `sample` bytes of whole
 * lines; returns seconds and sets *in_chars to the written characters. */
static double synthesize(const crier_lexicon *lex, const str *text, size_t sample,
                         const char *voice, size_t *in_chars)
{
    if (espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0) < 0 ||
        espeak_SetVoiceByName(voice) != EE_OK) {
        fprintf(stderr, "bench_normalize: eSpeak NG did not start with voice %s\n", voice);
        exit(70);
    }
    espeak_SetSynthCallback(synth_discard);
    const char *p = text->p;
    size_t done = 0;
    *in_chars = 0;
    double secs = 0;
    while (done < sample && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        crier_spoken *sp = NULL;
        crier_normalize(lex, p, n, 0, &sp, NULL);
        double t0 = now();
        espeak_Synth(sp->text, sp->len + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
        espeak_Synchronize();
        secs += now() - t0;
        crier_spoken_free(sp);
        *in_chars += chars(p, n);
        done += n + 1;
        p += n + (nl != NULL);
    }
    espeak_Terminate();
    return secs;
}

static int throughput(const crier_lexicon *lex, size_t mb, size_t sample_kb, const char *voice)
{
    str text = {0};
    corpus(&text, mb << 20);
    size_t in = chars(text.p, text.n), syn_chars;
    double tn = normalize_all(lex, &text);
    double ts = synthesize(lex, &text, sample_kb << 10, voice, &syn_chars);
    double norm_cps = in / tn, syn_cps = syn_chars / ts;
    size_t lines = 0;
    for (size_t i = 0; i < text.n; i++)
        lines += text.p[i] == '\n';
    printf("corpus: %.1f MB, %zu characters, %zu lines\n", text.n / 1048576.0, in, lines);
    printf("%-14s %14s %10s %10s\n", "stage", "chars/s", "MB/s", "seconds");
    printf("%-14s %14.0f %10.2f %10.2f\n", "normalize", norm_cps, text.n / 1048576.0 / tn, tn);
    printf("%-14s %14.0f %10.4f %10.2f   (sample of %zu characters, voice %s)\n", "synthesize",
           syn_cps, syn_cps / in * text.n / 1048576.0, ts, syn_chars, voice);
    double ratio = norm_cps / syn_cps;
    printf("normalize/synthesize: %.0fx (required: >= 100x) %s\n", ratio,
           ratio >= 100 ? "ok" : "FAIL");
    free(text.p);
    return ratio >= 100 ? 0 : 1;
}

/* ==== Linear time ======================================================== */

static double time_once(const crier_lexicon *lex, const char *unit, size_t size)
{
    size_t u = strlen(unit);
    char *s = malloc(size + 1);
    if (!s)
        exit(70);
    for (size_t i = 0; i < size; i++)
        s[i] = unit[i % u];
    s[size] = '\0';
    crier_spoken *sp = NULL;
    double t0 = now();
    crier_normalize(lex, s, size, 0, &sp, NULL);
    double t = now() - t0;
    crier_spoken_free(sp);
    free(s);
    return t;
}

/* The best of three runs: the machine is shared, and a slower run says
 * more about the neighbours than about us. */
static double time_shape(const crier_lexicon *lex, const char *unit, size_t size)
{
    double best = 1e9;
    for (int k = 0; k < 3; k++) {
        double t = time_once(lex, unit, size);
        if (t < best)
            best = t;
    }
    return best;
}

static int pathological(const crier_lexicon *lex)
{
    /* Sizes are the smaller of each pair, chosen so that the time is long
     * enough to measure; the 4x size covers what the test suite runs. */
    static const struct { const char *name, *unit; size_t size; } SHAPES[] = {
        {"digits (1 MB)", "1234567890", 1 << 20},
        {"dots (100,000)", ".", 1 << 20},
        {"spaced dots", ". ", 1 << 20},
        {"line without spaces (10 MB)", "abc.def-1/2:3@x_y", 10 << 18},
        {"one letter (10 MB)", "a", 10 << 18},
        {"abbreviations (100,000)", "Dr. ", 400000},
        {"dotted initials", "U.S.", 400000},
        {"dates without end", "Sep 1, ", 700000},
        {"ranges without end", "1-", 400000},
        {"brackets", "((((([[[[", 1 << 20},
        {"tags that never close", "<a ", 600000},
        {"grouped digits", "1,000,", 600000},
        {"digits grouped in pairs", "12,", 600000},
        {"feet and sizes", "12' x ", 600000},
    };
    int bad = 0;
    printf("%-30s %10s %10s %8s\n", "input", "size s", "size 4s", "ratio");
    for (size_t k = 0; k < sizeof SHAPES / sizeof *SHAPES; k++) {
        size_t n = SHAPES[k].size;
        double a = time_shape(lex, SHAPES[k].unit, n);
        double b = time_shape(lex, SHAPES[k].unit, n * 4);
        double r = b / (a > 1e-6 ? a : 1e-6);
        printf("%-30s %9.3fs %9.3fs %8.1f%s\n", SHAPES[k].name, a, b, r, r > 8 ? "  FAIL" : "");
        bad |= r > 8;
    }
    printf("linear time (4x input, at most 8x time): %s\n", bad ? "FAIL" : "ok");
    return bad;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s LEXICON_DIR [--mb N] [--sample KB] [--voice V] "
                        "[--pathological]\n", argv[0]);
        return 64;
    }
    size_t mb = 32, sample = 16;
    const char *voice = "en-us";
    int patho = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--mb") && i + 1 < argc)
            mb = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--sample") && i + 1 < argc)
            sample = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--voice") && i + 1 < argc)
            voice = argv[++i];
        else if (!strcmp(argv[i], "--pathological"))
            patho = 1;
        else {
            fprintf(stderr, "%s: unknown option %s\n", argv[0], argv[i]);
            return 64;
        }
    }
    crier_lexicon *lex = NULL;
    crier_error err = {0};
    if (crier_lexicon_load(argv[1], &lex, &err) != CRIER_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return 78;
    }
    int rc = patho ? pathological(lex) : throughput(lex, mb ? mb : 1, sample ? sample : 1, voice);
    crier_lexicon_free(lex);
    return rc;
}

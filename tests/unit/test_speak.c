/* test_speak.c -- speaking through the public API: a program of items (an
 * intro line, an article, a link, the article again) into one file, its
 * chapters and captions, loudness, cancellation, and the script.
 *
 * usage: test_speak DATA_DIR FIXTURE WORKDIR */
#include "crier.h"
#include "harness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *data_dir, *workdir;

static char *path_in(const char *name)
{
    static char buf[4][1024];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", workdir, name);
    return buf[k];
}

static crier_doc *load_doc(const crier_lexicon *lex, const char *file)
{
    FILE *f = fopen(file, "rb");
    if (!f)
        return NULL;
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    char *text;
    size_t len;
    crier_doc *doc = NULL;
    crier_error err = {0};
    if (crier_text_clean(buf, n, file, &text, &len, &err) == CRIER_OK)
        crier_parse(text, len, NULL, lex, &doc, &err);
    crier_free(text);
    return doc;
}

static long file_size(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

static int same_bytes(const char *a, const char *b)
{
    FILE *x = fopen(a, "rb"), *y = fopen(b, "rb");
    int same = x && y;
    while (same) {
        int c = fgetc(x), d = fgetc(y);
        same = c == d;
        if (c == EOF)
            break;
    }
    if (x)
        fclose(x);
    if (y)
        fclose(y);
    return same;
}

/* A bulletin-shaped program: the call a bulletin builds on. */
static void test_program(const crier_lexicon *lex, const crier_doc *doc)
{
    crier_item items[] = {
        {NULL, "Good morning. Here is the news for Tuesday, Sep 20.", "link", "Introduction", 0,
         300, NULL},
        {doc, NULL, NULL, crier_doc_title(doc), 0, 500, NULL},
        {NULL, "Next: the same story, read again.", NULL, NULL, 0, 0, NULL},
        {doc, NULL, NULL, "Again", 0, 0, NULL},
    };
    crier_speak_options o;
    crier_speak_options_init(&o);
    o.data_dir = data_dir;
    o.jobs = 2;
    o.captions_path = path_in("program.vtt");
    o.chapters_path = path_in("program.json");
    crier_speak_result r = {0};
    crier_error err = {0};
    crier_status st = crier_speak_items(items, 4, lex, &o, path_in("program.mp3"), &r, &err);
    INT_EQ(st, CRIER_OK, "speak a program");
    if (st != CRIER_OK)
        fprintf(stderr, "  %s:%ld: %s\n", err.file, err.line, err.msg);
    INT_EQ(r.sample_rate, 44100, "MP3 at 44.1 kHz");
    INT_EQ(r.nchapters, 3, "one chapter per item that asks");
    if (r.nchapters == 3) {
        STR_EQ(r.chapters[0].title, "Introduction", "first chapter");
        STR_EQ(r.chapters[1].title, crier_doc_title(doc), "story chapter");
        OK(r.chapters[0].start == 0, "starts at 0");
        OK(r.chapters[1].start > 3 && r.chapters[2].start > r.chapters[1].end - 0.001,
           "chapters in order");
        OK(fabs(r.chapters[2].end - r.seconds) < 0.001, "last chapter ends with the file");
    }
    OK(r.cues >= 10, "captions written (%zu)", r.cues);
    OK(fabs(r.loudness + 16) <= 1.0, "decoded loudness %.2f LUFS", r.loudness);
    OK(r.true_peak <= -1.0, "decoded true peak %.2f dBTP", r.true_peak);
    OK(file_size(path_in("program.mp3")) > 100000, "audio written");
    OK(file_size(path_in("program.vtt")) > 500, "captions written");
    OK(file_size(path_in("program.json")) > 100, "chapters written");
    crier_speak_result_free(&r);
    crier_speak_result_free(&r); /* twice is harmless */
    crier_speak_result_free(NULL);

    /* One worker gives the same bytes as two. */
    o.jobs = 1;
    o.captions_path = o.chapters_path = NULL;
    INT_EQ(crier_speak_items(items, 4, lex, &o, path_in("program-j1.mp3"), NULL, &err), CRIER_OK,
           "again with one worker");
    OK(same_bytes(path_in("program.mp3"), path_in("program-j1.mp3")), "same bytes with -j1");

    /* The script shows every utterance with its role. */
    char *script = NULL;
    INT_EQ(crier_speak_items_script(items, 4, lex, &o, &script, &err), CRIER_OK, "script");
    OK(script && !strncmp(script, "link\tGood morning.", 18), "intro first, as a link");
    OK(script && strstr(script, "September twentieth"), "the link is normalized");
    OK(script && strstr(script, "\nquote\t"), "quotations have their own role");
    crier_free(script);

    crier_item bad = {NULL, "Hello.", "shouting", NULL, 0, 0, NULL};
    INT_EQ(crier_speak_items(&bad, 1, lex, &o, path_in("bad.mp3"), NULL, &err), CRIER_ERR_ARG,
           "unknown role");
}

/* A cancelled call stops, writes nothing and leaves no temporary file. */
static void test_cancel(const crier_lexicon *lex, const crier_doc *doc)
{
    volatile sig_atomic_t flag = 1;
    crier_speak_options o;
    crier_speak_options_init(&o);
    o.data_dir = data_dir;
    o.cancel = &flag;
    o.captions_path = path_in("cancel.vtt");
    crier_error err = {0};
    crier_speak_result r = {0};
    INT_EQ(crier_speak(doc, lex, &o, path_in("cancel.ogg"), &r, &err), CRIER_ERR_INTERRUPTED,
           "cancelled");
    OK(access(path_in("cancel.ogg"), F_OK) != 0, "no audio");
    OK(access(path_in("cancel.vtt"), F_OK) != 0, "no captions");
    crier_speak_result_free(&r);
}

/* Loudness off: the level is the engine's, and nothing is limited. */
static void test_options(const crier_lexicon *lex, const crier_doc *doc)
{
    crier_speak_options o;
    crier_speak_options_init(&o);
    o.data_dir = data_dir;
    o.no_loudness = 1;
    crier_speak_result r = {0};
    crier_error err = {0};
    INT_EQ(crier_speak(doc, lex, &o, path_in("raw.wav"), &r, &err), CRIER_OK, "no loudness");
    OK(r.gain == 0 && r.loudness < -18, "left as synthesized (%.1f LUFS)", r.loudness);
    INT_EQ(r.sample_rate, 22050, "WAV at the engine's rate");
    INT_EQ(r.nchapters, 3, "article sections as chapters: headline, body, credits");
    crier_speak_result_free(&r);
    o.no_loudness = 0;
    o.loudness = -23;
    o.sample_rate = 16000;
    INT_EQ(crier_speak(doc, lex, &o, path_in("quiet.flac"), &r, &err), CRIER_OK, "-23 LUFS");
    OK(fabs(r.loudness + 23) < 0.5, "at -23 LUFS (%.2f)", r.loudness);
    INT_EQ(r.sample_rate, 16000, "resampled to 16 kHz");
    crier_speak_result_free(&r);
    o.format = "opus";
    o.sample_rate = 44100;
    INT_EQ(crier_speak(doc, lex, &o, path_in("x.bin"), &r, &err), CRIER_ERR_ARG,
           "Opus cannot be 44.1 kHz");
    crier_speak_result_free(&r);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s DATA_DIR FIXTURE WORKDIR\n", argv[0]);
        return 2;
    }
    data_dir = argv[1];
    workdir = argv[3];
    char lexdir[1024];
    snprintf(lexdir, sizeof lexdir, "%s/lexicon/en", data_dir);
    crier_lexicon *lex = NULL;
    crier_error err = {0};
    if (crier_lexicon_load(lexdir, &lex, &err) != CRIER_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return 2;
    }
    crier_doc *doc = load_doc(lex, argv[2]);
    OK(doc != NULL, "fixture parses");
    if (doc) {
        test_program(lex, doc);
        test_cancel(lex, doc);
        test_options(lex, doc);
    }
    crier_doc_free(doc);
    crier_lexicon_free(lex);
    return harness_done();
}

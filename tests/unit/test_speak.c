/* test_speak.c -- speaking through the public API: a program of items (an
 * intro line, an article, a link, the article again) into one file, its
 * chapters and captions, loudness, cancellation, and the script.
 *
 * usage: test_speak DATA_DIR FIXTURE WORKDIR */
#include "crier.h"
#include "harness.h"

#include <math.h>
#include <stdint.h>
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

/* Writes a 16-bit PCM WAV of `secs` seconds: a 440 Hz tone on the left
 * channel, silence on the right (the mixdown must keep the tone). */
static int write_wav(const char *path, int rate, int channels, double secs)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    uint32_t frames = (uint32_t)(rate * secs), data = frames * 2u * (uint32_t)channels;
    unsigned char h[44] = "RIFF\0\0\0\0WAVEfmt \20\0\0\0\1\0";
    uint32_t v[] = {36 + data, (uint32_t)rate, (uint32_t)rate * 2u * (uint32_t)channels};
    for (int i = 0; i < 4; i++) {
        h[4 + i] = (unsigned char)(v[0] >> (8 * i));
        h[24 + i] = (unsigned char)(v[1] >> (8 * i));
        h[28 + i] = (unsigned char)(v[2] >> (8 * i));
        h[40 + i] = (unsigned char)(data >> (8 * i));
    }
    h[22] = (unsigned char)channels;
    h[32] = (unsigned char)(2 * channels);
    h[34] = 16;
    memcpy(h + 36, "data", 4);
    fwrite(h, 1, sizeof h, f);
    for (uint32_t i = 0; i < frames; i++)
        for (int c = 0; c < channels; c++) {
            int16_t x = c ? 0 : (int16_t)(30000 * sin(2 * 3.14159265358979 * 440 * i / rate));
            unsigned char b[2] = {(unsigned char)(x & 0xff), (unsigned char)((x >> 8) & 0xff)};
            fwrite(b, 1, 2, f);
        }
    return fclose(f);
}

/* A sound file in a program: it adds its length and nothing else (no
 * captions, no chapter of its own), and bad files fail before any output
 * exists, naming the file. */
static void test_audio_item(const crier_lexicon *lex)
{
    char sting[1024], text[1024];
    snprintf(sting, sizeof sting, "%s", path_in("sting.wav"));
    snprintf(text, sizeof text, "%s", path_in("not-audio.wav"));
    OK(write_wav(sting, 16000, 2, 1.0) == 0, "sting fixture");
    crier_item items[] = {
        {NULL, "This is the first line of the program.", "link", "One", 0, 0, NULL},
        {NULL, NULL, NULL, NULL, 0, 300, sting},
        {NULL, "And this is the second line.", "link", "Two", 0, 0, NULL},
    };
    crier_speak_options o;
    crier_speak_options_init(&o);
    o.data_dir = data_dir;
    o.jobs = 2;
    o.captions_path = path_in("sting.vtt");
    crier_speak_result r = {0}, plain = {0};
    crier_error err = {0};
    crier_item without[] = {items[0], items[2]};
    INT_EQ(crier_speak_items(without, 2, lex, &o, path_in("nosting.wav"), &plain, &err),
           CRIER_OK, "program without the sound file");
    INT_EQ(crier_speak_items(items, 3, lex, &o, path_in("sting.wav.out.wav"), &r, &err), CRIER_OK,
           "program with a sound file");
    if (err.code)
        fprintf(stderr, "  %s: %s\n", err.file, err.msg);
    double grew = r.seconds - plain.seconds;
    OK(fabs(grew - 1.3) < 0.02, "the file adds its 1 s and its 300 ms pause (%.3f s)", grew);
    INT_EQ(r.nchapters, 2, "no chapter of its own");
    if (r.nchapters == 2 && plain.nchapters == 2)
        OK(fabs(r.chapters[1].start - plain.chapters[1].start - 1.3) < 0.02,
           "the next chapter starts after it (%.3f s)", r.chapters[1].start);
    INT_EQ(r.cues, plain.cues, "no captions of its own");
    OK(fabs(r.loudness + 16) <= 1.0, "loudness with the sound file %.2f LUFS", r.loudness);
    crier_speak_result_free(&r);
    crier_speak_result_free(&plain);

    o.jobs = 1;
    o.captions_path = NULL;
    INT_EQ(crier_speak_items(items, 3, lex, &o, path_in("sting-j1.wav"), NULL, &err), CRIER_OK,
           "again with one worker");
    OK(same_bytes(path_in("sting.wav.out.wav"), path_in("sting-j1.wav")), "same bytes with -j1");

    /* Without loudness processing the file is levelled to the raw speech:
     * the program measures about what the speech alone does. (The tone as
     * written is about 10 LU louder than eSpeak's speech; played as it is,
     * it would lift the whole by several LU.) */
    o.no_loudness = 1;
    INT_EQ(crier_speak_items(without, 2, lex, &o, path_in("raw-nosting.wav"), &plain, &err),
           CRIER_OK, "raw, without the sound file");
    INT_EQ(crier_speak_items(items, 3, lex, &o, path_in("raw-sting.wav"), &r, &err), CRIER_OK,
           "raw, with the sound file");
    OK(fabs(r.loudness - plain.loudness) < 0.5, "levelled to the raw speech: %.2f and %.2f LUFS",
       r.loudness, plain.loudness);
    crier_speak_result_free(&r);
    crier_speak_result_free(&plain);
    o.no_loudness = 0;

    char *script = NULL;
    char want[1100];
    snprintf(want, sizeof want, "\naudio\t%s\n", sting);
    INT_EQ(crier_speak_items_script(items, 3, lex, &o, &script, &err), CRIER_OK, "script");
    OK(script && strstr(script, want), "the script shows the sound file");
    crier_free(script);

    /* Missing, not audio, too long: errors that name the file, no output. */
    items[1].audio = path_in("no-such-sting.wav");
    INT_EQ(crier_speak_items(items, 3, lex, &o, path_in("bad1.wav"), NULL, &err), CRIER_ERR_IO,
           "a missing sound file");
    OK(strstr(err.file, "no-such-sting.wav") != NULL, "the error names it (%s)", err.file);
    FILE *f = fopen(text, "w");
    if (f) {
        fputs("This is not audio.\n", f);
        fclose(f);
    }
    items[1].audio = text;
    INT_EQ(crier_speak_items(items, 3, lex, &o, path_in("bad2.wav"), NULL, &err),
           CRIER_ERR_MEDIA, "a text file as a sound file");
    STR_EQ(err.file, text, "the error names it");
    OK(write_wav(path_in("long.wav"), 8000, 1, 31) == 0, "long fixture");
    items[1].audio = path_in("long.wav");
    INT_EQ(crier_speak_items(items, 3, lex, &o, path_in("bad3.wav"), NULL, &err),
           CRIER_ERR_MEDIA, "a sound file over 30 s");
    OK(strstr(err.msg, "30") != NULL, "the message gives the limit (%s)", err.msg);
    OK(access(path_in("bad1.wav"), F_OK) != 0 && access(path_in("bad2.wav"), F_OK) != 0 &&
           access(path_in("bad3.wav"), F_OK) != 0,
       "no output from a failed call");
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
        test_audio_item(lex);
    }
    crier_doc_free(doc);
    crier_lexicon_free(lex);
    return harness_done();
}

/* cue_onsets.c -- checks caption times against the speech in the audio.
 *
 * usage: cue_onsets AUDIO CAPTIONS MAX_MS
 *
 * Finds speech onsets in AUDIO (read with libsndfile, so WAV, FLAC, Ogg
 * and MP3 alike) from the samples alone: an onset is where the level rises
 * above -40 dBFS after at least 60 ms below it. Then reads the cues of
 * CAPTIONS (WebVTT or SubRip) and, for every cue that starts a sentence
 * (the first cue, or one whose predecessor ends a sentence), finds the
 * nearest onset: it must lie within MAX_MS. Checked are the cues that
 * start after a pause: the first, those after a sentence or clause mark
 * (. ! ? , ; : and closing quotes), and those after a gap in the cues (a
 * new segment). Cues that continue a long clause start at a word inside
 * running speech, where the audio has no silence to find; the test fails
 * unless at least half of all cues were checked. Prints the errors. */
#include "harness.h"

#include <ctype.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>

enum { FRAME_MS = 5, QUIET_FRAMES = 12 };
#define LEVEL 0.01 /* -40 dBFS */

typedef struct cue {
    double start, end;
    char text[1024];
} cue;

/* Onset times in seconds; *n gets their count. */
static double *onsets(const char *path, size_t *n)
{
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf) {
        fprintf(stderr, "%s: %s\n", path, sf_strerror(NULL));
        exit(1);
    }
    /* The start of the file counts as quiet: speech may begin at once. */
    size_t frame = (size_t)info.samplerate * FRAME_MS / 1000, cap = 1024, k = 0;
    size_t quiet = QUIET_FRAMES;
    double *t = malloc(cap * sizeof *t);
    float *buf = malloc(frame * (size_t)info.channels * sizeof *buf);
    sf_count_t got;
    for (size_t f = 0; (got = sf_readf_float(sf, buf, (sf_count_t)frame)) > 0; f++) {
        sf_count_t first = -1;
        for (sf_count_t i = 0; i < got * info.channels && first < 0; i++)
            if (fabsf(buf[i]) > LEVEL)
                first = i / info.channels;
        if (first < 0) {
            quiet++;
            continue;
        }
        if (quiet >= QUIET_FRAMES) {
            if (k == cap)
                t = realloc(t, (cap *= 2) * sizeof *t);
            t[k++] = ((double)f * (double)frame + (double)first) / info.samplerate;
        }
        quiet = 0;
    }
    sf_close(sf);
    free(buf);
    *n = k;
    return t;
}

static double parse_time(const char *s)
{
    int h, m, sec, ms;
    char sep;
    if (sscanf(s, "%d:%d:%d%c%d", &h, &m, &sec, &sep, &ms) != 5)
        return -1;
    return h * 3600.0 + m * 60.0 + sec + ms / 1000.0;
}

static cue *read_cues(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    size_t cap = 64, k = 0;
    cue *c = malloc(cap * sizeof *c);
    char line[1024];
    int in_text = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strstr(line, "-->")) {
            if (k == cap)
                c = realloc(c, (cap *= 2) * sizeof *c);
            c[k].start = parse_time(line);
            c[k].end = parse_time(strstr(line, "-->") + 4);
            c[k].text[0] = '\0';
            k++;
            in_text = 1;
        } else if (!line[0]) {
            in_text = 0;
        } else if (in_text) {
            size_t len = strlen(c[k - 1].text);
            snprintf(c[k - 1].text + len, sizeof c[k - 1].text - len, "%s%s", len ? " " : "",
                     line);
        }
    }
    fclose(f);
    *n = k;
    return c;
}

/* True when `text` ends a sentence or clause: . ! ? , ; : or a closing
 * quotation mark. */
static int ends_clause(const char *text)
{
    size_t n = strlen(text);
    if (n >= 3 && !strcmp(text + n - 3, "\xe2\x80\x9d")) /* a closing curly quote */
        return 1;
    return n && strchr(".!?,;:\")", text[n - 1]);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s AUDIO CAPTIONS MAX_MS\n", argv[0]);
        return 2;
    }
    size_t no, nc;
    double *on = onsets(argv[1], &no);
    cue *c = read_cues(argv[2], &nc);
    double max_ms = atof(argv[3]), worst = 0, sum = 0;
    size_t checked = 0;
    for (size_t i = 0; i < nc; i++) {
        if (i > 0 && !ends_clause(c[i - 1].text) && c[i].start - c[i - 1].end < 0.3)
            continue;
        double best = 1e9;
        for (size_t j = 0; j < no; j++)
            if (fabs(on[j] - c[i].start) < fabs(best))
                best = on[j] - c[i].start;
        double ms = fabs(best) * 1000;
        OK(ms <= max_ms, "cue at %.3f s (\"%.40s\") is %.0f ms from the nearest onset", c[i].start,
           c[i].text, ms);
        worst = ms > worst ? ms : worst;
        sum += ms;
        checked++;
    }
    printf("%s: %zu onsets, %zu cues, %zu sentence starts checked: mean %.1f ms, max %.1f ms\n",
           argv[2], no, nc, checked, checked ? sum / (double)checked : 0, worst);
    OK(nc > 0, "no cues");
    OK(checked * 2 >= nc, "only %zu of %zu cues could be checked", checked, nc);
    free(on);
    free(c);
    return harness_done();
}

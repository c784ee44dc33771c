/* captions.c -- audio stage: WebVTT and SubRip captions, JSON chapters.
 *
 * WebVTT (W3C): a "WEBVTT" line, a blank line, then cues of a timing line
 * "00:01:02.345 --> 00:01:04.000" and one or two text lines, each cue
 * followed by a blank line; '&', '<' and '>' are escaped. SubRip is the
 * same with a running number before each cue and a comma before the
 * milliseconds. Chapters follow the Podcasting 2.0 JSON chapters format
 * (podcast-namespace, jsonChapters.md). */
#include "captions.h"
#include "buf.h"
#include "internal.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A cue holds at most two lines of this many characters (the BBC's and
 * most players' guidance for readable subtitles). */
enum { LINE_CHARS = 42, CUE_CHARS = 2 * LINE_CHARS };

struct crier_cues {
    crier_outfile *f;
    int srt;
    size_t count;
    crier_buf b;
};

crier_status crier_cues_open(crier_outfile *f, crier_cues **out, crier_error *err)
{
    crier_cues *c = calloc(1, sizeof *c);
    if (!c)
        return crier_fail(err, CRIER_ERR_NOMEM, f->path, 0, "out of memory");
    size_t n = strlen(f->path);
    c->f = f;
    c->srt = n >= 4 && strcasecmp(f->path + n - 4, ".srt") == 0;
    if (!c->srt)
        crier_buf_puts(&c->b, "WEBVTT\n\n");
    *out = c;
    return CRIER_OK;
}

size_t crier_cues_count(const crier_cues *c) { return c->count; }

static crier_status flush(crier_cues *c, crier_error *err)
{
    if (c->b.oom)
        return crier_fail(err, CRIER_ERR_NOMEM, c->f->path, 0, "out of memory");
    crier_status st = crier_outfile_write(c->f, c->b.ptr, c->b.len, err);
    crier_buf_truncate(&c->b, 0);
    return st;
}

crier_status crier_cues_close(crier_cues *c, crier_error *err)
{
    crier_status st = c->b.len ? flush(c, err) : CRIER_OK;
    crier_buf_free(&c->b);
    free(c);
    return st;
}

/* ==== Text =============================================================== */

static int is_space(char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'; }

/* Code points in s[0, n), counting a run of white space as one. */
static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80 && !(is_space(s[i]) && i && is_space(s[i - 1])))
            k++;
    return k;
}

/* The text of s[0, n) with white space collapsed to single spaces and
 * trimmed, into `out` (caller frees). */
static char *collapse(const char *s, size_t n)
{
    crier_buf b = CRIER_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (is_space(s[i])) {
            if (b.len && b.ptr[b.len - 1] != ' ')
                crier_buf_putc(&b, ' ');
            continue;
        }
        crier_buf_putc(&b, s[i]);
    }
    while (b.len && b.ptr[b.len - 1] == ' ')
        crier_buf_truncate(&b, b.len - 1);
    char *r = crier_buf_detach(&b);
    crier_buf_free(&b);
    return r;
}

/* Control characters a page carried (a terminal colour code, a bell) are
 * left out: a player would show them as boxes, a screen reader say them. */
static void put_escaped(crier_cues *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            continue;
        if (!c->srt && s[i] == '&')
            crier_buf_puts(&c->b, "&amp;");
        else if (!c->srt && s[i] == '<')
            crier_buf_puts(&c->b, "&lt;");
        else if (!c->srt && s[i] == '>')
            crier_buf_puts(&c->b, "&gt;");
        else
            crier_buf_putc(&c->b, s[i]);
    }
}

static void put_time(crier_cues *c, double t)
{
    long long ms = llround(t < 0 ? 0 : t * 1000);
    crier_buf_printf(&c->b, "%02lld:%02lld:%02lld%c%03lld", ms / 3600000, ms / 60000 % 60,
                     ms / 1000 % 60, c->srt ? ',' : '.', ms % 1000);
}

/* Writes one cue; text longer than a line is broken at the space nearest
 * its middle. */
static void cue(crier_cues *c, const char *s, size_t n, double start, double end)
{
    char *text = collapse(s, n);
    if (!text || !text[0]) {
        free(text);
        return;
    }
    if (end < start + 0.3)
        end = start + 0.3;
    c->count++;
    if (c->srt)
        crier_buf_printf(&c->b, "%zu\n", c->count);
    put_time(c, start);
    crier_buf_puts(&c->b, " --> ");
    put_time(c, end);
    crier_buf_putc(&c->b, '\n');
    size_t len = strlen(text), cut = 0;
    if (chars(text, len) > LINE_CHARS)
        for (size_t i = 0; i < len; i++)
            if (text[i] == ' ' && (!cut || labs((long)i - (long)len / 2) <
                                               labs((long)cut - (long)len / 2)))
                cut = i;
    if (cut) {
        put_escaped(c, text, cut);
        crier_buf_putc(&c->b, '\n');
        put_escaped(c, text + cut + 1, len - cut - 1);
    } else {
        put_escaped(c, text, len);
    }
    crier_buf_puts(&c->b, "\n\n");
    free(text);
}

/* ==== Splitting a sentence into cues ===================================== */

/* The byte length of an opening bracket or quotation mark just before
 * offset `off`, or 0. */
static size_t opener_before(const char *s, size_t off)
{
    static const char *const OPEN[] = {"(", "[", "{", "\"", "\xe2\x80\x9c", "\xe2\x80\x98",
                                       "\xc2\xab"};
    for (size_t i = 0; i < CRIER_ARRAY_LEN(OPEN); i++) {
        size_t k = strlen(OPEN[i]);
        if (off >= k && !memcmp(s + off - k, OPEN[i], k))
            return k;
    }
    return 0;
}

/* True when the text before offset `off` ends in a clause mark. */
static int after_clause(const char *s, size_t off)
{
    while (off && is_space(s[off - 1]))
        off--;
    return off && strchr(",;:", s[off - 1]);
}

/* The word (index into w) where the cue starting at word b ends, nw when
 * the rest fits in one cue. The rest is shared evenly among as many cues
 * as it needs; the cut goes to the word start nearest the even share, or
 * to a clause mark (comma, semicolon, colon) within reach of it. */
static size_t cue_end(const char *s, size_t len, const crier_word_time *w, size_t nw, size_t b)
{
    size_t rest = chars(s + w[b].off, len - w[b].off);
    if (rest <= CUE_CHARS)
        return nw;
    size_t share = rest / ((rest + CUE_CHARS - 1) / CUE_CHARS);
    size_t best = b + 1, best_d = (size_t)-1, clause = 0;
    for (size_t k = b + 1; k < nw; k++) {
        size_t c = chars(s + w[b].off, w[k].off - w[b].off);
        if (c > CUE_CHARS)
            break;
        size_t d = c > share ? c - share : share - c;
        if (d < best_d) {
            best = k;
            best_d = d;
        }
        if (after_clause(s, w[k].off) && c >= share * 2 / 3)
            clause = k;
    }
    return clause ? clause : best;
}

crier_status crier_cues_sentence(crier_cues *c, const char *text, size_t len,
                                     const crier_word_time *w_in, size_t nw_in, double end,
                                     crier_error *err)
{
    if (!nw_in)
        return CRIER_OK;
    /* Keep the words whose offsets increase; the first starts the text. */
    crier_word_time *w = malloc(nw_in * sizeof *w);
    if (!w)
        return crier_fail(err, CRIER_ERR_NOMEM, c->f->path, 0, "out of memory");
    size_t nw = 0;
    for (size_t i = 0; i < nw_in; i++) {
        crier_word_time t = w_in[i];
        /* A word's cue starts with the bracket or quotation mark that
         * opens before it: "(NATO)" is not cut after its "(". */
        while (t.off > 0 && t.off <= len && (!nw || t.off - 1 > w[nw - 1].off)) {
            size_t k = opener_before(text, t.off);
            if (!k)
                break;
            t.off -= k;
        }
        if (t.off < len && (!nw || t.off > w[nw - 1].off))
            w[nw++] = t;
    }
    if (nw)
        w[0].off = 0;
    for (size_t b = 0; b < nw;) {
        size_t e = cue_end(text, len, w, nw, b);
        size_t to = e < nw ? w[e].off : len;
        cue(c, text + w[b].off, to - w[b].off, w[b].t, e < nw ? w[e].t : end);
        b = e;
    }
    free(w);
    if (c->b.len > 65536)
        return flush(c, err);
    return c->b.oom ? crier_fail(err, CRIER_ERR_NOMEM, c->f->path, 0, "out of memory")
                    : CRIER_OK;
}

/* ==== Chapters =========================================================== */

static double ms(double t) { return round(t * 1000) / 1000; }

crier_status crier_chapters_write(crier_outfile *f, const crier_chapter *ch, size_t n,
                                  crier_error *err)
{
    cJSON *root = cJSON_CreateObject();
    int ok = root && cJSON_AddStringToObject(root, "version", "1.2.0");
    cJSON *list = ok ? cJSON_AddArrayToObject(root, "chapters") : NULL;
    ok = ok && list;
    for (size_t i = 0; ok && i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        ok = o && cJSON_AddNumberToObject(o, "startTime", ms(ch[i].start)) &&
             cJSON_AddNumberToObject(o, "endTime", ms(ch[i].end)) &&
             cJSON_AddStringToObject(o, "title", ch[i].title ? ch[i].title : "");
        if (o)
            cJSON_AddItemToArray(list, o);
    }
    char *json = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!json)
        return crier_fail(err, CRIER_ERR_NOMEM, f->path, 0, "out of memory");
    crier_status st = crier_outfile_write(f, json, strlen(json), err);
    if (st == CRIER_OK)
        st = crier_outfile_write(f, "\n", 1, err);
    cJSON_free(json);
    return st;
}

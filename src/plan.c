/* plan.c -- what a program will say: engine calls, in order, in chunks.
 *
 * From items (articles and lines of text) to units, one espeak_Synth call
 * each:
 *
 *  - a segment's role picks its voice from the profile, and a signpost
 *    from signposts.tsv is put before it ("Photo caption.");
 *  - a body paragraph is cut into runs at quotations (quotes.tsv): a
 *    quotation of four words or more is spoken by the `quote` role, so
 *    that a listener hears where the reporter stops and the source
 *    speaks; the runs keep the paragraph's pauses at its ends and the
 *    quote role's pauses around the quotation;
 *  - each run is normalized on its own, keeping its span map, and a run
 *    of more than MAX_UNIT bytes is cut at a sentence end, so that no
 *    engine call (and no chunk) grows without bound;
 *  - chapters start at items that ask for one and, inside an article,
 *    where the headline, body, captions and credits begin;
 *  - an item that is a sound file (a sting) becomes a unit of its own that
 *    holds the file's samples, read and resampled here, in the parent,
 *    before any worker is forked: a bad file fails before any speech is
 *    made, and every worker sees the same samples.
 *
 * Units are grouped into chunks of about CHUNK_BYTES of spoken text (half
 * a minute of speech), cut only where there is a pause. */
#include "plan.h"
#include "audio.h"
#include "buf.h"
#include "doc.h"
#include "internal.h"
#include "lexicon.h"
#include "loudness.h"
#include "resample.h"
#include "synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    MAX_UNIT = 3000,     /* bytes of spoken text per engine call */
    CHUNK_BYTES = 600,   /* spoken bytes per chunk, about 35 s */
    CHUNK_PAUSE_MS = 200,/* the least pause a chunk may end at */
    QUOTE_WORDS = 4      /* shorter quotations are not voiced as quotes */
};

/* ==== Growing arrays ===================================================== */

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *q = realloc(*p, c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

#define GROW(p, arr, n, cap) grow((void **)&(p)->arr, &(p)->cap, (p)->n, sizeof *(p)->arr)

static crier_status oom(crier_error *err)
{
    return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
}

/* ==== Voices ============================================================= */

static int clamp(long v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : (int)v; }

/* --rate sets the body's rate and --pitch its pitch; the other roles keep
 * their distance from the body, so a slower headline stays slower. */
static void apply_overrides(crier_voice_profile *prof, const crier_speak_options *o)
{
    const crier_role_voice body = prof->role[CRIER_ROLE_BODY];
    for (int r = 0; r < CRIER_ROLE_COUNT; r++) {
        crier_role_voice *v = &prof->role[r];
        if (o->rate > 0)
            v->rate = clamp(((long)v->rate * o->rate + body.rate / 2) / body.rate, 80, 450);
        if (o->pitch >= 0)
            v->pitch = clamp((long)v->pitch + o->pitch - body.pitch, 0, 100);
    }
}

/* Checks every distinct voice of the profile against the engine. */
static crier_status check_voices(const crier_voice_profile *prof, crier_error *err)
{
    for (int r = 0; r < CRIER_ROLE_COUNT; r++) {
        const crier_role_voice *v = &prof->role[r];
        int seen = 0;
        for (int q = 0; q < r && !seen; q++)
            seen = !strcmp(prof->role[q].espeak, v->espeak) &&
                   !strcmp(prof->role[q].variant, v->variant);
        if (seen)
            continue;
        crier_status st = crier_synth_check_voice(v, err);
        if (st == CRIER_ERR_VOICE && err) {
            snprintf(err->file, sizeof err->file, "%s", prof->file);
            err->line = v->voice_line;
        }
        if (st != CRIER_OK)
            return st;
    }
    return CRIER_OK;
}

/* ==== Texts and units ==================================================== */

typedef struct builder {
    crier_plan *p;
    const crier_lexicon *lex;
    unsigned flags;          /* for crier_normalize */
    const char *chapter;     /* a chapter title waiting for the next unit */
    int chapter_group;       /* the section the current chapter covers */
} builder;

static size_t ms_to_samples(const crier_plan *p, long ms)
{
    return (size_t)(ms * p->rate / 1000);
}

/* Where to end a unit that starts at s[a] and may not pass s[a+MAX_UNIT]:
 * after a sentence, else after a comma, else at a space. */
static size_t unit_cut(const char *s, size_t a, size_t b)
{
    if (b - a <= MAX_UNIT)
        return b;
    size_t lim = a + MAX_UNIT, cut = 0, comma = 0, space = 0;
    for (size_t i = a + 1; i < lim; i++) {
        if (s[i] != ' ')
            continue;
        space = i;
        if (strchr(".?!", s[i - 1]))
            cut = i;
        else if (s[i - 1] == ',')
            comma = i;
    }
    cut = cut ? cut : comma ? comma : space;
    if (!cut) /* one enormous word: cut at a character boundary */
        for (cut = lim; cut > a + 1 && ((unsigned char)s[cut] & 0xc0) == 0x80; cut--)
            ;
    return cut;
}

static int add_chapter(builder *B, const char *title)
{
    crier_plan *p = B->p;
    if (p->nchapters && p->chapters[p->nchapters - 1].unit == p->nunits)
        return 0; /* a chapter already starts here */
    if (GROW(p, chapters, nchapters, capchapters) < 0)
        return -1;
    char *t = strdup(title);
    if (!t)
        return -1;
    p->chapters[p->nchapters++] = (plan_chapter){t, p->nunits, 0, 0};
    return 0;
}

/* Normalizes `src` (taking ownership) and adds its units, spoken by
 * `voice` with the given pauses (milliseconds) at its ends. */
static crier_status add_text(builder *B, char *src, crier_role role,
                             const crier_role_voice *voice, long before, long after,
                             crier_error *err)
{
    crier_plan *p = B->p;
    crier_spoken *sp = NULL;
    crier_status st = crier_normalize(B->lex, src, strlen(src), B->flags, &sp, err);
    if (st != CRIER_OK || GROW(p, texts, ntexts, captexts) < 0) {
        free(src);
        crier_spoken_free(sp);
        return st != CRIER_OK ? st : oom(err);
    }
    /* One unit is one utterance: newlines inside it become spaces. */
    for (size_t k = 0; k < sp->len; k++)
        if (sp->text[k] == '\n')
            sp->text[k] = ' ';
    size_t t = p->ntexts++;
    p->texts[t] = (plan_text){src, sp};
    size_t a = 0, n = sp->len;
    while (a < n && sp->text[a] == ' ')
        a++;
    while (n > a && sp->text[n - 1] == ' ')
        n--;
    for (int first = 1; a < n; first = 0) {
        size_t b = unit_cut(sp->text, a, n);
        if (GROW(p, units, nunits, capunits) < 0)
            return oom(err);
        if (B->chapter && add_chapter(B, B->chapter) < 0)
            return oom(err);
        B->chapter = NULL;
        p->units[p->nunits++] =
            (plan_unit){t,      a, b, role, *voice, first ? ms_to_samples(p, before) : 0,
                        b == n ? ms_to_samples(p, after) : 0, 0, 0, 0, 0};
        for (a = b; a < n && sp->text[a] == ' ';)
            a++;
    }
    return CRIER_OK;
}

/* ==== Quotations ========================================================= */

/* The quotes.tsv row whose opening mark is at s[i], or NULL. */
static const crier_lex_row *quote_at(const crier_lexicon *lex, const char *s, size_t i)
{
    size_t n = crier_lex_count(lex, CRIER_TAB_QUOTES);
    for (size_t k = 0; k < n; k++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_QUOTES, k);
        size_t len = strlen(r->cols[0]);
        if (strncmp(s + i, r->cols[0], len) != 0)
            continue;
        /* A mark that also closes only opens at a word's start. */
        if (!strcmp(r->cols[0], r->cols[1]) &&
            ((i && !strchr(" \n([", s[i - 1])) || !s[i + len] || s[i + len] == ' '))
            continue;
        return r;
    }
    return NULL;
}

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        int in = ((unsigned char)s[i] >= 0x80 || (s[i] >= '0' && s[i] <= '9') ||
                  ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'));
        int prev = i && ((unsigned char)s[i - 1] >= 0x80 || (s[i - 1] >= '0' && s[i - 1] <= '9') ||
                         ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z'));
        w += in && !prev;
    }
    return w;
}

/* Finds the next quotation in s[from, n): its start in *qs and its end
 * (after the closing mark and any punctuation glued to it) in *qe.
 * Returns 0 when there is none. */
static int next_quote(const crier_lexicon *lex, const char *s, size_t from, size_t n,
                      size_t *qs, size_t *qe)
{
    for (size_t i = from; i < n; i++) {
        const crier_lex_row *r = quote_at(lex, s, i);
        if (!r)
            continue;
        size_t open = strlen(r->cols[0]);
        const char *close = strstr(s + i + open, r->cols[1]);
        size_t e = close ? (size_t)(close - s) + strlen(r->cols[1]) : n;
        while (e < n && strchr(".,;:!?", s[e]))
            e++;
        if (count_words(s + i, e - i) < QUOTE_WORDS) {
            i = e - 1; /* a scare quote: look past it */
            continue;
        }
        *qs = i;
        *qe = e;
        return 1;
    }
    return 0;
}

static char *slice(const char *s, size_t a, size_t b)
{
    while (a < b && (s[a] == ' ' || s[a] == '\n'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
        b--;
    char *r = malloc(b - a + 1);
    if (r) {
        memcpy(r, s + a, b - a);
        r[b - a] = '\0';
    }
    return r;
}

/* True when s has a letter or digit: a run of only punctuation is not
 * worth an engine call of its own. */
static int has_word(const char *s) { return count_words(s, strlen(s)) > 0; }

/* Adds a body paragraph, voicing its quotations with the quote role. */
static crier_status add_paragraph(builder *B, char *text, crier_error *err)
{
    const crier_voice_profile *prof = &B->p->prof;
    const crier_role_voice *body = &prof->role[CRIER_ROLE_BODY];
    const crier_role_voice *quote = &prof->role[CRIER_ROLE_QUOTE];
    size_t n = strlen(text), at = 0, qs, qe;
    /* Cut points: body [at, qs), quote [qs, qe), ... */
    size_t cuts[64][3];
    size_t nc = 0;
    while (nc < 63 && next_quote(B->lex, text, at, n, &qs, &qe)) {
        cuts[nc][0] = at, cuts[nc][1] = qs, cuts[nc][2] = qe;
        nc++;
        at = qe;
    }
    cuts[nc][0] = at, cuts[nc][1] = n, cuts[nc][2] = n;
    nc++;
    /* Collect the runs: (text, is quote), dropping word-less ones. */
    char *run[128];
    int isq[128], nr = 0;
    crier_status st = CRIER_OK;
    for (size_t c = 0; c < nc && st == CRIER_OK; c++)
        for (int q = 0; q < 2; q++) {
            char *r = slice(text, cuts[c][q], cuts[c][q + 1]);
            if (!r)
                st = oom(err);
            else if (!has_word(r))
                free(r);
            else {
                run[nr] = r;
                isq[nr++] = q;
            }
        }
    for (int i = 0; i < nr; i++) {
        long before = i == 0 ? body->pause_before : isq[i] ? quote->pause_before : 0;
        long after = i == nr - 1 ? body->pause_after : isq[i] ? quote->pause_after : 0;
        if (st == CRIER_OK)
            st = add_text(B, run[i], isq[i] ? CRIER_ROLE_QUOTE : CRIER_ROLE_BODY,
                          isq[i] ? quote : body, before, after, err);
        else
            free(run[i]);
    }
    free(text);
    return st;
}

/* ==== Sound files ======================================================== */

/* A sting is a jingle: anything longer is refused, which also bounds the
 * memory a sound file takes (it is held whole, in mono). */
#define MAX_CLIP_SECONDS 30.0

/* Converts x[0, *n) from `from` to `to` Hz. Returns the new samples (the
 * old are the caller's), or NULL when out of memory. */
static float *resample_clip(const float *x, size_t *n, int from, int to)
{
    crier_resampler *r = crier_resampler_new(from, to);
    if (!r)
        return NULL;
    size_t cap = crier_resampler_max_out(r, *n) + crier_resampler_max_out(r, 0);
    float *y = malloc(cap * sizeof *y);
    size_t k = y ? crier_resampler_process(r, x, *n, y) : (size_t)-1;
    size_t f = k != (size_t)-1 ? crier_resampler_flush(r, y + k) : (size_t)-1;
    crier_resampler_free(r);
    if (f == (size_t)-1) {
        free(y);
        return NULL;
    }
    *n = k + f;
    return y;
}

/* Measures a clip's integrated loudness and sample peak. A clip shorter
 * than one gating block (400 ms) has no BS.1770 loudness; its plain
 * mean-square level stands in. */
static int measure_clip(plan_clip *c)
{
    crier_meter *m = crier_meter_new(c->rate);
    crier_gate *g = crier_gate_new();
    int bad = !m || !g || crier_meter_add(m, c->x, c->n) < 0;
    size_t k = 0;
    const double *e = bad ? NULL : crier_meter_take(m, &k);
    for (size_t i = 0; i < k; i++)
        crier_gate_add(g, e[i]);
    c->loudness = bad ? -HUGE_VAL : crier_gate_loudness(g);
    double ms = 0;
    c->peak = 0;
    for (size_t i = 0; i < c->n; i++) {
        ms += (double)c->x[i] * c->x[i];
        if (fabsf(c->x[i]) > c->peak)
            c->peak = fabsf(c->x[i]);
    }
    if (!isfinite(c->loudness) && ms > 0)
        c->loudness = -0.691 + 10 * log10(ms / (double)c->n);
    crier_meter_free(m);
    crier_gate_free(g);
    return bad ? -1 : 0;
}

/* The clip for `path` in *index: read and mixed down the first time,
 * shared after that. It stays at its own rate until the mix rate is
 * known (crier_plan_mix), since the output rate may follow it. Without
 * an engine (a script) it is only checked. */
static crier_status load_clip(crier_plan *p, const char *path, size_t *index, crier_error *err)
{
    for (size_t i = 0; i < p->nclips; i++)
        if (!strcmp(p->clips[i].path, path)) {
            *index = i;
            return CRIER_OK;
        }
    float *x = NULL;
    size_t n = 0;
    int rate = 0;
    crier_status st = crier_audio_read(path, MAX_CLIP_SECONDS, &x, &n, &rate, err);
    if (st != CRIER_OK)
        return st;
    if (p->rate <= 0) {
        free(x);
        x = NULL;
        n = 0;
    }
    char *copy = strdup(path);
    if (!copy || GROW(p, clips, nclips, capclips) < 0) {
        free(x);
        free(copy);
        return oom(err);
    }
    /* the plan frees it from here on */
    p->clips[p->nclips++] = (plan_clip){copy, x, n, rate, -HUGE_VAL, 0, 1.0f};
    *index = p->nclips - 1;
    return CRIER_OK;
}

/* Adds a unit that plays a sound file: no text, no pauses of its own. */
static crier_status add_clip(builder *B, const char *path, crier_error *err)
{
    crier_plan *p = B->p;
    size_t c = 0;
    crier_status st = load_clip(p, path, &c, err);
    if (st != CRIER_OK)
        return st;
    if (GROW(p, units, nunits, capunits) < 0 || (B->chapter && add_chapter(B, B->chapter) < 0))
        return oom(err);
    B->chapter = NULL;
    plan_unit x = {0};
    x.text = PLAN_NO_TEXT;
    x.role = CRIER_ROLE_LINK;
    x.voice = p->prof.role[CRIER_ROLE_LINK];
    /* Its length on the engine's timeline, which captions and chapters
     * are counted on. */
    const plan_clip *k = &p->clips[c];
    x.samples = k->rate > 0 ? (size_t)((double)k->n * p->rate / k->rate + 0.5) : 0;
    x.clip = c + 1;
    p->units[p->nunits++] = x;
    return CRIER_OK;
}

/* ==== Items ============================================================== */

/* Which chapter section a role belongs to: headline, body, captions,
 * credits. */
static int section_of(crier_role r)
{
    switch (r) {
    case CRIER_ROLE_HEADLINE:
    case CRIER_ROLE_STANDFIRST:
    case CRIER_ROLE_BYLINE:
    case CRIER_ROLE_DATELINE: return 0;
    case CRIER_ROLE_CAPTION: return 2;
    case CRIER_ROLE_CREDIT: return 3;
    default: return 1;
    }
}

static const char *section_title(const crier_lexicon *lex, int section)
{
    static const char *const KEY[] = {"headline", "body", "caption", "credit"};
    const crier_lex_row *r = crier_lex_find(lex, CRIER_TAB_CHAPTERS, KEY[section],
                                            strlen(KEY[section]));
    return r ? r->cols[1] : KEY[section];
}

/* The written text of a segment with its role's signpost before it. */
static char *with_signpost(const crier_lexicon *lex, crier_role role, const char *text)
{
    const char *name = crier_role_name(role);
    const crier_lex_row *r = crier_lex_find(lex, CRIER_TAB_SIGNPOSTS, name, strlen(name));
    crier_buf b = CRIER_BUF_INIT;
    if (r)
        crier_buf_printf(&b, "%s ", r->cols[1]);
    crier_buf_puts(&b, text);
    char *s = crier_buf_detach(&b);
    crier_buf_free(&b);
    return s;
}

static crier_status add_doc(builder *B, const crier_item *it, crier_error *err)
{
    const crier_doc *doc = it->doc;
    crier_plan *p = B->p;
    int section = -1;
    crier_status st = CRIER_OK;
    for (size_t i = 0; st == CRIER_OK && i < doc->n; i++) {
        crier_role role = crier_role_of(doc->segs[i].kind);
        int sec = section_of(role);
        if (it->sections && sec != section) {
            if (section < 0 && it->chapter)
                B->chapter = it->chapter;
            else
                B->chapter = sec == 0 && doc->title ? doc->title : section_title(B->lex, sec);
            section = sec;
        }
        char *text = with_signpost(B->lex, role, doc->segs[i].text);
        if (!text)
            return oom(err);
        const crier_role_voice *v = &p->prof.role[role];
        st = role == CRIER_ROLE_BODY
                 ? add_paragraph(B, text, err)
                 : add_text(B, text, role, v, v->pause_before, v->pause_after, err);
        p->segments++;
    }
    return st;
}

static crier_status add_item(builder *B, const crier_item *it, crier_error *err)
{
    crier_plan *p = B->p;
    size_t first = p->nunits;
    B->chapter = it->chapter;
    crier_status st;
    if (it->doc) {
        st = add_doc(B, it, err);
    } else if (!it->text && it->audio) {
        st = add_clip(B, it->audio, err);
    } else {
        crier_role role = CRIER_ROLE_LINK;
        if (it->role && crier_role_by_name(it->role, &role) < 0)
            return crier_fail(err, CRIER_ERR_ARG, NULL, 0, "unknown voice role '%s'", it->role);
        char *text = with_signpost(B->lex, role, it->text ? it->text : "");
        if (!text)
            return oom(err);
        const crier_role_voice *v = &p->prof.role[role];
        st = add_text(B, text, role, v, v->pause_before, v->pause_after, err);
    }
    if (st == CRIER_OK && p->nunits > first && it->pause_after > 0)
        p->units[p->nunits - 1].pause_after += ms_to_samples(p, it->pause_after);
    B->chapter = NULL;
    return st;
}

/* ==== Chunks, tags ======================================================= */

static int make_chunks(crier_plan *p)
{
    p->chunk = malloc((p->nunits + 1) * sizeof *p->chunk);
    if (!p->chunk)
        return -1;
    size_t acc = 0, min_pause = ms_to_samples(p, CHUNK_PAUSE_MS);
    p->nchunks = 0;
    p->chunk[0] = 0;
    for (size_t u = 0; u < p->nunits; u++) {
        /* A sound file counts as the text that would take as long. */
        acc += !p->units[u].clip ? p->units[u].b - p->units[u].a
               : p->rate > 0     ? p->units[u].samples * (CHUNK_BYTES / 35) / (size_t)p->rate
                                 : 0;
        size_t gap = p->units[u].pause_after +
                     (u + 1 < p->nunits ? p->units[u + 1].pause_before : 0);
        if (u + 1 == p->nunits || (acc >= CHUNK_BYTES && gap >= min_pause)) {
            p->chunk[++p->nchunks] = u + 1;
            acc = 0;
        }
    }
    return 0;
}

/* A byline without its "By " (byline.tsv rows that may start one), for
 * the artist tag: the name, not the sentence. */
static const char *byline_name(const crier_lexicon *lex, const char *byline)
{
    size_t n = crier_lex_count(lex, CRIER_TAB_BYLINE);
    for (size_t i = 0; byline && i < n; i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_BYLINE, i);
        size_t k = strlen(r->cols[0]);
        if ((r->flags & CRIER_BYLINE_PREFIX) && !strncasecmp(byline, r->cols[0], k) &&
            byline[k] == ' ' && byline[k + 1])
            return byline + k + 1;
    }
    return byline;
}

static int set_tags(crier_plan *p, const crier_item *items, size_t n, const crier_lexicon *lex,
                    const crier_tags *over)
{
    const crier_doc *d = NULL;
    for (size_t i = 0; i < n && !d; i++)
        d = items[i].doc;
    const char *v[5] = {NULL};
    if (d) {
        v[0] = d->title;
        v[1] = d->byline ? byline_name(lex, d->byline) : d->site;
        v[2] = d->site;
        v[3] = d->date;
    }
    if (over) {
        const char *o[5] = {over->title, over->artist, over->album, over->date, over->comment};
        for (int i = 0; i < 5; i++)
            if (o[i])
                v[i] = o[i];
    }
    char *s[5] = {NULL};
    for (int i = 0; i < 5; i++)
        if (v[i] && !(s[i] = strdup(v[i])))
            return -1;
    p->tags = (crier_tags){s[0], s[1], s[2], s[3], s[4]};
    return 0;
}

/* ==== Public (to the library) ============================================ */

crier_status crier_plan_build(const crier_item *items, size_t n, const crier_lexicon *lex,
                              const crier_speak_options *o, int rate, crier_plan **out,
                              crier_error *err)
{
    crier_plan *p = calloc(1, sizeof *p);
    if (!p)
        return oom(err);
    p->rate = p->mix_rate = rate;
    crier_status st = crier_voice_load(o->data_dir, o->voice, &p->prof, err);
    if (st == CRIER_OK)
        apply_overrides(&p->prof, o);
    if (st == CRIER_OK && rate > 0) /* rate 0: a script, no engine needed */
        st = check_voices(&p->prof, err);
    builder B = {p, lex, o->norm_flags | CRIER_NORM_PHONEMES, NULL, -1};
    if (!strcmp(p->prof.lang, "en-gb"))
        B.flags |= CRIER_NORM_GB;
    for (size_t i = 0; st == CRIER_OK && i < n; i++)
        st = add_item(&B, &items[i], err);
    if (st == CRIER_OK && (make_chunks(p) < 0 || set_tags(p, items, n, lex, o->tags) < 0))
        st = oom(err);
    if (st != CRIER_OK) {
        crier_plan_free(p);
        return st;
    }
    *out = p;
    return CRIER_OK;
}

void crier_plan_free(crier_plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->ntexts; i++) {
        free(p->texts[i].src);
        crier_spoken_free(p->texts[i].sp);
    }
    for (size_t i = 0; i < p->nchapters; i++)
        free(p->chapters[i].title);
    free((char *)p->tags.title);
    free((char *)p->tags.artist);
    free((char *)p->tags.album);
    free((char *)p->tags.date);
    free((char *)p->tags.comment);
    for (size_t i = 0; i < p->nclips; i++) {
        free(p->clips[i].path);
        free(p->clips[i].x);
    }
    free(p->clips);
    free(p->texts);
    free(p->units);
    free(p->chunk);
    free(p->chapters);
    free(p->sents);
    free(p->words);
    free(p);
}

int crier_plan_clip_rate(const crier_plan *p)
{
    int r = 0;
    for (size_t i = 0; i < p->nclips; i++)
        if (p->clips[i].rate > r)
            r = p->clips[i].rate;
    return r;
}

crier_status crier_plan_mix(crier_plan *p, int mix_rate, crier_error *err)
{
    p->mix_rate = mix_rate;
    for (size_t i = 0; i < p->nclips; i++) {
        plan_clip *c = &p->clips[i];
        if (!c->x)
            continue;
        if (c->rate != mix_rate) {
            float *y = resample_clip(c->x, &c->n, c->rate, mix_rate);
            if (!y)
                return oom(err);
            free(c->x);
            c->x = y;
            c->rate = mix_rate;
        }
        if (measure_clip(c) < 0)
            return oom(err);
    }
    return CRIER_OK;
}

char *crier_plan_unit_text(const crier_plan *p, size_t u)
{
    const plan_unit *x = &p->units[u];
    if (x->clip)
        return strdup("");
    const char *s = p->texts[x->text].sp->text;
    char *r = malloc(x->b - x->a + 1);
    if (r) {
        memcpy(r, s + x->a, x->b - x->a);
        r[x->b - x->a] = '\0';
    }
    return r;
}

crier_status crier_plan_script(const crier_plan *p, char **out, crier_error *err)
{
    crier_buf b = CRIER_BUF_INIT;
    for (size_t u = 0; u < p->nunits; u++) {
        const plan_unit *x = &p->units[u];
        if (x->clip)
            crier_buf_printf(&b, "audio\t%s\n", p->clips[x->clip - 1].path);
        else
            crier_buf_printf(&b, "%s\t%.*s\n", crier_role_name(x->role), (int)(x->b - x->a),
                             p->texts[x->text].sp->text + x->a);
    }
    char *s = crier_buf_detach(&b);
    crier_buf_free(&b);
    if (!s)
        return oom(err);
    *out = s;
    return CRIER_OK;
}

int crier_plan_add_sentence(crier_plan *p, size_t u, const plan_sentence *s,
                            const plan_word *w, size_t nw)
{
    plan_unit *x = &p->units[u];
    if (GROW(p, sents, nsents, capsents) < 0)
        return -1;
    while (p->nwords + nw > p->capwords)
        if (grow((void **)&p->words, &p->capwords, p->capwords, sizeof *p->words) < 0)
            return -1;
    if (!x->nsent)
        x->sent0 = p->nsents;
    x->nsent++;
    plan_sentence t = *s;
    t.word0 = p->nwords;
    t.nword = nw;
    p->sents[p->nsents++] = t;
    memcpy(p->words + p->nwords, w, nw * sizeof *w);
    p->nwords += nw;
    return 0;
}

size_t crier_plan_src_offset(const crier_plan *p, size_t u, size_t pos)
{
    const plan_unit *x = &p->units[u];
    const crier_spoken *sp = p->texts[x->text].sp;
    size_t at = x->a;
    for (size_t k = 0; at < x->b && k < pos; k++)
        for (at++; at < x->b && ((unsigned char)sp->text[at] & 0xc0) == 0x80; at++)
            ;
    /* The last span starting at or before `at`; between spans (a space),
     * the next one. */
    size_t lo = 0, hi = sp->nspans;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sp->spans[mid].out_off <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return sp->nspans ? sp->spans[0].src_off : 0;
    const crier_span *s = &sp->spans[lo - 1];
    if (at >= s->out_off + s->out_len && lo < sp->nspans)
        return sp->spans[lo].src_off;
    return s->src_off;
}

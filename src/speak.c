/* speak.c -- the pipeline's last mile: an article to an audio file.
 *
 * For each segment in listening order: pick the role's voice from the
 * profile, prefix a spoken signpost where a listener needs one ("Photo
 * caption."), normalize the text, synthesize it (synth.c), and frame it
 * with the role's silences. The samples are collected as floats and
 * written by audio.c. */
#include "audio.h"
#include "buf.h"
#include "doc.h"
#include "internal.h"
#include "lexicon.h"
#include "synth.h"
#include "voice.h"

#include <stdlib.h>
#include <string.h>

void crier_speak_options_init(crier_speak_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->pitch = -1;
    opts->quality = -1;
    opts->loudness = -16;
}

void crier_speak_result_free(crier_speak_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; i < result->nchapters; i++)
        free(result->chapters[i].title);
    free(result->chapters);
    result->chapters = NULL;
    result->nchapters = 0;
}

/* The growing audio of the whole article. */
typedef struct track {
    float *pcm;
    size_t n, cap;
    int oom;
} track;

static int track_grow(track *t, size_t extra)
{
    if (t->n + extra <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap : 1 << 16;
    while (cap < t->n + extra)
        cap *= 2;
    float *p = realloc(t->pcm, cap * sizeof *p);
    if (!p) {
        t->oom = 1;
        return -1;
    }
    t->pcm = p;
    t->cap = cap;
    return 0;
}

static int on_pcm(void *ud, const int16_t *pcm, size_t n)
{
    track *t = ud;
    if (track_grow(t, n) < 0)
        return 1;
    for (size_t i = 0; i < n; i++)
        t->pcm[t->n + i] = pcm[i] / 32768.0f;
    t->n += n;
    return 0;
}

static void silence(track *t, int ms, int rate)
{
    size_t n = (size_t)ms * (size_t)rate / 1000;
    if (n && track_grow(t, n) == 0) {
        memset(t->pcm + t->n, 0, n * sizeof *t->pcm);
        t->n += n;
    }
}

/* The text to speak for a segment: its signpost (from signposts.tsv, by
 * role name) followed by the written text. Caller frees. */
static char *with_signpost(const crier_lexicon *lex, crier_role role, const char *text)
{
    const char *name = crier_role_name(role);
    const crier_lex_row *r = crier_lex_find(lex, CRIER_TAB_SIGNPOSTS, name, strlen(name));
    size_t a = r ? strlen(r->cols[1]) + 1 : 0, b = strlen(text);
    char *s = malloc(a + b + 1);
    if (!s)
        return NULL;
    if (r) {
        memcpy(s, r->cols[1], a - 1);
        s[a - 1] = ' ';
    }
    memcpy(s + a, text, b + 1);
    return s;
}

/* The spoken text of segment i: signpost, then normalized text, on one
 * line, as the engine will receive it. */
static crier_status script_of(const crier_doc *doc, size_t i, const crier_lexicon *lex,
                              const crier_voice_profile *prof, const crier_speak_options *o,
                              crier_spoken **sp, crier_error *err)
{
    crier_role role = crier_role_of(doc->segs[i].kind);
    char *text = with_signpost(lex, role, doc->segs[i].text);
    if (!text)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    unsigned flags = o->norm_flags | CRIER_NORM_PHONEMES;
    if (strcmp(prof->lang, "en-gb") == 0)
        flags |= CRIER_NORM_GB;
    crier_status st = crier_normalize(lex, text, strlen(text), flags, sp, err);
    free(text);
    if (st != CRIER_OK)
        return st;
    /* One segment is one utterance: newlines inside it become spaces. */
    for (size_t k = 0; k < (*sp)->len; k++)
        if ((*sp)->text[k] == '\n')
            (*sp)->text[k] = ' ';
    return CRIER_OK;
}

/* Speaks segment i into the track. */
static crier_status speak_segment(const crier_doc *doc, size_t i, const crier_lexicon *lex,
                                  const crier_voice_profile *prof, const crier_speak_options *o,
                                  track *t, int rate, crier_error *err)
{
    crier_role_voice v = prof->role[crier_role_of(doc->segs[i].kind)];
    if (o->rate > 0)
        v.rate = o->rate;
    if (o->pitch >= 0)
        v.pitch = o->pitch;
    crier_spoken *sp = NULL;
    crier_status st = script_of(doc, i, lex, prof, o, &sp, err);
    if (st != CRIER_OK)
        return st;
    silence(t, v.pause_before, rate);
    crier_synth_sink sink = {t, on_pcm, NULL};
    st = crier_synth_segment(&v, sp->text, &sink, err);
    crier_spoken_free(sp);
    silence(t, v.pause_after, rate);
    if (st == CRIER_OK && t->oom)
        st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    return st;
}

crier_status crier_speak_script(const crier_doc *doc, const crier_lexicon *lex,
                                const crier_speak_options *opts, char **out, crier_error *err)
{
    crier_voice_profile prof;
    crier_status st = crier_voice_load(opts->data_dir, opts->voice, &prof, err);
    crier_buf b = CRIER_BUF_INIT;
    for (size_t i = 0; st == CRIER_OK && i < doc->n; i++) {
        crier_spoken *sp = NULL;
        st = script_of(doc, i, lex, &prof, opts, &sp, err);
        if (st == CRIER_OK)
            crier_buf_printf(&b, "%s\t%s\n", crier_role_name(crier_role_of(doc->segs[i].kind)),
                             sp->text);
        crier_spoken_free(sp);
    }
    char *s = st == CRIER_OK ? crier_buf_detach(&b) : NULL;
    crier_buf_free(&b);
    if (st == CRIER_OK && !s)
        st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    if (st == CRIER_OK)
        *out = s;
    return st;
}

/* Interim: items are spoken one after the other into memory; loudness,
 * captions and chapters arrive with the streaming pipeline. */
crier_status crier_speak_items(const crier_item *items, size_t n, const crier_lexicon *lex,
                               const crier_speak_options *opts, const char *path,
                               crier_speak_result *result, crier_error *err)
{
    crier_format fmt;
    if (opts->format ? crier_format_by_name(opts->format, &fmt) < 0
                     : crier_format_by_path(path, &fmt) < 0)
        return crier_fail(err, CRIER_ERR_ARG, path, 0,
                          "unknown audio format (use .wav, .flac or .ogg)");
    if (opts->captions_path || opts->chapters_path)
        return crier_fail(err, CRIER_ERR_ARG, path, 0, "captions and chapters: not yet");
    crier_voice_profile prof;
    crier_status st = crier_voice_load(opts->data_dir, opts->voice, &prof, err);
    int rate = 0;
    if (st == CRIER_OK)
        st = crier_synth_init(&rate, err);
    track t = {0};
    size_t nseg = 0;
    for (size_t k = 0; st == CRIER_OK && k < n; k++) {
        const crier_doc *doc = items[k].doc;
        if (!doc)
            continue;
        for (size_t i = 0; st == CRIER_OK && i < doc->n; i++, nseg++)
            st = speak_segment(doc, i, lex, &prof, opts, &t, rate, err);
    }
    const crier_doc *d0 = n ? items[0].doc : NULL;
    if (st == CRIER_OK) {
        crier_tags tags = {0};
        if (d0)
            tags = (crier_tags){d0->title, d0->byline ? d0->byline : d0->site, d0->site,
                                d0->date, NULL};
        st = crier_audio_write(path, fmt, t.pcm, t.n, rate, &tags, opts->quality, err);
    }
    if (st == CRIER_OK && result) {
        memset(result, 0, sizeof *result);
        result->seconds = (double)t.n / rate;
        result->sample_rate = rate;
        result->segments = nseg;
    }
    free(t.pcm);
    return st;
}

crier_status crier_speak(const crier_doc *doc, const crier_lexicon *lex,
                         const crier_speak_options *opts, const char *path,
                         crier_speak_result *result, crier_error *err)
{
    crier_item item = {doc, NULL, NULL, NULL, 1, 0};
    return crier_speak_items(&item, 1, lex, opts, path, result, err);
}

crier_status crier_speak_items_script(const crier_item *items, size_t n,
                                      const crier_lexicon *lex, const crier_speak_options *opts,
                                      char **out, crier_error *err)
{
    crier_buf b = CRIER_BUF_INIT;
    crier_status st = CRIER_OK;
    for (size_t k = 0; st == CRIER_OK && k < n; k++) {
        char *s = NULL;
        if (!items[k].doc)
            continue;
        st = crier_speak_script(items[k].doc, lex, opts, &s, err);
        if (st == CRIER_OK)
            crier_buf_puts(&b, s);
        free(s);
    }
    char *s = st == CRIER_OK ? crier_buf_detach(&b) : NULL;
    crier_buf_free(&b);
    if (st == CRIER_OK && !s)
        st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    if (st == CRIER_OK)
        *out = s;
    return st;
}

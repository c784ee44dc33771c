/* render.c -- the worker's side of speaking: one pass over one chunk.
 *
 * A chunk's audio is the concatenation, for each of its units, of the
 * unit's leading silence, the engine's samples and its trailing silence.
 * It streams through a chain of stages in blocks of at most 4096 samples;
 * nothing holds more than a block, whatever the chunk's length:
 *
 *   measure:   meter
 *   calibrate: limiter(gain a) -> meter a,  limiter(gain b) -> meter b
 *   render:    limiter(gain) -> meter, peak -> resampler -> MP3 encoder
 *                                                        or the parent
 *
 * The chain runs at the plan's mix rate. That is the engine's, unless the
 * program plays a sound file: then it is the output's, speech is brought
 * up to it by a resampler in front of the chain, and the final resampler
 * only copies. The measure pass needs no treble and runs at the engine's
 * rate throughout, a sound file counting there as silence.
 *
 * In the measure pass the engine's events are turned into sentences:
 * a sentence starts at its first word and ends where its voice ends,
 * found from the samples themselves (the engine's end-of-sentence event
 * comes after the sentence's trailing pause). */
#include "render.h"
#include "internal.h"
#include "loudness.h"
#include "resample.h"
#include "synth.h"
#include "workers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { BLOCK = 4096, PCM_RECORD = 8192 };

/* A sample louder than this (about -34 dBFS) is voice, not pause. */
#define VOICE_LEVEL 0.02f

/* The engine's events for the unit being measured. */
typedef struct events {
    size_t frame;            /* samples per 10 ms frame */
    unsigned char *loud;     /* per frame: was any sample voice? */
    size_t nframes, capframes;
    size_t samples;          /* samples of the unit so far */
    plan_sentence *s;        /* sentences (word0/nword index `w`) */
    size_t ns, caps;
    plan_word *w;
    size_t nw, capw;
    size_t last_pos;
    int open;                /* a sentence is open */
} events;

typedef struct chain {
    const crier_chunk_job *r;
    int fd;
    crier_limiter *lim[2];
    crier_meter *meter[2];
    crier_peak peak, dec_peak;
    crier_resampler *rs;
    crier_resampler *up;     /* speech to the mix rate, when it differs */
    crier_mp3 *mp3;
    float *a, *b;            /* scratch, `cap` samples each */
    float *u;                /* the up resampler's output */
    size_t cap;
    float pcm[PCM_RECORD];   /* samples on their way to the parent */
    size_t npcm;
    crier_chunk_stats stats;
    events ev;
    FILE *cache;             /* measure: speech kept for later; else read */
    char cache_path[1024];
    int broken;              /* the pipe or a stage failed */
} chain;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* ==== Sinks ============================================================== */

static void send_pcm(chain *c, const float *x, size_t n)
{
    c->stats.out_samples += n;
    if (c->mp3) {
        c->broken |= crier_mp3_write(c->mp3, x, n) < 0;
        return;
    }
    while (n && crier_fill_block(c->pcm, &c->npcm, PCM_RECORD, &x, &n)) {
        c->broken |= crier_record(c->fd, REC_PCM, c->pcm, c->npcm * sizeof *x) < 0;
        c->npcm = 0;
    }
}

static void send_blocks(chain *c)
{
    for (int m = 0; m < 2; m++) {
        if (!c->meter[m])
            continue;
        size_t n;
        const double *e = crier_meter_take(c->meter[m], &n);
        if (!n)
            continue;
        char *rec = malloc(1 + n * sizeof *e);
        if (!rec) {
            c->broken = 1;
            return;
        }
        rec[0] = (char)m;
        memcpy(rec + 1, e, n * sizeof *e);
        c->broken |= crier_record(c->fd, REC_BLOCKS, rec, 1 + n * sizeof *e) < 0;
        free(rec);
    }
}

/* After the limiter: loudness, true peak, resampling, encoding. */
static void finish_block(chain *c, const float *y, size_t n)
{
    if (!n)
        return;
    if (!crier_format_lossy(c->r->fmt)) { /* lossy files are measured decoded */
        c->broken |= crier_meter_add(c->meter[0], y, n) < 0;
        crier_peak_add(&c->peak, y, n);
    }
    size_t k = crier_resampler_process(c->rs, y, n, c->b);
    if (k == (size_t)-1)
        c->broken = 1;
    else
        send_pcm(c, c->b, k);
}

/* Takes a block of the chunk's audio at the mix rate. */
static void push_mix(chain *c, const float *x, size_t n)
{
    const crier_chunk_job *r = c->r;
    switch (r->pass) {
    case CRIER_PASS_MEASURE:
        c->broken |= crier_meter_add(c->meter[0], x, n) < 0;
        for (size_t i = 0; i < n; i++)
            if (fabsf(x[i]) > c->stats.peak)
                c->stats.peak = fabsf(x[i]);
        break;
    case CRIER_PASS_CALIBRATE:
        for (int j = 0; j < 2; j++) {
            size_t k = crier_limiter_process(c->lim[j], x, n, c->a);
            c->broken |= crier_meter_add(c->meter[j], c->a, k) < 0;
        }
        break;
    case CRIER_PASS_RENDER:
        if (c->lim[0])
            finish_block(c, c->a, crier_limiter_process(c->lim[0], x, n, c->a));
        else
            finish_block(c, x, n);
        break;
    }
}

/* Takes a block of the chunk's audio at the engine rate. */
static void push(chain *c, const float *x, size_t n)
{
    if (!c->up) {
        push_mix(c, x, n);
        return;
    }
    size_t k = crier_resampler_process(c->up, x, n, c->u);
    if (k == (size_t)-1)
        c->broken = 1;
    else
        push_mix(c, c->u, k);
}

/* Ends the speech resampler's stream, so that what it holds comes out
 * before a sound file does, and starts a new one for the speech after. */
static void flush_up(chain *c, int restart)
{
    if (!c->up)
        return;
    size_t k = crier_resampler_flush(c->up, c->u);
    if (k == (size_t)-1)
        c->broken = 1;
    else
        push_mix(c, c->u, k);
    if (!restart)
        return;
    const crier_plan *p = c->r->plan;
    crier_resampler_free(c->up);
    if (!(c->up = crier_resampler_new(p->rate, p->mix_rate)))
        c->broken = 1;
}

static void push_silence(chain *c, size_t n)
{
    float z[BLOCK] = {0};
    while (n) {
        size_t k = n < BLOCK ? n : BLOCK;
        push(c, z, k);
        n -= k;
    }
}

/* ==== Events ============================================================= */

static void close_sentence(events *e, size_t end)
{
    if (!e->open)
        return;
    e->open = 0;
    plan_sentence *s = &e->s[e->ns - 1];
    s->end = end > s->start ? end : s->start;
    s->nword = e->nw - s->word0;
}

static int open_sentence(events *e, size_t sample)
{
    close_sentence(e, sample);
    if (grow((void **)&e->s, &e->caps, e->ns + 1, sizeof *e->s) < 0)
        return -1;
    e->s[e->ns++] = (plan_sentence){sample, sample, e->nw, 0};
    e->open = 1;
    return 0;
}

static void on_event(void *ud, crier_synth_ev type, size_t sample, size_t pos)
{
    chain *c = ud;
    events *e = &c->ev;
    if (type == CRIER_EV_SENTENCE) {
        c->broken |= open_sentence(e, sample) < 0;
    } else if (type == CRIER_EV_WORD) {
        /* The engine sometimes repeats an old position at the end of a
         * clause; only words moving forward are words. */
        if (e->nw && pos < e->last_pos && e->open)
            return;
        if (!e->open && open_sentence(e, sample) < 0) {
            c->broken = 1;
            return;
        }
        if (grow((void **)&e->w, &e->capw, e->nw + 1, sizeof *e->w) < 0) {
            c->broken = 1;
            return;
        }
        if (e->nw == e->s[e->ns - 1].word0)
            e->s[e->ns - 1].start = sample;
        e->w[e->nw++] = (plan_word){sample, pos};
        e->last_pos = pos;
    } else if (type == CRIER_EV_END && e->open) {
        e->s[e->ns - 1].end = sample;
    }
}

/* Marks which 10 ms frames hold voice. */
static void track_voice(events *e, const int16_t *pcm, size_t n)
{
    for (size_t i = 0; i < n; i++, e->samples++) {
        size_t f = e->samples / e->frame;
        if (f >= e->nframes) {
            if (grow((void **)&e->loud, &e->capframes, f + 1, 1) < 0)
                return;
            memset(e->loud + e->nframes, 0, f + 1 - e->nframes);
            e->nframes = f + 1;
        }
        if (pcm[i] > VOICE_LEVEL * 32768 || pcm[i] < -VOICE_LEVEL * 32768)
            e->loud[f] = 1;
    }
}

/* Moves a sentence's end back from the engine's END event (which comes
 * after the pause) to the end of the last frame with voice. */
static size_t voice_end(const events *e, const plan_sentence *s)
{
    size_t end = s->end > e->samples ? e->samples : s->end;
    for (size_t f = (end + e->frame - 1) / e->frame; f > 0; f--) {
        size_t at = f * e->frame;
        if (at <= s->start)
            break;
        if (f - 1 < e->nframes && e->loud[f - 1])
            return at < end ? at : end;
    }
    return end;
}

/* Sends the unit's sentences and length; resets the event state. */
static void send_unit(chain *c, size_t u)
{
    events *e = &c->ev;
    close_sentence(e, e->samples);
    for (size_t i = 0; i < e->ns && !c->broken; i++) {
        plan_sentence s = e->s[i];
        s.end = voice_end(e, &s);
        size_t len = 8 + sizeof s + s.nword * sizeof(plan_word);
        char *rec = malloc(len);
        if (!rec) {
            c->broken = 1;
            break;
        }
        uint64_t uu = u;
        memcpy(rec, &uu, 8);
        memcpy(rec + 8, &s, sizeof s);
        memcpy(rec + 8 + sizeof s, e->w + s.word0, s.nword * sizeof(plan_word));
        c->broken |= crier_record(c->fd, REC_SENTENCE, rec, len) < 0;
        free(rec);
    }
    uint64_t rec[2] = {u, e->samples};
    c->broken |= crier_record(c->fd, REC_UNIT, rec, sizeof rec) < 0;
    e->ns = e->nw = e->samples = e->nframes = e->last_pos = 0;
    e->open = 0;
}

/* ==== Synthesis ========================================================== */

static int on_pcm(void *ud, const int16_t *pcm, size_t n)
{
    chain *c = ud;
    float x[BLOCK];
    if (c->r->pass == CRIER_PASS_MEASURE)
        track_voice(&c->ev, pcm, n);
    /* A cache that cannot be written is dropped, not an error. */
    if (c->cache && c->r->pass == CRIER_PASS_MEASURE &&
        fwrite(pcm, sizeof *pcm, n, c->cache) != n) {
        fclose(c->cache);
        c->cache = NULL;
        unlink(c->cache_path);
    }
    while (n && !c->broken) {
        size_t k = n < BLOCK ? n : BLOCK;
        for (size_t i = 0; i < k; i++)
            x[i] = pcm[i] / 32768.0f;
        push(c, x, k);
        pcm += k;
        n -= k;
    }
    return c->broken;
}

/* A sound file's unit: its samples at its gain, through the same chain as
 * speech (meter, limiter, resampler), already at the mix rate. The first
 * pass measures the speech alone, which the clip's gain is then set from
 * (speak.c), so there it is silence of the same length. It has no words
 * to report, and is not cached: the plan holds it already. */
static crier_status play_clip(chain *c, const plan_unit *x, crier_error *err)
{
    const plan_clip *clip = &c->r->plan->clips[x->clip - 1];
    push_silence(c, x->pause_before);
    if (c->r->pass == CRIER_PASS_MEASURE)
        push_silence(c, x->samples);
    else
        flush_up(c, 1); /* the pause's silence ends the speech before it */
    for (size_t at = 0; c->r->pass != CRIER_PASS_MEASURE && at < clip->n && !c->broken;
         at += BLOCK) {
        float y[BLOCK];
        size_t k = clip->n - at < BLOCK ? clip->n - at : BLOCK;
        for (size_t i = 0; i < k; i++)
            y[i] = clip->x[at + i] * clip->gain;
        push_mix(c, y, k);
    }
    if (c->broken)
        return crier_fail(err, CRIER_ERR_AUDIO, NULL, 0, "audio processing failed");
    push_silence(c, x->pause_after);
    send_blocks(c);
    return CRIER_OK;
}

static crier_status speak_unit(chain *c, size_t u, crier_error *err)
{
    const crier_plan *p = c->r->plan;
    const plan_unit *x = &p->units[u];
    if (x->clip)
        return play_clip(c, x, err);
    char *text = crier_plan_unit_text(p, u);
    if (!text)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    push_silence(c, x->pause_before);
    crier_status st = CRIER_OK;
    if (c->cache && c->r->pass != CRIER_PASS_MEASURE) {
        int16_t pcm[BLOCK];
        for (size_t left = x->samples, k; left && !c->broken; left -= k) {
            k = left < BLOCK ? left : BLOCK;
            if (fread(pcm, sizeof *pcm, k, c->cache) != k)
                st = crier_fail(err, CRIER_ERR_IO, c->cache_path, 0, "cache cut short");
            else
                on_pcm(c, pcm, k);
            if (st != CRIER_OK)
                break;
        }
    } else {
        crier_synth_sink sink = {c, on_pcm, c->r->pass == CRIER_PASS_MEASURE ? on_event : NULL};
        st = crier_synth_segment(&x->voice, text, &sink, err);
    }
    free(text);
    if (c->broken)
        return crier_fail(err, CRIER_ERR_AUDIO, NULL, 0, "audio processing failed");
    if (st == CRIER_OK && c->r->pass == CRIER_PASS_MEASURE)
        send_unit(c, u);
    push_silence(c, x->pause_after);
    send_blocks(c);
    return st;
}

/* ==== Setup and the end of a chunk ======================================= */

static int chain_init(chain *c, const crier_chunk_job *r, int fd)
{
    const crier_plan *p = r->plan;
    memset(c, 0, sizeof *c);
    c->r = r;
    c->fd = fd;
    c->ev.frame = (size_t)p->rate / 100;
    int mix = r->pass == CRIER_PASS_MEASURE ? p->rate : p->mix_rate;
    if (mix != p->rate && !(c->up = crier_resampler_new(p->rate, mix)))
        return -1;
    int meters = r->pass == CRIER_PASS_CALIBRATE ? 2 : 1;
    for (int m = 0; m < meters; m++)
        if (!(c->meter[m] = crier_meter_new(mix)))
            return -1;
    int lims = r->pass == CRIER_PASS_CALIBRATE ? 2 : r->pass == CRIER_PASS_RENDER && r->limit;
    for (int j = 0; j < lims; j++)
        if (!(c->lim[j] = crier_limiter_new(mix, r->gain[j], r->ceiling)))
            return -1;
    crier_peak_init(&c->peak);
    crier_peak_init(&c->dec_peak);
    if (r->pass == CRIER_PASS_RENDER) {
        if (!(c->rs = crier_resampler_new(mix, r->out_rate)))
            return -1;
        if (r->fmt == CRIER_FMT_MP3 && (!(c->mp3 = crier_mp3_new(r->out_rate, r->kbps)) ||
                                        !(c->meter[1] = crier_meter_new(r->out_rate))))
            return -1;
    }
    c->cap = 65536 + (size_t)(BLOCK * ((double)r->out_rate / p->rate + 1));
    c->a = malloc(c->cap * sizeof *c->a);
    c->b = malloc(c->cap * sizeof *c->b);
    if (c->up && !(c->u = malloc((crier_resampler_max_out(c->up, BLOCK) +
                                  crier_resampler_max_out(c->up, 0)) * sizeof *c->u)))
        return -1;
    return c->a && c->b ? 0 : -1;
}

void crier_chunk_cache_path(const crier_chunk_job *r, size_t c, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/chunk%06zu.pcm", r->cache ? r->cache : ".", c);
}

/* Opens the chunk's cache: for writing in the measure pass; later, for
 * reading, only when it holds exactly the chunk's speech. */
static void cache_open(chain *c, size_t chunk)
{
    const crier_chunk_job *r = c->r;
    if (!r->cache)
        return;
    crier_chunk_cache_path(r, chunk, c->cache_path, sizeof c->cache_path);
    if (r->pass == CRIER_PASS_MEASURE) {
        c->cache = fopen(c->cache_path, "wb");
        return;
    }
    size_t want = 0;
    for (size_t u = r->plan->chunk[chunk]; u < r->plan->chunk[chunk + 1]; u++)
        if (!r->plan->units[u].clip) /* sound files are not cached */
            want += r->plan->units[u].samples * sizeof(int16_t);
    struct stat st;
    c->cache = fopen(c->cache_path, "rb");
    if (c->cache && (fstat(fileno(c->cache), &st) < 0 || (size_t)st.st_size != want)) {
        fclose(c->cache);
        c->cache = NULL;
    }
}

static void chain_free(chain *c)
{
    if (c->cache && fclose(c->cache) != 0 && c->r->pass == CRIER_PASS_MEASURE)
        unlink(c->cache_path); /* a short cache is no cache */
    for (int j = 0; j < 2; j++) {
        crier_limiter_free(c->lim[j]);
        crier_meter_free(c->meter[j]);
    }
    crier_resampler_free(c->rs);
    crier_resampler_free(c->up);
    free(c->u);
    crier_mp3_free(c->mp3);
    free(c->a);
    free(c->b);
    free(c->ev.loud);
    free(c->ev.s);
    free(c->ev.w);
}

/* The quality check: what a player will hear of the chunk's MP3. */
static int on_decoded(void *ud, const float *x, size_t n)
{
    chain *c = ud;
    c->broken |= crier_meter_add(c->meter[1], x, n) < 0;
    crier_peak_add(&c->dec_peak, x, n);
    return 0;
}

/* Drains the limiters and the resampler, ends the encoder and sends
 * what is left. */
static void chain_end(chain *c)
{
    const crier_chunk_job *r = c->r;
    flush_up(c, 0);
    if (r->pass == CRIER_PASS_CALIBRATE)
        for (int j = 0; j < 2; j++) {
            size_t k = crier_limiter_flush(c->lim[j], c->a);
            c->broken |= crier_meter_add(c->meter[j], c->a, k) < 0;
        }
    if (r->pass == CRIER_PASS_RENDER) {
        if (c->lim[0])
            finish_block(c, c->a, crier_limiter_flush(c->lim[0], c->a));
        size_t k = crier_resampler_flush(c->rs, c->b);
        if (k == (size_t)-1)
            c->broken = 1;
        else
            send_pcm(c, c->b, k);
        if (c->npcm)
            c->broken |= crier_record(c->fd, REC_PCM, c->pcm, c->npcm * sizeof(float)) < 0;
        if (c->mp3 && !c->broken) {
            /* Decoded first, sent after: the worker's work is all done
             * before it can block on a pipe that the parent reads only
             * when this chunk's turn comes. */
            c->broken |= crier_mp3_finish(c->mp3) < 0;
            c->stats.decoded = crier_mp3_decoded(c->mp3);
            c->broken |= crier_mp3_decode(c->mp3, on_decoded, c) < 0;
            double dtp = crier_peak_db(&c->dec_peak);
            c->stats.dec_peak = isfinite(dtp) ? pow(10, dtp / 20) : 0;
            size_t n;
            const unsigned char *m = crier_mp3_bytes(c->mp3, &n);
            for (size_t at = 0; at < n && !c->broken; at += 65536)
                c->broken |= crier_record(c->fd, REC_MP3, m + at,
                                          n - at < 65536 ? n - at : 65536) < 0;
        }
        double tp = crier_peak_db(&c->peak);
        c->stats.peak = isfinite(tp) ? pow(10, tp / 20) : 0;
        send_blocks(c);
        c->broken |= crier_record(c->fd, REC_STATS, &c->stats, sizeof c->stats) < 0;
    } else {
        send_blocks(c);
        if (r->pass == CRIER_PASS_MEASURE) /* the raw sample peak */
            c->broken |= crier_record(c->fd, REC_STATS, &c->stats, sizeof c->stats) < 0;
    }
}

crier_status crier_render_chunk(const crier_chunk_job *r, size_t chunk, int fd, crier_error *err)
{
    chain c;
    crier_status st = CRIER_OK;
    if (chain_init(&c, r, fd) < 0)
        st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    else
        cache_open(&c, chunk);
    const crier_plan *p = r->plan;
    for (size_t u = p->chunk[chunk]; st == CRIER_OK && u < p->chunk[chunk + 1]; u++)
        st = speak_unit(&c, u, err);
    if (st == CRIER_OK)
        chain_end(&c);
    if (st == CRIER_OK && c.broken)
        st = crier_fail(err, CRIER_ERR_AUDIO, NULL, 0, "audio processing failed");
    chain_free(&c);
    return st;
}

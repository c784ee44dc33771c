/* loudness.c -- audio stage: loudness meter and gate (libebur128), and a
 * look-ahead true-peak limiter.
 *
 * Why a limiter at all: eSpeak NG speaks at about -21 LUFS with peaks
 * 20 dB above its loudness, so plain gain to -16 LUFS puts the true peak
 * near +4 dBTP, far over the -1 dBTP podcast ceiling (AUDIO-FACTS.md E).
 *
 * The limiter works on the samples as they stream past; it never needs
 * the whole program:
 *
 *   x (gained) --> true-peak detector p[k] (4x interpolation between
 *                  samples, so peaks that fall between samples count)
 *              --> needed gain r[k] = min(1, ceiling / p[k])
 *              --> minimum over the next L samples (look-ahead, 5 ms)
 *              --> release: the gain recovers with an 80 ms time constant
 *              --> moving average over L samples (a smooth attack)
 *              --> y[k] = x[k] * h[k]
 *
 * The moving average of L look-ahead minima is never above r[k]: each of
 * the L minima it averages covers sample k. So every sample, and (up to
 * the small change of h within the interpolation window) every point
 * between samples, stays under the ceiling without clipping. */
#include "loudness.h"

#include <ebur128.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ==== Interpolation ====================================================== */

/* The 4x interpolator: three fractional positions between x[n] and
 * x[n+1], each from 16 taps x[n-7] .. x[n+8] of a Blackman-windowed sinc,
 * normalized to unit gain at DC. */
enum { TAPS = 16, TAPS_BEFORE = 7, TAPS_AFTER = 8, PHASES = 3, HIST = TAPS - 1, SPAN = 256 };

static void interp_coefs(float c[PHASES][TAPS])
{
    const double half = TAPS / 2 + 0.5, pi = 3.14159265358979323846;
    for (int f = 0; f < PHASES; f++) {
        double frac = (f + 1) / 4.0, sum = 0;
        for (int j = 0; j < TAPS; j++) {
            double t = frac - (j - TAPS_BEFORE);
            double sinc = sin(pi * t) / (pi * t);
            double w = 0.42 + 0.5 * cos(pi * t / half) + 0.08 * cos(2 * pi * t / half);
            c[f][j] = (float)(sinc * w);
            sum += sinc * w;
        }
        for (int j = 0; j < TAPS; j++)
            c[f][j] = (float)(c[f][j] / sum);
    }
}

/* Peaks of a block: p[i] is the largest magnitude at sample i of the
 * block and between it and the next, which needs TAPS_BEFORE samples
 * before the block and TAPS_AFTER after it. `x` points at the first
 * sample of the window of p[0] (TAPS_BEFORE before it). The loops run
 * over samples innermost, so the compiler can vectorize them. */
static void block_peaks(const float *c, const float *x, size_t m, float *p)
{
    float acc[PHASES][SPAN];
    for (int f = 0; f < PHASES; f++) {
        for (size_t i = 0; i < m; i++)
            acc[f][i] = 0;
        for (int j = 0; j < TAPS; j++) {
            const float cj = c[f * TAPS + j], *xj = x + j;
            for (size_t i = 0; i < m; i++)
                acc[f][i] += cj * xj[i];
        }
    }
    for (size_t i = 0; i < m; i++) {
        float v = fabsf(x[TAPS_BEFORE + i]);
        for (int f = 0; f < PHASES; f++)
            v = fabsf(acc[f][i]) > v ? fabsf(acc[f][i]) : v;
        p[i] = v;
    }
}

/* ==== Meter ============================================================== */

struct crier_meter {
    ebur128_state *st;
    size_t block;      /* samples per 100 ms, as libebur128 counts them */
    size_t fill;       /* samples fed into the current 100 ms */
    size_t blocks;     /* 100 ms steps completed */
    double *e;
    size_t ne, cap;
};

crier_meter *crier_meter_new(int rate)
{
    crier_meter *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->st = ebur128_init(1, (unsigned long)rate, EBUR128_MODE_M);
    m->block = ((size_t)rate + 5) / 10;
    if (!m->st) {
        free(m);
        return NULL;
    }
    return m;
}

void crier_meter_free(crier_meter *m)
{
    if (!m)
        return;
    if (m->st)
        ebur128_destroy(&m->st);
    free(m->e);
    free(m);
}

/* One more 100 ms step: the momentary loudness is the loudness of the
 * last 400 ms, which is exactly a BS.1770 gating block. The first three
 * steps do not yet cover 400 ms; libebur128 skips them too. */
static int meter_step(crier_meter *m)
{
    if (++m->blocks < 4)
        return 0;
    double lufs;
    if (ebur128_loudness_momentary(m->st, &lufs) != EBUR128_SUCCESS)
        return -1;
    if (m->ne == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        double *e = realloc(m->e, cap * sizeof *e);
        if (!e)
            return -1;
        m->e = e;
        m->cap = cap;
    }
    m->e[m->ne++] = isfinite(lufs) ? pow(10, (lufs + 0.691) / 10) : 0;
    return 0;
}

int crier_meter_add(crier_meter *m, const float *x, size_t n)
{
    while (n) {
        size_t k = m->block - m->fill;
        if (k > n)
            k = n;
        if (ebur128_add_frames_float(m->st, x, k) != EBUR128_SUCCESS)
            return -1;
        x += k;
        n -= k;
        m->fill += k;
        if (m->fill == m->block) {
            m->fill = 0;
            if (meter_step(m) < 0)
                return -1;
        }
    }
    return 0;
}

const double *crier_meter_take(crier_meter *m, size_t *n)
{
    *n = m->ne;
    m->ne = 0;
    return m->e;
}

/* ==== Gate =============================================================== */

/* Blocks are binned by loudness in 0.01 LU steps from -70 to +10 LUFS;
 * each bin keeps the exact sum of its energies, so only the relative gate
 * threshold is rounded, by at most 0.01 LU. */
enum { GATE_BINS = 8000 };
#define GATE_FLOOR (-70.0)

struct crier_gate {
    double sum[GATE_BINS];
    unsigned long long count[GATE_BINS];
};

crier_gate *crier_gate_new(void) { return calloc(1, sizeof(crier_gate)); }
void crier_gate_free(crier_gate *g) { free(g); }

static double to_lufs(double energy) { return -0.691 + 10 * log10(energy); }

void crier_gate_add(crier_gate *g, double energy)
{
    if (!(energy > 0))
        return;
    double l = to_lufs(energy);
    if (l < GATE_FLOOR) /* the absolute gate */
        return;
    long bin = lround(floor((l - GATE_FLOOR) * 100));
    if (bin >= GATE_BINS)
        bin = GATE_BINS - 1;
    g->sum[bin] += energy;
    g->count[bin]++;
}

double crier_gate_loudness(const crier_gate *g)
{
    double sum = 0;
    unsigned long long n = 0;
    for (int i = 0; i < GATE_BINS; i++) {
        sum += g->sum[i];
        n += g->count[i];
    }
    if (!n)
        return -HUGE_VAL;
    /* The relative gate: 10 LU below the loudness of the blocks above the
     * absolute gate. */
    double rel = to_lufs(sum / (double)n) - 10;
    sum = 0;
    n = 0;
    for (int i = 0; i < GATE_BINS; i++)
        if (GATE_FLOOR + (i + 0.5) / 100 >= rel) {
            sum += g->sum[i];
            n += g->count[i];
        }
    return n ? to_lufs(sum / (double)n) : -HUGE_VAL;
}

/* ==== Limiter ============================================================ */

struct crier_limiter {
    float coef[PHASES][TAPS];
    float gain, ceiling;
    double release;     /* per-sample recovery factor */
    size_t look;        /* L */
    size_t delay;       /* TAPS_AFTER + L + TAPS_BEFORE */
    float *x;           /* ring of gained input, mask+1 samples, until
                           it goes out */
    float w[HIST + SPAN];/* the detector's window: HIST samples of history,
                           then the block being detected */
    size_t mask;
    size_t nin, nout;   /* samples received, samples handed back */
    size_t end;         /* while flushing: the real input count */
    /* Monotonic deque of (index, needed gain) for the look-ahead minimum. */
    size_t *dq_i;
    float *dq_r;
    size_t dq_head, dq_len, dq_mask;
    /* Moving average of the released gain. */
    float *box;
    size_t box_pos;
    double box_sum;
    double env;         /* released gain */
};

crier_limiter *crier_limiter_new(int rate, double gain_db, double ceiling_db)
{
    crier_limiter *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    interp_coefs(l->coef);
    l->gain = (float)pow(10, gain_db / 20);
    l->ceiling = (float)pow(10, ceiling_db / 20);
    l->release = 1 - exp(-1.0 / (0.080 * rate));
    l->look = (size_t)(0.005 * rate) + 1;
    l->delay = TAPS_AFTER + l->look + TAPS_BEFORE;
    size_t ring = 64;
    while (ring < l->delay + SPAN + TAPS)
        ring *= 2;
    l->mask = ring - 1;
    l->x = calloc(ring, sizeof *l->x);
    size_t dq = 8;
    while (dq < l->look + TAPS + 2)
        dq *= 2;
    l->dq_mask = dq - 1;
    l->dq_i = malloc(dq * sizeof *l->dq_i);
    l->dq_r = malloc(dq * sizeof *l->dq_r);
    l->box = malloc(l->look * sizeof *l->box);
    if (!l->x || !l->dq_i || !l->dq_r || !l->box) {
        crier_limiter_free(l);
        return NULL;
    }
    for (size_t i = 0; i < l->look; i++)
        l->box[i] = 1;
    l->box_sum = (double)l->look;
    l->env = 1;
    l->end = (size_t)-1;
    return l;
}

void crier_limiter_free(crier_limiter *l)
{
    if (!l)
        return;
    free(l->x);
    free(l->dq_i);
    free(l->dq_r);
    free(l->box);
    free(l);
}

size_t crier_limiter_delay(const crier_limiter *l) { return l->delay; }

/* Pushes r[k] into the look-ahead deque. */
static void dq_push(crier_limiter *l, size_t k, float r)
{
    while (l->dq_len && l->dq_r[(l->dq_head + l->dq_len - 1) & l->dq_mask] >= r)
        l->dq_len--;
    size_t slot = (l->dq_head + l->dq_len) & l->dq_mask;
    l->dq_i[slot] = k;
    l->dq_r[slot] = r;
    l->dq_len++;
}

/* The minimum of r over [k, k+L-1], all of which have been pushed. */
static float dq_min_from(crier_limiter *l, size_t k)
{
    while (l->dq_i[l->dq_head] < k) {
        l->dq_head = (l->dq_head + 1) & l->dq_mask;
        l->dq_len--;
    }
    return l->dq_r[l->dq_head];
}

/* Takes the peak p of sample k; emits y[i] for i = k - L - 7 when ready.
 * The minimum for sample i spans [i - 8, i + L + 7]: the look-ahead plus
 * the interpolator's reach on both sides, so that the averaged gain h[i]
 * stays under the needed gain of every sample whose interpolation window
 * includes i, and the gain cannot rise or fall fast enough inside one
 * window to push an interpolated peak over the ceiling. */
static int step(crier_limiter *l, size_t k, float p, float *out)
{
    dq_push(l, k, p > l->ceiling ? l->ceiling / p : 1);
    if (k < l->look + TAPS_BEFORE)
        return 0;
    size_t i = k - l->look - TAPS_BEFORE;
    float m = dq_min_from(l, i >= TAPS_AFTER ? i - TAPS_AFTER : 0);
    if (i == 0) {
        /* Before the first sample the average has nothing to go on: take
         * the first minimum, which covers the start, as its history. */
        for (size_t j = 0; j < l->look; j++)
            l->box[j] = m;
        l->box_sum = (double)m * (double)l->look;
        l->env = m;
    }
    l->env = m <= l->env ? m : l->env + (m - l->env) * l->release;
    float e = (float)l->env;
    l->box_sum += (double)e - l->box[l->box_pos];
    l->box[l->box_pos] = e;
    if (++l->box_pos == l->look)
        l->box_pos = 0;
    if (i >= l->end)
        return 0;
    float h = (float)(l->box_sum / (double)l->look);
    if (h > 1)
        h = 1;
    *out = l->x[i & l->mask] * h;
    l->nout++;
    return 1;
}

/* Takes up to SPAN samples (NULL: zeros, for the flush). */
static size_t block(crier_limiter *l, const float *in, size_t m, float *out)
{
    for (size_t i = 0; i < m; i++) {
        float g = in ? in[i] * l->gain : 0;
        l->w[HIST + i] = g;
        l->x[(l->nin + i) & l->mask] = g;
    }
    float p[SPAN];
    block_peaks(&l->coef[0][0], l->w, m, p);
    memmove(l->w, l->w + m, HIST * sizeof *l->w);
    size_t k = 0;
    for (size_t i = 0; i < m; i++)
        if (l->nin + i >= TAPS_AFTER)
            k += (size_t)step(l, l->nin + i - TAPS_AFTER, p[i], out + k);
    l->nin += m;
    return k;
}

size_t crier_limiter_process(crier_limiter *l, const float *in, size_t n, float *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i += SPAN)
        k += block(l, in + i, n - i < SPAN ? n - i : SPAN, out + k);
    return k;
}

size_t crier_limiter_flush(crier_limiter *l, float *out)
{
    l->end = l->nin;
    size_t k = 0;
    for (size_t i = 0; i < l->delay; i += SPAN)
        k += block(l, NULL, l->delay - i < SPAN ? l->delay - i : SPAN, out + k);
    return k;
}

/* ==== True-peak meter ==================================================== */

void crier_peak_init(crier_peak *p)
{
    memset(p, 0, sizeof *p);
    interp_coefs(p->coef);
}

void crier_peak_add(crier_peak *p, const float *x, size_t n)
{
    float pk[SPAN];
    while (n) {
        size_t m = n < SPAN ? n : SPAN;
        memcpy(p->w + HIST, x, m * sizeof *x);
        block_peaks(&p->coef[0][0], p->w, m, pk);
        memmove(p->w, p->w + m, HIST * sizeof *x);
        for (size_t i = 0; i < m; i++)
            if (pk[i] > p->peak)
                p->peak = pk[i];
        x += m;
        n -= m;
    }
}

double crier_peak_db(crier_peak *p)
{
    float zeros[TAPS_AFTER] = {0};
    crier_peak_add(p, zeros, TAPS_AFTER);
    return p->peak > 0 ? 20 * log10(p->peak) : -HUGE_VAL;
}

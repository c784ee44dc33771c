/* resample.c -- audio stage: sample-rate conversion with libsoxr.
 *
 * soxr's "high quality" recipe (20-bit precision, a passband to 91% of
 * Nyquist) is far beyond what synthetic speech needs and still costs less
 * than a tenth of MP3 encoding, so there is no reason to pick a lesser one.
 * The flush at the end of a stream drains the filter so that a chunk of n
 * input samples always gives round(n * out / in) output samples. */
#include "resample.h"

#include <soxr.h>
#include <stdlib.h>
#include <string.h>

struct crier_resampler {
    soxr_t soxr;         /* NULL when the rates are equal */
    double ratio;
    size_t in_total, out_total;
};

crier_resampler *crier_resampler_new(int in_rate, int out_rate)
{
    if (in_rate <= 0 || out_rate <= 0)
        return NULL;
    crier_resampler *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->ratio = (double)out_rate / in_rate;
    if (in_rate == out_rate)
        return r;
    soxr_error_t e = NULL;
    soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
    /* One thread: parallelism comes from the worker processes, and soxr's
     * own OpenMP threads would only compete with them. */
    soxr_runtime_spec_t rt = soxr_runtime_spec(1);
    r->soxr = soxr_create(in_rate, out_rate, 1, &e, &io, &q, &rt);
    if (e || !r->soxr) {
        free(r);
        return NULL;
    }
    return r;
}

void crier_resampler_free(crier_resampler *r)
{
    if (!r)
        return;
    if (r->soxr)
        soxr_delete(r->soxr);
    free(r);
}

size_t crier_resampler_max_out(const crier_resampler *r, size_t n)
{
    return (size_t)((double)n * r->ratio) + 4096;
}

/* Feeds all of the input to soxr (NULL = end of stream) and collects the
 * output it gives. */
static size_t run(crier_resampler *r, const float *in, size_t n, float *out)
{
    size_t cap = crier_resampler_max_out(r, n), total = 0;
    for (;;) {
        size_t done_in = 0, done_out = 0;
        soxr_error_t e = soxr_process(r->soxr, in, n, in ? &done_in : NULL, out + total,
                                      cap - total, &done_out);
        if (e)
            return (size_t)-1;
        total += done_out;
        if (in) {
            in += done_in;
            n -= done_in;
            if (n == 0)
                return total;
            if (done_in == 0 && done_out == 0)
                return (size_t)-1; /* no progress: should not happen */
        } else if (done_out == 0) {
            return total;
        }
        if (total == cap)
            return (size_t)-1;
    }
}

size_t crier_resampler_process(crier_resampler *r, const float *in, size_t n, float *out)
{
    if (!r->soxr) {
        memcpy(out, in, n * sizeof *out);
        return n;
    }
    r->in_total += n;
    size_t k = run(r, in, n, out);
    if (k != (size_t)-1)
        r->out_total += k;
    return k;
}

size_t crier_resampler_flush(crier_resampler *r, float *out)
{
    if (!r->soxr)
        return 0;
    size_t k = run(r, NULL, 0, out);
    if (k == (size_t)-1)
        return k;
    r->out_total += k;
    return k;
}

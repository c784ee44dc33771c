/* resample.h -- audio stage: sample-rate conversion with libsoxr.
 *
 * eSpeak NG speaks at 22050 Hz; podcast MP3 wants 44100 Hz and Opus only
 * takes 8, 12, 16, 24 or 48 kHz. A resampler converts a stream of mono
 * float samples; soxr compensates its filter delay, so output sample j
 * lies at time j / out_rate exactly as input sample i lies at i / in_rate,
 * and the timeline (captions, chapters) only needs scaling. */
#ifndef CRIER_RESAMPLE_H
#define CRIER_RESAMPLE_H

#include <stddef.h>

typedef struct crier_resampler crier_resampler;

/* A converter from `in_rate` to `out_rate` Hz. When the rates are equal
 * it copies. NULL when out of memory or the rates are unusable. */
crier_resampler *crier_resampler_new(int in_rate, int out_rate);
void crier_resampler_free(crier_resampler *r);

/* An upper bound on the output for `n` more input samples (or for the
 * flush, n = 0), for sizing the output buffer. */
size_t crier_resampler_max_out(const crier_resampler *r, size_t n);

/* Converts `n` samples; writes at most crier_resampler_max_out(n) samples
 * to `out` and returns how many. Returns (size_t)-1 on failure. */
size_t crier_resampler_process(crier_resampler *r, const float *in, size_t n, float *out);

/* Ends the stream: writes the samples still in the filter. */
size_t crier_resampler_flush(crier_resampler *r, float *out);

#endif

/* loudness.h -- audio stage: loudness measurement and the true-peak limiter.
 *
 * Loudness is ITU-R BS.1770 / EBU R128 integrated loudness, measured with
 * libebur128. It is measured in pieces (one meter per chunk of audio, in
 * whatever worker process made the chunk) and combined in the parent: a
 * meter turns audio into gating-block energies, a gate collects the
 * energies of all chunks and applies BS.1770's absolute and relative gates.
 * A gate is a fixed-size histogram, so a program of any length measures in
 * constant memory. */
#ifndef CRIER_LOUDNESS_H
#define CRIER_LOUDNESS_H

#include <stddef.h>

/* ==== Meter: audio to gating-block energies =============================== */

typedef struct crier_meter crier_meter;

/* A meter for mono audio at `rate` Hz. NULL when out of memory. */
crier_meter *crier_meter_new(int rate);
void crier_meter_free(crier_meter *m);

/* Feeds samples. Every 100 ms of audio completes one 400 ms gating block;
 * its mean-square energy (K-weighted, linear) is appended to the meter's
 * list. Returns 0, or -1 when libebur128 fails. */
int crier_meter_add(crier_meter *m, const float *x, size_t n);

/* The energies collected since the last call; *n is their count. The
 * array is owned by the meter and valid until the next add or take. */
const double *crier_meter_take(crier_meter *m, size_t *n);

/* ==== Gate: energies of a whole program to integrated loudness ============ */

typedef struct crier_gate crier_gate;

crier_gate *crier_gate_new(void);
void crier_gate_free(crier_gate *g);
void crier_gate_add(crier_gate *g, double energy);
/* Integrated loudness in LUFS, or -HUGE_VAL when everything is below the
 * absolute gate (-70 LUFS), i.e. silence. */
double crier_gate_loudness(const crier_gate *g);

/* ==== Limiter ============================================================ */

/* A look-ahead limiter that keeps the true peak (the peak of the signal
 * reconstructed between samples, estimated by 4x oversampling) of
 * gain * x at or below a ceiling. It delays the signal internally but
 * hands back exactly as many samples as it was given, aligned with the
 * input: nothing in the timeline moves. */
typedef struct crier_limiter crier_limiter;

/* `gain_db` is applied first; `ceiling_db` is in dBTP. NULL when out of
 * memory. */
crier_limiter *crier_limiter_new(int rate, double gain_db, double ceiling_db);
void crier_limiter_free(crier_limiter *l);

/* Processes n samples. Writes at most n samples to `out` and returns how
 * many; the ones held back for the look-ahead come out of later calls or
 * of crier_limiter_flush(). */
size_t crier_limiter_process(crier_limiter *l, const float *in, size_t n, float *out);

/* Writes the samples still held (at most crier_limiter_delay()) to `out`
 * and returns their count. */
size_t crier_limiter_flush(crier_limiter *l, float *out);

/* How many samples the limiter holds back at most. */
size_t crier_limiter_delay(const crier_limiter *l);

/* ==== True-peak meter ==================================================== */

/* The true peak of a stream, by the same 4x interpolation. */
typedef struct crier_peak {
    float coef[3][16];  /* the interpolator */
    float w[15 + 256];  /* history, then the block being measured */
    double peak;        /* linear */
} crier_peak;

void crier_peak_init(crier_peak *p);
void crier_peak_add(crier_peak *p, const float *x, size_t n);
/* The peak in dBTP (-HUGE_VAL for digital silence). Flushes the samples
 * still in the interpolation window. */
double crier_peak_db(crier_peak *p);

#endif

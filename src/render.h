/* render.h -- the worker's side of speaking: one pass over one chunk.
 *
 * Speaking a program takes three passes over its chunks, each chunk in a
 * worker process (workers.c), each pass starting from the same
 * synthesis (a unit's audio never depends on anything but its text and
 * voice, see synth.c):
 *
 *  1. measure:   synthesize; report the engine's sentence and word times,
 *                every unit's length, and the loudness of the raw speech;
 *  2. calibrate: synthesize, gain and limit at two trial gains, and report
 *                the loudness of each (the limiter takes some loudness
 *                away, more the harder it works, so the gain that reaches
 *                the target is found from these two points);
 *  3. render:    synthesize, gain, limit, resample and encode (MP3 in the
 *                worker; other formats are encoded by the parent from the
 *                samples the worker sends), reporting the loudness and
 *                true peak before encoding and, for MP3, of the decoded
 *                frames (meter 1): the quality check.
 *
 * Synthesis runs at several hundred times real time, so doing it three
 * times costs less than keeping a long program's audio anywhere; a short
 * program's speech is kept in a cache directory instead (16-bit samples,
 * a file per chunk), which saves the later passes a fifth of their time. */
#ifndef CRIER_RENDER_H
#define CRIER_RENDER_H

#include "audio.h"
#include "plan.h"

typedef enum crier_pass { CRIER_PASS_MEASURE, CRIER_PASS_CALIBRATE, CRIER_PASS_RENDER } crier_pass;

typedef struct crier_chunk_job {
    const crier_plan *plan;
    crier_pass pass;
    int limit;          /* gain and limit (else the samples pass as they are) */
    double gain[2];     /* dB; calibrate uses both, render the first */
    double ceiling;     /* dBTP */
    crier_format fmt;
    int out_rate;
    int kbps;           /* MP3 */
    size_t stride;      /* task t is chunk t * stride (calibration samples
                           every stride-th chunk of a long program) */
    const char *cache;  /* a directory where the measure pass keeps each
                           chunk's speech for the later passes, or NULL */
} crier_chunk_job;

/* The cache file of chunk c in r->cache, into buf (cap bytes). */
void crier_chunk_cache_path(const crier_chunk_job *r, size_t c, char *buf, size_t cap);

/* Record tags a worker sends (workers.c reserves 'Z' and 'X'). */
enum {
    REC_SENTENCE = 'S', /* u64 unit, plan_sentence, then its plan_words */
    REC_UNIT = 'U',     /* u64 unit, u64 speech samples */
    REC_BLOCKS = 'B',   /* u8 meter, then gating-block energies (double) */
    REC_PCM = 'P',      /* float samples at the output rate */
    REC_MP3 = 'M',      /* MP3 frames */
    REC_STATS = 'T'     /* crier_chunk_stats */
};

/* What a rendered chunk measured. */
typedef struct crier_chunk_stats {
    uint64_t out_samples; /* at the output rate, before encoding */
    uint64_t decoded;     /* MP3: samples its frames decode to */
    double peak;          /* true peak after the limiter, linear (measure
                             pass: the raw sample peak) */
    double dec_peak;      /* MP3: true peak of the decoded frames, linear */
} crier_chunk_stats;

/* Runs one pass over chunk `chunk`, writing records to `fd`. */
crier_status crier_render_chunk(const crier_chunk_job *r, size_t chunk, int fd, crier_error *err);

#endif

/* synth.h -- stage 3: spoken text to PCM, through libespeak-ng.
 *
 * synth.c is the only file that includes eSpeak's headers or touches its
 * global state. */
#ifndef CRIER_SYNTH_H
#define CRIER_SYNTH_H

#include "voice.h"

#include <stdint.h>

/* A timing event: where a word or sentence starts in the segment's audio.
 * `text_pos` is the 0-based code-point index into the spoken text. */
typedef enum crier_synth_ev { CRIER_EV_WORD = 1, CRIER_EV_SENTENCE = 2, CRIER_EV_END = 5 } crier_synth_ev;

typedef struct crier_synth_sink {
    void *ud;
    /* Receives the segment's 16-bit mono samples in order. Returns 0, or
     * non-zero to stop. */
    int (*pcm)(void *ud, const int16_t *pcm, size_t n);
    /* Receives timing events, in order; may be NULL. */
    void (*event)(void *ud, crier_synth_ev type, size_t sample, size_t text_pos);
} crier_synth_sink;

/* Initializes the engine once per process and returns its sample rate
 * (22050 for the bundled voices). Later calls return the same rate. */
crier_status crier_synth_init(int *rate, crier_error *err);

/* Speaks one segment of spoken text (crier_normalize output, which may
 * hold [[phoneme]] input) with one role's voice. The synthesis runs in a
 * forked child that starts from the engine's freshly initialized state,
 * so the samples never depend on earlier segments: the same text and voice
 * give the same bytes whatever came before, and segments could be spoken
 * in any order or in parallel processes. */
crier_status crier_synth_segment(const crier_role_voice *voice, const char *text,
                                 const crier_synth_sink *sink, crier_error *err);

/* Checks that the engine has the voice (and variant) a role asks for.
 * CRIER_ERR_VOICE names the voice; the caller adds the profile's file and
 * line. */
crier_status crier_synth_check_voice(const crier_role_voice *voice, crier_error *err);

#endif

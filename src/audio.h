/* audio.h -- stage 5: PCM to an audio file, through libsndfile. */
#ifndef CRIER_AUDIO_H
#define CRIER_AUDIO_H

#include "crier.h"

typedef enum crier_format {
    CRIER_FMT_WAV,
    CRIER_FMT_FLAC,
    CRIER_FMT_OGG, /* Ogg Vorbis */
    CRIER_FMT_COUNT
} crier_format;

/* Finds the format named by an extension or name ("wav", ".flac", "ogg");
 * the match ignores case. Returns 0, or -1 when unknown. */
int crier_format_by_name(const char *name, crier_format *fmt);
/* Finds the format from a path's extension. Returns 0, or -1. */
int crier_format_by_path(const char *path, crier_format *fmt);

/* Writes mono float samples (nominally within +-1; louder samples are
 * clipped) to `path` in `fmt`, with the tags that are not NULL. The file is
 * written under a temporary name in the same directory and renamed into
 * place when complete, so `path` is never left half-written. `quality`
 * (0-1, or negative for the default) sets lossy compression. */
crier_status crier_audio_write(const char *path, crier_format fmt, const float *pcm, size_t n,
                               int rate, const crier_tags *tags, double quality,
                               crier_error *err);

#endif

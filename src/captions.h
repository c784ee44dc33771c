/* captions.h -- audio stage: captions (WebVTT, SubRip) and JSON chapters.
 *
 * Captions are made one sentence at a time, from the times at which the
 * speech engine started each word, and show the written text of the
 * article (not the spoken form: "Sep 20", not "September twentieth").
 * A sentence longer than two lines of 42 characters is split into several
 * cues at word starts, at a comma or similar where there is one, so that a
 * cue never fills the screen. */
#ifndef CRIER_CAPTIONS_H
#define CRIER_CAPTIONS_H

#include "outfile.h"

/* A word of a sentence: when it starts (seconds in the output file) and
 * where it starts in the sentence's text (byte offset). */
typedef struct crier_word_time {
    double t;
    size_t off;
} crier_word_time;

typedef struct crier_cues crier_cues;

/* Starts captions written to `f`: SubRip when its path ends in ".srt"
 * (any case), WebVTT otherwise. */
crier_status crier_cues_open(crier_outfile *f, crier_cues **out, crier_error *err);

/* Adds the cues of one sentence: its written text, its words in order,
 * and when its voice ends. Words whose offsets do not increase are
 * ignored (several spoken words may come from one written token). */
crier_status crier_cues_sentence(crier_cues *c, const char *text, size_t len,
                                     const crier_word_time *w, size_t nw, double end,
                                     crier_error *err);

size_t crier_cues_count(const crier_cues *c);

/* Writes what is buffered and frees the writer (the file stays open). */
crier_status crier_cues_close(crier_cues *c, crier_error *err);

/* Writes Podcasting 2.0 JSON chapters (version 1.2.0) to `f`. */
crier_status crier_chapters_write(crier_outfile *f, const crier_chapter *ch, size_t n,
                                  crier_error *err);

#endif

/* id3.h -- audio stage: our own ID3v2.4 tag for MP3 files.
 *
 * libsndfile labels its MP3 strings Latin-1 while writing UTF-8 bytes, so
 * accented names come out garbled (AUDIO-FACTS.md D). crier writes MP3
 * chunks without strings and puts this tag in front: UTF-8 text frames,
 * a comment, and the chapters (ID3v2 Chapter Frame Addendum 1.0: one CTOC
 * listing CHAP frames, each with its own title). */
#ifndef CRIER_ID3_H
#define CRIER_ID3_H

#include "crier.h"

typedef struct crier_id3_chapter {
    uint32_t start_ms, end_ms;
    const char *title;
} crier_id3_chapter;

/* The most chapters one table of contents lists (its count is a byte). */
#define CRIER_ID3_MAX_CHAPTERS 255

/* Builds the tag. The size depends only on the strings and the number of
 * chapters, not on the times, so a tag written with estimated times can
 * be overwritten in place with the exact ones. Returns a malloc'd buffer
 * and its length in *len, or NULL when out of memory. */
unsigned char *crier_id3_build(const crier_tags *tags, const crier_id3_chapter *ch, size_t n,
                               size_t *len);

#endif

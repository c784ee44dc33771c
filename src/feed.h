/* feed.h -- what the feed (feed.c) and the listening page (site.c) share:
 * the episodes found in a directory, and readers for their captions and
 * chapters. Private to the library. */
#ifndef CRIER_FEED_H
#define CRIER_FEED_H

#include "crier.h"

#include <time.h>

/* One episode of a directory; every string owned. */
typedef struct crier_ep {
    char *name;        /* NAME: the audio file's name without extension */
    char *audio;       /* the audio file's name, NAME.EXT */
    const char *mime;  /* its MIME type (static) */
    long long bytes;   /* its exact size */
    int has_vtt;       /* NAME.vtt exists */
    int has_chapters;  /* NAME.chapters.json exists */
    char *title, *description, *author; /* never NULL after the scan */
    time_t when;       /* publication time */
    double seconds;    /* duration, or negative when unknown */
} crier_ep;

/* Finds the episodes in `dir`, newest first (then by name). */
crier_status crier_episodes_scan(const char *dir, crier_ep **out, size_t *n, crier_error *err);
void crier_episodes_free(crier_ep *eps, size_t n);

/* One WebVTT cue: times in seconds, text with tags removed and entities
 * decoded (plain UTF-8). */
typedef struct crier_cue {
    double start, end;
    char *text;
} crier_cue;

/* Parses WebVTT text. Malformed cue blocks are skipped, never fatal: a
 * page with some captions is better than none. CRIER_ERR_EMPTY when the
 * text does not start with "WEBVTT"; CRIER_ERR_NOMEM. */
crier_status crier_vtt_parse(const char *text, size_t len, crier_cue **cues, size_t *n);
void crier_cues_free(crier_cue *cues, size_t n);

/* One chapter of a Podcasting 2.0 JSON chapters file. */
typedef struct crier_json_chapter {
    double start;
    char *title;
} crier_json_chapter;

/* Parses {"chapters": [{"startTime", "title"}, ...]}; chapters with
 * "toc": false are left out. CRIER_ERR_EMPTY when it is not such a file. */
crier_status crier_json_chapters_parse(const char *text, size_t len, crier_json_chapter **out, size_t *n);
void crier_json_chapters_free(crier_json_chapter *ch, size_t n);

/* The name of a directory, for a default title: "ep" for "ep/", the real
 * name for ".". Caller frees; NULL when out of memory. */
char *crier_dir_title(const char *dir);

/* Percent-encodes a file name for a URL path. Caller frees. */
char *crier_url_escape(const char *name);

#endif

/* plan.h -- what a program will say: engine calls, in order, in chunks.
 *
 * The plan is built once, in the parent, before any audio exists: every
 * segment of every item becomes one or more units (one espeak_Synth call
 * each: a paragraph, a quotation inside it, a signposted caption, a line
 * of a bulletin), with its voice, its pauses and the chapter it starts.
 * Units are grouped into chunks at pauses; a chunk is the unit of
 * parallel work, and since the grouping depends only on the text, the
 * output never depends on how many workers there are.
 *
 * Synthesis fills in, per unit, the number of samples and the sentences
 * with their word start times, from which captions and chapters are
 * timed. */
#ifndef CRIER_PLAN_H
#define CRIER_PLAN_H

#include "crier.h"
#include "voice.h"

/* A run of written text and its spoken form. */
typedef struct plan_text {
    char *src;          /* written text: signpost + segment, or a quote */
    crier_spoken *sp;   /* normalized; spans point into src */
} plan_text;

typedef struct plan_unit {
    size_t text;        /* index into texts */
    size_t a, b;        /* the byte range of the spoken text to say */
    crier_role role;
    crier_role_voice voice;
    size_t pause_before, pause_after; /* samples at the engine rate */
    /* Filled after the first pass: */
    size_t samples;     /* speech samples */
    size_t sent0, nsent;/* its sentences */
    /* A sound file instead of speech (a sting): 1 + its index in clips,
     * else 0. Such a unit has no text (`text` is PLAN_NO_TEXT), no
     * sentences, and its `samples` are known from the start. */
    size_t clip;
} plan_unit;

#define PLAN_NO_TEXT ((size_t)-1)

/* A sound file played as is, read once however often it is played. */
typedef struct plan_clip {
    char *path;         /* as the item named it */
    float *x;           /* mono, at `rate`; NULL in a script */
    size_t n;
    int rate;           /* the file's own rate, then the mix rate once
                           crier_plan_mix has run */
    double loudness;    /* its own, in LUFS (-HUGE_VAL: silence) */
    double peak;        /* its sample peak, linear */
    float gain;         /* linear, applied when it is played: set after the
                           first pass to bring it to the speech's loudness */
} plan_clip;

/* A sentence as the engine spoke it. Samples count from the unit's start
 * of speech; `pos` is a code-point index into the unit's spoken range. */
typedef struct plan_sentence {
    size_t start, end;  /* first word start, end of voice */
    size_t word0, nword;
} plan_sentence;

typedef struct plan_word {
    size_t sample;      /* start, from the unit's start of speech */
    size_t pos;         /* code points into the unit's spoken range */
} plan_word;

typedef struct plan_chapter {
    char *title;
    size_t unit;        /* the unit it starts with */
    double start, end;  /* seconds, once known */
} plan_chapter;

typedef struct crier_plan {
    int rate;                 /* the engine's sample rate */
    int mix_rate;             /* the rate the program is mixed at (the
                                 limiter and loudness run at it): the
                                 engine's, or with sound files the output's,
                                 so that a jingle keeps its treble */
    crier_voice_profile prof;
    plan_text *texts;
    size_t ntexts, captexts;
    plan_unit *units;
    size_t nunits, capunits;
    size_t *chunk;            /* chunk c is units [chunk[c], chunk[c+1]) */
    size_t nchunks;
    plan_chapter *chapters;
    size_t nchapters, capchapters;
    plan_sentence *sents;
    size_t nsents, capsents;
    plan_word *words;
    size_t nwords, capwords;
    plan_clip *clips;
    size_t nclips, capclips;
    size_t segments;          /* article segments (for the result) */
    crier_tags tags;          /* strings owned by the plan */
} crier_plan;

/* Builds the plan: loads the voice profile (checking that the engine has
 * every voice it names), normalizes every segment and splits quotations
 * and long texts. `rate` is the engine's sample rate. */
crier_status crier_plan_build(const crier_item *items, size_t n, const crier_lexicon *lex,
                              const crier_speak_options *o, int rate, crier_plan **out,
                              crier_error *err);
void crier_plan_free(crier_plan *p);

/* The highest rate of the plan's sound files, or 0 when it has none. */
int crier_plan_clip_rate(const crier_plan *p);

/* Sets the rate the program is mixed at, bringing the sound files to it
 * and measuring their loudness and peak there. Called once, before the
 * first pass. */
crier_status crier_plan_mix(crier_plan *p, int mix_rate, crier_error *err);

/* The text the engine gets for unit u (NUL-terminated, caller frees);
 * "" for a sound file. */
char *crier_plan_unit_text(const crier_plan *p, size_t u);

/* The script: "role<TAB>spoken text" per unit. */
crier_status crier_plan_script(const crier_plan *p, char **out, crier_error *err);

/* Records a sentence and its words for unit u (the first pass calls these
 * in unit order). Returns 0, or -1 when out of memory. */
int crier_plan_add_sentence(crier_plan *p, size_t u, const plan_sentence *s,
                            const plan_word *w, size_t nw);

/* Maps a code-point position in unit u's spoken range to a byte offset
 * into the unit's written text (plan_text.src). */
size_t crier_plan_src_offset(const crier_plan *p, size_t u, size_t pos);

#endif

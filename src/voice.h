/* voice.h -- voice profiles: how each segment role sounds (voices/NAME.voice). */
#ifndef CRIER_VOICE_H
#define CRIER_VOICE_H

#include "crier.h"

/* The roles a profile can set. Every crier_kind maps to one. */
typedef enum crier_role {
    CRIER_ROLE_HEADLINE,
    CRIER_ROLE_STANDFIRST,
    CRIER_ROLE_BYLINE,
    CRIER_ROLE_DATELINE,
    CRIER_ROLE_HEADING,
    CRIER_ROLE_BODY,
    CRIER_ROLE_CAPTION,
    CRIER_ROLE_CREDIT,
    CRIER_ROLE_QUOTE,
    CRIER_ROLE_LINK,     /* a presenter's line between items of a program */
    CRIER_ROLE_COUNT
} crier_role;

typedef struct crier_role_voice {
    char espeak[64];     /* eSpeak NG voice name: "en-us", "en-gb-x-rp" */
    char variant[32];    /* eSpeak variant ("m3", "f2") or "" for none */
    int rate;            /* words per minute, 80-450 */
    int pitch;           /* 0-100, 50 is the voice's own */
    int range;           /* pitch range 0-100, 50 is normal */
    int volume;          /* 0-200, 100 is normal */
    int word_gap;        /* extra silence between words, milliseconds */
    int pause_before;    /* milliseconds of silence before the segment */
    int pause_after;     /* milliseconds of silence after it */
    long voice_line;     /* the profile line that chose the voice/variant */
} crier_role_voice;

typedef struct crier_voice_profile {
    char name[128];      /* a human name: "US newsreader" */
    char lang[16];       /* "en-us" or "en-gb": normalizer conventions */
    char file[512];      /* where it was loaded from, for messages */
    crier_role_voice role[CRIER_ROLE_COUNT];
} crier_voice_profile;

/* The role that speaks a segment kind. */
crier_role crier_role_of(crier_kind kind);
const char *crier_role_name(crier_role role);
/* Finds a role by name. Returns 0, or -1 when there is no such role. */
int crier_role_by_name(const char *name, crier_role *role);

/* Loads a profile by name ("us-news" is data_dir/voices/us-news.voice) or
 * by path (anything with a '/' or ending in ".voice"). Errors name the
 * file and line: CRIER_ERR_VOICE for a missing or malformed profile. */
crier_status crier_voice_load(const char *data_dir, const char *name_or_path,
                              crier_voice_profile *out, crier_error *err);

#endif

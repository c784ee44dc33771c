/* voice.c -- reads voice profiles (voices/NAME.voice; see voices/README.md).
 *
 * A profile is a small "key = value" file. Keys before any section set the
 * defaults for every role; a "[role]" section then overrides them for one
 * role (headline, standfirst, byline, dateline, heading, body, caption,
 * credit, quote, link). Unknown keys, unknown roles and out-of-range values
 * are errors with file:line, because a typo here would otherwise be heard
 * as the wrong voice without any message. Whether the engine has the voice
 * and variant a profile names is checked by plan.c through synth.c, with
 * the line recorded here. */
#include "voice.h"
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *ROLE_NAMES[CRIER_ROLE_COUNT] = {
    "headline", "standfirst", "byline", "dateline", "heading",
    "body",     "caption",    "credit", "quote", "link"};

const char *crier_role_name(crier_role role) { return ROLE_NAMES[role]; }

int crier_role_by_name(const char *name, crier_role *role)
{
    for (int r = 0; r < CRIER_ROLE_COUNT; r++)
        if (strcmp(ROLE_NAMES[r], name) == 0) {
            *role = (crier_role)r;
            return 0;
        }
    return -1;
}

crier_role crier_role_of(crier_kind kind)
{
    switch (kind) {
    case CRIER_KIND_HEADLINE: return CRIER_ROLE_HEADLINE;
    case CRIER_KIND_STANDFIRST: return CRIER_ROLE_STANDFIRST;
    case CRIER_KIND_BYLINE: return CRIER_ROLE_BYLINE;
    case CRIER_KIND_DATELINE: return CRIER_ROLE_DATELINE;
    case CRIER_KIND_HEADING: return CRIER_ROLE_HEADING;
    case CRIER_KIND_CAPTION: return CRIER_ROLE_CAPTION;
    case CRIER_KIND_CREDIT: return CRIER_ROLE_CREDIT;
    case CRIER_KIND_PARAGRAPH: return CRIER_ROLE_BODY;
    }
    return CRIER_ROLE_BODY;
}

/* A numeric key: its offset in crier_role_voice and its valid range. */
typedef struct num_key {
    const char *name;
    size_t offset;
    int min, max;
} num_key;

static const num_key NUM_KEYS[] = {
    {"rate", offsetof(crier_role_voice, rate), 80, 450},
    {"pitch", offsetof(crier_role_voice, pitch), 0, 100},
    {"range", offsetof(crier_role_voice, range), 0, 100},
    {"volume", offsetof(crier_role_voice, volume), 0, 200},
    {"word-gap", offsetof(crier_role_voice, word_gap), 0, 1000},
    {"pause-before", offsetof(crier_role_voice, pause_before), 0, 10000},
    {"pause-after", offsetof(crier_role_voice, pause_after), 0, 10000},
};

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* A voice name or variant: letters, digits and '-', '_', '+', so that
 * nothing else reaches the engine's voice lookup. */
static int name_ok(const char *s)
{
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr("-_+", *s))
            return 0;
    return 1;
}

/* "voice = en-us+m3" sets the voice and its variant; "variant = f2" only
 * the variant ("none" clears it). */
static crier_status set_voice(crier_voice_profile *p, unsigned mask, const char *key,
                              const char *val, const char *file, long line, crier_error *err)
{
    int is_voice = key[1] == 'o';
    char name[64] = "", variant[32] = "";
    const char *plus = is_voice ? strchr(val, '+') : NULL;
    size_t n = plus ? (size_t)(plus - val) : strlen(val);
    const char *var = is_voice ? (plus ? plus + 1 : "") : strcmp(val, "none") ? val : "";
    if (!val[0] || !name_ok(val) || (is_voice && n >= sizeof name) ||
        strlen(var) >= sizeof variant || (plus && !plus[1]) || strchr(var, '+'))
        return crier_fail(err, CRIER_ERR_VOICE, file, line, "bad %s name '%s'", key, val);
    memcpy(name, val, n);
    strcpy(variant, var);
    for (int r = 0; r < CRIER_ROLE_COUNT; r++) {
        if (!(mask & (1u << r)))
            continue;
        if (is_voice)
            strcpy(p->role[r].espeak, name);
        strcpy(p->role[r].variant, variant);
        p->role[r].voice_line = line;
    }
    return CRIER_OK;
}

/* Applies one key to the roles selected by `mask` (bit per role). */
static crier_status set_key(crier_voice_profile *p, unsigned mask, const char *key,
                            const char *val, const char *file, long line, crier_error *err)
{
    if (strcmp(key, "name") == 0 || strcmp(key, "language") == 0) {
        if (mask != (1u << CRIER_ROLE_COUNT) - 1)
            return crier_fail(err, CRIER_ERR_VOICE, file, line, "'%s' belongs before any section",
                              key);
        char *dst = key[0] == 'n' ? p->name : p->lang;
        size_t cap = key[0] == 'n' ? sizeof p->name : sizeof p->lang;
        if (strlen(val) >= cap)
            return crier_fail(err, CRIER_ERR_VOICE, file, line, "'%s' is too long", key);
        strcpy(dst, val);
        return CRIER_OK;
    }
    if (strcmp(key, "voice") == 0 || strcmp(key, "variant") == 0)
        return set_voice(p, mask, key, val, file, line, err);
    for (size_t k = 0; k < CRIER_ARRAY_LEN(NUM_KEYS); k++) {
        if (strcmp(key, NUM_KEYS[k].name) != 0)
            continue;
        char *end;
        long v = strtol(val, &end, 10);
        if (end == val || *end || v < NUM_KEYS[k].min || v > NUM_KEYS[k].max)
            return crier_fail(err, CRIER_ERR_VOICE, file, line, "%s must be a number from %d to %d",
                              key, NUM_KEYS[k].min, NUM_KEYS[k].max);
        for (int r = 0; r < CRIER_ROLE_COUNT; r++)
            if (mask & (1u << r))
                *(int *)((char *)&p->role[r] + NUM_KEYS[k].offset) = (int)v;
        return CRIER_OK;
    }
    return crier_fail(err, CRIER_ERR_VOICE, file, line, "unknown key '%s'", key);
}

/* Parses the profile text. Defaults before the first section apply to all
 * roles; a section applies to its role only, so sections must come after
 * the defaults (a default after a section would silently undo it). */
static crier_status parse_profile(char *text, const char *file, crier_voice_profile *p,
                                  crier_error *err)
{
    unsigned all = (1u << CRIER_ROLE_COUNT) - 1, mask = all;
    long line = 0;
    /* A byte-order mark (a Windows editor's) is not part of the first key. */
    char *start = strncmp(text, "\xEF\xBB\xBF", 3) ? text : text + 3;
    for (char *s = start, *eol; s; s = eol ? eol + 1 : NULL) {
        line++;
        eol = strchr(s, '\n');
        if (eol)
            *eol = '\0';
        char *l = trim(s);
        if (!*l || *l == '#')
            continue;
        if (*l == '[') {
            char *close = strchr(l, ']');
            if (!close || close[1])
                return crier_fail(err, CRIER_ERR_VOICE, file, line, "bad section header");
            *close = '\0';
            int r = 0;
            while (r < CRIER_ROLE_COUNT && strcmp(ROLE_NAMES[r], l + 1) != 0)
                r++;
            if (r == CRIER_ROLE_COUNT)
                return crier_fail(err, CRIER_ERR_VOICE, file, line, "unknown role '%s'", l + 1);
            mask = 1u << r;
            continue;
        }
        char *eq = strchr(l, '=');
        if (!eq)
            return crier_fail(err, CRIER_ERR_VOICE, file, line, "expected 'key = value'");
        *eq = '\0';
        crier_status st = set_key(p, mask, trim(l), trim(eq + 1), file, line, err);
        if (st != CRIER_OK)
            return st;
    }
    for (int r = 0; r < CRIER_ROLE_COUNT; r++)
        if (!p->role[r].espeak[0])
            return crier_fail(err, CRIER_ERR_VOICE, file, 0, "no 'voice' set for role %s",
                              ROLE_NAMES[r]);
    return CRIER_OK;
}

static void defaults(crier_voice_profile *p)
{
    memset(p, 0, sizeof *p);
    strcpy(p->lang, "en-us");
    for (int r = 0; r < CRIER_ROLE_COUNT; r++)
        p->role[r] = (crier_role_voice){"", "", 175, 50, 50, 100, 0, 0, 500, 0};
}

crier_status crier_voice_load(const char *data_dir, const char *name_or_path,
                              crier_voice_profile *out, crier_error *err)
{
    if (!name_or_path)
        name_or_path = "us-news";
    size_t n = strlen(name_or_path);
    int is_path = strchr(name_or_path, '/') || (n > 6 && !strcmp(name_or_path + n - 6, ".voice"));
    char *path;
    if (is_path) {
        path = strdup(name_or_path);
    } else {
        char rel[256];
        snprintf(rel, sizeof rel, "voices/%s.voice", name_or_path);
        path = crier_path_join(data_dir ? data_dir : ".", rel);
    }
    if (!path)
        return crier_fail(err, CRIER_ERR_NOMEM, name_or_path, 0, "out of memory");
    char *text;
    size_t len;
    crier_status st = crier_read_file(path, &text, &len, err);
    if (st != CRIER_OK) {
        if (err)
            err->code = CRIER_ERR_VOICE;
        if (err && !is_path)
            snprintf(err->msg, sizeof err->msg, "no voice profile named '%s'", name_or_path);
        free(path);
        return CRIER_ERR_VOICE;
    }
    crier_voice_profile p;
    defaults(&p);
    snprintf(p.file, sizeof p.file, "%s", path);
    st = parse_profile(text, path, &p, err);
    free(text);
    free(path);
    if (st == CRIER_OK)
        *out = p;
    return st;
}

/* lexicon.c -- loads, checks and indexes the TSV tables of lexicon/<lang>/.
 *
 * The stages never see a file: they ask for rows by table and key. This
 * file owns the schema (which tables exist, how many columns each has,
 * which flag words a row may carry) and rejects anything else with a
 * `file:line: reason` error, so that a typo in the data is caught when it
 * is loaded rather than heard as a mispronunciation later.
 *
 * Format, shared by all tables: UTF-8, one row per line, fields separated
 * by single tabs, '#' starts a comment line, blank lines are skipped. A
 * header comment "# columns: ..." documents the columns; shipped files
 * must have one. A user file given with --lexicon names its table with a
 * "# table: NAME" line or by its file name. */
#include "lexicon.h"
#include "buf.h"
#include "internal.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ==== Schema ============================================================= */

typedef struct schema {
    const char *name;      /* table name = file name without ".tsv" */
    int min_cols, max_cols;
    int fold;              /* keys match case-insensitively */
    int flags_col;         /* column holding flag words, or -1 */
    const char *flags[32]; /* allowed flag words; bit i = flags[i] */
    int required;          /* the language directory must have it */
    int choice_col;        /* a column limited to `choices`, or 0 (none) */
    const char *choices[6];
} schema;

static const schema SCHEMA[CRIER_TAB_COUNT] = {
    [CRIER_TAB_ABBREVIATIONS] = {"abbreviations", 2, 4, 1, 2,
                                 {"title", "ends-ok", "case", "before-number", "after-name",
                                  "no-dot", "street", "compass", "party", "after-ordinal",
                                  "roman", "year", "alone", "number", "angle", "route"}, 1},
    [CRIER_TAB_ACRONYMS] = {"acronyms", 2, 3, 0, -1, {0}, 1, 1, {"word", "spell"}},
    [CRIER_TAB_MONTHS] = {"months", 3, 4, 1, 3, {"word", "name"}, 1},
    [CRIER_TAB_WEEKDAYS] = {"weekdays", 2, 2, 1, -1, {0}, 1},
    [CRIER_TAB_NUMBER_WORDS] = {"number-words", 3, 4, 0, -1, {0}, 1},
    [CRIER_TAB_BOILERPLATE] = {"boilerplate", 2, 2, 1, -1, {0}, 1},
    [CRIER_TAB_CREDITS] = {"credits", 2, 3, 1, 2, {"strip"}, 1},
    [CRIER_TAB_SIGNPOSTS] = {"signposts", 2, 2, 1, -1, {0}, 1},
    [CRIER_TAB_PRONUNCIATIONS] = {"pronunciations", 2, 2, 1, -1, {0}, 0},
    [CRIER_TAB_UNITS] = {"units", 3, 4, 0, 3, {"anycase", "glued", "after-measure", "per",
                                               "prefix", "before-measure"}, 1},
    [CRIER_TAB_CURRENCIES] = {"currencies", 4, 6, 0, 1, {"prefix", "suffix", "old"}, 1},
    [CRIER_TAB_SCALES] = {"scales", 2, 3, 1, 2, {"abbr"}, 1},
    [CRIER_TAB_SYMBOLS] = {"symbols", 2, 4, 0, 2, {"numeric", "before-number", "after-number",
                                                   "pause", "address", "words", "spaced", "glued",
                                                   "power"}, 1},
    [CRIER_TAB_TIME_WORDS] = {"time-words", 2, 3, 1, -1, {0}, 1, 1, {"am", "pm", "zone", "era", "clock"}},
    [CRIER_TAB_CONTEXT_WORDS] = {"context-words", 2, 2, 1, 1, {"year-before", "count-before",
                                 "starter", "determiner", "count-noun", "unit-word",
                                 "date-before", "street", "digits-after", "label-before",
                                 "complement", "conjunction", "rating", "clock-before",
                                 "clock-after", "range-end", "timetable", "odds", "meter", "batting", "code-before", "cricket", "compass-before",
                                 "price-before", "position", "score"}, 1},
    [CRIER_TAB_ROMAN_CONTEXT] = {"roman-context", 2, 2, 1, -1, {0}, 1, 1, {"cardinal", "regnal", "title"}},
    [CRIER_TAB_FRACTIONS] = {"fractions", 3, 3, 0, -1, {0}, 1},
    [CRIER_TAB_STATES] = {"states", 2, 3, 0, 2, {"anywhere"}, 1},
    [CRIER_TAB_PHONOTACTICS] = {"phonotactics", 2, 2, 1, 1, {"onset", "coda", "nucleus"}, 1},
    [CRIER_TAB_ELECTRONIC] = {"electronic", 2, 3, 1, 2, {"tld", "spell"}, 1},
    [CRIER_TAB_VARIANTS] = {"variants", 2, 2, 1, -1, {0}, 1},
    [CRIER_TAB_BYLINE] = {"byline", 2, 2, 1, 1, {"prefix", "say", "noise", "update", "label", "role", "joiner", "mark", "stamp"}, 1},
    [CRIER_TAB_PAGE_HINTS] = {"page-hints", 2, 2, 1, 1,
                              {"drop", "keep", "positive", "negative", "byline", "caption",
                               "credit", "dateline"}, 1},
    [CRIER_TAB_PHRASES] = {"phrases", 2, 2, 1, -1, {0}, 1},
    [CRIER_TAB_NOTES] = {"notes", 2, 2, 1, -1, {0}, 1},
    [CRIER_TAB_SPELLINGS] = {"spellings", 2, 3, 1, 2, {"ending"}, 1},
    [CRIER_TAB_WORDS] = {"words", 1, 1, 1, -1, {0}, 1},
    [CRIER_TAB_QUOTES] = {"quotes", 2, 2, 0, -1, {0}, 0},
    [CRIER_TAB_CHAPTERS] = {"chapters", 2, 2, 1, -1, {0}, 0},
    [CRIER_TAB_BULLETIN] = {"bulletin", 2, 2, 1, -1, {0}, 0},
    [CRIER_TAB_IDIOMS] = {"idioms", 2, 2, 0, -1, {0}, 0},
    [CRIER_TAB_SCRIPTURE] = {"scripture", 2, 3, 1, 2, {"numbered"}, 0},
};

/* ==== Storage ============================================================ */

/* A row owns one allocation: the column pointers, followed by the copied
 * line with its tabs turned into NULs. */
typedef struct row {
    crier_lex_row pub;
    char *key;   /* folded (or exact) key used by the index */
    char *mem;
} row;

typedef struct table {
    row *rows;
    size_t n, cap;
    size_t *slots;    /* open addressing: row index + 1, 0 = empty */
    size_t nslots;
} table;

struct crier_lexicon {
    table tabs[CRIER_TAB_COUNT];
    char **files;     /* file names, kept alive for crier_lex_row.file */
    size_t nfiles;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

char *crier_fold(const char *s, size_t len)
{
    size_t k = 0;
    while (k < len && (unsigned char)s[k] < 0x80)
        k++;
    if (k == len) {
        /* ASCII folds by tolower, as crier_lex_find() does: the large
         * tables (words.tsv) load without a trip through utf8proc. */
        char *out = malloc(len + 1);
        if (!out)
            return NULL;
        for (k = 0; k < len; k++)
            out[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 32) : s[k];
        out[len] = '\0';
        return out;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    return n < 0 ? NULL : (char *)out;
}

/* Returns the slot for `key`: either the slot holding it or the empty slot
 * where it would go. The table always has free slots (load <= 1/2). */
static size_t *find_slot(const table *t, const char *key)
{
    size_t mask = t->nslots - 1;
    for (size_t i = hash(key) & mask;; i = (i + 1) & mask) {
        size_t *slot = &t->slots[i];
        if (*slot == 0 || strcmp(t->rows[*slot - 1].key, key) == 0)
            return slot;
    }
}

static int rehash(table *t)
{
    size_t n = t->nslots ? t->nslots * 2 : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    free(t->slots);
    t->slots = slots;
    t->nslots = n;
    for (size_t i = 0; i < t->n; i++)
        *find_slot(t, t->rows[i].key) = i + 1;
    return 0;
}

static void row_free(row *r)
{
    free(r->key);
    free(r->mem);
}

/* ==== Parsing ============================================================ */

/* Splits `line` (a private copy) at tabs into a row. Returns NULL and sets
 * `why` when the row does not fit the schema. */
static const char *split_row(const schema *s, char *line, row *r, int *nflags_bad)
{
    int n = 1;
    for (char *p = line; *p; p++)
        n += *p == '\t';
    if (n < s->min_cols || n > s->max_cols)
        return s->min_cols == s->max_cols ? "wrong number of columns" : "wrong number of columns";
    const char **cols = (const char **)r->mem;
    int k = 0;
    cols[k++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            *p = '\0';
            cols[k++] = p + 1;
        }
    for (int i = 0; i < k; i++)
        if (cols[i][0] == '\0' && !(i == s->flags_col))
            return "empty field";
    r->pub.cols = cols;
    r->pub.ncols = k;
    r->pub.flags = 0;
    *nflags_bad = 0;
    if (s->flags_col >= 0 && s->flags_col < k) {
        char *f = (char *)cols[s->flags_col];
        while (*f) {
            size_t w = strcspn(f, ",");
            int bit = -1;
            for (int j = 0; j < (int)CRIER_ARRAY_LEN(s->flags) && s->flags[j]; j++)
                if (strlen(s->flags[j]) == w && strncmp(s->flags[j], f, w) == 0)
                    bit = j;
            if (bit < 0) {
                *nflags_bad = 1;
                return "unknown flag";
            }
            r->pub.flags |= 1u << bit;
            f += w + (f[w] == ',');
        }
    }
    return NULL;
}

/* Adds one parsed row, or replaces the row with the same key when
 * `replace` is set (a user file overriding the shipped data). */
static crier_status add_row(table *t, row *r, int replace, const char *file, long line,
                            crier_error *err)
{
    if (t->n * 2 >= t->nslots && rehash(t) < 0)
        return crier_fail(err, CRIER_ERR_NOMEM, file, line, "out of memory");
    size_t *slot = find_slot(t, r->key);
    if (*slot) {
        row *old = &t->rows[*slot - 1];
        if (!replace)
            return crier_fail(err, CRIER_ERR_LEXICON, file, line,
                              "duplicate key '%s' (first at line %ld)", old->pub.cols[0],
                              old->pub.line);
        row_free(old);
        *old = *r;
        return CRIER_OK;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        row *rows = realloc(t->rows, cap * sizeof *rows);
        if (!rows)
            return crier_fail(err, CRIER_ERR_NOMEM, file, line, "out of memory");
        t->rows = rows;
        t->cap = cap;
    }
    t->rows[t->n++] = *r;
    *slot = t->n;
    return CRIER_OK;
}

/* True when `v` is one of the words of `list` (ended by NULL). */
static int one_of(const char *const *list, const char *v)
{
    for (; *list; list++)
        if (strcmp(*list, v) == 0)
            return 1;
    return 0;
}

/* Parses one line into the table; blank and comment lines are skipped. */
static crier_status parse_line(crier_lexicon *lex, crier_table ti, const char *text, size_t len,
                               int replace, const char *file, long line, crier_error *err)
{
    const schema *s = &SCHEMA[ti];
    if (len == 0 || text[0] == '#')
        return CRIER_OK;
    if (text[len - 1] == ' ' || text[0] == ' ')
        return crier_fail(err, CRIER_ERR_LEXICON, file, line, "leading or trailing space");
    row r = {0};
    size_t ptrs = sizeof(char *) * (size_t)(s->max_cols + 1);
    r.mem = malloc(ptrs + len + 1);
    if (!r.mem)
        return crier_fail(err, CRIER_ERR_NOMEM, file, line, "out of memory");
    char *copy = r.mem + ptrs;
    memcpy(copy, text, len);
    copy[len] = '\0';
    int bad_flag = 0;
    const char *why = split_row(s, copy, &r, &bad_flag);
    if (why) {
        crier_fail(err, CRIER_ERR_LEXICON, file, line, "%s (table %s takes %d to %d columns)",
                   why, s->name, s->min_cols, s->max_cols);
        if (bad_flag && err)
            snprintf(err->msg, sizeof err->msg, "unknown flag in '%s' for table %s",
                     r.pub.cols[s->flags_col], s->name);
        free(r.mem);
        return CRIER_ERR_LEXICON;
    }
    if (s->choice_col && !one_of(s->choices, r.pub.cols[s->choice_col])) {
        char list[96] = "";
        for (int k = 0; s->choices[k]; k++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                     k == 0 ? "" : s->choices[k + 1] ? ", " : " or ", s->choices[k]);
        crier_fail(err, CRIER_ERR_LEXICON, file, line, "'%s' in column %d of table %s is not %s",
                   r.pub.cols[s->choice_col], s->choice_col + 1, s->name, list);
        free(r.mem);
        return CRIER_ERR_LEXICON;
    }
    const char *key = r.pub.cols[0];
    r.key = s->fold ? crier_fold(key, strlen(key)) : strdup(key);
    if (!r.key) {
        free(r.mem);
        return crier_fail(err, CRIER_ERR_NOMEM, file, line, "out of memory");
    }
    r.pub.file = file;
    r.pub.line = line;
    crier_status st = add_row(&lex->tabs[ti], &r, replace, file, line, err);
    if (st != CRIER_OK)
        row_free(&r);
    return st;
}

/* Remembers a file name for the lifetime of the lexicon. */
static const char *keep_name(crier_lexicon *lex, const char *path)
{
    char **files = realloc(lex->files, (lex->nfiles + 1) * sizeof *files);
    if (!files)
        return NULL;
    lex->files = files;
    char *copy = strdup(path);
    if (copy)
        lex->files[lex->nfiles++] = copy;
    return copy;
}

static int table_by_name(const char *name, size_t len)
{
    for (int i = 0; i < CRIER_TAB_COUNT; i++)
        if (strlen(SCHEMA[i].name) == len && strncmp(SCHEMA[i].name, name, len) == 0)
            return i;
    return -1;
}

/* Finds a "# table: NAME" directive in the header comments. */
static int table_from_header(const char *text)
{
    /* The raw file: skip a byte-order mark and a CR before the newline,
     * as the rows' reader (crier_text_clean) does, so that a file saved
     * by a Windows editor names its table too. */
    const char *p = strncmp(text, "\xEF\xBB\xBF", 3) ? text : text + 3;
    while (*p == '#') {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        if (n > 8 && strncmp(p, "# table:", 8) == 0) {
            const char *v = p + 8;
            while (*v == ' ')
                v++;
            size_t vn = n - (size_t)(v - p);
            while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\r'))
                vn--;
            return table_by_name(v, vn);
        }
        if (!eol)
            break;
        p = eol + 1;
    }
    return -1;
}

static int has_columns_header(const char *text)
{
    for (const char *p = text; *p == '#';) {
        if (strncmp(p, "# columns:", 10) == 0)
            return 1;
        const char *eol = strchr(p, '\n');
        if (!eol)
            break;
        p = eol + 1;
    }
    return 0;
}

/* Loads one file into table `ti`. */
static crier_status load_file(crier_lexicon *lex, crier_table ti, const char *path, int replace,
                              int need_header, crier_error *err)
{
    char *text;
    size_t len;
    crier_status st = crier_read_file(path, &text, &len, err);
    if (st != CRIER_OK)
        return st;
    const char *name = keep_name(lex, path);
    char *clean = NULL;
    size_t clen = 0;
    if (!name)
        st = crier_fail(err, CRIER_ERR_NOMEM, path, 0, "out of memory");
    else
        st = crier_text_clean(text, len, path, &clean, &clen, err);
    if (st == CRIER_ERR_UTF8 && err)
        err->code = st = CRIER_ERR_LEXICON;
    free(text);
    if (st != CRIER_OK)
        return st;
    if (need_header && !has_columns_header(clean))
        st = crier_fail(err, CRIER_ERR_LEXICON, path, 1, "missing '# columns:' header line");
    long line = 1;
    for (char *p = clean; st == CRIER_OK && *p; line++) {
        char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        st = parse_line(lex, ti, p, n, replace, name, line, err);
        p += n + (eol != NULL);
    }
    free(clean);
    return st;
}

/* ==== Public calls ======================================================= */

crier_status crier_lexicon_load(const char *dir, crier_lexicon **out, crier_error *err)
{
    crier_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex)
        return crier_fail(err, CRIER_ERR_NOMEM, dir, 0, "out of memory");
    crier_status st = CRIER_OK;
    for (int i = 0; i < CRIER_TAB_COUNT && st == CRIER_OK; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s.tsv", SCHEMA[i].name);
        char *path = crier_path_join(dir, name);
        if (!path) {
            st = crier_fail(err, CRIER_ERR_NOMEM, dir, 0, "out of memory");
            break;
        }
        FILE *probe = SCHEMA[i].required ? NULL : fopen(path, "rb");
        if (SCHEMA[i].required || probe)
            st = load_file(lex, (crier_table)i, path, 0, 1, err);
        if (probe)
            fclose(probe);
        if (st == CRIER_ERR_IO && err)
            err->code = st = CRIER_ERR_LEXICON;
        free(path);
    }
    if (st != CRIER_OK) {
        crier_lexicon_free(lex);
        return st;
    }
    *out = lex;
    return CRIER_OK;
}

crier_status crier_lexicon_add_file(crier_lexicon *lex, const char *path, crier_error *err)
{
    char *text;
    size_t len;
    crier_status st = crier_read_file(path, &text, &len, err);
    if (st != CRIER_OK)
        return st;
    int ti = table_from_header(text);
    free(text);
    if (ti < 0) {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        size_t n = strlen(base);
        if (n > 4 && strcmp(base + n - 4, ".tsv") == 0)
            n -= 4;
        ti = table_by_name(base, n);
    }
    if (ti < 0)
        return crier_fail(err, CRIER_ERR_LEXICON, path, 1,
                          "unknown table: name it with a '# table: NAME' line "
                          "(abbreviations, acronyms, pronunciations, ...)");
    return load_file(lex, (crier_table)ti, path, 1, 0, err);
}

void crier_lexicon_free(crier_lexicon *lex)
{
    if (!lex)
        return;
    for (int i = 0; i < CRIER_TAB_COUNT; i++) {
        table *t = &lex->tabs[i];
        for (size_t j = 0; j < t->n; j++)
            row_free(&t->rows[j]);
        free(t->rows);
        free(t->slots);
    }
    for (size_t i = 0; i < lex->nfiles; i++)
        free(lex->files[i]);
    free(lex->files);
    free(lex);
}

const crier_lex_row *crier_lex_find(const crier_lexicon *lex, crier_table ti, const char *key,
                                    size_t len)
{
    const table *t = &lex->tabs[ti];
    if (!t->n)
        return NULL;
    char small[128];
    char *k;
    int ascii = 1;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)key[i] < 0x80;
    if (len < sizeof small && (ascii || !SCHEMA[ti].fold)) {
        /* The common case, without an allocation: ASCII folds by tolower. */
        for (size_t i = 0; i < len; i++)
            small[i] = SCHEMA[ti].fold && key[i] >= 'A' && key[i] <= 'Z' ? (char)(key[i] + 32)
                                                                         : key[i];
        small[len] = '\0';
        k = small;
    } else if (SCHEMA[ti].fold) {
        k = crier_fold(key, len);
        if (!k)
            return NULL;
    } else {
        return NULL; /* no key is that long */
    }
    size_t slot = *find_slot(t, k);
    const crier_lex_row *r = slot ? &t->rows[slot - 1].pub : NULL;
    if (r && ti == CRIER_TAB_ABBREVIATIONS && (r->flags & CRIER_ABBR_CASE) &&
        (strlen(r->cols[0]) != len || memcmp(r->cols[0], key, len) != 0))
        r = NULL;
    if (k != small)
        free(k);
    return r;
}

size_t crier_lex_count(const crier_lexicon *lex, crier_table t) { return lex->tabs[t].n; }

const crier_lex_row *crier_lex_at(const crier_lexicon *lex, crier_table t, size_t i)
{
    return &lex->tabs[t].rows[i].pub;
}

const char *crier_lex_month_name(const crier_lexicon *lex, long m)
{
    for (size_t i = 0; i < crier_lex_count(lex, CRIER_TAB_MONTHS); i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_MONTHS, i);
        if (atol(r->cols[2]) == m)
            return r->cols[1];
    }
    return NULL;
}

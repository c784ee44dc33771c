/* lexicon.h -- the language data tables, as the stages see them.
 *
 * Every table is a TSV file under lexicon/<lang>/ (see lexicon/README.md).
 * The schema in lexicon.c lists each table's file, its column count and
 * the flag words its rows may carry. A loaded lexicon is immutable, so a
 * `const crier_lexicon *` can be shared by threads and forked workers. */
#ifndef CRIER_LEXICON_H
#define CRIER_LEXICON_H

#include "crier.h"

/* The tables. The order matches the schema array in lexicon.c. */
typedef enum crier_table {
    CRIER_TAB_ABBREVIATIONS,  /* form, expansion, flags */
    CRIER_TAB_ACRONYMS,       /* form, how (word|spell), spoken (optional) */
    CRIER_TAB_MONTHS,         /* form, name, number */
    CRIER_TAB_WEEKDAYS,       /* form, name */
    CRIER_TAB_NUMBER_WORDS,   /* value, cardinal, ordinal */
    CRIER_TAB_BOILERPLATE,    /* text, match (exact|prefix|contains) */
    CRIER_TAB_CREDITS,        /* prefix, kind (caption|credit|byline), flags */
    CRIER_TAB_SIGNPOSTS,      /* role, spoken */
    CRIER_TAB_PRONUNCIATIONS, /* word, phonemes (eSpeak ASCII) */
    CRIER_TAB_BULLETIN,       /* key, spoken line with {placeholders} */
    CRIER_TAB_COUNT
} crier_table;

/* Flag bits. Each table's bits follow the order of its flag words in the
 * schema (lexicon.c); a word in a row's flags column sets its bit. */
enum {
    /* abbreviations */
    CRIER_ABBR_TITLE = 1 << 0,    /* precedes a name: "Dr. Smith" */
    CRIER_ABBR_ENDS_OK = 1 << 1,  /* may end a sentence: "etc." */
    CRIER_ABBR_CASE = 1 << 2,     /* match the case exactly */
    CRIER_ABBR_BEFORE_NUM = 1 << 3, /* only before a number: "No. 10" */
    /* credits */
    CRIER_CREDIT_STRIP = 1 << 0   /* the prefix is not spoken */
};

/* One row. `cols[0]` is the key as written in the file. */
typedef struct crier_lex_row {
    const char *const *cols;
    int ncols;
    unsigned flags;
    const char *file; /* where the row came from, for messages */
    long line;
} crier_lex_row;

/* Finds the row whose key matches `key` (case-folded, unless the table or
 * row is case-sensitive). NULL when absent. */
const crier_lex_row *crier_lex_find(const crier_lexicon *lex, crier_table t, const char *key,
                                    size_t len);

/* Iterates over a table's rows in file order. */
size_t crier_lex_count(const crier_lexicon *lex, crier_table t);
const crier_lex_row *crier_lex_at(const crier_lexicon *lex, crier_table t, size_t i);

/* Case-folds UTF-8 text into a malloc'd NUL-terminated string (NULL on
 * out-of-memory or invalid UTF-8). The same folding the key index uses. */
char *crier_fold(const char *s, size_t len);

#endif

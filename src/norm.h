/* norm.h -- stage 2 internals, shared by normalize.c (tokenizer and
 * dispatcher) and the expanders numbers.c, dates.c and abbrev.c.
 *
 * The normalizer is three layers: the tokenizer cuts the text into tokens
 * with source offsets; classifiers look at a token and its neighbours and,
 * when they recognise something (a date, an amount, an acronym), consume
 * those tokens and call verbalizers, which emit spoken words through
 * crier_emit(). Every emitted word records the source span it came from. */
#ifndef CRIER_NORM_H
#define CRIER_NORM_H

#include "buf.h"
#include "lexicon.h"

typedef enum tok_kind {
    TK_WORD,  /* letters, with inner apostrophes and abbreviation dots */
    TK_NUM,   /* digits, with inner ',' and '.' grouping */
    TK_PUNCT, /* one punctuation code point */
    TK_SYM,   /* one symbol code point */
    TK_SPACE, /* a run of horizontal space */
    TK_NL     /* one newline */
} tok_kind;

enum {
    TF_UPPER = 1 << 0, /* a word with two or more letters, all upper-case */
    TF_CAP = 1 << 1,   /* a word starting with an upper-case letter */
    TF_DOTS = 1 << 2,  /* a word with inner dots: "U.S.", "e.g." */
    TF_CAPS_RUN = 1 << 3 /* part of a line written in capitals */
};

typedef struct tok {
    tok_kind kind;
    unsigned flags;
    size_t off, len; /* bytes of the source */
    int32_t cp;      /* PUNCT and SYM: the code point */
} tok;

typedef struct norm {
    const crier_lexicon *lex;
    unsigned flags;      /* CRIER_NORM_* */
    const char *src;
    tok *t;
    size_t n;
    crier_buf out;
    crier_span *spans;
    size_t nspans, capspans;
    int oom;
    int need_space;      /* a space goes before the next word */
} norm;

/* ==== Emitting (normalize.c) ============================================= */

/* Appends a spoken word (or several, separated by spaces) that came from
 * source bytes [off, off+len). */
void crier_emit(norm *z, const char *words, size_t off, size_t len);
/* Appends a pause mark ("," "." "?" ...) attached to the previous word. */
void crier_emit_pause(norm *z, const char *mark, size_t off, size_t len);

/* Token helpers. */
static inline const char *tok_text(const norm *z, size_t i) { return z->src + z->t[i].off; }
static inline int tok_is(const norm *z, size_t i, tok_kind k)
{
    return i < z->n && z->t[i].kind == k;
}
static inline int tok_punct(const norm *z, size_t i, int32_t cp)
{
    return i < z->n && (z->t[i].kind == TK_PUNCT || z->t[i].kind == TK_SYM) && z->t[i].cp == cp;
}
/* The index of the next token after `i` that is not a space (or z->n). */
size_t crier_skip_space(const norm *z, size_t i);
/* True when token i equals `s` (case-insensitive for words). */
int crier_tok_eq(const norm *z, size_t i, const char *s);

/* ==== Numbers (numbers.c) ================================================ */

/* Appends the cardinal words for a digit string (no separators) to `w`.
 * Long digit strings (over 15 digits) are read digit by digit. */
void crier_say_cardinal(const norm *z, const char *digits, size_t n, crier_buf *w);
/* Appends the ordinal words ("twenty-first"). */
void crier_say_ordinal(const norm *z, const char *digits, size_t n, crier_buf *w);
/* Appends a year the way it is said: "nineteen ninety-nine", "two
 * thousand eight", "twenty ten", "nineteen oh six". */
void crier_say_year(const norm *z, const char *digits, size_t n, crier_buf *w);
/* Copies the digits of a number token, dropping ',' separators, into
 * `out` (at most cap-1 digits). Returns the count, or 0 when the token has
 * a decimal part. */
size_t crier_num_digits(const norm *z, size_t i, char *out, size_t cap);

/* Classifier: cardinals, decimals, ordinals ("21st") and plain years. */
size_t crier_cls_number(norm *z, size_t i);

/* ==== Dates (dates.c) ==================================================== */

/* Classifier: "Sep 20", "Sep 1, 2022", "Tuesday (Sep 20)". */
size_t crier_cls_date(norm *z, size_t i);

/* ==== Words: abbreviations, acronyms, capitals (abbrev.c) ================ */

/* Classifier: dotted and listed abbreviations ("Dr.", "Brig.", "e.g."). */
size_t crier_cls_abbrev(norm *z, size_t i);
/* Classifier: upper-case words: acronyms from the lexicon, capitals
 * brought to normal case. */
size_t crier_cls_caps(norm *z, size_t i);
/* Verbalizer for an ordinary word, with its pronunciation from the
 * lexicon when CRIER_NORM_PHONEMES is set. */
size_t crier_cls_word(norm *z, size_t i);

#endif

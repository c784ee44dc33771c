/* norm.h -- stage 2 internals, shared by normalize.c (input hygiene,
 * tokenizer, dispatcher, emitter) and the classifiers in numbers.c,
 * fractions.c, money.c, measures.c, dates.c, times.c, ranges.c, roman.c,
 * serial.c, electronic.c, symbols.c and abbrev.c.
 *
 * The normalizer is three layers: the tokenizer cuts the text into tokens
 * with source offsets; classifiers look at a token and its neighbours and,
 * when they recognise something (a date, an amount, an acronym), consume
 * those tokens and call verbalizers, which emit spoken words through
 * crier_emit(). Every emitted word records the source span it came from.
 *
 * Linear time is a design rule: a classifier looks at a bounded number of
 * tokens around its position (NORM_LOOK), or scans a run of glued tokens
 * once and remembers where it ended, so no input makes the whole text be
 * rescanned from every position. */
#ifndef CRIER_NORM_H
#define CRIER_NORM_H

#include "buf.h"
#include "lexicon.h"

#include <stdint.h>

typedef enum tok_kind {
    TK_WORD,  /* letters, with inner apostrophes and abbreviation dots */
    TK_NUM,   /* digits, with inner ',' and '.' grouping */
    TK_PUNCT, /* one punctuation code point */
    TK_SYM,   /* one symbol code point */
    TK_SPACE, /* a run of horizontal space */
    TK_NL     /* one newline */
} tok_kind;

enum {
    TF_UPPER = 1 << 0,   /* a word with two or more letters, all upper-case */
    TF_CAP = 1 << 1,     /* a word starting with an upper-case letter */
    TF_DOTS = 1 << 2,    /* a word with inner dots: "U.S.", "e.g." */
    TF_CAPS_RUN = 1 << 3, /* part of a line written in capitals */
    TF_LOWER = 1 << 4    /* a word all in lower case */
};

/* How far classifiers look ahead or back, in tokens. */
#define NORM_LOOK 16
/* Digit strings longer than this are read digit by digit. */
#define NORM_MAX_DIGITS 21

typedef struct tok {
    tok_kind kind;
    unsigned flags;
    size_t off, len; /* bytes of the (cleaned) text */
    int32_t cp;      /* PUNCT and SYM: the code point */
} tok;

/* A point where the cleaned text and the source stop lining up: clean
 * offset `c` corresponds to source offset `s`. See normalize.c. */
typedef struct norm_mark {
    size_t c, s;
} norm_mark;

typedef struct norm {
    const crier_lexicon *lex;
    unsigned flags;      /* CRIER_NORM_* */
    const char *src;     /* the cleaned text the tokens point into */
    size_t srclen;
    tok *t;
    size_t n;
    crier_buf out;
    crier_span *spans;
    size_t nspans, capspans;
    int oom;
    int need_space;      /* a space goes before the next word */
    int glue;            /* the next word is glued to the previous one */
    int letter_a;        /* the last word was the letter "A" */
    size_t scan_end;     /* electronic.c: tokens before this were scanned */
    size_t q_tok, q_count; /* measures.c: '"' counted on the line before q_tok */
} norm;

/* ==== Emitting (normalize.c) ============================================= */

/* Appends spoken words (several, separated by spaces) that came from
 * source bytes [off, off+len). */
void crier_emit(norm *z, const char *words, size_t off, size_t len);
/* The same for the tokens [i, j): the span runs from the first to the
 * end of the last. */
void crier_emit_toks(norm *z, const char *words, size_t i, size_t j);
/* Appends a pause mark ("," "." "?" ...) attached to the previous word. */
void crier_emit_pause(norm *z, const char *mark, size_t off, size_t len);
/* Emits a buffer built by a verbalizer for tokens [i, j), frees it, and
 * returns j - i (the classifier's result). */
size_t crier_emit_buf(norm *z, crier_buf *w, size_t i, size_t j);
/* True when nothing has been said yet in the current sentence. */
int crier_sentence_start(const norm *z);

/* ==== Tokens (normalize.c) =============================================== */

static inline const char *tok_text(const norm *z, size_t i) { return z->src + z->t[i].off; }
static inline size_t tok_end(const norm *z, size_t i) { return z->t[i].off + z->t[i].len; }
static inline int tok_is(const norm *z, size_t i, tok_kind k)
{
    return i < z->n && z->t[i].kind == k;
}
static inline int tok_punct(const norm *z, size_t i, int32_t cp)
{
    return i < z->n && (z->t[i].kind == TK_PUNCT || z->t[i].kind == TK_SYM) && z->t[i].cp == cp;
}
/* True when token i touches token i-1 (no space or line between), and
 * neither is a space or a newline. */
static inline int tok_glued(const norm *z, size_t i)
{
    return i > 0 && i < z->n && z->t[i - 1].kind != TK_SPACE && z->t[i - 1].kind != TK_NL &&
           z->t[i].kind != TK_SPACE && z->t[i].kind != TK_NL;
}
/* True when token i is a dash or hyphen: '-', en dash, em dash. */
int crier_tok_dash(const norm *z, size_t i);
/* The index of the next token after `i` that is not a space (or z->n). */
size_t crier_skip_space(const norm *z, size_t i);
/* The index of the token before `i` that is not a space, or (size_t)-1. */
size_t crier_prev_word(const norm *z, size_t i);
/* True when token i equals `s` (case-insensitive for words). */
int crier_tok_eq(const norm *z, size_t i, const char *s);
/* The lexicon row of `table` keyed by token i's text (NULL if none). */
const crier_lex_row *crier_tok_find(const norm *z, crier_table table, size_t i);
/* The spoken form of a connecting word from phrases.tsv ("to", "a-half"),
 * or the key itself when the table lacks it. */
const char *crier_phrase(const norm *z, const char *key);
/* Appends a phrase with a space before it. */
void crier_put_phrase(const norm *z, const char *key, crier_buf *w);
/* The context-words flags of token i (0 if it is not a listed word). */
unsigned crier_tok_ctx(const norm *z, size_t i);
/* True when the word right after token `end` (past one space) has the
 * context flag `flag` ("4/5 stars"). */
int crier_ctx_after(const norm *z, size_t end, unsigned flag);
/* True when one of the `back` words before token i has `flag` ("rated
 * the play 9/10"). */
int crier_ctx_before(const norm *z, size_t i, unsigned flag, int back);
/* True when va and vb, written from token i to `end` ("245/6", "245-6",
 * "5/42"), are a score in cricket: runs for wickets, or a bowler's
 * wickets for runs, with a word of cricket near (fractions.c). */
int crier_cricket_score(const norm *z, size_t i, size_t end, long va, long vb);
/* True when token k is a slash glued between two single capitals, an
 * initialism written "P/E" or "A/C" (abbrev.c). */
int crier_slash_initials(const norm *z, size_t k);

/* ==== Numbers (numbers.c) ================================================ */

/* A number as written: sign, integer digits (may hold ',' separators),
 * and fraction digits after the point. */
typedef struct numx {
    size_t i, end;       /* tokens [i, end) */
    int neg;
    const char *ip;      /* integer part, or NULL for ".5" */
    size_t ipn;
    const char *fp;      /* fraction digits, or NULL */
    size_t fpn;
} numx;

/* Parses a number at token i: an optional sign ("-5" when the minus is
 * not glued to a word before it), a NUM token that is an integer (with
 * or without thousands separators) or a decimal, or ".5". Returns the
 * tokens used, or 0. */
size_t crier_num_parse(const norm *z, size_t i, numx *x);
/* True when the number is exactly one (units and currencies agree). */
int crier_num_is_one(const numx *x);
/* The integer value of a plain digit string (no separators), or -1 when it
 * is longer than 9 digits. */
long crier_digits_value(const char *d, size_t n);

/* Verbalizers: they append words to `w`. Digit strings may hold ','. */
void crier_say_cardinal(const norm *z, const char *digits, size_t n, crier_buf *w);
void crier_say_ordinal(const norm *z, const char *digits, size_t n, crier_buf *w);
/* Each digit as a word: "zero zero four". */
void crier_say_digits(const norm *z, const char *digits, size_t n, crier_buf *w);
/* A year: "nineteen ninety-nine", "two thousand eight", "twenty ten",
 * "nineteen oh six"; three digits in pairs, "eight eighty-six". */
void crier_say_year(const norm *z, const char *digits, size_t n, crier_buf *w);
/* A number as a whole: sign, integer, "point", digits. */
void crier_say_num(const norm *z, const numx *x, crier_buf *w);
/* A fraction: "one half", "three quarters", "one twenty-fifth"
 * (fractions.c, like the fraction parser and classifier below). */
void crier_say_fraction(const norm *z, const char *num, size_t nn, const char *den,
                        size_t dn, crier_buf *w);
/* Appends the word for `key` in number-words.tsv (col 1 cardinal, 2
 * ordinal), with a space before it when needed. */
void crier_put_number_word(const norm *z, const char *key, int col, crier_buf *w);
/* Replaces the last number word of `w` by its plural ("ninety" ->
 * "nineties", "hundred" -> "hundreds", "seven" -> "sevens"). */
void crier_pluralize_last(const norm *z, crier_buf *w);
/* Appends a word with one space before it (none at the start). */
void crier_put_word(crier_buf *w, const char *s);

/* True when word token i, glued to a number, is an ordinal suffix: `want`
 * ("st"), or any of st/nd/rd/th when NULL. "th's" counts, with *poss set. */
int crier_suffix_at(const norm *z, size_t i, const char *want, int *poss);
/* True when the one-letter word at token k, glued to a number, is a
 * scale ("m" for million) because what follows is counted: "1.5m euros",
 * "3m copies". */
int crier_scale_before_noun(const norm *z, size_t k);
/* True when "circa" stands before token i, written out or abbreviated
 * ("c.", "ca." in abbreviations.tsv): a number of three digits after it
 * is a year ("c. 950" "circa nine fifty"). */
int crier_circa_before(const norm *z, size_t i);
/* True when the amount of tokens [i, end) is an adjective: after "a" or
 * "an" and before a noun in lower case, "a $50,000 prize", "a 5 km
 * race". Its unit is then singular. */
int crier_adjective_amount(const norm *z, size_t i, size_t end);
/* Classifier: cardinals, ordinals, decimals, percents, fractions, years. */
size_t crier_cls_number(norm *z, size_t i);
/* Parses a fraction ("1/2", "3 1/2", "½") at token i into `w`; *whole is
 * set when a unit after it is plural (a mixed number, or a reading such
 * as "130/80"). Returns the tokens used, or 0. */
size_t crier_fraction_parse(const norm *z, size_t i, crier_buf *w, int *whole);
/* True when the fraction at [i, end) is betting odds ("the 9/4
 * favourite"): read "nine to four", and not a date. */
int crier_fraction_odds(const norm *z, size_t i, size_t end);
/* Classifier: "1/2", "3 1/2", "½". */
size_t crier_cls_fraction(norm *z, size_t i);

/* ==== Money and measures (money.c, measures.c) =========================== */

size_t crier_cls_money(norm *z, size_t i);
/* Old British money: "£5 10s. 6d.", "4s. 6d.", "1,000l.", "1/2d.". */
size_t crier_cls_old_money(norm *z, size_t i);
/* Parses a unit at token i ("km", "km/h", "°C", "sq ft"); fills `w` with
 * its words, singular or plural. Returns the tokens used, or 0. `glued`
 * says whether the unit touches its number, `after` whether it follows
 * another measure. */
/* "15 lbs. of hay", "$3/lb. at most": the dot of an abbreviated unit at
 * token `end` is the unit's when a lower-case word or a number goes on;
 * returns the index after it, or `end`. */
size_t crier_unit_dot(const norm *z, size_t end);
size_t crier_unit_parse(const norm *z, size_t i, int plural, int glued, int after,
                        crier_buf *w);
size_t crier_cls_measure(norm *z, size_t i);
/* True when token k is plain digits, exactly `n` of them if n > 0
 * (numbers.c). */
int crier_digits_tok(const norm *z, size_t k, size_t n);
/* The units row for source bytes s[0..n): exactly, then in lower case for
 * rows flagged anycase ("mL", "KM"), or NULL (measures.c). */
const crier_lex_row *crier_unit_row(const norm *z, const char *s, size_t n);

/* ==== Dates, times, ranges (dates.c, years.c, times.c, ranges.c) ========= */

size_t crier_cls_date(norm *z, size_t i);
/* The month name or abbreviation at token i (months.tsv), with the
 * tokens it uses (its dot) in *used, or NULL. */
const crier_lex_row *crier_month_at(const norm *z, size_t i, size_t *used);
/* True when token i is a number of four digits that can be a year. */
int crier_is_year(const norm *z, size_t i);
/* "300 BC", "AD 79": an era and its year at token i (years.c); returns
 * the tokens used, or 0. */
size_t crier_era_date(norm *z, size_t i);
size_t crier_cls_decade(norm *z, size_t i);
/* The time-words.tsv row for word token i ("p.m.", "GMT", "B.C."),
 * looked up without its dots, or NULL (times.c). */
const crier_lex_row *crier_time_word(const norm *z, size_t i);
/* Parses a decade at token i ("1990s", "'90s", "1800's") into `w`
 * ("nineteen nineties"); returns the tokens used, or 0. */
size_t crier_decade_parse(const norm *z, size_t i, crier_buf *w);
/* Parses an era after optional spaces at token i ("BC", "A.D.") into `w`;
 * returns the tokens used, or 0. */
size_t crier_era_parse(const norm *z, size_t i, crier_buf *w);
/* After an era at token k was emitted: its last dot ("B.C.") is also a
 * full stop when a sentence starts after it. */
void crier_era_full_stop(norm *z, size_t k);
/* True when the four-digit number at token i reads as a year here. */
int crier_year_context(const norm *z, size_t i);
size_t crier_cls_time(norm *z, size_t i);
/* True when an a.m./p.m. marker stands at token i (after optional space). */
int crier_ampm_at(const norm *z, size_t i);
size_t crier_cls_range(norm *z, size_t i);

/* ==== Other classes (roman.c, serial.c, electronic.c, symbols.c) ========= */

size_t crier_cls_roman(norm *z, size_t i);
/* True when the word at token i is a Roman numeral (either case) that an
 * abbreviation said as `said` counts: "Vol. II", "ch. iv", and one letter
 * after a counting word of roman-context.tsv, "chap. v" ("chapter"). */
int crier_roman_counted(const norm *z, size_t i, const char *said);
/* The value of word token i as a canonical Roman numeral in either case
 * ("XIV", "xiv"), or 0. */
int crier_roman_word_value(const norm *z, size_t i);
/* Chapter and verse: "Matt. v. 3", "1 Cor. xiii. 4", "Rom. 8:28"
 * (verses.c, scripture.tsv). */
size_t crier_cls_verse(norm *z, size_t i);
/* "1428 Elm St.", "708 N 1st St": house numbers and compass points. */
size_t crier_cls_address(norm *z, size_t i);
/* Markup-like tags ("<noise/>") are left as they are written. */
size_t crier_cls_markup(norm *z, size_t i);
size_t crier_cls_phone(norm *z, size_t i);
size_t crier_cls_serial(norm *z, size_t i);
size_t crier_cls_electronic(norm *z, size_t i);
size_t crier_cls_symbol(norm *z, size_t i);
/* The symbols.tsv row for a code point (written as itself or U+XXXX). */
const crier_lex_row *crier_symbol_row(const norm *z, int32_t cp);

/* ==== Words: abbreviations, acronyms, capitals (abbrev.c) ================ */

size_t crier_cls_state(norm *z, size_t i);
size_t crier_cls_abbrev(norm *z, size_t i);
/* The abbreviations row for the word at token i, with its dot if one is
 * glued to it ("St.", "St", "N"); *used counts the tokens and *dot says
 * whether a dot was part of it. NULL when there is none. */
const crier_lex_row *crier_abbrev_at(const norm *z, size_t i, size_t *used, int *dot);
/* True when the dot of an abbreviation before token `next` ends the
 * sentence: at the end of a line, or before a capitalised word that
 * usually starts one. */
int crier_ends_sentence(const norm *z, size_t next);
size_t crier_cls_caps(norm *z, size_t i);
size_t crier_cls_idiom(norm *z, size_t i);
size_t crier_cls_word(norm *z, size_t i);
/* Appends the letters of s[0..n) as spoken letter names, upper-case and
 * separated by spaces ("U S"). */
void crier_spell(const char *s, size_t n, crier_buf *w);
/* True when an upper-case word can be said as a word (phonotactics.tsv). */
int crier_pronounceable(const norm *z, const char *s, size_t n);
/* Appends an upper-case word as it is said: from acronyms.tsv, else spelled
 * or as a word by the rule. `caps_run` asks for normal case. */
void crier_say_caps(const norm *z, const char *s, size_t n, int caps_run, crier_buf *w);

#endif

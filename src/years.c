/* years.c -- stage 2: eras, decades, and whether a four-digit number in
 * running text is a year.
 *
 * Eras: "300 BC", "886 B.C.", "AD 79", "63 BC – AD 14" (the number is
 * read as a year). Decades: "the 1990s", "'90s", "1800's", "mid-80s".
 * And the question the other stages ask of every four-digit number, "in
 * 1999" against "1999 people" (crier_year_context). The calendar dates
 * themselves are in dates.c. */
#include "internal.h"
#include "norm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== Eras and decades =================================================== */

/* True when token i is an era word ("BC", "B.C.", "A.D"). */
static int era_at(const norm *z, size_t i)
{
    const crier_lex_row *r = tok_is(z, i, TK_WORD) && z->t[i].len <= 8 ? crier_time_word(z, i) : NULL;
    return r && strcmp(r->cols[1], "era") == 0 && (z->t[i].flags & (TF_UPPER | TF_DOTS));
}

static void say_era(const norm *z, size_t i, crier_buf *w)
{
    crier_put_word(w, "");
    crier_spell(tok_text(z, i), z->t[i].len, w);
}

/* "63 BC – AD 14", "753 BC – 509 BC", "4 BC – c. AD 30": a dash after a
 * dated year, before another year with its era or "c.", is "to", not a
 * pause. Appends "to" and returns the token after the dash, or `end`. */
static size_t era_range(const norm *z, size_t end, crier_buf *w)
{
    size_t d = crier_skip_space(z, end);
    if (!crier_tok_dash(z, d))
        return end;
    size_t e = crier_skip_space(z, d + 1);
    if (crier_tok_eq(z, e, "c") && tok_punct(z, e + 1, '.'))
        e = crier_skip_space(z, e + 2);
    size_t n = crier_skip_space(z, e + 1);
    /* "(70 BC – 10 August 30 BC)": a date after the dash */
    int date = tok_is(z, e, TK_NUM) && tok_is(z, n, TK_WORD) && crier_tok_find(z, CRIER_TAB_MONTHS, n);
    if (!(era_at(z, e) && tok_is(z, n, TK_NUM)) && !(tok_is(z, e, TK_NUM) && era_at(z, n)) && !date)
        return end;
    crier_put_phrase(z, "to", w);
    return d + 1;
}

/* "300 BC", "886 B.C.", "AD 79": the number is read as a year. */
size_t crier_era_date(norm *z, size_t i)
{
    crier_buf w = CRIER_BUF_INIT;
    size_t k = crier_skip_space(z, i + 1);
    if (era_at(z, i) && tok_is(z, k, TK_NUM) && k > i + 1 && z->t[k].len <= 4 &&
        crier_digits_value(tok_text(z, k), z->t[k].len) > 0) {
        say_era(z, i, &w);
        crier_say_year(z, tok_text(z, k), z->t[k].len, &w);
        /* "B.C. 490-479", "A.D. 1200-1300": the era before a span of
         * years serves both. */
        size_t e = k + 2;
        if (crier_tok_dash(z, k + 1) && tok_glued(z, k + 1) && tok_is(z, e, TK_NUM) &&
            tok_glued(z, e) && z->t[e].len <= 4 && crier_digits_value(tok_text(z, e), z->t[e].len) > 0 &&
            !(tok_is(z, e + 1, TK_WORD) && tok_glued(z, e + 1))) {
            crier_put_phrase(z, "to", &w);
            crier_say_year(z, tok_text(z, e), z->t[e].len, &w);
            return crier_emit_buf(z, &w, i, e + 1);
        }
        return crier_emit_buf(z, &w, i, era_range(z, k + 1, &w));
    }
    if (!tok_is(z, i, TK_NUM) || z->t[i].len > 4 || crier_digits_value(tok_text(z, i), z->t[i].len) <= 0)
        return 0;
    if (!era_at(z, k))
        return 0;
    crier_say_year(z, tok_text(z, i), z->t[i].len, &w);
    say_era(z, k, &w);
    size_t end = era_range(z, k + 1, &w);
    crier_emit_buf(z, &w, i, end);
    if (end == k + 1)
        crier_era_full_stop(z, k);
    return end - i;
}

/* "in 55 B.C. Then": the era's last dot may end the sentence too, as
 * after "U.S.". */
void crier_era_full_stop(norm *z, size_t k)
{
    if (tok_text(z, k)[z->t[k].len - 1] == '.' && crier_ends_sentence(z, k + 1))
        crier_emit_pause(z, ".", tok_end(z, k) - 1, 1);
}

size_t crier_era_parse(const norm *z, size_t i, crier_buf *w)
{
    size_t k = crier_skip_space(z, i);
    if (!era_at(z, k))
        return 0;
    say_era(z, k, w);
    return k + 1 - i;
}

/* The plural comes from number-words.tsv where English makes it
 * irregular ("ninety" -> "nineties"); otherwise an s is added. */
void crier_pluralize_last(const norm *z, crier_buf *w)
{
    size_t i = w->len;
    while (i > 0 && w->ptr[i - 1] != ' ' && w->ptr[i - 1] != '-')
        i--;
    size_t k = w->len - i, count = crier_lex_count(z->lex, CRIER_TAB_NUMBER_WORDS);
    for (size_t r = 0; r < count; r++) {
        const crier_lex_row *row = crier_lex_at(z->lex, CRIER_TAB_NUMBER_WORDS, r);
        if (row->ncols > 3 && strlen(row->cols[1]) == k && memcmp(row->cols[1], w->ptr + i, k) == 0) {
            crier_buf_truncate(w, i);
            crier_buf_puts(w, row->cols[3]);
            return;
        }
    }
    crier_buf_putc(w, 's');
}

/* A decade ends in zero and takes an "s", glued, after an apostrophe,
 * or after a space in tokenized text; two-digit decades may start with an
 * apostrophe ("'90s"). */
size_t crier_decade_parse(const norm *z, size_t i, crier_buf *w)
{
    size_t j = i;
    int apos = tok_punct(z, j, '\'') && tok_is(z, j + 1, TK_NUM) && tok_glued(z, j + 1);
    j += apos;
    if (!tok_is(z, j, TK_NUM))
        return 0;
    size_t n = z->t[j].len;
    const char *s = tok_text(z, j);
    if ((n != 2 && n != 4) || s[n - 1] != '0' || crier_digits_value(s, n) < 0 ||
        (apos && n != 2) || (n == 4 && (s[0] < '1' || s[0] > '2')) ||
        (n == 4 && memcmp(s, "1000", 4) == 0)) /* "1000s" are thousands */
        return 0;
    size_t k = j + 1;
    if (tok_punct(z, k, '\'') && tok_glued(z, k))
        k++;
    else if (tok_is(z, k, TK_SPACE) && z->t[k].len == 1 && n == 4)
        k++; /* "1980 s", as tokenized text writes it */
    if (!crier_tok_eq(z, k, "s") || (k == j + 1 && !tok_glued(z, k)))
        return 0;
    if (n == 4)
        crier_say_year(z, s, n, w);
    else
        crier_say_cardinal(z, s, n, w);
    crier_pluralize_last(z, w);
    return k + 1 - i;
}

/* Emits a decade parsed by crier_decade_parse(). */
size_t crier_cls_decade(norm *z, size_t i)
{
    crier_buf w = CRIER_BUF_INIT;
    size_t used = crier_decade_parse(z, i, &w);
    if (!used) {
        crier_buf_free(&w);
        return 0;
    }
    return crier_emit_buf(z, &w, i, i + used);
}

/* ==== Years in running text ============================================== */

/* A four-digit number is a year unless the noun after it says it counts
 * something: "1999 people", "1500 men", "2000 votes". A preposition or a
 * determiner before it ("in 1999", "the 1999 war") or a month makes it a
 * year whatever follows. */
static int year_context(const norm *z, size_t i, int chain);

/* "between 1990 and 1995 sales": after a conjunction, a number is a year
 * when the number before the conjunction is one. One step back only, so
 * that a long list costs no more than a short one. */
static int joined_year(const norm *z, size_t p)
{
    size_t q = crier_prev_word(z, p);
    return (crier_tok_ctx(z, p) & CRIER_CTX_CONJUNCTION) && q != (size_t)-1 && crier_is_year(z, q) &&
           year_context(z, q, 0);
}

int crier_year_context(const norm *z, size_t i) { return year_context(z, i, 1); }

static int year_context(const norm *z, size_t i, int chain)
{
    size_t p = crier_prev_word(z, i), mu;
    /* "pre-1914", "post-2008", "mid-1990": a prefix glued by a hyphen. */
    if (p != (size_t)-1 && p + 1 == i && crier_tok_dash(z, p) && p > 0 && tok_glued(z, p) &&
        tok_is(z, p - 1, TK_WORD))
        return (crier_tok_ctx(z, p - 1) & CRIER_CTX_YEAR_BEFORE) != 0;
    if (p != (size_t)-1 && (tok_punct(z, p, '(') || tok_punct(z, p, '"')))
        p = crier_prev_word(z, p);
    unsigned before = p != (size_t)-1 ? crier_tok_ctx(z, p) : 0;
    /* "Q4 2023", "H1 2024": a label of a letter and a digit, looked up
     * whole in context-words.tsv. */
    if (p != (size_t)-1 && p > 0 && tok_is(z, p, TK_NUM) && tok_glued(z, p) &&
        tok_is(z, p - 1, TK_WORD) && !(p > 1 && tok_glued(z, p - 1))) {
        const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_CONTEXT_WORDS,
                                                tok_text(z, p - 1), tok_end(z, p) - z->t[p - 1].off);
        before = r ? r->flags : 0;
    }
    if (before & (CRIER_CTX_YEAR_BEFORE | CRIER_CTX_DETERMINER))
        return 1;
    if (p != (size_t)-1 && crier_month_at(z, p, &mu))
        return 1;
    if (chain && p != (size_t)-1 && joined_year(z, p))
        return 1;
    size_t k = crier_skip_space(z, i + 1);
    if (k == i + 1 || !tok_is(z, k, TK_WORD))
        return 1;
    unsigned after = crier_tok_ctx(z, k);
    if (after & (CRIER_CTX_COUNT_NOUN | CRIER_CTX_UNIT_WORD))
        return 0;
    const char *s = tok_text(z, k);
    size_t n = z->t[k].len;
    /* "1999 votes": a plural noun in lower case. */
    if ((z->t[k].flags & TF_LOWER) && n > 3 && s[n - 1] == 's' && s[n - 2] != 's' &&
        s[n - 2] != 'u' && s[n - 2] != 'i' && s[n - 2] != '\'' &&
        !(after & (CRIER_CTX_STARTER | CRIER_CTX_YEAR_BEFORE)))
        return 0;
    return 1;
}

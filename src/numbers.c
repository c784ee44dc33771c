/* numbers.c -- stage 2 expander: cardinals, ordinals, decimals and years.
 *
 * The words come from lexicon/en/number-words.tsv (value, cardinal,
 * ordinal); this file only knows English grouping: hundreds, then scales of
 * a thousand, with a hyphen inside the tens ("twenty-one") and no "and",
 * as American news style reads numbers. */
#include "internal.h"
#include "norm.h"

#include <stdio.h>
#include <string.h>

/* ==== Words from the lexicon ============================================= */

/* Appends the word for a small value ("7", "40", "1000") in column `col`
 * (1 = cardinal, 2 = ordinal). */
static void put_word(const norm *z, const char *value, int col, crier_buf *w)
{
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_NUMBER_WORDS, value, strlen(value));
    if (w->len && w->ptr[w->len - 1] != ' ' && w->ptr[w->len - 1] != '-')
        crier_buf_putc(w, ' ');
    crier_buf_puts(w, r ? r->cols[col] : value);
}

static void put_small(const norm *z, int v, crier_buf *w)
{
    char s[16];
    snprintf(s, sizeof s, "%d", v);
    put_word(z, s, 1, w);
}

/* Appends 1..999. */
static void say_under_1000(const norm *z, int v, crier_buf *w)
{
    if (v >= 100) {
        put_small(z, v / 100, w);
        put_word(z, "100", 1, w);
        v %= 100;
    }
    if (v >= 20) {
        put_small(z, v - v % 10, w);
        if (v % 10) {
            crier_buf_putc(w, '-');
            put_small(z, v % 10, w);
        }
    } else if (v > 0) {
        put_small(z, v, w);
    }
}

static void say_digits(const norm *z, const char *d, size_t n, crier_buf *w)
{
    for (size_t i = 0; i < n; i++)
        put_small(z, d[i] - '0', w);
}

/* ==== Cardinals and ordinals ============================================= */

void crier_say_cardinal(const norm *z, const char *d, size_t n, crier_buf *w)
{
    static const char *SCALES[] = {"", "1000", "1000000", "1000000000", "1000000000000"};
    while (n > 1 && d[0] == '0') {
        d++;
        n--;
    }
    if (n > 15) {
        say_digits(z, d, n, w);
        return;
    }
    if (n == 1 && d[0] == '0') {
        put_small(z, 0, w);
        return;
    }
    size_t groups = (n + 2) / 3;
    size_t first = n - (groups - 1) * 3;
    for (size_t g = 0, pos = 0; g < groups; g++) {
        size_t len = g == 0 ? first : 3;
        int v = 0;
        for (size_t k = 0; k < len; k++)
            v = v * 10 + (d[pos + k] - '0');
        pos += len;
        if (v) {
            say_under_1000(z, v, w);
            size_t scale = groups - 1 - g;
            if (scale)
                put_word(z, SCALES[scale], 1, w);
        }
    }
}

/* Replaces the last word of `w` (after any hyphen) by its ordinal form,
 * found by searching the cardinal column of number-words. */
static void ordinalize_last(const norm *z, crier_buf *w, size_t from)
{
    size_t i = w->len;
    while (i > from && w->ptr[i - 1] != ' ' && w->ptr[i - 1] != '-')
        i--;
    size_t k = w->len - i;
    size_t count = crier_lex_count(z->lex, CRIER_TAB_NUMBER_WORDS);
    for (size_t r = 0; r < count; r++) {
        const crier_lex_row *row = crier_lex_at(z->lex, CRIER_TAB_NUMBER_WORDS, r);
        if (strlen(row->cols[1]) == k && memcmp(row->cols[1], w->ptr + i, k) == 0) {
            crier_buf_truncate(w, i);
            crier_buf_puts(w, row->cols[2]);
            return;
        }
    }
    crier_buf_puts(w, "th");
}

void crier_say_ordinal(const norm *z, const char *d, size_t n, crier_buf *w)
{
    size_t from = w->len;
    crier_say_cardinal(z, d, n, w);
    ordinalize_last(z, w, from);
}

/* ==== Years ============================================================== */

void crier_say_year(const norm *z, const char *d, size_t n, crier_buf *w)
{
    if (n != 4 || d[0] == '0') {
        crier_say_cardinal(z, d, n, w);
        return;
    }
    int hi = (d[0] - '0') * 10 + (d[1] - '0');
    int lo = (d[2] - '0') * 10 + (d[3] - '0');
    if ((hi % 10 == 0 && lo < 10) || (hi == 20 && lo < 10)) {
        /* 2000-2009, 1000-1009: "two thousand eight" */
        crier_say_cardinal(z, d, n, w);
        return;
    }
    say_under_1000(z, hi, w);
    if (lo == 0) {
        put_word(z, "100", 1, w);
    } else if (lo < 10) {
        put_word(z, "o", 1, w); /* "nineteen oh six" */
        put_small(z, lo, w);
    } else {
        say_under_1000(z, lo, w);
    }
}

/* ==== Classifier ========================================================= */

size_t crier_num_digits(const norm *z, size_t i, char *out, size_t cap)
{
    const char *s = tok_text(z, i);
    size_t k = 0;
    for (size_t j = 0; j < z->t[i].len; j++) {
        if (s[j] == '.')
            return 0;
        if (s[j] != ',' && k + 1 < cap)
            out[k++] = s[j];
    }
    out[k] = '\0';
    return k;
}

/* True when token i (a number) is glued to an ordinal suffix. */
static int ordinal_suffix(const norm *z, size_t i)
{
    static const char *SUFFIX[] = {"st", "nd", "rd", "th"};
    if (!tok_is(z, i + 1, TK_WORD))
        return 0;
    for (size_t k = 0; k < CRIER_ARRAY_LEN(SUFFIX); k++)
        if (crier_tok_eq(z, i + 1, SUFFIX[k]))
            return 1;
    return 0;
}

/* "3.14": the integer part as a cardinal, then "point" and the digits. */
static void say_decimal(const norm *z, const char *s, size_t n, crier_buf *w)
{
    const char *dot = memchr(s, '.', n);
    char ip[64];
    size_t k = 0;
    for (const char *p = s; p < dot && k + 1 < sizeof ip; p++)
        if (*p != ',')
            ip[k++] = *p;
    crier_say_cardinal(z, ip, k, w);
    put_word(z, ".", 1, w);
    say_digits(z, dot + 1, (size_t)(s + n - dot - 1), w);
}

size_t crier_cls_number(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_NUM))
        return 0;
    const tok *t = &z->t[i];
    const char *s = tok_text(z, i);
    crier_buf w = CRIER_BUF_INIT;
    char d[64];
    size_t n = crier_num_digits(z, i, d, sizeof d);
    size_t used = 1;
    if (n == 0) {
        say_decimal(z, s, t->len, &w);
    } else if (ordinal_suffix(z, i)) {
        crier_say_ordinal(z, d, n, &w);
        used = 2;
    } else if (n == 4 && t->len == 4 && d[0] != '0' && memcmp(d, "1100", 4) >= 0 &&
               memcmp(d, "2099", 4) <= 0) {
        crier_say_year(z, d, n, &w);
    } else {
        crier_say_cardinal(z, d, n, &w);
    }
    size_t src_len = z->t[i + used - 1].off + z->t[i + used - 1].len - t->off;
    if (w.ptr)
        crier_emit(z, w.ptr, t->off, src_len);
    z->oom |= w.oom;
    crier_buf_free(&w);
    return used;
}

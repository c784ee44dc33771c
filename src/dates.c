/* dates.c -- stage 2 expander: calendar dates.
 *
 * Recognises a month name or abbreviation (months.tsv) followed by a day,
 * with an optional year: "Sep 20", "Sept. 20", "Oct 31", "Sep 1, 2022"; a
 * day before a month: "20 September 2022"; and a weekday with the date in
 * brackets or after a comma: "Tuesday (Sep 20)". Days are ordinals and
 * years are read as years: "September first, twenty twenty-two". */
#include "internal.h"
#include "norm.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Returns the months row for word token i, or NULL. */
static const crier_lex_row *month_at(const norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD))
        return NULL;
    return crier_lex_find(z->lex, CRIER_TAB_MONTHS, tok_text(z, i), z->t[i].len);
}

/* The day number of token i (1-31), or 0. */
static int day_at(const norm *z, size_t i)
{
    if (!tok_is(z, i, TK_NUM) || z->t[i].len > 2)
        return 0;
    int d = atoi(tok_text(z, i));
    return d >= 1 && d <= 31 ? d : 0;
}

static int is_year(const norm *z, size_t i)
{
    return tok_is(z, i, TK_NUM) && z->t[i].len == 4;
}

/* Skips an ordinal suffix glued to a day ("20th"). */
static size_t after_day(const norm *z, size_t i)
{
    int glued = tok_is(z, i + 1, TK_WORD) && z->t[i + 1].off == z->t[i].off + z->t[i].len;
    if (glued && (crier_tok_eq(z, i + 1, "st") || crier_tok_eq(z, i + 1, "nd") ||
                  crier_tok_eq(z, i + 1, "rd") || crier_tok_eq(z, i + 1, "th")))
        return i + 2;
    return i + 1;
}

/* If a year follows at j (", 2022" or " 2022"), returns its index and sets
 * *comma when a comma separated it; else returns 0. */
static size_t year_after(const norm *z, size_t j, int *comma)
{
    size_t k = crier_skip_space(z, j);
    *comma = 0;
    if (tok_punct(z, k, ',')) {
        *comma = 1;
        k = crier_skip_space(z, k + 1);
    }
    return k > j && is_year(z, k) ? k : 0;
}

/* Emits "September twentieth[, twenty twenty-two]" for a month-first date
 * starting at i; returns the tokens used, or 0. */
static size_t month_first(norm *z, size_t i)
{
    const crier_lex_row *m = month_at(z, i);
    if (!m)
        return 0;
    size_t j = i + 1;
    if (tok_punct(z, j, '.'))
        j++;
    size_t k = crier_skip_space(z, j);
    if (k == j || !day_at(z, k))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_buf_puts(&w, m->cols[1]);
    crier_buf_putc(&w, ' ');
    char d[4];
    size_t n = crier_num_digits(z, k, d, sizeof d);
    crier_say_ordinal(z, d, n, &w);
    size_t end = after_day(z, k);
    crier_emit(z, w.ptr, z->t[i].off, z->t[end - 1].off + z->t[end - 1].len - z->t[i].off);
    crier_buf_truncate(&w, 0);
    int comma;
    size_t y = year_after(z, end, &comma);
    if (y) {
        if (comma)
            crier_emit_pause(z, ",", z->t[end].off, 1);
        char yd[8];
        size_t yn = crier_num_digits(z, y, yd, sizeof yd);
        crier_say_year(z, yd, yn, &w);
        crier_emit(z, w.ptr, z->t[y].off, z->t[y].len);
        end = y + 1;
    }
    z->oom |= w.oom;
    crier_buf_free(&w);
    return end - i;
}

/* "20 September 2022" -> "the twentieth of September, twenty twenty-two". */
static size_t day_first(norm *z, size_t i)
{
    if (!day_at(z, i))
        return 0;
    size_t j = after_day(z, i);
    size_t k = crier_skip_space(z, j);
    const crier_lex_row *m = k > j ? month_at(z, k) : NULL;
    /* Only full month names: "5 Mar" is too often something else. */
    if (!m || z->t[k].len < 3 || strncasecmp(m->cols[1], tok_text(z, k), z->t[k].len) != 0 ||
        strlen(m->cols[1]) != z->t[k].len)
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_buf_puts(&w, "the ");
    char d[4];
    size_t n = crier_num_digits(z, i, d, sizeof d);
    crier_say_ordinal(z, d, n, &w);
    crier_buf_puts(&w, " of ");
    crier_buf_puts(&w, m->cols[1]);
    crier_emit(z, w.ptr, z->t[i].off, z->t[k].off + z->t[k].len - z->t[i].off);
    size_t end = k + 1;
    int comma;
    size_t y = year_after(z, end, &comma);
    if (y) {
        crier_buf_truncate(&w, 0);
        char yd[8];
        size_t yn = crier_num_digits(z, y, yd, sizeof yd);
        crier_say_year(z, yd, yn, &w);
        crier_emit(z, w.ptr, z->t[y].off, z->t[y].len);
        end = y + 1;
    }
    z->oom |= w.oom;
    crier_buf_free(&w);
    return end - i;
}

/* "Tuesday (Sep 20)" -> "Tuesday, September twentieth". */
static size_t weekday_date(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD))
        return 0;
    const crier_lex_row *wd = crier_lex_find(z->lex, CRIER_TAB_WEEKDAYS, tok_text(z, i),
                                             z->t[i].len);
    if (!wd)
        return 0;
    size_t j = crier_skip_space(z, i + 1);
    int paren = tok_punct(z, j, '(');
    if (!paren && !tok_punct(z, j, ','))
        return 0;
    size_t k = crier_skip_space(z, j + 1);
    if (!month_at(z, k) && !day_at(z, k))
        return 0;
    crier_emit(z, wd->cols[1], z->t[i].off, z->t[i].len);
    crier_emit_pause(z, ",", z->t[j].off, 1);
    size_t used = month_first(z, k);
    if (!used)
        used = day_first(z, k);
    if (!used)
        return j + 1 - i; /* the weekday and its comma; the rest follows */
    size_t end = k + used;
    if (paren && tok_punct(z, end, ')'))
        end++;
    return end - i;
}

size_t crier_cls_date(norm *z, size_t i)
{
    size_t used = weekday_date(z, i);
    if (!used)
        used = month_first(z, i);
    if (!used)
        used = day_first(z, i);
    return used;
}

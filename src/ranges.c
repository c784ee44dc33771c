/* ranges.c -- stage 2: ranges and scores, two numbers joined by a dash.
 *
 * "2010–2012" is "twenty ten to twenty twelve", "2010-12" "twenty ten to
 * twelve", "10-20 people" "ten to twenty people", "pages 5–9" "pages five
 * to nine", "1960s-80s" "nineteen sixties to eighties", "2-5lb" "two to
 * five pounds", "1425-1400 BC" "fourteen twenty-five to fourteen hundred
 * B C". Scores read the same way: "a 5-4 vote" is "a five to four vote",
 * "won 3-1" "won three to one". The dash is glued on both sides or
 * spaced on both; "Level -1" has a minus sign instead. Telephone numbers,
 * dates and serial numbers ("1-800-555", "2022-09-20") are taken by their
 * own classifiers first, and three numbers in a row are never a range. */
#include "internal.h"
#include "norm.h"

#include <string.h>

/* True when token i is a four-digit year-like number. */
static int yearish(const norm *z, size_t i)
{
    if (!tok_is(z, i, TK_NUM) || z->t[i].len != 4)
        return 0;
    long v = crier_digits_value(tok_text(z, i), 4);
    return v >= 1000 && v <= 2099;
}

/* Finds the dash of a range after token `end`; returns its index, and
 * the index of the right-hand number in *right, or 0. */
static size_t range_dash(const norm *z, size_t end, size_t *right)
{
    if (crier_tok_dash(z, end) && tok_glued(z, end + 1)) {
        *right = end + 1;
        return end;
    }
    if (tok_is(z, end, TK_SPACE) && crier_tok_dash(z, end + 1) && tok_is(z, end + 2, TK_SPACE) &&
        !tok_punct(z, end + 1, 0x2014)) {
        *right = end + 3;
        return end + 1;
    }
    return 0;
}

/* "1960s-80s" */
static size_t decade_range(norm *z, size_t i)
{
    crier_buf w = CRIER_BUF_INIT;
    size_t a = crier_decade_parse(z, i, &w), right, d;
    if (!a || !(d = range_dash(z, i + a, &right))) {
        crier_buf_free(&w);
        return 0;
    }
    crier_buf v = CRIER_BUF_INIT;
    size_t b = crier_decade_parse(z, right, &v);
    if (b && v.ptr) {
        crier_put_phrase(z, "to", &w);
        crier_put_word(&w, v.ptr);
    }
    crier_buf_free(&v);
    if (!b) {
        crier_buf_free(&w);
        return 0;
    }
    return crier_emit_buf(z, &w, i, right + b);
}

/* Reads the right-hand number: a year ("twelve" in "2010-12"), or a
 * number. */
static void say_side(const norm *z, const numx *x, int years, crier_buf *w)
{
    if (years && x->ip && !x->fp && (x->ipn == 4 || x->ipn == 3 || x->ipn == 2))
        crier_say_year(z, x->ip, x->ipn, w);
    else
        crier_say_num(z, x, w);
}

/* Decade ranges first, then two numbers around a dash, with a unit, a
 * percent sign or an era after the second applying to both. The numbers
 * are years when the first looks like one and the context agrees. */
size_t crier_cls_range(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_NUM) && !tok_punct(z, i, '-') && !tok_punct(z, i, '\''))
        return 0;
    if (i > 0 && tok_glued(z, i) && (z->t[i - 1].kind == TK_WORD || crier_tok_dash(z, i - 1) ||
                                     tok_punct(z, i - 1, '/')))
        return 0;
    size_t used = decade_range(z, i);
    if (used)
        return used;
    numx a, b;
    size_t right;
    if (!crier_num_parse(z, i, &a) || !range_dash(z, a.end, &right) ||
        !crier_num_parse(z, right, &b) || b.neg)
        return 0;
    size_t end = b.end;
    /* "1-2-3", "1-800-555" and "1-413-te" are not ranges, nor is a sum. */
    if ((crier_tok_dash(z, end) || tok_punct(z, end, '/')) &&
        (tok_is(z, end + 1, TK_NUM) || tok_is(z, end + 1, TK_WORD)))
        return 0;
    if (tok_punct(z, crier_skip_space(z, end), '=') || tok_punct(z, crier_skip_space(z, end), '+'))
        return 0;
    if (tok_is(z, end, TK_WORD) && tok_glued(z, end) && crier_tok_eq(z, end, "s"))
        return 0;
    crier_buf w = CRIER_BUF_INIT, tail = CRIER_BUF_INIT;
    /* Units, a percent sign or an era after the second number apply to
     * both: "2-5lb", "10-20%", "1425-1400 BC". */
    int glued = !tok_is(z, end, TK_SPACE);
    size_t k = glued ? end : end + 1, u;
    int era = 0, unit = 0;
    if ((u = crier_unit_parse(z, k, !crier_num_is_one(&b), glued, 0, &tail)) != 0) {
        end = k + u;
        unit = 1; /* "1980-1970 kg" counts kilograms: not years */
    } else if (tok_punct(z, end, '%')) {
        crier_put_phrase(z, "percent", &tail);
        end++;
    } else if ((u = crier_era_parse(z, end, &tail)) != 0) {
        end += u;
        era = 1;
    }
    int years = era || (!unit && yearish(z, a.i) && !a.neg && (yearish(z, right) || z->t[right].len == 2) &&
                        crier_year_context(z, i));
    say_side(z, &a, years, &w);
    crier_put_phrase(z, "to", &w);
    say_side(z, &b, years, &w);
    if (tail.ptr)
        crier_put_word(&w, tail.ptr);
    crier_buf_free(&tail);
    return crier_emit_buf(z, &w, i, end);
}

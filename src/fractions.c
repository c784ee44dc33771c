/* fractions.c -- stage 2: fractions, said the way their context asks.
 *
 * "1/2" is "one half", "3 1/2" and "3-1/2" "three and a half", "½" a
 * vulgar fraction; a fraction beside a rating word is a score ("rated
 * 8/10", "four out of five stars"); two shares are read as numbers ("a
 * 60/40 split"); between a determiner and a written unit it qualifies
 * the unit ("a 3/4 mile walk", "a three-quarter mile walk"); before
 * "past" or "to" and an hour it names part of it ("1/2 past 7", "half
 * past seven"). Denominators come from lexicon/en/fractions.tsv. */
#include "internal.h"
#include "norm.h"

#include <stdio.h>
#include <string.h>

/* ==== Fractions ========================================================== */

void crier_say_fraction(const norm *z, const char *num, size_t nn, const char *den, size_t dn,
                        crier_buf *w)
{
    crier_say_cardinal(z, num, nn, w);
    if (dn == 1 && den[0] == '1') {
        crier_put_phrase(z, "over", w);
        crier_say_cardinal(z, den, dn, w);
        return;
    }
    int one = nn == 1 && num[0] == '1';
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_FRACTIONS, den, dn);
    if (r) {
        crier_put_word(w, r->cols[one ? 1 : 2]);
        return;
    }
    crier_put_word(w, "");
    crier_say_ordinal(z, den, dn, w);
    if (!one)
        crier_buf_putc(w, 's');
}

/* True when token i is a plain digit string (no separators). */
static int plain_num(const norm *z, size_t i)
{
    if (!tok_is(z, i, TK_NUM))
        return 0;
    const char *s = tok_text(z, i);
    for (size_t k = 0; k < z->t[i].len; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    return 1;
}

/* Vulgar fraction characters, read through their numeric value. */
static int vulgar(int32_t cp, int *num, int *den)
{
    static const struct { int32_t cp; int n, d; } V[] = {
        {0xBD, 1, 2}, {0xBC, 1, 4}, {0xBE, 3, 4}, {0x2153, 1, 3}, {0x2154, 2, 3},
        {0x2155, 1, 5}, {0x2156, 2, 5}, {0x2157, 3, 5}, {0x2158, 4, 5}, {0x2159, 1, 6},
        {0x215A, 5, 6}, {0x215B, 1, 8}, {0x215C, 3, 8}, {0x215D, 5, 8}, {0x215E, 7, 8}};
    for (size_t k = 0; k < CRIER_ARRAY_LEN(V); k++)
        if (V[k].cp == cp) {
            *num = V[k].n;
            *den = V[k].d;
            return 1;
        }
    return 0;
}

/* Appends "and a half" or "and three quarters" after a whole number. */
static void say_mixed_tail(const norm *z, const char *num, size_t nn, const char *den,
                           size_t dn, crier_buf *w)
{
    crier_put_phrase(z, "and", w);
    if (nn == 1 && num[0] == '1' && dn == 1 && den[0] == '2') {
        crier_put_phrase(z, "a-half", w);
        return;
    }
    crier_say_fraction(z, num, nn, den, dn, w);
}

static void put_int(char *buf, size_t cap, int v)
{
    snprintf(buf, cap, "%d", v);
}

/* True when a fraction at [i, end) is a rating, because a word near it
 * says so (context-words.tsv, flag rating: "stars" after it, "rated"
 * before it). "rated the play 9/10", "scored it a 7/10": the rating word
 * may stand up to four words back, within the clause; but "2/3 of the
 * goals" is a share. */
static int rating(const norm *z, size_t i, size_t end)
{
    if (crier_ctx_after(z, end, CRIER_CTX_RATING))
        return 1;
    size_t n = crier_skip_space(z, end);
    if (n > end && crier_tok_eq(z, n, crier_phrase(z, "of")))
        return 0;
    return crier_ctx_before(z, i, CRIER_CTX_RATING, 4);
}

/* See norm.h. "England 245/6 at stumps", "245-6 at tea": runs for
 * wickets, far more runs than a fraction would have over at most ten;
 * "took 5/42 in 18 overs": a bowler's wickets for runs. A word of cricket
 * stands within four words (context-words.tsv, flag cricket), and no
 * "of" after it ("45/6 of the pie" is a share). */
int crier_cricket_score(const norm *z, size_t i, size_t end, long va, long vb)
{
    int score = vb >= 0 && vb <= 10 && va >= 20 && va > 5 * vb;
    int figures = va >= 0 && va <= 10 && vb >= 10 && vb < 300;
    if (!score && !figures)
        return 0;
    size_t p = crier_prev_word(z, i), n = crier_skip_space(z, end);
    if (crier_tok_eq(z, n, crier_phrase(z, "of")))
        return 0;
    for (int k = 0; k < 4; k++) {
        if (p != (size_t)-1 && tok_is(z, p, TK_WORD) && (crier_tok_ctx(z, p) & CRIER_CTX_CRICKET))
            return 1;
        if (n < z->n && tok_is(z, n, TK_WORD) && (crier_tok_ctx(z, n) & CRIER_CTX_CRICKET))
            return 1;
        if (p != (size_t)-1 && z->t[p].kind != TK_NL)
            p = crier_prev_word(z, p);
        if (n < z->n && z->t[n].kind != TK_NL)
            n = crier_skip_space(z, n + 1); /* within the line */
    }
    return 0;
}

/* See norm.h. "the 9/4 favourite", "a 100/1 outsider", "odds of 7/2":
 * betting odds, "nine to four", where a word of the odds stands right
 * after the fraction or up to three words before it (context-words.tsv,
 * flag odds). `end` is the token after the fraction. */
int crier_fraction_odds(const norm *z, size_t i, size_t end)
{
    return crier_ctx_after(z, end, CRIER_CTX_ODDS) || crier_ctx_before(z, i, CRIER_CTX_ODDS, 3);
}

/* Says "num/den" (tokens [i, end)) as the words around it ask: betting
 * odds, a cricket score, a time signature, a score out of a whole, two
 * shares, a reading, or a fraction. Returns 1 when a unit after it is
 * plural ("130/80 mmHg"). */
static int say_pair(const norm *z, size_t i, size_t end, const char *num, size_t nn,
                    const char *den, size_t dn, crier_buf *w)
{
    long va = crier_digits_value(num, nn), vb = crier_digits_value(den, dn);
    const char *joint = NULL;
    int whole = 0;
    if (!(va == 1 && vb <= 4) && crier_fraction_odds(z, i, end))
        joint = "to"; /* "1/2" stays a half even before "shot" */
    else if (crier_cricket_score(z, i, end, va, vb))
        joint = "for"; /* "two hundred forty-five for six" */
    else if (crier_ctx_after(z, end, CRIER_CTX_METER) && va >= 2 && vb <= 16)
        joint = ""; /* "in 3/4 time": "three four" */
    else if (va <= vb && crier_ctx_before(z, i, CRIER_CTX_POSITION, 1))
        joint = "of"; /* "lap 23/57", "part 2/3": which one of how many */
    else if ((va <= vb && rating(z, i, end)) || (va == vb && va > 1))
        joint = "out-of"; /* "4/5 stars", "rated 8/10"; "5/5" is never "five fifths" */
    else if (va >= vb && vb >= 10 && va < 100 && nn == 2 && dn == 2)
        joint = ""; /* "a 60/40 split", "50/50": two shares, not a fraction */
    else if (va > vb && vb >= 10) {
        /* "130/80": no one writes a fraction so much over one with so
         * large a denominator; it is a reading, "one hundred thirty over
         * eighty", and its unit is plural. */
        joint = "over";
        whole = 1;
    }
    if (!joint) {
        crier_say_fraction(z, num, nn, den, dn, w);
        return 0;
    }
    crier_say_cardinal(z, num, nn, w);
    if (*joint)
        crier_put_phrase(z, joint, w);
    crier_say_cardinal(z, den, dn, w);
    return whole;
}

/* Parses a fraction at token i into `w`: "1/2", "3/4th", "3 1/2", "½",
 * "3½". The date rules run first and take "on 9/13"; what they leave is
 * a fraction. *whole is set when a unit after it is plural: a mixed
 * number ("three and a half"), or a reading ("130/80").
 * Returns the tokens used, or 0. */
size_t crier_fraction_parse(const norm *z, size_t i, crier_buf *w, int *whole)
{
    int vn, vd;
    char a[8], b[8];
    *whole = 0;
    if ((z->t[i].kind == TK_SYM || z->t[i].kind == TK_PUNCT) && vulgar(z->t[i].cp, &vn, &vd)) {
        put_int(a, sizeof a, vn);
        put_int(b, sizeof b, vd);
        crier_say_fraction(z, a, strlen(a), b, strlen(b), w);
        return 1;
    }
    /* A dash glued before is a range's ("5-3/4"), unless it stands
     * after a space as a sign ("-3/4", see negative_fraction()). */
    int sign = i > 0 && (crier_tok_dash(z, i - 1) || tok_punct(z, i - 1, 0x2212)) &&
               (i == 1 || !tok_glued(z, i - 1));
    /* An em dash is never a range's: "Time.—1/2 hour", as old cookery
     * books set their headings. */
    if (!plain_num(z, i) ||
        (i > 0 && tok_glued(z, i) && !sign &&
         (tok_punct(z, i - 1, '/') || z->t[i - 1].kind == TK_WORD ||
          (crier_tok_dash(z, i - 1) && !tok_punct(z, i - 1, 0x2014)))))
        return 0;
    size_t j = i;
    /* "3½", and "3 ½" as typed with a space */
    size_t v = tok_is(z, i + 1, TK_SPACE) && z->t[i + 1].len == 1 ? i + 2 : i + 1;
    if (v < z->n && z->t[v].kind != TK_SPACE && vulgar(z->t[v].cp, &vn, &vd) &&
        (v == i + 1 || !(tok_glued(z, v + 1) && (tok_is(z, v + 1, TK_NUM) || tok_is(z, v + 1, TK_WORD))))) {
        put_int(a, sizeof a, vn);
        put_int(b, sizeof b, vd);
        crier_say_cardinal(z, tok_text(z, i), z->t[i].len, w);
        say_mixed_tail(z, a, strlen(a), b, strlen(b), w);
        *whole = 1;
        return v + 1 - i;
    }
    /* "3 1/2": a whole number, a space, then a fraction. Old books join
     * them with a hyphen, "3-1/2", when the fraction is a common one. */
    if (tok_is(z, j + 1, TK_SPACE) && plain_num(z, j + 2) && tok_punct(z, j + 3, '/') &&
        plain_num(z, j + 4) && !tok_punct(z, j + 5, '/') && tok_glued(z, j + 3)) {
        *whole = 1;
        j += 2;
    } else if (tok_punct(z, j + 1, '-') && tok_glued(z, j + 1) && plain_num(z, j + 2) &&
               tok_glued(z, j + 2) && tok_punct(z, j + 3, '/') && tok_glued(z, j + 3) &&
               plain_num(z, j + 4) && tok_glued(z, j + 4) && !tok_punct(z, j + 5, '/') &&
               !(tok_punct(z, j + 5, '-') && tok_is(z, j + 6, TK_NUM)) &&
               crier_lex_find(z->lex, CRIER_TAB_FRACTIONS, tok_text(z, j + 4), z->t[j + 4].len) &&
               crier_digits_value(tok_text(z, j + 2), z->t[j + 2].len) <
                   crier_digits_value(tok_text(z, j + 4), z->t[j + 4].len)) {
        *whole = 1;
        j += 2;
    }
    if (!tok_punct(z, j + 1, '/') || !tok_glued(z, j + 1) || !plain_num(z, j + 2) ||
        !tok_glued(z, j + 2) || tok_punct(z, j + 3, '/'))
        return 0;
    const char *num = tok_text(z, j), *den = tok_text(z, j + 2);
    size_t nn = z->t[j].len, dn = z->t[j + 2].len;
    long va = crier_digits_value(num, nn), vb = crier_digits_value(den, dn);
    if (vb <= 0 || va < 0)
        return 0;
    size_t end = j + 3;
    /* "1/4th": an ordinal suffix on the denominator is not read. */
    if (tok_is(z, end, TK_WORD) && tok_glued(z, end) &&
        (crier_tok_eq(z, end, "th") || crier_tok_eq(z, end, "rd") || crier_tok_eq(z, end, "nd") ||
         crier_tok_eq(z, end, "ths") || crier_tok_eq(z, end, "rds") || crier_tok_eq(z, end, "nds")))
        end++; /* "2/3rds": its plural too */
    if (*whole) {
        crier_say_cardinal(z, tok_text(z, i), z->t[i].len, w);
        say_mixed_tail(z, num, nn, den, dn, w);
    } else {
        *whole = say_pair(z, i, end, num, nn, den, dn, w);
    }
    return end - i;
}

/* "a 3/4 mile walk", "the 1/4-inch bolt": a fraction between a
 * determiner and a written unit qualifies it, with its denominator in the
 * singular: "a three-quarter mile walk", "the quarter-inch bolt". Appends
 * that reading of the fraction at tokens [i, i+3) and returns 1, or 0. */
static int fraction_adjective(const norm *z, size_t i, crier_buf *w)
{
    size_t p = crier_prev_word(z, i), k = i + 3;
    if (p == (size_t)-1 || !(crier_tok_ctx(z, p) & CRIER_CTX_DETERMINER) || !plain_num(z, i) ||
        !plain_num(z, i + 2) || !(tok_is(z, k, TK_SPACE) || crier_tok_dash(z, k)) ||
        z->t[k].len != 1 || !(crier_tok_ctx(z, k + 1) & CRIER_CTX_UNIT_WORD))
        return 0;
    const char *num = tok_text(z, i), *den = tok_text(z, i + 2);
    size_t nn = z->t[i].len, dn = z->t[i + 2].len;
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_FRACTIONS, den, dn);
    if (!r || crier_digits_value(num, nn) >= crier_digits_value(den, dn))
        return 0;
    if (!(nn == 1 && num[0] == '1')) {
        crier_say_cardinal(z, num, nn, w);
        crier_buf_putc(w, '-');
    } else {
        crier_put_word(w, "");
    }
    crier_buf_puts(w, r->cols[1]);
    return 1;
}

/* "1/2 past 8", "1/4 to 3": a fraction of the hour on a clock is "half"
 * or "quarter" alone. Replaces `w` and returns 1, or 0. */
static int clock_fraction(const norm *z, size_t i, crier_buf *w)
{
    size_t k = crier_skip_space(z, i + 3), n = crier_skip_space(z, k + 1);
    if (k == i + 3 || !tok_is(z, i, TK_NUM) || z->t[i].len != 1 || tok_text(z, i)[0] != '1' ||
        !(crier_tok_eq(z, k, crier_phrase(z, "past")) || crier_tok_eq(z, k, crier_phrase(z, "to"))) ||
        n == k + 1 || !tok_is(z, n, TK_NUM) || z->t[n].len > 2 ||
        crier_digits_value(tok_text(z, n), z->t[n].len) > 12 ||
        (tok_glued(z, n + 1) && !tok_is(z, n + 1, TK_PUNCT)) || tok_punct(z, n + 1, '/'))
        return 0;
    const crier_lex_row *r =
        crier_lex_find(z->lex, CRIER_TAB_FRACTIONS, tok_text(z, i + 2), z->t[i + 2].len);
    if (!r || z->t[i + 2].len != 1 || (tok_text(z, i + 2)[0] != '2' && tok_text(z, i + 2)[0] != '4'))
        return 0;
    crier_buf_truncate(w, 0);
    crier_put_word(w, r->cols[1]);
    return 1;
}

/* "1/2 a pint", "1/2 the time": before a determiner a half is "half"
 * alone, as it is said. Replaces `w` and returns 1, or 0. */
static int half_before_determiner(const norm *z, size_t i, crier_buf *w)
{
    size_t k = i + 3;
    if (!crier_tok_eq(z, i, "1") || !crier_tok_eq(z, i + 2, "2") || !tok_is(z, k, TK_SPACE) ||
        z->t[k].len != 1 || !tok_is(z, k + 1, TK_WORD) ||
        !(crier_tok_ctx(z, k + 1) & CRIER_CTX_DETERMINER))
        return 0;
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_FRACTIONS, "2", 1);
    if (!r)
        return 0;
    crier_buf_truncate(w, 0);
    crier_put_word(w, r->cols[1]);
    return 1;
}

/* "-3/4", "−1/2": a minus sign standing before a fraction (not glued to
 * a number or word, as the dash of "5-3/4" is). Appends "minus" and the
 * fraction and returns the tokens used, or 0. */
static size_t negative_fraction(const norm *z, size_t i, crier_buf *w)
{
    if (!(crier_tok_dash(z, i) || tok_punct(z, i, 0x2212)) || (i > 0 && tok_glued(z, i)) ||
        !plain_num(z, i + 1) || !tok_glued(z, i + 1))
        return 0;
    crier_buf f = CRIER_BUF_INIT;
    int whole;
    size_t used = crier_fraction_parse(z, i + 1, &f, &whole);
    if (used) {
        crier_put_phrase(z, "minus", w);
        crier_put_word(w, f.ptr);
    }
    crier_buf_free(&f);
    return used ? used + 1 : 0;
}

/* Emits a fraction parsed by crier_fraction_parse(). */
/* "rated 4.5/5", "7.5/10 stars": a rating with a decimal point, which
 * no fraction has, "four point five out of five". */
static size_t decimal_rating(norm *z, size_t i)
{
    numx x;
    if (!tok_is(z, i, TK_NUM) || !crier_num_parse(z, i, &x) || !x.fp || x.neg ||
        !tok_punct(z, x.end, '/') || !tok_glued(z, x.end) || !tok_is(z, x.end + 1, TK_NUM) ||
        !tok_glued(z, x.end + 1) || !plain_num(z, x.end + 1) || z->t[x.end + 1].len > 3)
        return 0;
    size_t end = x.end + 2;
    const char *d = tok_text(z, x.end + 1);
    size_t dn = z->t[x.end + 1].len;
    if (crier_digits_value(x.ip, x.ipn) >= crier_digits_value(d, dn) || !rating(z, i, end) ||
        (tok_is(z, end, TK_WORD) && tok_glued(z, end)))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_say_num(z, &x, &w);
    crier_put_phrase(z, "out-of", &w);
    crier_say_cardinal(z, d, dn, &w);
    return crier_emit_buf(z, &w, i, end);
}

size_t crier_cls_fraction(norm *z, size_t i)
{
    size_t dr = decimal_rating(z, i);
    if (dr)
        return dr;
    crier_buf w = CRIER_BUF_INIT;
    int whole;
    size_t neg = negative_fraction(z, i, &w);
    if (neg)
        return crier_emit_buf(z, &w, i, i + neg);
    size_t used = crier_fraction_parse(z, i, &w, &whole);
    if (!used) {
        crier_buf_free(&w);
        return 0;
    }
    if (used == 3 && !whole && (clock_fraction(z, i, &w) || half_before_determiner(z, i, &w)))
        return crier_emit_buf(z, &w, i, i + used);
    if (used == 3 && !whole) {
        crier_buf adj = CRIER_BUF_INIT;
        if (fraction_adjective(z, i, &adj) && !adj.oom) {
            crier_buf_free(&w);
            return crier_emit_buf(z, &adj, i, i + used);
        }
        crier_buf_free(&adj);
    }
    return crier_emit_buf(z, &w, i, i + used);
}

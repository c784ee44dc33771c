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
 * own classifiers first, and three numbers in a row are never a range.
 * Percents may be written on both sides: "2%-10%" is "two percent to ten
 * percent", not a subtraction. A year and the next joined by a slash are a
 * season: "2022/23" is "twenty twenty-two to twenty-three".
 *
 * Two more ways of joining two numbers live here because they read like
 * ranges. A colon that cannot be a clock time ("2:1", "won 3:1", "13 : 3",
 * "94 : 501") is a ratio, a score or a volume and page: "two to one". And
 * "x" between numbers written apart ("25 x 7 m", "2.5 x 3 x 4 cm") gives
 * dimensions, "twenty-five by seven meters", as "4x4" does in serial.c. */
#include "internal.h"
#include "norm.h"

#include <ctype.h>
#include <string.h>

/* True when token i is a four-digit year-like number. */
static int yearish(const norm *z, size_t i)
{
    if (!tok_is(z, i, TK_NUM) || z->t[i].len != 4)
        return 0;
    long v = crier_digits_value(tok_text(z, i), 4);
    return v >= 1000 && v <= 2099;
}

/* "Alfred (849-899)", "Ethelred (978-1016)": in brackets after a name,
 * two numbers of three or four digits no more than a lifetime apart, the
 * second the larger, are the years of a life or a reign. */
static int bracket_years(const norm *z, size_t i, const numx *a, const numx *b, size_t end)
{
    size_t o = crier_prev_word(z, i); /* "(995-1035)", "( 995 – 1035 )" */
    if (o == (size_t)-1 || !tok_punct(z, o, '(') || !tok_punct(z, crier_skip_space(z, end), ')') ||
        a->neg || a->fp || b->fp || !a->ip || !b->ip || a->ipn < 3 || a->ipn > 4 || b->ipn < 3 ||
        b->ipn > 4)
        return 0;
    size_t p = crier_prev_word(z, o); /* a name before the bracket, not "pages" */
    if (p == (size_t)-1 || (tok_is(z, p, TK_WORD) && (z->t[p].flags & TF_LOWER)) ||
        tok_is(z, p, TK_NUM))
        return 0;
    long va = crier_digits_value(a->ip, a->ipn), vb = crier_digits_value(b->ip, b->ipn);
    return va >= 100 && vb < 2100 && vb > va && vb - va <= 120;
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

/* "1960s-80s", "1450s-1500" */
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
    if (!b && yearish(z, right) && !(tok_is(z, right + 1, TK_WORD) && tok_glued(z, right + 1))) {
        crier_say_year(z, tok_text(z, right), 4, &v); /* "1450s–1500" */
        b = 1;
    }
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

/* The end of a span of years written with two digits. "95" in "1990-95"
 * is "ninety-five", as the pair would be said in the whole year. But
 * after a year said as a cardinal ("two thousand three") a bare "four"
 * means nothing, and across a century ("1998-03") the pair is another
 * century's: those are said whole. A year early in its century keeps its
 * "oh": "nineteen oh five to oh eight". */
static void say_year_end(const norm *z, const char *left, const char *d2, crier_buf *w)
{
    int lhi = (left[0] - '0') * 10 + (left[1] - '0'), llo = (left[2] - '0') * 10 + (left[3] - '0');
    int lo = (d2[0] - '0') * 10 + (d2[1] - '0');
    int hi = lo < llo ? lhi + 1 : lhi;
    if (hi != lhi || (lhi % 10 == 0 && llo < 10)) {
        char y[4] = {(char)('0' + hi / 10 % 10), (char)('0' + hi % 10), d2[0], d2[1]};
        crier_say_year(z, y, 4, w);
    } else if (lo < 10) {
        crier_put_number_word(z, "o", 1, w);
        crier_say_cardinal(z, d2 + 1, 1, w);
    } else {
        crier_say_year(z, d2, 2, w);
    }
}

/* A joint written glued on both sides or spaced on both, at token `end`
 * (after the left number): returns the index of the joint and sets
 * *right, or returns 0. `is` says whether a token is the joint. */
static size_t joint(const norm *z, size_t end, size_t *right,
                    int (*is)(const norm *, size_t))
{
    if (is(z, end) && tok_glued(z, end) && tok_glued(z, end + 1)) {
        *right = end + 1;
        return end;
    }
    if (tok_is(z, end, TK_SPACE) && is(z, end + 1) && tok_is(z, end + 2, TK_SPACE)) {
        *right = end + 3;
        return end + 1;
    }
    return 0;
}

static int is_colon(const norm *z, size_t i) { return tok_punct(z, i, ':'); }

static int is_times(const norm *z, size_t i)
{
    return (tok_is(z, i, TK_WORD) && z->t[i].len == 1 &&
            (tok_text(z, i)[0] == 'x' || tok_text(z, i)[0] == 'X')) ||
           tok_punct(z, i, 0x00D7);
}

/* True when a number is plain digits, no sign, point, grouping or
 * leading zero ("0008 : 011" is a code). */
static int plain_int(const numx *x)
{
    if (!x->ip || x->fp || x->neg || (x->ipn > 1 && x->ip[0] == '0'))
        return 0;
    for (size_t k = 0; k < x->ipn; k++)
        if (x->ip[k] < '0' || x->ip[k] > '9')
            return 0;
    return 1;
}

/* "2:1", "13 : 3": a colon between two whole numbers that is not a clock
 * time. A time is an hour up to 24, a glued colon and two digits of
 * minutes ("10:30", "John 3:16"); times.c reads those. */
static size_t ratio(norm *z, size_t i)
{
    numx a, b;
    size_t right, c;
    if (i > 0 && tok_glued(z, i) && tok_punct(z, i - 1, ':'))
        return 0;
    /* "1:50,000", a map's scale: the right side may group thousands */
    if (!crier_num_parse(z, i, &a) || !plain_int(&a) || !(c = joint(z, a.end, &right, is_colon)) ||
        !crier_num_parse(z, right, &b) ||
        !(plain_int(&b) || (!b.fp && !b.neg && b.ip && memchr(b.ip, ',', b.ipn))))
        return 0;
    if (right == c + 1 && a.ipn <= 2 && crier_digits_value(a.ip, a.ipn) <= 24 && b.ipn == 2 &&
        b.ip[0] <= '5')
        return 0;
    /* "finished in 32:15": minutes and seconds, or a chapter and verse,
     * both said "thirty-two fifteen". */
    int paired = right == c + 1 && b.ipn == 2 && b.ip[0] <= '5' && a.ipn <= 3;
    /* "1:2:3" and "10:30:15" are something else; "7 : 30 p.m." is a
     * time written apart. */
    if ((tok_punct(z, b.end, ':') && tok_is(z, b.end + 1, TK_NUM)) || crier_ampm_at(z, b.end))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_say_num(z, &a, &w);
    if (!paired)
        crier_put_phrase(z, "to", &w);
    crier_say_num(z, &b, &w);
    return crier_emit_buf(z, &w, i, b.end);
}

static int is_times(const norm *z, size_t i);

/* A foot mark glued to a number ("12'", "12′") with no letter glued
 * after it but the "x" of a size ("12'x15'"): 1, else 0. */
static int foot_mark(const norm *z, size_t k)
{
    return (tok_punct(z, k, '\'') || tok_punct(z, k, 0x2032)) && tok_glued(z, k) &&
           !(tok_is(z, k + 1, TK_WORD) && tok_glued(z, k + 1) && !is_times(z, k + 1));
}

/* "25 x 7 m", "2.5 x 3 x 4 cm", "12' x 15'": dimensions, with the unit after the last
 * number (plural, but singular before a noun: "a 10 x 12 ft room"). "×" counts only with a unit; without one it is the
 * multiplication sign of symbols.tsv. Before an equals sign or a power the
 * numbers are multiplied: "6 x 7 = 42" is "six times seven equals
 * forty-two", "2.3 x 10^5" "two point three times ten to the power of
 * five". */
static size_t dimensions(norm *z, size_t i)
{
    numx x;
    size_t right, end, count = 0;
    int sign = 0, feet[3] = {0};
    if (!crier_num_parse(z, i, &x) || x.neg)
        return 0;
    size_t parts[3] = {i};
    end = x.end + (size_t)(feet[0] = foot_mark(z, x.end));
    for (size_t c; count < 2 && (c = joint(z, end, &right, is_times)) != 0; count++) {
        if (!crier_num_parse(z, right, &x) || x.neg)
            break;
        sign |= tok_punct(z, c, 0x00D7);
        parts[count + 1] = right;
        end = x.end + (size_t)(feet[count + 1] = foot_mark(z, x.end));
    }
    int product = tok_punct(z, crier_skip_space(z, end), '=') || tok_punct(z, end, '^');
    size_t k = tok_is(z, end, TK_SPACE) && z->t[end].len == 1 ? end + 1 : end;
    crier_buf w = CRIER_BUF_INIT, u = CRIER_BUF_INIT;
    size_t used = count && !product ? crier_unit_parse(z, k, 1, k == end, 0, &u) : 0;
    if (used && crier_adjective_amount(z, i, k + used)) { /* "the 4x100m relay" */
        crier_buf_free(&u);
        used = crier_unit_parse(z, k, 0, k == end, 0, &u);
    }
    /* Both ends marked: "'12 x 3' was wrong" is a quotation. */
    int marked = feet[0] && feet[count];
    if (!marked && feet[count])
        end--; /* the quotation's closing mark is not ours */
    if (!marked)
        feet[0] = feet[1] = feet[2] = 0;
    if (marked && crier_adjective_amount(z, i, end))
        feet[0] = feet[1] = feet[2] = 2; /* "a 1' x 2' tile": "foot" */
    if (!count || (sign && !used && !marked) || (!used && tok_is(z, end, TK_WORD))) {
        crier_buf_free(&u);
        return 0;
    }
    for (size_t p = 0; p <= count; p++) {
        if (p)
            crier_put_phrase(z, product ? "times" : "by", &w);
        crier_num_parse(z, parts[p], &x);
        crier_say_num(z, &x, &w);
        if (feet[p])
            crier_put_phrase(z, crier_num_is_one(&x) || feet[p] == 2 ? "foot" : "feet", &w);
    }
    if (used) {
        crier_put_word(&w, u.ptr);
        end = k + used;
    }
    crier_buf_free(&u);
    return crier_emit_buf(z, &w, i, end);
}

/* "the 2022/23 season", "1999/2000": a year and the next one joined by a
 * slash, a season or a fiscal year, read as a range. */
static size_t season(norm *z, size_t i)
{
    if (!yearish(z, i) || !tok_punct(z, i + 1, '/') || !tok_glued(z, i + 1) ||
        !tok_is(z, i + 2, TK_NUM) || !tok_glued(z, i + 2) ||
        (z->t[i + 2].len != 2 && z->t[i + 2].len != 4) ||
        (tok_punct(z, i + 3, '/') && tok_is(z, i + 4, TK_NUM)))
        return 0;
    long a = crier_digits_value(tok_text(z, i), 4);
    long b = crier_digits_value(tok_text(z, i + 2), z->t[i + 2].len);
    if (b < 0 || (z->t[i + 2].len == 2 ? (a + 1) % 100 != b : a + 1 != b))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_say_year(z, tok_text(z, i), 4, &w);
    crier_put_phrase(z, "to", &w);
    if (z->t[i + 2].len == 2)
        say_year_end(z, tok_text(z, i), tok_text(z, i + 2), &w);
    else
        crier_say_year(z, tok_text(z, i + 2), 4, &w);
    return crier_emit_buf(z, &w, i, i + 3);
}

/* "Alfred (848/849 – 899)", "Cleopatra (70/69 BC – 30 BC)": two years a
 * year apart with a slash, when the source cannot tell which, before a
 * dash, a bracket or an era: "eight forty-eight or eight forty-nine", not
 * a fraction. Two digits are a year only with an era ("10/11)" is not). */
static size_t either_year(norm *z, size_t i)
{
    numx a, b;
    if (!crier_num_parse(z, i, &a) || !plain_int(&a) || a.ipn < 2 || a.ipn > 4 ||
        !tok_punct(z, a.end, '/') || !tok_glued(z, a.end) || !tok_glued(z, a.end + 1) ||
        !crier_num_parse(z, a.end + 1, &b) || !plain_int(&b) || b.ipn != a.ipn)
        return 0;
    long va = crier_digits_value(a.ip, a.ipn), vb = crier_digits_value(b.ip, b.ipn);
    size_t k = crier_skip_space(z, b.end);
    crier_buf w = CRIER_BUF_INIT;
    int era = crier_era_parse(z, b.end, &w) != 0;
    crier_buf_free(&w);
    if ((va - vb != 1 && vb - va != 1) || (a.ipn < 3 && !era) ||
        !(crier_tok_dash(z, k) || tok_punct(z, k, ')') || era))
        return 0;
    w = (crier_buf)CRIER_BUF_INIT;
    crier_say_year(z, a.ip, a.ipn, &w);
    crier_put_phrase(z, "or", &w);
    if (era) /* "69 BC – ..." reads itself, with its era and its dash */
        return crier_emit_buf(z, &w, i, a.end + 1);
    crier_say_year(z, b.ip, b.ipn, &w);
    if (crier_tok_dash(z, k) && tok_is(z, crier_skip_space(z, k + 1), TK_NUM)) {
        crier_put_phrase(z, "to", &w); /* "848/849 – 26 October 899" */
        return crier_emit_buf(z, &w, i, k + 1);
    }
    return crier_emit_buf(z, &w, i, b.end);
}

/* "12th–13th century", "5th-6th": two ordinals joined by a dash, "the
 * twelfth to thirteenth century". */
static size_t ordinal_range(norm *z, size_t i)
{
    numx a, b;
    int poss;
    size_t right, d;
    if (!crier_num_parse(z, i, &a) || !plain_int(&a) || !crier_suffix_at(z, a.end, NULL, &poss) ||
        poss || !(d = range_dash(z, a.end + 1, &right)) || !crier_num_parse(z, right, &b) ||
        !plain_int(&b) || !crier_suffix_at(z, b.end, NULL, &poss) || poss)
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_say_ordinal(z, a.ip, a.ipn, &w);
    crier_put_phrase(z, "to", &w);
    crier_say_ordinal(z, b.ip, b.ipn, &w);
    return crier_emit_buf(z, &w, i, b.end + 1);
}

/* "c. 1200 – c. 1250", "No. 5 - No. 9": a dash before an abbreviation
 * that wants a number ("c.", "No.") joins two numbers too. Only the first
 * number and the dash are read here, "twelve hundred to"; the other side
 * reads itself. */
static size_t abbrev_range(norm *z, size_t i)
{
    numx a;
    size_t right, used;
    int dot;
    if (!crier_num_parse(z, i, &a) || !plain_int(&a) || !range_dash(z, a.end, &right))
        return 0;
    const crier_lex_row *r = crier_abbrev_at(z, right, &used, &dot);
    if (!r || !dot || !(r->flags & CRIER_ABBR_BEFORE_NUM) ||
        !tok_is(z, crier_skip_space(z, right + used), TK_NUM))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    say_side(z, &a, (yearish(z, i) && crier_year_context(z, i)) ||
                        (a.ipn == 3 && crier_circa_before(z, i)), &w);
    crier_put_phrase(z, "to", &w);
    return crier_emit_buf(z, &w, i, right);
}

/* Decade ranges first, then two numbers around a dash, with a unit, a
 * percent sign or an era after the second applying to both. The numbers
 * are years when the first looks like one and the context agrees. */
/* "1990–present", "2015-now": a year, a dash and a word that ends a span
 * (context-words.tsv, range-end). */
static size_t open_range(norm *z, size_t i)
{
    size_t right, d = yearish(z, i) ? range_dash(z, i + 1, &right) : 0;
    if (!d || !tok_is(z, right, TK_WORD) || !(z->t[right].flags & TF_LOWER) ||
        !(crier_tok_ctx(z, right) & CRIER_CTX_RANGE_END) ||
        (tok_is(z, right + 1, TK_WORD) && tok_glued(z, right + 1)))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_say_year(z, tok_text(z, i), 4, &w);
    crier_put_phrase(z, "to", &w);
    crier_emit_buf(z, &w, i, right);
    return right - i;
}

/* Units, a percent sign or an era after the second number of a range
 * (ending at token `end`) apply to both: "2-5lb", "10-20%", "1425-1400
 * BC", "3-4m people". Appends their reading to `tail`, sets *era or
 * *unit, and returns the token after them. */
static size_t range_tail(const norm *z, size_t end, const numx *b, crier_buf *tail, int *era,
                         int *unit)
{
    int glued = !tok_is(z, end, TK_SPACE);
    size_t k = glued ? end : end + 1, u;
    /* "3-4m people", "2-3bn years": a scale glued to the second number
     * multiplies both, as numbers.c reads it after one number. */
    const crier_lex_row *sc =
        glued && ((tok_is(z, end, TK_WORD) && z->t[end].len >= 2 &&
                   !(tok_is(z, end + 1, TK_WORD) && tok_glued(z, end + 1))) ||
                  crier_scale_before_noun(z, end))
            ? crier_tok_find(z, CRIER_TAB_SCALES, end)
            : NULL;
    if (sc && (sc->flags & CRIER_SCALE_ABBR)) {
        crier_put_word(tail, sc->cols[1]);
        *unit = 1;
        return end + 1;
    }
    if ((u = crier_unit_parse(z, k, !crier_num_is_one(b), glued, 0, tail)) != 0) {
        *unit = 1; /* "1980-1970 kg" counts kilograms: not years */
        return k + u;
    }
    if (tok_punct(z, end, '%')) {
        crier_put_phrase(z, "percent", tail);
        return end + 1;
    }
    if (tok_punct(z, end, '"') && tok_glued(z, end) && tok_is(z, end + 1, TK_SPACE) &&
        tok_is(z, end + 2, TK_WORD) && (z->t[end + 2].flags & TF_LOWER)) {
        crier_put_phrase(z, "inches", tail); /* "1-3\" of rain" */
        *unit = 1;
        return end + 1;
    }
    if ((u = crier_era_parse(z, end, tail)) != 0) {
        *era = 1;
        return end + u;
    }
    if (glued && crier_tok_eq(z, end, "x") &&
        !(tok_is(z, end + 1, TK_WORD) || tok_is(z, end + 1, TK_NUM))) {
        crier_put_phrase(z, "times", tail); /* "up 3-4x": multiples */
        *unit = 1;
        return end + 1;
    }
    return end;
}

/* "747-400", "Boeing 737-800": an aircraft model and its series. A range
 * of three-digit numbers does not run down to a round hundred without a
 * unit or an era, nor follow a maker's name. "the 787-9", "Boeing 737-8":
 * one digit after the model's three is its variant after a maker, an
 * article or a count ("150 737-8 jets"), where "pages 123-9" and
 * "scored 112-9" stay ranges. */
static int model_series(const norm *z, size_t i, const numx *a, const numx *b)
{
    size_t p = crier_prev_word(z, i);
    size_t pp = p != (size_t)-1 ? crier_prev_word(z, p) : (size_t)-1;
    int maker = p != (size_t)-1 && tok_is(z, p, TK_WORD) && (z->t[p].flags & TF_CAP) &&
                !(z->t[p].flags & TF_UPPER) && !crier_tok_ctx(z, p) && pp != (size_t)-1 &&
                z->t[pp].kind != TK_NL && !tok_punct(z, pp, '.');
    if (!plain_int(a) || !plain_int(b) || a->ipn != 3 || a->ip[2] == '0')
        return 0;
    if (b->ipn == 1)
        return b->ip[0] != '0' &&
               (maker || (p != (size_t)-1 && ((crier_tok_ctx(z, p) & CRIER_CTX_DETERMINER) ||
                                              tok_is(z, p, TK_NUM))));
    return b->ipn == 3 && memcmp(b->ip + 1, "00", 2) == 0 && (memcmp(b->ip, a->ip, 3) < 0 || maker);
}

/* British conventions: "won 1-0", "the 2-1 win": goals on each side,
 * near a word of a result (context-words.tsv, flag score), are said
 * without "to", and no goals is "nil": "one nil", "two one". American
 * news says "one to nothing" or "one to zero", and keeps the range's "to". */
static int football_score(const norm *z, size_t i, size_t end, const numx *a, const numx *b)
{
    if (!(z->flags & CRIER_NORM_GB) || a->ipn > 2 || b->ipn > 2 ||
        crier_digits_value(a->ip, a->ipn) > 30 || crier_digits_value(b->ip, b->ipn) > 30)
        return 0;
    return crier_ctx_before(z, i, CRIER_CTX_SCORE, 2) || crier_ctx_after(z, end, CRIER_CTX_SCORE);
}

/* True when the word before token i makes what follows an identifier
 * (context-words.tsv, flag code-before): "case 22-1234", and "No.
 * 22-1234" through what the abbreviation stands for. */
static int code_before(const norm *z, size_t i)
{
    size_t p = crier_prev_word(z, i), used;
    int dot;
    if (p != (size_t)-1 && p > 0 && tok_punct(z, p, '.') && tok_glued(z, p) &&
        tok_is(z, p - 1, TK_WORD)) {
        const crier_lex_row *r = crier_abbrev_at(z, p - 1, &used, &dot);
        const crier_lex_row *c =
            r ? crier_lex_find(z->lex, CRIER_TAB_CONTEXT_WORDS, r->cols[1], strlen(r->cols[1])) : NULL;
        return c && (c->flags & CRIER_CTX_CODE_BEFORE);
    }
    return p != (size_t)-1 && tok_is(z, p, TK_WORD) && (crier_tok_ctx(z, p) & CRIER_CTX_CODE_BEFORE);
}

/* "22-1234" after "case" or "No.": an identifier's groups, each read as
 * it is said, in pairs for three or four digits ("twenty-two twelve
 * thirty-four"), digit by digit when longer or with a leading zero. */
static size_t code_groups(norm *z, size_t i)
{
    size_t j = i;
    crier_buf w = CRIER_BUF_INIT;
    for (;;) {
        numx x;
        if (!crier_num_parse(z, j, &x) || x.end != j + 1 || !(plain_int(&x) || x.ip[0] == '0') ||
            x.ipn != z->t[j].len) {
            crier_buf_free(&w);
            return 0;
        }
        const char *s = tok_text(z, j);
        size_t n = z->t[j].len;
        if (n > 1 && s[0] == '0')
            crier_say_digits(z, s, n, &w);
        else if (n <= 4)
            crier_say_year(z, s, n, &w);
        else
            crier_say_digits(z, s, n, &w);
        if (!(crier_tok_dash(z, j + 1) && tok_glued(z, j + 1) && tok_glued(z, j + 2)))
            break;
        j += 2;
    }
    return j > i ? crier_emit_buf(z, &w, i, j + 1) : (crier_buf_free(&w), 0);
}

size_t crier_cls_range(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_NUM) && !tok_punct(z, i, '-') && !tok_punct(z, i, '\''))
        return 0;
    if (i > 0 && tok_glued(z, i) && (z->t[i - 1].kind == TK_WORD || crier_tok_dash(z, i - 1) ||
                                     tok_punct(z, i - 1, '/')))
        return 0;
    size_t used = decade_range(z, i);
    if (!used)
        used = season(z, i);
    if (!used)
        used = ratio(z, i);
    if (!used)
        used = dimensions(z, i);
    if (!used)
        used = either_year(z, i);
    if (!used)
        used = ordinal_range(z, i);
    if (!used)
        used = abbrev_range(z, i);
    if (!used)
        used = open_range(z, i);
    if (!used && code_before(z, i))
        used = code_groups(z, i);
    if (used)
        return used;
    numx a, b;
    size_t right;
    /* "2%-10%": a percent sign on the left asks for one on the right. */
    int pct = crier_num_parse(z, i, &a) && tok_punct(z, a.end, '%') && tok_glued(z, a.end);
    if (!crier_num_parse(z, i, &a) || !range_dash(z, a.end + pct, &right) ||
        !crier_num_parse(z, right, &b) || b.neg || (pct && !tok_punct(z, b.end, '%')))
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
    if (crier_ampm_at(z, end) || (tok_punct(z, end, ':') && tok_is(z, end + 1, TK_NUM)))
        return 0; /* "7-9pm", "7-9:30": hours, read by times.c */
    /* "(c. 1028 – 9 September 1087)": a year, then a day of the month
     * is the start of a date, which reads itself after "to". */
    size_t m = crier_skip_space(z, b.end);
    if (plain_int(&b) && b.ipn <= 2 && m > b.end && tok_is(z, m, TK_WORD) &&
        crier_tok_find(z, CRIER_TAB_MONTHS, m) && yearish(z, i)) {
        crier_buf w = CRIER_BUF_INIT;
        crier_say_year(z, a.ip, a.ipn, &w);
        crier_put_phrase(z, "to", &w);
        return crier_emit_buf(z, &w, i, right);
    }
    crier_buf w = CRIER_BUF_INIT, tail = CRIER_BUF_INIT;
    /* "England were 245-6 at tea": runs for wickets, not a range. */
    if (plain_int(&a) && plain_int(&b) && !pct && right == a.end + 1 && a.ipn <= 3 && b.ipn <= 3 &&
        crier_cricket_score(z, i, b.end, crier_digits_value(a.ip, a.ipn),
                            crier_digits_value(b.ip, b.ipn))) {
        crier_say_num(z, &a, &w);
        crier_put_phrase(z, "for", &w);
        crier_say_num(z, &b, &w);
        return crier_emit_buf(z, &w, i, b.end);
    }
    if (plain_int(&a) && plain_int(&b) && !pct && football_score(z, i, b.end, &a, &b)) {
        crier_say_num(z, &a, &w);
        if (b.ipn == 1 && b.ip[0] == '0')
            crier_put_phrase(z, "nil", &w);
        else
            crier_say_num(z, &b, &w);
        return crier_emit_buf(z, &w, i, b.end);
    }
    int era = 0, unit = 0;
    end = range_tail(z, end, &b, &tail, &era, &unit);
    if (!era && !unit && !pct && right == a.end + 1 && model_series(z, i, &a, &b) &&
        !tok_punct(z, end, '%')) {
        crier_buf_free(&tail);
        crier_say_year(z, a.ip, 3, &w); /* "seven forty-seven" */
        crier_say_num(z, &b, &w);
        return crier_emit_buf(z, &w, i, b.end);
    }
    /* "published 2010-03": a month after a year of this century, not a
     * span into the next one. */
    if (yearish(z, i) && a.ip[0] == '2' && a.ip[1] == '0' && b.ipn == 2 && b.ip[0] == '0' &&
        b.ip[1] > '0' && !b.fp && right == a.end + 1 && !era && !unit &&
        b.ip[1] - '0' < crier_digits_value(a.ip + 2, 2)) {
        const char *month = crier_lex_month_name(z->lex, b.ip[1] - '0');
        if (month) {
            crier_buf_free(&tail);
            crier_put_word(&w, month);
            crier_say_year(z, a.ip, 4, &w);
            return crier_emit_buf(z, &w, i, b.end);
        }
    }
    /* "1861-5": one digit after a year replaces its last. */
    int one = a.ipn == 4 && b.ipn == 1 && !b.fp && z->t[right].len == 1 && b.ip[0] > a.ip[3];
    int years = era ||
                (!unit && yearish(z, a.i) && !a.neg &&
                 (yearish(z, right) || z->t[right].len == 2 || one) && crier_year_context(z, i)) ||
                (!unit && !pct && bracket_years(z, i, &a, &b, end)) ||
                (!unit && !pct && a.ipn == 3 && b.ipn == 3 && crier_circa_before(z, i));
    say_side(z, &a, years, &w);
    if (pct)
        crier_put_phrase(z, "percent", &w);
    crier_put_phrase(z, "to", &w);
    if (years && !era && a.ipn == 4 && b.ipn == 2 && !b.fp && !b.neg && isdigit((unsigned char)b.ip[0]) &&
        isdigit((unsigned char)b.ip[1]))
        say_year_end(z, a.ip, b.ip, &w);
    else if (years && !era && one)
        say_year_end(z, a.ip, (const char[]){a.ip[2], b.ip[0]}, &w);
    else
        say_side(z, &b, years, &w);
    if (tail.ptr)
        crier_put_word(&w, tail.ptr);
    crier_buf_free(&tail);
    crier_emit_buf(z, &w, i, end);
    if (era)
        crier_era_full_stop(z, end - 1); /* "1425-1400 B.C. Then" */
    return end - i;
}

/* money.c -- stage 2: amounts of money.
 *
 * "$5" is "five dollars", "$1" "one dollar", "$1,250.75" "one thousand
 * two hundred fifty dollars seventy-five cents", "$5.5 million" "five
 * point five million dollars", "€5m" "five million euros", "£3bn" "three
 * billion pounds", "US$200" "two hundred US dollars", "¥1,000" "one
 * thousand yen", "USD 300" "three hundred US dollars", "$5-10 million"
 * "five to ten million dollars", "$5 million-$10 million" "five million
 * dollars to ten million dollars", "$20/mo" "twenty dollars per month".
 * Text that was tokenized before it reached us ("$ 300,000") works too.
 *
 * Signs and codes come from currencies.tsv, multipliers from scales.tsv.
 * Cents are read when the amount has at most two significant decimals and
 * the currency has a minor unit; otherwise the amount is a decimal
 * ("$20.506" is "twenty point five zero six dollars"). */
#include "internal.h"
#include "norm.h"

#include <string.h>

/* ==== Parts ============================================================== */

/* Finds a currency at token i: a sign ("$"), a code ("USD"), or a prefix
 * glued to a sign ("US$", "HK$"). Returns the row and sets *used. */
static const crier_lex_row *currency_at(const norm *z, size_t i, size_t *used)
{
    if (i >= z->n)
        return NULL;
    tok_kind k = z->t[i].kind;
    if (k == TK_WORD && tok_is(z, i + 1, TK_SYM) && tok_glued(z, i + 1) && z->t[i].len <= 3) {
        const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_CURRENCIES, tok_text(z, i),
                                                tok_end(z, i + 1) - z->t[i].off);
        if (r) {
            *used = 2;
            return r;
        }
    }
    /* "US $ 12", as tokenized text writes "US$12" (spaces all round). */
    if (k == TK_WORD && (z->t[i].flags & TF_UPPER) && z->t[i].len <= 3 && tok_is(z, i + 1, TK_SPACE) &&
        z->t[i + 1].len == 1 && tok_is(z, i + 2, TK_SYM) && z->t[i + 2].len <= 4 &&
        tok_is(z, i + 3, TK_SPACE)) {
        char key[8];
        memcpy(key, tok_text(z, i), z->t[i].len);
        memcpy(key + z->t[i].len, tok_text(z, i + 2), z->t[i + 2].len);
        const crier_lex_row *r =
            crier_lex_find(z->lex, CRIER_TAB_CURRENCIES, key, z->t[i].len + z->t[i + 2].len);
        if (r) {
            *used = 3;
            return r;
        }
    }
    if (k != TK_WORD && k != TK_SYM)
        return NULL;
    const crier_lex_row *r = crier_tok_find(z, CRIER_TAB_CURRENCIES, i);
    if (!r)
        return NULL;
    *used = 1;
    /* "Rs." with its dot */
    if (k == TK_WORD && tok_punct(z, i + 1, '.') && tok_glued(z, i + 1) &&
        !(z->t[i].flags & TF_UPPER) && (r->flags & CRIER_CUR_PREFIX))
        *used = 2;
    return r;
}

/* Finds a scale word after a number at token i ("million", "m", "bn").
 * Abbreviations count only when glued, or spaced after a currency sign. */
static const crier_lex_row *scale_at(const norm *z, size_t i, int money, size_t *used)
{
    /* "a $1.2-billion plan": a scale word after a hyphen. */
    if (tok_punct(z, i, '-') && tok_glued(z, i) && tok_is(z, i + 1, TK_WORD) && tok_glued(z, i + 1)) {
        const crier_lex_row *r = crier_tok_find(z, CRIER_TAB_SCALES, i + 1);
        if (r && !(r->flags & CRIER_SCALE_ABBR) && !(tok_is(z, i + 2, TK_WORD) || tok_punct(z, i + 2, '-'))) {
            *used = 2;
            return r;
        }
        return NULL;
    }
    size_t k = tok_is(z, i, TK_SPACE) && z->t[i].len == 1 ? i + 1 : i;
    if (!tok_is(z, k, TK_WORD))
        return NULL;
    const crier_lex_row *r = crier_tok_find(z, CRIER_TAB_SCALES, k);
    if (!r)
        return NULL;
    if ((r->flags & CRIER_SCALE_ABBR) && !(money || k == i))
        return NULL;
    if ((r->flags & CRIER_SCALE_ABBR) && k > i && tok_is(z, k + 1, TK_WORD))
        return NULL;
    *used = k + 1 - i;
    return r;
}

/* An amount: a number and its scale, which may be two words ("₹1.2
 * lakh crore", "a thousand million"). */
typedef struct amount {
    numx x;
    const crier_lex_row *scale, *scale2;
    size_t end;
} amount;

/* Parses a number (after optional space) and a scale at token i. */
static int amount_at(const norm *z, size_t i, amount *a, int money)
{
    size_t k = tok_is(z, i, TK_SPACE) && z->t[i].len == 1 ? i + 1 : i;
    if (!crier_num_parse(z, k, &a->x))
        return 0;
    size_t used = 0;
    a->end = a->x.end;
    a->scale = scale_at(z, a->end, money, &used);
    a->end += used;
    a->scale2 = NULL;
    if (a->scale && !(a->scale->flags & CRIER_SCALE_ABBR) && tok_is(z, a->end, TK_SPACE)) {
        const crier_lex_row *s2 = scale_at(z, a->end, 0, &used);
        if (s2 && !(s2->flags & CRIER_SCALE_ABBR)) {
            a->scale2 = s2;
            a->end += used;
        }
    }
    if (a->scale)
        a->end = crier_unit_dot(z, a->end); /* "$3 mil. in cash" */
    return 1;
}

/* The minor-unit value of a decimal part if it has at most two significant
 * digits ("50" for ".5" or ".500"), else -1. */
static long cents(const numx *x)
{
    size_t n = x->fpn;
    while (n > 2 && x->fp[n - 1] == '0')
        n--;
    if (n > 2)
        return -1;
    long v = crier_digits_value(x->fp, n);
    return n == 1 ? v * 10 : v;
}

/* ==== Reading ============================================================ */

/* Appends "five point five million", without the currency. */
static void say_amount_number(const norm *z, const amount *a, crier_buf *w)
{
    crier_say_num(z, &a->x, w);
    if (a->scale)
        crier_put_word(w, a->scale->cols[1]);
    if (a->scale2)
        crier_put_word(w, a->scale2->cols[1]);
}

static int all_zero(const char *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (d[i] >= '1' && d[i] <= '9')
            return 0;
    return 1;
}

/* Appends a whole amount with its currency: "five dollars", "one dollar
 * fifty cents", "five million euros", "fifty cents". */
static void say_money(const norm *z, const amount *a, const crier_lex_row *cur, crier_buf *w)
{
    const numx *x = &a->x;
    long c = x->fp && !a->scale && cur->ncols >= 6 ? cents(x) : -1;
    if (!x->fp || a->scale || c < 0) {
        say_amount_number(z, a, w);
        crier_put_word(w, crier_num_is_one(x) && !a->scale ? cur->cols[2] : cur->cols[3]);
        return;
    }
    int zero = !x->ip || all_zero(x->ip, x->ipn);
    if (x->neg)
        crier_put_phrase(z, "minus", w);
    if (!zero || c == 0) {
        numx whole = {.ip = x->ip ? x->ip : "0", .ipn = x->ip ? x->ipn : 1};
        crier_say_num(z, &whole, w);
        crier_put_word(w, crier_num_is_one(&whole) ? cur->cols[2] : cur->cols[3]);
    }
    if (c > 0) {
        char d[3] = {(char)('0' + c / 10), (char)('0' + c % 10), 0};
        crier_say_cardinal(z, d, 2, w);
        crier_put_word(w, c == 1 ? cur->cols[4] : cur->cols[5]);
    }
}

/* "/mo", "/yr": a rate after an amount. A word in lower case that is no
 * unit is what the amount is paid for, as written: "€180/night" is "one
 * hundred eighty euros per night". */
static size_t per_unit(const norm *z, size_t i, crier_buf *w)
{
    if (!tok_punct(z, i, '/') || !tok_is(z, i + 1, TK_WORD) || !tok_glued(z, i + 1))
        return 0;
    crier_buf u = CRIER_BUF_INIT;
    size_t used = crier_unit_parse(z, i + 1, 0, 2, 0, &u);
    if (used && !(u.oom)) {
        crier_put_phrase(z, "per", w);
        crier_put_word(w, u.ptr);
    } else if (!used && (z->t[i + 1].flags & TF_LOWER) &&
               !(crier_tok_ctx(z, i + 1) & (CRIER_CTX_CONJUNCTION | CRIER_CTX_DETERMINER)) &&
               !(tok_glued(z, i + 2) && (tok_is(z, i + 2, TK_WORD) || tok_is(z, i + 2, TK_NUM) ||
                                         tok_punct(z, i + 2, '/')))) {
        /* "$4.99/gallon", "$90/night", but not "$5/or". */
        crier_put_phrase(z, "per", w);
        crier_put_word(w, "");
        crier_buf_put(w, tok_text(z, i + 1), z->t[i + 1].len);
        used = 1;
    }
    crier_buf_free(&u);
    return used ? crier_unit_dot(z, i + 1 + used) - i : 0;
}

/* ==== Classifier ========================================================= */

/* True when token i is a minus sign before a currency: "-$5". */
static int sign_before_currency(const norm *z, size_t i)
{
    size_t cu;
    if (!tok_punct(z, i, '-') || !tok_glued(z, i + 1))
        return 0;
    if (i > 0 && tok_glued(z, i) && (z->t[i - 1].kind == TK_WORD || z->t[i - 1].kind == TK_NUM))
        return 0;
    return currency_at(z, i + 1, &cu) != NULL;
}

/* A currency before the number: "$5", "US$ 200", "USD 300", "$5-10
 * million", "$50-$100". */
static size_t money_prefix(norm *z, size_t i)
{
    size_t j = i, cu;
    int neg = sign_before_currency(z, i);
    j += neg;
    const crier_lex_row *cur = currency_at(z, j, &cu);
    if (!cur || !(cur->flags & CRIER_CUR_PREFIX))
        return 0;
    amount a;
    if (!amount_at(z, j + cu, &a, 1) || a.x.neg)
        return 0;
    a.x.neg = neg;
    crier_buf w = CRIER_BUF_INIT;
    size_t end = a.end;
    /* "in the mid-$400s", "the low $20s": a span of prices, said as
     * people say it, "the mid four hundreds", with the currency
     * understood. */
    if (!neg && !a.scale && !a.x.fp && crier_tok_eq(z, end, "s") && tok_glued(z, end) &&
        !(tok_is(z, end + 1, TK_WORD) && tok_glued(z, end + 1))) {
        say_amount_number(z, &a, &w);
        crier_pluralize_last(z, &w);
        return crier_emit_buf(z, &w, i, end + 1);
    }
    /* A range: "$5-10 million", "$50.00-$100.00". */
    size_t d = crier_skip_space(z, end), cu2 = 0;
    /* "between $3 and $4 million", "$3 or $4 billion": the scale of the
     * second amount is the first's too. */
    int joined = d > end && (crier_tok_eq(z, d, crier_phrase(z, "and")) ||
                             crier_tok_eq(z, d, crier_phrase(z, "or")));
    if (crier_tok_dash(z, d) || crier_tok_eq(z, d, "to") || joined) {
        size_t k = crier_skip_space(z, d + 1);
        const crier_lex_row *c2 = currency_at(z, k, &cu2);
        amount b;
        int shared = c2 == cur && amount_at(z, k + cu2, &b, 1) && !b.x.neg && !a.scale &&
                     b.scale && (!a.x.fp || a.x.fpn == 1);
        /* With a scale on the left, the right side needs its own
         * currency or scale: "$5 million-$10 million", "$1bn-2bn", but
         * not "$5 million to 10 people". */
        if (shared) {
            say_amount_number(z, &a, &w); /* "three to four million dollars" */
            crier_put_word(&w, "");
            crier_buf_put(&w, tok_text(z, d), crier_tok_dash(z, d) ? 0 : z->t[d].len);
            if (crier_tok_dash(z, d))
                crier_put_phrase(z, "to", &w);
            say_money(z, &b, cur, &w);
            end = b.end;
        } else if (joined) {
            ; /* "$5 and $10": two sums, each read alone */
        } else if (c2 == cur && amount_at(z, k + cu2, &b, 1) && !b.x.neg) {
            say_money(z, &a, cur, &w);
            crier_put_phrase(z, "to", &w);
            say_money(z, &b, cur, &w);
            end = b.end;
        } else if (!c2 && amount_at(z, k, &b, 1) && !b.x.neg && (!a.scale || b.scale) &&
                   (k == d + 1 || crier_tok_eq(z, d, "to"))) {
            say_amount_number(z, &a, &w); /* "five to ten million dollars" */
            crier_put_phrase(z, "to", &w);
            say_money(z, &b, cur, &w);
            end = b.end;
        }
    }
    if (end == a.end && a.scale && tok_punct(z, a.x.end, '-')) {
        say_amount_number(z, &a, &w); /* "a one point two billion dollar plan" */
        crier_put_word(&w, cur->cols[2]);
    } else if (end == a.end) {
        say_money(z, &a, cur, &w);
    }
    end += per_unit(z, end, &w);
    return crier_emit_buf(z, &w, i, end);
}

/* A currency after the number: "5¢", "300 USD", "5 €". */
static size_t money_suffix(norm *z, size_t i)
{
    amount a;
    if (!amount_at(z, i, &a, 0) || tok_is(z, i, TK_SPACE))
        return 0;
    size_t k = tok_is(z, a.end, TK_SPACE) && z->t[a.end].len == 1 ? a.end + 1 : a.end, cu;
    const crier_lex_row *cur = currency_at(z, k, &cu);
    if (!cur || !(cur->flags & CRIER_CUR_SUFFIX))
        return 0;
    /* A code in lower case counts only glued to a small amount, whole
     * or with a decimal: "50p" and "145.9p" are pence, "1080p" a
     * screen. */
    if (z->t[k].kind == TK_WORD && !(z->t[k].flags & TF_UPPER) &&
        !(k == a.end && !a.scale && !a.x.neg &&
          ((!a.x.fp && a.x.ipn <= 2) || (a.x.fp && a.x.ipn <= 3 && a.x.fpn <= 2))))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    say_money(z, &a, cur, &w);
    return crier_emit_buf(z, &w, i, k + cu);
}

/* ==== Pounds, shillings and pence ======================================= */

/* Before 1971 a British sum was written "£5 10s. 6d.", "4s. 6d.",
 * "1,000l." or "1/2d.": pounds, shillings and pence, each a number with a
 * letter (currencies.tsv, flag old). A part alone is read only when its
 * letter has its dot and cannot be something else: "10s." but not "the
 * 1880s.", "6d." but not "the 3d. of May" (an old ordinal, numbers.c). */

typedef struct old_part {
    char letter;     /* 'l', 's' or 'd' */
    int dot;         /* the letter has its dot */
    int small;       /* a whole number under twenty */
    int zero;        /* the number is 0 */
    int frac;        /* a fraction ("1/2d.") */
    size_t end;      /* token after the part (and its dot) */
} old_part;

/* The old-money row for the one-letter word at token k glued to a number. */
static const crier_lex_row *old_unit(const norm *z, size_t k)
{
    if (!tok_is(z, k, TK_WORD) || !tok_glued(z, k) || z->t[k].len != 1)
        return NULL;
    char key[2] = {tok_text(z, k)[0], '.'};
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_CURRENCIES, key, 2);
    return r && (r->flags & CRIER_CUR_OLD) ? r : NULL;
}

/* Appends a fraction of a penny: "a halfpenny" (phrases.tsv "old-1/2"),
 * else "one eighth of a penny". */
static void say_old_fraction(const norm *z, size_t i, size_t end, const crier_buf *f,
                             const crier_lex_row *r, crier_buf *w)
{
    char key[24] = "old-";
    size_t n = tok_end(z, end - 1) - z->t[i].off;
    if (n < sizeof key - 5) {
        memcpy(key + 4, tok_text(z, i), n);
        key[4 + n] = '\0';
        const char *said = crier_phrase(z, key);
        if (said != key) {
            crier_put_word(w, said);
            return;
        }
    }
    crier_put_word(w, f->ptr);
    crier_put_phrase(z, "of-a", w);
    crier_put_word(w, r->cols[2]);
}

/* Parses one part at token i ("10s.", "6d", "1/2d.", "2 1/2d.") and
 * appends its words. Returns 0 when there is none. */
static int old_part_at(const norm *z, size_t i, old_part *p, crier_buf *w)
{
    crier_buf f = CRIER_BUF_INIT;
    int whole = 0, ok = 0;
    numx x;
    size_t used = tok_is(z, i, TK_NUM) || tok_is(z, i, TK_SYM) || tok_is(z, i, TK_PUNCT)
                      ? crier_fraction_parse(z, i, &f, &whole)
                      : 0;
    const crier_lex_row *r = NULL;
    memset(p, 0, sizeof *p);
    if (used && !f.oom && (r = old_unit(z, i + used)) != NULL) {
        p->frac = 1;
        if (whole) {
            crier_put_word(w, f.ptr);
            crier_put_word(w, r->cols[3]);
        } else {
            say_old_fraction(z, i, i + used, &f, r, w);
        }
        ok = 1;
    } else if (!used && crier_num_parse(z, i, &x) && !x.neg && !x.fp && x.ip &&
               (r = old_unit(z, x.end)) != NULL) {
        used = x.end - i;
        p->small = x.ipn <= 2 && crier_digits_value(x.ip, x.ipn) < 20;
        p->zero = crier_digits_value(x.ip, x.ipn) == 0;
        crier_say_num(z, &x, w);
        crier_put_word(w, crier_num_is_one(&x) ? r->cols[2] : r->cols[3]);
        ok = 1;
    }
    crier_buf_free(&f);
    if (!ok)
        return 0;
    size_t k = i + used;
    p->letter = tok_text(z, k)[0];
    p->dot = tok_punct(z, k + 1, '.') && tok_glued(z, k + 1);
    p->end = k + 1 + (size_t)p->dot;
    /* "6d" glued to more letters or digits is something else. */
    return !(tok_glued(z, p->end) && !tok_is(z, p->end, TK_PUNCT));
}

/* Pounds come before shillings, shillings before pence. */
static int old_rank(char letter)
{
    return letter == 'l' ? 0 : letter == 's' ? 1 : 2;
}

/* True when a part standing alone is old money (see above). */
static int old_alone(const norm *z, size_t i, const old_part *p)
{
    if (!p->dot)
        return 0;
    /* "paid 10s. for it", but "two 5s." and "1s and 0s." are numbers.
     * After a word that a price follows ("rose to 80s. a quarter", "the
     * fine was 40s.") shillings may be many and end the sentence; after
     * "the" or "in" the same figures would be decades. */
    if (p->letter == 's') {
        size_t k = crier_skip_space(z, p->end);
        int lower = k > p->end && tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_LOWER);
        size_t b = crier_prev_word(z, i);
        int priced = b != (size_t)-1 && (crier_tok_ctx(z, b) & CRIER_CTX_PRICE_BEFORE) &&
                     z->t[i].len <= 3;
        return !p->zero && ((p->small && lower) ||
                            (priced && (lower || crier_ends_sentence(z, p->end))));
    }
    if (p->letter == 'd' && !p->frac) {
        size_t b = crier_prev_word(z, i), k = crier_skip_space(z, p->end);
        return !(b != (size_t)-1 && (crier_tok_eq(z, b, "the") ||
                                     crier_tok_find(z, CRIER_TAB_MONTHS, b))) &&
               !crier_tok_eq(z, k, "of");
    }
    return 1;
}

/* "£5 10s. 6d.", "4s. 6d.", "2l. 10s.", "1s.", "1/2d.": up to three
 * parts one space apart, in the order pounds, shillings, pence. */
size_t crier_cls_old_money(norm *z, size_t i)
{
    crier_buf w = CRIER_BUF_INIT;
    size_t j = i, nparts = 0, last_at = 0;
    int sign = 0;
    char prev = 0;
    numx x;
    old_part p, last = {0};
    const crier_lex_row *pound = tok_punct(z, i, 0xA3) ? crier_lex_find(z->lex, CRIER_TAB_CURRENCIES,
                                                                        tok_text(z, i), z->t[i].len)
                                                     : NULL;
    if (pound && tok_glued(z, i + 1) && crier_num_parse(z, i + 1, &x) && !x.neg && !x.fp &&
        tok_is(z, x.end, TK_SPACE)) {
        crier_say_num(z, &x, &w); /* "£5" before shillings or pence */
        crier_put_word(&w, crier_num_is_one(&x) ? pound->cols[2] : pound->cols[3]);
        j = x.end, prev = 'l', nparts = 1, sign = 1;
    }
    while (nparts < 3) {
        size_t k = j == i ? j : j + 1;
        if (j != i && (!tok_is(z, j, TK_SPACE) || z->t[j].len != 1))
            break;
        size_t mark = w.len;
        if (!old_part_at(z, k, &p, &w) || (prev && old_rank(p.letter) <= old_rank(prev))) {
            crier_buf_truncate(&w, mark);
            break;
        }
        last_at = mark, prev = p.letter, nparts++, j = p.end, last = p;
    }
    int ok = nparts >= 2 || (nparts == 1 && !sign && old_alone(z, i, &last));
    if (!ok || w.oom) {
        crier_buf_free(&w);
        return 0;
    }
    if (nparts >= 2 && prev == 'd') { /* "... and six pence" */
        crier_buf tail = CRIER_BUF_INIT;
        crier_buf_put(&tail, w.ptr + last_at, w.len - last_at);
        crier_buf_truncate(&w, last_at);
        crier_put_phrase(z, "and", &w);
        crier_put_word(&w, tail.ptr ? tail.ptr + (tail.ptr[0] == ' ') : "");
        crier_buf_free(&tail);
    }
    size_t used = crier_emit_buf(z, &w, i, j);
    if (tok_punct(z, j - 1, '.') && crier_ends_sentence(z, j))
        crier_emit_pause(z, ".", z->t[j - 1].off, 1);
    return used;
}

/* A number may carry a currency after it; anything else may be a
 * currency before a number. */
size_t crier_cls_money(norm *z, size_t i)
{
    tok_kind k = z->t[i].kind;
    if (k == TK_NUM || k == TK_PUNCT) {
        size_t used = money_suffix(z, i);
        if (used || k == TK_NUM)
            return used;
    }
    return money_prefix(z, i);
}

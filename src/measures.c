/* measures.c -- stage 2: numbers with units of measure.
 *
 * "5 km" is "five kilometers" and "1 km" "one kilometer": the unit agrees
 * with its number. A hyphenated adjective stays singular: "a 7.2-mm
 * bullet" is "a seven point two millimeter bullet". Compound units are
 * read with "per" ("120 km/h" is "one hundred twenty kilometers per
 * hour", "12/kg" "twelve per kilogram"); "sq ft" is "square feet";
 * "-5°C" is "minus five degrees Celsius"; "6 ft 2 in" is "six feet two
 * inches"; "4 1/2 lbs" is "four and a half pounds".
 *
 * Units come from units.tsv (case-sensitive, so "m" is a meter and "M" is
 * not a unit), British spellings of their names from variants.tsv. */
#include "internal.h"
#include "norm.h"

#include <string.h>

/* ==== Units ============================================================== */

/* See norm.h. */
const crier_lex_row *crier_unit_row(const norm *z, const char *s, size_t n)
{
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_UNITS, s, n);
    if (r || n > 15)
        return r;
    char low[16];
    for (size_t k = 0; k < n; k++)
        low[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 32) : s[k];
    r = crier_lex_find(z->lex, CRIER_TAB_UNITS, low, n);
    return r && (r->flags & CRIER_UNIT_ANYCASE) ? r : NULL;
}

/* True when token i may be part of a unit written as one piece ("km",
 * "°C", "m2", "m²"). */
static int unit_piece(const norm *z, size_t i)
{
    if (i >= z->n)
        return 0;
    tok_kind k = z->t[i].kind;
    return k == TK_WORD || (k == TK_NUM && z->t[i].len == 1) || k == TK_SYM ||
           (k == TK_PUNCT && z->t[i].cp != '/' && z->t[i].cp != '-' && z->t[i].cp != '.' &&
            z->t[i].cp != ',' && z->t[i].cp > 0x7F);
}

/* Finds the longest unit made of glued tokens from i (at most four).
 * Returns its row and sets *used. */
static const crier_lex_row *unit_at(const norm *z, size_t i, size_t *used)
{
    const crier_lex_row *best = NULL;
    for (size_t j = i; j < i + 4 && unit_piece(z, j) && (j == i || tok_glued(z, j)); j++) {
        const crier_lex_row *r = crier_unit_row(z, tok_text(z, i), tok_end(z, j) - z->t[i].off);
        if (r) {
            best = r;
            *used = j + 1 - i;
        }
    }
    if (!best)
        return NULL;
    /* The unit must end the word: "5 kgs" yes, "5 mice" no. */
    size_t e = i + *used;
    if (tok_is(z, e, TK_WORD) && tok_glued(z, e))
        return NULL;
    if (tok_is(z, e, TK_NUM) && tok_glued(z, e))
        return NULL;
    return best;
}

/* True when a slash or a multiplication dot at token k joins the unit
 * before it to another one glued after it: "g/cm³", "kW·h". */
static int joined_unit(const norm *z, size_t k)
{
    return (tok_punct(z, k, '/') || tok_punct(z, k, 0xB7) || tok_punct(z, k, 0x22C5)) &&
           tok_glued(z, k) && tok_is(z, k + 1, TK_WORD) && tok_glued(z, k + 1);
}

/* Appends a unit's words, respelled for British conventions. */
static void put_unit_words(const norm *z, const char *words, crier_buf *w)
{
    crier_put_word(w, "");
    if (!(z->flags & CRIER_NORM_GB)) {
        crier_buf_puts(w, words);
        return;
    }
    for (const char *p = words; *p;) {
        size_t n = strcspn(p, " ");
        const crier_lex_row *v = crier_lex_find(z->lex, CRIER_TAB_VARIANTS, p, n);
        if (v)
            crier_buf_puts(w, v->cols[1]);
        else
            crier_buf_put(w, p, n);
        p += n;
        if (*p)
            crier_buf_putc(w, *p++);
    }
}

/* True when a number and a unit come after token k and one space: the
 * "7 lb" of "9 st 7 lb". */
static int measure_follows(const norm *z, size_t k)
{
    size_t used;
    if (!tok_is(z, k, TK_SPACE) || z->t[k].len != 1 || !tok_is(z, k + 1, TK_NUM))
        return 0;
    size_t u = k + 2 + (tok_is(z, k + 2, TK_SPACE) && z->t[k + 2].len == 1);
    return (u == k + 2 ? tok_glued(z, u) : 1) && unit_at(z, u, &used) != NULL;
}

/* True when the unit at token i, with `next` the token after it past a
 * space, closes a conversion in brackets: "1,200 mm ( 47 in )". There
 * "in" can only be the unit, as a sentence cannot end inside them. */
static int converted(const norm *z, size_t i, size_t next)
{
    size_t num = crier_prev_word(z, i);
    if (!tok_punct(z, next, ')') || num == (size_t)-1 || !tok_is(z, num, TK_NUM))
        return 0;
    size_t open = crier_prev_word(z, num);
    return open != (size_t)-1 && tok_punct(z, open, '(');
}

/* See norm.h. `glued` is 0 for a spaced unit, 1 for a glued one and 2
 * after a slash, where "per" units ("mo", "s") are allowed. */
size_t crier_unit_parse(const norm *z, size_t i, int plural, int glued, int after, crier_buf *w)
{
    size_t used;
    const crier_lex_row *r = unit_at(z, i, &used);
    if (!r)
        return 0;
    /* "45 ° C", as tokenized text writes "45°C". */
    size_t cf = i + used + 1;
    if (tok_punct(z, i, 0xB0) && used == 1 && tok_is(z, i + 1, TK_SPACE) && z->t[i + 1].len == 1 &&
        tok_is(z, cf, TK_WORD) && z->t[cf].len == 1 && !(tok_is(z, cf + 1, TK_WORD) && tok_glued(z, cf + 1))) {
        char key[4] = {(char)0xC2, (char)0xB0, tok_text(z, cf)[0], 0};
        const crier_lex_row *r2 = crier_lex_find(z->lex, CRIER_TAB_UNITS, key, 3);
        if (r2) {
            put_unit_words(z, r2->cols[plural ? 2 : 1], w);
            return cf + 1 - i;
        }
    }
    unsigned f = r->flags;
    /* "2.5 in. of rain": with its dot, before a word in lower case, a
     * number, a comma ("at 30 in., and") or the end of the line, "in" is
     * the unit, not the word. */
    size_t nx = crier_skip_space(z, i + used + 1);
    int dotted = tok_punct(z, i + used, '.') && tok_glued(z, i + used) &&
                 (nx >= z->n || z->t[nx].kind == TK_NL || tok_is(z, nx, TK_NUM) ||
                  ((tok_punct(z, nx, ',') || tok_punct(z, nx, ';')) && nx == i + used + 1) ||
                  (tok_is(z, nx, TK_WORD) && (z->t[nx].flags & TF_LOWER)));
    /* "8.1 g of gold", "3 g, 5 g": a one-letter unit that is usually
     * glued stands apart before "of", "and", "or", a comma or a bracket;
     * before a full stop it may be a letter ("Appendix 5 l."). */
    size_t nw = crier_skip_space(z, i + used);
    size_t u2used;
    int apart = tok_punct(z, nw, ',') || tok_punct(z, nw, ';') || tok_punct(z, nw, ')') ||
                crier_tok_eq(z, nw, "of") || crier_tok_eq(z, nw, "and") || crier_tok_eq(z, nw, "or") ||
                (nw == i + used && joined_unit(z, nw) && unit_at(z, nw + 1, &u2used));
    if ((f & CRIER_UNIT_BEFORE) && !measure_follows(z, tok_punct(z, i + used, '.') ? i + used + 1
                                                                               : i + used))
        return 0;
    if (((f & CRIER_UNIT_GLUED) && !glued && !apart) ||
        ((f & CRIER_UNIT_AFTER) && !after && !glued && !dotted && !converted(z, i, nw)) ||
        ((f & CRIER_UNIT_PER) && glued != 2))
        return 0;
    if (f & CRIER_UNIT_PREFIX) {
        /* "sq ft": the prefix qualifies the unit after it. */
        size_t k = crier_skip_space(z, i + used);
        if (tok_punct(z, i + used, '.'))
            k = crier_skip_space(z, i + used + 1);
        if (tok_punct(z, k, '-') && tok_glued(z, k) && tok_glued(z, k + 1))
            k++; /* "a 1,200-sq-ft condo" */
        crier_buf u = CRIER_BUF_INIT;
        size_t u2 = crier_unit_parse(z, k, plural, 1, 1, &u);
        if (u2 && u.ptr) {
            crier_put_word(w, r->cols[1]);
            crier_put_word(w, u.ptr);
        }
        crier_buf_free(&u);
        return u2 ? k + u2 - i : 0;
    }
    size_t end = i + used;
    /* "kW·h", "N⋅m": a product of units, the last one counted. */
    if (joined_unit(z, end) && !tok_punct(z, end, '/')) {
        crier_buf u = CRIER_BUF_INIT;
        size_t u2 = crier_unit_parse(z, end + 1, plural, 1, 1, &u);
        if (u2 && u.ptr) {
            put_unit_words(z, r->cols[1], w);
            crier_put_word(w, u.ptr);
            end += 1 + u2;
        }
        crier_buf_free(&u);
        if (u2)
            return end - i;
    }
    put_unit_words(z, r->cols[plural ? 2 : 1], w);
    /* "km/h": the second unit is read after "per", in the singular. Text
     * tokenized before it reached us writes "km / h". */
    size_t sp = tok_is(z, end, TK_SPACE) && z->t[end].len == 1 && tok_punct(z, end + 1, '/') &&
                        tok_is(z, end + 2, TK_SPACE) && z->t[end + 2].len == 1 &&
                        tok_is(z, end + 3, TK_WORD)
                    ? 1
                    : 0;
    if (tok_punct(z, end + sp, '/') &&
        (sp || (tok_glued(z, end) && tok_glued(z, end + 1)))) {
        crier_buf u = CRIER_BUF_INIT;
        size_t u2 = crier_unit_parse(z, end + 1 + 2 * sp, 0, 2, 0, &u);
        if (u2 && u.ptr) {
            crier_put_phrase(z, "per", w);
            crier_put_word(w, u.ptr);
            end += 1 + 2 * sp + u2;
        }
        crier_buf_free(&u);
    }
    return end - i;
}

/* ==== Classifier ========================================================= */

/* "4.3bn m3", "2.5m sq ft": a scale glued to the number at token j, then
 * a space and a unit written short. Appends the scale's word and returns
 * 1, or 0. */
static int glued_scale(const norm *z, size_t j, crier_buf *w)
{
    if (!tok_is(z, j, TK_WORD) || !tok_glued(z, j) || !tok_is(z, j + 1, TK_SPACE) ||
        z->t[j + 1].len != 1)
        return 0;
    const crier_lex_row *sc = crier_tok_find(z, CRIER_TAB_SCALES, j);
    if (!sc)
        return 0;
    crier_buf u = CRIER_BUF_INIT;
    size_t used = crier_unit_parse(z, j + 2, 1, 0, 0, &u);
    crier_buf_free(&u);
    if (!used)
        return 0;
    crier_put_word(w, sc->cols[1]);
    return 1;
}

/* Parses the number of a measure at token i: a fraction ("1/2", "4 1/2")
 * or a decimal or integer. Fills `w` and sets *one when the unit should
 * be singular. Returns the tokens used. */
static size_t measure_number(const norm *z, size_t i, crier_buf *w, int *one)
{
    int whole;
    size_t used = crier_fraction_parse(z, i, w, &whole);
    if (used) {
        *one = !whole; /* "one half pint", "four and a half pounds" */
        return used;
    }
    crier_buf_truncate(w, 0);
    numx x;
    used = crier_num_parse(z, i, &x);
    if (used) {
        crier_say_num(z, &x, w);
        *one = crier_num_is_one(&x);
    }
    return used;
}

/* See norm.h. "5 ft. 6 in.": a number may go on too. */
size_t crier_unit_dot(const norm *z, size_t end)
{
    if (!tok_punct(z, end, '.') || !tok_glued(z, end) || !tok_is(z, end - 1, TK_WORD))
        return end;
    size_t k = crier_skip_space(z, end + 1);
    if (k == end + 1 || !(tok_is(z, k, TK_NUM) || (tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_LOWER))))
        return end;
    return end + 1;
}

/* "6 ft 2 in": another measure right after one, in a smaller unit.
 * Appends it and returns the index after it, or `end`. */
static size_t second_measure(const norm *z, size_t end, crier_buf *w)
{
    size_t s = crier_skip_space(z, end);
    numx x;
    if (s == end || !crier_num_parse(z, s, &x) || x.neg)
        return end;
    crier_buf v = CRIER_BUF_INIT;
    /* "4 ft 8 1⁄2 in", the standard gauge: a mixed number before the
     * smaller unit. */
    int whole = 0;
    size_t fu = crier_fraction_parse(z, s, &v, &whole);
    if (fu) {
        int sp = tok_is(z, s + fu, TK_SPACE);
        size_t u = crier_unit_parse(z, s + fu + (size_t)sp, whole, !sp, 1, &v);
        if (u && v.ptr) {
            crier_put_word(w, v.ptr);
            end = s + fu + (size_t)sp + u;
        }
        crier_buf_free(&v);
        return end;
    }
    crier_say_num(z, &x, &v);
    /* "7h 30m", "2 hrs 15m": after hours, "m" is minutes, not meters. */
    size_t hl = strlen(crier_phrase(z, "hours")), h1 = strlen(crier_phrase(z, "hour"));
    int hours = (w->len >= hl && strcmp(w->ptr + w->len - hl, crier_phrase(z, "hours")) == 0) ||
                (w->len >= h1 && strcmp(w->ptr + w->len - h1, crier_phrase(z, "hour")) == 0);
    size_t mk = tok_is(z, x.end, TK_SPACE) ? x.end + 1 : x.end;
    if (hours && (crier_tok_eq(z, mk, "m") || crier_tok_eq(z, mk, "min")) &&
        !(tok_is(z, mk + 1, TK_WORD) && tok_glued(z, mk + 1))) {
        crier_put_phrase(z, crier_num_is_one(&x) ? "minute" : "minutes", &v);
        crier_put_word(w, v.ptr);
        crier_buf_free(&v);
        return mk + 1;
    }
    /* "6 ft 2 in", and glued, "6ft 5in" */
    int spaced = tok_is(z, x.end, TK_SPACE);
    size_t u = crier_unit_parse(z, x.end + (size_t)spaced, !crier_num_is_one(&x), !spaced, 1, &v);
    if (u && v.ptr) {
        crier_put_word(w, v.ptr);
        end = x.end + (size_t)spaced + u;
    }
    crier_buf_free(&v);
    return end;
}

/* True when the double quote at token k ends a height, "6'2\"": a mark
 * no quotation could close. */
static int height_mark(const norm *z, size_t k)
{
    return k >= 3 && tok_glued(z, k) && tok_is(z, k - 1, TK_NUM) && tok_glued(z, k - 1) &&
           tok_punct(z, k - 2, '\'') && tok_glued(z, k - 2) && tok_is(z, k - 3, TK_NUM);
}

/* The number of double quotes on the line before token j, heights aside.
 * A mark glued after a number where no quotation is open is an inch
 * mark, not a quote ("2-4\" of rain, isolated 6\" amounts"). The count is
 * kept from call to call, since positions only grow, so a line full of
 * quotes is counted once. */
static size_t quotes_before(norm *z, size_t j)
{
    if (j < z->q_tok) {
        z->q_tok = 0;
        z->q_count = 0;
    }
    for (; z->q_tok < j; z->q_tok++) {
        if (z->t[z->q_tok].kind == TK_NL)
            z->q_count = 0;
        else if (tok_punct(z, z->q_tok, '"') && !height_mark(z, z->q_tok) &&
                 !(z->q_count % 2 == 0 && z->q_tok > 0 && tok_glued(z, z->q_tok) &&
                   tok_is(z, z->q_tok - 1, TK_NUM)))
            z->q_count++;
    }
    return z->q_count;
}

/* True when a single quote opens before token j on its line: a quote
 * mark with a space or the line's start before it and a word or number
 * glued after it ("the 'Top 10' list"). The look back is bounded, so
 * that a line of marks stays linear. */
static int single_quote_open(const norm *z, size_t j)
{
    for (size_t k = j, steps = 0; k-- > 0 && steps < 64; steps++) {
        if (z->t[k].kind == TK_NL)
            return 0;
        if (tok_punct(z, k, '\'') && (k == 0 || !tok_glued(z, k)) &&
            (tok_is(z, k + 1, TK_WORD) || tok_is(z, k + 1, TK_NUM)) && tok_glued(z, k + 1))
            return 1;
    }
    return 0;
}

/* "2' of snow", "a 10' ceiling": one foot mark alone, where a word that
 * goes with a measure follows ("of", "tall": context-words.tsv flag
 * complement) or the amount stands before a noun, and no quotation is
 * open that the mark could close. */
static int foot_mark(norm *z, size_t i, size_t j, int *adj)
{
    if (!tok_punct(z, j, '\'') || !tok_glued(z, j) || !tok_is(z, j + 1, TK_SPACE) ||
        !tok_is(z, j + 2, TK_WORD) || !(z->t[j + 2].flags & TF_LOWER) || single_quote_open(z, j))
        return 0;
    *adj = crier_adjective_amount(z, i, j + 1);
    return *adj || (crier_tok_ctx(z, j + 2) & CRIER_CTX_COMPLEMENT);
}

/* "12\"", "6'2\"": feet and inches marks after a number. A double quote
 * that would close a quotation ("said \"Yes 7\"") is not an inch mark.
 * A height before a noun is said as one adjective, without its inches:
 * "the 6'5\" forward", "the six-foot-five forward". */
static size_t inch_marks(norm *z, size_t i, size_t j, int one, crier_buf *w)
{
    if (tok_punct(z, j, '\'') && tok_is(z, j + 1, TK_NUM) && tok_glued(z, j + 1) &&
        tok_punct(z, j + 2, '"') && tok_glued(z, j + 2) && quotes_before(z, j + 2) % 2 == 0) {
        numx x;
        if (!crier_num_parse(z, j + 1, &x) || x.end != j + 2)
            return 0;
        int adj = crier_adjective_amount(z, i, j + 3);
        crier_put_phrase(z, one || adj ? "foot" : "feet", w);
        crier_say_num(z, &x, w);
        if (!adj)
            crier_put_phrase(z, crier_num_is_one(&x) ? "inch" : "inches", w);
        return j + 3 - i;
    }
    int adj;
    if (foot_mark(z, i, j, &adj)) {
        crier_put_phrase(z, one || adj ? "foot" : "feet", w);
        return j + 1 - i;
    }
    if (!tok_punct(z, j, '"') || !tok_glued(z, j) || quotes_before(z, j) % 2 != 0 ||
        (tok_is(z, j + 1, TK_WORD) && tok_glued(z, j + 1)))
        return 0;
    if (crier_adjective_amount(z, i, j + 1))
        one = 1; /* "a 6.7\" screen" */
    crier_put_phrase(z, one ? "inch" : "inches", w);
    return j + 1 - i;
}

/* A number glued to a mark (U+00B0 degree, U+2032 prime or "'", U+2033
 * double prime or '"'), or one space from it as tokenized text writes
 * "42 ° 21 ′ N": which mark it is, 'd', 'm' or 's', or 0. Sets *end past
 * the mark. */
static int coord_part(const norm *z, size_t i, numx *x, size_t *end)
{
    if (!crier_num_parse(z, i, x) || x->neg)
        return 0;
    size_t e = x->end;
    if (tok_is(z, e, TK_SPACE) && z->t[e].len == 1 &&
        (tok_is(z, e + 1, TK_PUNCT) || tok_is(z, e + 1, TK_SYM)))
        e++;
    else if (!tok_glued(z, e))
        return 0;
    *end = e + 1;
    if (tok_punct(z, e, 0xB0))
        return 'd';
    if (tok_punct(z, e, 0x2032) || tok_punct(z, e, '\''))
        return 'm';
    if (tok_punct(z, e, 0x2033) || tok_punct(z, e, '"'))
        return 's';
    return 0;
}

/* "45°30′N", "40.7128° N": a latitude or longitude, "forty-five degrees
 * thirty minutes north". The compass letter is required; without it an
 * angle is an ordinary measure. */
static size_t coordinate(norm *z, size_t i)
{
    static const char *const name[3][2] = {
        {"degree", "degrees"}, {"minute", "minutes"}, {"second", "seconds"}};
    crier_buf w = CRIER_BUF_INIT;
    numx x;
    size_t j = i, e = i;
    for (int part = 0; part < 3; part++) {
        /* "51° 28' N.": old books space the parts. */
        size_t at = part > 0 && tok_is(z, j, TK_SPACE) && z->t[j].len == 1 ? j + 1 : j;
        int m = coord_part(z, at, &x, &e);
        if (m != "dms"[part] || (part > 0 && at == j && j > i && !tok_glued(z, j)))
            break;
        crier_say_num(z, &x, &w);
        crier_put_phrase(z, name[part][!crier_num_is_one(&x)], &w);
        j = e;
    }
    size_t k = tok_is(z, j, TK_SPACE) && z->t[j].len == 1 ? j + 1 : j;
    char key[3] = {0, '.', 0};
    const crier_lex_row *r = NULL;
    if (j > i && tok_is(z, k, TK_WORD) && z->t[k].len == 1 && !(tok_is(z, k + 1, TK_WORD) &&
                                                                   tok_glued(z, k + 1))) {
        key[0] = tok_text(z, k)[0];
        if (strchr("NSEW", key[0]))
            r = crier_lex_find(z->lex, CRIER_TAB_ABBREVIATIONS, key, 2);
    }
    if (!r || !(r->flags & CRIER_ABBR_COMPASS)) {
        crier_buf_free(&w);
        return 0;
    }
    crier_put_word(&w, r->cols[1]);
    size_t c = w.len - strlen(r->cols[1]);
    if (w.ptr[c] >= 'A' && w.ptr[c] <= 'Z')
        w.ptr[c] = (char)(w.ptr[c] + 32); /* "north" */
    /* "N., long. 0°": the compass letter's dot ends no sentence. */
    size_t end = k + 1;
    if (tok_punct(z, end, '.') && !crier_ends_sentence(z, end + 1))
        end++;
    return crier_emit_buf(z, &w, i, end);
}

/* True when the number at i follows a capitalized word inside a sentence
 * ("Gate 5h", "Apartment 4C"): a one-letter unit glued to it is then part
 * of a name. */
static int after_label(const norm *z, size_t i)
{
    /* "Seat 14C", "row 4C": a word that names places by number
     * (context-words.tsv, label-before), wherever it stands. */
    if (i >= 2 && tok_is(z, i - 1, TK_SPACE) && tok_is(z, i - 2, TK_WORD) &&
        (crier_tok_ctx(z, i - 2) & CRIER_CTX_LABEL_BEFORE))
        return 1;
    if (i < 2 || !tok_is(z, i - 1, TK_SPACE) || !tok_is(z, i - 2, TK_WORD) ||
        !(z->t[i - 2].flags & TF_CAP) || (z->t[i - 2].flags & TF_UPPER))
        return 0;
    size_t p = i - 2;
    return p >= 2 && tok_is(z, p - 1, TK_SPACE) && z->t[p - 2].kind == TK_WORD;
}

/* A number (or a fraction), then a unit: glued, after one space, after
 * a hyphen (an adjective: singular), or after a slash ("12/kg"); inch
 * marks; an optional scale word between ("100 million kg"); and maybe a
 * second measure ("6 ft 2 in"). */
/* "20 Hz – 20 kHz", "5 km-10 km": after a measure, a dash before
 * another measure joins the two ends of a range, said "to". Returns the
 * token after the dash and its spaces, or 0. */
static size_t range_dash(const norm *z, size_t end)
{
    size_t d = crier_skip_space(z, end), n = crier_skip_space(z, d + 1);
    if (!crier_tok_dash(z, d) || (d > end) != (n > d + 1) || !tok_is(z, n, TK_NUM) ||
        tok_punct(z, n + 1, '.') || tok_punct(z, n + 1, ','))
        return 0;
    size_t k = tok_is(z, n + 1, TK_SPACE) && z->t[n + 1].len == 1 ? n + 2 : n + 1;
    crier_buf u = CRIER_BUF_INIT;
    size_t used = crier_unit_parse(z, k, 1, k == n + 1, 0, &u);
    crier_buf_free(&u);
    return used ? n : 0;
}

/* True when the second measure of a pair, from `first` to `end`, is one
 * that only follows another ("in" after "ft", units.tsv flag
 * after-measure) and the pair stands before a noun it qualifies: "a 6ft
 * 5in striker". */
static int tall_before_noun(const norm *z, size_t i, size_t first, size_t end)
{
    size_t u = end - 1;
    if (tok_punct(z, u, '.') && u > first)
        u--; /* "5 in." */
    const crier_lex_row *r = crier_tok_find(z, CRIER_TAB_UNITS, u);
    return r && (r->flags & CRIER_UNIT_AFTER) && crier_adjective_amount(z, i, end);
}

/* "150 lbs. per sq. in.", "2s. 9d. per lb.": "per" written out before a
 * unit written short, which is read in the singular. */
static size_t per_unit(norm *z, size_t i)
{
    if (!crier_tok_eq(z, i, "per") || !tok_is(z, i + 1, TK_SPACE) || z->t[i + 1].len != 1 ||
        !tok_is(z, i + 2, TK_WORD) || (z->t[i + 2].flags & TF_CAP))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_put_word(&w, tok_text(z, i)[0] == 'P' ? "Per" : "per");
    size_t u = crier_unit_parse(z, i + 2, 0, 2, 1, &w);
    if (!u) {
        crier_buf_free(&w);
        return 0;
    }
    size_t end = crier_unit_dot(z, i + 2 + u);
    crier_emit_buf(z, &w, i, end);
    const char *last = tok_text(z, end - 1);
    if (last[z->t[end - 1].len - 1] == '.' && crier_ends_sentence(z, end))
        crier_emit_pause(z, ".", tok_end(z, end - 1) - 1, 1);
    return end - i;
}

size_t crier_cls_measure(norm *z, size_t i)
{
    if (i > 0 && tok_glued(z, i) && z->t[i - 1].kind == TK_WORD)
        return 0;
    size_t per = per_unit(z, i);
    if (per)
        return per;
    size_t c = coordinate(z, i);
    if (c)
        return c;
    crier_buf w = CRIER_BUF_INIT;
    int one = 0;
    size_t used = measure_number(z, i, &w, &one), u;
    if (!used) {
        crier_buf_free(&w);
        return 0;
    }
    size_t j = i + used, k = j;
    size_t inches = inch_marks(z, i, j, one, &w);
    if (inches)
        return crier_emit_buf(z, &w, i, i + inches);
    int glued = 1, adj = 0;
    /* "476.6 / km2" and "18.3 /km2", as tokenized text writes
     * "476.6/km2". */
    if (tok_is(z, j, TK_SPACE) && tok_punct(z, j + 1, '/') &&
        (tok_is(z, j + 2, TK_SPACE) || tok_is(z, j + 2, TK_WORD))) {
        size_t at = j + 2 + tok_is(z, j + 2, TK_SPACE);
        crier_buf pu = CRIER_BUF_INIT;
        size_t n = crier_unit_parse(z, at, 0, 2, 0, &pu);
        if (n && pu.ptr) {
            crier_put_phrase(z, "per", &w);
            crier_put_word(&w, pu.ptr);
            crier_buf_free(&pu);
            return crier_emit_buf(z, &w, i, at + n);
        }
        crier_buf_free(&pu);
    }
    if (glued_scale(z, j, &w)) {
        k = j + 2; /* "4.3bn m3": the scale, then the unit */
        glued = 0;
        one = 0;
    } else if (tok_is(z, j, TK_SPACE) && z->t[j].len == 1) {
        k = j + 1;
        glued = 0;
    } else if (tok_punct(z, j, '-') && tok_glued(z, j + 1)) {
        k = j + 1;
        adj = 1; /* "a 7.2-mm bullet" */
    } else if (tok_punct(z, j, '/') && tok_glued(z, j + 1)) {
        /* "12/kg": "twelve per kilogram" */
        crier_put_phrase(z, "per", &w);
        if ((u = crier_unit_parse(z, j + 1, 0, 2, 0, &w)) != 0)
            return crier_emit_buf(z, &w, i, j + 1 + u);
        crier_buf_free(&w);
        return 0;
    }
    /* "100 million kg": a scale word between the number and the unit. */
    const crier_lex_row *sc =
        !glued && tok_is(z, k, TK_WORD) ? crier_tok_find(z, CRIER_TAB_SCALES, k) : NULL;
    if (sc && !(sc->flags & CRIER_SCALE_ABBR) && tok_is(z, k + 1, TK_SPACE)) {
        crier_put_word(&w, sc->cols[1]);
        k += 2;
        one = 0;
    }
    size_t mark = w.len;
    u = glued && crier_scale_before_noun(z, k) ? 0 : crier_unit_parse(z, k, !one && !adj, glued, 0, &w);
    if (u == 1 && glued && z->t[k].len == 1 && after_label(z, i))
        u = 0; /* "Gate 5h", "Block 4C": a name, not a measure */
    if (adj && crier_tok_eq(z, k, "in") && tok_punct(z, k + 1, '-') && tok_is(z, k + 2, TK_NUM))
        u = 0; /* "3-in-4", "a 5-in-1 tool": a ratio, not a measure */
    if (!u) {
        crier_buf_free(&w);
        return 0;
    }
    if (!one && !adj && crier_adjective_amount(z, i, crier_unit_dot(z, k + u))) {
        crier_buf_truncate(&w, mark); /* "a five kilometer race", "the 800 sq. ft. flat" */
        crier_unit_parse(z, k, 0, glued, 0, &w);
    }
    size_t end = crier_unit_dot(z, k + u), first = end;
    end = second_measure(z, end, &w);
    if (end != first && !adj && tall_before_noun(z, i, first, end)) {
        /* "a 6ft 5in striker": "six foot five", as a height is said
         * before what it measures */
        crier_buf_truncate(&w, mark);
        crier_unit_parse(z, k, 0, glued, 0, &w);
        numx x2;
        crier_num_parse(z, crier_skip_space(z, first), &x2);
        crier_say_num(z, &x2, &w);
    }
    end = crier_unit_dot(z, end);
    size_t to = range_dash(z, end);
    if (to) {
        crier_put_phrase(z, "to", &w); /* "20 Hz – 20 kHz" */
        end = to;
    }
    crier_emit_buf(z, &w, i, end);
    /* "at 30 m.p.h. The car": the unit's dot may end the sentence too. */
    const char *last = tok_text(z, end - 1);
    if (!to && last[z->t[end - 1].len - 1] == '.' && crier_ends_sentence(z, end))
        crier_emit_pause(z, ".", tok_end(z, end - 1) - 1, 1);
    return end - i;
}

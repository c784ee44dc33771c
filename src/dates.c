/* dates.c -- stage 2: calendar dates, decades, eras, and whether a
 * four-digit number is a year.
 *
 * Recognises a month name or abbreviation (months.tsv) with a day and an
 * optional year: "Sep 20", "Sept. 20", "Sep 1, 2022", "Jan-15-2020"; a day
 * before a month: "20 September 2022", "the 26th May"; a month and a year:
 * "December 2008"; numeric dates: "9/20/2022" (month first in the US,
 * day first under CRIER_NORM_GB, and whichever order is possible when
 * one number is over 12), "2022-09-20", "01.10.2010"; a weekday with the
 * date in brackets or after a comma: "Tuesday (Sep 20)"; decades: "the
 * 1990s" and eras ("300 BC") are read in years.c; and business
 * quarters: "2Q22" is "the second quarter of twenty-two". Days are
 * ordinals and years are read as years: "September first, twenty
 * twenty-two"; a day written before its month keeps that order: "the
 * twentieth of September". */
#include "internal.h"
#include "norm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== Parts ============================================================== */

/* See norm.h. *used is 1, or 2 when a dot follows the abbreviation
 * ("Sept."). */
const crier_lex_row *crier_month_at(const norm *z, size_t i, size_t *used)
{
    if (!tok_is(z, i, TK_WORD))
        return NULL;
    const crier_lex_row *m = crier_tok_find(z, CRIER_TAB_MONTHS, i);
    if (!m)
        return NULL;
    /* "Sept." takes its dot; "June." leaves it to end the sentence. */
    *used = tok_punct(z, i + 1, '.') && tok_glued(z, i + 1) &&
                    z->t[i].len < strlen(m->cols[1]) ? 2 : 1;
    /* "Oct . 2010", as tokenized text writes an abbreviation. */
    if (*used == 1 && tok_is(z, i + 1, TK_SPACE) && tok_punct(z, i + 2, '.') &&
        tok_is(z, i + 3, TK_SPACE) && tok_is(z, i + 4, TK_NUM) &&
        z->t[i].len < strlen(m->cols[1]))
        *used = 3;
    return m;
}

/* True when the month at token i is written as a full name in lower case
 * that is also a common word ("may"): then only a sure date makes it one. */
static int month_is_word(const norm *z, size_t i, const crier_lex_row *m)
{
    return (m->flags & CRIER_MONTH_WORD) && !(z->t[i].flags & TF_CAP);
}

/* The day number of token i (1-31), or 0; *end is the token after it and
 * its ordinal suffix ("20th", or "3d" as older books write it). A
 * possessive suffix ("29th's") sets *poss. */
static int day_at_poss(const norm *z, size_t i, size_t *end, int *poss)
{
    if (!tok_is(z, i, TK_NUM) || z->t[i].len > 2)
        return 0;
    long d = crier_digits_value(tok_text(z, i), z->t[i].len);
    if (d < 1 || d > 31)
        return 0;
    *end = i + 1;
    *poss = 0;
    if (crier_suffix_at(z, i + 1, NULL, poss))
        *end = i + 2;
    else if (tok_is(z, i + 1, TK_WORD) && tok_glued(z, i + 1) && z->t[i + 1].len == 1 &&
             tok_text(z, i + 1)[0] == 'd' && (d % 10 == 2 || d % 10 == 3) && d / 10 != 1)
        *end = i + 2; /* the old "Sept. 3d", "the 22d of May" */
    return (int)d;
}

static int day_at(const norm *z, size_t i, size_t *end)
{
    int poss;
    int d = day_at_poss(z, i, end, &poss);
    return poss ? 0 : d;
}

/* See norm.h. */
int crier_is_year(const norm *z, size_t i)
{
    if (!tok_is(z, i, TK_NUM) || z->t[i].len != 4)
        return 0;
    long y = crier_digits_value(tok_text(z, i), 4);
    return y >= 1000 && y <= 2999;
}

/* True when the three-digit number at token k is an early year that ends
 * a date: "July 18, 453." A word after it ("March 3, 250 people") makes it
 * a count, unless the word is an era ("AD"). */
static int short_year(const norm *z, size_t k)
{
    if (!tok_is(z, k, TK_NUM) || z->t[k].len != 3 || tok_text(z, k)[0] == '0')
        return 0;
    size_t e = crier_skip_space(z, k + 1);
    crier_buf t = CRIER_BUF_INIT;
    int era = crier_era_parse(z, k + 1, &t) != 0;
    crier_buf_free(&t);
    return era || e >= z->n || z->t[e].kind == TK_NL ||
           ((z->t[e].kind == TK_PUNCT) && !tok_punct(z, e, ':') && !tok_punct(z, e, '-') &&
            !tok_punct(z, e, '/') && !tok_punct(z, e, '%'));
}

/* If a year follows at j (", 2022" or " 2022"), returns its index and sets
 * *comma to the index of a comma between them (0 if none); else 0. After
 * a comma, a three-digit year may end the date ("July 18, 453"). */
static size_t year_after(const norm *z, size_t j, size_t *comma)
{
    size_t k = crier_skip_space(z, j);
    *comma = 0;
    if (tok_punct(z, k, ',')) {
        *comma = k;
        k = crier_skip_space(z, k + 1);
    }
    if (k > j && (crier_is_year(z, k) || (*comma && short_year(z, k))) && !tok_punct(z, k + 1, ':') &&
        !(tok_is(z, k + 1, TK_WORD) && tok_glued(z, k + 1)))
        return k;
    return 0;
}

static void say_day(const norm *z, int day, crier_buf *w)
{
    char d[4];
    snprintf(d, sizeof d, "%d", day);
    crier_put_word(w, "");
    crier_say_ordinal(z, d, strlen(d), w);
}

/* "September twentieth" or, day first, "the twentieth of September". */
static void say_date(const norm *z, const char *month, int day, int day_first, int the,
                     crier_buf *w)
{
    if (day_first) {
        if (the)
            crier_put_phrase(z, "the", w);
        say_day(z, day, w);
        crier_put_phrase(z, "of", w);
        crier_put_word(w, month);
    } else {
        crier_put_word(w, month);
        say_day(z, day, w);
    }
}

/* True when the dot of a month or weekday abbreviation that ends a date
 * at token `next` ends the sentence too: a name does not follow a date,
 * so any capitalised word starts a new sentence ("on 9 Nov. Turnout"). */
static int date_dot_ends(const norm *z, size_t next)
{
    size_t k = crier_skip_space(z, next);
    return crier_ends_sentence(z, next) ||
           (k > next && tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_CAP));
}

/* A second day after a dash ends a range of days: "Aug. 3-6", "12 - 14
 * June". It must come after the first ("3-1" is a score) and not start a
 * time ("3-6:30"). Returns it and sets *end past it, or 0. When `word`
 * is not NULL, "to" may join the days too ("from 3 to 5 August"), and
 * *word is then that phrases.tsv key (NULL after a dash): the caller has
 * a month after the second day, which makes such a pair dates. ("18 and
 * 19 March" is left alone: "and" joins counts as often as days.) */
static int day_range_word(const norm *z, size_t j, int day, size_t *end, const char **word)
{
    if (word && tok_is(z, j, TK_SPACE) && z->t[j].len == 1 && tok_is(z, j + 2, TK_SPACE) &&
        z->t[j + 2].len == 1 &&
        (crier_tok_eq(z, j + 1, crier_phrase(z, "to")) ||
         crier_tok_eq(z, j + 1, crier_phrase(z, "through")))) {
        int day2 = day_at(z, j + 3, end);
        if (day2 <= day || tok_punct(z, *end, ':') || crier_ampm_at(z, *end))
            return 0;
        *word = crier_tok_eq(z, j + 1, crier_phrase(z, "to")) ? "to" : "through";
        return day2;
    }
    if (word)
        *word = NULL;
    size_t k = j, spaced = tok_is(z, k, TK_SPACE) && z->t[k].len == 1;
    k += spaced;
    if (!crier_tok_dash(z, k))
        return 0;
    size_t d = k + 1;
    if (spaced && !(tok_is(z, d, TK_SPACE) && z->t[d].len == 1))
        return 0;
    d += spaced;
    if (!spaced && !tok_glued(z, d))
        return 0;
    int day2 = day_at(z, d, end);
    if (day2 <= day || tok_punct(z, *end, ':') ||
        (crier_tok_dash(z, *end) && tok_is(z, *end + 1, TK_NUM)))
        return 0;
    return day2;
}

/* True unless what follows the second day at `end` makes it a count
 * ("May 3 to 5 people", "to 5 km"): a counted noun or a unit. */
static int counted_after(const norm *z, size_t end)
{
    size_t k = crier_skip_space(z, end);
    if (k == end || !tok_is(z, k, TK_WORD))
        return 1;
    crier_buf u = CRIER_BUF_INIT;
    int unit = crier_unit_parse(z, k, 1, 0, 0, &u) != 0;
    crier_buf_free(&u);
    return !unit && !(crier_tok_ctx(z, k) & CRIER_CTX_COUNT_NOUN);
}


/* A two- or four-digit year: "oh five", "oh oh", "ninety-eight", "twenty
 * ten". */
static void say_any_year(const norm *z, const char *d, size_t n, crier_buf *w)
{
    if (n == 2 && d[0] == '0') {
        crier_put_number_word(z, "o", 1, w);
        if (d[1] == '0')
            crier_put_number_word(z, "o", 1, w);
        else
            crier_say_digits(z, d + 1, 1, w);
    } else {
        crier_say_year(z, d, n, w);
    }
}

/* Emits the year at token y (with the comma before it as a pause). */
static void emit_year(norm *z, size_t y, size_t comma)
{
    crier_buf w = CRIER_BUF_INIT;
    if (comma)
        crier_emit_pause(z, ",", z->t[comma].off, 1);
    say_any_year(z, tok_text(z, y), z->t[y].len, &w);
    crier_emit_buf(z, &w, y, y + 1);
}

/* ==== Ranges between dates ============================================== */

/* A dash at token j that joins two dates: an en dash or hyphen, glued on
 * both sides or spaced on both (an em dash is a parenthesis). Returns the
 * token after it, or 0. */
static size_t date_dash(const norm *z, size_t j)
{
    if (crier_tok_dash(z, j) && !tok_punct(z, j, 0x2014) && tok_glued(z, j + 1))
        return j + 1;
    if (tok_is(z, j, TK_SPACE) && z->t[j].len == 1 && crier_tok_dash(z, j + 1) &&
        !tok_punct(z, j + 1, 0x2014) && tok_is(z, j + 2, TK_SPACE) && z->t[j + 2].len == 1)
        return j + 3;
    return 0;
}

/* After a date that ended at token j, a dash before another date is said
 * "to": "1 January – 3 March 2010", "May 5 - June 9". Only the dash is
 * consumed, and the second date reads itself. Returns the token after
 * what was used: j when there is no such dash. */
static size_t dash_to_date(norm *z, size_t j)
{
    size_t k = date_dash(z, j), mu, end;
    if (!k || !((day_at(z, k, &end) && crier_month_at(z, crier_skip_space(z, end), &mu)) ||
                (crier_month_at(z, k, &mu) && (z->t[k].flags & TF_CAP))))
        return j;
    crier_emit_toks(z, crier_phrase(z, "to"), j, k);
    return k;
}

/* ==== Month names ======================================================== */

/* "September twentieth[, twenty twenty-two]", "Jan-15-2020", and "December
 * 2008", for a date starting with its month at token i. */
static size_t month_first(norm *z, size_t i)
{
    size_t mu;
    const crier_lex_row *m = crier_month_at(z, i, &mu);
    if (!m)
        return 0;
    size_t j = i + mu, k = crier_skip_space(z, j), end;
    int dashed = k == j && crier_tok_dash(z, j) && tok_glued(z, j + 1);
    if (dashed)
        k = j + 1;
    int poss = 0;
    int day = (k > j || dashed) ? day_at_poss(z, k, &end, &poss) : 0;
    if (day && tok_punct(z, end, ':'))
        day = 0; /* "May 10:30" is a time */
    if (!day) {
        size_t comma = 0;
        size_t y = k > j && !month_is_word(z, i, m) ? year_after(z, j, &comma) : 0;
        /* "Jan-2020": a month and year joined by a hyphen */
        if (dashed && mu == 1 && !month_is_word(z, i, m) && crier_is_year(z, k) &&
            !(k + 1 < z->n && tok_glued(z, k + 1) && z->t[k + 1].kind != TK_PUNCT))
            y = k;
        if (!y || comma)
            return 0;
        crier_emit_toks(z, m->cols[1], i, i + mu);
        emit_year(z, y, 0);
        return y + 1 - i;
    }
    size_t comma = 0, y = 0;
    if (poss)
        ; /* "April 29th's meeting": no year after a possessive */
    else if (dashed && crier_tok_dash(z, end) && crier_is_year(z, end + 1))
        y = end + 1;
    else if (!dashed)
        y = year_after(z, end, &comma);
    if (month_is_word(z, i, m) && !y)
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    say_date(z, m->cols[1], day, 0, 0, &w);
    size_t end2;
    const char *conn = NULL;
    int day2 = !poss && !dashed && !y ? day_range_word(z, end, day, &end2, &conn) : 0;
    if (day2 && conn && !counted_after(z, end2))
        day2 = 0; /* "May 3 to 5 people": a count */
    if (day2) {
        /* "August third to sixth[, twenty twenty-four]", "May 3 through 5" */
        crier_put_phrase(z, conn ? conn : "to", &w);
        say_day(z, day2, &w);
        end = end2;
        y = year_after(z, end, &comma);
    }
    if (poss)
        crier_buf_puts(&w, "'s");
    crier_emit_buf(z, &w, i, end);
    if (!y)
        return (poss ? end : dash_to_date(z, end)) - i;
    emit_year(z, y, comma);
    return dash_to_date(z, y + 1) - i;
}

/* "01-Jan-2020", "5-Mar-21": day, month and year joined by hyphens, as
 * tables and forms write them, "the fifth of March twenty-one". */
static size_t dashed_day_first(norm *z, size_t i, int day, size_t end)
{
    size_t mu;
    if (!crier_tok_dash(z, end) || !tok_glued(z, end) || !tok_glued(z, end + 1))
        return 0;
    const crier_lex_row *m = crier_month_at(z, end + 1, &mu);
    size_t y = end + 1 + mu;
    if (!m || mu != 1 || !crier_tok_dash(z, y) || !tok_glued(z, y) || !tok_is(z, y + 1, TK_NUM) ||
        !tok_glued(z, y + 1) || (z->t[y + 1].len != 2 && !crier_is_year(z, y + 1)) ||
        (y + 2 < z->n && tok_glued(z, y + 2) &&
         (z->t[y + 2].kind != TK_PUNCT || crier_tok_dash(z, y + 2) || tok_punct(z, y + 2, '/'))))
        return 0;
    for (size_t k = 0; k < z->t[y + 1].len; k++)
        if (tok_text(z, y + 1)[k] < '0' || tok_text(z, y + 1)[k] > '9')
            return 0;
    crier_buf w = CRIER_BUF_INIT;
    say_date(z, m->cols[1], day, 1, 1, &w);
    say_any_year(z, tok_text(z, y + 1), z->t[y + 1].len, &w);
    return crier_emit_buf(z, &w, i, y + 2);
}

/* "20 September 2022" -> "the twentieth of September twenty twenty-two";
 * "the 26th May" keeps its own "the". */
static size_t day_first(norm *z, size_t i)
{
    size_t end, end2;
    int day = day_at(z, i, &end);
    if (!day || (i > 0 && tok_glued(z, i) && z->t[i - 1].kind != TK_PUNCT))
        return 0;
    size_t dashed = dashed_day_first(z, i, day, end);
    if (dashed)
        return dashed;
    const char *conn = NULL;
    int day2 = day_range_word(z, end, day, &end2, &conn); /* "12-14 June", "3 to 5 May" */
    if (day2)
        end = end2;
    size_t k = crier_skip_space(z, end), mu;
    if (crier_tok_eq(z, k, "of"))
        k = crier_skip_space(z, k + 1);
    const crier_lex_row *m = k > end ? crier_month_at(z, k, &mu) : NULL;
    if (!m)
        return 0;
    size_t comma, y = year_after(z, k + mu, &comma);
    if (month_is_word(z, k, m) && !y)
        return 0;
    size_t p = crier_prev_word(z, i);
    int the = !(p != (size_t)-1 && (crier_tok_ctx(z, p) & CRIER_CTX_DETERMINER));
    crier_buf w = CRIER_BUF_INIT;
    if (day2) {
        /* "the twelfth to the fourteenth of June" */
        if (the)
            crier_put_phrase(z, "the", &w);
        say_day(z, day, &w);
        crier_put_phrase(z, conn ? conn : "to", &w);
    }
    say_date(z, m->cols[1], day2 ? day2 : day, 1, the || day2, &w);
    crier_emit_buf(z, &w, i, k + mu);
    if (!y) {
        if (mu == 2 && date_dot_ends(z, k + mu)) /* "on 12 Sept. Then" */
            crier_emit_pause(z, ".", z->t[k + 1].off, 1);
        return dash_to_date(z, k + mu) - i;
    }
    emit_year(z, y, comma);
    return dash_to_date(z, y + 1) - i;
}

/* "Tuesday (Sep 20)" -> "Tuesday, September twentieth". */
static size_t weekday_date(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD))
        return 0;
    const crier_lex_row *wd = crier_tok_find(z, CRIER_TAB_WEEKDAYS, i);
    if (!wd)
        return 0;
    size_t j = crier_skip_space(z, i + 1), mu, end;
    int paren = tok_punct(z, j, '(');
    /* "Tue March 5", "Thu 3 Jan": a month, or a day and a month, right
     * after the weekday, no comma. */
    size_t dayend;
    int bare = j == i + 2 &&
               ((tok_is(z, j, TK_WORD) && (z->t[j].flags & TF_CAP) && crier_month_at(z, j, &mu)) ||
                (day_at(z, j, &dayend) && crier_month_at(z, crier_skip_space(z, dayend), &mu)));
    if (!paren && !bare && !tok_punct(z, j, ','))
        return 0;
    size_t k = bare ? j : crier_skip_space(z, j + 1);
    if (!crier_month_at(z, k, &mu) && !day_at(z, k, &end))
        return 0;
    crier_emit_toks(z, wd->cols[1], i, i + 1);
    if (!bare)
        crier_emit_pause(z, ",", z->t[j].off, 1);
    size_t used = month_first(z, k);
    if (!used)
        used = day_first(z, k);
    if (!used)
        return j + 1 - i; /* the weekday and its comma; the rest follows */
    size_t e = k + used;
    if (paren && tok_punct(z, e, ')'))
        e++;
    return e - i;
}

/* "Mon. through Fri.", "Sat. and Sun.": after a weekday, a joining word
 * (context-words.tsv, flag conjunction) and another abbreviated weekday. */
static int weekday_pair(const norm *z, size_t next)
{
    if (!tok_is(z, next, TK_WORD) || !(crier_tok_ctx(z, next) & CRIER_CTX_CONJUNCTION))
        return 0;
    size_t k = crier_skip_space(z, next + 1);
    return tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_CAP) &&
           crier_tok_find(z, CRIER_TAB_WEEKDAYS, k) && tok_punct(z, k + 1, '.') &&
           tok_glued(z, k + 1);
}

/* "at 7 p.m. Fri.": a weekday right after a time of day, where `p` is
 * the word before the weekday. */
static int after_ampm(const norm *z, size_t p)
{
    if (p == (size_t)-1)
        return 0;
    return crier_ampm_at(z, p) || (p > 0 && tok_punct(z, p, '.') && crier_ampm_at(z, p - 1));
}

/* The other side: "Sun." after "Sat. and", where `p` is the word before
 * the weekday. */
static int after_weekday(const norm *z, size_t p)
{
    size_t q = p != (size_t)-1 ? crier_prev_word(z, p) : p;
    if (q == (size_t)-1 || !tok_is(z, p, TK_WORD) ||
        !(crier_tok_ctx(z, p) & CRIER_CTX_CONJUNCTION))
        return 0;
    if (q > 0 && tok_punct(z, q, '.'))
        q--; /* the weekday's own dot */
    return tok_is(z, q, TK_WORD) && (z->t[q].flags & TF_CAP) &&
           crier_tok_find(z, CRIER_TAB_WEEKDAYS, q);
}

/* "from 3.4% in Jan to 3.2% in Feb": an abbreviated month without its
 * dot after a word that brings a date (not an article), before a
 * punctuation mark, the line's end or a little word of context-words.tsv
 * ("to", "and"). "in Jan Smith's car" and "in Mar del Plata" keep their
 * names. */
static size_t bare_month(norm *z, size_t i, const crier_lex_row *r, unsigned ctx)
{
    size_t n = crier_skip_space(z, i + 1), p = crier_prev_word(z, i);
    size_t pp = p != (size_t)-1 ? crier_prev_word(z, p) : p;
    /* "from Feb to Apr": a month joined to another */
    if ((ctx & CRIER_CTX_CONJUNCTION) && pp != (size_t)-1 && tok_is(z, pp, TK_WORD) &&
        crier_tok_find(z, CRIER_TAB_MONTHS, pp))
        ctx |= CRIER_CTX_DATE_BEFORE;
    if (!(ctx & (CRIER_CTX_DATE_BEFORE | CRIER_CTX_YEAR_BEFORE)) || (ctx & CRIER_CTX_DETERMINER) ||
        (tok_is(z, i + 1, TK_WORD) && tok_glued(z, i + 1)) || tok_punct(z, i + 1, '\'') ||
        (n > i + 1 && (tok_is(z, n, TK_NUM) ||
                       (tok_is(z, n, TK_WORD) && (!(z->t[n].flags & TF_LOWER) || !crier_tok_ctx(z, n))))))
        return 0;
    crier_emit_toks(z, r->cols[1], i, i + 1);
    return 1;
}

/* "in Oct., down from Sept.", "Wed., Nov. 15": an abbreviated month or
 * weekday with its dot, and no day after it, is still the name when a
 * word before it brings a date ("in", "since", "on") or a comma follows.
 * Alone it may be a name ("I met Jan.", months.tsv flag name), and after
 * "the" a weekday may be a newspaper ("the Sun."); other months are
 * months anywhere ("normal for Oct."). */
static size_t name_alone(norm *z, size_t i)
{
    const crier_lex_row *r = crier_tok_find(z, CRIER_TAB_MONTHS, i);
    int month = r != NULL;
    if (!r)
        r = crier_tok_find(z, CRIER_TAB_WEEKDAYS, i);
    if (!r || !(z->t[i].flags & TF_CAP) || (z->t[i].flags & TF_UPPER) ||
        z->t[i].len >= strlen(r->cols[1]))
        return 0;
    size_t p = crier_prev_word(z, i), next = crier_skip_space(z, i + 2), mu;
    unsigned ctx = p != (size_t)-1 && tok_is(z, p, TK_WORD) ? crier_tok_ctx(z, p) : 0;
    if (!tok_punct(z, i + 1, '.') || !tok_glued(z, i + 1))
        return month ? bare_month(z, i, r, ctx) : 0;
    /* "officials said Mon.": a weekday after a word in lower case that
     * is no article ("the Sun." is a newspaper). */
    int told = !month && !(ctx & CRIER_CTX_DETERMINER) && p != (size_t)-1 && tok_is(z, p, TK_WORD) &&
               (z->t[p].flags & TF_LOWER);
    if (!month && (ctx & CRIER_CTX_DETERMINER))
        ctx = 0;
    /* "Tue. (2/22)": a weekday before its date in brackets */
    int dated = !month && tok_punct(z, next, '(') && tok_is(z, next + 1, TK_NUM);
    if (!(month && !(r->flags & CRIER_MONTH_NAME)) &&
        !(ctx & (CRIER_CTX_DATE_BEFORE | (month ? CRIER_CTX_YEAR_BEFORE : 0))) &&
        !tok_punct(z, next, ',') && !(!month && crier_month_at(z, next, &mu)) && !dated &&
        !(!month && (weekday_pair(z, next) || after_weekday(z, p) || after_ampm(z, p))) && !told)
        return 0;
    crier_emit_toks(z, r->cols[1], i, i + 2);
    if (date_dot_ends(z, i + 2))
        crier_emit_pause(z, ".", z->t[i + 1].off, 1);
    return 2;
}

/* ==== Numeric dates ====================================================== */

/* The parts of a numeric date, as (pointer, length) digit strings. */
typedef struct dparts {
    const char *p[3];
    size_t n[3];
    int count;
} dparts;

/* Splits "9/20/2022", "15-01-2020" or "2022-09-20" (tokens from i, all
 * glued, one kind of separator) or a dotted token "01.10.2010". Returns
 * the tokens used, or 0. */
static size_t split_date(const norm *z, size_t i, dparts *d)
{
    d->count = 0;
    if (!tok_is(z, i, TK_NUM))
        return 0;
    const char *s = tok_text(z, i);
    size_t n = z->t[i].len;
    if (memchr(s, '.', n)) {
        /* "01.10.2010" or "11.11.18": three dotted parts in one token. */
        for (size_t a = 0;;) {
            const char *dot = memchr(s + a, '.', n - a);
            size_t b = dot ? (size_t)(dot - s) : n;
            if (d->count == 3)
                return 0;
            d->p[d->count] = s + a;
            d->n[d->count++] = b - a;
            if (!dot)
                break;
            a = b + 1;
        }
        /* "01.10.2010", "01.10.10", and year first, "2021.03.04" */
        return d->count == 3 && (d->n[2] == 4 || (d->n[0] == 2 && d->n[1] == 2 && d->n[2] == 2) ||
                                 (d->n[0] == 4 && d->n[1] == 2 && d->n[2] == 2));
    }
    int32_t sep = 0;
    size_t j = i;
    while (d->count < 3 && tok_is(z, j, TK_NUM) && !memchr(tok_text(z, j), ',', z->t[j].len)) {
        d->p[d->count] = tok_text(z, j);
        d->n[d->count++] = z->t[j].len;
        if (d->count < 3 && (tok_punct(z, j + 1, '/') || tok_punct(z, j + 1, '-')) &&
            (!sep || tok_punct(z, j + 1, sep)) && tok_is(z, j + 2, TK_NUM) && tok_glued(z, j + 2)) {
            sep = z->t[j + 1].cp;
            j += 2;
        } else {
            break;
        }
    }
    if (tok_punct(z, j + 1, sep) && tok_is(z, j + 2, TK_NUM))
        return 0; /* a fourth part: a serial number, not a date */
    if (d->count < 2 || (d->count == 2 && sep != '/'))
        return 0;
    return j + 1 - i;
}

/* Reads a numeric date in the order the convention asks. */
static int say_numeric(const norm *z, const dparts *d, crier_buf *w, size_t *yi, int *dayfirst)
{
    long a = crier_digits_value(d->p[0], d->n[0]), b = crier_digits_value(d->p[1], d->n[1]);
    int iso = d->count == 3 && d->n[0] == 4;
    int gb = (z->flags & CRIER_NORM_GB) != 0;
    long month, day;
    *yi = iso ? 0 : 2;
    if (iso) {
        month = b;
        day = crier_digits_value(d->p[2], d->n[2]);
    } else if (d->n[0] > 2 || d->n[1] > 2) {
        return 0;
    } else if ((gb && a <= 31 && b <= 12) || (a > 12 && b <= 12)) {
        day = a;
        month = b;
    } else {
        month = a;
        day = b;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return 0;
    if (d->count == 3 && d->n[*yi] != 2 && d->n[*yi] != 4)
        return 0;
    const char *name = crier_lex_month_name(z->lex, month);
    if (!name)
        return 0;
    /* An ISO date is read the way the international notation is said,
     * day first ("the twentieth of September"), in both conventions. */
    *dayfirst = gb || iso || a > 12;
    say_date(z, name, (int)day, *dayfirst, 1, w);
    return 1;
}

/* "1/2", "3/4": a proper fraction with a common denominator
 * (fractions.tsv) is never a date. */
static int common_fraction(const norm *z, const dparts *d)
{
    long a = crier_digits_value(d->p[0], d->n[0]), b = crier_digits_value(d->p[1], d->n[1]);
    return a < b && crier_lex_find(z->lex, CRIER_TAB_FRACTIONS, d->p[1], d->n[1]) != NULL;
}

/* True when the word before token i introduces a date ("on 9/13",
 * "since (3/4)"), and 2 when it is a weekday ("Tuesday (2/22)",
 * "Tuesday, 2/22", "Tue. (2/22)"): a day and month without a year are
 * otherwise too often a fraction ("1/25 of an inch"). */
static int date_context(const norm *z, size_t i)
{
    size_t p = crier_prev_word(z, i);
    int comma = p != (size_t)-1 && tok_punct(z, p, ',');
    if (p != (size_t)-1 && (comma || tok_punct(z, p, '(')))
        p = crier_prev_word(z, p);
    int dot = p != (size_t)-1 && p > 0 && tok_punct(z, p, '.') && tok_glued(z, p);
    if (dot)
        p--; /* the abbreviation the dot is glued to */
    if (p == (size_t)-1 || !tok_is(z, p, TK_WORD))
        return 0;
    if (crier_tok_find(z, CRIER_TAB_WEEKDAYS, p))
        return 2;
    return !comma && !dot && (crier_tok_ctx(z, p) & CRIER_CTX_DATE_BEFORE);
}

/* "his court date is 12/4", "the 7/4 parade", "out 5/23": a day and a
 * month without a word that brings a date, where the first number is the
 * larger and both could be months, or the second is a day no fraction
 * divides by (13 to 31, but not the sixteenths of an inch). No fraction
 * is written that way ("twelve quarters"), save as odds, a time signature, a rating or a score in
 * cricket, or after a whole number or a model's capitals ("3 5/2",
 * "MP 4/3"). Either order of day and month reads it as a date. */
static int improper_date(const norm *z, const dparts *d, size_t i, size_t end)
{
    long a = crier_digits_value(d->p[0], d->n[0]), b = crier_digits_value(d->p[1], d->n[1]);
    if (d->n[0] > 2 || d->n[1] > 2 || b < 1 || a < 1 || a > 12 ||
        !(a > b || (b >= 13 && b <= 31 && b != 16)))
        return 0;
    size_t p = crier_prev_word(z, i), n = crier_skip_space(z, end);
    /* "3 5/2", and "MP 4/3" (a model's letters) */
    if ((p != (size_t)-1 && (tok_is(z, p, TK_NUM) ||
                             (tok_is(z, p, TK_WORD) && (z->t[p].flags & TF_UPPER)))) ||
        (tok_is(z, end, TK_WORD) && tok_glued(z, end)) || crier_tok_eq(z, n, "of") ||
        crier_fraction_odds(z, i, end) || crier_cricket_score(z, i, end, a, b) ||
        crier_ctx_after(z, end, CRIER_CTX_METER | CRIER_CTX_RATING | CRIER_CTX_CRICKET |
                                    CRIER_CTX_COUNT_NOUN | CRIER_CTX_UNIT_WORD) ||
        crier_ctx_before(z, i, CRIER_CTX_RATING | CRIER_CTX_CRICKET, 3))
        return 0;
    crier_buf u = CRIER_BUF_INIT;
    int unit = crier_unit_parse(z, n, 1, n == end, 0, &u) != 0;
    crier_buf_free(&u);
    return !unit;
}

/* "since 12/2012": a month and a year after a word that brings a date,
 * "since December twenty twelve". Alone, "1/2007" stays a fraction. */
static size_t month_year(norm *z, const dparts *d, size_t i, size_t end)
{
    long m = crier_digits_value(d->p[0], d->n[0]), y = crier_digits_value(d->p[1], 4);
    if (d->n[0] > 2 || m < 1 || m > 12 || y < 1900 || y > 2099)
        return 0;
    /* "1/2000 of a second", "1/1000 sec": a fraction after all. */
    size_t a = crier_skip_space(z, end);
    crier_buf u = CRIER_BUF_INIT;
    int unit = crier_tok_eq(z, a, "of") || crier_unit_parse(z, a, 1, a == end, 0, &u) != 0;
    crier_buf_free(&u);
    if (unit)
        return 0;
    const char *name = crier_lex_month_name(z->lex, m);
    if (!name)
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_put_word(&w, name);
    crier_say_year(z, d->p[1], 4, &w);
    return crier_emit_buf(z, &w, i, end);
}

/* "9/20/2022", "2022-09-20", "01.10.2010", "on 9/13". A year is
 * required unless the word before says a date is coming. */
static size_t numeric_date(norm *z, size_t i)
{
    dparts d;
    size_t used = split_date(z, i, &d);
    if (!used || (i > 0 && tok_glued(z, i) && z->t[i - 1].kind != TK_PUNCT) ||
        (i > 0 && tok_glued(z, i) && (tok_punct(z, i - 1, '/') || crier_tok_dash(z, i - 1))))
        return 0;
    /* "6/3=2": a sum, not a date */
    if (d.count == 2 && tok_punct(z, crier_skip_space(z, i + used), '='))
        return 0;
    if (d.count == 2 && d.n[1] == 4 && date_context(z, i))
        return month_year(z, &d, i, i + used);
    /* "expires 03/2015", "10/2020": a two-digit month, with its zero or
     * from 10 to 12, is no numerator over a year ("ten two thousand
     * twentieths" is never meant); "1/2007" may still be a fraction. */
    size_t my = d.count == 2 && d.n[1] == 4 && d.n[0] == 2
                    ? month_year(z, &d, i, i + used)
                    : 0;
    if (my)
        return my;
    /* After a weekday ("Tuesday (9/12)") it is a date even where a
     * fraction could be written the same way. */
    int dc = date_context(z, i);
    if (d.count == 2 && (!(dc || improper_date(z, &d, i, i + used)) ||
                         (dc != 2 && common_fraction(z, &d)) || crier_fraction_odds(z, i, i + used)))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    size_t yi;
    int dayfirst;
    if (!say_numeric(z, &d, &w, &yi, &dayfirst)) {
        crier_buf_free(&w);
        return 0;
    }
    if (d.count == 3) {
        if (!dayfirst)
            crier_buf_putc(&w, ',');
        say_any_year(z, d.p[yi], d.n[yi], &w);
    }
    return crier_emit_buf(z, &w, i, i + used);
}

/* ==== Quarters =========================================================== */

/* "2Q22", "3Q2021": a business quarter and its year, "the second quarter
 * of twenty-two"; "1H24" is a half, "the first half of twenty-four". */
static size_t quarter(norm *z, size_t i)
{
    const char *s = tok_text(z, i);
    /* "1h28" is a film's length: a half is a capital H */
    char part = tok_is(z, i + 1, TK_WORD) ? tok_text(z, i + 1)[0] : 0;
    part = part == 'H' ? 'h' : part == 'Q' || part == 'q' ? 'q' : 0;
    if (z->t[i].len != 1 || s[0] < '1' || s[0] > (part == 'h' ? '2' : '4') ||
        !tok_is(z, i + 1, TK_WORD) || !tok_glued(z, i + 1) || z->t[i + 1].len != 1 ||
        (part != 'q' && part != 'h') ||
        !tok_is(z, i + 2, TK_NUM) || !tok_glued(z, i + 2) ||
        (z->t[i + 2].len != 2 && !crier_is_year(z, i + 2)) ||
        crier_digits_value(tok_text(z, i + 2), z->t[i + 2].len) < 0 ||
        tok_is(z, i + 3, TK_WORD) || (tok_is(z, i + 3, TK_NUM) && tok_glued(z, i + 3)))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    if (!crier_tok_eq(z, crier_prev_word(z, i), crier_phrase(z, "the"))) {
        crier_put_phrase(z, "the", &w); /* "the 2Q22 results" has its own */
        crier_put_word(&w, "");
    }
    crier_say_ordinal(z, s, 1, &w);
    crier_put_phrase(z, part == 'h' ? "half" : "quarter", &w);
    crier_put_phrase(z, "of", &w);
    say_any_year(z, tok_text(z, i + 2), z->t[i + 2].len, &w);
    return crier_emit_buf(z, &w, i, i + 3);
}

/* "Jan–Mar", "April-June 2020": two month names joined by a dash, said
 * with "to"; the second takes any day or year after it. */
static size_t month_range(norm *z, size_t i)
{
    size_t mu, mu2;
    const crier_lex_row *m = crier_month_at(z, i, &mu);
    if (!m || month_is_word(z, i, m) || !(z->t[i].flags & TF_CAP))
        return 0;
    size_t k = date_dash(z, i + mu);
    const crier_lex_row *m2 = k ? crier_month_at(z, k, &mu2) : NULL;
    if (!m2 || m2 == m || !(z->t[k].flags & TF_CAP))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_put_word(&w, m->cols[1]);
    crier_put_phrase(z, "to", &w);
    crier_emit_buf(z, &w, i, k);
    size_t used = month_first(z, k); /* "Apr-Jun 2020" */
    if (!used) {
        crier_emit_toks(z, m2->cols[1], k, k + mu2); /* "Jan-Mar" */
        used = mu2;
    }
    return k + used - i;
}

/* 1 when an abbreviated name at token i (row r) has a dot glued to it. */
static int abbrev_dot(const norm *z, size_t i, const crier_lex_row *r)
{
    return tok_punct(z, i + 1, '.') && tok_glued(z, i + 1) && z->t[i].len < strlen(r->cols[1]);
}

/* "Mon-Fri", "Monday – Thursday": two weekdays joined by a dash. */
static size_t weekday_range(norm *z, size_t i)
{
    const crier_lex_row *a = crier_tok_find(z, CRIER_TAB_WEEKDAYS, i), *b;
    if (!a || !(z->t[i].flags & TF_CAP) || (z->t[i].flags & TF_UPPER))
        return 0;
    size_t j = i + 1 + abbrev_dot(z, i, a), k = date_dash(z, j);
    if (!k || !(b = crier_tok_find(z, CRIER_TAB_WEEKDAYS, k)) || b == a ||
        !(z->t[k].flags & TF_CAP) || (z->t[k].flags & TF_UPPER))
        return 0;
    size_t end = k + 1 + abbrev_dot(z, k, b);
    if (end > k + 1 && date_dot_ends(z, end))
        end--; /* "open Mon.-Fri. Then": the dot ends the sentence too */
    crier_buf w = CRIER_BUF_INIT;
    crier_put_word(&w, a->cols[1]);
    crier_put_phrase(z, "to", &w);
    crier_put_word(&w, b->cols[1]);
    return crier_emit_buf(z, &w, i, end);
}

/* "Mon/Wed/Fri", "Sat/Sun": weekdays joined by slashes, a schedule's
 * days, "Monday, Wednesday and Friday". */
static size_t weekday_list(norm *z, size_t i)
{
    size_t at[7], n = 0, k = i;
    const crier_lex_row *r[7];
    while (n < 7 && (r[n] = crier_tok_find(z, CRIER_TAB_WEEKDAYS, k)) != NULL &&
           (z->t[k].flags & TF_CAP) && !(z->t[k].flags & TF_UPPER)) {
        at[n++] = k;
        if (!tok_punct(z, k + 1, '/') || !tok_glued(z, k + 1) || !tok_glued(z, k + 2))
            break;
        k += 2;
    }
    if (n < 2 || (tok_punct(z, at[n - 1] + 1, '/') && tok_glued(z, at[n - 1] + 1)))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    for (size_t j = 0; j < n; j++) {
        if (j > 0 && j + 1 < n)
            crier_buf_putc(&w, ',');
        else if (j > 0)
            crier_put_phrase(z, "and", &w);
        crier_put_word(&w, r[j]->cols[1]);
    }
    return crier_emit_buf(z, &w, i, at[n - 1] + 1);
}

/* ==== Classifier ========================================================= */

/* Words start month-first dates and weekday dates; numbers start numeric
 * and day-first dates; either may be a year with its era. */
size_t crier_cls_date(norm *z, size_t i)
{
    tok_kind k = z->t[i].kind;
    if (k != TK_WORD && k != TK_NUM)
        return 0;
    size_t used = 0;
    if (k == TK_WORD) {
        used = weekday_date(z, i);
        if (!used)
            used = month_range(z, i);
        if (!used)
            used = weekday_range(z, i);
        if (!used)
            used = weekday_list(z, i);
        if (!used)
            used = month_first(z, i);
        if (!used)
            used = name_alone(z, i);
    } else {
        used = numeric_date(z, i);
        if (!used)
            used = day_first(z, i);
        if (!used)
            used = quarter(z, i);
    }
    if (!used)
        used = crier_era_date(z, i);
    return used;
}

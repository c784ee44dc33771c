/* times.c -- stage 2: clock times, durations and time zones.
 *
 * "10:30 a.m." is "ten thirty a.m.", "10:05" "ten oh five", "1:00 p.m."
 * "one p.m.", "9:00" "nine o'clock", "23:00" "twenty-three o'clock",
 * "14:00 GMT" "fourteen hundred G M T", "0800 GMT" "oh eight hundred G M
 * T", "5pm" "five p.m.", "1.59 p.m." "one fifty-nine p.m.", and
 * "2:05:30" (a race time, or any clock with seconds) "two hours five
 * minutes and thirty seconds". Two times joined by a dash are a span:
 * "9am-5pm" is "nine a.m. to five p.m.".
 *
 * The a.m./p.m. markers and the zones come from time-words.tsv. eSpeak
 * NG reads "a.m." as the two letters wherever it stands, while it reads
 * "AM" as a word in some places, so the marker is always written
 * "a.m." or "p.m.". */
#include "internal.h"
#include "norm.h"

#include <stdio.h>
#include <string.h>

/* See norm.h. */
const crier_lex_row *crier_time_word(const norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD) || z->t[i].len > 12)
        return NULL;
    char key[16];
    size_t k = 0;
    const char *s = tok_text(z, i);
    for (size_t j = 0; j < z->t[i].len; j++)
        if (s[j] != '.')
            key[k++] = s[j];
    return crier_lex_find(z->lex, CRIER_TAB_TIME_WORDS, key, k);
}

/* Parses an a.m./p.m. marker at token i (after optional space); appends
 * it and returns the tokens used, or 0. "a" "." "m" "." split by tokens
 * are taken too. */
static size_t ampm(const norm *z, size_t i, crier_buf *w)
{
    size_t k = tok_is(z, i, TK_SPACE) && z->t[i].len == 1 ? i + 1 : i;
    const crier_lex_row *r = crier_time_word(z, k);
    if (!r || (strcmp(r->cols[1], "am") && strcmp(r->cols[1], "pm")))
        return 0;
    size_t end = k + 1;
    /* "a.m" followed by the dot the word did not take. */
    if ((z->t[k].flags & TF_DOTS) && tok_text(z, k)[z->t[k].len - 1] != '.' &&
        tok_punct(z, end, '.') && tok_glued(z, end))
        end++;
    crier_put_word(w, r->cols[2]);
    return end - i;
}

static int has_ampm(const norm *z, size_t i)
{
    crier_buf t = CRIER_BUF_INIT;
    int ok = ampm(z, i, &t) != 0;
    crier_buf_free(&t);
    return ok;
}

int crier_ampm_at(const norm *z, size_t i) { return has_ampm(z, i); }

static void say_minutes(const norm *z, const char *m, crier_buf *w);

/* The offset glued to a zone at token i: "+2", "-5", "+05:30", "−3"; said
 * "plus two", "minus five", "plus five thirty". Returns the tokens used,
 * or 0. */
static size_t zone_offset(const norm *z, size_t i, crier_buf *w)
{
    int plus = tok_punct(z, i, '+');
    if (!(plus || tok_punct(z, i, '-')) || !tok_glued(z, i) || !tok_is(z, i + 1, TK_NUM) ||
        !tok_glued(z, i + 1) || z->t[i + 1].len > 2)
        return 0;
    long h = crier_digits_value(tok_text(z, i + 1), z->t[i + 1].len), m = 0;
    size_t used = 2;
    if (tok_punct(z, i + 2, ':') && tok_is(z, i + 3, TK_NUM) && z->t[i + 3].len == 2 &&
        tok_glued(z, i + 3)) {
        m = crier_digits_value(tok_text(z, i + 3), 2);
        used = 4;
    }
    if (h > 14 || m > 59)
        return 0;
    crier_put_phrase(z, plus ? "plus" : "minus", w);
    char d[3];
    snprintf(d, sizeof d, "%ld", h);
    crier_say_cardinal(z, d, strlen(d), w);
    if (m)
        say_minutes(z, tok_text(z, i + 3), w);
    return used;
}

/* Parses a zone at token i (after optional space): "GMT", "e.s.t".
 * `marked` says an a.m./p.m. marker stands before it. */
static size_t zone(const norm *z, size_t i, int marked, crier_buf *w)
{
    size_t k = tok_is(z, i, TK_SPACE) && z->t[i].len == 1 ? i + 1 : i;
    const crier_lex_row *r = crier_time_word(z, k);
    if (!r || strcmp(r->cols[1], "zone"))
        return 0;
    /* A zone is written in capitals or with dots; "et" is a word. After
     * "p.m." a zone in lower case is still one: "5 p.m. est". */
    if (!(z->t[k].flags & (TF_UPPER | TF_DOTS)) && r->ncols < 3 &&
        !(marked && z->t[k].len >= 3))
        return 0;
    crier_put_word(w, "");
    if (r->ncols > 2)
        crier_buf_puts(w, r->cols[2]);
    else
        crier_spell(tok_text(z, k), z->t[k].len, w);
    return k + 1 + zone_offset(z, k + 1, w) - i;
}

/* A zone with its offset on its own, as a place's time zone is given:
 * "UTC+2", "GMT-5", "UTC+05:30". */
static size_t zone_alone(norm *z, size_t i)
{
    crier_buf w = CRIER_BUF_INIT, t = CRIER_BUF_INIT;
    const crier_lex_row *r = crier_time_word(z, i);
    if (!r || strcmp(r->cols[1], "zone") || !(z->t[i].flags & TF_UPPER) ||
        !zone_offset(z, i + 1, &t)) {
        crier_buf_free(&t);
        return 0;
    }
    crier_buf_free(&t);
    size_t used = zone(z, i, 0, &w);
    return crier_emit_buf(z, &w, i, i + used);
}

static int has_zone(const norm *z, size_t i)
{
    crier_buf t = CRIER_BUF_INIT;
    int ok = zone(z, i, 0, &t) != 0;
    crier_buf_free(&t);
    return ok;
}

/* Appends the minutes of a clock time: "oh five", "thirty". */
static void say_minutes(const norm *z, const char *m, crier_buf *w)
{
    if (m[0] == '0') {
        crier_put_number_word(z, "o", 1, w);
        crier_say_digits(z, m + 1, 1, w);
    } else {
        crier_say_cardinal(z, m, 2, w);
    }
}

/* "one hour", "five minutes": a count and its unit (phrases.tsv keys
 * "hour" and "hours", ...), singular for one. */
static void say_count(const norm *z, const char *d, size_t n, const char *one, const char *many,
                      crier_buf *w)
{
    crier_say_cardinal(z, d, n, w);
    crier_put_phrase(z, crier_digits_value(d, n) == 1 ? one : many, w);
}

static int two_digits_below(const norm *z, size_t i, long max)
{
    return tok_is(z, i, TK_NUM) && z->t[i].len == 2 &&
           crier_digits_value(tok_text(z, i), 2) >= 0 &&
           crier_digits_value(tok_text(z, i), 2) < max && tok_glued(z, i);
}

/* "1:32:45.123": seconds with their fraction, as a race is timed; the
 * fraction is at most three digits. */
static int decimal_seconds(const norm *z, size_t i)
{
    const char *s = tok_is(z, i, TK_NUM) ? tok_text(z, i) : NULL;
    size_t n = s ? z->t[i].len : 0;
    return s && tok_glued(z, i) && n >= 4 && n <= 6 && s[2] == '.' && s[0] <= '5' &&
           crier_digits_value(s, 2) >= 0 && crier_digits_value(s + 3, n - 3) >= 0;
}

/* Says seconds at token i, whole ("30") or with a fraction ("45.123",
 * "forty-five point one two three seconds"). */
static void say_seconds(const norm *z, size_t i, crier_buf *w)
{
    const char *s = tok_text(z, i);
    size_t n = z->t[i].len;
    if (n == 2) {
        say_count(z, s, 2, "second", "seconds", w);
        return;
    }
    numx sec = {.ip = s[0] == '0' ? s + 1 : s, .ipn = s[0] == '0' ? 1 : 2, .fp = s + 3, .fpn = n - 3};
    crier_say_num(z, &sec, w);
    crier_put_phrase(z, "seconds", w);
}

/* "0800 GMT", "1430 UTC": four digits of a 24-hour clock with a zone
 * after them, read the military way, "oh eight hundred", "fourteen
 * thirty". Appends the time (not the zone) and returns 1, or 0. */
static int military(const norm *z, size_t i, crier_buf *w)
{
    const char *s = tok_text(z, i);
    long h = crier_digits_value(s, 2), m = crier_digits_value(s + 2, 2);
    /* "0800 hrs", "at 2200 hours": "hours" after a leading zero, or
     * after a word that brings a clock time, make it a clock too; "1500
     * hours of service" is a count. */
    size_t k = crier_skip_space(z, i + 1);
    int hrs = (s[0] == '0' || (crier_ctx_before(z, i, CRIER_CTX_CLOCK_BEFORE, 1) &&
                               !crier_tok_eq(z, crier_skip_space(z, k + 1), crier_phrase(z, "of")))) &&
              k == i + 2 && (crier_tok_eq(z, k, "hrs") || crier_tok_eq(z, k, "hours"));
    if (h < 0 || m < 0 || h > 23 || m > 59 || !(hrs || has_zone(z, i + 1)))
        return 0;
    if (h == 0 && m == 0) {
        crier_put_phrase(z, "midnight", w);
        return 1;
    }
    if (s[0] == '0') {
        crier_put_number_word(z, "o", 1, w);
        crier_say_digits(z, s + 1, 1, w);
    } else {
        crier_say_cardinal(z, s, 2, w);
    }
    if (m)
        say_minutes(z, s + 2, w);
    else
        crier_put_number_word(z, "100", 1, w);
    return 1;
}

/* "3:43.13", "1:59.40": minutes, and seconds with their fractions, as a
 * race is timed: "three forty-three point one three". Appends it and
 * returns 1, or 0. */
static int race_time(const norm *z, size_t i, crier_buf *w)
{
    const char *ms = tok_is(z, i + 2, TK_NUM) ? tok_text(z, i + 2) : NULL;
    size_t mn = ms ? z->t[i + 2].len : 0;
    if (!ms || !tok_punct(z, i + 1, ':') || !tok_glued(z, i + 1) || !tok_glued(z, i + 2) ||
        mn <= 3 || mn > 6 || ms[2] != '.' || ms[0] > '5' || crier_digits_value(ms, 2) < 0 ||
        crier_digits_value(ms + 3, mn - 3) < 0 || tok_punct(z, i + 3, ':'))
        return 0;
    crier_say_cardinal(z, tok_text(z, i), z->t[i].len, w);
    numx sec = {.ip = ms, .ipn = 2, .fp = ms + 3, .fpn = mn - 3};
    if (ms[0] == '0') {
        crier_put_number_word(z, "o", 1, w); /* "one oh five point two" */
        sec.ip = ms + 1;
        sec.ipn = 1;
    }
    crier_say_num(z, &sec, w);
    return 1;
}

/* "8:00-10:00 a.m.", "9:00 to 11:30 p.m.": the marker after the end of a
 * range at `end` is the start's too. */
static int range_ampm(const norm *z, size_t end)
{
    size_t d = crier_skip_space(z, end);
    if (!crier_tok_dash(z, d) && !(d > end && crier_tok_eq(z, d, crier_phrase(z, "to"))))
        return 0;
    size_t k = crier_skip_space(z, d + 1), e = k + 1;
    if (!tok_is(z, k, TK_NUM))
        return 0;
    if (tok_punct(z, e, ':') && tok_is(z, e + 1, TK_NUM))
        e += 2;
    return has_ampm(z, e);
}

/* Says hours s[0..n) (worth h) and two digits of minutes m, of a time
 * whose marker or zone, if any, starts at token end. */
static void say_clock(const norm *z, const char *s, size_t n, long h, const char *m, size_t end,
                      crier_buf *w)
{
    int marked = has_ampm(z, end) || (h <= 12 && range_ampm(z, end));
    if (h % 24 || m[0] != '0' || m[1] != '0' || marked)
        crier_say_cardinal(z, s, n, w);
    if (m[0] != '0' || m[1] != '0')
        say_minutes(z, m, w);
    else if (marked)
        ; /* "1:00 p.m." is "one p.m." */
    else if (h == 0 || h == 24)
        crier_put_phrase(z, "midnight", w);
    else if (h <= 12 || !has_zone(z, end))
        crier_put_phrase(z, "oclock", w);
    else
        crier_put_number_word(z, "100", 1, w);
}

/* "the 8.30 train", "leaves at 10.17": a dotted hour and minutes before
 * a word of timetables, or after one and "at" (context-words.tsv, flag
 * timetable), is a time whatever its minutes. p is the word before the
 * number, k the token after its spaces. */
static int timetable(const norm *z, size_t p, size_t k, size_t end)
{
    if (k > end && tok_is(z, k, TK_WORD) && (crier_tok_ctx(z, k) & CRIER_CTX_TIMETABLE))
        return 1;
    if (p == (size_t)-1 || !tok_is(z, p, TK_WORD) || !crier_tok_eq(z, p, crier_phrase(z, "at")))
        return 0;
    size_t v = crier_prev_word(z, p);
    return v != (size_t)-1 && tok_is(z, v, TK_WORD) && (crier_tok_ctx(z, v) & CRIER_CTX_TIMETABLE);
}

/* "at 7.15 in the morning", "by 9.30.": an hour and minutes written with
 * a dot, as British books and papers do, after a word such as "at" and
 * before a word such as "in" (context-words.tsv, clock-before and
 * clock-after), or, for a round time, before a punctuation mark or the
 * end of the line. Not "at 2.55 a share" nor "at 4.25%". */
static int dotted_clock(const norm *z, size_t i, size_t end)
{
    size_t p = crier_prev_word(z, i), k = crier_skip_space(z, end);
    const char *s = tok_text(z, i);
    size_t n = z->t[i].len;
    if (timetable(z, p, k, end) && crier_digits_value(s, n - 3) <= 23)
        return 1;
    /* Clocks in books name the hour of the morning or evening, in steps
     * of five minutes: "stood at 3.52 in" is a decimal. */
    long h = crier_digits_value(s, n - 3);
    if (p == (size_t)-1 || !tok_is(z, p, TK_WORD) || !(crier_tok_ctx(z, p) & CRIER_CTX_CLOCK_BEFORE) ||
        h < 1 || h > 12 || (s[n - 1] != '0' && s[n - 1] != '5'))
        return 0;
    if (tok_is(z, k, TK_WORD))
        return k > end && (crier_tok_ctx(z, k) & CRIER_CTX_CLOCK_AFTER);
    /* Before a stop or at the end, only a round time ("at 7.30."): "stood
     * at 4.25." is a decimal. */
    if (s[n - 1] != '0')
        return 0;
    if (k >= z->n || z->t[k].kind == TK_NL)
        return 1;
    return tok_is(z, k, TK_PUNCT) && !tok_punct(z, k, '%') && !tok_punct(z, k, '-') &&
           !tok_punct(z, k, '/') && !(tok_punct(z, k, '.') && tok_is(z, k + 1, TK_NUM));
}

/* Parses one time at token i into `w`; returns the tokens used, or 0.
 * On the hour, a 24-hour time with a zone is read the military way,
 * "fourteen hundred G M T"; without one, "twenty-three hundred" could be
 * heard as a number, so it takes "o'clock" like "nine o'clock", and
 * "00:00" is "midnight". */
static size_t time_parse(const norm *z, size_t i, crier_buf *w)
{
    if (!tok_is(z, i, TK_NUM))
        return 0;
    const char *s = tok_text(z, i);
    size_t n = z->t[i].len, end = i + 1, used;
    if (n == 4 && military(z, i, w)) {
        size_t k = crier_skip_space(z, end);
        if (crier_tok_eq(z, k, "hrs") || crier_tok_eq(z, k, "hours")) {
            crier_put_phrase(z, "hours", w); /* "oh eight hundred hours" */
            return k + 1 - i;
        }
        return end + zone(z, end, 0, w) - i;
    }
    const char *dot = memchr(s, '.', n);
    size_t hn = dot ? (size_t)(dot - s) : n;
    long h = crier_digits_value(s, hn);
    /* "ran 10K in 27:01", "27:01.5": past 24, minutes and seconds, as a
     * race is timed, "twenty-seven oh one". */
    if (!dot && h > 24 && h < 60 && race_time(z, i, w))
        return 3;
    if (!dot && h > 24 && h < 60 && tok_punct(z, i + 1, ':') && tok_glued(z, i + 1) &&
        two_digits_below(z, i + 2, 60) && crier_digits_value(tok_text(z, i + 2), 2) > 0 &&
        !tok_punct(z, i + 3, ':') && !(tok_is(z, i + 3, TK_NUM) && tok_glued(z, i + 3))) {
        crier_say_cardinal(z, s, n, w);
        say_minutes(z, tok_text(z, i + 2), w);
        return 3;
    }
    if (h < 0 || h > 24 || memchr(s, ',', n))
        return 0;
    /* "7 : 30 p.m.": a colon written apart, as tokenized text does,
     * is a time only before a marker. */
    size_t c = i + 1, mi = i + 2;
    if (!dot && tok_is(z, i + 1, TK_SPACE) && z->t[i + 1].len == 1 && tok_punct(z, i + 2, ':') &&
        tok_is(z, i + 3, TK_SPACE) && z->t[i + 3].len == 1 && tok_is(z, i + 4, TK_NUM) &&
        z->t[i + 4].len == 2 && crier_digits_value(tok_text(z, i + 4), 2) < 60 &&
        has_ampm(z, i + 5)) {
        c = i + 2;
        mi = i + 4;
    }
    if (!dot && race_time(z, i, w))
        return 3;
    if (!dot && tok_punct(z, c, ':') && (mi > i + 2 || two_digits_below(z, mi, 60))) {
        const char *m = tok_text(z, mi);
        end = mi + 1;
        if (tok_punct(z, end, ':') &&
            (two_digits_below(z, end + 1, 60) || decimal_seconds(z, end + 1))) {
            /* "0:05:12" is "five minutes and twelve seconds": no zero
             * hours, unless the minutes are zero too. */
            int hz = h == 0 && (m[0] != '0' || m[1] != '0');
            if (!hz)
                say_count(z, s, n, "hour", "hours", w);
            say_count(z, m, 2, "minute", "minutes", w);
            crier_put_phrase(z, "and", w);
            say_seconds(z, end + 1, w);
            end += 2;
        } else {
            say_clock(z, s, n, h, m, end, w);
        }
    } else if (dot && n - hn == 3 && s[hn + 1] <= '5') {
        /* "1.59 p.m.", "14.30 GMT": only with a marker or a zone, else it
         * is a decimal. */
        if (!(h <= 12 && has_ampm(z, end)) && !has_zone(z, end) && !dotted_clock(z, i, end))
            return 0;
        say_clock(z, s, hn, h, dot + 1, end, w);
    } else if (!dot && h >= 1 && h <= 12) {
        if (!has_ampm(z, end))
            return 0;
        crier_say_cardinal(z, s, n, w);
    } else {
        return 0;
    }
    size_t marker = ampm(z, end, w);
    end += marker;
    if ((used = zone(z, end, marker != 0, w)))
        end += used;
    return end - i;
}

/* A time not glued to a word before it, and maybe a second time after a
 * dash: "9am-5pm" is one span of speech. */
/* "noon-3 p.m.", "midnight–2 a.m.": a time said as a word (time-words.tsv,
 * kind clock), a dash, and a clock time: "noon to three p.m.". */
static size_t word_span(norm *z, size_t i)
{
    const crier_lex_row *r = crier_time_word(z, i);
    size_t d = crier_skip_space(z, i + 1), k = crier_skip_space(z, d + 1);
    if (!r || strcmp(r->cols[1], "clock") || !crier_tok_dash(z, d) || (d - i - 1) != (k - d - 1))
        return 0;
    crier_buf w = CRIER_BUF_INIT, t = CRIER_BUF_INIT;
    size_t u = time_parse(z, k, &t);
    if (!u || !t.ptr) {
        crier_buf_free(&t);
        return 0;
    }
    crier_buf_put(&w, tok_text(z, i), z->t[i].len);
    crier_put_phrase(z, "to", &w);
    crier_put_word(&w, t.ptr);
    crier_buf_free(&t);
    return crier_emit_buf(z, &w, i, k + u);
}

/* "at 9/8c": a television listing, the hour in the Eastern and Pacific
 * zones and then in the Central one, "nine eight central". */
static size_t tv_listing(norm *z, size_t i)
{
    if (z->t[i].len > 2 || !tok_punct(z, i + 1, '/') || !tok_glued(z, i + 1) ||
        !tok_is(z, i + 2, TK_NUM) || !tok_glued(z, i + 2) || z->t[i + 2].len > 2 ||
        !crier_tok_eq(z, i + 3, "c") || !tok_glued(z, i + 3) ||
        (tok_is(z, i + 4, TK_WORD) && tok_glued(z, i + 4)))
        return 0;
    long a = crier_digits_value(tok_text(z, i), z->t[i].len);
    long b = crier_digits_value(tok_text(z, i + 2), z->t[i + 2].len);
    if (a < 1 || a > 12 || b != (a == 1 ? 12 : a - 1))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_say_cardinal(z, tok_text(z, i), z->t[i].len, &w);
    crier_say_cardinal(z, tok_text(z, i + 2), z->t[i + 2].len, &w);
    crier_put_phrase(z, "central", &w);
    return crier_emit_buf(z, &w, i, i + 4);
}

size_t crier_cls_time(norm *z, size_t i)
{
    if (tok_is(z, i, TK_NUM)) {
        size_t tv = tv_listing(z, i);
        if (tv)
            return tv;
    }
    if (tok_is(z, i, TK_WORD)) {
        size_t used = word_span(z, i);
        return used ? used : zone_alone(z, i);
    }
    if (!tok_is(z, i, TK_NUM) || (i > 0 && tok_glued(z, i) && z->t[i - 1].kind != TK_PUNCT))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    size_t used = time_parse(z, i, &w);
    long h = z->t[i].len <= 2 ? crier_digits_value(tok_text(z, i), z->t[i].len) : -1;
    if (!used && h >= 1 && h <= 12 && !(tok_is(z, i + 1, TK_WORD) && tok_glued(z, i + 1))) {
        /* "7-9pm", "10 - 11 a.m.": a bare hour before a marked one. */
        crier_say_cardinal(z, tok_text(z, i), z->t[i].len, &w);
        used = 1;
        size_t d = crier_skip_space(z, i + 1), k = crier_skip_space(z, d + 1);
        crier_buf t = CRIER_BUF_INIT;
        size_t u = crier_tok_dash(z, d) && (d - i - 1) == (k - d - 1) ? time_parse(z, k, &t) : 0;
        if (u && t.ptr) {
            crier_put_phrase(z, "to", &w);
            crier_put_word(&w, t.ptr);
            crier_buf_free(&t);
            return crier_emit_buf(z, &w, i, k + u);
        }
        crier_buf_free(&t);
        used = 0;
    }
    if (!used) {
        crier_buf_free(&w);
        return 0;
    }
    size_t end = i + used;
    /* "9am-5pm", "4:00 am - 8:12 pm": a span of two times. */
    size_t d = crier_skip_space(z, end), k = crier_skip_space(z, d + 1);
    if (crier_tok_dash(z, d) && (d - end) == (k - d - 1)) {
        crier_buf t = CRIER_BUF_INIT;
        size_t u = time_parse(z, k, &t);
        const crier_lex_row *r = u ? NULL : crier_time_word(z, k);
        if (u) {
            crier_put_phrase(z, "to", &w);
            crier_put_word(&w, t.ptr);
            end = k + u;
        } else if (r && !strcmp(r->cols[1], "clock") &&
                   !(tok_is(z, k + 1, TK_WORD) && tok_glued(z, k + 1))) {
            /* "10 a.m.-noon", the other way round from word_span() */
            crier_put_phrase(z, "to", &w);
            crier_put_word(&w, "");
            crier_buf_put(&w, tok_text(z, k), z->t[k].len);
            end = k + 1;
        }
        crier_buf_free(&t);
    }
    return crier_emit_buf(z, &w, i, end);
}

/* numbers.c -- stage 2: numbers, and the verbalizers every class uses.
 *
 * The words come from lexicon/en/number-words.tsv (value, cardinal,
 * ordinal) and fractions.tsv; this file only knows English grouping:
 * hundreds, then scales of a thousand, with a hyphen inside the tens
 * ("twenty-one"). American news style reads "one hundred twenty-three";
 * British conventions (CRIER_NORM_GB) add "and" ("one hundred and
 * twenty-three"). Datasets disagree on this; we follow the newsroom.
 *
 * The classifier reads what the other classifiers left: cardinals
 * ("3,700", "-5"), decimals ("3.14", ".5"), ordinals ("21st"), percents
 * ("3.5%", "31.7 %"), years chosen by context ("in 1999" against "1999
 * people"), and digit strings that are identifiers rather than amounts
 * ("004", "95051"). Fractions are in fractions.c. */
#include "internal.h"
#include "norm.h"

#include <stdio.h>
#include <string.h>

/* ==== Words ============================================================== */

void crier_put_word(crier_buf *w, const char *s)
{
    if (w->len && w->ptr[w->len - 1] != ' ' && w->ptr[w->len - 1] != '-')
        crier_buf_putc(w, ' ');
    crier_buf_puts(w, s);
}

void crier_put_number_word(const norm *z, const char *key, int col, crier_buf *w)
{
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_NUMBER_WORDS, key, strlen(key));
    crier_put_word(w, r ? r->cols[col] : key);
}

static void put_small(const norm *z, int v, crier_buf *w)
{
    char s[16];
    snprintf(s, sizeof s, "%d", v);
    crier_put_number_word(z, s, 1, w);
}

/* Appends 1..99: "forty-two", but "forty nine". eSpeak NG reads a
 * hyphenated compound as one word, and there the t of "thirty", "forty"
 * and "eighty" (a t after a vowel sound, written after r or h) keeps its
 * full sound before "nine" ("for-tee-nine"); as two words it gets the
 * flapped t of American speech. Captions show the source text, so the
 * joiner only changes what is heard. */
static void say_under_100(const norm *z, int v, crier_buf *w)
{
    if (v >= 20) {
        put_small(z, v - v % 10, w);
        if (v % 10) {
            size_t at = w->len;
            int flap = at >= 3 && (w->ptr[at - 3] == 'r' || w->ptr[at - 3] == 'h') &&
                       w->ptr[at - 2] == 't' && w->ptr[at - 1] == 'y';
            crier_buf_putc(w, '-');
            put_small(z, v % 10, w);
            if (flap && w->ptr[at + 1] == 'n')
                w->ptr[at] = ' ';
        }
    } else if (v > 0) {
        put_small(z, v, w);
    }
}

/* Appends 1..999; `and` puts the British "and" before the tens. */
static void say_under_1000(const norm *z, int v, int and, crier_buf *w)
{
    if (v >= 100) {
        put_small(z, v / 100, w);
        crier_put_number_word(z, "100", 1, w);
        v %= 100;
        if (v && and)
            crier_put_number_word(z, "and", 1, w);
    }
    say_under_100(z, v, w);
}

void crier_say_digits(const norm *z, const char *d, size_t n, crier_buf *w)
{
    for (size_t i = 0; i < n; i++)
        if (d[i] >= '0' && d[i] <= '9')
            put_small(z, d[i] - '0', w);
}

long crier_digits_value(const char *d, size_t n)
{
    if (n == 0 || n > 9)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] < '0' || d[i] > '9')
            return -1;
        v = v * 10 + (d[i] - '0');
    }
    return v;
}

/* ==== Cardinals and ordinals ============================================= */

/* Copies the digits of d[0..n) without separators and leading zeros into
 * `out` (NUL-terminated); returns their count, or 0 if there are more
 * than NORM_MAX_DIGITS. */
static size_t plain_digits(const char *d, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] < '0' || d[i] > '9')
            continue;
        if (k == 0 && d[i] == '0')
            continue;
        if (k == NORM_MAX_DIGITS)
            return 0;
        out[k++] = d[i];
    }
    out[k] = '\0';
    return k;
}

/* Groups of three digits, each said under a thousand and followed by its
 * scale word ("thousand", "million", ... from number-words.tsv). Zero
 * groups are skipped: "1,000,005" is "one million five". Too many digits
 * for the largest scale are read one by one. */
void crier_say_cardinal(const norm *z, const char *d, size_t n, crier_buf *w)
{
    char p[NORM_MAX_DIGITS + 1];
    size_t k = plain_digits(d, n, p);
    if (k == 0) {
        int any = 0;
        for (size_t i = 0; i < n && !any; i++)
            any = d[i] >= '1' && d[i] <= '9';
        if (any)
            crier_say_digits(z, d, n, w); /* too long to be an amount */
        else
            put_small(z, 0, w);
        return;
    }
    int gb = (z->flags & CRIER_NORM_GB) != 0;
    size_t groups = (k + 2) / 3, first = k - (groups - 1) * 3;
    for (size_t g = 0, pos = 0; g < groups; g++) {
        size_t len = g == 0 ? first : 3;
        int v = 0;
        for (size_t j = 0; j < len; j++)
            v = v * 10 + (p[pos + j] - '0');
        pos += len;
        if (!v)
            continue;
        size_t scale = groups - 1 - g;
        /* British "two thousand and five": "and" before a last group under
         * a hundred that follows a larger one. */
        if (gb && scale == 0 && v < 100 && groups > 1)
            crier_put_number_word(z, "and", 1, w);
        say_under_1000(z, v, gb, w);
        if (scale) {
            char key[NORM_MAX_DIGITS + 2] = "1";
            for (size_t s = 0; s < scale * 3; s++)
                key[1 + s] = '0';
            key[1 + scale * 3] = '\0';
            crier_put_number_word(z, key, 1, w);
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

/* Years are said in pairs: "nineteen ninety-nine", "twenty ten", with
 * "oh" before a single digit ("nineteen oh six"), "hundred" for a round
 * century ("nineteen hundred"), and as a cardinal where pairs would be
 * odd ("two thousand eight", "one thousand"). Three digits follow the same
 * pattern: "eight eighty-six" (886 BC), "three oh five". */
void crier_say_year(const norm *z, const char *d, size_t n, crier_buf *w)
{
    if ((n != 4 && n != 3) || d[0] == '0') {
        crier_say_cardinal(z, d, n, w);
        return;
    }
    int hi = n == 4 ? (d[0] - '0') * 10 + (d[1] - '0') : d[0] - '0';
    int lo = (d[n - 2] - '0') * 10 + (d[n - 1] - '0');
    if (lo == 0 && (n == 3 || hi % 10 == 0)) {
        crier_say_cardinal(z, d, n, w); /* "two thousand", "three hundred" */
        return;
    }
    if (n == 4 && hi % 10 == 0 && lo < 10) {
        crier_say_cardinal(z, d, n, w); /* "two thousand eight" */
        return;
    }
    say_under_100(z, hi, w);
    if (lo == 0) {
        crier_put_number_word(z, "100", 1, w); /* "nineteen hundred" */
    } else if (lo < 10) {
        crier_put_number_word(z, "o", 1, w); /* "nineteen oh six" */
        put_small(z, lo, w);
    } else {
        say_under_100(z, lo, w);
    }
}

/* ==== Numbers as written ================================================= */

/* True when token i may be a minus sign: a hyphen or minus glued to a
 * number after it, and not glued to a word or number before it. */
static int sign_at(const norm *z, size_t i)
{
    if (!tok_punct(z, i, '-'))
        return 0;
    if (i > 0 && tok_glued(z, i) &&
        (z->t[i - 1].kind == TK_WORD || z->t[i - 1].kind == TK_NUM))
        return 0;
    if (i > 0 && tok_glued(z, i) && tok_punct(z, i - 1, '-'))
        return 0; /* "--5" is a dash, not a sign */
    return tok_is(z, i + 1, TK_NUM) || (tok_punct(z, i + 1, '.') && tok_is(z, i + 2, TK_NUM));
}

/* See norm.h. */
int crier_digits_tok(const norm *z, size_t k, size_t n)
{
    if (!tok_is(z, k, TK_NUM) || (n && z->t[k].len != n))
        return 0;
    for (size_t a = 0; a < z->t[k].len; a++)
        if (tok_text(z, k)[a] < '0' || tok_text(z, k)[a] > '9')
            return 0;
    return 1;
}

/* True when the comma after the number at token j is a decimal point,
 * the continental way: one to three digits before it, one or two glued
 * after it (three would group thousands), and then a percent sign, a
 * scale, a unit or a currency ("1,5 million", "2,5 %", "0,7 km", "3,20
 * €"), or a currency sign before ("€2,50"). A list of numbers ("pages
 * 1,5 and 7") has none of them. */
static int decimal_comma(const norm *z, size_t j)
{
    if (!crier_digits_tok(z, j, 0) || z->t[j].len > 3 || !tok_punct(z, j + 1, ',') ||
        !tok_glued(z, j + 1) || !crier_digits_tok(z, j + 2, 0) || !tok_glued(z, j + 2) ||
        z->t[j + 2].len > 2 || (tok_glued(z, j + 3) && !tok_is(z, j + 3, TK_WORD) &&
                                !tok_punct(z, j + 3, '%')))
        return 0;
    /* "€2,50": after a currency sign, cents. */
    if (j > 0 && tok_glued(z, j) && z->t[j - 1].kind == TK_SYM &&
        crier_tok_find(z, CRIER_TAB_CURRENCIES, j - 1))
        return 1;
    size_t end = j + 3, k = tok_is(z, end, TK_SPACE) && z->t[end].len == 1 ? end + 1 : end;
    if (k >= z->n || (tok_is(z, k, TK_WORD) && tok_is(z, k + 1, TK_WORD) && tok_glued(z, k + 1)))
        return 0;
    const crier_lex_row *sc = tok_is(z, k, TK_WORD) ? crier_tok_find(z, CRIER_TAB_SCALES, k) : NULL;
    return tok_punct(z, k, '%') || (sc && (!(sc->flags & CRIER_SCALE_ABBR) || k == end)) ||
           crier_tok_find(z, CRIER_TAB_UNITS, k) || crier_tok_find(z, CRIER_TAB_CURRENCIES, k) ||
           crier_tok_eq(z, k, crier_phrase(z, "percent"));
}

/* True when the dots of s[0..n) group thousands, the continental way:
 * one to three digits without a leading zero, then groups of exactly three
 * after each dot. Two or more dots are enough ("1.500.000"); one dot is a
 * decimal point unless a counted noun follows the number at token `end`
 * ("20.000 spectators"), since a count of people is not a fraction. */
static int dot_thousands(const norm *z, const char *s, size_t n, size_t dots, size_t end)
{
    size_t k = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9')
        k++;
    if (k == 0 || k > 3 || s[0] == '0')
        return 0;
    for (size_t g; k < n; k += 4) {
        for (g = 1; g <= 3 && k + g < n && s[k + g] >= '0' && s[k + g] <= '9'; g++)
            ;
        if (s[k] != '.' || g != 4)
            return 0;
    }
    if (dots > 1)
        return 1;
    return tok_is(z, end, TK_SPACE) && z->t[end].len == 1 &&
           (crier_tok_ctx(z, end + 1) & CRIER_CTX_COUNT_NOUN);
}

/* True when a model's name in capitals follows the space at token k
 * ("150 737 MAX jets" are so many planes), not a currency's
 * code ("12 345 EUR"). */
static int model_after(const norm *z, size_t k)
{
    return tok_is(z, k, TK_SPACE) && tok_is(z, k + 1, TK_WORD) && (z->t[k + 1].flags & TF_UPPER) &&
           !crier_lex_find(z->lex, CRIER_TAB_CURRENCIES, tok_text(z, k + 1), z->t[k + 1].len);
}

/* "12 345", "1 000 000": thousands grouped by spaces, as SI style writes
 * them (a thin or no-break space, which input hygiene made a space). The
 * first group has one to three digits and no leading zero, each other
 * exactly three, one space apart; no number may stand right before or
 * after the run, nor anything glued to it but a bracket or a currency
 * ("3 100m", "<b>123 123", "150 737-8200s"). Returns the token after the
 * run, or 0. */
static size_t space_groups(const norm *z, size_t j)
{
    if (!crier_digits_tok(z, j, 0) || z->t[j].len > 3 || tok_text(z, j)[0] == '0' ||
        (j >= 2 && tok_is(z, j - 1, TK_SPACE) && tok_is(z, j - 2, TK_NUM)) ||
        (tok_glued(z, j) && !tok_punct(z, j - 1, '(') &&
         !crier_lex_find(z->lex, CRIER_TAB_CURRENCIES, tok_text(z, j - 1), z->t[j - 1].len)))
        return 0;
    size_t k = j + 1;
    while (tok_is(z, k, TK_SPACE) && z->t[k].len == 1 && crier_digits_tok(z, k + 1, 3) &&
           k + 1 < j + 2 * NORM_LOOK)
        k += 2;
    if (k == j + 1 || (tok_is(z, k, TK_SPACE) && tok_is(z, k + 1, TK_NUM)) ||
        (tok_is(z, k, TK_WORD) && tok_glued(z, k)) ||
        ((tok_punct(z, k, '.') || crier_tok_dash(z, k)) && tok_is(z, k + 1, TK_NUM)) ||
        model_after(z, k))
        return 0;
    return k;
}

/* See norm.h. A number token with two dots ("1.2.3") or with a comma
 * after its point is not a number here: dates, versions and addresses
 * take those; only dots that group thousands are read. */
size_t crier_num_parse(const norm *z, size_t i, numx *x)
{
    memset(x, 0, sizeof *x);
    x->i = i;
    size_t j = i;
    if (sign_at(z, j)) {
        x->neg = 1;
        j++;
    }
    if (tok_punct(z, j, '.') && tok_is(z, j + 1, TK_NUM) &&
        !(j > 0 && tok_glued(z, j) && z->t[j - 1].kind == TK_NUM)) {
        /* ".5": the token after the point must be plain digits. */
        const char *s = tok_text(z, j + 1);
        for (size_t k = 0; k < z->t[j + 1].len; k++)
            if (s[k] < '0' || s[k] > '9')
                return 0;
        if (j > 0 && tok_glued(z, j) && z->t[j - 1].kind == TK_WORD)
            return 0;
        x->fp = s;
        x->fpn = z->t[j + 1].len;
        x->end = j + 2;
        return x->end - i;
    }
    if (!tok_is(z, j, TK_NUM))
        return 0;
    const char *s = tok_text(z, j);
    size_t n = z->t[j].len, dot = n, dots = 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] == '.') {
            dots++;
            dot = k;
        }
    x->ip = s;
    x->end = j + 1;
    size_t sp = space_groups(z, j);
    if (sp) {
        x->ipn = (size_t)(tok_end(z, sp - 1) - z->t[j].off); /* "12 345": spaces group thousands */
        x->end = sp;
        return x->end - i;
    }
    if (dots && dot_thousands(z, s, n, dots, j + 1)) {
        x->ipn = n; /* "1.500.000": the dots are separators */
        return x->end - i;
    }
    if (decimal_comma(z, j)) {
        x->ipn = n; /* "1,5 million": a comma for the point */
        x->fp = tok_text(z, j + 2);
        x->fpn = z->t[j + 2].len;
        x->end = j + 3;
        return x->end - i;
    }
    if (dots > 1)
        return 0;
    if (dots && memchr(s + dot, ',', n - dot))
        return 0;
    x->ipn = dot;
    if (dots) {
        x->fp = s + dot + 1;
        x->fpn = n - dot - 1;
    }
    return x->end - i;
}

int crier_num_is_one(const numx *x)
{
    return x->ip && x->ipn == 1 && x->ip[0] == '1' && !x->fp;
}

void crier_say_num(const norm *z, const numx *x, crier_buf *w)
{
    if (x->neg)
        crier_put_phrase(z, "minus", w);
    if (x->ip)
        crier_say_cardinal(z, x->ip, x->ipn, w);
    if (x->fp) {
        crier_put_number_word(z, ".", 1, w);
        crier_say_digits(z, x->fp, x->fpn, w);
    }
}

/* ==== Classifier ========================================================= */

/* The ordinal suffix a number takes, as the lexicon spells its ordinal:
 * the last two letters of "twenty-first", "twelfth", "third". Writes
 * them to out (three bytes). */
static void suffix_for(const norm *z, const char *d, size_t n, char *out)
{
    crier_buf w = CRIER_BUF_INIT;
    size_t k = n > 2 ? n - 2 : 0;
    if (d[k] == ',')
        k++;
    crier_say_ordinal(z, d + k, n - k, &w);
    out[0] = out[2] = '\0';
    if (w.len >= 2 && !w.oom)
        memcpy(out, w.ptr + w.len - 2, 2);
    crier_buf_free(&w);
}

/* True when s[0..2) ends some ordinal in number-words.tsv ("st", "th"). */
static int any_suffix(const norm *z, const char *s)
{
    size_t count = crier_lex_count(z->lex, CRIER_TAB_NUMBER_WORDS);
    for (size_t r = 0; r < count; r++) {
        const char *o = crier_lex_at(z->lex, CRIER_TAB_NUMBER_WORDS, r)->cols[2];
        size_t n = strlen(o);
        if (n >= 2 && (s[0] | 0x20) == o[n - 2] && (s[1] | 0x20) == o[n - 1])
            return 1;
    }
    return 0;
}

int crier_suffix_at(const norm *z, size_t i, const char *want, int *poss)
{
    *poss = 0;
    if (!tok_is(z, i, TK_WORD) || !tok_glued(z, i) || z->t[i].len < 2)
        return 0;
    const char *s = tok_text(z, i);
    int ok = want ? (s[0] | 0x20) == want[0] && (s[1] | 0x20) == want[1] : any_suffix(z, s);
    if (!ok)
        return 0;
    if (z->t[i].len == 2)
        return 1;
    *poss = z->t[i].len == 4 && s[2] == '\'' && (s[3] | 0x20) == 's';
    return *poss;
}

/* True when token i, glued to the number before it, is that number's
 * ordinal suffix ("21st", "2ND", "29th's"). */
static int ordinal_suffix(const norm *z, const numx *x, size_t i, int *poss)
{
    if (x->fp || x->neg || !x->ip || !tok_is(z, i, TK_WORD))
        return 0;
    char want[3];
    suffix_for(z, x->ip, x->ipn, want);
    return want[0] && crier_suffix_at(z, i, want, poss);
}

/* "the 2d of May", "the 33d regiment": nineteenth-century books write
 * second and third with a bare "d". Only after "the" or before "of", or
 * between a possessive and a capitalised noun, since "3d" is also "3-D"
 * and "2d." an old penny. */
static int old_ordinal(const norm *z, const numx *x, size_t i)
{
    if (x->fp || x->neg || !x->ip || x->ipn > 3 || !tok_is(z, i, TK_WORD) || !tok_glued(z, i) ||
        z->t[i].len != 1 || tok_text(z, i)[0] != 'd')
        return 0;
    char last = x->ip[x->ipn - 1];
    if ((last != '2' && last != '3') || (x->ipn > 1 && x->ip[x->ipn - 2] == '1'))
        return 0;
    size_t p = crier_prev_word(z, x->i), k = crier_skip_space(z, i + 1);
    if ((p != (size_t)-1 && crier_tok_eq(z, p, "the")) || (k > i + 1 && crier_tok_eq(z, k, "of")))
        return 1;
    /* "York's 2d Regt.", "his 3d wife", "this 2d day": after a possessive
     * or a determiner other than "a", before a noun. */
    const char *ps = p != (size_t)-1 && tok_is(z, p, TK_WORD) ? tok_text(z, p) : NULL;
    size_t pn = ps ? z->t[p].len : 0;
    return ps && k == i + 2 && tok_is(z, k, TK_WORD) && !(z->t[k].flags & TF_UPPER) &&
           ((pn > 2 && ps[pn - 2] == '\'' && ps[pn - 1] == 's') ||
            (crier_tok_ctx(z, p) & CRIER_CTX_DETERMINER && !crier_tok_eq(z, p, "a") &&
             !crier_tok_eq(z, p, "an")));
}

/* True when a three- or four-digit number at token i names something
 * rather than counting it: right after a capitalised name, inside a
 * sentence, with no lower-case word after it ("Boeing 737 MAX", "Room
 * 101"). Such numbers are read in pairs: "seven thirty-seven". */
static int label_context(const norm *z, size_t i)
{
    if (crier_scale_before_noun(z, i + 1))
        return 0; /* "Adds 199K Jobs": an amount */
    /* "F-150", "C-130", "I-395": a model or a road after capitals and a
     * hyphen; "Blink-182", a name's number, after a capitalised word. */
    if (i >= 2 && crier_tok_dash(z, i - 1) && tok_glued(z, i) && tok_glued(z, i - 1) &&
        tok_is(z, i - 2, TK_WORD) &&
        ((z->t[i - 2].len <= 3 && (z->t[i - 2].flags & (TF_UPPER | TF_CAP)) &&
          !(z->t[i - 2].flags & TF_LOWER) && (z->t[i - 2].len == 1 || (z->t[i - 2].flags & TF_UPPER))) ||
         ((z->t[i - 2].flags & TF_CAP) && !(z->t[i - 2].flags & TF_UPPER) && !crier_tok_ctx(z, i - 2))))
        return 1;
    /* "the 737 MAX": a model name in capitals after the number. */
    size_t k = crier_skip_space(z, i + 1);
    if (k > i + 1 && tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_UPPER) &&
        !(z->t[k].flags & TF_CAPS_RUN) && !crier_tok_find(z, CRIER_TAB_UNITS, k) &&
        !crier_tok_find(z, CRIER_TAB_CURRENCIES, k) && !crier_tok_find(z, CRIER_TAB_ACRONYMS, k) &&
        z->t[k].len >= 3 && crier_pronounceable(z, tok_text(z, k), z->t[k].len))
        return 1; /* not "350 FBI agents" */
    size_t p = crier_prev_word(z, i);
    if (p != (size_t)-1 && tok_is(z, p, TK_WORD) && (crier_tok_ctx(z, p) & CRIER_CTX_LABEL_BEFORE))
        return 1; /* "Flight 370", "Room 101" */
    /* "Flight UA 920": an airline's or a line's code between. */
    size_t q = p != (size_t)-1 && tok_is(z, p, TK_WORD) && (z->t[p].flags & TF_UPPER) &&
                       z->t[p].len <= 3
                   ? crier_prev_word(z, p)
                   : (size_t)-1;
    if (q != (size_t)-1 && tok_is(z, q, TK_WORD) && (crier_tok_ctx(z, q) & CRIER_CTX_LABEL_BEFORE))
        return 1;
    /* "the RTX 4090 draws", "an IBM 5150": a maker's or a line's letters
     * in capitals before a four-digit model, unless what follows is
     * counted ("UK 3000 troops"); three digits there are more often a
     * count ("FBI 350 agents"). */
    if (p != (size_t)-1 && z->t[i].len == 4 && tok_is(z, p, TK_WORD) && (z->t[p].flags & TF_UPPER) &&
        !(z->t[p].flags & TF_CAPS_RUN) && z->t[p].len >= 2 && z->t[p].len <= 4 &&
        !crier_tok_ctx(z, p) && !crier_pronounceable(z, tok_text(z, p), z->t[p].len) &&
        !(tok_is(z, k, TK_WORD) &&
          ((crier_tok_ctx(z, k) & (CRIER_CTX_COUNT_NOUN | CRIER_CTX_UNIT_WORD)) ||
           crier_tok_find(z, CRIER_TAB_UNITS, k))))
        return 1;
    const char *ps = p != (size_t)-1 ? tok_text(z, p) : NULL;
    size_t pn = p != (size_t)-1 ? z->t[p].len : 0;
    if (p == (size_t)-1 || !tok_is(z, p, TK_WORD) || !(z->t[p].flags & TF_CAP) ||
        (pn > 2 && ps[pn - 2] == '\'' && ps[pn - 1] == 's') || /* "Trump's 232" counts */
        (z->t[p].flags & TF_UPPER) || crier_tok_ctx(z, p) ||
        crier_tok_find(z, CRIER_TAB_MONTHS, p) || crier_tok_find(z, CRIER_TAB_ROMAN_CONTEXT, p))
        return 0;
    size_t pp = crier_prev_word(z, p);
    if (pp == (size_t)-1 || z->t[pp].kind == TK_NL || tok_punct(z, pp, '.') ||
        tok_punct(z, pp, '"') || tok_punct(z, pp, '('))
        return 0; /* the name starts a sentence: not sure it is a name */
    return !(tok_is(z, k, TK_WORD) && !(z->t[k].flags & TF_CAP)) && !tok_is(z, k, TK_NUM);
}

/* True when the words before the number at token i make it a code read
 * digit by digit (context-words.tsv, digits-after): a word right before
 * it ("PIN 4321", "ext. 204"), or two words ("a card ending in 8876"),
 * after which a year stays a year ("the year ending in 2012"). */
static int digits_context(const norm *z, size_t i)
{
    size_t p = crier_prev_word(z, i);
    if (p != (size_t)-1 && p > 0 && tok_punct(z, p, '.') && tok_glued(z, p))
        p--; /* "ext. 204" */
    if (p == (size_t)-1 || !tok_is(z, p, TK_WORD))
        return 0;
    long v = crier_digits_value(tok_text(z, i), z->t[i].len);
    int year = z->t[i].len == 4 && v >= 1000 && v <= 2099;
    /* "call 999", "PIN 2020", "ext 1234"; but "many call 2020 the worst
     * year": a year after a verb in lower case, before an article. */
    size_t n = crier_skip_space(z, i + 1);
    if (crier_tok_ctx(z, p) & CRIER_CTX_DIGITS_AFTER)
        return !(year && v >= 1900 && (z->t[p].flags & TF_LOWER) && n > i + 1 &&
                 tok_is(z, n, TK_WORD) && (crier_tok_ctx(z, n) & CRIER_CTX_DETERMINER));
    size_t q = crier_prev_word(z, p);
    if (q == (size_t)-1 || q + 2 != p || z->t[q + 1].len != 1 || year)
        return 0;
    const crier_lex_row *r =
        crier_lex_find(z->lex, CRIER_TAB_CONTEXT_WORDS, tok_text(z, q), tok_end(z, p) - z->t[q].off);
    return r && (r->flags & CRIER_CTX_DIGITS_AFTER);
}

/* See norm.h. */
int crier_circa_before(const norm *z, size_t i)
{
    size_t p = crier_prev_word(z, i), used;
    int dot;
    const char *circa = crier_phrase(z, "circa");
    if (p == (size_t)-1)
        return 0;
    if (tok_is(z, p, TK_WORD))
        return crier_tok_eq(z, p, circa);
    if (!tok_punct(z, p, '.') || p == 0 || !tok_is(z, p - 1, TK_WORD))
        return 0;
    const crier_lex_row *r = crier_abbrev_at(z, p - 1, &used, &dot);
    return r && dot && strcmp(r->cols[1], circa) == 0;
}

/* Reads an integer written without separators the way its shape says:
 * digit by digit when it has a leading zero or five digits or more (an
 * identifier, a zip code) or the words before it say it is a code, as a year when it looks like one and the
 * context agrees, else as a cardinal. */
static void say_plain_int(norm *z, const numx *x, crier_buf *w)
{
    int grouped = memchr(x->ip, ',', x->ipn) != NULL || memchr(x->ip, '.', x->ipn) != NULL ||
                  memchr(x->ip, ' ', x->ipn) != NULL;
    /* "the Class of '08": a year cut to two digits, "oh eight". */
    if (x->ipn == 2 && x->ip[0] == '0' && !x->neg && x->i > 0 && tok_glued(z, x->i) &&
        tok_punct(z, x->i - 1, '\'')) {
        crier_put_number_word(z, "o", 1, w);
        crier_say_digits(z, x->ip + 1, 1, w);
        return;
    }
    if (!grouped && !x->neg && x->ipn > 1 &&
        (x->ip[0] == '0' || x->ipn >= 5 || digits_context(z, x->i))) {
        crier_say_digits(z, x->ip, x->ipn, w);
        return;
    }
    if (!grouped && !x->neg && x->ipn == 4 && x->ip[0] >= '1' && x->ip[0] <= '2' &&
        crier_digits_value(x->ip, 4) <= 2099 && crier_year_context(z, x->i)) {
        crier_say_year(z, x->ip, 4, w);
        return;
    }
    if (!grouped && !x->neg && x->ipn == 3 && x->ip[0] != '0' && crier_circa_before(z, x->i)) {
        crier_say_year(z, x->ip, 3, w); /* "c. 950" "circa nine fifty" */
        return;
    }
    if (!grouped && !x->neg && (x->ipn == 3 || x->ipn == 4) && x->ip[0] != '0' &&
        label_context(z, x->i)) {
        crier_say_year(z, x->ip, x->ipn, w); /* "seven thirty-seven", "thirty-six eighty-four" */
        return;
    }
    /* "call 911": a number said as a set phrase (idioms.tsv); but after
     * a name inside a sentence it is a model, "the Porsche 911". */
    const crier_lex_row *r = !grouped && !x->neg ? crier_lex_find(z->lex, CRIER_TAB_IDIOMS, x->ip, x->ipn)
                                                 : NULL;
    size_t p = crier_prev_word(z, x->i), pp = p != (size_t)-1 ? crier_prev_word(z, p) : p;
    if (r && tok_is(z, p, TK_WORD) && (z->t[p].flags & TF_CAP) && tok_is(z, pp, TK_WORD)) {
        crier_say_year(z, x->ip, x->ipn, w);
        return;
    }
    if (r) {
        crier_put_word(w, r->cols[1]);
        return;
    }
    crier_say_num(z, x, w);
}

/* When a whole number is one followed by zeros that number-words.tsv
 * names ("100", "1,000"), replaces what `w` says by that word alone:
 * "1,000s" are "thousands", not "one thousands". */
static void scale_alone(const norm *z, const numx *x, crier_buf *w)
{
    char key[NORM_MAX_DIGITS + 1];
    size_t n = 0;
    if (!x->ip || x->fp || x->neg || x->ipn < 3 || x->ip[0] != '1')
        return;
    for (size_t k = 0; k < x->ipn && n < NORM_MAX_DIGITS; k++) {
        if (x->ip[k] == ',' || x->ip[k] == '.' || x->ip[k] == ' ')
            continue;
        if (k > 0 && x->ip[k] != '0')
            return;
        key[n++] = x->ip[k];
    }
    if (!crier_lex_find(z->lex, CRIER_TAB_NUMBER_WORDS, key, n))
        return;
    key[n] = '\0';
    crier_buf_truncate(w, 0);
    crier_put_number_word(z, key, 1, w);
}

/* True when a currency of currencies.tsv is named by word token i
 * ("euros", "rupees"). */
static int currency_name(const norm *z, size_t i)
{
    size_t n = z->t[i].len, count = crier_lex_count(z->lex, CRIER_TAB_CURRENCIES);
    const char *s = tok_text(z, i);
    for (size_t r = 0; r < count; r++) {
        const crier_lex_row *row = crier_lex_at(z->lex, CRIER_TAB_CURRENCIES, r);
        if (strlen(row->cols[3]) == n && memcmp(row->cols[3], s, n) == 0)
            return 1;
    }
    return 0;
}

/* See norm.h. "5m" alone is five meters, but before what is counted in
 * millions ("1.5m euros", "3m copies", "2m years") it is a scale. */
int crier_scale_before_noun(const norm *z, size_t k)
{
    /* "50k+ views": a plus may follow the scale. */
    size_t j = tok_punct(z, k + 1, '+') && tok_glued(z, k + 1) ? k + 2 : k + 1;
    /* The noun may be capitalised, as in a headline ("Adds 199K Jobs"),
     * but not in capitals. */
    if (!tok_is(z, k, TK_WORD) || z->t[k].len != 1 || !tok_glued(z, k) ||
        !tok_is(z, j, TK_SPACE) || z->t[j].len != 1 || !tok_is(z, j + 1, TK_WORD) ||
        (!(z->t[j + 1].flags & TF_LOWER) && ((z->t[j + 1].flags & TF_UPPER) || z->t[j + 1].len < 2)))
        return 0;
    const crier_lex_row *sc = crier_tok_find(z, CRIER_TAB_SCALES, k);
    if (!sc || !(sc->flags & CRIER_SCALE_ABBR))
        return 0;
    if ((crier_tok_ctx(z, j + 1) & (CRIER_CTX_COUNT_NOUN | CRIER_CTX_UNIT_WORD)) ||
        currency_name(z, j + 1))
        return 1;
    /* "100M weekly users", "12K new jobs": one word in lower case may
     * stand between the scale and what it counts. */
    return (z->t[j + 1].flags & TF_LOWER) &&
           !(crier_tok_ctx(z, j + 1) & ~(unsigned)CRIER_CTX_PRICE_BEFORE) &&
           tok_is(z, j + 2, TK_SPACE) && z->t[j + 2].len == 1 && tok_is(z, j + 3, TK_WORD) &&
           (crier_tok_ctx(z, j + 3) & CRIER_CTX_COUNT_NOUN);
}

/* True when the word before the amount at i leaves room for an adjective:
 * an article, another determiner ("the", "his", "this"), or a possessive
 * ("Bolt's 100m record"). `strict` is set unless it was an article: after
 * "the" the amount may as well be the thing itself ("the 10 km took"). */
static int before_adjective(const norm *z, size_t i, int *strict)
{
    size_t p = crier_prev_word(z, i);
    *strict = 0;
    if (p == (size_t)-1 || !tok_is(z, p, TK_WORD))
        return 0;
    if (crier_tok_eq(z, p, "a") || crier_tok_eq(z, p, "an"))
        return 1;
    *strict = 1;
    const char *s = tok_text(z, p);
    size_t n = z->t[p].len;
    return (crier_tok_ctx(z, p) & CRIER_CTX_DETERMINER) ||
           (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's');
}

/* True when lower-case word token k has an ending that nouns rarely have:
 * "-ed" of a past tense ("the 100m ended"), "-ly" of an adverb. */
static int verb_like(const norm *z, size_t k)
{
    const char *s = tok_text(z, k);
    size_t n = z->t[k].len;
    return n > 3 && ((s[n - 2] == 'e' && s[n - 1] == 'd') || (s[n - 2] == 'l' && s[n - 1] == 'y'));
}

/* See norm.h. */
int crier_adjective_amount(const norm *z, size_t i, size_t end)
{
    int strict;
    if (!before_adjective(z, i, &strict) || !tok_is(z, end, TK_SPACE) || z->t[end].len != 1 ||
        !tok_is(z, end + 1, TK_WORD))
        return 0;
    /* "a 256GB SSD": after an article, an initialism is a noun too. */
    if (!(z->t[end + 1].flags & TF_LOWER))
        return !strict && (z->t[end + 1].flags & TF_UPPER) && !(z->t[end + 1].flags & TF_CAPS_RUN);
    /* "a $5 or $6 fee", "a 5 km to 6 km", "an $8 per month fee", "the 5 km
     * of road", "a 300 m tall tower" */
    size_t k = end + 1;
    if (crier_tok_ctx(z, k) & (CRIER_CTX_STARTER | CRIER_CTX_YEAR_BEFORE | CRIER_CTX_DATE_BEFORE |
                               CRIER_CTX_DETERMINER | CRIER_CTX_COMPLEMENT))
        return 0;
    if (crier_tok_eq(z, k, "to"))
        return 0;
    return !strict || (!verb_like(z, k) && !(tok_is(z, k + 1, TK_PUNCT) && tok_glued(z, k + 1) &&
                                               tok_punct(z, k + 1, '\'')));
}

/* What is left of the numbers after the other classes: an ordinal when a
 * suffix is glued ("21st"), an integer read by its shape (say_plain_int),
 * or a decimal; then a plural "s", a percent sign or a trailing plus. */
/* A number token that no rule could read ("2.0.1", "4.5.2"): its groups
 * of digits, with "point" for each dot, so that nothing is lost. A group
 * with a leading zero is read digit by digit ("oh" is for years). */
static size_t dotted_groups(norm *z, size_t i)
{
    const char *s = tok_text(z, i);
    size_t n = z->t[i].len, a = 0;
    crier_buf w = CRIER_BUF_INIT;
    while (a < n) {
        size_t b = a;
        while (b < n && s[b] >= '0' && s[b] <= '9')
            b++;
        if (b > a && (s[a] != '0' || b - a == 1) && b - a <= 4)
            crier_say_cardinal(z, s + a, b - a, &w);
        else
            crier_say_digits(z, s + a, b - a, &w);
        if (b < n && s[b] == '.')
            crier_put_number_word(z, ".", 1, &w);
        a = b + 1;
    }
    return crier_emit_buf(z, &w, i, i + 1);
}

/* "hit .312", "a .300 hitter": three decimals with no whole number, next
 * to a word of baseball's averages (context-words.tsv, flag batting), are
 * read as a number, "three twelve", as the game says them. */
static int batting_average(const norm *z, const numx *x)
{
    if (x->ip || x->neg || x->fpn != 3 || tok_punct(z, x->end, '%'))
        return 0;
    size_t n = crier_skip_space(z, x->end);
    crier_buf u = CRIER_BUF_INIT;
    int unit = crier_unit_parse(z, n, 1, n == x->end, 0, &u) != 0 ||
               crier_tok_eq(z, n, crier_phrase(z, "percent"));
    crier_buf_free(&u);
    if (unit)
        return 0; /* "the yield hit .875 percent" */
    return crier_ctx_after(z, x->end, CRIER_CTX_BATTING) ||
           crier_ctx_before(z, x->i, CRIER_CTX_BATTING, 2);
}

/* "the Ryzen 9 7950X": four figures and a capital X glued to them name a
 * model, read in pairs; "a 10X rise" and "1000X faster" are multiples. */
static int model_x(const norm *z, const numx *x, size_t end)
{
    return !x->neg && !x->fp && x->ipn == 4 && z->t[x->i].len == 4 && tok_is(z, end, TK_WORD) &&
           tok_glued(z, end) && z->t[end].len == 1 && tok_text(z, end)[0] == 'X' &&
           memcmp(x->ip + 1, "000", 3) != 0 && !(z->t[end].flags & TF_CAPS_RUN) &&
           !(tok_is(z, end + 1, TK_WORD) && tok_glued(z, end + 1));
}

size_t crier_cls_number(norm *z, size_t i)
{
    numx x;
    if (!crier_num_parse(z, i, &x))
        return tok_is(z, i, TK_NUM) ? dotted_groups(z, i) : 0;
    crier_buf w = CRIER_BUF_INIT;
    size_t end = x.end;
    int poss;
    if (old_ordinal(z, &x, end)) {
        crier_say_ordinal(z, x.ip, x.ipn, &w);
        end++;
    } else if (ordinal_suffix(z, &x, end, &poss)) {
        crier_say_ordinal(z, x.ip, x.ipn, &w);
        if (poss)
            crier_buf_puts(&w, "'s");
        end++;
    } else if (model_x(z, &x, end)) {
        crier_say_year(z, x.ip, 4, &w); /* "seventy-nine fifty X" */
        crier_spell(tok_text(z, end), 1, &w);
        end++;
    } else if (x.ip && !x.fp) {
        say_plain_int(z, &x, &w);
    } else if (batting_average(z, &x)) {
        crier_say_year(z, x.fp, 3, &w); /* ".312" "three twelve" */
    } else {
        crier_say_num(z, &x, &w);
    }
    /* "3.5bn", "40mln": a glued abbreviation of two letters or more that
     * can only be a scale. "5m" and "10k" are left to the units and the
     * codes (meters, "a 10k race"), but a capital letter glued to a
     * decimal is no meter and no code: "1.2M reviews", "2.5K views". */
    int glued_word = tok_is(z, end, TK_WORD) && tok_glued(z, end) &&
                     !(tok_is(z, end + 1, TK_WORD) && tok_glued(z, end + 1));
    const crier_lex_row *sc = (glued_word && z->t[end].len >= 2) ||
                                      (glued_word && x.fp && (z->t[end].flags & TF_CAP)) ||
                                      crier_scale_before_noun(z, end)
                                  ? crier_tok_find(z, CRIER_TAB_SCALES, end)
                                  : NULL;
    if (sc && (sc->flags & CRIER_SCALE_ABBR)) {
        crier_put_word(&w, sc->cols[1]);
        end = crier_unit_dot(z, end + 1); /* "3.4mil. residents": the dot is the scale's */
    } else if (tok_is(z, end, TK_SPACE) && z->t[end].len == 1 && tok_is(z, end + 1, TK_WORD) &&
               z->t[end + 1].len >= 2 && (z->t[end + 1].flags & TF_LOWER) &&
               !(tok_is(z, end + 2, TK_WORD) && tok_glued(z, end + 2)) &&
               (sc = crier_tok_find(z, CRIER_TAB_SCALES, end + 1)) && (sc->flags & CRIER_SCALE_ABBR)) {
        crier_put_word(&w, sc->cols[1]); /* "1.2 bn units" */
        end = crier_unit_dot(z, end + 2);
    }
    /* "the 747s", "75s": a plural number. "1,000s" and "the 100s" are
     * "thousands" and "the hundreds", without the "one". */
    int glued_s = tok_is(z, end, TK_WORD) && tok_glued(z, end) && crier_tok_eq(z, end, "s") &&
                  w.len && !(tok_is(z, end + 1, TK_WORD) && tok_glued(z, end + 1));
    /* "the iPhone 4S", "a 5S": a capital S is a model's letter, unless
     * the line is in capitals or the number is a decade ("THE 1990S"). */
    if (glued_s && tok_text(z, end)[0] == 'S' && !(z->t[end].flags & TF_CAPS_RUN) &&
        tok_text(z, end - 1)[z->t[end - 1].len - 1] != '0')
        glued_s = 0;
    if (glued_s && x.fp) {
        /* "9.58s": a fraction has no plural; it is a time in seconds */
        const crier_lex_row *u = crier_tok_find(z, CRIER_TAB_UNITS, end);
        crier_put_word(&w, u ? u->cols[2] : "s");
        end++;
    } else if (glued_s) {
        scale_alone(z, &x, &w);
        crier_pluralize_last(z, &w);
        end++;
    }
    /* "2.5x faster", "a 10x rise", "trades at 15x.": a multiple, "times";
     * so is a small "x" before a name: "2x Platinum", "12.5x EBITDA". */
    size_t after = end + 1;
    if (tok_is(z, end, TK_WORD) && tok_glued(z, end) && crier_tok_eq(z, end, "x") && w.len &&
        ((tok_is(z, after, TK_SPACE) && tok_is(z, after + 1, TK_WORD) &&
          ((z->t[after + 1].flags & TF_LOWER) ||
           (tok_text(z, end)[0] == 'x' && !(z->t[after + 1].flags & TF_CAPS_RUN)))) ||
         (tok_text(z, end)[0] == 'x' && crier_prev_word(z, i) != (size_t)-1 &&
          z->t[crier_prev_word(z, i)].kind == TK_WORD && (after >= z->n || z->t[after].kind == TK_NL ||
           (tok_is(z, after, TK_PUNCT) && !tok_punct(z, after, '-') && !tok_punct(z, after, '/')))))) {
        crier_put_phrase(z, "times", &w);
        end++;
    }
    /* "the 49ers", "76ers": a team named by its number, "forty-niners". */
    if (tok_is(z, end, TK_WORD) && tok_glued(z, end) && crier_tok_eq(z, end, "ers") && w.len &&
        !x.fp && !(tok_is(z, end + 1, TK_WORD) && tok_glued(z, end + 1))) {
        crier_buf_puts(&w, w.ptr[w.len - 1] == 'e' ? "rs" : "ers");
        end++;
    }
    /* "3.5%", "31.7 %" */
    size_t k = tok_is(z, end, TK_SPACE) && z->t[end].len == 1 ? end + 1 : end;
    if (tok_punct(z, k, '%')) {
        crier_put_phrase(z, "percent", &w);
        end = k + 1;
    } else if (tok_punct(z, end, '+') && (end + 1 >= z->n || z->t[end + 1].kind == TK_SPACE ||
                                         z->t[end + 1].kind == TK_NL ||
                                         z->t[end + 1].kind == TK_PUNCT)) {
        crier_put_phrase(z, "plus", &w); /* "10,000+" */
        end++;
    }
    return crier_emit_buf(z, &w, i, end);
}

/* textdump.c -- stage 1a: finds the article in a plain-text dump of a page.
 *
 * In: clean text as a browser gives it on "select all, copy", or as a text
 * browser (lynx, w3m) dumps it: menus, banners, the headline (often twice),
 * captions, the body, credits, related links, comments. Out: crier_doc
 * segments in page order; segment.c then orders them for listening.
 *
 * There is no markup left, so the article is found from the shape of the
 * text, line by line:
 *
 *  1. Paragraphs that keep their source's line breaks are joined. Each
 *     line is measured (words, with CJK characters as two thirds of a
 *     word; sentence-final punctuation; bullets; repeats) and matched
 *     against the lexicon: page furniture, image markers and the lines
 *     that end an article (boilerplate.tsv), credit and caption prefixes
 *     (credits.tsv), byline prefixes (byline.tsv), and month names for
 *     date lines.
 *  2. Each line gets a value: prose is worth its length, a short line
 *     (menus, share buttons, tags) costs a little, furniture costs more and
 *     an end marker a lot. The body is the run of lines with the greatest
 *     total value (the maximum-subarray problem, one linear pass): the
 *     transition from menu-like runs of short lines into prose is where
 *     the sum starts to grow, and related links and comments are where it
 *     stops.
 *     A page with no prose (a list of changes) gets a second pass that
 *     values list items instead.
 *  3. The headline is the best title-like line shortly before the body, or
 *     at its start (texthead.c). Between it and the body sit the
 *     standfirst, byline, dateline, and photo captions with their credits.
 *  4. Inside the body, runs of menu-like lines are dropped, and lines
 *     become paragraphs, subheadings (short, no final punctuation, followed
 *     by prose), captions and credits; after it, "Source: ..." and
 *     "Reporting by ..." lines become credits. */
#include "buf.h"
#include "internal.h"
#include "textdump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ==== Measuring lines ====================================================== */

/* The code point at s (valid UTF-8), and its length in *len. */
unsigned crier_dump_cp_at(const unsigned char *s, size_t n, size_t *len)
{
    if (s[0] < 0x80 || n < 2) {
        *len = 1;
        return s[0];
    }
    if (s[0] < 0xE0) {
        *len = 2;
        return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    }
    if (s[0] < 0xF0 || n < 4) {
        *len = n < 3 ? n : 3;
        return n < 3 ? 0 : ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    }
    *len = 4;
    return ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

/* Chinese, Japanese and Korean script, where words are not spaced. */
int crier_dump_cjk(unsigned c)
{
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xAC00 && c <= 0xD7AF);
}

/* White space, including the no-break and ideographic spaces. */
static size_t space_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (n >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if (n >= 3 && c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

/* Sets a line's word counts (see line.words and line.units). */
static void count_words(line *l)
{
    unsigned words = 0, cjk_chars = 0;
    int in = 0;
    for (size_t i = 0; i < l->n;) {
        size_t sp = space_at(l->s + i, l->n - i), len;
        if (sp) {
            in = 0;
            i += sp;
            continue;
        }
        unsigned c = crier_dump_cp_at((const unsigned char *)l->s + i, l->n - i, &len);
        if (crier_dump_cjk(c)) {
            cjk_chars++;
            in = 0;
        } else if (!in) {
            words++;
            in = 1;
        }
        i += len;
    }
    l->words = words + cjk_chars;
    l->units = words + cjk_chars / 1.5;
}

/* True when the text ends like a sentence, after closing quotes and
 * brackets: . ! ? : and their full-width forms, or an ellipsis. */
static int ends_sentence(const char *s, size_t n)
{
    static const char *const CLOSERS[] = {"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99",
                                          "\xC2\xBB", "\xE3\x80\x8D", "\xE3\x80\x8F",
                                          "\xEF\xBC\x89"};
    static const char *const ENDS[] = {".", "!", "?", ":", "\xE3\x80\x82", "\xEF\xBC\x81",
                                       "\xEF\xBC\x9F", "\xEF\xBC\x8E", "\xE2\x80\xA6"};
    for (int again = 1; again && n;) {
        again = 0;
        for (size_t k = 0; k < CRIER_ARRAY_LEN(CLOSERS); k++) {
            size_t c = strlen(CLOSERS[k]);
            if (n >= c && memcmp(s + n - c, CLOSERS[k], c) == 0) {
                n -= c;
                again = 1;
            }
        }
    }
    for (size_t k = 0; k < CRIER_ARRAY_LEN(ENDS); k++) {
        size_t c = strlen(ENDS[k]);
        if (n >= c && memcmp(s + n - c, ENDS[k], c) == 0)
            return 1;
    }
    return 0;
}

/* Length of a list bullet at the start of s (with its space), or 0:
 * lynx's "* + o #", w3m's "• ◦ ▪ □ ■", and "1." numbers. */
static size_t bullet_len(const char *s, size_t n)
{
    static const char *const MARKS[] = {"*", "+", "o", "#", "-", "\xE2\x80\xA2", "\xE2\x97\xA6",
                                        "\xE2\x96\xAA", "\xE2\x96\xA1", "\xE2\x96\xA0"};
    for (size_t k = 0; k < CRIER_ARRAY_LEN(MARKS); k++) {
        size_t m = strlen(MARKS[k]);
        if (n > m + 1 && memcmp(s, MARKS[k], m) == 0 && s[m] == ' ')
            return m + 1;
    }
    size_t d = 0;
    while (d < n && d < 3 && isdigit((unsigned char)s[d]))
        d++;
    return d && d + 2 < n && s[d] == '.' && s[d + 1] == ' ' ? d + 2 : 0;
}

/* Splits the text into trimmed lines without bullets. */
static line *split_lines(const char *text, size_t len, size_t *count)
{
    size_t cap = 256, n = 0;
    line *v = malloc(cap * sizeof *v);
    for (size_t i = 0; v && i <= len;) {
        const char *eol = memchr(text + i, '\n', len - i);
        size_t end = eol ? (size_t)(eol - text) : len, a = i, b = end, sp;
        while (a < b && (sp = space_at(text + a, b - a)) != 0)
            a += sp;
        while (b > a && (isspace((unsigned char)text[b - 1]) ||
                         (b - a >= 2 && (unsigned char)text[b - 2] == 0xC2 &&
                          (unsigned char)text[b - 1] == 0xA0)))
            b -= isspace((unsigned char)text[b - 1]) ? 1 : 2;
        if (n == cap) {
            line *w = realloc(v, (cap *= 2) * sizeof *v);
            if (!w) {
                free(v);
                return NULL;
            }
            v = w;
        }
        line *l = &v[n++];
        memset(l, 0, sizeof *l);
        size_t bl = bullet_len(text + a, b - a);
        l->s = text + a + bl;
        l->n = b - a - bl;
        l->flags = (b == a ? L_BLANK : 0) | (bl ? L_BULLET : 0);
        if (!eol)
            break;
        i = end + 1;
    }
    *count = n;
    return v;
}

/* FNV-1a of a line's text. */
static unsigned long long hash_line(const line *l)
{
    unsigned long long h = 1469598103934665603ull; /* FNV-1a */
    for (size_t k = 0; k < l->n; k++)
        h = (h ^ (unsigned char)l->s[k]) * 1099511628211ull;
    return h;
}

/* Counts repeated lines with a hash set: linear in the size of the text. */
static int count_dups(line *v, size_t n)
{
    size_t nslots = 64;
    while (nslots < n * 2)
        nslots *= 2;
    size_t *slot = calloc(nslots, sizeof *slot), *rep = malloc((n ? n : 1) * sizeof *rep);
    if (!slot || !rep) {
        free(slot);
        free(rep);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        rep[i] = i;
        if (!v[i].n)
            continue;
        size_t j = (size_t)hash_line(&v[i]) & (nslots - 1);
        while (slot[j] &&
               !(v[slot[j] - 1].n == v[i].n && memcmp(v[slot[j] - 1].s, v[i].s, v[i].n) == 0))
            j = (j + 1) & (nslots - 1);
        if (!slot[j])
            slot[j] = i + 1;
        rep[i] = slot[j] - 1;
        v[rep[i]].dup++;
    }
    for (size_t i = 0; i < n; i++)
        v[i].dup = v[rep[i]].dup;
    free(slot);
    free(rep);
    return 0;
}

/* ==== Hard-wrapped text ==================================================== */

/* Some pages keep their source's line breaks (CSS white-space: pre), so a
 * paragraph arrives cut into lines of sixty characters. A line joins the
 * one before it (no blank line between) when it is indented three columns
 * deeper than the first line of the paragraph (a hanging indent) and the line before
 * is long and does not end a sentence. Bulleted lines never join. Returns a malloc'd copy with the joins
 * made (a space for each line break removed), or NULL when out of memory. */
static char *unwrap(const char *text, size_t len, size_t *out_len)
{
    crier_buf b = CRIER_BUF_INIT;
    size_t para_indent = 0;
    int prev_text = 0, prev_open = 0;
    for (size_t i = 0; i <= len;) {
        const char *eol = memchr(text + i, '\n', len - i);
        size_t end = eol ? (size_t)(eol - text) : len, a = i, sp;
        while (a < end && (sp = space_at(text + a, end - a)) != 0)
            a += sp;
        size_t e = end;
        while (e > a && isspace((unsigned char)text[e - 1]))
            e--;
        int blank = a == e, bullet = !blank && bullet_len(text + a, e - a) > 0;
        int join = prev_text && !blank && !bullet && a - i >= para_indent + 3 && prev_open;
        if (join) {
            crier_buf_putc(&b, ' ');
            crier_buf_put(&b, text + a, e - a);
        } else {
            if (i)
                crier_buf_putc(&b, '\n');
            crier_buf_put(&b, text + i, end - i);
            para_indent = a - i;
        }
        if (!blank) {
            line l = {text + a, e - a, 0, 0, 0, 0, 0};
            count_words(&l);
            prev_open = l.words >= 6 && !ends_sentence(l.s, l.n);
        }
        prev_text = !blank;
        if (!eol)
            break;
        i = end + 1;
    }
    if (b.oom || !b.ptr) {
        crier_buf_free(&b);
        return b.oom ? NULL : calloc(1, 1);
    }
    *out_len = b.len;
    return crier_buf_detach(&b);
}

/* ==== What a line is ======================================================= */

/* Matches the start of s against the credits table. Returns the row, or
 * NULL. */
static const crier_lex_row *credit_prefix(const crier_lexicon *lex, const char *s, size_t n)
{
    size_t count = crier_lex_count(lex, CRIER_TAB_CREDITS);
    for (size_t i = 0; n && i < count; i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_CREDITS, i);
        if (tolower((unsigned char)r->cols[0][0]) != tolower((unsigned char)s[0]))
            continue;
        size_t k = strlen(r->cols[0]);
        if (k < n && strncasecmp(s, r->cols[0], k) == 0 &&
            (s[k] == ' ' || r->cols[0][k - 1] == ':'))
            return r;
    }
    return NULL;
}

/* True when s starts with a credit prefix ("Photo:", "Reporting by"). */
static int is_credit(const crier_lexicon *lex, const char *s, size_t n)
{
    const crier_lex_row *r = credit_prefix(lex, s, n);
    return r && strcmp(r->cols[1], "credit") == 0;
}

/* Length of a caption label that starts the line ("Media caption"), or 0;
 * *strip says whether the label is left out of the caption. */
static size_t caption_label(const crier_lexicon *lex, const char *s, size_t n, int *strip)
{
    const crier_lex_row *r = credit_prefix(lex, s, n);
    if (!r || strcmp(r->cols[1], "caption") != 0)
        return 0;
    *strip = (r->flags & CRIER_CREDIT_STRIP) != 0;
    size_t k = strlen(r->cols[0]);
    while (k < n && s[k] == ' ')
        k++;
    return k < n ? k : 0;
}

/* A date line: short, with a month name next to a number ("Feb. 21,
 * 2019", "Thu 3 Jan 2019 02.00 EST"), or a numeric date ("2019-02-21",
 * "21/12/2018"). */
static int date_like(const crier_lexicon *lex, const line *l)
{
    if (l->words > 14 || l->n > 120)
        return 0;
    int prev_number = 0, prev_month = 0;
    for (size_t i = 0; i < l->n;) {
        while (i < l->n && !isalnum((unsigned char)l->s[i]) && (unsigned char)l->s[i] < 0x80)
            i++;
        size_t w = i, digits = 0;
        while (i < l->n && (isalnum((unsigned char)l->s[i]) || (unsigned char)l->s[i] >= 0x80))
            digits += isdigit((unsigned char)l->s[i++]) != 0;
        if (i == w)
            continue;
        /* "21", "21st", "2019" */
        int number = digits && digits <= 4 && (digits == i - w || (digits <= 2 && i - w <= digits + 2));
        int month = !number && crier_lex_find(lex, CRIER_TAB_MONTHS, l->s + w, i - w) != NULL;
        if ((month && prev_number) || (number && prev_month))
            return 1;
        /* 2019-02-21, 21/12/2018, 21.12.2018 */
        if (digits == i - w && i + 1 < l->n && strchr("-/.", l->s[i]) &&
            isdigit((unsigned char)l->s[i + 1])) {
            size_t k = i + 1, parts = 1;
            while (k < l->n && (isdigit((unsigned char)l->s[k]) || l->s[k] == l->s[i]))
                parts += l->s[k++] == l->s[i];
            if (parts == 2 && k - w >= 8)
                return 1;
        }
        prev_number = number;
        prev_month = month;
    }
    return 0;
}

/* How many menu separators the line has: "|", "▪", "•", "·" between
 * spaces. */
static unsigned separators(const line *l)
{
    static const char *const SEPS[] = {"|", "\xE2\x96\xAA", "\xE2\x80\xA2", "\xC2\xB7"};
    unsigned n = 0;
    for (size_t i = 1; i + 1 < l->n; i++) {
        if (l->s[i - 1] != ' ')
            continue;
        for (size_t k = 0; k < CRIER_ARRAY_LEN(SEPS); k++) {
            size_t m = strlen(SEPS[k]);
            if (i + m < l->n && memcmp(l->s + i, SEPS[k], m) == 0 && l->s[i + m] == ' ')
                n++;
        }
    }
    return n;
}

/* A text browser's placeholder for an image, a frame or a form field:
 * "[IMG]", "[photo of ...]", "[ ] Show more". */
static int placeholder(const line *l)
{
    return l->n >= 2 && l->s[0] == '[' &&
           (l->s[l->n - 1] == ']' || memchr(l->s, ']', l->n) != NULL) &&
           (l->s[l->n - 1] == ']' || l->s[1] == ' ' || l->s[1] == ']');
}

enum { MAX_CAPTION = 600 }; /* bytes; longer lines are not captions */
static int caption_split(const crier_lexicon *lex, const line *l, size_t *cap, size_t *off,
                         size_t *len);
static size_t caption_label(const crier_lexicon *lex, const char *s, size_t n, int *strip);

/* True when the line is a boilerplate row of kind "image": a marker a
 * page prints where a picture is ("Image", "Photo"). */
static int image_marker(const crier_lexicon *lex, const line *l)
{
    const crier_lex_row *r =
        l->n < 40 ? crier_lex_find(lex, CRIER_TAB_BOILERPLATE, l->s, l->n) : NULL;
    return r && strcmp(r->cols[1], "image") == 0;
}

/* Measures and labels every line. */
static void classify(dump *d)
{
    int first = 1;
    for (size_t i = 0; i < d->n; i++) {
        line *l = &d->v[i];
        if (l->flags & L_BLANK)
            continue;
        count_words(l);
        /* lynx lists the page's <link rel="alternate"> first, after "#". */
        if (first && l->n > 1 && l->s[0] == '#' && l->s[1] != ' ')
            l->flags |= L_FURN;
        first = 0;
        int stop = 0;
        if (crier_is_boilerplate(d->lex, l->s, l->n, &stop))
            l->flags |= stop ? L_END | L_FURN : L_FURN;
        if (placeholder(l))
            l->flags |= L_IMAGE;
        if (separators(l) >= 3)
            l->flags |= L_FURN; /* a menu on one line: "News ▪ Sport ▪ Culture" */
        if (ends_sentence(l->s, l->n))
            l->flags |= L_SENTENCE;
        if (is_credit(d->lex, l->s, l->n))
            l->flags |= L_CREDIT;
        if (l->words <= 12 && crier_byline_prefix(d->lex, l->s, l->n))
            l->flags |= L_BYLINE;
        if (date_like(d->lex, l))
            l->flags |= L_DATE;
        size_t cap, off, len;
        int strip;
        if (caption_split(d->lex, l, &cap, &off, &len) || caption_label(d->lex, l->s, l->n, &strip))
            l->flags |= L_CAPTION;
        if (image_marker(d->lex, l)) {
            /* "Image", then its caption on the next line. */
            size_t k = i + 1;
            while (k < d->n && (d->v[k].flags & L_BLANK))
                k++;
            if (k < d->n && d->v[k].n <= MAX_CAPTION)
                d->v[k].flags |= L_CAPTION_NEXT;
        }
        if (l->flags & L_CAPTION_NEXT)
            l->flags |= L_CAPTION;
    }
}

/* How much a line is worth as article text: a sentence by its length, a
 * long line without a final stop by half of it, any other line (a menu
 * item, a link, a label) a small cost, furniture more, an end marker a
 * lot. */
static double value(const line *l)
{
    if (l->flags & L_BLANK)
        return 0;
    if (l->flags & L_END)
        return -40;
    if (l->flags & (L_FURN | L_IMAGE))
        return -6;
    double units = l->units < 60 ? l->units : 60, v;
    if (l->flags & L_SENTENCE)
        v = units - 6;
    else if (units >= 20)
        v = units * 0.5 - 6;
    else
        v = -2.5;
    if ((l->flags & (L_CREDIT | L_BYLINE | L_DATE)) && v > -2)
        v = -2;
    return v;
}

/* For pages with no prose (a changelog, a list of facts): a line of four
 * words or more is worth a little, shorter ones cost a little, so that
 * the longest list of real items wins over menus. */
static double list_value(const line *l)
{
    if (l->flags & (L_BLANK | L_END | L_FURN | L_IMAGE))
        return value(l);
    return l->units >= 4 ? 1 : -1.5;
}

/* The run of lines with the greatest total value (Kadane's algorithm):
 * [*a, *b]. Returns the total, 0 when no run has a positive one. */
static double best_run(dump *d, double (*worth)(const line *), size_t *a, size_t *b)
{
    double best = 0, cur = 0;
    size_t start = 0;
    int found = 0;
    for (size_t i = 0; i < d->n; i++) {
        d->v[i].v = worth(&d->v[i]);
        if (cur <= 0) {
            cur = 0;
            start = i;
        }
        cur += d->v[i].v;
        if (cur > best) {
            best = cur;
            *a = start;
            *b = i;
            found = 1;
        }
    }
    /* Start on the first line that counts, not a blank or a cost. */
    while (found && *a < *b && d->v[*a].v <= 0)
        (*a)++;
    return found ? best : 0;
}

/* ==== Neighbours ============================================================ */

/* See textdump.h. */
int crier_dump_same(const line *a, const line *b)
{
    return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* The non-blank line before i, or i when there is none. */
size_t crier_dump_prev(const dump *d, size_t i)
{
    for (size_t k = i; k-- > 0;)
        if (!(d->v[k].flags & L_BLANK))
            return k;
    return i;
}

/* The next non-blank line after i, or n. */
size_t crier_dump_next(const dump *d, size_t i)
{
    for (i++; i < d->n && (d->v[i].flags & L_BLANK); i++)
        ;
    return i < d->n ? i : d->n;
}

/* ==== Segments ============================================================= */

/* Adds a segment (nothing for empty text); OOM goes to d->oom. */
static void add(dump *d, crier_kind kind, const char *s, size_t n)
{
    if (n && crier_doc_add(d->doc, kind, s, n) < 0)
        d->oom = 1;
}

/* Adds a credit line, dropping a trailing "/ab" desk-initials tag
 * ("Source: Reuters/ec" is "Source: Reuters"). */
static void add_credit(dump *d, const char *s, size_t n)
{
    size_t k = n;
    while (k && islower((unsigned char)s[k - 1]))
        k--;
    if (k && k < n && n - k <= 4 && s[k - 1] == '/')
        n = k - 1;
    add(d, CRIER_KIND_CREDIT, s, n);
}

/* Whether a news agency named in credits.tsv ("AFP", "Getty Images")
 * appears in s as a whole word. */
static int has_agency(const crier_lexicon *lex, const char *s, size_t n)
{
    size_t count = crier_lex_count(lex, CRIER_TAB_CREDITS);
    for (size_t i = 0; i < count; i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_CREDITS, i);
        size_t k = strlen(r->cols[0]);
        if (strcmp(r->cols[1], "agency") != 0)
            continue;
        for (size_t j = 0; j + k <= n; j++)
            if (memcmp(s + j, r->cols[0], k) == 0 && (j == 0 || !isalnum((unsigned char)s[j - 1])) &&
                (j + k == n || !isalnum((unsigned char)s[j + k])))
                return 1;
    }
    return 0;
}

/* Length of a credit word glued to the name after it ("CreditJane Doe"),
 * once or twice, or 0. */
static size_t glued_credit(const crier_lexicon *lex, const char *s, size_t n)
{
    size_t count = crier_lex_count(lex, CRIER_TAB_CREDITS), at = 0;
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < count; i++) {
            const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_CREDITS, i);
            size_t k = strlen(r->cols[0]);
            if (k && r->cols[0][k - 1] == ':')
                k--;
            if (strcmp(r->cols[1], "credit") == 0 && at + k < n && k > 3 &&
                strncmp(s + at, r->cols[0], k) == 0 && isupper((unsigned char)s[at + k])) {
                at += k;
                again = 1;
                break;
            }
        }
    }
    return at;
}

/* A caption that carries its credit: "A man walks past a mural. (Photo:
 * REUTERS/...)", "... election. (Thomas Coex/AFP/Getty Images)", or
 * "Whale expert Hori Parata. Photograph: Adrian Malloch". Returns 1 and
 * the caption's length and the credit's offset and length; 0 when the
 * line is not one. */
static int caption_split(const crier_lexicon *lex, const line *l, size_t *cap, size_t *off,
                         size_t *len)
{
    const char *s = l->s;
    size_t n = l->n;
    if (n > MAX_CAPTION || n < 3)
        return 0;
    if (s[n - 1] == ')') {
        size_t open = n - 1;
        while (open > 0 && s[open] != '(')
            open--;
        size_t in = n - 2 - open;
        if (s[open] == '(' && open > 0 &&
            (is_credit(lex, s + open + 1, in) || has_agency(lex, s + open + 1, in))) {
            *cap = open;
            *off = open + 1;
            *len = in;
            goto found;
        }
    }
    /* A credit after the caption's last sentence, with a space or, where a
     * page hides the space, glued to it: "...underground.CreditJane Doe". */
    for (size_t i = 2; i + 2 < n; i++) {
        if (s[i - 1] == ' ' && (s[i - 2] == '.' || s[i - 2] == '|') &&
            is_credit(lex, s + i, n - i)) {
            *cap = i - 1;
            *off = i;
            *len = n - i;
            goto found;
        }
        size_t glued = s[i - 1] == '.' && isupper((unsigned char)s[i]) ? glued_credit(lex, s + i, n - i) : 0;
        if (glued) {
            *cap = i;
            *off = i + glued;
            *len = n - i - glued;
            goto found;
        }
    }
    return 0;
found:
    while (*cap && (s[*cap - 1] == ' ' || s[*cap - 1] == '|'))
        (*cap)--;
    return *cap > 0;
}

/* Adds a caption with its credit when the line is one (see above), or a
 * caption that starts with a label ("Media caption ..."). */
static int take_caption(dump *d, const line *l)
{
    size_t cap, off, len;
    int strip = 0;
    size_t label = l->flags & L_CAPTION ? caption_label(d->lex, l->s, l->n, &strip) : 0;
    if (label) {
        add(d, CRIER_KIND_CAPTION, l->s + (strip ? label : 0), l->n - (strip ? label : 0));
        return 1;
    }
    if (!(l->flags & L_CAPTION))
        return 0;
    if (!caption_split(d->lex, l, &cap, &off, &len)) {
        add(d, CRIER_KIND_CAPTION, l->s, l->n); /* the line after "Image" */
        return 1;
    }
    add(d, CRIER_KIND_CAPTION, l->s, cap);
    add_credit(d, l->s + off, len);
    return 1;
}

/* Length of a leading dateline: an upper-case place name (letters, spaces,
 * '/', ',', '.', '-') of at least three letters followed by ':' or a dash.
 * Returns the length of the name, and *rest the offset of the body text. */
static size_t dateline_len(const char *s, size_t n, size_t *rest)
{
    size_t i = 0, letters = 0;
    while (i < n && (isupper((unsigned char)s[i]) || strchr(" /,.'-", s[i]))) {
        letters += isupper((unsigned char)s[i]) != 0;
        i++;
    }
    size_t name = i;
    while (name && (s[name - 1] == ' ' || s[name - 1] == '-'))
        name--;
    if (letters < 3 || name == 0 || i >= n)
        return 0;
    size_t j = name;
    while (j < n && s[j] == ' ')
        j++;
    if (j < n && s[j] == ':')
        j++;
    else if (j + 1 < n && s[j] == '-' && s[j + 1] == ' ')
        j++;
    else if (j + 3 <= n && memcmp(s + j, "\xE2\x80\x94", 3) == 0)
        j += 3;
    else
        return 0;
    while (j < n && s[j] == ' ')
        j++;
    *rest = j;
    return name;
}

/* A byline, cut before what often follows it on the same line: a date, a
 * Twitter handle, a "|" or " - ". */
static void add_byline(dump *d, const line *l)
{
    size_t n = l->n;
    for (size_t i = 1; i < n; i++)
        if (l->s[i] == '@' || l->s[i] == '|' ||
            (l->s[i] == ' ' && i + 2 < n && l->s[i + 1] == '-' && l->s[i + 2] == ' ') ||
            (isdigit((unsigned char)l->s[i]) && l->s[i - 1] == ' ')) {
            n = i;
            break;
        }
    /* ... or before a month name: "by Jane Doe February 1". */
    for (size_t i = 1; i < n; i++)
        if (l->s[i - 1] == ' ' && isupper((unsigned char)l->s[i])) {
            size_t w = i;
            while (w < n && isalpha((unsigned char)l->s[w]))
                w++;
            const crier_lex_row *m = crier_lex_find(d->lex, CRIER_TAB_MONTHS, l->s + i, w - i);
            if (m && !(m->flags & CRIER_MONTH_WORD)) { /* "May" may be a name */
                n = i;
                break;
            }
        }
    if (crier_add_byline(d->doc, d->lex, l->s, n) < 0)
        d->oom = 1;
}

/* Lines between the headline and the body: standfirst, byline, dateline,
 * captions and credits. The rest (share buttons, kickers) is dropped. */
static void header_zone(dump *d, size_t h, size_t a)
{
    int standfirst = 0;
    for (size_t i = h + 1; i < a; i++) {
        const line *l = &d->v[i];
        if ((l->flags & (L_BLANK | L_FURN | L_IMAGE)) || crier_dump_same(l, &d->v[h]))
            continue;
        if (l->flags & L_CREDIT)
            add_credit(d, l->s, l->n);
        else if (l->flags & L_BYLINE)
            add_byline(d, l);
        else if (l->flags & L_DATE)
            add(d, CRIER_KIND_DATELINE, l->s, l->n);
        else if (take_caption(d, l))
            ;
        else if (!standfirst && l->units >= 8) {
            add(d, CRIER_KIND_STANDFIRST, l->s, l->n);
            standfirst = 1;
        }
    }
}

/* A subheading: short, not a sentence, and followed by prose. */
static int heading_like(const dump *d, size_t i)
{
    const line *l = &d->v[i];
    if ((l->flags & (L_SENTENCE | L_BULLET)) || l->units > 15)
        return 0;
    size_t k = crier_dump_next(d, i);
    return k < d->n && d->v[k].units >= 10 && !(d->v[k].flags & (L_FURN | L_END));
}

/* A menu-like line: a few words, not a sentence. */
static int menu_item(const line *l)
{
    return !(l->flags & (L_BLANK | L_SENTENCE)) && l->units <= 4;
}

/* Marks runs of three or more menu-like lines with no blank line between
 * them (a menu, a tag list, a video player's controls) as furniture. */
static void drop_menus(dump *d, size_t a, size_t b)
{
    for (size_t i = a; i <= b && i < d->n;) {
        size_t k = i;
        while (k <= b && k < d->n && menu_item(&d->v[k]))
            k++;
        for (size_t j = i; k - i >= 3 && j < k; j++)
            d->v[j].flags |= L_FURN;
        i = k > i ? k : i + 1;
    }
}

/* The body: lines a..b. */
static void body(dump *d, size_t h, size_t a, size_t b)
{
    int seen_para = 0;
    drop_menus(d, a, b);
    for (size_t i = a; i <= b && i < d->n; i++) {
        const line *l = &d->v[i];
        if ((l->flags & (L_BLANK | L_FURN | L_IMAGE)) || (h < d->n && crier_dump_same(l, &d->v[h])))
            continue;
        size_t rest = 0, dl = 0;
        if (l->flags & L_CREDIT)
            add_credit(d, l->s, l->n);
        else if (take_caption(d, l))
            ;
        else if ((l->flags & L_BYLINE) && !d->doc->byline)
            add_byline(d, l);
        else if (!seen_para && (dl = dateline_len(l->s, l->n, &rest)) > 0 && rest < l->n) {
            add(d, CRIER_KIND_DATELINE, l->s, dl);
            add(d, CRIER_KIND_PARAGRAPH, l->s + rest, l->n - rest);
            seen_para = 1;
        } else if (heading_like(d, i) && seen_para) {
            add(d, CRIER_KIND_HEADING, l->s, l->n);
        } else {
            add(d, CRIER_KIND_PARAGRAPH, l->s, l->n);
            seen_para = 1;
        }
    }
}

/* Credits just after the body: "Source: Reuters", "Reporting by ...". */
static void trailing_credits(dump *d, size_t b)
{
    for (size_t i = crier_dump_next(d, b), m = 0; i < d->n && m < 6; i = crier_dump_next(d, i), m++) {
        if (d->v[i].flags & L_END)
            break;
        if (d->v[i].flags & L_CREDIT)
            add_credit(d, d->v[i].s, d->v[i].n);
    }
}

/* True when the doc has a paragraph or a heading: something to read. */
static int has_body(const crier_doc *doc)
{
    for (size_t i = 0; i < doc->n; i++)
        if (doc->segs[i].kind == CRIER_KIND_PARAGRAPH || doc->segs[i].kind == CRIER_KIND_HEADING)
            return 1;
    return 0;
}

/* True when a line after i (up to b) has text that is not furniture. */
static int text_after(const dump *d, size_t i, size_t b)
{
    for (size_t k = i + 1; k <= b && k < d->n; k++)
        if (!(d->v[k].flags & (L_BLANK | L_FURN | L_IMAGE)))
            return 1;
    return 0;
}

/* Finds the body, the headline and the rest, and adds them to the doc. */
static void extract(dump *d)
{
    enum { SOME_PROSE = 20 }; /* a paragraph or two */
    size_t a = 0, b = 0;
    if (best_run(d, value, &a, &b) < SOME_PROSE && !best_run(d, list_value, &a, &b)) {
        /* No prose and no list: all of it is the body, but for the
         * furniture. */
        a = 0;
        b = d->n - 1;
    }
    size_t h = crier_dump_headline(d, a, b);
    if (h < d->n && h >= a && !text_after(d, h, d->n - 1))
        h = d->n; /* the only text there is: the body, not a headline */
    if (h < d->n) {
        add(d, CRIER_KIND_HEADLINE, d->v[h].s, d->v[h].n);
        if (!d->doc->title && crier_doc_set(&d->doc->title, d->v[h].s, d->v[h].n) < 0)
            d->oom = 1;
        if (h < a)
            header_zone(d, h, a);
        else
            a = h + 1;
    }
    body(d, h, a, b);
    trailing_credits(d, b);
    /* A body too short to find (a few lines, a list): all lines after the
     * headline, but for the furniture. */
    if (!has_body(d->doc))
        body(d, h, h < d->n ? h + 1 : 0, d->n - 1);
}

/* See segment.h. */
crier_status crier_extract_text(const char *text, size_t len, const crier_lexicon *lex,
                                crier_doc *doc, crier_error *err)
{
    dump d = {NULL, 0, lex, doc, 0};
    size_t ulen = 0;
    char *unwrapped = unwrap(text, len, &ulen);
    d.v = unwrapped ? split_lines(unwrapped, ulen, &d.n) : NULL;
    if (!d.v || count_dups(d.v, d.n) < 0) {
        free(d.v);
        free(unwrapped);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    classify(&d);
    if (d.n)
        extract(&d);
    free(d.v);
    free(unwrapped);
    return d.oom ? crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory") : CRIER_OK;
}

/* textmeta.c -- what stands around a text dump's body: captions with
 * their credits, credit lines, bylines and datelines.
 *
 * textdump.c decides which lines these are (its classify() and the zones
 * around the body); this file takes such a line apart and adds its pieces
 * to the document: "A man walks past a mural. (Photo: REUTERS/Jane Doe)"
 * is a caption and a credit, "by Jane Doe @jdoe February 1" a byline,
 * "LONDON: The bridge ..." a dateline and a paragraph. The words it knows
 * come from credits.tsv (credit prefixes and agencies), byline.tsv and
 * months.tsv. What a date line keeps as the dateline is textdate.c's. */
#include "doc.h"
#include "internal.h"
#include "textdump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

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

/* True for a credits.tsv row of a credit, a story's or a picture's. */
static int credit_row(const crier_lex_row *r)
{
    return strcmp(r->cols[1], "credit") == 0 || strcmp(r->cols[1], "photo") == 0;
}

/* See textdump.h. */
int crier_dump_is_credit(const crier_lexicon *lex, const char *s, size_t n)
{
    const crier_lex_row *r = credit_prefix(lex, s, n);
    return r && credit_row(r);
}

/* See textdump.h. */
int crier_dump_photo_credit(const crier_lexicon *lex, const char *s, size_t n)
{
    const crier_lex_row *r = credit_prefix(lex, s, n);
    return r && strcmp(r->cols[1], "photo") == 0;
}

/* See textdump.h. */
size_t crier_dump_caption_label(const crier_lexicon *lex, const char *s, size_t n, int *strip)
{
    const crier_lex_row *r = credit_prefix(lex, s, n);
    if (!r || strcmp(r->cols[1], "caption") != 0)
        return 0;
    *strip = (r->flags & CRIER_CREDIT_STRIP) != 0;
    size_t k = strlen(r->cols[0]);
    while (k < n && s[k] == ' ')
        k++;
    /* "Photo for post" and "Photo Essay" are not captions. */
    return k < n && !islower((unsigned char)s[k]) && memchr(s + k, ' ', n - k) ? k : 0;
}

/* See textdump.h. */
void crier_dump_add_credit(dump *d, const char *s, size_t n)
{
    size_t k = n;
    while (k && islower((unsigned char)s[k - 1]))
        k--;
    if (k && k < n && n - k <= 4 && s[k - 1] == '/')
        n = k - 1;
    crier_dump_add(d, CRIER_KIND_CREDIT, s, n);
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
            if (credit_row(r) && at + k < n && k > 3 &&
                strncmp(s + at, r->cols[0], k) == 0 && isupper((unsigned char)s[at + k])) {
                at += k;
                again = 1;
                break;
            }
        }
    }
    return at;
}

static int name_word(const char *s, size_t n);

/* Where a credit that ends the line without brackets starts, or 0: the
 * line ends with an agency's name, maybe after a photographer's:
 * "... on Thursday.Anthony Wallace / AFP - Getty Images" (the credit
 * starts after the stop), "... as they should be Getty Images". What is
 * left for the caption must be three words or more. */
static size_t trailing_agency(const crier_lexicon *lex, const char *s, size_t n)
{
    size_t count = crier_lex_count(lex, CRIER_TAB_CREDITS), at = 0;
    for (size_t i = 0; i < count && !at; i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_CREDITS, i);
        size_t k = strlen(r->cols[0]);
        if (strcmp(r->cols[1], "agency") == 0 && k < n && memcmp(s + n - k, r->cols[0], k) == 0 &&
            !isalnum((unsigned char)s[n - k - 1]))
            at = n - k;
    }
    /* Back over the names and separators before it, up to a stop. */
    for (unsigned words = 0; at && words < 6; words++) {
        size_t j = at;
        while (j && strchr(" /-|", s[j - 1]))
            j--;
        size_t w = j;
        while (w && s[w - 1] != ' ' && s[w - 1] != '.')
            w--;
        if (w == j || !name_word(s + w, j - w))
            break;
        at = w;
    }
    unsigned words = 0;
    for (size_t i = 0; i < at; i++)
        words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return words >= 3 ? at : 0;
}

/* See textdump.h. */
int crier_dump_caption_split(const crier_lexicon *lex, const line *l, size_t *cap, size_t *off,
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
            (crier_dump_is_credit(lex, s + open + 1, in) || has_agency(lex, s + open + 1, in))) {
            *cap = open;
            *off = open + 1;
            *len = in;
            goto found;
        }
    }
    /* A credit after the caption's last sentence, with a space or, where a
     * page hides the space, glued to it: "...underground.CreditJane Doe"
     * (or "... underground. CreditJane Doe", the word glued to the name). */
    for (size_t i = 2; i + 2 < n; i++) {
        if (s[i - 1] == ' ' && (s[i - 2] == '.' || s[i - 2] == '|')) {
            size_t word = crier_dump_is_credit(lex, s + i, n - i) ? 0 : glued_credit(lex, s + i, n - i);
            if (word || crier_dump_is_credit(lex, s + i, n - i)) {
                *cap = i - 1;
                *off = i + word;
                *len = n - i - word;
                goto found;
            }
        }
        size_t glued = s[i - 1] == '.' && isupper((unsigned char)s[i]) ? glued_credit(lex, s + i, n - i) : 0;
        if (glued) {
            *cap = i;
            *off = i + glued;
            *len = n - i - glued;
            goto found;
        }
    }
    size_t at = trailing_agency(lex, s, n);
    if (at) {
        *cap = at;
        *off = at;
        *len = n - at;
        goto found;
    }
    return 0;
found:
    while (*cap && (s[*cap - 1] == ' ' || s[*cap - 1] == '|' || s[*cap - 1] == '-'))
        (*cap)--;
    return *cap > 0;
}

/* See textdump.h. */
int crier_dump_take_caption(dump *d, const line *l)
{
    size_t cap, off, len;
    int strip = 0;
    size_t label = l->flags & L_CAPTION ? crier_dump_caption_label(d->lex, l->s, l->n, &strip) : 0;
    if (label) {
        /* "Photo A crowd in the square. CreditJo Lee": the caption after
         * the label may carry its credit. */
        line rest = {l->s + label, l->n - label, 0, 0, l->flags, 0, 0};
        if (strip && crier_dump_caption_split(d->lex, &rest, &cap, &off, &len)) {
            crier_dump_add(d, CRIER_KIND_CAPTION, rest.s, cap);
            crier_dump_add_credit(d, rest.s + off, len);
        } else {
            crier_dump_add(d, CRIER_KIND_CAPTION, l->s + (strip ? label : 0), l->n - (strip ? label : 0));
        }
        return 1;
    }
    if (!(l->flags & L_CAPTION))
        return 0;
    if (!crier_dump_caption_split(d->lex, l, &cap, &off, &len)) {
        if (!crier_dump_take_name_credit(d, l))
            crier_dump_add(d, CRIER_KIND_CAPTION, l->s, l->n); /* the line after "Image" */
        return 1;
    }
    /* "Image: Protesters in the square. Jo Lee / AFP": the label is
     * not said, the caption is introduced as one. */
    const crier_lex_row *r = credit_prefix(d->lex, l->s, cap);
    size_t from = r && credit_row(r) ? strlen(r->cols[0]) : 0;
    while (from < cap && l->s[from] == ' ')
        from++;
    crier_dump_add(d, CRIER_KIND_CAPTION, l->s + from, cap - from);
    crier_dump_add_credit(d, l->s + off, len);
    return 1;
}

/* Length of the dash or colon at s[j] that ends a dateline ("- ", an en
 * or em dash, ":"), or 0. */
static size_t dateline_mark(const char *s, size_t n, size_t j)
{
    if (j < n && s[j] == ':')
        return 1;
    if (j + 1 < n && s[j] == '-' && s[j + 1] == ' ')
        return 1;
    if (j + 3 <= n && (!memcmp(s + j, "\xE2\x80\x94", 3) || !memcmp(s + j, "\xE2\x80\x93", 3)))
        return 3;
    return 0;
}

/* A dateline with the news agency's name in brackets: "LONDON (AP) —",
 * "PORTLAND, Maine (Reuters) -", or the agency alone, "(AP) —". The
 * place starts with a word in capitals; the brackets hold a name (a
 * capital first, no digits, no brackets inside), and a dash or a colon
 * follows them. Returns the length of the place and agency, or 0. */
static size_t agency_dateline(const char *s, size_t n, size_t *rest)
{
    enum { PLACE_MAX = 40, AGENCY_MAX = 24 }; /* bytes */
    const char *p = memchr(s, '(', n < PLACE_MAX ? n : PLACE_MAX);
    if (!p)
        return 0;
    size_t o = (size_t)(p - s), c = o + 1, w = 0;
    while (w < o && isupper((unsigned char)s[w]))
        w++;
    if (o > 0 && (w < 3 || !strchr(" ,.'-", s[w]))) /* "LONDON", not "London" */
        return 0;
    for (size_t k = 0; k < o; k++)
        if (isdigit((unsigned char)s[k]))
            return 0; /* a place has no figures */
    if (c >= n || !isupper((unsigned char)s[c]))
        return 0;
    while (c < n && c - o <= AGENCY_MAX && s[c] != ')' && s[c] != '(' && !isdigit((unsigned char)s[c]))
        c++;
    if (c >= n || s[c] != ')')
        return 0;
    size_t j = c + 1;
    while (j < n && s[j] == ' ')
        j++;
    size_t m = dateline_mark(s, n, j);
    if (!m)
        return 0;
    for (j += m; j < n && s[j] == ' ';)
        j++;
    *rest = j;
    return c + 1;
}

/* See textdump.h. */
size_t crier_dump_dateline_len(const char *s, size_t n, size_t *rest)
{
    size_t agency = agency_dateline(s, n, rest);
    if (agency)
        return agency;
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

/* True when s[i..] starts " - ", " – ", " — ", " • " or " · ": a dash
 * or a bullet between spaces, which parts a byline from what follows
 * it. */
static int spaced_dash(const char *s, size_t n, size_t i)
{
    if (s[i] != ' ' || i + 2 >= n)
        return 0;
    if (s[i + 1] == '-')
        return s[i + 2] == ' ';
    if (i + 3 < n && !memcmp(s + i + 1, "\xC2\xB7", 2)) /* a middle dot */
        return s[i + 3] == ' ';
    return i + 4 < n &&
           (!memcmp(s + i + 1, "\xE2\x80\x93", 3) || !memcmp(s + i + 1, "\xE2\x80\x94", 3) ||
            !memcmp(s + i + 1, "\xE2\x80\xA2", 3)) &&
           s[i + 4] == ' ';
}

/* See textdump.h. */
size_t crier_dump_add_byline(dump *d, const line *l)
{
    size_t n = l->n;
    if (l->words > 12 && memchr(l->s, ',', n)) /* "By Jane Doe, a deputy editor ..." */
        n = (size_t)((const char *)memchr(l->s, ',', n) - l->s);
    /* A digit ends the name, after a space or glued to it where the page
     * hid the space: "by Jo Lee22 Dec 2016". */
    for (size_t i = 1; i < n; i++)
        if (l->s[i] == '@' || l->s[i] == '|' ||
            spaced_dash(l->s, n, i) ||
            (isdigit((unsigned char)l->s[i]) && (l->s[i - 1] == ' ' || isalpha((unsigned char)l->s[i - 1])))) {
            n = i;
            break;
        }
    /* ... or before a month name: "by Jane Doe February 1", "by Jo May
     * March 18" (a month that is also a word needs its day after it). */
    for (size_t i = 1; i < n; i++)
        if (l->s[i - 1] == ' ' && isupper((unsigned char)l->s[i])) {
            size_t w = i;
            while (w < n && isalpha((unsigned char)l->s[w]))
                w++;
            const crier_lex_row *m = crier_lex_find(d->lex, CRIER_TAB_MONTHS, l->s + i, w - i);
            int day = w + 1 < l->n && l->s[w] == ' ' && isdigit((unsigned char)l->s[w + 1]);
            if (m && (!(m->flags & CRIER_MONTH_WORD) || day)) { /* "May" may be a name */
                n = i;
                break;
            }
        }
    n = crier_dump_byline_tail(d->lex, l->s, n, n < l->n);
    if (crier_add_byline(d->doc, d->lex, l->s, n) < 0)
        d->oom = 1;
    return n;
}


/* ==== Bylines without a "By" ============================================== */

/* True when the word at s[0..n) could be part of a person's name: it
 * starts with a capital letter and goes on with letters, and '.', '-' or
 * an apostrophe ("D.", "O'Neil", "Ainge-Roy"). */
static int name_word(const char *s, size_t n)
{
    size_t len;
    utf8proc_int32_t c;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c) <= 0 ||
        utf8proc_category(c) != UTF8PROC_CATEGORY_LU)
        return 0;
    for (size_t i = 0; i < n; i += len) {
        len = 1;
        if ((unsigned char)s[i] >= 0x80) {
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &c);
            if (k <= 0)
                return 0;
            len = (size_t)k;
            if (c == 0x2019) /* ’ */
                continue;
            utf8proc_category_t cat = utf8proc_category(c);
            if (cat != UTF8PROC_CATEGORY_LU && cat != UTF8PROC_CATEGORY_LL)
                return 0;
        } else if (!isalpha((unsigned char)s[i]) && !strchr(".-'", s[i])) {
            return 0;
        } else if (i >= 3 && isupper((unsigned char)s[i]) && islower((unsigned char)s[i - 1]) &&
                   islower((unsigned char)s[i - 2]) && islower((unsigned char)s[i - 3])) {
            return 0; /* two words glued: "FinanceOctober" (but "McDonald") */
        }
    }
    return 1;
}

/* True when s[0..n) is the whole name of a news agency ("Associated
 * Press"), which signs a story but is not a person's name. */
static int agency_name(const crier_lexicon *lex, const char *s, size_t n)
{
    size_t count = crier_lex_count(lex, CRIER_TAB_CREDITS);
    for (size_t i = 0; i < count; i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_CREDITS, i);
        if (strcmp(r->cols[1], "agency") == 0 && strlen(r->cols[0]) == n &&
            strncasecmp(s, r->cols[0], n) == 0)
            return 1;
    }
    return 0;
}

/* True when s[0..n) is a writer's job: up to four words with capitals,
 * the last a "role" of byline.tsv ("Staff Writer", "Senior Political
 * Correspondent"), or a news agency ("Reuters"). */
static int job(const crier_lexicon *lex, const char *s, size_t n)
{
    size_t w = n, words = 1;
    while (w && s[w - 1] != ' ')
        w--;
    for (size_t i = 0; i < n; i++)
        words += s[i] == ' ';
    const crier_lex_row *r = crier_lex_find(lex, CRIER_TAB_BYLINE, s + w, n - w);
    return (words <= 4 && isupper((unsigned char)s[0]) && r && (r->flags & CRIER_BYLINE_ROLE)) ||
           agency_name(lex, s, n);
}

/* True when what follows a name on its line says when or who: a date or
 * a time ("Apr 16, 2015", "1 day ago", "8h"), a handle ("@jdoe"), or the
 * writer's job ("Staff Writer"). */
static int name_tail(const crier_lexicon *lex, const char *s, size_t n)
{
    if (!n || s[0] == '@' || job(lex, s, n))
        return 1;
    if (isdigit((unsigned char)s[0])) { /* "8h", "1 day ago", "9/11/13", "2016"; not "2" */
        size_t d = 0;
        while (d < n && isdigit((unsigned char)s[d]))
            d++;
        return d < n || d == 4;
    }
    size_t w = 0;
    while (w < n && isalpha((unsigned char)s[w]))
        w++;
    return w && (crier_lex_find(lex, CRIER_TAB_MONTHS, s, w) ||
                 crier_lex_find(lex, CRIER_TAB_WEEKDAYS, s, w));
}

/* True when the word s[0..w) is a month with a day after it: "March 9",
 * where a name stops ("Jo Lee March 9, 2017"). */
static int month_day(const crier_lexicon *lex, const char *s, size_t w, size_t n)
{
    return w + 1 < n && s[w] == ' ' && isdigit((unsigned char)s[w + 1]) &&
           crier_lex_find(lex, CRIER_TAB_MONTHS, s, w) != NULL;
}

/* See textdump.h. */
size_t crier_dump_name_len(const crier_lexicon *lex, const line *l, size_t *rest)
{
    const char *s = l->s;
    size_t n = l->n, i = 0, end = 0;
    unsigned words = 0;
    while (i < n && words < 5) {
        size_t w = i;
        while (w < n && s[w] != ' ' && s[w] != ',')
            w++;
        if (!name_word(s + i, w - i) || month_day(lex, s + i, w - i, n - i))
            break;
        words++;
        end = w;
        for (i = w; i < n && s[i] == ' ';)
            i++;
    }
    if (words < 2 || words > 4 || agency_name(lex, s, end))
        return 0;
    /* What separates the name from a date or a handle after it. */
    static const char *const SEPS[] = {"-", ",", "|", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\x94"};
    size_t j = end;
    for (int again = 1; again;) {
        again = 0;
        while (j < n && s[j] == ' ')
            j++;
        for (size_t k = 0; k < CRIER_ARRAY_LEN(SEPS); k++) {
            size_t m = strlen(SEPS[k]);
            if (j + m <= n && memcmp(s + j, SEPS[k], m) == 0) {
                j += m;
                again = 1;
            }
        }
    }
    if (!name_tail(lex, s + j, n - j))
        return 0;
    *rest = j;
    return end;
}

/* ==== Byline lines and the header's bylines ============================= */

/* A byline: "By" (byline.tsv) and a name, on a short line, or on a long
 * one when a comma or a "|" follows the name ("By Jane Doe, a deputy
 * editor who has covered ..."). "By the end of the year, ..." is not. */
int crier_dump_byline_line(const crier_lexicon *lex, const line *l)
{
    size_t k = crier_byline_prefix(lex, l->s, l->n);
    if (!k || l->words <= 12)
        return k != 0;
    while (k < l->n && (l->s[k] == ' ' || l->s[k] == ':'))
        k++;
    line name = {l->s + k, l->n - k, 0, 0, 0, 0, 0};
    const char *stop = memchr(name.s, ',', name.n);
    if (!stop)
        stop = memchr(name.s, '|', name.n);
    size_t rest;
    name.n = stop ? (size_t)(stop - name.s) : 0;
    return name.n && crier_dump_name_len(lex, &name, &rest) == name.n;
}

static int uncommon_word(const crier_lexicon *lex, const char *s, size_t n);

/* Where a name alone starts after a date and a "|", "·" or "•" between
 * spaces, the last part of its line: "March 3, 2024 | Jane Doe", as
 * "Jane Doe | March 3, 2024" the other way round. The name has a word
 * that is not a common one ("World News" is a section). 0 when the line
 * is not one. */
static size_t name_after_date(const crier_lexicon *lex, const line *l)
{
    static const char *const SEPS[] = {" | ", " \xC2\xB7 ", " \xE2\x80\xA2 "};
    const char *s = l->s;
    size_t at = 0, sep = 0, rest;
    for (size_t i = 1; i < l->n; i++)
        for (size_t k = 0; k < CRIER_ARRAY_LEN(SEPS); k++)
            if (l->n - i > strlen(SEPS[k]) && !memcmp(s + i, SEPS[k], strlen(SEPS[k]))) {
                sep = i;
                at = i + strlen(SEPS[k]);
            }
    if (!at)
        return 0;
    line name = {s + at, l->n - at, 0, 0, 0, 0, 0}, before = {s, sep, 0, 0, 0, 0, 0};
    crier_dump_count_words(&name);
    crier_dump_count_words(&before);
    if (crier_dump_name_len(lex, &name, &rest) != name.n || rest != name.n ||
        !uncommon_word(lex, name.s, name.n) || !crier_dump_date_like(lex, &before))
        return 0;
    return at;
}

/* Where a byline starts on a line of parts split by " | ", after the
 * first: "The Daily Example | 4 May 2015 | By Jane Doe" (the site, the
 * date and the byline on one line), or after a date that ends with a
 * number ("on March 10, 2015 by Jane Doe"). A part that starts with a byline prefix and a capital
 * letter is one, and so is a name alone after a date (name_after_date()).
 * 0 when there is none. */
size_t crier_dump_byline_part(const crier_lexicon *lex, const line *l)
{
    enum { MAX_WORDS = 40 };
    const char *s = l->s;
    if (l->words > MAX_WORDS)
        return 0;
    for (size_t i = 1; i + 3 < l->n; i++) {
        if (s[i - 1] != ' ' || s[i] != '|' || s[i + 1] != ' ')
            continue;
        size_t k = i + 2, p = crier_byline_prefix(lex, s + k, l->n - k), j = k + p;
        while (j < l->n && (s[j] == ' ' || s[j] == ':'))
            j++;
        if (p && j < l->n && isupper((unsigned char)s[j]))
            return k;
    }
    /* ... or after a date that ends with its year: "on March 10, 2015 by
     * Jane Doe". */
    for (size_t i = 2; i < l->n; i++) {
        if (s[i - 1] != ' ' || !isdigit((unsigned char)s[i - 2]) || !isalpha((unsigned char)s[i]))
            continue;
        size_t p = crier_byline_prefix(lex, s + i, l->n - i), j = i + p;
        while (p && j < l->n && (s[j] == ' ' || s[j] == ':'))
            j++;
        if (!p || j >= l->n || !isupper((unsigned char)s[j]))
            continue;
        line before = {s, i - 1, 0, 0, 0, 0, 0};
        crier_dump_count_words(&before);
        if (crier_dump_date_like(lex, &before))
            return i;
    }
    return name_after_date(lex, l);
}

/* True when a line of the page says "By" and the name s[0..n): a name
 * alone under the headline is its author when the page signs with it
 * elsewhere ("Written by Jane Doe" in a list of her stories). */
static int signed_elsewhere(const dump *d, const char *s, size_t n)
{
    for (size_t i = 0; i < d->n; i++) {
        const line *l = &d->v[i];
        if (!(l->flags & L_BYLINE))
            continue;
        size_t k = crier_byline_prefix(d->lex, l->s, l->n);
        while (k < l->n && (l->s[k] == ' ' || l->s[k] == ':'))
            k++;
        if (k + n <= l->n && memcmp(l->s + k, s, n) == 0 &&
            (k + n == l->n || !isalpha((unsigned char)l->s[k + n])))
            return 1;
    }
    return 0;
}

/* True when one word of the name at s[0..n) is not a common English
 * word (words.tsv): "Older Article" and "World News" are labels, "Jane
 * Doe" may be a person. */
static int uncommon_word(const crier_lexicon *lex, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        while (i < n && !isalpha((unsigned char)s[i]) && (unsigned char)s[i] < 0x80)
            i++;
        size_t w = i;
        while (i < n && (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
            i++;
        if (i > w && !crier_lex_find(lex, CRIER_TAB_WORDS, s + w, i - w))
            return 1;
    }
    return 0;
}

/* A byline without "By" among NEAR lines of text from line `from` on
 * (before line `to`): a name with a date, a time or a handle on its line,
 * else a name alone on its line above a date or a time stamp (maybe with
 * a short line between: "Games Editor") or signed with "By" elsewhere on
 * the page; a name alone has a word that is not a common one. Returns its
 * line (the first such, or the last when `last` is set) and sets *rest
 * (see crier_dump_name_len()); d->n when there is none, and *by when a
 * byline that says "By" comes first. An end marker ("You may also like")
 * ends the search: other stories follow it. */
static size_t name_in(const dump *d, size_t from, size_t to, int last, size_t *rest, int *by)
{
    enum { NEAR = 8 }; /* lines of text */
    size_t found = d->n, alone = d->n;
    unsigned seen = 0;
    for (size_t i = from; i < to && i < d->n && seen < NEAR && (last || found == d->n); i++) {
        const line *l = &d->v[i];
        size_t r = 0;
        if (l->flags & (L_BYLINE | L_END)) {
            *by = (l->flags & L_BYLINE) != 0;
            break;
        }
        if (l->flags & (L_BLANK | L_FURN | L_IMAGE))
            continue;
        seen++;
        if ((l->flags & (L_CAPTION | L_CREDIT)) || !crier_dump_name_len(d->lex, l, &r))
            continue;
        if (r < l->n) {
            found = i;
            *rest = r;
            continue;
        }
        size_t k = crier_dump_next(d, i);
        if (k < d->n && !(d->v[k].flags & (L_DATE | L_STAMP)) && d->v[k].units <= 3)
            k = crier_dump_next(d, k);
        if ((last || alone == d->n) && uncommon_word(d->lex, l->s, l->n) &&
            ((k < d->n && (d->v[k].flags & (L_DATE | L_STAMP))) || signed_elsewhere(d, l->s, l->n)))
            alone = i;
    }
    if (found < d->n && (!last || alone == d->n || found > alone))
        return found;
    if (alone < d->n)
        *rest = d->v[alone].n;
    return alone;
}

/* The line `count` lines of text before line `end`, but not before
 * `floor`. */
static size_t text_before(const dump *d, size_t end, unsigned count, size_t floor)
{
    size_t k = end;
    for (unsigned m = 0; m < count && k > floor;) {
        k--;
        m += !(d->v[k].flags & L_BLANK);
    }
    return k;
}

/* See textdump.h. A byline without "By" is looked for under the
 * headline, then just above the body (a header with kickers and share
 * buttons), then just above the headline, or above its first copy when
 * the page prints it twice (some pages sign first), then under a copy
 * printed further up. */
size_t crier_dump_name_byline(const dump *d, size_t h, size_t a, size_t *rest)
{
    enum { NEAR = 8, TWICE = 12, FAR = 60 }; /* lines */
    int by = 0;
    size_t i = name_in(d, h + 1, a, 0, rest, &by), top = h;
    if (i == d->n && !by)
        i = name_in(d, text_before(d, a, NEAR, h + 1), a, 1, rest, &by);
    for (size_t k = h > TWICE ? h - TWICE : 0; k < h && top == h; k++)
        if (crier_dump_same(&d->v[k], &d->v[h]))
            top = k;
    if (i == d->n && !by)
        i = name_in(d, text_before(d, top, NEAR, 0), top, 1, rest, &by);
    /* A copy further up, the page's own header over a list of tags and
     * buttons, may have the name under it. */
    for (size_t k = h > FAR ? h - FAR : 0; i == d->n && !by && k < top; k++)
        if (crier_dump_same(&d->v[k], &d->v[h]))
            i = name_in(d, k + 1, top, 0, rest, &by);
    return by ? d->n : i;
}

/* Adds the byline of crier_dump_name_byline(): "By" and the name, then what follows
 * it on the line, when it is a date ("8h" and "@jdoe" are not), as the
 * dateline. */
void crier_dump_add_name_byline(dump *d, const line *l, size_t rest)
{
    size_t end = 0;
    line name = *l;
    name.n = crier_dump_name_len(d->lex, l, &end);
    crier_dump_add_byline(d, &name);
    line when = {l->s + rest, l->n - rest, 0, 0, 0, 0, 0};
    crier_dump_count_words(&when);
    if (rest < l->n && crier_dump_date_like(d->lex, &when))
        crier_dump_add_dateline(d, when.s, when.n);
}

/* A byline in the last parts of a line split by " | " (see
 * crier_dump_byline_part()), from `at`: the byline, and the first part before it
 * that is a date, as the dateline. */
static void add_byline_part(dump *d, const line *l, size_t at)
{
    const char *s = l->s;
    line by = {s + at, l->n - at, 0, 0, 0, 0, 0};
    crier_dump_count_words(&by);
    crier_dump_add_byline(d, &by);
    size_t end = at;
    while (end && (s[end - 1] == ' ' || s[end - 1] == '|'))
        end--;
    for (size_t i = 0, j; i < end; i = j + 3) {
        for (j = i; j < end && !(j + 3 <= end && memcmp(s + j, " | ", 3) == 0); j++)
            ;
        line part = {s + i, j - i, 0, 0, 0, 0, 0};
        crier_dump_count_words(&part);
        if (crier_dump_date_like(d->lex, &part)) {
            crier_dump_add_dateline(d, part.s, part.n);
            return;
        }
    }
}

/* A byline line ("By Jane Doe — 12 March 2024"): the byline, and what
 * follows it on the line, when that is a date, as the dateline. */
void crier_dump_add_byline_line(dump *d, const line *l)
{
    size_t at = crier_dump_byline_part(d->lex, l);
    if (at) {
        add_byline_part(d, l, at);
        return;
    }
    size_t k = crier_dump_add_byline(d, l);
    for (;;) { /* the dash, the "|", the bullet between them */
        if (k < l->n && strchr(" -|,:", l->s[k]))
            k++;
        else if (k + 2 < l->n && (unsigned char)l->s[k] == 0xE2 && (unsigned char)l->s[k + 1] == 0x80)
            k += 3; /* U+2000..U+203F: dashes, bullets */
        else if (k < l->n && l->s[k] == '@')
            while (k < l->n && l->s[k] != ' ')
                k++; /* the author's handle */
        else
            break;
    }
    line when = {l->s + k, l->n - k, 0, 0, 0, 0, 0};
    crier_dump_count_words(&when);
    if (k < l->n && crier_dump_date_like(d->lex, &when))
        crier_dump_add_dateline(d, when.s, when.n);
}

/* ==== Captions found from their neighbours ================================ */

/* True when lines a and b share a word of four letters or more (in
 * ASCII letters, any case): a caption names what its picture's alt text
 * names ("The PlayStation VR" over "Sony's PlayStation VR."). Both lines
 * are a caption's length, so comparing each word with each is cheap. */
static int shared_word(const line *a, const line *b)
{
    enum { MIN_LETTERS = 4, MAX_BYTES = 400 };
    if (a->n > MAX_BYTES || b->n > MAX_BYTES)
        return 0;
    for (size_t i = 0; i < a->n;) {
        size_t w = i;
        while (i < a->n && isalpha((unsigned char)a->s[i]))
            i++;
        for (size_t j = 0; i - w >= MIN_LETTERS && j < b->n;) {
            size_t v = j;
            while (j < b->n && isalpha((unsigned char)b->s[j]))
                j++;
            if (j - v == i - w && strncasecmp(a->s + w, b->s + v, i - w) == 0)
                return 1;
            j += j == v;
        }
        i += i == w;
    }
    return 0;
}

/* A text browser prints a picture as its alt text and title, the same
 * words twice on one line (see doubled()), and its caption right under
 * it, with no blank line between: that line is the caption when it reads
 * like one, a sentence of three words or more or a line of eight, and is
 * not too long. A list item under a link printed twice is another link.
 * w3m glues the two copies ("A quay.A quay.") and puts a blank line or two
 * before the caption. */
void crier_dump_caption_under(dump *d, size_t i, int glued)
{
    enum { MIN_SENTENCE = 3, MIN_WORDS = 8, MAX_WORDS = 40, W3M_BLANKS = 2 };
    const line *alt = &d->v[i];
    for (int k = 0; glued && k < W3M_BLANKS && i + 1 < d->n && d->v[i + 1].n == 0; k++)
        i++;
    if (alt != &d->v[i] && (i + 1 >= d->n || !shared_word(alt, &d->v[i + 1])))
        return; /* after a blank line, a paragraph unless it speaks of the picture */
    if (i + 1 >= d->n || (d->v[i + 1].flags & (L_BLANK | L_BULLET)) || d->v[i + 1].n > MAX_CAPTION)
        return;
    line next = d->v[i + 1];
    crier_dump_count_words(&next);
    if (next.words <= MAX_WORDS &&
        (next.words >= MIN_WORDS || (next.words >= MIN_SENTENCE && crier_dump_ends_sentence(next.s, next.n))))
        d->v[i + 1].flags |= L_CAPTION_NEXT;
}

/* A picture's alt text often stands just above its caption, the same
 * words without the credit: "Workers at the port." over "Workers at the
 * port. Photo: Jane Doe", or the start of them where the page cut the
 * alt text short. It is a caption too, not a headline or a paragraph. `cap` is the caption's length in line i. */
void crier_dump_alt_text(dump *d, size_t i, size_t cap)
{
    const char *s = d->v[i].s;
    while (cap && s[cap - 1] == ' ')
        cap--;
    for (size_t k = i, m = 0; m < 2; m++) {
        size_t p = crier_dump_prev(d, k);
        if (p == k)
            return;
        size_t n = d->v[p].n;
        if ((n == cap || (n >= 20 && n < cap)) && memcmp(d->v[p].s, s, n) == 0) {
            d->v[p].flags |= L_CAPTION;
            return;
        }
        k = p;
    }
}

/* A photo credit on line i: the line right above it (no blank line
 * between), when it reads like a caption (a sentence of three words or
 * more, or eight words) and is not too long, is its picture's caption ("Pickers at work on Monday." over "Photo: Jane
 * Doe"); a credit with no caption above it is the picture's only caption
 * ("Photo by Jane Doe"), as a <figcaption> that holds only a credit is. */
void crier_dump_photo_caption(dump *d, size_t i)
{
    enum { MIN_SENTENCE = 3, MIN_WORDS = 8, MAX_WORDS = 40 };
    line *p = i ? &d->v[i - 1] : NULL;
    if (p && !(p->flags & (L_BLANK | L_FURN | L_IMAGE | L_BYLINE | L_DATE | L_CREDIT | L_END)) &&
        p->words <= MAX_WORDS && p->n <= MAX_CAPTION &&
        (p->words >= MIN_WORDS || (p->words >= MIN_SENTENCE && (p->flags & L_SENTENCE))))
        p->flags |= L_CAPTION;
    if (!p || !(p->flags & L_CAPTION))
        d->v[i].flags = (d->v[i].flags | L_CAPTION) & ~(unsigned)L_CREDIT;
}

/* ---- A picture's alt text over its caption in other words ------------- */

enum { REWORD_WORDS = 96 }; /* words compared per line, at most */

/* The hashes of a line's words (runs of letters and digits of three bytes
 * or more, lower-cased) into h; returns how many. */
static size_t word_hashes(const line *l, unsigned long long *h)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n && n < REWORD_WORDS;) {
        unsigned char c = (unsigned char)l->s[i];
        if (!(isalnum(c) || c >= 0x80)) {
            i++;
            continue;
        }
        unsigned long long x = 1469598103934665603ull;
        size_t w = i;
        while (i < l->n && (isalnum((unsigned char)l->s[i]) || (unsigned char)l->s[i] >= 0x80))
            x = (x ^ (unsigned char)tolower((unsigned char)l->s[i++])) * 1099511628211ull;
        if (i - w >= 3)
            h[n++] = x;
    }
    return n;
}

/* True when two lines say the same in other words: most of the words of
 * each are in the other (four in five), and they are not the same text. */
static int reworded(const line *a, const line *b)
{
    unsigned long long ha[REWORD_WORDS], hb[REWORD_WORDS];
    size_t na = word_hashes(a, ha), nb = word_hashes(b, hb);
    if (na < 6 || nb < 6 || crier_dump_same(a, b))
        return 0;
    size_t in_b = 0, in_a = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t k = 0; k < nb; k++)
            if (ha[i] == hb[k]) {
                in_b++;
                break;
            }
    for (size_t k = 0; k < nb; k++)
        for (size_t i = 0; i < na; i++)
            if (ha[i] == hb[k]) {
                in_a++;
                break;
            }
    return in_b * 5 >= na * 4 && in_a * 5 >= nb * 4;
}

/* See textdump.h. */
void crier_dump_alt_captions(dump *d)
{
    for (size_t i = 0; i < d->n; i++) {
        line *a = &d->v[i];
        size_t k = crier_dump_next(d, i);
        if (k >= d->n || k > i + 2 || (a->flags & L_BLANK) || a->n > MAX_CAPTION)
            continue;
        line *b = &d->v[k];
        if (!((a->flags ^ b->flags) & L_BULLET) || b->n > MAX_CAPTION || !reworded(a, b))
            continue;
        line *alt = a->flags & L_BULLET ? b : a, *cap = a->flags & L_BULLET ? a : b;
        alt->flags |= L_IMAGE;
        cap->flags |= L_CAPTION;
        i = k;
    }
}

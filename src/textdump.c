/* textdump.c -- stage 1a: finds the article in a plain-text dump of a page.
 *
 * In: clean text as a browser gives it on "select all, copy", or as a text
 * browser dumps it: menus, banners, the headline (often twice), captions,
 * the body, credits, related links. Out: crier_doc segments in page order;
 * segment.c then orders them for listening.
 *
 * The approach is line classification from structural cues plus the
 * lexicon: a line is dropped when the boilerplate table says it is page
 * furniture; the headline is the first title-like line (repeated, or
 * followed by prose); lines before it are menus; captions and credits are
 * recognised by the prefixes in credits.tsv; a leading ALL-CAPS place name
 * followed by a colon or dash is the dateline. */
#include "buf.h"
#include "internal.h"
#include "segment.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct line {
    const char *s;
    size_t n;
    int dup;      /* times this exact text occurs in the page */
    int dropped;  /* boilerplate or consumed */
} line;

/* ==== Line helpers ======================================================= */

static size_t word_count(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\t';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* True when the line ends like a sentence (after closing quotes). */
static int ends_sentence(const char *s, size_t n)
{
    while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')'))
        n--;
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
        ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
        n -= 3; /* closing curly quote */
    return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?' || s[n - 1] == ':');
}

/* Prose: a line long enough and punctuated like running text. */
static int is_prose(const line *l)
{
    return word_count(l->s, l->n) >= 12 && ends_sentence(l->s, l->n);
}

static int is_title_like(const line *l)
{
    size_t w = word_count(l->s, l->n);
    return w >= 3 && w <= 30 && !(l->n && l->s[l->n - 1] == '.');
}

/* Splits the text into trimmed lines; blank lines are kept as empty. */
static line *split_lines(const char *text, size_t len, size_t *count)
{
    size_t cap = 64, n = 0;
    line *v = malloc(cap * sizeof *v);
    for (size_t i = 0; v && i <= len;) {
        const char *eol = memchr(text + i, '\n', len - i);
        size_t end = eol ? (size_t)(eol - text) : len;
        size_t a = i, b = end;
        while (a < b && isspace((unsigned char)text[a]))
            a++;
        while (b > a && isspace((unsigned char)text[b - 1]))
            b--;
        if (n == cap) {
            line *w = realloc(v, (cap *= 2) * sizeof *v);
            if (!w) {
                free(v);
                return NULL;
            }
            v = w;
        }
        v[n++] = (line){text + a, b - a, 0, 0};
        if (!eol)
            break;
        i = end + 1;
    }
    *count = n;
    return v;
}

/* Counts exact repeats. Quadratic in the number of distinct short lines
 * at worst, so it only looks at the first 400 lines (where headlines are). */
static void count_dups(line *v, size_t n)
{
    size_t lim = n < 400 ? n : 400;
    for (size_t i = 0; i < lim; i++) {
        if (!v[i].n)
            continue;
        for (size_t j = 0; j < lim; j++)
            if (v[j].n == v[i].n && memcmp(v[j].s, v[i].s, v[i].n) == 0)
                v[i].dup++;
    }
}

/* ==== Credits, captions, datelines ======================================= */

/* Matches the start of a line against the credits table. Returns the row,
 * or NULL. */
static const crier_lex_row *credit_prefix(const crier_lexicon *lex, const char *s, size_t n)
{
    size_t count = crier_lex_count(lex, CRIER_TAB_CREDITS);
    for (size_t i = 0; i < count; i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_CREDITS, i);
        size_t k = strlen(r->cols[0]);
        if (k < n && strncasecmp(s, r->cols[0], k) == 0 &&
            (s[k] == ' ' || r->cols[0][k - 1] == ':'))
            return r;
    }
    return NULL;
}

/* Adds a credit line, dropping a trailing "/ab" desk-initials tag
 * ("Source: Reuters/ec" is "Source: Reuters"). */
static int add_credit(crier_doc *doc, const char *s, size_t n)
{
    size_t k = n;
    while (k && islower((unsigned char)s[k - 1]))
        k--;
    if (k && k < n && n - k <= 4 && s[k - 1] == '/')
        n = k - 1;
    return crier_doc_add(doc, CRIER_KIND_CREDIT, s, n);
}

/* A caption line that ends in a parenthesised credit, "(Photo: ...)",
 * becomes a caption and a credit. Returns 1 when the line was handled. */
static int take_caption(const crier_lexicon *lex, crier_doc *doc, const line *l, int *oom)
{
    const char *open = NULL;
    for (size_t i = l->n; i-- > 0;)
        if (l->s[i] == '(') {
            open = l->s + i;
            break;
        }
    if (!open || l->s[l->n - 1] != ')')
        return 0;
    const char *in = open + 1;
    size_t in_n = (size_t)(l->s + l->n - 1 - in);
    const crier_lex_row *r = credit_prefix(lex, in, in_n);
    if (!r || strcmp(r->cols[1], "credit") != 0)
        return 0;
    size_t cap_n = (size_t)(open - l->s);
    while (cap_n && l->s[cap_n - 1] == ' ')
        cap_n--;
    if (cap_n && crier_doc_add(doc, CRIER_KIND_CAPTION, l->s, cap_n) < 0)
        *oom = 1;
    if (add_credit(doc, in, in_n) < 0)
        *oom = 1;
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

/* ==== The pass =========================================================== */

/* Index of the headline line, or n when none is found. */
static size_t find_headline(const line *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!v[i].dropped && v[i].dup >= 2 && is_title_like(&v[i]))
            return i;
    for (size_t i = 0; i < n; i++) {
        if (v[i].dropped || !is_title_like(&v[i]))
            continue;
        for (size_t j = i + 1; j < n && j < i + 12; j++)
            if (!v[j].dropped && is_prose(&v[j]))
                return i;
    }
    return n;
}

/* Classifies one body line and appends what it yields to `doc`. */
static int body_line(const crier_lexicon *lex, crier_doc *doc, const line *l, int *seen_para)
{
    int oom = 0;
    const crier_lex_row *r = credit_prefix(lex, l->s, l->n);
    if (r && strcmp(r->cols[1], "credit") == 0)
        return add_credit(doc, l->s, l->n);
    if (r && strcmp(r->cols[1], "byline") == 0 && word_count(l->s, l->n) <= 10)
        return crier_doc_add(doc, CRIER_KIND_BYLINE, l->s, l->n);
    if (take_caption(lex, doc, l, &oom))
        return oom ? -1 : 0;
    size_t rest = 0, dl = 0;
    if (!*seen_para && (dl = dateline_len(l->s, l->n, &rest)) > 0 && rest < l->n) {
        *seen_para = 1;
        if (crier_doc_add(doc, CRIER_KIND_DATELINE, l->s, dl) < 0)
            return -1;
        return crier_doc_add(doc, CRIER_KIND_PARAGRAPH, l->s + rest, l->n - rest);
    }
    if (is_prose(l) || ends_sentence(l->s, l->n)) {
        *seen_para = 1;
        return crier_doc_add(doc, CRIER_KIND_PARAGRAPH, l->s, l->n);
    }
    if (*seen_para && word_count(l->s, l->n) <= 12)
        return crier_doc_add(doc, CRIER_KIND_HEADING, l->s, l->n);
    return 0; /* a short line before the body: page furniture */
}

crier_status crier_extract_text(const char *text, size_t len, const crier_lexicon *lex,
                                crier_doc *doc, crier_error *err)
{
    size_t n;
    line *v = split_lines(text, len, &n);
    if (!v)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    int stop = 0;
    for (size_t i = 0; i < n; i++) {
        if (stop)
            v[i].dropped = 1;
        else if (!v[i].n || crier_is_boilerplate(lex, v[i].s, v[i].n, &stop))
            v[i].dropped = 1;
    }
    count_dups(v, n);
    size_t h = find_headline(v, n);
    int failed = 0, seen_para = 0;
    if (h < n) {
        failed |= crier_doc_add(doc, CRIER_KIND_HEADLINE, v[h].s, v[h].n) < 0;
        failed |= crier_doc_set(&doc->title, v[h].s, v[h].n) < 0;
    }
    for (size_t i = h < n ? h + 1 : 0; i < n && !failed; i++) {
        if (v[i].dropped)
            continue;
        if (h < n && v[i].n == v[h].n && memcmp(v[i].s, v[h].s, v[h].n) == 0)
            continue; /* the headline again */
        failed |= body_line(lex, doc, &v[i], &seen_para) < 0;
    }
    free(v);
    return failed ? crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory") : CRIER_OK;
}

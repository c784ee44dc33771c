/* segment.c -- stage 1: clean text to an article in listening order.
 *
 * crier_parse() sniffs the input kind, hands the text to an extractor
 * (html.c for pages, textdump.c for plain-text dumps), which returns the
 * article's segments in page order, and then orders them for a listener:
 *
 *   headline, standfirst, byline, dateline, body (paragraphs and
 *   headings), captions (policy: end, inline or skip), credits.
 *
 * Repeated segments are dropped along the way: pages often print the
 * headline or a caption twice (a long paragraph the writer put twice is
 * kept, unless the page copies a run of them). This file also holds what both extractors
 * share: the boilerplate test, bylines ("By Jane Doe"), datelines, and
 * notes for what is left out. */
#include "input.h"
#include "internal.h"
#include "segment.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* See crier.h. */
void crier_parse_options_init(crier_parse_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->input = CRIER_INPUT_AUTO;
    opts->captions = CRIER_CAPTIONS_END;
}

/* ==== Boilerplate ======================================================== */

/* No furniture line is this long; longer lines are never looked up, which
 * keeps a 10 MB one-line file from costing a scan per table row. */
enum { MAX_FURNITURE = 200 };

/* True when `needle` occurs in s, ignoring ASCII case. */
static int contains_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

/* The length of a furniture line without what points at the links after
 * it: "Read more:", "More stories >", "Related ›", "See also…". */
static size_t strip_pointer(const char *s, size_t n)
{
    for (;;) {
        while (n && s[n - 1] == ' ')
            n--;
        if (n && (s[n - 1] == ':' || s[n - 1] == '>'))
            n--;
        else if (n >= 2 && (memcmp(s + n - 2, "\xc2\xbb", 2) == 0))          /* » */
            n -= 2;
        else if (n >= 3 && (memcmp(s + n - 3, "\xe2\x80\xba", 3) == 0 ||   /* › */
                            memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0))    /* … */
            n -= 3;
        else
            return n;
    }
}

/* See segment.h. */
int crier_is_boilerplate(const crier_lexicon *lex, const char *line, size_t len, int *stop)
{
    if (len > MAX_FURNITURE || !len)
        return 0;
    const crier_lex_row *r = crier_lex_find(lex, CRIER_TAB_BOILERPLATE, line, len);
    size_t bare = strip_pointer(line, len);
    if (!r && bare && bare < len)
        r = crier_lex_find(lex, CRIER_TAB_BOILERPLATE, line, bare);
    if (r) {
        if (strcmp(r->cols[1], "end") == 0)
            *stop = 1;
        return 1;
    }
    /* Exact and end rows were the lookup; prefix and contains rows are
     * tried one by one, with a cheap first-letter test for prefixes. */
    size_t n = crier_lex_count(lex, CRIER_TAB_BOILERPLATE);
    int first = tolower((unsigned char)line[0]);
    for (size_t i = 0; i < n; i++) {
        r = crier_lex_at(lex, CRIER_TAB_BOILERPLATE, i);
        char how = r->cols[1][0];
        const char *text = r->cols[0];
        if (how == 'p' && tolower((unsigned char)text[0]) == first) {
            size_t k = strlen(text);
            if (k <= len && strncasecmp(line, text, k) == 0)
                return 1;
        } else if (how == 'c' && contains_ci(line, len, text)) {
            return 1;
        }
    }
    return 0;
}

/* ==== Bylines, dates, notes ============================================== */

/* See segment.h. The longest prefix wins ("Written by" over "Written"). */
size_t crier_byline_prefix(const crier_lexicon *lex, const char *s, size_t n)
{
    size_t count = crier_lex_count(lex, CRIER_TAB_BYLINE), best = 0;
    for (size_t i = 0; n && i < count; i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_BYLINE, i);
        if (tolower((unsigned char)r->cols[0][0]) != tolower((unsigned char)s[0]))
            continue;
        size_t k = strlen(r->cols[0]);
        if ((r->flags & CRIER_BYLINE_PREFIX) && k < n && k > best &&
            strncasecmp(s, r->cols[0], k) == 0 && (s[k] == ' ' || s[k] == ':'))
            best = k;
    }
    return best;
}

/* Adds the byline "a b", its first letter in capitals ("by" -> "By"). */
static int add_joined(crier_doc *doc, const char *a, size_t ka, const char *b, size_t nb)
{
    char *text = malloc(ka + 1 + nb + 1);
    if (!text)
        return -1;
    memcpy(text, a, ka);
    text[ka] = ' ';
    memcpy(text + ka + 1, b, nb);
    text[0] = (char)toupper((unsigned char)text[0]);
    int rc = crier_doc_add(doc, CRIER_KIND_BYLINE, text, ka + 1 + nb);
    free(text);
    return rc;
}

/* See segment.h. */
int crier_add_byline(crier_doc *doc, const crier_lexicon *lex, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ',' || s[n - 1] == '|'))
        n--;
    if (!n)
        return 0;
    if (!doc->byline && crier_doc_set(&doc->byline, s, n) < 0)
        return -1;
    size_t k = crier_byline_prefix(lex, s, n), rest = k + 1;
    if (k && s[k] == ':') {
        /* "by: Jane Doe" is said "By Jane Doe", without a pause. */
        while (rest < n && s[rest] == ' ')
            rest++;
        return rest < n ? add_joined(doc, s, k, s + rest, n - rest) : 0;
    }
    if (k)
        return crier_doc_add(doc, CRIER_KIND_BYLINE, s, n);
    /* A bare name: say "By" (or the lexicon's word for it) first. */
    const char *say = NULL;
    size_t count = crier_lex_count(lex, CRIER_TAB_BYLINE);
    for (size_t i = 0; i < count && !say; i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_BYLINE, i);
        if (r->flags & CRIER_BYLINE_SAY)
            say = r->cols[0];
    }
    return say ? add_joined(doc, say, strlen(say), s, n) : crier_doc_add(doc, CRIER_KIND_BYLINE, s, n);
}

/* See segment.h. The month's name comes from months.tsv. */
int crier_add_date(crier_doc *doc, const crier_lexicon *lex, const char *iso)
{
    /* "2015-07-24T05:36:09+01:00": only the day is said. */
    int y, m, d;
    char sep1, sep2;
    if (!iso || sscanf(iso, "%4d%c%2d%c%2d", &y, &sep1, &m, &sep2, &d) != 5 || sep1 != sep2 ||
        (sep1 != '-' && sep1 != '/') || y < 1000 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    const char *name = crier_lex_month_name(lex, m);
    if (!name)
        return 0;
    char iso_day[16], said[64];
    snprintf(iso_day, sizeof iso_day, "%04d-%02d-%02d", y, m, d);
    int n = snprintf(said, sizeof said, "%s %d, %d", name, d, y);
    if (!doc->date && crier_doc_set(&doc->date, iso_day, strlen(iso_day)) < 0)
        return -1;
    return n > 0 && (size_t)n < sizeof said ? crier_doc_add(doc, CRIER_KIND_DATELINE, said, (size_t)n)
                                            : 0;
}

/* See segment.h. */
int crier_segment_note(crier_doc *doc, const crier_lexicon *lex, const char *key,
                       const char *detail, size_t n)
{
    const crier_lex_row *r = crier_lex_find(lex, CRIER_TAB_NOTES, key, strlen(key));
    if (!r)
        return 0; /* no words for it in this language: say nothing */
    size_t k = strlen(r->cols[1]);
    char *text = malloc(k + n + 4);
    if (!text)
        return -1;
    memcpy(text, r->cols[1], k);
    if (n) {
        memcpy(text + k, ": ", 2);
        memcpy(text + k + 2, detail, n);
        k += 2 + n;
    }
    if (k && !strchr(".!?", text[k - 1]))
        text[k++] = '.';
    int rc = crier_doc_add(doc, CRIER_KIND_PARAGRAPH, text, k);
    free(text);
    return rc;
}

/* ==== Listening order ==================================================== */

/* The rank of a kind in the listening order; body kinds share one rank so
 * that their page order is kept. */
static int rank(crier_kind k, crier_captions policy)
{
    switch (k) {
    case CRIER_KIND_HEADLINE: return 0;
    case CRIER_KIND_STANDFIRST: return 1;
    case CRIER_KIND_BYLINE: return 2;
    case CRIER_KIND_DATELINE: return 3;
    case CRIER_KIND_HEADING:
    case CRIER_KIND_PARAGRAPH: return 4;
    case CRIER_KIND_CAPTION: return policy == CRIER_CAPTIONS_INLINE ? 4 : 5;
    case CRIER_KIND_CREDIT: return 6;
    }
    return 4;
}
enum { RANKS = 7 };

/* FNV-1a of a NUL-terminated string. */
static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* A body paragraph this long is prose, not furniture: what a page prints
 * twice by accident is short (a headline, a caption, a link's title, a
 * label), while an author may well write a long paragraph twice. */
enum { PROSE_WORDS = 25 };

/* The number of words (runs of non-spaces) in s, counted up to `enough`. */
static size_t words_upto(const char *s, size_t enough)
{
    size_t w = 0;
    for (int in = 0; *s && w < enough; s++) {
        int sp = *s == ' ' || *s == '\n' || *s == '\t';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* True when segment i is a long paragraph that repeats an earlier one. */
static int prose_repeat(const crier_doc *doc, const size_t *first, size_t i)
{
    size_t o = first[i];
    return o != i && doc->segs[i].kind == CRIER_KIND_PARAGRAPH &&
           doc->segs[o].kind == CRIER_KIND_PARAGRAPH &&
           words_upto(doc->segs[i].text, PROSE_WORDS) == PROSE_WORDS;
}

/* True when segment i, a repeat of segment first[i], is kept: it is a
 * long paragraph, and alone, not part of a copy of the article (a page
 * that prints its body twice repeats a run of paragraphs in their order,
 * so a neighbour is then a long paragraph that repeats the original's
 * neighbour). */
static int keep_repeat(const crier_doc *doc, const size_t *first, size_t i)
{
    size_t o = first[i];
    if (!prose_repeat(doc, first, i))
        return 0;
    int copy_before = i > 0 && prose_repeat(doc, first, i - 1) && first[i - 1] + 1 == o;
    int copy_after = i + 1 < doc->n && prose_repeat(doc, first, i + 1) && first[i + 1] == o + 1;
    return !copy_before && !copy_after;
}

/* Sets first[i] to the index of the first segment with the same text as
 * segment i (i itself for a first occurrence or a dropped segment), with
 * an open-addressing set of the texts seen so far: linear in the size of
 * the document. Returns -1 when out of memory. */
static int find_repeats(const crier_doc *doc, size_t *first)
{
    size_t nslots = 16;
    while (nslots < doc->n * 2)
        nslots *= 2;
    size_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < doc->n; i++) {
        const char *s = doc->segs[i].text;
        first[i] = i;
        if (!s)
            continue; /* already dropped */
        size_t j = hash_text(s) & (nslots - 1);
        while (slots[j] && strcmp(doc->segs[slots[j] - 1].text, s) != 0)
            j = (j + 1) & (nslots - 1);
        if (slots[j])
            first[i] = slots[j] - 1;
        else
            slots[j] = i + 1;
    }
    free(slots);
    return 0;
}

/* Drops repeated texts (NULLs them, freed): the first occurrence stays,
 * whatever its kind, and a long paragraph written twice is read twice.
 * Returns -1 when out of memory. */
static int drop_repeats(crier_doc *doc)
{
    size_t n = doc->n ? doc->n : 1;
    size_t *first = malloc(n * sizeof *first);
    unsigned char *drop = malloc(n);
    int rc = first && drop ? find_repeats(doc, first) : -1;
    /* Decide all, then free: keep_repeat reads the neighbours' texts. */
    for (size_t i = 0; rc == 0 && i < doc->n; i++)
        drop[i] = first[i] != i && !keep_repeat(doc, first, i);
    for (size_t i = 0; rc == 0 && i < doc->n; i++) {
        if (drop[i]) {
            free(doc->segs[i].text);
            doc->segs[i].text = NULL;
        }
    }
    free(first);
    free(drop);
    return rc;
}

/* Reorders `doc` for listening: drops repeats, skipped captions and all
 * but the first headline, then a stable counting sort by rank. */
static int order_for_listening(crier_doc *doc, crier_captions policy)
{
    if (drop_repeats(doc) < 0)
        return -1;
    size_t count[RANKS + 1] = {0}, keep = 0;
    int headline = 0;
    for (size_t i = 0; i < doc->n; i++) {
        crier_segment s = doc->segs[i];
        int drop = !s.text || (s.kind == CRIER_KIND_CAPTION && policy == CRIER_CAPTIONS_SKIP) ||
                   (s.kind == CRIER_KIND_HEADLINE && headline++);
        if (drop) {
            free(s.text);
            continue;
        }
        doc->segs[keep++] = s;
        count[rank(s.kind, policy) + 1]++;
    }
    doc->n = keep;
    crier_segment *sorted = malloc((keep ? keep : 1) * sizeof *sorted);
    if (!sorted)
        return -1;
    for (int r = 1; r <= RANKS; r++)
        count[r] += count[r - 1];
    for (size_t i = 0; i < keep; i++)
        sorted[count[rank(doc->segs[i].kind, policy)]++] = doc->segs[i];
    if (keep)
        memcpy(doc->segs, sorted, keep * sizeof *sorted);
    free(sorted);
    return 0;
}

/* Reads s as a stamp of a day: at most ten words, a month (from
 * months.tsv) next to a day of the month, maybe a year, and at most two
 * other words of three letters or more ("Updated", "Published"; weekdays, "at", "ET" and "a.m." are free),
 * so that a sentence about a day is not one. Sets *y (0 when there is no
 * year), *m and *d and returns 1, or returns 0. */
static int read_stamp(const crier_lexicon *lex, const char *s, int *y, int *m, int *d)
{
    enum { STAMP_WORDS = 10 };
    int others = 0, prev = 0, pending = 0; /* prev: the last word was 1 a month, 2 a number */
    size_t words = 0;
    *y = *m = *d = 0;
    for (const char *c = s; *c; c++)
        words += *c != ' ' && (c == s || c[-1] == ' ');
    if (words > STAMP_WORDS)
        return 0;
    for (size_t i = 0; s[i];) {
        while (s[i] && !isalnum((unsigned char)s[i]))
            i++;
        size_t w = i;
        while (isalnum((unsigned char)s[i]))
            i++;
        if (i == w)
            break;
        const crier_lex_row *r = crier_lex_find(lex, CRIER_TAB_MONTHS, s + w, i - w);
        int v = isdigit((unsigned char)s[w]) && i - w <= 4 ? atoi(s + w) : -1;
        if (r) {
            if (*m && *m != atoi(r->cols[2]))
                return 0; /* two months: a range or a sentence */
            *m = atoi(r->cols[2]);
            if (prev == 2 && !*d)
                *d = pending; /* "21 February" */
            prev = 1;
        } else if (v >= 1 && v <= 31 && i - w <= 2) {
            if (prev == 1 && !*d)
                *d = v; /* "Feb. 21" */
            pending = v;
            prev = 2;
        } else if (v >= 1000 && v <= 2099) {
            if (*y && *y != v)
                return 0;
            *y = v;
            prev = 0;
        } else {
            others += v < 0 && i - w >= 3 && !crier_lex_find(lex, CRIER_TAB_WEEKDAYS, s + w, i - w);
            prev = 0;
        }
    }
    return *m && *d && others <= 2;
}

/* True when s is a stamp of the day iso ("YYYY-MM-DD"). */
static int names_day(const crier_lexicon *lex, const char *s, const char *iso)
{
    int y, m, d;
    return read_stamp(lex, s, &y, &m, &d) && m == atoi(iso + 5) && d == atoi(iso + 8) &&
           (!y || y == atoi(iso));
}

/* True when paragraph text s only repeats what the byline or the dateline
 * already says: the byline's names without their "By" (a page prints the
 * writer's name under a picture, then "By" and the name), or a stamp of
 * the day of publication ("Feb. 21, 2019", "Updated 21 February 2019"). */
static int echoes_header(const crier_doc *doc, const crier_lexicon *lex, const char *s)
{
    if (doc->byline) {
        size_t n = strlen(doc->byline), k = crier_byline_prefix(lex, doc->byline, n);
        const char *name = doc->byline + k;
        while (*name == ' ' || *name == ':')
            name++;
        if (*name && strcmp(s, name) == 0)
            return 1;
    }
    return doc->date && strlen(doc->date) >= 10 && names_day(lex, s, doc->date);
}

/* True when s, a paragraph near the top of an article without a date, is
 * a stamp of a whole day ("Feb. 21, 2019"): then it is the dateline, and
 * its day the article's date. */
static int stamp_line(crier_doc *doc, const crier_lexicon *lex, const char *s)
{
    int y, m, d;
    if (!read_stamp(lex, s, &y, &m, &d) || !y)
        return 0;
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    return crier_doc_set(&doc->date, iso, strlen(iso)) == 0;
}

/* The number of words in s[0..n) when it is one to six words of a name,
 * each capitalized or a short joining word ("and", "de"), none a month or
 * a weekday, with spaces, colons and commas between; 0 when it is not. */
static int name_words(const crier_lexicon *lex, const char *s, size_t n)
{
    enum { NAME_WORDS = 6 };
    size_t words = 0;
    for (const char *c = s, *end = s + n;;) {
        while (c < end && (*c == ' ' || *c == ':' || *c == ','))
            c++;
        if (c == end)
            break;
        const char *w = c;
        while (c < end && *c != ' ' && *c != ',')
            c++;
        size_t len = (size_t)(c - w);
        int cap = isupper((unsigned char)*w) || (unsigned char)*w >= 0x80;
        if ((!cap && len > 3) || ++words > NAME_WORDS ||
            crier_lex_find(lex, CRIER_TAB_MONTHS, w, len) ||
            crier_lex_find(lex, CRIER_TAB_WEEKDAYS, w, len))
            return 0;
    }
    return (int)words;
}

/* True when s, a paragraph near the top of an article without a byline,
 * is one: a byline word ("By") and at most six words of a name, each
 * capitalized or a short joining word ("and", "de"), and no month or
 * weekday ("By Monday, ..." is a sentence). Then it is the byline. */
static int byline_line(crier_doc *doc, const crier_lexicon *lex, const char *s)
{
    size_t n = strlen(s), k = crier_byline_prefix(lex, s, n);
    return k && name_words(lex, s + k, n - k) && crier_doc_set(&doc->byline, s, n) == 0;
}

/* The writer's name in s, a paragraph that is a writer's label and a
 * name ("Author: Jane Doe", "Words: Jane Doe"; byline.tsv "label") or a
 * name and the writer's job ("Jane Doe, Staff Writer", "Jane Doe | Senior
 * Correspondent"; its last word a "role"). Sets *name and *len, or
 * returns 0. */
static int header_name(const crier_lexicon *lex, const char *s, const char **name, size_t *len)
{
    enum { LABEL_MAX = 24, ROLE_MAX = 40 }; /* bytes */
    size_t n = strlen(s), k;
    const char *colon = memchr(s, ':', n < LABEL_MAX ? n : LABEL_MAX);
    for (k = colon ? (size_t)(colon - s) : 0; k && s[k - 1] == ' ';)
        k--;
    const crier_lex_row *r = colon ? crier_lex_find(lex, CRIER_TAB_BYLINE, s, k) : NULL;
    if (r && (r->flags & CRIER_BYLINE_LABEL)) {
        for (*name = colon + 1; **name == ' ';)
            (*name)++;
        *len = strlen(*name);
        return name_words(lex, *name, *len);
    }
    /* The job: the last word, after the last ",", "|" or " - ". */
    const char *w = strrchr(s, ' '), *sep = NULL;
    for (const char *c = s; *c; c++)
        if (*c == ',' || *c == '|' || (*c == '-' && c > s && c[-1] == ' ' && c[1] == ' '))
            sep = c;
    if (!w || !sep || sep > w || n - (size_t)(sep - s) > ROLE_MAX)
        return 0;
    r = crier_lex_find(lex, CRIER_TAB_BYLINE, w + 1, strlen(w + 1));
    for (k = (size_t)(sep - s); k && s[k - 1] == ' ';)
        k--;
    *name = s;
    *len = k;
    return r && (r->flags & CRIER_BYLINE_ROLE) && k && name_words(lex, s, k) >= 2;
}

/* A paragraph near the top of an article without a byline that names the
 * writer with a label or a job (see header_name()): the name is the
 * byline, said with "By" like a bare one, and the paragraph becomes that
 * byline. Returns 1 when it was one, -1 when out of memory. */
static int label_line(crier_doc *doc, const crier_lexicon *lex, size_t i)
{
    const char *name;
    size_t len, at = doc->n;
    if (!header_name(lex, doc->segs[i].text, &name, &len))
        return 0;
    if (crier_add_byline(doc, lex, name, len) < 0)
        return -1;
    if (doc->n == at + 1) { /* the byline's segment takes the paragraph's place */
        free(doc->segs[i].text);
        doc->segs[i] = doc->segs[--doc->n];
    }
    return 1;
}

/* Tidies the head of an article found without metadata: a "By" line and a
 * stamp of the day near the top become the byline and the dateline (said
 * before the body); then the paragraphs there that echo them, the name
 * again or the day again, are dropped, since each is said once already.
 * Returns -1 when out of memory. */
static int tidy_header(crier_doc *doc, const crier_lexicon *lex)
{
    enum { NEAR_TOP = 4 };
    for (size_t i = 0, seen = 0; i < doc->n && seen < NEAR_TOP; i++) {
        if (doc->segs[i].kind != CRIER_KIND_PARAGRAPH || !doc->segs[i].text)
            continue;
        seen++;
        int label = 0;
        if (!doc->byline && byline_line(doc, lex, doc->segs[i].text))
            doc->segs[i].kind = CRIER_KIND_BYLINE;
        else if (!doc->byline && (label = label_line(doc, lex, i)) != 0) {
            if (label < 0)
                return -1;
        } else if (!doc->date && stamp_line(doc, lex, doc->segs[i].text))
            doc->segs[i].kind = CRIER_KIND_DATELINE;
    }
    for (size_t i = 0, seen = 0; i < doc->n && seen < NEAR_TOP; i++) {
        crier_segment *g = &doc->segs[i];
        if (g->kind != CRIER_KIND_PARAGRAPH || !g->text)
            continue;
        seen++;
        if (echoes_header(doc, lex, g->text)) {
            free(g->text);
            g->text = NULL;
        }
    }
    return 0;
}

/* True when the doc has a paragraph or a heading: something to read. */
static int has_body(const crier_doc *doc)
{
    for (size_t i = 0; i < doc->n; i++)
        if (doc->segs[i].kind == CRIER_KIND_PARAGRAPH || doc->segs[i].kind == CRIER_KIND_HEADING)
            return 1;
    return 0;
}

/* See crier.h. The extractor works in page order; the order for listening
 * and the test for an empty article are the same for both. */
crier_status crier_parse(const char *text, size_t len, const crier_parse_options *opts,
                         const crier_lexicon *lex, crier_doc **out, crier_error *err)
{
    crier_parse_options defaults;
    if (!opts) {
        crier_parse_options_init(&defaults);
        opts = &defaults;
    }
    if (!text || !lex || !out)
        return crier_fail(err, CRIER_ERR_ARG, NULL, 0, "crier_parse: NULL argument");
    crier_doc *doc = crier_doc_new();
    if (!doc)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    int html = opts->input == CRIER_INPUT_HTML ||
               (opts->input == CRIER_INPUT_AUTO && crier_input_looks_html(text, len));
    crier_status st = html ? crier_extract_html(text, len, lex, doc, err)
                           : crier_extract_text(text, len, lex, doc, err);
    if (st == CRIER_OK && (tidy_header(doc, lex) < 0 || order_for_listening(doc, opts->captions) < 0))
        st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    if (st == CRIER_OK && !has_body(doc))
        st = crier_fail(err, CRIER_ERR_EMPTY, NULL, 0, "no article text found");
    if (st != CRIER_OK) {
        crier_doc_free(doc);
        return st;
    }
    *out = doc;
    return CRIER_OK;
}

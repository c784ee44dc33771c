/* textzone.c -- runs of records in a text dump: comments, live feeds,
 * teasers, galleries.
 *
 * After an article, many pages go on in prose that is not the article:
 * readers' comments, a live feed of other news, teasers of related
 * stories, a gallery of unrelated pictures. Line by line they look like
 * the article (long lines that end with a full stop), so the body's
 * maximum-value run (textdump.c) would run on through them. What gives
 * them away is that they are records: the same small frame repeats, and
 * each frame carries a time stamp or a counter:
 *
 *     Jane Doe · March 10, 2017 at 12:20 AM      a comment
 *     I could not agree more with the author ...
 *     Reply
 *
 *     14:44 Strike ends at the port               a live feed
 *     14:32
 *     Weather.
 *     Storms are expected on the coast ...
 *
 *     3/50 Airline profits fall                   a gallery
 *     The carrier lost ...
 *     Getty Images
 *
 * A time stamp is a short line with a date, a clock time or a relative
 * time ("3 hours ago", from boilerplate.tsv), or that starts with a clock
 * time. The head of a teaser's card, a label and a title over the title
 * alone, marks a record too (see card_head()). Three stamps or more,
 * each a few lines from the next and with prose between them (a table of
 * dates has none), make a run of records; its lines are marked L_RECORD
 * and the body's value (see
 * value() in textdump.c) counts none of its prose, so that the body stops
 * where the records start. A run that comes before any prose is left
 * alone: that is a live blog, where the records are the article.
 *
 * After a line that ends the article ("More stories"), a list of teasers
 * whose titles are printed once, each over its first lines (as a browser
 * copies them), is a run of records too: three titles or more.
 *
 * A gallery is a run of slides numbered "k/N" with the same N and k
 * rising. Its slides are marked L_GALLERY: they are dropped, and count
 * for nothing either way, so that an article the gallery interrupts is
 * read on both sides of it. */
#include "internal.h"
#include "textdump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    STAMP_UNITS = 20, /* a time stamp's line is no longer than this */
    RECORD_GAP = 12,  /* lines of text between the stamps of one run, at most */
    MIN_RECORDS = 3,  /* stamps that make a run */
    PROSE_BEFORE = 40 /* value of prose that must come before a run */
};

/* See textdump.h. */
int crier_dump_clock_at(const char *s, size_t n, size_t i)
{
    if (i && isdigit((unsigned char)s[i - 1]))
        return 0;
    size_t d = 0;
    while (i + d < n && d < 3 && isdigit((unsigned char)s[i + d]))
        d++;
    size_t k = i + d; /* the colon */
    return d >= 1 && d <= 2 && k + 3 <= n && s[k] == ':' && isdigit((unsigned char)s[k + 1]) &&
           isdigit((unsigned char)s[k + 2]) && (k + 3 == n || !isdigit((unsigned char)s[k + 3]));
}

/* True when a clock time appears anywhere in the line. */
static int has_clock(const line *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (isdigit((unsigned char)l->s[i]) && crier_dump_clock_at(l->s, l->n, i))
            return 1;
    return 0;
}

/* True when the line says a relative time: a number, then a word of kind
 * "stamp" from boilerplate.tsv ("3 hours ago"). */
static int relative_time(const crier_lexicon *lex, const line *l)
{
    int number = 0;
    for (size_t i = 0; i < l->n;) {
        while (i < l->n && !isalnum((unsigned char)l->s[i]))
            i++;
        size_t w = i;
        while (i < l->n && isalnum((unsigned char)l->s[i]))
            i++;
        if (i == w)
            break;
        if (isdigit((unsigned char)l->s[w])) {
            number = 1;
            continue;
        }
        const crier_lex_row *r = number ? crier_lex_find(lex, CRIER_TAB_BOILERPLATE, l->s + w, i - w)
                                        : NULL;
        if (r && strcmp(r->cols[1], "stamp") == 0)
            return 1;
    }
    return 0;
}

/* True when the line is more than one sentence ("Doe, J. (May 3,
 * 1998). Title"), or a table row (cells between tabs or runs of
 * spaces): not a stamp. */
static int several_parts(const line *l)
{
    for (size_t i = 1; i + 2 < l->n; i++) {
        if (l->s[i] == '\t' || (l->s[i] == ' ' && l->s[i + 1] == ' '))
            return 1;
        if (l->s[i] == '.' && l->s[i + 1] == ' ' &&
            (islower((unsigned char)l->s[i - 1]) || strchr(")\"'", l->s[i - 1])) &&
            (isupper((unsigned char)l->s[i + 2]) || l->s[i + 2] == '"'))
            return 1;
    }
    return 0;
}

/* A record's time stamp (see the top of the file). */
static int stamp_like(const crier_lexicon *lex, const line *l)
{
    if (l->flags & (L_BLANK | L_IMAGE) || l->units > STAMP_UNITS || several_parts(l))
        return 0;
    if (crier_dump_clock_at(l->s, l->n, 0))
        return 1;
    if (l->flags & L_SENTENCE)
        return 0; /* a sentence that mentions a date, a reference */
    return (l->flags & L_DATE) || has_clock(l) || relative_time(lex, l);
}

/* True when line i is a card's head in a list of teasers: a label and a
 * title, with the title alone on the next line of text ("Opinion Why the
 * bridge matters" over "Why the bridge matters"). A card repeats its
 * frame as a time-stamped record does. */
static int card_head(const dump *d, size_t i)
{
    enum { MAX_LABEL = 5 }; /* words */
    const line *l = &d->v[i];
    size_t k = crier_dump_next(d, i);
    if (k >= d->n || ((l->flags | d->v[k].flags) & (L_BLANK | L_FURN | L_IMAGE)))
        return 0;
    const line *t = &d->v[k];
    if (t->words < 2 || t->n + 2 > l->n || l->s[l->n - t->n - 1] != ' ' ||
        memcmp(l->s + l->n - t->n, t->s, t->n) != 0)
        return 0;
    unsigned label = 0;
    for (size_t j = 0; j + t->n + 1 < l->n; j++)
        label += l->s[j] != ' ' && (j == 0 || l->s[j - 1] == ' ');
    return label >= 1 && label <= MAX_LABEL;
}

/* True when the line is prose: what the body's value counts. */
static int prose(const line *l)
{
    return !(l->flags & (L_BLANK | L_FURN | L_IMAGE)) &&
           (((l->flags & L_SENTENCE) && l->units >= 8) || l->units >= 20);
}

/* Marks lines first..last (indices) with a flag. */
static void mark(dump *d, size_t first, size_t last, unsigned flag)
{
    for (size_t i = first; i <= last && i < d->n; i++)
        d->v[i].flags |= flag;
}

/* The line `count` lines of text after line i (or the last one). */
static size_t lines_after(const dump *d, size_t i, unsigned count)
{
    size_t k = i;
    for (unsigned m = 0; m < count; m++) {
        size_t next = crier_dump_next(d, k);
        if (next >= d->n)
            break;
        k = next;
    }
    return k;
}

/* Marks one run of stamps, at lines st[0..n-1], as records when it is
 * long enough and follows prose. The run ends a record after its last
 * stamp: as many lines as the stamps are apart, at the median. */
static void close_run(dump *d, const size_t *st, const unsigned *gap, size_t n, double before)
{
    if (n < MIN_RECORDS || before < PROSE_BEFORE)
        return;
    unsigned inside = 0; /* prose between the stamps: a table of dates has none */
    for (size_t i = st[0]; i < st[n - 1]; i++)
        inside += prose(&d->v[i]);
    if (inside < MIN_RECORDS - 1)
        return;
    unsigned sorted[RECORD_GAP + 1] = {0};
    for (size_t k = 1; k < n; k++)
        sorted[gap[k] <= RECORD_GAP ? gap[k] : RECORD_GAP]++;
    unsigned median = 0;
    for (size_t seen = 0; median <= RECORD_GAP && (seen += sorted[median]) < n / 2;)
        median++;
    mark(d, st[0], lines_after(d, st[n - 1], median ? median - 1 : 0), L_RECORD);
}

/* Finds the runs of time-stamped records (see the top of the file). */
static int mark_records(dump *d)
{
    size_t *st = malloc((d->n ? d->n : 1) * sizeof *st);
    unsigned *gap = malloc((d->n ? d->n : 1) * sizeof *gap);
    if (!st || !gap) {
        free(st);
        free(gap);
        return -1;
    }
    size_t n = 0;
    unsigned since = 0; /* lines of text since the last stamp */
    double before = 0, run_before = 0;
    for (size_t i = 0; i < d->n; i++) {
        line *l = &d->v[i];
        if (l->flags & L_BLANK)
            continue;
        since++;
        int stamp = stamp_like(d->lex, l);
        if (stamp || card_head(d, i)) {
            l->flags |= stamp ? L_STAMP : 0;
            if (n && since > RECORD_GAP) {
                close_run(d, st, gap, n, run_before);
                n = 0;
            }
            if (!n)
                run_before = before;
            gap[n] = since;
            st[n++] = i;
            since = 0;
        } else if (prose(l)) {
            before += l->units;
        }
    }
    close_run(d, st, gap, n, run_before);
    free(st);
    free(gap);
    return 0;
}

/* The numbers of a slide counter that starts the line, "k/N" or "k / N":
 * 0 when there is none. */
static int slide_counter(const line *l, unsigned *k, unsigned *of)
{
    const char *s = l->s;
    size_t n = l->n, i = 0;
    unsigned a = 0, b = 0;
    while (i < n && i < 4 && isdigit((unsigned char)s[i]))
        a = a * 10 + (unsigned)(s[i++] - '0');
    if (!i || i >= 4)
        return 0;
    size_t j = i;
    while (j < n && s[j] == ' ')
        j++;
    if (j >= n || s[j] != '/')
        return 0;
    for (j++; j < n && s[j] == ' '; j++)
        ;
    size_t b0 = j;
    while (j < n && j - b0 < 4 && isdigit((unsigned char)s[j]))
        b = b * 10 + (unsigned)(s[j++] - '0');
    if (j == b0 || j - b0 >= 4 || (j < n && s[j] != ' ') || a == 0 || a > b || b < MIN_RECORDS)
        return 0;
    *k = a;
    *of = b;
    return 1;
}

/* The first line of a gallery whose first slide is at line i: its title
 * lines ("Business in pictures", "Show all") stand right above it, with
 * no blank line between, short and not sentences. */
static size_t gallery_title(const dump *d, size_t i)
{
    for (unsigned m = 0; m < 3 && i > 0; m++) {
        const line *l = &d->v[i - 1];
        if ((l->flags & (L_BLANK | L_SENTENCE)) || l->units > 8)
            break;
        i--;
    }
    return i;
}

/* Finds galleries: at least MIN_RECORDS slide counters with the same N
 * and rising k, each at most RECORD_GAP lines of text from the last. A
 * slide runs to the next counter; the last one is as long as the others
 * are, at the median. */
static void mark_galleries(dump *d)
{
    size_t first = d->n, last = 0, count = 0;
    unsigned of = 0, prev_k = 0, since = 0, lens[RECORD_GAP + 1] = {0};
    for (size_t i = 0; i <= d->n; i++) {
        unsigned k = 0, n = 0;
        int counter = i < d->n && !(d->v[i].flags & L_BLANK) && slide_counter(&d->v[i], &k, &n);
        if (i < d->n && !(d->v[i].flags & L_BLANK))
            since++;
        int same = counter && count && n == of && k > prev_k && since <= RECORD_GAP;
        if (count && (i == d->n || (counter && !same) || since > RECORD_GAP)) {
            if (count >= MIN_RECORDS) {
                unsigned median = 0;
                for (size_t seen = 0; median < RECORD_GAP && (seen += lens[median]) < count / 2;)
                    median++;
                mark(d, gallery_title(d, first), lines_after(d, last, median ? median - 1 : 0),
                     L_GALLERY);
            }
            count = 0;
            memset(lens, 0, sizeof lens);
        }
        if (!counter)
            continue;
        if (count)
            lens[since <= RECORD_GAP ? since : RECORD_GAP]++;
        else
            first = i;
        count++;
        last = i;
        of = n;
        prev_k = k;
        since = 0;
    }
}

/* True when line i is a teaser's title: a short line of text that is not
 * a sentence, with prose as the next line of text. */
static int teaser_title(const dump *d, size_t i)
{
    const line *l = &d->v[i];
    size_t k = crier_dump_next(d, i);
    return !(l->flags & (L_BLANK | L_FURN | L_IMAGE | L_SENTENCE)) && l->units >= 2 &&
           l->units <= 20 && k < d->n && prose(&d->v[k]);
}

/* After a line that ends the article ("More stories"), a list of teasers:
 * a title and its first lines, again and again. They are records too,
 * however much prose they hold (an article with a subheading over each
 * paragraph has no such line before it). */
static void mark_teasers(dump *d)
{
    enum { MAX_LABELS = 2 }; /* "Other columns" between the marker and the list */
    for (size_t i = 0; i < d->n; i++) {
        if (!(d->v[i].flags & L_END))
            continue;
        size_t k = crier_dump_next(d, i), last = i;
        for (unsigned m = 0; k < d->n && m < MAX_LABELS && !teaser_title(d, k); m++)
            k = crier_dump_next(d, k);
        unsigned cards = 0;
        while (k < d->n && teaser_title(d, k)) {
            last = crier_dump_next(d, k); /* the teaser's prose */
            cards++;
            k = crier_dump_next(d, last);
        }
        if (cards >= MIN_RECORDS)
            mark(d, i, last, L_RECORD);
        if (last > i)
            i = last; /* an end line among these cards sees the same list: linear */
    }
}

/* The kind of a boilerplate.tsv row that the line is: "dialog",
 * "dialog-end", or NULL for any other line. */
static const char *dialog_row(const dump *d, const line *l)
{
    const crier_lex_row *r =
        l->n < 200 && (l->flags & L_FURN) ? crier_lex_find(d->lex, CRIER_TAB_BOILERPLATE, l->s, l->n) : NULL;
    return r && strncmp(r->cols[1], "dialog", 6) == 0 ? r->cols[1] : NULL;
}

/* A video player's settings dialog that a page prints in the middle of
 * its article: the lines from the line that opens it ("This is a modal
 * window.", a "dialog" row of boilerplate.tsv) to the one that closes it
 * (a "dialog-end" row), at most MAX_LINES apart, are marked L_DIALOG.
 * They are dropped and count for nothing, so that a hundred colour and
 * font names do not cut the article in two. */
static void mark_dialogs(dump *d)
{
    enum { MAX_LINES = 200 };
    size_t open = d->n;
    for (size_t i = 0; i < d->n; i++) {
        const char *kind = (d->v[i].flags & L_BLANK) ? NULL : dialog_row(d, &d->v[i]);
        if (!kind)
            continue;
        if (strcmp(kind, "dialog") == 0) {
            open = i;
        } else if (open < i && i - open <= MAX_LINES) {
            for (size_t k = open; k <= i; k++)
                d->v[k].flags |= L_DIALOG;
            open = d->n;
        }
    }
}

/* See textdump.h. */
int crier_dump_zones(dump *d)
{
    mark_dialogs(d);
    mark_galleries(d);
    mark_teasers(d);
    return mark_records(d);
}

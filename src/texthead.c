/* texthead.c -- the headline of a text dump.
 *
 * A dump has no <h1>: the headline is one line among the menus, teasers,
 * kickers and share buttons above the body (textdump.c finds the body).
 * Each title-like line among the 300 before it, and its first lines, gets
 * a score from what a headline looks like and where it stands:
 *
 *  - a headline's length: a few words are a menu item, thirty a
 *    standfirst;
 *  - printed twice close together (many pages show it twice);
 *  - followed by a byline, a date or a photo caption, or under a date;
 *  - not a sentence with a full stop, not in capitals, no "|";
 *  - about what the body is about: the share of its words that the body's
 *    first thousand words use too (a related link beside it does not);
 *  - close to the body.
 */
#include "textdump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* True when the line has capitals and no lower-case letters. */
static int all_caps(const line *l)
{
    int upper = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (islower((unsigned char)l->s[i]))
            return 0;
        upper |= isupper((unsigned char)l->s[i]);
    }
    return upper;
}

/* A line that could be a headline: not furniture, not a byline, date,
 * caption or list item, and of a headline's length. */
static int title_like(const line *l)
{
    return !(l->flags & (L_BLANK | L_FURN | L_END | L_IMAGE | L_CREDIT | L_BYLINE | L_DATE |
                         L_BULLET | L_CAPTION)) &&
           l->units >= 2 && l->units <= 40 && l->n <= 300;
}

/* True when the line ends with a full stop after a lower-case letter: a
 * sentence, where "N.Y.C." and "U.S." are not. */
static int full_stop(const line *l)
{
    return l->n >= 2 && l->s[l->n - 1] == '.' && islower((unsigned char)l->s[l->n - 2]);
}

/* ---- The body's vocabulary ------------------------------------------------
 * A headline is about what the body says; a related link next to it is
 * not. The words of the body's first lines (its first thousand words,
 * where it says what it is about) go in a set (of hashes), and each
 * candidate is scored by the share of its words found there. Words are
 * runs of letters of four or more bytes (shorter ones say little about a
 * topic), lower-cased; each CJK character is a word of its own. */

typedef struct vocab {
    unsigned long long *slot;
    size_t mask;
} vocab;

/* Calls fn on each word of s, with its hash. */
static void each_word(const char *s, size_t n, void (*fn)(void *, unsigned long long), void *arg)
{
    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned c = crier_dump_cp_at((const unsigned char *)s + i, n - i, &len);
        if (crier_dump_cjk(c)) {
            fn(arg, c * 1099511628211ull + 7);
            i += len;
            continue;
        }
        if (!(isalnum((unsigned char)s[i]) || ((unsigned char)s[i] >= 0x80))) {
            i++;
            continue;
        }
        unsigned long long h = 1469598103934665603ull;
        size_t w = i;
        while (i < n && (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)) {
            c = crier_dump_cp_at((const unsigned char *)s + i, n - i, &len);
            if (crier_dump_cjk(c))
                break;
            for (size_t k = 0; k < len; k++)
                h = (h ^ (unsigned char)tolower((unsigned char)s[i + k])) * 1099511628211ull;
            i += len;
        }
        if (i - w >= 4)
            fn(arg, h | 1);
    }
}

static void vocab_add(void *arg, unsigned long long h)
{
    vocab *v = arg;
    size_t j = (size_t)h & v->mask;
    while (v->slot[j] && v->slot[j] != h)
        j = (j + 1) & v->mask;
    v->slot[j] = h;
}

typedef struct overlap {
    const vocab *v;
    unsigned words, found;
} overlap;

static void vocab_probe(void *arg, unsigned long long h)
{
    overlap *o = arg;
    size_t j = (size_t)h & o->v->mask;
    while (o->v->slot[j] && o->v->slot[j] != h)
        j = (j + 1) & o->v->mask;
    o->words++;
    o->found += o->v->slot[j] == h;
}

enum { VOCAB_SLOTS = 1 << 13, VOCAB_WORDS = 1000 };

/* Fills the set with the words of the sentences of lines a..b (not the
 * title-like lines, which are the candidates), up to VOCAB_WORDS. */
static void vocab_fill(vocab *v, const dump *d, size_t a, size_t b)
{
    double words = 0;
    for (size_t i = a; i <= b && i < d->n && words < VOCAB_WORDS; i++)
        if ((d->v[i].flags & (L_BLANK | L_FURN | L_SENTENCE)) == L_SENTENCE) {
            each_word(d->v[i].s, d->v[i].n, vocab_add, v);
            words += d->v[i].words;
        }
}

/* The share of a line's words that the body uses too. */
static double vocab_share(const vocab *v, const line *l)
{
    overlap o = {v, 0, 0};
    if (v->slot)
        each_word(l->s, l->n, vocab_probe, &o);
    return o.words ? (double)o.found / o.words : 0;
}

/* True when line i's text is on another line less than a dozen lines away:
 * a headline printed twice (a teaser repeated is further away). */
static int repeated_near(const dump *d, size_t i)
{
    size_t lo = i > 12 ? i - 12 : 0;
    for (size_t k = lo; k < d->n && k <= i + 12; k++)
        if (k != i && crier_dump_same(&d->v[k], &d->v[i]))
            return 1;
    return 0;
}

/* How much line i looks like the headline of a body starting at line a,
 * `dist` lines of text away. */
static double headline_score(const dump *d, const vocab *v, size_t i, size_t a, unsigned dist)
{
    const line *l = &d->v[i];
    double s = (l->units < 10 ? l->units : 10) * 0.6 + 6 * vocab_share(v, l);
    if (l->units < 4 && l->words < 8)
        s -= 3; /* menu items and labels; CJK headlines count characters */
    if (l->units > 14)
        s -= (l->units - 14) * 0.3; /* a standfirst, more likely */
    if (l->dup >= 2 && l->units >= 4 && repeated_near(d, i))
        s += 2;
    for (size_t k = crier_dump_next(d, i), m = 0; k < d->n && m < 4; k = crier_dump_next(d, k), m++)
        if (d->v[k].flags & (L_BYLINE | L_DATE | L_CAPTION)) {
            s += 2;
            break;
        }
    size_t p = crier_dump_prev(d, i);
    if (p < i && (d->v[p].flags & L_DATE))
        s += 1; /* a date just above it */
    if (full_stop(l))
        s -= 4;
    if (all_caps(l))
        s -= 2;
    if (memchr(l->s, '|', l->n))
        s -= 2;
    if (i >= a)
        s -= full_stop(l) ? 4 : 1.5; /* the body's own first lines */
    return s - dist * 0.01;
}

/* The headline: the best title-like line among the 300 before the body
 * and its first two. Returns its index, or d->n when there is none. */
size_t crier_dump_headline(const dump *d, size_t a, size_t b)
{
    enum { BEFORE = 300, INSIDE = 40 }; /* lines of text searched */
    vocab v = {calloc(VOCAB_SLOTS, sizeof *v.slot), VOCAB_SLOTS - 1};
    if (v.slot)
        vocab_fill(&v, d, a, b);
    size_t best = d->n, lo = a;
    double best_score = -1e9;
    unsigned dist = 0;
    for (unsigned seen = 0; lo > 0 && seen < BEFORE; lo--)
        seen += !(d->v[lo - 1].flags & L_BLANK);
    for (size_t i = a; i-- > lo;) {
        if (d->v[i].flags & L_BLANK)
            continue;
        dist++;
        double s = title_like(&d->v[i]) ? headline_score(d, &v, i, a, dist) : -1e9;
        if (s > best_score) {
            best_score = s;
            best = i;
        }
    }
    /* The body's first lines: a headline there means that what came
     * before it in the run was not the article; prose before it says that
     * it is a subheading instead. */
    double prose = 0;
    for (size_t i = a, seen = 0; i <= b && i < d->n && seen < INSIDE; i++) {
        if (d->v[i].flags & L_BLANK)
            continue;
        seen++;
        double s = title_like(&d->v[i]) ? headline_score(d, &v, i, a, 0) - prose / 15 : -1e9;
        if (s > best_score) {
            best_score = s;
            best = i;
        }
        if (d->v[i].v > 0)
            prose += d->v[i].v;
    }
    /* A headline comes before its dek (the longer line under it that says
     * more): when the line just above the winner is a shorter title that
     * scores nearly as well, it is the headline. */
    size_t up = best < d->n ? crier_dump_prev(d, best) : best;
    if (up < best && title_like(&d->v[up]) && d->v[up].units >= 3 &&
        d->v[up].units < d->v[best].units &&
        headline_score(d, &v, up, a, 0) >= headline_score(d, &v, best, a, 0) - 3)
        best = up;
    free(v.slot);
    return best;
}

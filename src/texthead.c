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
 *    more so when nothing but a standfirst and furniture stands between
 *    it and the byline (a kicker above the headline has the headline
 *    between); but not in a list of dated items (other stories);
 *  - never a sentence of more than sixteen words;
 *  - not a sentence with a full stop, not in capitals, no "|", not
 *    just under a byline (a gallery's title, a subheading);
 *  - about what the body is about: the share of its words that the body's
 *    first thousand words use too (a related link beside it does not; a
 *    sentence of the body itself earns nothing for its own words);
 *  - not the title of a teaser that the body carries cut short ("Ten
 *    ways to grow..."): that is another story's;
 *  - close to the body.
 */
#include "textdump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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

/* True when the line ends with a full stop after a lower-case letter: a
 * sentence, where "N.Y.C." and "U.S." are not. */
static int full_stop(const line *l)
{
    return l->n >= 2 && l->s[l->n - 1] == '.' && islower((unsigned char)l->s[l->n - 2]);
}

/* A sentence longer than a headline ever is: more than sixteen words and
 * a full stop. It is prose, however often the page prints it (and a
 * repeated line scores well), so a shorter line is the headline. */
enum { HEADLINE_MAX_SENTENCE = 16 };
static int prose_line(const line *l)
{
    return l->units > HEADLINE_MAX_SENTENCE && full_stop(l);
}

/* A line that could be a headline: not furniture, not a byline, date,
 * caption or list item, and of a headline's length, not prose. */
static int title_like(const line *l)
{
    return !(l->flags & (L_BLANK | L_FURN | L_END | L_IMAGE | L_CREDIT | L_BYLINE | L_DATE |
                         L_BULLET | L_CAPTION | L_CODE)) &&
           l->units >= 2 && l->units <= 40 && l->n <= 300 && !prose_line(l);
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

/* True for a character that is part of a word: a letter, a digit or a
 * combining mark. Guillemets, curly quotes and dashes are not, or
 * "«Vape" and "Vape" would be two different words. */
static int word_cp(unsigned c)
{
    if (c < 0x80)
        return isalnum((int)c);
    utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO;
}

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
        if (!word_cp(c)) {
            i += len;
            continue;
        }
        unsigned long long h = 1469598103934665603ull;
        size_t w = i;
        while (i < n) {
            c = crier_dump_cp_at((const unsigned char *)s + i, n - i, &len);
            if (crier_dump_cjk(c) || !word_cp(c))
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

/* ---- Teasers cut short ---------------------------------------------------
 * A page may put a teaser for another of its stories in the middle of the
 * article: that story's title cut short with an ellipsis ("Ten ways to
 * grow tomatoes in a..."), over a link. The same title printed in full
 * elsewhere on the page (among the teasers above the body) is then
 * another story's, not the headline: an article does not advertise
 * itself cut short in its own text. And the cut copy is furniture. The
 * cut titles of the body are a few dozen at most, and each line of the
 * page is compared with each of them: linear. */

enum { CUT_MAX = 32, CUT_MIN_BYTES = 20 };

/* Length of line l's text before a final ellipsis ("..." or U+2026) and
 * the spaces before it, or 0 when it does not end with one. */
static size_t before_ellipsis(const line *l)
{
    size_t n = l->n;
    if (n >= 3 && (memcmp(l->s + n - 3, "...", 3) == 0 || memcmp(l->s + n - 3, "\xE2\x80\xA6", 3) == 0))
        n -= 3;
    else
        return 0;
    while (n > 0 && l->s[n - 1] == ' ')
        n--;
    return n;
}

/* See textdump.h. */
void crier_dump_cut_teasers(dump *d, size_t a, size_t b)
{
    line *cut[CUT_MAX];
    size_t len[CUT_MAX], ncut = 0;
    for (size_t i = a; i <= b && i < d->n && ncut < CUT_MAX; i++) {
        line *l = &d->v[i];
        /* a title's length, not a paragraph that trails off */
        size_t n = l->flags & (L_BLANK | L_FURN) || l->units > 30 ? 0 : before_ellipsis(l);
        if (n >= CUT_MIN_BYTES) {
            cut[ncut] = l;
            len[ncut++] = n;
        }
    }
    for (size_t i = 0; i < d->n && ncut; i++) {
        line *l = &d->v[i];
        if (l->flags & L_BLANK || l->units > 40)
            continue;
        for (size_t k = 0; k < ncut; k++)
            if (cut[k] != l && l->n > len[k] && memcmp(l->s, cut[k]->s, len[k]) == 0) {
                l->flags |= L_TEASER;
                cut[k]->flags |= L_FURN;
            }
    }
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

/* True when the byline or the date is the next line of text after line
 * i, or comes after a standfirst (one long line, or a sentence), with
 * only furniture and short labels between: line i is the title they
 * belong to. A kicker above the headline is not: the headline is between
 * them. */
static int byline_below(const dump *d, size_t i)
{
    int standfirst = 0;
    for (size_t k = crier_dump_next(d, i), m = 0; k < d->n && m < 8; k = crier_dump_next(d, k), m++) {
        const line *l = &d->v[k];
        if (l->flags & (L_BYLINE | L_DATE | L_STAMP))
            return 1;
        if (l->flags & (L_FURN | L_IMAGE) || l->units <= 3)
            continue;
        if (standfirst++ || !(l->units > 14 || (l->flags & L_SENTENCE)))
            return 0;
    }
    return 0;
}

/* True when a byline ("By ...") stands among the few lines of text
 * above line i: the headline was above it, and line i is a caption or a
 * subheading of what follows. */
static int byline_above(const dump *d, size_t i)
{
    for (size_t k = i, m = 0; m < 8; m++) {
        size_t p = crier_dump_prev(d, k);
        if (p == k)
            return 0;
        if (d->v[p].flags & L_BYLINE)
            return 1;
        k = p;
    }
    return 0;
}

/* True when line i stands in a list of dated items (three dates or time
 * stamps or more among the six lines of text around it, as in a list of
 * other stories with their times): its date says nothing about it. */
static int dated_list(const dump *d, size_t i)
{
    enum { AROUND = 3, DATES = 3 }; /* lines of text on each side */
    unsigned dates = 0;
    for (size_t k = i, m = 0; m < AROUND; m++) {
        size_t p = crier_dump_prev(d, k);
        if (p == k)
            break;
        dates += (d->v[p].flags & (L_DATE | L_STAMP)) != 0;
        k = p;
    }
    for (size_t k = crier_dump_next(d, i), m = 0; k < d->n && m < AROUND; k = crier_dump_next(d, k), m++)
        dates += (d->v[k].flags & (L_DATE | L_STAMP)) != 0;
    return dates >= DATES;
}

/* How much line i looks like the headline of a body starting at line a,
 * `dist` lines of text away. */
static double headline_score(const dump *d, const vocab *v, size_t i, size_t a, unsigned dist)
{
    const line *l = &d->v[i];
    /* A sentence of the body is part of the vocabulary it is measured
     * against: it would always share all its words. */
    int own = i >= a && full_stop(l);
    double s = (l->units < 10 ? l->units : 10) * 0.6 + (own ? 0 : 6 * vocab_share(v, l));
    if (l->units < 4 && l->words < 8)
        s -= 3; /* menu items and labels; CJK headlines count characters */
    if (l->units > 14)
        s -= (l->units - 14) * 0.3; /* a standfirst, more likely */
    if (l->dup >= 2 && l->units >= 4)
        s += repeated_near(d, i) ? 2 : 0.5; /* far off, it may be the title bar, or a teaser */
    int listed = dated_list(d, i);
    for (size_t k = crier_dump_next(d, i), m = 0; k < d->n && m < 4 && !listed; k = crier_dump_next(d, k), m++)
        if (d->v[k].flags & (L_BYLINE | L_DATE | L_CAPTION)) {
            s += 2;
            break;
        }
    if (!listed && byline_below(d, i))
        s += 2; /* and more when nothing but a standfirst is between */
    size_t p = crier_dump_prev(d, i);
    if (!listed && p < i && (d->v[p].flags & L_DATE))
        s += 1; /* a date just above it */
    if (byline_above(d, i))
        s -= 1; /* a tie-breaker: some pages do put the byline first */
    if (full_stop(l))
        s -= 4;
    if (all_caps(l))
        s -= 2;
    if (memchr(l->s, '|', l->n))
        s -= 2;
    if (l->flags & L_TEASER)
        s -= 3; /* more than being printed twice earns */
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
     * it is a subheading instead, and a line with little of a title about
     * it (a short label, words the body does not use) is one for sure: a
     * page that shows no title line has no headline, and keeps its first
     * paragraphs. */
    double prose = 0;
    for (size_t i = a, seen = 0; i <= b && i < d->n && seen < INSIDE; i++) {
        if (d->v[i].flags & L_BLANK)
            continue;
        seen++;
        double s = title_like(&d->v[i]) ? headline_score(d, &v, i, a, 0) - prose / 15 : -1e9;
        if ((prose > 0 || full_stop(&d->v[i])) && s <= 0)
            s = -1e9; /* after prose, or a sentence: only a line that looks like a title */
        if (s > best_score) {
            best_score = s;
            best = i;
        }
        if (d->v[i].v > 0)
            prose += d->v[i].v;
    }
    /* A headline comes before its dek (the line under it that says more):
     * when the line just above the winner is a title that scores nearly
     * as well (all but tied when it is the longer of the two), it is the
     * headline. Unless the winner is the line the page prints again
     * elsewhere (its title bar) and the one above is not: then the one
     * above is a kicker ("Our pick this week"), and the page says which
     * of the two is its title. */
    size_t up = best < d->n ? crier_dump_prev(d, best) : best;
    int title_twice = best < d->n && d->v[best].dup >= 2 && d->v[up].dup < 2;
    if (up < best && !title_twice && title_like(&d->v[up]) && d->v[up].units >= 3 &&
        headline_score(d, &v, up, a, 0) >=
            headline_score(d, &v, best, a, 0) -
                (d->v[up].units < d->v[best].units || d->v[up].units >= 8 ? 3 : 1))
        best = up;
    free(v.slot);
    return best;
}

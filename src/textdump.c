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
 *  1. Paragraphs that keep their source's line breaks, or that <br> cut
 *     in the middle of a sentence, are joined (textwrap.c). Each
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
#include <utf8proc.h>

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

/* See textdump.h. */
size_t crier_dump_space_at(const char *s, size_t n)
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
void crier_dump_count_words(line *l)
{
    unsigned words = 0, cjk_chars = 0;
    int in = 0;
    for (size_t i = 0; i < l->n;) {
        size_t sp = crier_dump_space_at(l->s + i, l->n - i), len;
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
    if (cjk_chars > words * 2)
        l->flags |= L_CJK;
}

/* True when the text ends like a sentence, after closing quotes and
 * brackets: . ! ? : and their full-width forms, or an ellipsis. */
int crier_dump_ends_sentence(const char *s, size_t n)
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

/* See textdump.h. */
size_t crier_dump_bullet_len(const char *s, size_t n)
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

/* Length of a text browser's image tag that starts a line of text, with
 * the space after it: "[6eef5bc5.jpg] James Akinaka" (a file name or a
 * hash in brackets, no space inside), or glued to a capital letter, as
 * w3m prints an avatar before its writer's name ("[0]Jane Doe"). 0 when
 * there is none, or nothing after it. */
static size_t image_tag_len(const char *s, size_t n)
{
    if (n < 4 || s[0] != '[' || s[1] == ' ' || s[1] == ']')
        return 0;
    size_t i = 1;
    while (i < n && s[i] != ']' && s[i] != ' ')
        i++;
    if (i + 2 >= n || s[i] != ']')
        return 0;
    return s[i + 1] == ' ' ? i + 2 : isupper((unsigned char)s[i + 1]) ? i + 1 : 0;
}

/* Splits the text into trimmed lines without bullets (and without a
 * leading image tag). */
static line *split_lines(const char *text, size_t len, size_t *count)
{
    size_t cap = 256, n = 0;
    line *v = malloc(cap * sizeof *v);
    for (size_t i = 0; v && i <= len;) {
        const char *eol = memchr(text + i, '\n', len - i);
        size_t end = eol ? (size_t)(eol - text) : len, a = i, b = end, sp;
        while (a < b && (sp = crier_dump_space_at(text + a, b - a)) != 0)
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
        a += image_tag_len(text + a, b - a);
        size_t bl = crier_dump_dotted_date(text + a, b - a) ? 0 : crier_dump_bullet_len(text + a, b - a);
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

/* ==== What a line is ======================================================= */

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

/* True when the line is a text browser's picture and nothing else: one
 * or more tags in brackets, "[photo.png]", "[a.png?q=20] [a.png]". */
static int picture_only(const line *l)
{
    return l->n >= 3 && l->s[0] == '[' && l->s[l->n - 1] == ']';
}

/* A text browser's placeholder for an image, a frame or a form field:
 * "[IMG]", "[photo of ...]", "[ ] Show more", lynx's "(BUTTON) Search";
 * or a line of markup that the page printed as text ("<div style=...>
 * </div>", from a <noscript>). */
static int placeholder(const line *l)
{
    if (l->n >= 8 && memcmp(l->s, "(BUTTON)", 8) == 0)
        return 1;
    if (l->n >= 3 && l->s[0] == '<' && isalpha((unsigned char)l->s[1]) && l->s[l->n - 1] == '>' &&
        memchr(l->s, '=', l->n)) /* a tag with attributes: "<html>" may be a code sample */
        return 1;
    return l->n >= 2 && l->s[0] == '[' &&
           (l->s[l->n - 1] == ']' || memchr(l->s, ']', l->n) != NULL) &&
           (l->s[l->n - 1] == ']' || l->s[1] == ' ' || l->s[1] == ']');
}

/* True when the line has no letter in any script: a chart's labels
 * ("$915", "’17"), a counter, a lone list number. */
static int no_letters(const line *l)
{
    for (size_t i = 0; i < l->n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)l->s + i,
                                              (utf8proc_ssize_t)(l->n - i), &c);
        if (k <= 0)
            return 0;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* How many times a line says the same words over, "The harbour The
 * harbour": 2 to 4, or 1. A text browser prints a picture's alt text
 * and then its title or caption, and a card repeats its link. */
static size_t repeats(const line *l)
{
    for (size_t k = 2; k <= 4; k++) {
        if (l->n < 9 || (l->n + 1) % k)
            continue;
        size_t h = (l->n + 1) / k - 1, j = 1;
        while (j < k && l->s[j * (h + 1) - 1] == ' ' && memcmp(l->s, l->s + j * (h + 1), h) == 0)
            j++;
        if (j == k)
            return k;
    }
    return 1;
}

/* True when the line is the same words twice with no space between
 * ("The harbourThe harbour"), as w3m prints a picture's alt text and
 * title: two halves alike, of two words or more. */
static int glued_twice(const line *l)
{
    size_t h = l->n / 2;
    return l->n >= 12 && l->n % 2 == 0 && l->s[h - 1] != ' ' && memchr(l->s, ' ', h) &&
           memcmp(l->s, l->s + h, h) == 0;
}

/* A short line said over (a picture's alt text and title, a card's
 * link) is dropped, but for a date. A long one said twice is a caption printed with its
 * alt text: it is read once, as a caption. A long paragraph said three times over is
 * filler text, and is read as it is. */
static int doubled(const crier_lexicon *lex, line *l)
{
    size_t k = repeats(l), once_n = k > 1 ? (l->n + 1) / k - 1 : 0;
    if (k == 1 && glued_twice(l)) {
        k = 2;
        once_n = l->n / 2;
    }
    if (k > 1 && l->words <= 40) {
        /* A date said twice (a page's visible date and its machine-read
         * copy) is the date, once; a name twice (the writer's picture and
         * name) is the name. */
        line once = *l;
        once.n = once_n;
        crier_dump_count_words(&once);
        size_t rest;
        if (!crier_dump_date_like(lex, &once) && crier_dump_name_len(lex, &once, &rest) != once.n)
            return 1;
        *l = once;
        return 0;
    }
    if (k == 2) {
        l->n = once_n;
        crier_dump_count_words(l);
        l->flags |= L_CAPTION;
    }
    return 0;
}

/* A row of buttons on one line, "Tweet Share Reddit Pocket Email": three
 * words or more, each of them furniture on its own (boilerplate.tsv). */
static int button_row(const crier_lexicon *lex, const line *l)
{
    enum { MIN_WORDS = 3, MAX_WORDS = 12 };
    if (l->words < MIN_WORDS || l->words > MAX_WORDS)
        return 0;
    for (size_t i = 0; i < l->n;) {
        while (i < l->n && l->s[i] == ' ')
            i++;
        size_t w = i;
        while (i < l->n && l->s[i] != ' ')
            i++;
        int stop = 0;
        if (i > w && !crier_is_boilerplate(lex, l->s + w, i - w, &stop))
            return 0;
    }
    return 1;
}

/* A teaser: an excerpt cut short with an ellipsis and a link such as
 * "Read more" (boilerplate.tsv), maybe printed twice: "When you walk into
 * a store, you are... Read more Read more". */
static int teaser(const crier_lexicon *lex, const line *l)
{
    size_t at = 0;
    for (size_t i = 0; i + 3 <= l->n; i++)
        if (memcmp(l->s + i, "\xE2\x80\xA6", 3) == 0 || memcmp(l->s + i, "...", 3) == 0)
            at = i + 3;
    while (at && at < l->n && l->s[at] == ' ')
        at++;
    if (!at || at >= l->n)
        return 0;
    line rest = {l->s + at, l->n - at, 0, 0, 0, 0, 0};
    int stop = 0;
    if (repeats(&rest) == 2)
        rest.n = rest.n / 2;
    return crier_is_boilerplate(lex, rest.s, rest.n, &stop);
}

/* True when the line is a boilerplate row of kind "image": a marker a
 * page prints where a picture is ("Image", "Photo"). */
static int image_marker(const crier_lexicon *lex, const line *l)
{
    const crier_lex_row *r =
        l->n < 40 ? crier_lex_find(lex, CRIER_TAB_BOILERPLATE, l->s, l->n) : NULL;
    return r && strcmp(r->cols[1], "image") == 0;
}

/* Marks the long CJK lines without a final stop L_STOPS when most of the
 * page's long CJK text (by units) ends its lines with one: that page
 * punctuates its prose, and its unpunctuated lines are titles and
 * teasers. Some blogs write their prose as unpunctuated lines: there,
 * nothing is marked. */
static void cjk_stops(dump *d)
{
    double stopped = 0, open = 0;
    for (size_t i = 0; i < d->n; i++)
        if ((d->v[i].flags & L_CJK) && d->v[i].units >= 20)
            *(d->v[i].flags & L_SENTENCE ? &stopped : &open) += d->v[i].units;
    for (size_t i = 0; i < d->n && stopped > open; i++)
        if ((d->v[i].flags & (L_CJK | L_SENTENCE)) == L_CJK)
            d->v[i].flags |= L_STOPS;
}

/* True when the line is markup: it starts with a tag and ends with '>'. */
static int markup(const line *l)
{
    return l->n >= 3 && l->s[0] == '<' && (isalpha((unsigned char)l->s[1]) || l->s[1] == '/' ||
                                          l->s[1] == '!') &&
           l->s[l->n - 1] == '>';
}

/* True for a tag alone, without attributes: "<head>", "</body>". */
static int bare_tag(const line *l)
{
    return markup(l) && !memchr(l->s, ' ', l->n) && !memchr(l->s, '=', l->n);
}

/* An HTML listing in an article: three lines of markup or more, one after
 * the other, one of them a tag alone ("<head>", "</body>"). Its lines are
 * code, not the markup a page printed by mistake (see placeholder()),
 * which comes as lines full of attributes. */
static void markup_listings(dump *d)
{
    enum { MIN_LINES = 3 };
    for (size_t i = 0; i < d->n;) {
        size_t k = i;
        int bare = 0;
        while (k < d->n && !(d->v[k].flags & L_BLANK) && markup(&d->v[k]))
            bare |= bare_tag(&d->v[k++]);
        for (size_t j = i; bare && k - i >= MIN_LINES && j < k; j++)
            d->v[j].flags = (d->v[j].flags & ~(unsigned)(L_IMAGE | L_FURN)) | L_CODE;
        i = k > i ? k : i + 1;
    }
}

/* A byline after marks that set it off ("// By Jane Doe", "— By Jane
 * Doe"): the marks are left out of the line. */
static void undecorate(const crier_lexicon *lex, line *l)
{
    size_t k = 0;
    for (;;) {
        if (k < l->n && strchr("/-|>~=: ", l->s[k]))
            k++;
        else if (k + 2 < l->n && (unsigned char)l->s[k] == 0xE2 && (unsigned char)l->s[k + 1] == 0x80)
            k += 3; /* U+2000..U+203F: dashes, bullets */
        else
            break;
    }
    if (k && k < l->n && crier_byline_prefix(lex, l->s + k, l->n - k)) {
        l->s += k;
        l->n -= k;
        crier_dump_count_words(l);
    }
}

/* A line of program code in an article (a listing): it ends with ";",
 * "{" or "}" (no sentence does), or starts with a "//" comment. */
static int code_like(const line *l)
{
    if (l->n < 2)
        return 0;
    char last = l->s[l->n - 1];
    return last == ';' || last == '{' || (last == '}' && l->n > 2) ||
           (l->s[0] == '/' && l->s[1] == '/' && l->n > 3);
}

/* A line printed right under a picture, with no blank line between, and
 * a blank line (or the end) after it, is the picture's caption when it is
 * short and does not end like a sentence: "Memory leak in action" under
 * "[chart.png]". A text browser sets a heading or a paragraph apart from
 * the picture above it with a blank line; a sentence there is the first
 * line of the text that goes on after the picture. */
static int under_picture(const dump *d, size_t i)
{
    enum { MAX_WORDS = 40 };
    const line *l = &d->v[i];
    if (i == 0 || !picture_only(&d->v[i - 1]) || l->words > MAX_WORDS || l->s[0] == '[' ||
        (l->flags & (L_SENTENCE | L_BULLET | L_FURN | L_IMAGE | L_END | L_CODE)))
        return 0;
    return i + 1 == d->n || d->v[i + 1].n == 0;
}

/* Measures and labels every line. */
static void classify(dump *d)
{
    int first = 1;
    for (size_t i = 0; i < d->n; i++) {
        line *l = &d->v[i];
        if (l->flags & L_BLANK)
            continue;
        crier_dump_count_words(l);
        if ((l->words <= 4 && no_letters(l) && !crier_dump_clock_at(l->s, l->n, 0) &&
             !crier_dump_date_like(d->lex, l)) || crier_dump_image_name(l->s, l->n)) {
            l->flags |= L_BLANK; /* says nothing, and splits nothing */
            continue;
        }
        /* lynx lists the page's <link rel="alternate"> first, after "#". */
        if (first && l->n > 1 && l->s[0] == '#' && l->s[1] != ' ')
            l->flags |= L_FURN;
        first = 0;
        int stop = 0;
        if (crier_is_boilerplate(d->lex, l->s, l->n, &stop))
            l->flags |= stop ? L_END | L_FURN : L_FURN;
        if (placeholder(l))
            l->flags |= L_IMAGE;
        else if (doubled(d->lex, l)) {
            l->flags |= L_IMAGE;
            crier_dump_caption_under(d, i, glued_twice(l));
        }
        if (teaser(d->lex, l) || button_row(d->lex, l))
            l->flags |= L_FURN;
        undecorate(d->lex, l);
        crier_dump_avatar(d->lex, l);
        size_t part = crier_dump_byline_part(d->lex, l);
        if (separators(l) >= 3 && !part)
            l->flags |= L_FURN; /* a menu on one line: "News ▪ Sport ▪ Culture" */
        if (crier_dump_ends_sentence(l->s, l->n))
            l->flags |= L_SENTENCE;
        if (!(l->flags & (L_FURN | L_IMAGE)) && code_like(l))
            l->flags |= L_CODE;
        if (crier_dump_is_credit(d->lex, l->s, l->n))
            l->flags |= L_CREDIT;
        if (part || crier_dump_byline_line(d->lex, l))
            l->flags |= L_BYLINE;
        if (crier_dump_date_like(d->lex, l))
            l->flags |= L_DATE;
        size_t cap, off, len;
        int strip;
        if (crier_dump_caption_split(d->lex, l, &cap, &off, &len)) {
            /* "Image: Protesters in the square. Jo Lee / AFP": a caption
             * with a label, not a credit line. */
            l->flags = (l->flags | L_CAPTION) & ~(unsigned)L_CREDIT;
            crier_dump_alt_text(d, i, cap);
        } else if (crier_dump_caption_label(d->lex, l->s, l->n, &strip)) {
            l->flags |= L_CAPTION;
        }
        if (image_marker(d->lex, l)) {
            /* "Image", then its caption on the next line. */
            size_t k = i + 1;
            while (k < d->n && (d->v[k].flags & L_BLANK))
                k++;
            if (k < d->n && d->v[k].n <= MAX_CAPTION)
                d->v[k].flags |= L_CAPTION_NEXT;
        }
        if (under_picture(d, i))
            l->flags |= L_CAPTION_NEXT;
        if ((l->flags & L_CAPTION_NEXT) && !(l->flags & (L_FURN | L_IMAGE | L_END)))
            l->flags |= L_CAPTION;
        if ((l->flags & L_CREDIT) && crier_dump_photo_credit(d->lex, l->s, l->n))
            crier_dump_photo_caption(d, i);
        else if (!(l->flags & (L_CREDIT | L_CAPTION)) &&
                 (crier_dump_slash_credit(l) || crier_dump_agency_credit(d->lex, l))) {
            l->flags |= L_CREDIT;
            crier_dump_photo_caption(d, i);
        }
    }
}

/* How much a line is worth as article text: a sentence by its length, a
 * long line without a final stop by half of it, any other line (a menu
 * item, a link, a label) a small cost, furniture more, an end marker a
 * lot. Where a page's Chinese or Japanese prose ends its sentences with
 * a stop, a long line without one is a title or a teaser (L_STOPS). */
static double value(const line *l)
{
    if (l->flags & (L_BLANK | L_GALLERY | L_DIALOG))
        return 0;
    if (l->flags & L_END)
        return -40;
    if (l->flags & L_RECORD)
        return l->flags & L_STAMP ? -6 : -1; /* comments, a feed: not the article */
    if ((l->flags & (L_FURN | L_IMAGE)) == L_IMAGE && picture_only(l) && !memchr(l->s, ' ', l->n))
        return -1; /* a picture without alt text, "[quay-3.jpg]": articles have them */
    if (l->flags & (L_FURN | L_IMAGE))
        return -6;
    if (l->flags & L_CODE)
        return 0; /* a listing neither starts nor ends the article */
    double units = l->units < 60 ? l->units : 60, v;
    if (l->flags & L_SENTENCE)
        v = units - 6;
    else if (units >= 20 && !(l->flags & L_STOPS))
        v = units * 0.5 - 6;
    else
        v = -2.5;
    if ((l->flags & (L_CREDIT | L_BYLINE | L_DATE)) && v > -2)
        v = -2;
    return v;
}

/* For pages with little prose (a changelog, a list of facts, a news brief
 * of one paragraph): a list item of two words or more, or any line of
 * four words or more, is worth a little, shorter ones cost a little, so
 * that the longest list of real items wins over menus (whose items are
 * mostly single words). A sentence that is not a list item keeps its worth
 * as prose: a brief's one paragraph outweighs the few titles of other
 * stories listed under it. */
static double list_value(const line *l)
{
    if (l->flags & (L_BLANK | L_END | L_FURN | L_IMAGE))
        return value(l);
    if ((l->flags & L_BULLET) && l->words >= 2)
        return 1; /* an item of the list, however short ("Best roses") */
    double v = value(l);
    if ((l->flags & L_SENTENCE) && v > 1)
        return v;
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

/* See textdump.h. */
void crier_dump_add(dump *d, crier_kind kind, const char *s, size_t n)
{
    if (n && crier_doc_add(d->doc, kind, s, n) < 0)
        d->oom = 1;
}

/* A subheading: short, not a sentence, and followed by prose. */
static int heading_like(const dump *d, size_t i)
{
    const line *l = &d->v[i];
    if ((l->flags & (L_SENTENCE | L_BULLET | L_CODE)) || l->units > 15)
        return 0;
    size_t k = crier_dump_next(d, i);
    return k < d->n && d->v[k].units >= 10 && !(d->v[k].flags & (L_FURN | L_END));
}

/* The first copy of the headline at h, when the page prints it twice
 * close together with a byline, a caption or a credit between the two
 * copies: the header starts at the first. A copy in the page's title bar
 * has a menu between, not these. h when there is none. */
static size_t first_copy(const dump *d, size_t h)
{
    enum { NEAR = 12 }; /* lines */
    size_t k = h > NEAR ? h - NEAR : 0;
    while (k < h && !crier_dump_same(&d->v[k], &d->v[h]))
        k++;
    for (size_t i = k + 1; i < h; i++)
        if (d->v[i].flags & (L_BYLINE | L_CAPTION | L_CREDIT))
            return k;
    return h;
}

/* The date or time stamp under a byline's line i (maybe after a short
 * label: "Games Editor"), or d->n. */
static size_t date_under(const dump *d, size_t i)
{
    size_t k = crier_dump_next(d, i);
    if (k < d->n && !(d->v[k].flags & (L_DATE | L_STAMP)) && d->v[k].units <= 3)
        k = crier_dump_next(d, k);
    return k < d->n && (d->v[k].flags & (L_DATE | L_STAMP)) ? k : d->n;
}

/* Lines between the headline at h and the body at a: standfirst,
 * byline, dateline, captions and credits, from line `top` (the
 * headline's first copy, see first_copy()). The rest (share buttons,
 * kickers) is dropped. After a line that ends an article ("You may also
 * like") come other stories' titles: none of them is the standfirst. */
static void header_zone(dump *d, size_t top, size_t h, size_t a)
{
    int standfirst = 0;
    size_t rest = 0, nb = d->doc->byline ? d->n : crier_dump_name_byline(d, h, a, &rest);
    size_t when = nb < d->n ? date_under(d, nb) : d->n;
    if (nb <= top) { /* above the headline */
        crier_dump_add_name_byline(d, &d->v[nb], rest);
        if (when < top)
            crier_dump_add_dateline(d, d->v[when].s, d->v[when].n);
    }
    for (size_t i = top + 1; i < a; i++) {
        const line *l = &d->v[i];
        standfirst |= (l->flags & L_END) != 0;
        if ((l->flags & (L_BLANK | L_FURN | L_IMAGE)) || crier_dump_same(l, &d->v[h]))
            continue;
        if (i == nb)
            crier_dump_add_name_byline(d, l, rest);
        else if (i == when)
            crier_dump_add_dateline(d, l->s, l->n);
        else if (l->flags & L_CREDIT)
            crier_dump_add_credit(d, l->s, l->n);
        else if (l->flags & L_BYLINE)
            crier_dump_add_byline_line(d, l);
        else if (!d->doc->byline && crier_dump_add_label_byline(d, l))
            ;
        else if (l->flags & L_DATE)
            crier_dump_add_dateline(d, l->s, l->n);
        else if (crier_dump_take_caption(d, l))
            ;
        else if (!standfirst && l->units >= 8) {
            crier_dump_add(d, CRIER_KIND_STANDFIRST, l->s, l->n);
            standfirst = 1;
        }
    }
}

/* A menu-like line: a few words, not a sentence, not a caption (a short
 * one under its picture's tags), not a byline (a name under its "By"). */
static int menu_item(const line *l)
{
    return !(l->flags & (L_BLANK | L_SENTENCE | L_CODE | L_CAPTION | L_BYLINE)) && l->units <= 4;
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
        if ((l->flags & (L_BLANK | L_FURN | L_IMAGE | L_RECORD | L_GALLERY | L_DIALOG)) ||
            (h < d->n && crier_dump_same(l, &d->v[h])))
            continue;
        size_t rest = 0, dl = 0;
        if (l->flags & L_CREDIT)
            crier_dump_add_credit(d, l->s, l->n);
        else if (crier_dump_take_caption(d, l))
            ;
        else if ((l->flags & L_BYLINE) && !d->doc->byline)
            crier_dump_add_byline_line(d, l);
        else if (!seen_para && (dl = crier_dump_dateline_len(l->s, l->n, &rest)) > 0 && rest < l->n) {
            crier_dump_add(d, CRIER_KIND_DATELINE, l->s, dl);
            crier_dump_add(d, CRIER_KIND_PARAGRAPH, l->s + rest, l->n - rest);
            seen_para = 1;
        } else if (heading_like(d, i) && seen_para) {
            crier_dump_add(d, CRIER_KIND_HEADING, l->s, l->n);
        } else {
            crier_dump_add(d, CRIER_KIND_PARAGRAPH, l->s, l->n);
            seen_para = 1;
        }
    }
}

/* Credits and captions just after the body: "Source: Reuters",
 * "Reporting by ...", the last picture's caption, the writer's name and
 * the date when the page signs at the end. */
static void trailing_credits(dump *d, size_t b)
{
    for (size_t i = crier_dump_next(d, b), m = 0; i < d->n && m < 6; i = crier_dump_next(d, i), m++) {
        if (d->v[i].flags & (L_END | L_RECORD | L_GALLERY))
            break;
        if (d->v[i].flags & L_CREDIT)
            crier_dump_add_credit(d, d->v[i].s, d->v[i].n);
        else if (!crier_dump_take_caption(d, &d->v[i]))
            crier_dump_signature(d, &d->v[i]);
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

/* Where the body starts when the headline at h has a byline or a date
 * under it: the line after the last of them among the first few lines
 * under the headline, with at most one line of prose (the standfirst)
 * before them. h + 1 when there is none. */
static size_t signed_top(const dump *d, size_t h)
{
    enum { NEAR_HEADLINE = 8 }; /* lines of text */
    size_t top = h + 1, rest;
    unsigned prose = 0, seen = 0;
    for (size_t i = crier_dump_next(d, h); i < d->n && seen < NEAR_HEADLINE; i = crier_dump_next(d, i)) {
        const line *l = &d->v[i];
        if (l->flags & (L_FURN | L_IMAGE))
            continue;
        seen++;
        if ((l->flags & (L_BYLINE | L_DATE)) ||
            (crier_dump_name_len(d->lex, l, &rest) && rest < l->n))
            top = i + 1;
        else if (value(l) > 0 && prose++)
            break;
    }
    return top;
}

/* True when a byline, a date or a time stamp is among the three lines of
 * text under line k. */
static int signed_under(const dump *d, size_t k)
{
    for (size_t j = crier_dump_next(d, k), m = 0; j < d->n && m < 3; j = crier_dump_next(d, j), m++)
        if (d->v[j].flags & (L_BYLINE | L_DATE | L_STAMP))
            return 1;
    return 0;
}

/* The line where the headline h stands over its article: a page that
 * shows its own story among teasers above it (a list of the day's news)
 * prints the headline twice, and the copy with the byline or the date
 * under it is the article's. The later copy, up to the body's end b,
 * when h has none under it and it does; h otherwise. */
static size_t later_copy(const dump *d, size_t h, size_t b)
{
    if (h >= d->n || signed_under(d, h))
        return h;
    for (size_t k = h + 1; k <= b && k < d->n; k++)
        if (crier_dump_same(&d->v[k], &d->v[h]) && signed_under(d, k))
            return k;
    return h;
}

/* The first "skip to the main content" link (boilerplate.tsv, "skip")
 * after line a and before line b, or d->n. */
static size_t skip_link(const dump *d, size_t a, size_t b)
{
    for (size_t i = a + 1; i < b && i < d->n; i++) {
        const line *l = &d->v[i];
        const crier_lex_row *r = (l->flags & L_FURN) && l->n < 80
                                     ? crier_lex_find(d->lex, CRIER_TAB_BOILERPLATE, l->s, l->n)
                                     : NULL;
        if (r && strcmp(r->cols[1], "skip") == 0)
            return i;
    }
    return d->n;
}

/* Finds the body, the headline and the rest, and adds them to the doc. */
static void extract(dump *d)
{
    enum { SOME_PROSE = 20 }; /* a paragraph or two */
    size_t a = 0, b = 0;
    if (best_run(d, value, &a, &b) >= SOME_PROSE) {
        /* A link that skips to the main content jumps over what comes
         * before it: a page that prints a sidebar first (teasers, with
         * some prose) has its article after the link, never before. */
        size_t k = skip_link(d, a, b);
        for (size_t i = 0; k < d->n && i < k; i++)
            d->v[i].flags |= L_FURN;
    }
    if (best_run(d, value, &a, &b) < SOME_PROSE && !best_run(d, list_value, &a, &b)) {
        /* No prose and no list: all of it is the body, but for the
         * furniture. */
        a = 0;
        b = d->n - 1;
    }
    crier_dump_cut_teasers(d, a, b);
    size_t h = crier_dump_headline(d, a, b);
    if (h < d->n && h >= a && !text_after(d, h, d->n - 1))
        h = d->n; /* the only text there is: the body, not a headline */
    h = later_copy(d, h, b);
    if (h < d->n) {
        crier_dump_add(d, CRIER_KIND_HEADLINE, d->v[h].s, d->v[h].n);
        if (!d->doc->title && crier_doc_set(&d->doc->title, d->v[h].s, d->v[h].n) < 0)
            d->oom = 1;
        size_t top = signed_top(d, h);
        if (top > a && top <= b)
            a = top;
        if (h < a)
            header_zone(d, first_copy(d, h), h, a);
        else
            a = h + 1;
    }
    body(d, h, a, b);
    trailing_credits(d, b);
    crier_dump_outer_date(d, h, b);
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
    char *unwrapped = crier_dump_unwrap(lex, text, len, &ulen);
    d.v = unwrapped ? split_lines(unwrapped, ulen, &d.n) : NULL;
    if (!d.v || count_dups(d.v, d.n) < 0) {
        free(d.v);
        free(unwrapped);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    classify(&d);
    cjk_stops(&d);
    markup_listings(&d);
    crier_dump_alt_captions(&d);
    crier_dump_name_credits(&d);
    crier_dump_split_bylines(&d);
    if (crier_dump_zones(&d) < 0)
        d.oom = 1;
    else if (d.n)
        extract(&d);
    free(d.v);
    free(unwrapped);
    return d.oom ? crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory") : CRIER_OK;
}

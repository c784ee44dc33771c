/* textname.c -- people's names that a text dump prints beside its
 * pictures and its headline, where textmeta.c's credit and byline words
 * are missing: photographers' names in brackets, "Name/Agency" credits,
 * a writer's picture and name after a publication's ("Garden Notes [0]
 * Jane Doe"), a byline cut in two ("By" over the name) and a blog's
 * signature after the post ("Jane Doe — 2013-09-29 — in Code"), and a
 * writer named in a field of a header printed as fields ("Author: ...").
 *
 * A photographer who takes all the pictures of a how-to page signs each
 * caption with a name in brackets and no "Photo:" before it: "Dig a hole
 * in the foam. (Jo Lee)". One such line could be anything (a list of
 * people and their roles); the same name closing several lines near each
 * other is a credit, and the lines are captions (with the picture's alt
 * text above them, when it says the same). */
#include "doc.h"
#include "internal.h"
#include "textdump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* See textdump.h. */
size_t crier_dump_name_credit(const crier_lexicon *lex, const line *l)
{
    enum { MIN_WORDS = 2, MAX_WORDS = 40 };
    const char *s = l->s;
    size_t n = l->n, rest;
    if (n < 8 || n > MAX_CAPTION || s[n - 1] != ')' || (l->flags & L_BULLET))
        return 0;
    size_t open = n - 2;
    while (open > 0 && s[open] != '(' && s[open] != ')')
        open--;
    if (s[open] != '(' || open < 2 || s[open - 1] != ' ')
        return 0;
    line name = {s + open + 1, n - open - 2, 0, 0, 0, 0, 0};
    crier_dump_count_words(&name);
    if (crier_dump_name_len(lex, &name, &rest) != name.n || rest != name.n)
        return 0;
    line cap = {s, open - 1, 0, 0, 0, 0, 0};
    crier_dump_count_words(&cap);
    return cap.words >= MIN_WORDS && cap.words <= MAX_WORDS ? open : 0;
}

/* True when lines i and k end with the same name in brackets, at
 * offsets a and b. */
static int same_name(const dump *d, size_t i, size_t a, size_t k, size_t b)
{
    size_t la = d->v[i].n - a, lb = d->v[k].n - b;
    return la == lb && memcmp(d->v[i].s + a, d->v[k].s + b, la) == 0;
}

/* See textdump.h. Each line is read once, and compared with the few
 * candidates that follow it within NEAR lines, so the pass stays linear. */
void crier_dump_name_credits(dump *d)
{
    enum { NEAR = 40, TRIES = 4 }; /* lines; candidates looked at */
    size_t *at = malloc((d->n ? d->n : 1) * sizeof *at);
    if (!at) {
        d->oom = 1;
        return;
    }
    for (size_t i = 0; i < d->n; i++)
        at[i] = d->v[i].flags & (L_BLANK | L_FURN) ? 0 : crier_dump_name_credit(d->lex, &d->v[i]);
    for (size_t i = 0; i < d->n; i++) {
        size_t a = at[i];
        unsigned tries = 0;
        for (size_t k = i + 1; a && k < d->n && k <= i + NEAR && tries < TRIES; k++) {
            size_t b = at[k];
            if (!b)
                continue;
            tries++;
            if (same_name(d, i, a, k, b)) {
                d->v[i].flags |= L_CAPTION;
                d->v[k].flags |= L_CAPTION;
                crier_dump_alt_text(d, i, a - 1);
                crier_dump_alt_text(d, k, b - 1);
                break;
            }
        }
    }
    free(at);
}

/* Length of the first half of s when s is the same words twice, as a
 * text browser prints a picture's alt text before its caption ("Moss on
 * the stones Moss on the stones"); n otherwise. */
static size_t once(const char *s, size_t n)
{
    size_t h = n / 2;
    return n >= 5 && n % 2 == 1 && s[h] == ' ' && memcmp(s, s + h + 1, h) == 0 ? h : n;
}

/* See textdump.h. */
int crier_dump_take_name_credit(dump *d, const line *l)
{
    size_t open = crier_dump_name_credit(d->lex, l);
    if (!open)
        return 0;
    crier_dump_add(d, CRIER_KIND_CAPTION, l->s, once(l->s, open - 1));
    crier_dump_add_credit(d, l->s + open + 1, l->n - open - 2);
    return 1;
}

/* Length of the first part of s, up to a separator between parts: a
 * dash ("—", " - "), a "|", a bullet or a middle dot. */
static size_t first_part(const char *s, size_t n)
{
    static const char *const SEPS[] = {" - ", "|", "\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\xA2", "\xC2\xB7"};
    size_t end = n;
    for (size_t i = 0; i < end; i++)
        for (size_t k = 0; k < CRIER_ARRAY_LEN(SEPS); k++) {
            size_t m = strlen(SEPS[k]);
            if (i + m <= n && memcmp(s + i, SEPS[k], m) == 0) {
                end = i;
                break;
            }
        }
    while (end && s[end - 1] == ' ')
        end--;
    return end;
}

/* See textdump.h. */
int crier_dump_signature(dump *d, const line *l)
{
    size_t rest = 0, name = d->doc->byline ? 0 : crier_dump_name_len(d->lex, l, &rest);
    if (!name || rest >= l->n)
        return 0;
    line when = {l->s + rest, first_part(l->s + rest, l->n - rest), 0, 0, 0, 0, 0};
    crier_dump_count_words(&when);
    if (!when.n || !crier_dump_date_like(d->lex, &when))
        return 0;
    line who = *l;
    who.n = name;
    crier_dump_add_byline(d, &who);
    crier_dump_add_dateline(d, when.s, when.n);
    return 1;
}

/* A credit of the form "Name/Agency" alone on its line: "Jane Doe/AFP",
 * "Jo Lee / Getty Images": a person's name of two words or more, a slash,
 * then a name, all words with capitals, seven words at most. */
int crier_dump_slash_credit(const line *l)
{
    enum { MAX_WORDS = 7, MAX_BYTES = 80 };
    const char *slash = l->n <= MAX_BYTES ? memchr(l->s, '/', l->n) : NULL;
    if (!slash || l->words > MAX_WORDS || memchr(slash + 1, '/', l->n - (size_t)(slash - l->s) - 1))
        return 0;
    unsigned before = 0, after = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->s[i] == ' ' || l->s[i] == '/')
            continue;
        if (i > 0 && l->s[i - 1] != ' ' && l->s[i - 1] != '/')
            continue; /* inside a word */
        if (!isupper((unsigned char)l->s[i]))
            return 0;
        *(l->s + i < slash ? &before : &after) += 1;
    }
    for (size_t i = 0; i < l->n; i++)
        if (!isalpha((unsigned char)l->s[i]) && !strchr(" /.-'&", l->s[i]) && (unsigned char)l->s[i] < 0x80)
            return 0;
    return before >= 2 && after >= 1;
}

/* True when s[0..n) is the whole name of a news or picture agency
 * (credits.tsv, "Getty Images"). */
static int agency(const crier_lexicon *lex, const char *s, size_t n)
{
    size_t count = crier_lex_count(lex, CRIER_TAB_CREDITS);
    for (size_t i = 0; i < count; i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_CREDITS, i);
        if (strcmp(r->cols[1], "agency") == 0 && strlen(r->cols[0]) == n && memcmp(s, r->cols[0], n) == 0)
            return 1;
    }
    return 0;
}

/* See textdump.h. */
int crier_dump_agency_credit(const crier_lexicon *lex, const line *l)
{
    enum { MAX_WORDS = 10, MAX_BYTES = 100 };
    const char *s = l->s;
    size_t n = l->n;
    if (n > MAX_BYTES || l->words > MAX_WORDS || (l->flags & L_BULLET))
        return 0;
    if (n > 2 && s[0] == '(' && s[n - 1] == ')') {
        s++;
        n -= 2;
    }
    size_t last = n;
    while (last && s[last - 1] != '/')
        last--;
    if (last < 2 || last == n || memchr(s, '(', n) || memchr(s, ')', n) ||
        crier_dump_ends_sentence(s, n))
        return 0;
    while (last < n && s[last] == ' ')
        last++;
    return agency(lex, s + last, n - last);
}

/* True when s[0..n) is a person's name and nothing else. */
static int whole_name(const crier_lexicon *lex, const char *s, size_t n)
{
    line l = {s, n, 0, 0, 0, 0, 0};
    size_t rest;
    crier_dump_count_words(&l);
    return crier_dump_name_len(lex, &l, &rest) == n && rest == n;
}

/* See textdump.h. */
void crier_dump_avatar(const crier_lexicon *lex, line *l)
{
    enum { MAX_BEFORE = 3, MAX_BYTES = 160 }; /* words; the line */
    const char *s = l->s;
    size_t n = l->n;
    if (n > MAX_BYTES || l->words > MAX_BEFORE + 8)
        return;
    unsigned words = 0;
    for (size_t w = 0; w < n && words <= MAX_BEFORE; w++) {
        if (w > 0 && s[w - 1] != ' ')
            continue;
        words++;
        size_t t = n - w;
        if (s[w] == '[') { /* "Backchannel [0] Jane Doe" */
            const char *close = memchr(s + w, ']', t);
            size_t k = close ? (size_t)(close - s) + 1 : n;
            if (k + 1 < n && s[k] == ' ' && !memchr(s + w, ' ', k - w) && whole_name(lex, s + k + 1, n - k - 1)) {
                l->s += k + 1;
                l->n -= k + 1;
                crier_dump_count_words(l);
                return;
            }
        }
        if (w > 0 && t % 2 == 1 && s[w + t / 2] == ' ' && memcmp(s + w, s + w + t / 2 + 1, t / 2) == 0 &&
            whole_name(lex, s + w, t / 2)) { /* "Backchannel Jane Doe Jane Doe" */
            l->s += w;
            l->n = t / 2;
            crier_dump_count_words(l);
            return;
        }
    }
}

/* True when the line is a byline's prefix and nothing more: "By", "WRITTEN
 * BY", "Written on Mar 27 by" (a date before it). */
static int prefix_alone(const crier_lexicon *lex, const line *l)
{
    size_t n = l->n;
    while (n && (l->s[n - 1] == ':' || l->s[n - 1] == ' '))
        n--;
    if (!n || n > 60)
        return 0;
    size_t w = n;
    while (w && l->s[w - 1] != ' ')
        w--;
    for (size_t k = 0; k <= w; k = k < w ? w : w + 1) {
        /* The prefix with a space after it, as crier_byline_prefix() wants. */
        char buf[64];
        memcpy(buf, l->s + k, n - k);
        buf[n - k] = ' ';
        if (crier_byline_prefix(lex, buf, n - k + 1) != n - k)
            continue;
        if (k == 0)
            return 1;
        line before = {l->s, k - 1, 0, 0, 0, 0, 0};
        crier_dump_count_words(&before);
        if (crier_dump_date_like(lex, &before))
            return 1;
    }
    return 0;
}

/* See textdump.h. */
void crier_dump_split_bylines(dump *d)
{
    for (size_t i = 0; i < d->n; i++) {
        line *l = &d->v[i];
        if ((l->flags & (L_BLANK | L_BYLINE)) || !prefix_alone(d->lex, l))
            continue;
        size_t k = crier_dump_next(d, i);
        if (k >= d->n || k > i + 2 || !whole_name(d->lex, d->v[k].s, d->v[k].n))
            continue;
        l->flags |= L_FURN;
        d->v[k].flags |= L_BYLINE;
        i = k;
    }
}

/* ==== Labelled bylines ====================================================
 * Some pages print their header as fields, each a label and a colon, on
 * one line: "Source: Xinhua  Author: Jane Doe", or in Chinese with nothing
 * between the fields ("来源：…作者：…责任编辑：…"). The field whose label
 * names the writer (byline.tsv, "label") is the byline; it runs to the
 * next writer's label, a "|", an ideographic space or two spaces. A label
 * with nothing after it (a blank author, the next label right after) is
 * passed over for the next one. Each byte is looked at a few times (once
 * per label): linear. */

/* Length of a writer's label at s[i..] with its colon (ASCII or
 * full-width) and the spaces after it, or 0. A Latin label starts a
 * word. */
static size_t label_at(const crier_lexicon *lex, const char *s, size_t n, size_t i)
{
    if (i > 0 && isalnum((unsigned char)s[i - 1]))
        return 0;
    size_t count = crier_lex_count(lex, CRIER_TAB_BYLINE);
    for (size_t r = 0; r < count; r++) {
        const crier_lex_row *row = crier_lex_at(lex, CRIER_TAB_BYLINE, r);
        size_t k = strlen(row->cols[0]), j = i + k;
        if (!(row->flags & CRIER_BYLINE_LABEL) || j > n || strncasecmp(s + i, row->cols[0], k) != 0)
            continue;
        while (j < n && s[j] == ' ')
            j++;
        if (j < n && s[j] == ':')
            j++;
        else if (j + 3 <= n && memcmp(s + j, "\xEF\xBC\x9A", 3) == 0) /* U+FF1A */
            j += 3;
        else
            continue;
        size_t sp;
        while (j < n && (sp = crier_dump_space_at(s + j, n - j)) > 0)
            j += sp;
        return j - i;
    }
    return 0;
}

/* True when the field's value ends at s[e]: a "|", an ideographic space
 * or a tab, two spaces, or the next writer's label. */
static int field_end(const crier_lexicon *lex, const char *s, size_t n, size_t e)
{
    if (s[e] == '|' || s[e] == '\t' || (s[e] == ' ' && e + 1 < n && s[e + 1] == ' '))
        return 1;
    if (e + 3 <= n && memcmp(s + e, "\xE3\x80\x80", 3) == 0)
        return 1;
    return label_at(lex, s, n, e) > 0;
}

/* See textdump.h. */
int crier_dump_label_byline(const crier_lexicon *lex, const line *l, size_t *at, size_t *off,
                            size_t *len)
{
    enum { MAX_BYTES = 300 }; /* a header's line, not a paragraph */
    const char *s = l->s;
    size_t n = l->n, first = n; /* where the first label, empty or not, starts */
    for (size_t i = 0; n <= MAX_BYTES && i < n; i++) {
        size_t k = label_at(lex, s, n, i);
        if (!k)
            continue;
        size_t v = i + k, e = v;
        while (e < n && !field_end(lex, s, n, e))
            e++;
        while (e > v && s[e - 1] == ' ')
            e--;
        if (first == n)
            first = i;
        if (e > v) {
            *at = first;
            *off = v;
            *len = e - v;
            return 1;
        }
        i = v - 1; /* an empty field: the next label */
    }
    return 0;
}

/* See textdump.h. */
int crier_dump_add_label_byline(dump *d, const line *l)
{
    size_t at, off, len;
    if (!crier_dump_label_byline(d->lex, l, &at, &off, &len))
        return 0;
    line by = {l->s + off, len, 0, 0, 0, 0, 0};
    crier_dump_add_byline(d, &by);
    line when = {l->s, at, 0, 0, 0, 0, 0};
    crier_dump_count_words(&when);
    if (at && crier_dump_date_like(d->lex, &when))
        crier_dump_add_dateline(d, when.s, when.n);
    return 1;
}

/* textwrap.c -- a text dump's text before it is cut into lines.
 *
 * Some pages keep their source's line breaks (CSS white-space: pre), or
 * break their paragraphs with <br>, so a paragraph arrives cut into lines
 * of sixty characters; and text browsers print a picture without alt text
 * as its file name, "[chart.png]", among a line's words. This file mends
 * both, in one pass over the text, before textdump.c measures its lines. */
#include "buf.h"
#include "internal.h"
#include "textdump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* See textdump.h. */
int crier_dump_image_name(const char *s, size_t n)
{
    static const char *const EXT[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"};
    if (n > 200 || memchr(s, ' ', n))
        return 0;
    for (size_t k = 0; k < CRIER_ARRAY_LEN(EXT); k++) {
        size_t e = strlen(EXT[k]);
        if (n > e && strncasecmp(s + n - e, EXT[k], e) == 0)
            return 1;
    }
    return 0;
}

/* Length of a picture's file name in brackets at s[i], "[map-2.png]", with
 * the spaces after it; 0 when there is none. */
static size_t image_tag_at(const char *s, size_t n, size_t i)
{
    enum { MAX_NAME = 128 };
    if (s[i] != '[')
        return 0;
    /* A name has no space or bracket in it: the scan stops at the first
     * one, so that a line of brackets costs no more than its length. */
    size_t k = i + 1;
    while (k < n && k - i <= MAX_NAME && s[k] != ']' && s[k] != '[' && s[k] != ' ')
        k++;
    if (k >= n || s[k] != ']' || !crier_dump_image_name(s + i + 1, k - i - 1))
        return 0;
    k++;
    while (k < n && s[k] == ' ')
        k++;
    return k - i;
}

/* Appends s to b without the pictures' file names in brackets among its
 * words (a text browser prints "[chart.png]" in a table's cells): they
 * say nothing. A line that is nothing but such names is kept as it is,
 * a placeholder (see placeholder() in textdump.c). */
static void put_text(crier_buf *b, const char *s, size_t n)
{
    int words = 0;
    for (size_t i = 0; i < n && !words;) {
        size_t t = image_tag_at(s, n, i);
        words = !t && s[i] != ' ';
        i += t ? t : 1;
    }
    for (size_t i = 0, t; i < n; i += t ? t : 1) {
        t = words ? image_tag_at(s, n, i) : 0;
        if (!t)
            crier_buf_putc(b, s[i]);
    }
}

/* True when a line stops in the middle of a sentence: after a comma, or
 * on a word in lower case ("... and the", not "... Hand Washing", which
 * is how a title or a label ends). */
static int mid_sentence(const line *l)
{
    size_t w = l->n;
    while (w && l->s[w - 1] != ' ')
        w--;
    return l->n && (l->s[l->n - 1] == ',' || (w < l->n && islower((unsigned char)l->s[w])));
}

/* True when a line goes on with the sentence of the line before: it
 * starts in lower case, with two words or more, and not with a byline's
 * "by" (a headline in sentence case over "by Jane Doe"). */
static int continues(const crier_lexicon *lex, const char *s, size_t n)
{
    line l = {s, n, 0, 0, 0, 0, 0};
    crier_dump_count_words(&l);
    return islower((unsigned char)s[0]) && l.words >= 2 && !crier_byline_prefix(lex, s, n);
}

/* See textdump.h. */
char *crier_dump_unwrap(const crier_lexicon *lex, const char *text, size_t len, size_t *out_len)
{
    crier_buf b = CRIER_BUF_INIT;
    size_t para_indent = 0;
    int prev_text = 0, prev_open = 0, prev_mid = 0;
    for (size_t i = 0; i <= len;) {
        const char *eol = memchr(text + i, '\n', len - i);
        size_t end = eol ? (size_t)(eol - text) : len, a = i, sp;
        while (a < end && (sp = crier_dump_space_at(text + a, end - a)) != 0)
            a += sp;
        size_t e = end;
        while (e > a && isspace((unsigned char)text[e - 1]))
            e--;
        int blank = a == e, bullet = !blank && crier_dump_bullet_len(text + a, e - a) > 0;
        int join = prev_text && !blank && !bullet && prev_open &&
                   (a - i >= para_indent + 3 || (prev_mid && continues(lex, text + a, e - a)));
        if (join) {
            crier_buf_putc(&b, ' ');
            put_text(&b, text + a, e - a);
        } else {
            if (i)
                crier_buf_putc(&b, '\n');
            put_text(&b, text + i, end - i);
            para_indent = a - i;
        }
        if (!blank) {
            line l = {text + a, e - a, 0, 0, 0, 0, 0};
            crier_dump_count_words(&l);
            prev_open = l.words >= 6 && !crier_dump_ends_sentence(l.s, l.n);
            prev_mid = mid_sentence(&l);
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


/* htmlguard.c -- keeps the HTML parser in linear time.
 *
 * gumbo 0.10 follows the HTML5 tree-building algorithm to the letter, and
 * two of its steps walk a list for every tag: "has an element in scope"
 * walks the stack of open elements, and the duplicate-attribute check walks
 * the tag's attributes. 100,000 nested <div>s take it 35 seconds; one tag
 * with 100,000 attributes, as long. Browsers cap the first (Chromium
 * builds no tree deeper than 512), and no real page comes near either.
 *
 * This file does the same before gumbo sees the page. It is not a parser:
 * it only finds tags well enough to count them (comments, raw-text elements
 * such as <script>, quoted attribute values), estimates the nesting depth
 * from the start and end tags of elements that need an end tag, and when a
 * page goes past the caps, copies it without the start tags beyond depth
 * MAX_DEPTH (and as many matching end tags) and without attributes past
 * MAX_ATTRS. Text is never removed. Ordinary pages pass through untouched:
 * the copy is only made when a cap is hit. */
#include "html.h"
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_DEPTH = 512, MAX_ATTRS = 64 };

/* Elements that never have content, and elements whose end tag may be left
 * out (they close implicitly). Neither adds to the estimated depth. */
static const char *const NO_DEPTH[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image", "menuitem",
    "html", "head", "body", "p", "li", "dt", "dd", "rt", "rp", "optgroup", "option",
    "colgroup", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"};

/* Elements whose content is text up to their end tag. */
static const char *const RAW[] = {"script", "style", "textarea", "title", "xmp",
                                  "iframe", "noembed", "noframes"};

typedef struct scan {
    const char *s;
    size_t n, i;
    long depth, excess;
    long foreign;    /* open <svg> and <math>: there "<x/>" closes itself */
    int hit;         /* a cap was reached */
    crier_buf *out;  /* NULL on the first, counting pass */
} scan;

static int in_list(const char *name, size_t n, const char *const *list, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (strlen(list[k]) == n && strncasecmp(list[k], name, n) == 0)
            return 1;
    return 0;
}

static void emit(scan *sc, size_t from, size_t to)
{
    if (sc->out && to > from)
        crier_buf_put(sc->out, sc->s + from, to - from);
}

/* Offset of `needle` (case-insensitive) at or after i, or n. */
static size_t find_ci(const char *s, size_t n, size_t i, const char *needle)
{
    size_t k = strlen(needle);
    for (; i + k <= n; i++) {
        const char *p = memchr(s + i, '<', n - i);
        if (!p)
            return n;
        i = (size_t)(p - s);
        if (i + k <= n && strncasecmp(s + i, needle, k) == 0)
            return i;
    }
    return n;
}

static int name_char(char c) { return isalnum((unsigned char)c) || c == '-' || c == ':' || c == '_'; }

/* Scans a start tag at sc->i ('<' then a letter). Copies it, or drops it
 * when it would nest too deep, and trims its attributes. */
static void start_tag(scan *sc)
{
    const char *s = sc->s;
    size_t n = sc->n, i = sc->i + 1, name = i;
    while (i < n && name_char(s[i]))
        i++;
    size_t name_len = i - name, attrs = 0, cut = 0;
    int self_closing = 0;
    while (i < n && s[i] != '>') {
        if (isspace((unsigned char)s[i]) || s[i] == '/') {
            self_closing = s[i] == '/';
            i++;
            continue;
        }
        self_closing = 0;
        if (++attrs == MAX_ATTRS + 1)
            cut = i; /* the attributes from here on are left out */
        while (i < n && !isspace((unsigned char)s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=')
            i++;
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && isspace((unsigned char)s[i]))
                i++;
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                const char *q = memchr(s + i + 1, s[i], n - i - 1);
                i = q ? (size_t)(q - s) + 1 : n;
            } else {
                while (i < n && !isspace((unsigned char)s[i]) && s[i] != '>')
                    i++;
            }
        }
    }
    size_t end = i < n ? i + 1 : n;
    /* In HTML, "<div/>" opens a div; only SVG and MathML have
     * self-closing tags. */
    int foreign_root = name_len == 3 ? strncasecmp(s + name, "svg", 3) == 0
                                     : name_len == 4 && strncasecmp(s + name, "math", 4) == 0;
    self_closing &= sc->foreign > 0 || foreign_root;
    int deep = !self_closing && !in_list(s + name, name_len, NO_DEPTH, CRIER_ARRAY_LEN(NO_DEPTH));
    sc->foreign += foreign_root && !self_closing;
    if (deep && sc->depth >= MAX_DEPTH) {
        sc->hit = 1;
        sc->excess++;
    } else {
        sc->depth += deep;
        if (cut) {
            sc->hit = 1;
            emit(sc, sc->i, cut);
            emit(sc, end - 1, end);
        } else {
            emit(sc, sc->i, end);
        }
    }
    sc->i = end;
    if (in_list(s + name, name_len, RAW, CRIER_ARRAY_LEN(RAW))) {
        /* Raw text: copy it whole, up to its end tag. */
        char close[16] = "</";
        memcpy(close + 2, s + name, name_len < 12 ? name_len : 12);
        size_t stop = find_ci(s, n, end, close);
        emit(sc, end, stop);
        sc->i = stop;
    }
}

/* Scans an end tag at sc->i ("</" then a letter). */
static void end_tag(scan *sc)
{
    const char *s = sc->s;
    size_t i = sc->i + 2, name = i;
    while (i < sc->n && name_char(s[i]))
        i++;
    size_t name_len = i - name;
    const char *gt = memchr(s + i, '>', sc->n - i);
    size_t end = gt ? (size_t)(gt - s) + 1 : sc->n;
    if (sc->foreign > 0 && ((name_len == 3 && strncasecmp(s + name, "svg", 3) == 0) ||
                            (name_len == 4 && strncasecmp(s + name, "math", 4) == 0)))
        sc->foreign--;
    if (!in_list(s + name, name_len, NO_DEPTH, CRIER_ARRAY_LEN(NO_DEPTH))) {
        if (sc->excess > 0) {
            sc->excess--; /* the end of a start tag that was left out */
            sc->i = end;
            return;
        }
        if (sc->depth > 0)
            sc->depth--;
    }
    emit(sc, sc->i, end);
    sc->i = end;
}

/* Scans markup that is not an element tag: a comment, doctype or
 * processing instruction, copied whole. */
static void other_markup(scan *sc)
{
    const char *s = sc->s;
    size_t end;
    if (sc->i + 4 <= sc->n && memcmp(s + sc->i, "<!--", 4) == 0) {
        const char *p = s + sc->i + 4;
        end = sc->n;
        while ((p = memchr(p, '-', (size_t)(s + sc->n - p))) != NULL) {
            if (p + 3 <= s + sc->n && memcmp(p, "-->", 3) == 0) {
                end = (size_t)(p - s) + 3;
                break;
            }
            p++;
        }
    } else {
        const char *gt = memchr(s + sc->i, '>', sc->n - sc->i);
        end = gt ? (size_t)(gt - s) + 1 : sc->n;
    }
    emit(sc, sc->i, end);
    sc->i = end;
}

static void run(scan *sc)
{
    while (sc->i < sc->n) {
        const char *lt = memchr(sc->s + sc->i, '<', sc->n - sc->i);
        size_t at = lt ? (size_t)(lt - sc->s) : sc->n;
        emit(sc, sc->i, at);
        sc->i = at;
        if (at + 1 >= sc->n) {
            emit(sc, at, sc->n);
            break;
        }
        char c = sc->s[at + 1];
        if (isalpha((unsigned char)c))
            start_tag(sc);
        else if (c == '/' && at + 2 < sc->n && isalpha((unsigned char)sc->s[at + 2]))
            end_tag(sc);
        else if (c == '!' || c == '?')
            other_markup(sc);
        else {
            emit(sc, at, at + 1);
            sc->i = at + 1;
        }
    }
}

char *crier_html_guard(const char *html, size_t len, size_t *out_len, int *oom)
{
    scan sc = {html, len, 0, 0, 0, 0, 0, NULL};
    *out_len = 0;
    run(&sc);
    if (!sc.hit)
        return NULL;
    crier_buf b = CRIER_BUF_INIT;
    if (crier_buf_grow(&b, len + 1) < 0) {
        *oom = 1;
        return NULL;
    }
    scan copy = {html, len, 0, 0, 0, 0, 0, &b};
    run(&copy);
    if (b.oom) {
        crier_buf_free(&b);
        *oom = 1;
        return NULL;
    }
    *out_len = b.len;
    return crier_buf_detach(&b);
}

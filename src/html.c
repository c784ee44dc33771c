/* html.c -- stage 1b: finds the article in a page's HTML.
 *
 * In: clean HTML text. Out: crier_doc segments in page order, plus the
 * title, byline, date and site from the page's metadata.
 *
 *  1. htmlguard.c caps the nesting that would make the parser slow, then
 *     gumbo parses the page as a browser would (the WHATWG algorithm:
 *     broken markup and entities come out as browsers show them).
 *  2. The tree is flattened into an array (see html.h). Each element is
 *     judged on its own: scripts, styles, forms controls, navigation,
 *     asides, footers and hidden elements are dropped for good; elements
 *     whose class or id says they are furniture (lexicon/en/page-hints.tsv:
 *     "share", "related", "comments", "newsletter", ...) are dropped unless
 *     the article turns out too short without them. metadata.c reads the
 *     <meta> tags, <title> and JSON-LD on the way.
 *  3. The text is cut into blocks at block-element boundaries, as a
 *     browser lays it out.
 *  4. content.c scores the blocks' ancestors and chooses the article.
 *  5. The chosen blocks become segments: headings, paragraphs, list items,
 *     captions and credits; the heading that repeats the title becomes the
 *     headline, the author element the byline, and data tables a short
 *     spoken note (README: "Tables").
 */
#include "html.h"
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ==== Element classes ====================================================== */

/* Elements never read: code, styling, form controls, embedded objects. */
static int hard_drop_tag(int tag)
{
    switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OPTION: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP: case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAMESET:
        return 1;
    default:
        return 0;
    }
}

/* The page's own navigation, asides and footers. */
static int furniture_tag(int tag)
{
    return tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FOOTER ||
           tag == GUMBO_TAG_MENU;
}

/* Block-level elements: the text before and after one is separate. */
static int block_tag(int tag)
{
    switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_IMG:
        return 1;
    default:
        return 0;
    }
}

/* An attribute's value, or NULL when the element has none. */
static const char *attr(const GumboNode *g, const char *name)
{
    const GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* Case-insensitive search for `needle` in `s` with white space ignored,
 * for inline styles ("display: none"). */
static int style_has(const char *s, const char *needle)
{
    for (; *s; s++) {
        const char *p = s, *q = needle;
        while (*p && *q) {
            if (isspace((unsigned char)*p)) {
                p++;
                continue;
            }
            if (tolower((unsigned char)*p) != *q)
                break;
            p++, q++;
        }
        if (!*q)
            return 1;
    }
    return 0;
}

/* True when the page hides the element from every reader: the hidden
 * attribute, aria-hidden (but for Wikipedia's fallback images), an inline
 * display:none or visibility:hidden, or a modal dialog. */
static int hidden(const GumboNode *g)
{
    if (attr(g, "hidden"))
        return 1;
    const char *v = attr(g, "aria-hidden");
    const char *cls = attr(g, "class");
    if (v && strcmp(v, "true") == 0 && !(cls && strstr(cls, "fallback-image")))
        return 1;
    const char *style = attr(g, "style");
    if (style && (style_has(style, "display:none") || style_has(style, "visibility:hidden")))
        return 1;
    v = attr(g, "role");
    return v && strcmp(v, "dialog") == 0 && (v = attr(g, "aria-modal")) && strcmp(v, "true") == 0;
}

/* Splits a class, id or role value into lower-case tokens (at non-letters
 * and at camelCase humps) and ORs the page-hint roles of each. */
static unsigned hint_roles(const crier_lexicon *lex, const char *v)
{
    unsigned roles = 0;
    char tok[64];
    while (v && *v) {
        while (*v && !isalnum((unsigned char)*v))
            v++;
        size_t n = 0;
        while (*v && isalnum((unsigned char)*v)) {
            if (n && isupper((unsigned char)*v) && islower((unsigned char)v[-1]))
                break;
            if (n < sizeof tok - 1)
                tok[n++] = (char)tolower((unsigned char)*v);
            v++;
        }
        const crier_lex_row *r = n ? crier_lex_find(lex, CRIER_TAB_PAGE_HINTS, tok, n) : NULL;
        if (r)
            roles |= r->flags;
    }
    return roles;
}

/* Whether an element gumbo does not know (it predates them) is <dialog>
 * or <picture>: 'd' or 'p' for them, 0 for anything else. */
static int newer_tag(const GumboNode *g)
{
    GumboStringPiece name = g->v.element.original_tag;
    gumbo_tag_from_original_text(&name);
    if (name.length == 6 && strncasecmp(name.data, "dialog", 6) == 0)
        return 'd';
    if (name.length == 7 && strncasecmp(name.data, "picture", 7) == 0)
        return 'p';
    return 0;
}

/* Judges one element from its tag and attributes. `in_table` says an
 * ancestor is a table (page hints do not drop parts of tables). */
static unsigned classify(htree *t, const GumboNode *g, int in_table, int *weight)
{
    int tag = g->v.element.tag;
    int newer = tag == GUMBO_TAG_UNKNOWN && g->v.element.original_tag.length ? newer_tag(g) : 0;
    unsigned f = block_tag(tag) || newer == 'p' ? HN_BLOCK : 0;
    if (hard_drop_tag(tag) || newer == 'd' || hidden(g))
        f |= HN_HARD;
    if (furniture_tag(tag))
        f |= HN_FURN;
    unsigned cls = hint_roles(t->lex, attr(g, "class"));
    unsigned id = hint_roles(t->lex, attr(g, "id"));
    unsigned role = hint_roles(t->lex, attr(g, "role"));
    unsigned all = cls | id | role;
    *weight = ((cls & CRIER_HINT_POSITIVE) ? 25 : 0) - ((cls & CRIER_HINT_NEGATIVE) ? 25 : 0) +
              ((id & CRIER_HINT_POSITIVE) ? 25 : 0) - ((id & CRIER_HINT_NEGATIVE) ? 25 : 0);
    int sacred = tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_A ||
                 tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN;
    if ((all & CRIER_HINT_DROP) && !((cls | id) & CRIER_HINT_KEEP) && !sacred && !in_table)
        f |= HN_HINT;
    const char *rel = attr(g, "rel"), *itemprop = attr(g, "itemprop");
    if ((all & CRIER_HINT_BYLINE) || (rel && strcmp(rel, "author") == 0) ||
        (itemprop && strstr(itemprop, "author")))
        f |= HN_BYLINE;
    if (tag == GUMBO_TAG_FIGCAPTION || (all & CRIER_HINT_CAPTION))
        f |= HN_CAPTION;
    if (all & CRIER_HINT_CREDIT)
        f |= HN_CREDIT | HN_BLOCK; /* a credit is read apart from its caption */
    if (all & CRIER_HINT_DATELINE)
        f |= HN_DATELINE;
    if (tag == GUMBO_TAG_A && attr(g, "href"))
        f |= HN_LINK;
    if (tag == GUMBO_TAG_FIGURE)
        f |= HN_FIGURE;
    return f;
}

/* ==== Flattening =========================================================== */

/* Appends a node to the flat array; it ends where it starts until its
 * children are added. Returns its index, or -1 when out of memory. */
static int add_node(htree *t, const GumboNode *g, int parent, int tag, unsigned flags)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        hnode *n = realloc(t->n, cap * sizeof *n);
        if (!n)
            return -1;
        t->n = n;
        t->cap = cap;
    }
    hnode *x = &t->n[t->count];
    memset(x, 0, sizeof *x);
    x->g = g;
    x->parent = parent;
    x->end = (int)t->count + 1;
    x->tag = tag;
    x->flags = flags;
    return (int)t->count++;
}

/* Code points of collapsed text, and its commas (Latin, Arabic and
 * full-width). Stored on text nodes when they are added. */
static void measure(hnode *x, const char *s)
{
    unsigned chars = 0, commas = 0;
    int space = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isspace(*p)) {
            chars += !space;
            space = 1;
            continue;
        }
        space = 0;
        chars += (*p & 0xC0) != 0x80;
        commas += *p == ',' || (p[0] == 0xD8 && p[1] == 0x8C) ||
                  (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C);
    }
    x->chars = chars;
    x->commas = commas;
}

typedef struct frame {
    const GumboNode *g;
    unsigned next;  /* next child to visit */
    int idx;        /* index in the flat array */
    int in_table;
} frame;

/* Flattens the gumbo tree under `root` in document order, judging each
 * element and feeding metadata.c. Iterative: nesting costs no C stack. */
static int flatten(htree *t, const GumboNode *root)
{
    size_t sp = 0, cap = 64;
    frame *st = malloc(cap * sizeof *st);
    int idx = st ? add_node(t, root, -1, root->v.element.tag, HN_BLOCK) : -1;
    if (idx < 0) {
        free(st);
        return -1;
    }
    st[sp++] = (frame){root, 0, idx, 0};
    if (crier_meta_element(&t->meta, root) < 0) {
        free(st);
        return -1;
    }
    while (sp) {
        frame *f = &st[sp - 1];
        const GumboVector *kids = &f->g->v.element.children;
        if (f->next == kids->length) {
            t->n[f->idx].end = (int)t->count;
            sp--;
            continue;
        }
        const GumboNode *c = kids->data[f->next++];
        unsigned inherit =
            t->n[f->idx].flags & (HN_HARD | HN_FURN | HN_HINT | HN_LINK | HN_FIGURE);
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
            c->type == GUMBO_NODE_CDATA) {
            int i = add_node(t, c, f->idx, GUMBO_TAG_UNKNOWN, HN_TEXT | inherit);
            if (i < 0)
                break;
            measure(&t->n[i], c->v.text.text);
            continue;
        }
        if (c->type != GUMBO_NODE_ELEMENT && c->type != GUMBO_NODE_TEMPLATE)
            continue;
        int weight = 0, in_table = f->in_table || f->g->v.element.tag == GUMBO_TAG_TABLE;
        unsigned fl = classify(t, c, in_table, &weight) | inherit;
        int i = add_node(t, c, f->idx, c->v.element.tag, fl);
        if (i < 0 || crier_meta_element(&t->meta, c) < 0)
            break;
        t->n[i].weight = weight;
        if (sp == cap) {
            frame *more = realloc(st, (cap *= 2) * sizeof *st);
            if (!more)
                break;
            st = more;
        }
        st[sp++] = (frame){c, 0, i, in_table};
    }
    free(st);
    return sp ? -1 : 0; /* a non-empty stack means we stopped early */
}

/* See html.h. Text nodes keep what measure() found; elements are summed
 * from their children. */
void crier_html_totals(htree *t)
{
    for (size_t i = 0; i < t->count; i++) {
        hnode *x = &t->n[i];
        x->flags &= ~HN_HASBLOCK;
        if (x->flags & HN_TEXT) {
            x->link_chars = (x->flags & HN_LINK) ? x->chars : 0;
            continue;
        }
        x->chars = x->link_chars = x->commas = x->list_chars = x->heading_chars = 0;
        x->n_p = x->tag == GUMBO_TAG_P;
        x->n_img = x->tag == GUMBO_TAG_IMG;
        x->n_li = x->tag == GUMBO_TAG_LI;
        x->n_input = x->tag == GUMBO_TAG_INPUT;
        x->n_embed = x->tag == GUMBO_TAG_EMBED || x->tag == GUMBO_TAG_OBJECT ||
                     x->tag == GUMBO_TAG_IFRAME;
    }
    /* Children come after their parent, so one backward pass adds every
     * subtree into its parent. */
    for (size_t i = t->count; i-- > 1;) {
        hnode *x = &t->n[i];
        if (hn_dropped(t, i) || x->parent < 0)
            continue;
        /* Every descendant of x has been added in by now. */
        if (x->tag == GUMBO_TAG_UL || x->tag == GUMBO_TAG_OL)
            x->list_chars = x->chars;
        if (x->tag >= GUMBO_TAG_H1 && x->tag <= GUMBO_TAG_H6)
            x->heading_chars = x->chars;
        hnode *p = &t->n[x->parent];
        p->chars += x->chars;
        p->list_chars += x->list_chars;
        p->heading_chars += x->heading_chars;
        p->link_chars += x->link_chars;
        p->commas += x->commas;
        p->n_p += x->n_p;
        p->n_img += x->n_img;
        p->n_li += x->n_li;
        p->n_input += x->n_input;
        p->n_embed += x->n_embed;
        if (x->flags & (HN_BLOCK | HN_HASBLOCK))
            p->flags |= HN_HASBLOCK;
    }
}

/* ==== Text ================================================================= */

/* Appends text with white space (and no-break spaces) collapsed to single
 * spaces; `b` never starts with a space. */
static void put_collapsed(crier_buf *b, size_t start, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int sp = isspace(*p) || (p[0] == 0xC2 && p[1] == 0xA0);
        if (sp) {
            p += *p == 0xC2;
            if (b->len > start && b->ptr[b->len - 1] != ' ')
                crier_buf_putc(b, ' ');
            continue;
        }
        crier_buf_putc(b, (char)*p);
    }
}

/* See html.h. Block boundaries and <br> become spaces. */
void crier_html_text(const htree *t, size_t i, crier_buf *b)
{
    size_t start = b->len;
    for (size_t k = i; k < (size_t)t->n[i].end;) {
        if (hn_dropped(t, k)) {
            k = (size_t)t->n[k].end;
            continue;
        }
        if (t->n[k].flags & HN_TEXT)
            put_collapsed(b, start, t->n[k].g->v.text.text);
        else if ((t->n[k].flags & HN_BLOCK) || t->n[k].tag == GUMBO_TAG_BR)
            if (b->len > start && b->ptr[b->len - 1] != ' ')
                crier_buf_putc(b, ' ');
        k++;
    }
    while (b->len > start && b->ptr[b->len - 1] == ' ')
        b->len--;
    if (b->ptr)
        b->ptr[b->len] = '\0';
}

/* ==== Blocks =============================================================== */

typedef struct run {
    size_t start;      /* where the run began in t->text */
    unsigned link_chars, chars, commas;
    int brs;           /* <br>s since the last text */
} run;

/* Ends the current run of text: a block owned by `owner` when it has any
 * text (a NUL after it in t->text), nothing otherwise. */
static void flush(htree *t, run *r, int owner)
{
    crier_buf *b = &t->text;
    while (b->len > r->start && b->ptr[b->len - 1] == ' ')
        b->len--;
    if (b->len > r->start && owner >= 0) {
        if (t->nb == t->bcap) {
            size_t cap = t->bcap ? t->bcap * 2 : 256;
            hblock *nb = realloc(t->b, cap * sizeof *nb);
            if (!nb) {
                t->oom = 1;
                return;
            }
            t->b = nb;
            t->bcap = cap;
        }
        t->b[t->nb++] = (hblock){owner, (t->n[owner].flags & HN_HASBLOCK) != 0, r->start,
                                 b->len - r->start, r->chars, r->link_chars, r->commas};
        crier_buf_putc(b, '\0');
    } else {
        b->len = r->start;
    }
    *r = (run){b->len, 0, 0, 0, 0};
}

/* "2. Norway", "10) Spain", "• Oslo": text that opens a numbered or bulleted
 * item. */
static int starts_item(const char *s)
{
    size_t d = 0;
    while (d < 3 && isdigit((unsigned char)s[d]))
        d++;
    if (d && d < 3 && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
        return 1;
    return strncmp(s, "\xe2\x80\xa2", 3) == 0 || strncmp(s, "\xe2\x96\xaa", 3) == 0;
}

/* True when the text after the <br> at i opens an item, so that a list set
 * with <br>s inside one paragraph is read as a list, not run together. */
static int item_follows(const htree *t, size_t i)
{
    for (size_t k = i + 1; k < t->count && k < i + 8; k++) {
        if (t->n[k].tag == GUMBO_TAG_BR || (t->n[k].flags & HN_BLOCK) || hn_dropped(t, k))
            return 0;
        if (!(t->n[k].flags & HN_TEXT))
            continue;
        const char *s = t->n[k].g->v.text.text;
        while (isspace((unsigned char)*s))
            s++;
        if (*s)
            return starts_item(s);
    }
    return 0;
}

/* Cuts the readable text into blocks, in document order. */
static void make_blocks(htree *t)
{
    int *open = malloc(t->count * sizeof *open);
    size_t sp = 0;
    run r = {0, 0, 0, 0, 0};
    t->nb = 0;
    t->text.len = 0;
    if (!open) {
        t->oom = 1;
        return;
    }
    for (size_t i = 0; i < t->count;) {
        while (sp && (size_t)t->n[open[sp - 1]].end <= i)
            flush(t, &r, open[--sp]);
        hnode *x = &t->n[i];
        if (hn_dropped(t, i)) {
            i = (size_t)x->end;
            continue;
        }
        if (x->flags & HN_TEXT) {
            size_t before = t->text.len;
            put_collapsed(&t->text, r.start, x->g->v.text.text);
            if (t->text.len > before && x->chars)
                r.brs = 0;
            r.chars += x->chars;
            r.link_chars += x->link_chars;
            r.commas += x->commas;
        } else if (x->tag == GUMBO_TAG_BR) {
            /* Two <br>s in a row end a paragraph, as they look on screen,
             * and so does one before a list item. */
            if (++r.brs == 2 || item_follows(t, i))
                flush(t, &r, sp ? open[sp - 1] : -1);
            else if (t->text.len > r.start)
                crier_buf_putc(&t->text, ' ');
        } else if (x->flags & HN_BLOCK) {
            flush(t, &r, sp ? open[sp - 1] : -1);
            open[sp++] = (int)i;
        }
        i++;
    }
    while (sp)
        flush(t, &r, open[--sp]);
    t->oom |= t->text.oom;
    free(open);
}

/* ==== Headline and byline ================================================== */

/* The texts of the page's <h1>s, then its <h2>s, for the title rules of
 * metadata.c. */
static char *page_title(htree *t)
{
    size_t n = 0, nh1 = 0;
    for (size_t i = 0; i < t->count; i++)
        n += !hn_dropped(t, i) && (t->n[i].tag == GUMBO_TAG_H1 || t->n[i].tag == GUMBO_TAG_H2) &&
             !(t->n[i].flags & HN_TEXT);
    char **heads = calloc(n + 1, sizeof *heads);
    size_t k = 0;
    for (int level = GUMBO_TAG_H1; heads && level <= GUMBO_TAG_H2; level++)
        for (size_t i = 0; i < t->count && k < n; i++) {
            if (t->n[i].tag != level || (t->n[i].flags & HN_TEXT) || hn_dropped(t, i))
                continue;
            crier_buf b = CRIER_BUF_INIT;
            crier_html_text(t, i, &b);
            heads[k++] = b.ptr ? crier_buf_detach(&b) : calloc(1, 1);
            nh1 += level == GUMBO_TAG_H1;
        }
    char *title = heads ? crier_meta_title(&t->meta, (const char *const *)heads, k, nh1) : NULL;
    for (size_t i = 0; heads && i < k; i++)
        free(heads[i]);
    free(heads);
    return title;
}

/* The first <h1> or <h2> that repeats the title: the page's headline. It
 * is taken out of the body and said once, first. Returns its index or -1. */
static int find_headline(htree *t, const char *title)
{
    for (size_t i = 0; title && i < t->count; i++) {
        if ((t->n[i].tag != GUMBO_TAG_H1 && t->n[i].tag != GUMBO_TAG_H2) ||
            (t->n[i].flags & HN_TEXT))
            continue;
        /* An article's header often has a class that drops it (it is
         * furniture for scoring); its headline still counts. */
        if (t->n[i].flags & (HN_HARD | HN_FURN)) {
            i = (size_t)t->n[i].end - 1;
            continue;
        }
        crier_buf b = CRIER_BUF_INIT;
        unsigned mask = t->dropmask;
        t->dropmask = HN_HARD;
        crier_html_text(t, i, &b);
        t->dropmask = mask;
        int dup = b.len && crier_similarity(title, b.ptr) > 0.75;
        crier_buf_free(&b);
        if (dup)
            return (int)i;
    }
    return -1;
}

/* The length of element i's text when only scripts and hidden parts are
 * left out, up to `limit`. */
static size_t short_text(htree *t, size_t i, crier_buf *b)
{
    unsigned mask = t->dropmask;
    t->dropmask = HN_HARD;
    crier_buf_truncate(b, 0);
    crier_html_text(t, i, b);
    t->dropmask = mask;
    return b->len;
}

/* An element marked as the author's (or the dateline's, with `flag`) with
 * a short text: what a byline looks like. */
static int candidate(htree *t, size_t i, unsigned flag)
{
    if ((t->n[i].flags & (HN_TEXT | HN_HARD)) || !(t->n[i].flags & flag))
        return 0;
    crier_buf b = CRIER_BUF_INIT;
    size_t n = short_text(t, i, &b);
    crier_buf_free(&b);
    return n > 0 && n < 100;
}

/* The element that holds the byline (or the dateline): the first marked
 * one shortly after the headline, where article pages put it; failing
 * that, the first one in the page outside the furniture. -1 when none. */
static int find_byline(htree *t, int head, unsigned flag)
{
    enum { NEAR = 600 }; /* characters of text after the headline */
    unsigned seen = 0;
    for (size_t i = head >= 0 ? (size_t)t->n[head].end : t->count; i < t->count && seen < NEAR;
         i++) {
        if (t->n[i].flags & HN_HARD)
            i = (size_t)t->n[i].end - 1;
        else if (t->n[i].flags & HN_TEXT)
            seen += t->n[i].chars;
        else if (candidate(t, i, flag))
            return (int)i;
    }
    for (size_t i = 1; i < t->count; i++) {
        const hnode *x = &t->n[i];
        if (x->flags & HN_TEXT)
            continue;
        /* The test comes before the element's own hint drop, as the class
         * that marks a byline may well be the one that drops it. Hints
         * count only if the article was chosen with them. */
        if ((t->n[x->parent].flags & t->dropmask & (HN_HARD | HN_HINT)) || (x->flags & HN_HARD))
            i = (size_t)x->end - 1;
        else if (candidate(t, i, flag))
            return (int)i;
    }
    return -1;
}

/* Text of the byline element: the part marked itemprop="name" when there
 * is one (the author, without "By" and the date). Whatever furniture drop
 * the element is under, its text is read. */
static void byline_text(htree *t, int i, crier_buf *b)
{
    unsigned mask = t->dropmask;
    t->dropmask = HN_HARD;
    for (int k = i + 1; k < t->n[i].end && !b->len; k++) {
        const char *ip = (t->n[k].flags & HN_TEXT) ? NULL : attr(t->n[k].g, "itemprop");
        if (ip && strstr(ip, "name"))
            crier_html_text(t, (size_t)k, b);
    }
    if (!b->len)
        crier_html_text(t, (size_t)i, b);
    t->dropmask = mask;
}

/* ==== Segments ============================================================= */

typedef struct context {
    int heading, caption, credit, datatable;
} context;

/* What the markup around a block says it is. Headings, captions and
 * tables hold their text a few levels down, so the search stops after
 * MAX_UP ancestors: deep nesting costs no more than shallow. */
static context context_of(const htree *t, int owner)
{
    enum { MAX_UP = 32 };
    context c = {-1, -1, -1, -1};
    int up = 0;
    for (int p = owner; p >= 0 && up < MAX_UP; p = t->n[p].parent, up++) {
        const hnode *x = &t->n[p];
        if (c.heading < 0 && x->tag >= GUMBO_TAG_H1 && x->tag <= GUMBO_TAG_H6)
            c.heading = p;
        if (c.caption < 0 && (x->flags & HN_CAPTION))
            c.caption = p;
        if (c.credit < 0 && (x->flags & HN_CREDIT))
            c.credit = p;
        if (c.datatable < 0 && (x->flags & HN_DATATABLE))
            c.datatable = p;
    }
    return c;
}

/* Adds a segment; out of memory is remembered in t->oom. */
static int add(htree *t, crier_doc *doc, crier_kind kind, const char *s, size_t n)
{
    if (crier_doc_add(doc, kind, s, n) < 0)
        t->oom = 1;
    return 0;
}

/* A data table is not read cell by cell: it becomes one short note, with
 * its caption when it has one (README, "Tables"). */
static void table_note(htree *t, crier_doc *doc, int table)
{
    crier_buf b = CRIER_BUF_INIT;
    for (int k = table + 1; k < t->n[table].end; k = t->n[k].end)
        if (t->n[k].tag == GUMBO_TAG_CAPTION && !(t->n[k].flags & HN_TEXT))
            crier_html_text(t, (size_t)k, &b);
    crier_segment_note(doc, t->lex, "table", b.ptr, b.len);
    crier_buf_free(&b);
}

/* Turns the chosen blocks into segments, in page order. */
static void emit_body(htree *t, crier_doc *doc)
{
    int last_table = -1;
    for (size_t bi = 0; bi < t->nb; bi++) {
        if (!crier_content_keeps(t, bi))
            continue;
        const hblock *b = &t->b[bi];
        const char *s = t->text.ptr + b->off;
        int stop = 0;
        if (crier_is_boilerplate(t->lex, s, b->len, &stop) ||
            crier_lex_find(t->lex, CRIER_TAB_BYLINE, s, b->len))
            continue; /* furniture, or "By" left alone by the byline */
        context c = context_of(t, b->owner);
        if (c.datatable >= 0) {
            if (c.datatable != last_table)
                table_note(t, doc, c.datatable);
            last_table = c.datatable;
            continue;
        }
        crier_kind kind = c.heading >= 0   ? CRIER_KIND_HEADING
                          : c.credit >= 0  ? CRIER_KIND_CREDIT
                          : c.caption >= 0 ? CRIER_KIND_CAPTION
                                           : CRIER_KIND_PARAGRAPH;
        add(t, doc, kind, s, b->len);
    }
}

/* ==== The article ========================================================== */

/* Clears what one attempt at choosing the article leaves behind, sets the
 * drop mask, and recomputes totals and blocks under it. */
static void prepare(htree *t, unsigned mask)
{
    for (size_t i = 0; i < t->count; i++) {
        t->n[i].flags &= ~(unsigned)(HN_SCORED | HN_ARTICLE | HN_INARTICLE | HN_CLEAN);
        t->n[i].score = 0;
    }
    t->dropmask = mask | HN_CLEAN | HN_TAKEN;
    crier_html_totals(t);
    make_blocks(t);
}

/* Chooses the article, less strictly each time the result is too short to
 * be one: first with the page hints and the clean-up, then without the
 * hints' drops, then without the clean-up. The longest result wins when
 * none is long enough. */
static void choose_article(htree *t)
{
    static const struct { unsigned mask; int cleanup; } TRIES[] = {
        {HN_HARD | HN_FURN | HN_HINT, 1}, {HN_HARD | HN_FURN, 1}, {HN_HARD | HN_FURN, 0}};
    enum { ENOUGH = 500 };
    size_t best = 0, best_chars = 0;
    for (size_t k = 0; k < CRIER_ARRAY_LEN(TRIES) && !t->oom; k++) {
        prepare(t, TRIES[k].mask);
        size_t chars = crier_content_choose(t, TRIES[k].cleanup);
        if (chars >= ENOUGH)
            return;
        if (chars > best_chars || k == 0) {
            best = k;
            best_chars = chars;
        }
    }
    prepare(t, TRIES[best].mask);
    crier_content_choose(t, TRIES[best].cleanup);
}

/* The page's description as a standfirst: only when it is a summary of its
 * own (not cut short with "...", not the first paragraph again). */
static void standfirst(htree *t, crier_doc *doc, const char *desc)
{
    size_t n = desc ? strlen(desc) : 0;
    if (n < 40 || (n >= 3 && strcmp(desc + n - 3, "...") == 0) ||
        (n >= 3 && strcmp(desc + n - 3, "\xE2\x80\xA6") == 0))
        return;
    for (size_t bi = 0, seen = 0; bi < t->nb && seen < 3; bi++) {
        if (!crier_content_keeps(t, bi))
            continue;
        seen++;
        if (crier_similarity(t->text.ptr + t->b[bi].off, desc) > 0.6)
            return;
    }
    add(t, doc, CRIER_KIND_STANDFIRST, desc, n);
}

/* Sets the document's metadata fields from the page's. */
static void set_meta(htree *t, crier_doc *doc, char *title)
{
    const char *site = crier_meta_site(&t->meta), *desc = crier_meta_description(&t->meta);
    if (title && crier_doc_set(&doc->title, title, strlen(title)) < 0)
        t->oom = 1;
    if (site && crier_doc_set(&doc->site, site, strlen(site)) < 0)
        t->oom = 1;
    if (desc && crier_doc_set(&doc->description, desc, strlen(desc)) < 0)
        t->oom = 1;
    if (t->meta.lang && crier_doc_set(&doc->lang, t->meta.lang, strlen(t->meta.lang)) < 0)
        t->oom = 1;
}

/* Everything after flattening: title, headline, byline, the article, and
 * the segments in page order. */
static void extract(htree *t, crier_doc *doc)
{

    crier_html_totals(t);
    char *title = page_title(t);
    crier_buf line = CRIER_BUF_INIT;
    int head = find_headline(t, title);
    if (head >= 0) {
        crier_html_text(t, (size_t)head, &line);
        t->n[head].flags |= HN_TAKEN;
    }
    if (line.len)
        add(t, doc, CRIER_KIND_HEADLINE, line.ptr, line.len);
    else if (title)
        add(t, doc, CRIER_KIND_HEADLINE, title, strlen(title));
    choose_article(t);
    crier_buf_truncate(&line, 0);
    int by = find_byline(t, head, HN_BYLINE);
    if (by >= 0) {
        byline_text(t, by, &line);
        t->n[by].flags |= HN_TAKEN;
    }
    const char *meta_by = crier_meta_byline(&t->meta);
    if (meta_by)
        t->oom |= crier_add_byline(doc, t->lex, meta_by, strlen(meta_by)) < 0;
    else if (line.len)
        t->oom |= crier_add_byline(doc, t->lex, line.ptr, line.len) < 0;
    int dl = find_byline(t, head, HN_DATELINE);
    if (dl >= 0)
        t->n[dl].flags |= HN_TAKEN;
    const char *date = crier_meta_date(&t->meta);
    if (date)
        t->oom |= crier_add_date(doc, t->lex, date) < 0;
    else if (dl >= 0 && short_text(t, (size_t)dl, &line))
        add(t, doc, CRIER_KIND_DATELINE, line.ptr, line.len);
    crier_buf_free(&line);
    if (by >= 0 || dl >= 0)
        make_blocks(t); /* without the byline's text */
    standfirst(t, doc, crier_meta_description(&t->meta));
    emit_body(t, doc);
    set_meta(t, doc, title);
    free(title);
}

/* See segment.h. */
crier_status crier_extract_html(const char *html, size_t len, const crier_lexicon *lex,
                                crier_doc *doc, crier_error *err)
{
    int oom = 0;
    size_t glen = 0;
    char *guarded = crier_html_guard(html, len, &glen, &oom);
    if (oom)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    GumboOptions opts = kGumboDefaultOptions;
    opts.max_errors = 0; /* we never read them; a binary file makes millions */
    GumboOutput *out = gumbo_parse_with_options(&opts, guarded ? guarded : html,
                                                guarded ? glen : len);
    htree t;
    memset(&t, 0, sizeof t);
    t.lex = lex;
    t.dropmask = HN_HARD | HN_FURN | HN_HINT | HN_TAKEN;
    if (!out || flatten(&t, out->root) < 0)
        t.oom = 1;
    else
        extract(&t, doc);
    if (out)
        gumbo_destroy_output(&opts, out);
    free(guarded);
    crier_meta_free(&t.meta);
    free(t.n);
    free(t.b);
    crier_buf_free(&t.text);
    return t.oom ? crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory") : CRIER_OK;
}

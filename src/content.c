/* content.c -- content scoring: which part of the page is the article.
 *
 * The idea is Readability's (Arc90, then Mozilla): the article is the
 * element whose paragraphs carry the most prose. Each block of text long
 * enough to be a paragraph gives points (one, plus one per comma, plus one
 * per hundred characters up to three) to the elements around it: all of
 * them to its container (a <div> that wraps nothing but the paragraph is
 * the paragraph), half to the container's parent, less and less further
 * up. An element starts from a prior for its tag (a <div> is a
 * likelier article than a <ul>) and its class and id hints, and ends
 * scaled by the share of its text that is not link text, so that link
 * farms lose. The best element wins, then:
 *
 *  - when several runners-up of nearly its score share an ancestor, the
 *    article is that ancestor (paragraphs split into several <div>s);
 *  - a parent that scores higher than its child is taken instead, and a
 *    lone child stands for its parent;
 *  - siblings that score well, or are prose paragraphs themselves (a <p>,
 *    or a <div> of text alone), join;
 *  - inside the result, lists, tables and <div>s that look like furniture
 *    (mostly links, more images than paragraphs, a bad class) are dropped.
 *
 * All of it works on the flattened tree of html.h, in linear passes. */
#include "html.h"

#include <stdlib.h>
#include <string.h>

enum { TOP_N = 5, MIN_ALTERNATIVES = 3, MAX_LEVELS = 5 };

/* What an element's tag says before any text is scored: a <div> is a
 * likelier article than a list, a heading or a form. */
static double tag_prior(int tag)
{
    switch (tag) {
    case GUMBO_TAG_DIV: return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH: return -5;
    default: return 0;
    }
}

/* The share of an element's text that is link text. */
static double link_density(const hnode *x)
{
    return x->chars ? (double)x->link_chars / (double)x->chars : 0.0;
}

/* Gives element i its prior score the first time it is scored. */
static void init_candidate(htree *t, int i)
{
    hnode *x = &t->n[i];
    if (!(x->flags & HN_SCORED)) {
        x->flags |= HN_SCORED;
        x->score = tag_prior(x->tag) + x->weight;
    }
}

/* Whether a block's text counts as a paragraph for scoring. Text directly
 * in a list item, a heading of the first level or a caption does not. */
static int scores(const htree *t, const hblock *b)
{
    switch (t->n[b->owner].tag) {
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_H1:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML:
        return 0;
    default:
        return b->chars >= 25;
    }
}

static int inside(const htree *t, int anc, int i) { return i >= anc && i < t->n[anc].end; }

/* The next element child of p after c (c = -1 for the first), skipping
 * dropped ones and text; -1 at the end. */
static int next_child(const htree *t, int p, int c)
{
    int k = c < 0 ? p + 1 : t->n[c].end;
    while (k < t->n[p].end && ((t->n[k].flags & HN_TEXT) || hn_dropped(t, (size_t)k)))
        k = t->n[k].end;
    return k < t->n[p].end ? k : -1;
}

/* The first container of paragraph p: its parent, past the <div>s that
 * hold nothing but p (a wrapper of one paragraph is the paragraph, as
 * Readability has it, not a candidate article of its own). */
static int paragraph_parent(const htree *t, int p)
{
    int a = t->n[p].parent;
    while (a > 0 && t->n[a].tag == GUMBO_TAG_DIV && t->n[a].chars == t->n[p].chars &&
           next_child(t, a, -1) == p && next_child(t, a, p) < 0) {
        p = a;
        a = t->n[a].parent;
    }
    return a;
}

/* Gives each paragraph's points to its ancestors. */
static void score_blocks(htree *t)
{
    for (size_t bi = 0; bi < t->nb; bi++) {
        const hblock *b = &t->b[bi];
        if (!scores(t, b))
            continue;
        double pts = 1.0 + b->commas + (b->chars / 100 < 3 ? b->chars / 100 : 3);
        /* Text beside blocks is a paragraph of its own inside the owner;
         * otherwise the owner is the paragraph and its parent the first
         * container. */
        int a = b->anon ? b->owner : paragraph_parent(t, b->owner);
        for (int level = 0; a > 0 && level < MAX_LEVELS; level++, a = t->n[a].parent) {
            init_candidate(t, a);
            t->n[a].score += pts / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
        }
    }
    for (size_t i = 0; i < t->count; i++)
        if (t->n[i].flags & HN_SCORED)
            t->n[i].score *= 1.0 - link_density(&t->n[i]);
}

/* The <body> element (the root for a fragment without one). */
static int body_of(const htree *t)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->n[i].tag == GUMBO_TAG_BODY && !(t->n[i].flags & HN_TEXT))
            return (int)i;
    return 0;
}

/* The best element, after the promotions described at the top. */
static int pick_top(htree *t, int body)
{
    int top[TOP_N], ntop = 0;
    for (size_t i = 0; i < t->count; i++) {
        if (!(t->n[i].flags & HN_SCORED) || hn_dropped(t, i))
            continue;
        int k = ntop < TOP_N ? ntop++ : TOP_N;
        while (k > 0 && t->n[top[k - 1]].score < t->n[i].score) {
            if (k < TOP_N)
                top[k] = top[k - 1];
            k--;
        }
        if (k < TOP_N)
            top[k] = (int)i;
    }
    if (!ntop || top[0] == body)
        return body;
    int best = top[0];
    int alts[TOP_N], nalt = 0;
    for (int k = 1; k < ntop; k++)
        if (t->n[top[k]].score >= 0.75 * t->n[best].score)
            alts[nalt++] = top[k];
    if (nalt >= MIN_ALTERNATIVES)
        for (int p = t->n[best].parent; p > body; p = t->n[p].parent) {
            int hits = 0;
            for (int k = 0; k < nalt; k++)
                hits += inside(t, p, alts[k]);
            if (hits >= MIN_ALTERNATIVES) {
                best = p;
                init_candidate(t, best);
                break;
            }
        }
    /* A parent that scores higher than its child is the better article. */
    double last = t->n[best].score, threshold = last / 3;
    for (int p = t->n[best].parent; p > body; p = t->n[p].parent) {
        if (!(t->n[p].flags & HN_SCORED))
            continue;
        if (t->n[p].score < threshold)
            break;
        if (t->n[p].score > last) {
            best = p;
            break;
        }
        last = t->n[p].score;
    }
    for (int p = t->n[best].parent; p > body; p = t->n[p].parent) {
        int first = next_child(t, p, -1);
        if (first < 0 || next_child(t, p, first) >= 0)
            break;
        best = p;
    }
    return best;
}

/* True when two elements have the same, non-empty class attribute. */
static int same_class(const htree *t, int a, int b)
{
    const GumboAttribute *x = gumbo_get_attribute(&t->n[a].g->v.element.attributes, "class");
    const GumboAttribute *y = gumbo_get_attribute(&t->n[b].g->v.element.attributes, "class");
    return x && y && x->value[0] && strcmp(x->value, y->value) == 0;
}

/* A short paragraph with no links that ends a sentence: ". " or "." at
 * the end. */
static int short_sentence(const htree *t, int i)
{
    crier_buf b = CRIER_BUF_INIT;
    crier_html_text(t, (size_t)i, &b);
    int yes = b.len && (b.ptr[b.len - 1] == '.' || (b.ptr && strstr(b.ptr, ". ")));
    crier_buf_free(&b);
    return yes;
}

/* A <p>, or a <div> with text and no blocks in it: a browser shows both
 * as one paragraph, and pages use either. */
static int paragraph_like(const hnode *x)
{
    return x->tag == GUMBO_TAG_P || (x->tag == GUMBO_TAG_DIV && !(x->flags & HN_HASBLOCK));
}

/* Marks the article: the top element and the siblings that belong. */
static void take_siblings(htree *t, int top, int body)
{
    if (top == body || t->n[top].parent < 0) {
        t->n[top].flags |= HN_ARTICLE;
        return;
    }
    double threshold = t->n[top].score * 0.2 > 10 ? t->n[top].score * 0.2 : 10;
    int parent = t->n[top].parent;
    for (int s = next_child(t, parent, -1); s >= 0; s = next_child(t, parent, s)) {
        const hnode *x = &t->n[s];
        int take = s == top;
        double bonus = same_class(t, s, top) ? t->n[top].score * 0.2 : 0;
        if (!take && (x->flags & HN_SCORED) && x->score + bonus >= threshold)
            take = 1;
        else if (!take && paragraph_like(x)) {
            double ld = link_density(x);
            take = (x->chars > 80 && ld < 0.25) ||
                   (x->chars < 80 && x->chars > 0 && ld == 0 && short_sentence(t, s));
        }
        if (take)
            t->n[s].flags |= HN_ARTICLE;
    }
}

/* ==== Data tables ========================================================== */

/* A small positive number attribute (colspan), or `dflt`. */
static int int_attr(const GumboNode *g, const char *name, int dflt)
{
    const GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, name);
    int v = a ? atoi(a->value) : dflt;
    return v > 0 && v < 1000 ? v : dflt;
}

/* Whether table i holds data (to be summarised) or lays out the page (to
 * be read through). Looks at the table's own rows, not nested tables'. */
static int data_table(const htree *t, int i)
{
    const GumboNode *g = t->n[i].g;
    const GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, "role");
    if (a && strcmp(a->value, "presentation") == 0)
        return 0;
    a = gumbo_get_attribute(&g->v.element.attributes, "datatable");
    if (a && strcmp(a->value, "0") == 0)
        return 0;
    if (gumbo_get_attribute(&g->v.element.attributes, "summary"))
        return 1;
    int rows = 0, cols = 0, cells = 0, datalike = 0, row = -1;
    for (int k = i + 1; k < t->n[i].end;) {
        const hnode *x = &t->n[k];
        if (x->tag == GUMBO_TAG_TABLE && !(x->flags & HN_TEXT))
            return 0; /* tables in tables are layout */
        if (x->flags & HN_TEXT) {
            k++;
            continue;
        }
        switch (x->tag) {
        case GUMBO_TAG_TR:
            rows++;
            row = k;
            cells = 0;
            break;
        case GUMBO_TAG_TD: case GUMBO_TAG_TH:
            if (x->parent == row && (cells += int_attr(x->g, "colspan", 1)) > cols)
                cols = cells;
            datalike |= x->tag == GUMBO_TAG_TH;
            break;
        case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_TFOOT:
        case GUMBO_TAG_THEAD:
            datalike = 1;
            break;
        case GUMBO_TAG_CAPTION:
            datalike |= x->end > k + 1;
            break;
        default:
            break;
        }
        k++;
    }
    if (datalike)
        return 1;
    if (rows == 1 || cols == 1)
        return 0;
    return rows >= 10 || cols > 4 || rows * cols > 10;
}

/* Marks every data table HN_DATATABLE (see data_table()). */
static void mark_data_tables(htree *t)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->n[i].tag == GUMBO_TAG_TABLE && !(t->n[i].flags & HN_TEXT) &&
            data_table(t, (int)i))
            t->n[i].flags |= HN_DATATABLE;
}

/* ==== Clean-up of the chosen article ======================================= */

/* Whether element i sits in a data table, <pre> or <code> (a few levels
 * up at most: the search stops after 32). */
static int in_data_table(const htree *t, int i, int root)
{
    int up = 0;
    for (int p = t->n[i].parent; p >= root && up < 32; p = t->n[p].parent, up++)
        if ((t->n[p].flags & HN_DATATABLE) || t->n[p].tag == GUMBO_TAG_PRE ||
            t->n[p].tag == GUMBO_TAG_CODE)
            return 1;
    return 0;
}

/* A list of images is kept: every item holds at most one element, and
 * there are as many images as items. */
static int image_list(const htree *t, int i)
{
    for (int c = next_child(t, i, -1); c >= 0; c = next_child(t, i, c)) {
        int g = next_child(t, c, -1);
        if (g >= 0 && next_child(t, c, g) >= 0)
            return 0;
    }
    return t->n[i].n_li == t->n[i].n_img;
}

/* Whether element i, inside the article, is furniture: mostly links,
 * more images than paragraphs, a list that is not a list, a bad class. */
static int furniture(const htree *t, int i, int root)
{
    const hnode *x = &t->n[i];
    switch (x->tag) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2:
        return x->weight < 0;
    case GUMBO_TAG_P:
        /* A short paragraph that is one link is a teaser for another
         * story ("[Read: ...]"), not a sentence of this one. */
        return x->chars && x->chars < 160 && link_density(x) > 0.95;
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_TABLE: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_DIV:
        break;
    default:
        return 0;
    }
    if ((x->flags & HN_DATATABLE) || in_data_table(t, i, root))
        return 0;
    if (x->weight < 0)
        return 1;
    if (x->commas >= 10)
        return 0;
    int list = x->tag == GUMBO_TAG_UL || x->tag == GUMBO_TAG_OL ||
               (x->chars && x->list_chars > 0.9 * x->chars);
    double p = x->n_p, img = x->n_img, li = (double)x->n_li - 100, ld = link_density(x);
    double hd = x->chars ? (double)x->heading_chars / x->chars : 0;
    int figure = (x->flags & HN_FIGURE) != 0;
    int drop = (!figure && img > 1 && p / img < 0.5) || (!list && li > p) ||
               (x->n_input > p / 3) ||
               (!list && hd < 0.9 && x->chars < 25 && (img == 0 || img > 2) && !figure) ||
               (!list && x->weight < 25 && ld > 0.2) || (x->weight >= 25 && ld > 0.5) ||
               (list && x->n_li >= 3 && ld > 0.9) ||
               (x->n_embed == 1 && x->chars < 75) || x->n_embed > 1;
    return drop && !(list && image_list(t, i));
}

/* Takes node i's totals out of its ancestors up to `root`. */
static void subtract(htree *t, int i, int root)
{
    const hnode *x = &t->n[i];
    for (int p = x->parent; p >= root && p >= 0; p = t->n[p].parent) {
        hnode *a = &t->n[p];
        a->chars -= x->chars;
        a->link_chars -= x->link_chars;
        a->commas -= x->commas;
        a->list_chars -= x->list_chars < a->list_chars ? x->list_chars : a->list_chars;
        a->heading_chars -= x->heading_chars;
        a->n_p -= x->n_p;
        a->n_img -= x->n_img;
        a->n_li -= x->n_li;
        a->n_input -= x->n_input;
        a->n_embed -= x->n_embed;
    }
}

/* Drops the furniture inside the article rooted at r, innermost first, so
 * that an outer element is judged on what is left inside it. */
static void clean(htree *t, int r)
{
    for (int i = t->n[r].end - 1; i > r; i--) {
        if ((t->n[i].flags & HN_TEXT) || hn_dropped(t, (size_t)i))
            continue;
        if (furniture(t, i, r)) {
            t->n[i].flags |= HN_CLEAN;
            subtract(t, i, r);
        }
    }
}

/* ==== The choice ============================================================ */

/* See html.h. */
size_t crier_content_choose(htree *t, int cleanup)
{
    mark_data_tables(t);
    score_blocks(t);
    int body = body_of(t);
    int top = pick_top(t, body);
    take_siblings(t, top, body);
    size_t chars = 0;
    for (size_t i = 0; i < t->count; i++) {
        if (!(t->n[i].flags & HN_ARTICLE))
            continue;
        if (cleanup)
            clean(t, (int)i);
        chars += t->n[i].chars;
        for (size_t k = i; k < (size_t)t->n[i].end; k++) {
            t->n[k].flags |= HN_INARTICLE;
            if (k > i && (t->n[t->n[k].parent].flags & HN_CLEAN))
                t->n[k].flags |= HN_CLEAN;
        }
        i = (size_t)t->n[i].end - 1;
    }
    return chars;
}

/* See html.h. */
int crier_content_keeps(const htree *t, size_t bi)
{
    int o = t->b[bi].owner;
    return (t->n[o].flags & HN_INARTICLE) && !hn_dropped(t, (size_t)o);
}

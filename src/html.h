/* html.h -- internals of the HTML extractor, shared by its four files:
 *
 *   htmlguard.c  caps what makes the HTML parser slow (nesting, attributes)
 *   html.c       parses with gumbo, flattens the tree, cuts it into text
 *                blocks, and turns the chosen blocks into segments
 *   metadata.c   JSON-LD, OpenGraph/Twitter/Dublin Core meta tags, <title>
 *   content.c    content scoring: which part of the page is the article
 *
 * The gumbo tree is flattened once into an array of nodes in document
 * order, each knowing its parent and the index just past its last
 * descendant. Every later pass is then a loop over that array: no
 * recursion, so no depth limit and no stack to overflow, and skipping a
 * subtree is `i = node.end`. */
#ifndef CRIER_HTML_H
#define CRIER_HTML_H

#include "buf.h"
#include "segment.h"

#include <gumbo.h>

/* ==== The flattened tree ================================================== */

enum {
    HN_TEXT = 1u << 0,      /* a text node, not an element */
    HN_HARD = 1u << 1,      /* dropped whatever happens: scripts, hidden */
    HN_HINT = 1u << 2,      /* dropped by a page hint (class or id), which the
                               second try ignores */
    HN_CLEAN = 1u << 3,     /* dropped by the clean-up of the chosen article */
    HN_BLOCK = 1u << 4,     /* block-level: text on its two sides is separate */
    HN_HASBLOCK = 1u << 5,  /* has a block-level child or descendant */
    HN_LINK = 1u << 6,      /* an <a href>, or inside one */
    HN_BYLINE = 1u << 7,    /* class, id, rel or itemprop says "author" */
    HN_CAPTION = 1u << 8,   /* figcaption, or a caption class */
    HN_CREDIT = 1u << 9,    /* a photo credit class */
    HN_SCORED = 1u << 10,   /* has a content score */
    HN_ARTICLE = 1u << 11,  /* a root of the chosen article */
    HN_DATATABLE = 1u << 12, /* a <table> holding data, not layout */
    HN_TAKEN = 1u << 13,    /* the byline or the headline: said once, apart */
    HN_INARTICLE = 1u << 14, /* inside the chosen article */
    HN_FIGURE = 1u << 15,   /* a <figure>, or inside one */
    HN_DATELINE = 1u << 16, /* a dateline class */
    HN_FURN = 1u << 17      /* navigation, aside, footer: dropped from the
                               article, but may hold its byline */
};

typedef struct hnode {
    const GumboNode *g;
    int parent;        /* index of the parent, -1 for the root */
    int end;           /* one past the index of the last descendant */
    int tag;           /* GumboTag; GUMBO_TAG_UNKNOWN for text */
    unsigned flags;    /* HN_* */
    int weight;        /* class and id hints: -50 .. +50 */
    /* Totals over the readable text of the subtree, in code points. */
    unsigned chars, link_chars, commas;
    unsigned list_chars, heading_chars; /* of that, inside lists, headings */
    unsigned n_p, n_img, n_li, n_input, n_embed;
    double score;      /* content score, when HN_SCORED */
} hnode;

/* A run of text between two block boundaries: roughly what a browser
 * shows as one paragraph, heading or list item. */
typedef struct hblock {
    int owner;         /* innermost block element around the text */
    int anon;          /* the text sits beside block children of `owner` */
    size_t off, len;   /* the whitespace-collapsed text, in htree.text */
    unsigned chars, link_chars, commas;
} hblock;

/* Page metadata, each string malloc'd or NULL. */
typedef struct crier_meta {
    char *ld_headline, *ld_name, *ld_byline, *ld_description;
    char *ld_date, *ld_site, *ld_caption;
    char *doc_title;    /* <title> */
    char *lang;         /* <html lang> */
    char *time;         /* the first <time datetime> */
    char *values[32];   /* meta tags, by the index of their key (metadata.c) */
    int have_ld;        /* a JSON-LD article was found */
} crier_meta;

typedef struct htree {
    hnode *n;
    size_t count, cap;
    hblock *b;
    size_t nb, bcap;
    crier_buf text;    /* block texts, each followed by a NUL */
    unsigned dropmask; /* the HN_ drop flags that count: HN_HARD, HN_HINT,
                          HN_CLEAN, HN_TAKEN */
    const crier_lexicon *lex;
    crier_meta meta;
    int oom;
} htree;

/* True when node i is dropped under the current mask. */
static inline int hn_dropped(const htree *t, size_t i) { return (t->n[i].flags & t->dropmask) != 0; }

/* Appends the whitespace-collapsed text of element i (dropped parts left
 * out) to `b`. (html.c) */
void crier_html_text(const htree *t, size_t i, crier_buf *b);

/* Recomputes the subtree totals of every node under the current mask.
 * (html.c) */
void crier_html_totals(htree *t);

/* ==== Guard (htmlguard.c) ================================================= */

/* gumbo 0.10 takes quadratic time on deep nesting and on tags with very
 * many attributes. When `html` has either, returns a malloc'd copy with
 * the excess start tags and attributes left out (their text is kept), and
 * its length in *out_len; otherwise returns NULL with *out_len 0. Sets
 * *oom on allocation failure. */
char *crier_html_guard(const char *html, size_t len, size_t *out_len, int *oom);

/* ==== Metadata (metadata.c) =============================================== */

void crier_meta_free(crier_meta *m);

/* Looks at one element while the tree is flattened: <html lang>, <title>,
 * <meta>, <time>, and JSON-LD scripts. Returns -1 when out of memory. */
int crier_meta_element(crier_meta *m, const GumboNode *el);

/* The article's title by the usual precedence: JSON-LD, then Dublin Core,
 * OpenGraph and Twitter meta tags, then <title> with the site name taken
 * off (the only <h1> when there is no <title>). `heads` are the texts of
 * the page's <h1> and <h2> elements (`nh1` of them are <h1>s, first).
 * Malloc'd; NULL when the page has none. */
char *crier_meta_title(const crier_meta *m, const char *const *heads, size_t nheads, size_t nh1);

/* The author from JSON-LD or meta tags, the description, the site name
 * and the publication date (ISO 8601 as written), or NULL. Borrowed. */
const char *crier_meta_byline(const crier_meta *m);
const char *crier_meta_description(const crier_meta *m);
const char *crier_meta_site(const crier_meta *m);
const char *crier_meta_date(const crier_meta *m);

/* Token similarity of two texts in [0, 1]: the share of b's words that
 * are also in a, weighted by length. (metadata.c) */
double crier_similarity(const char *a, const char *b);

/* ==== Content scoring (content.c) ========================================= */

/* Finds the article: scores the blocks' ancestors, picks the best element
 * and the siblings that belong with it, marks them HN_ARTICLE and all they
 * hold HN_INARTICLE, and, when `cleanup` is set, drops (HN_CLEAN) the
 * furniture left inside them. Expects fresh totals and blocks, and no
 * HN_SCORED, HN_ARTICLE, HN_INARTICLE or HN_CLEAN flags. Returns the
 * number of characters of text chosen. */
size_t crier_content_choose(htree *t, int cleanup);

/* True when block `bi` lies inside the chosen article and is not dropped. */
int crier_content_keeps(const htree *t, size_t bi);

#endif

/* html.c -- stage 1b: finds the article in a page's HTML.
 *
 * In: clean HTML text. Out: crier_doc segments in page order. The page is
 * parsed by gumbo (Google's HTML5 parser: the WHATWG algorithm, so broken
 * markup and entities come out as a browser would see them). This first
 * version walks the tree and keeps headings, paragraphs, list items and
 * figure captions, skipping navigation, headers, footers, asides, forms,
 * scripts and styles. */
#include "buf.h"
#include "internal.h"
#include "segment.h"

#include <gumbo.h>
#include <string.h>

/* Appends the text under `node` to `b`, with single spaces. */
static void collect_text(const GumboNode *node, crier_buf *b)
{
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
        for (const char *p = node->v.text.text; *p; p++) {
            int sp = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
            if (sp && (b->len == 0 || b->ptr[b->len - 1] == ' '))
                continue;
            crier_buf_putc(b, sp ? ' ' : *p);
        }
        return;
    }
    if (node->type != GUMBO_NODE_ELEMENT)
        return;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE)
        return;
    if (tag == GUMBO_TAG_BR && b->len && b->ptr[b->len - 1] != ' ')
        crier_buf_putc(b, ' ');
    const GumboVector *kids = &node->v.element.children;
    for (unsigned i = 0; i < kids->length; i++)
        collect_text(kids->data[i], b);
}

static int skipped(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD:
        return 1;
    default:
        return 0;
    }
}

static int block_kind(GumboTag tag, crier_kind *kind)
{
    switch (tag) {
    case GUMBO_TAG_H1: *kind = CRIER_KIND_HEADLINE; return 1;
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
        *kind = CRIER_KIND_HEADING; return 1;
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE:
        *kind = CRIER_KIND_PARAGRAPH; return 1;
    case GUMBO_TAG_FIGCAPTION: *kind = CRIER_KIND_CAPTION; return 1;
    default: return 0;
    }
}

typedef struct walk {
    const crier_lexicon *lex;
    crier_doc *doc;
    int failed;
    unsigned depth;
} walk;

/* Visits the tree depth-first; a block element becomes one segment. The
 * depth limit keeps pathological nesting from exhausting the stack. */
static void visit(walk *w, const GumboNode *node)
{
    if (node->type != GUMBO_NODE_ELEMENT || w->failed || w->depth > 400)
        return;
    GumboTag tag = node->v.element.tag;
    if (skipped(tag))
        return;
    crier_kind kind;
    if (block_kind(tag, &kind)) {
        crier_buf b = CRIER_BUF_INIT;
        collect_text(node, &b);
        while (b.len && b.ptr[b.len - 1] == ' ')
            b.len--;
        int stop = 0;
        if (b.len && !crier_is_boilerplate(w->lex, b.ptr, b.len, &stop))
            w->failed |= crier_doc_add(w->doc, kind, b.ptr, b.len) < 0;
        w->failed |= b.oom;
        crier_buf_free(&b);
        return;
    }
    w->depth++;
    const GumboVector *kids = &node->v.element.children;
    for (unsigned i = 0; i < kids->length; i++)
        visit(w, kids->data[i]);
    w->depth--;
}

crier_status crier_extract_html(const char *html, size_t len, const crier_lexicon *lex,
                                crier_doc *doc, crier_error *err)
{
    GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, html, len);
    if (!out)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory parsing HTML");
    walk w = {lex, doc, 0, 0};
    visit(&w, out->root);
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    for (size_t i = 0; i < doc->n && !doc->title; i++)
        if (doc->segs[i].kind == CRIER_KIND_HEADLINE &&
            crier_doc_set(&doc->title, doc->segs[i].text, strlen(doc->segs[i].text)) < 0)
            w.failed = 1;
    return w.failed ? crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory") : CRIER_OK;
}

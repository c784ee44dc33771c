/* segment.c -- stage 1: clean text to an article in listening order.
 *
 * crier_parse() sniffs the input kind, hands the text to an extractor
 * (html.c for pages, textdump.c for plain-text dumps), which returns the
 * article's segments in page order, and then orders them for a listener:
 *
 *   headline, standfirst, byline, dateline, body (paragraphs and
 *   headings), captions (policy: end, inline or skip), credits.
 *
 * Repeated segments are dropped along the way: pages often print the
 * headline or a caption twice. */
#include "input.h"
#include "internal.h"
#include "segment.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void crier_parse_options_init(crier_parse_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->input = CRIER_INPUT_AUTO;
    opts->captions = CRIER_CAPTIONS_END;
}

/* ==== Boilerplate ======================================================== */

static int contains_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

int crier_is_boilerplate(const crier_lexicon *lex, const char *line, size_t len, int *stop)
{
    const crier_lex_row *r = crier_lex_find(lex, CRIER_TAB_BOILERPLATE, line, len);
    if (r) {
        if (strcmp(r->cols[1], "end") == 0)
            *stop = 1;
        return 1;
    }
    size_t n = crier_lex_count(lex, CRIER_TAB_BOILERPLATE);
    for (size_t i = 0; i < n; i++) {
        r = crier_lex_at(lex, CRIER_TAB_BOILERPLATE, i);
        const char *how = r->cols[1];
        size_t k = strlen(r->cols[0]);
        if (strcmp(how, "prefix") == 0 && k <= len && strncasecmp(line, r->cols[0], k) == 0)
            return 1;
        if (strcmp(how, "contains") == 0 && contains_ci(line, len, r->cols[0]))
            return 1;
    }
    return 0;
}

/* ==== Listening order ==================================================== */

/* The rank of a kind in the listening order; body kinds share one rank so
 * that their page order is kept. */
static int rank(crier_kind k, crier_captions policy)
{
    switch (k) {
    case CRIER_KIND_HEADLINE: return 0;
    case CRIER_KIND_STANDFIRST: return 1;
    case CRIER_KIND_BYLINE: return 2;
    case CRIER_KIND_DATELINE: return 3;
    case CRIER_KIND_HEADING:
    case CRIER_KIND_PARAGRAPH: return 4;
    case CRIER_KIND_CAPTION: return policy == CRIER_CAPTIONS_INLINE ? 4 : 5;
    case CRIER_KIND_CREDIT: return 6;
    }
    return 4;
}

static int seen_before(const crier_doc *doc, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (doc->segs[j].kind == doc->segs[i].kind &&
            strcmp(doc->segs[j].text, doc->segs[i].text) == 0)
            return 1;
    return 0;
}

/* Reorders `doc` in place for listening (a stable sort by rank), drops
 * repeats, skipped captions and all but the first headline. */
static void order_for_listening(crier_doc *doc, crier_captions policy)
{
    size_t keep = 0;
    int headline = 0;
    for (size_t i = 0; i < doc->n; i++) {
        crier_segment s = doc->segs[i];
        int drop = (s.kind == CRIER_KIND_CAPTION && policy == CRIER_CAPTIONS_SKIP) ||
                   (s.kind == CRIER_KIND_HEADLINE && headline++) || seen_before(doc, i);
        if (drop)
            free(s.text);
        else
            doc->segs[keep++] = s;
        if (drop)
            doc->segs[i].text = NULL;
    }
    doc->n = keep;
    /* Insertion sort: stable, and documents have tens of segments. */
    for (size_t i = 1; i < doc->n; i++) {
        crier_segment s = doc->segs[i];
        size_t j = i;
        while (j > 0 && rank(doc->segs[j - 1].kind, policy) > rank(s.kind, policy)) {
            doc->segs[j] = doc->segs[j - 1];
            j--;
        }
        doc->segs[j] = s;
    }
}

static int has_body(const crier_doc *doc)
{
    for (size_t i = 0; i < doc->n; i++)
        if (doc->segs[i].kind == CRIER_KIND_PARAGRAPH || doc->segs[i].kind == CRIER_KIND_HEADING)
            return 1;
    return 0;
}

crier_status crier_parse(const char *text, size_t len, const crier_parse_options *opts,
                         const crier_lexicon *lex, crier_doc **out, crier_error *err)
{
    crier_parse_options defaults;
    if (!opts) {
        crier_parse_options_init(&defaults);
        opts = &defaults;
    }
    crier_doc *doc = crier_doc_new();
    if (!doc)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    int html = opts->input == CRIER_INPUT_HTML ||
               (opts->input == CRIER_INPUT_AUTO && crier_input_looks_html(text, len));
    crier_status st = html ? crier_extract_html(text, len, lex, doc, err)
                           : crier_extract_text(text, len, lex, doc, err);
    if (st == CRIER_OK) {
        order_for_listening(doc, opts->captions);
        if (!doc->byline)
            for (size_t i = 0; i < doc->n; i++)
                if (doc->segs[i].kind == CRIER_KIND_BYLINE) {
                    if (crier_doc_set(&doc->byline, doc->segs[i].text,
                                      strlen(doc->segs[i].text)) < 0)
                        st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
                    break;
                }
    }
    if (st == CRIER_OK && !has_body(doc))
        st = crier_fail(err, CRIER_ERR_EMPTY, NULL, 0, "no article text found");
    if (st != CRIER_OK) {
        crier_doc_free(doc);
        return st;
    }
    *out = doc;
    return CRIER_OK;
}

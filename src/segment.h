/* segment.h -- stage 1 internals: the two extractors and the ordering pass. */
#ifndef CRIER_SEGMENT_H
#define CRIER_SEGMENT_H

#include "doc.h"
#include "lexicon.h"

/* Extracts an article from a plain-text dump of a page into `doc`, in page
 * order. (textdump.c) */
crier_status crier_extract_text(const char *text, size_t len, const crier_lexicon *lex,
                                crier_doc *doc, crier_error *err);

/* Extracts an article from HTML into `doc`, in page order. (html.c) */
crier_status crier_extract_html(const char *html, size_t len, const crier_lexicon *lex,
                                crier_doc *doc, crier_error *err);

/* True when a line is page furniture according to the boilerplate table.
 * Sets *stop when the line marks the end of the article ("Also worth
 * reading"), after which nothing more belongs to it. */
int crier_is_boilerplate(const crier_lexicon *lex, const char *line, size_t len, int *stop);

#endif

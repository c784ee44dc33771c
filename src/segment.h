/* segment.h -- stage 1 internals: the two extractors and the ordering pass. */
#ifndef CRIER_SEGMENT_H
#define CRIER_SEGMENT_H

#include "doc.h"
#include "lexicon.h"

/* Extracts an article from a plain-text dump of a page into `doc`, in page
 * order. (textdump.c) */
crier_status crier_extract_text(const char *text, size_t len, const crier_lexicon *lex,
                                crier_doc *doc, crier_error *err);

/* Extracts an article from HTML into `doc`, in page order, with its
 * metadata (title, byline, date, site, language, description). (html.c) */
crier_status crier_extract_html(const char *html, size_t len, const crier_lexicon *lex,
                                crier_doc *doc, crier_error *err);

/* True when a line is page furniture according to the boilerplate table.
 * Sets *stop when the line marks the end of the article ("Also worth
 * reading"), after which nothing more belongs to it. */
int crier_is_boilerplate(const crier_lexicon *lex, const char *line, size_t len, int *stop);

/* Length of the byline prefix ("By", "Written by", from byline.tsv) that
 * starts s as a whole word, or 0. */
size_t crier_byline_prefix(const crier_lexicon *lex, const char *s, size_t n);

/* Adds a byline segment, "By Jane Doe" (the lexicon's word for "By" is
 * put before a bare name), and sets doc->byline when it is unset. Returns
 * 0, or -1 when out of memory. */
int crier_add_byline(crier_doc *doc, const crier_lexicon *lex, const char *s, size_t n);

/* Adds a dateline segment that says the day of an ISO 8601 date
 * ("2015-07-24T05:36" gives "July 24, 2015") and sets doc->date when it is
 * unset. Does nothing for text that is not such a date. 0, or -1 on OOM. */
int crier_add_date(crier_doc *doc, const crier_lexicon *lex, const char *iso);

/* Adds a paragraph that tells the listener something was left out: the
 * phrase for `key` in notes.tsv, then ": detail" when n > 0. Adds
 * nothing when the lexicon has no such phrase. 0, or -1 on OOM. */
int crier_segment_note(crier_doc *doc, const crier_lexicon *lex, const char *key,
                       const char *detail, size_t n);

#endif

/* doc.h -- the article model that the segmenter builds and synthesis reads. */
#ifndef CRIER_DOC_H
#define CRIER_DOC_H

#include "crier.h"

typedef struct crier_segment {
    crier_kind kind;
    char *text; /* written text, NUL-terminated, owned */
} crier_segment;

struct crier_doc {
    char *title;   /* may be NULL */
    char *byline;  /* may be NULL */
    char *date;    /* ISO 8601 date of publication, or NULL */
    char *site;    /* publication name, or NULL */
    char *lang;    /* language tag ("en", "fr-FR"), or NULL */
    char *description; /* the page's own summary, or NULL */
    crier_segment *segs;
    size_t n, cap;
};

crier_doc *crier_doc_new(void);
/* Appends a copy of `text` as a segment. Returns 0, or -1 when out of memory. */
int crier_doc_add(crier_doc *doc, crier_kind kind, const char *text, size_t len);
/* Replaces one of the metadata strings (a pointer to a field of `doc`). */
int crier_doc_set(char **field, const char *text, size_t len);

#endif

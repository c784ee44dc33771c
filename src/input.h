/* input.h -- stage 0: bytes to clean text, and input-kind sniffing. */
#ifndef CRIER_INPUT_H
#define CRIER_INPUT_H

#include "crier.h"

/* Guesses whether clean text is HTML: true when it starts like a document
 * (doctype, comment, <html>), or starts with a tag, closes one and has
 * three tags per kilobyte, or has ten tags per kilobyte. A text dump that
 * shows a stray tag or quotes a code sample stays text. */
int crier_input_looks_html(const char *text, size_t len);

#endif

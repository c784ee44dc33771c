/* input.h -- stage 0: bytes to clean text, and input-kind sniffing. */
#ifndef CRIER_INPUT_H
#define CRIER_INPUT_H

#include "crier.h"

/* Guesses whether clean text is HTML: true when the first non-blank
 * character opens a tag, a doctype or a comment, or when an <html>, <body>,
 * <article> or <p> tag appears early on. */
int crier_input_looks_html(const char *text, size_t len);

#endif

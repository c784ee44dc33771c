/* textdump.h -- the line model shared by the text-dump extractor's two
 * files: textdump.c (lines, the body, the segments) and texthead.c (the
 * headline). */
#ifndef CRIER_TEXTDUMP_H
#define CRIER_TEXTDUMP_H

#include "segment.h"

/* What a line is (line.flags). */
enum {
    L_BLANK = 1 << 0,   /* empty line */
    L_BULLET = 1 << 1,  /* a list item ("* ", "• ", "1. ") */
    L_FURN = 1 << 2,    /* page furniture: never read */
    L_END = 1 << 3,     /* marks the end of the article ("Related") */
    L_CREDIT = 1 << 4,  /* "Source: Reuters", "Photo: ..." */
    L_BYLINE = 1 << 5,  /* "By Jane Doe" */
    L_DATE = 1 << 6,    /* "Feb. 21, 2019", "Thu 3 Jan 2019 02.00 EST" */
    L_IMAGE = 1 << 7,   /* a text browser's image or form placeholder */
    L_SENTENCE = 1 << 8, /* ends like a sentence */
    L_CAPTION = 1 << 9,  /* a photo caption (with its credit, or after "Image") */
    L_CAPTION_NEXT = 1 << 10 /* follows an image marker */
};

typedef struct line {
    const char *s;
    size_t n;          /* trimmed, bullet removed */
    unsigned words;    /* space-separated words */
    double units;      /* words, with CJK characters as two thirds of a word */
    unsigned flags;
    int dup;           /* how many lines of the page have this text */
    double v;          /* worth as article text (see value()) */
} line;

typedef struct dump {
    line *v;
    size_t n;
    const crier_lexicon *lex;
    crier_doc *doc;
    int oom;
} dump;

/* The code point at s (valid UTF-8 or not: never reads past n), and the
 * length of its encoding in *len. */
unsigned crier_dump_cp_at(const unsigned char *s, size_t n, size_t *len);

/* True for Chinese, Japanese and Korean characters (words are not spaced). */
int crier_dump_cjk(unsigned c);

/* True when two lines have the same text. */
int crier_dump_same(const line *a, const line *b);

/* The next non-blank line after i (d->n when none), and the one before
 * (i when none). */
size_t crier_dump_next(const dump *d, size_t i);
size_t crier_dump_prev(const dump *d, size_t i);

/* The headline of a body that runs from line a to line b: the best
 * title-like line among the 300 before the body and its first lines, or
 * d->n when there is none. (texthead.c) */
size_t crier_dump_headline(const dump *d, size_t a, size_t b);

#endif

/* textdump.h -- the line model shared by the text-dump extractor's
 * files: textdump.c (lines, the body, the segments), texthead.c (the
 * headline), textzone.c (comments, feeds and galleries around the body),
 * textmeta.c (captions, credits, bylines, datelines), textdate.c (what a
 * date line keeps), textname.c (names beside pictures and headlines) and
 * textwrap.c (the text before it is cut into lines: broken paragraphs
 * joined). */
#ifndef CRIER_TEXTDUMP_H
#define CRIER_TEXTDUMP_H

#include "segment.h"

enum { MAX_CAPTION = 600 }; /* bytes; longer lines are not captions */

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
    L_CAPTION_NEXT = 1 << 10, /* follows an image marker */
    /* set by textzone.c */
    L_STAMP = 1 << 11,   /* a record's time stamp: "Jane Doe · 3 hours ago", "14:44" */
    L_RECORD = 1 << 12,  /* in a run of records after the article: comments, a feed */
    L_GALLERY = 1 << 13, /* a slide of a gallery: "3/50 Title", its caption, its credit */
    L_CJK = 1 << 14,     /* mostly Chinese, Japanese or Korean characters */
    L_STOPS = 1 << 15,   /* CJK without a final stop on a page that uses them */
    L_CODE = 1 << 16,    /* a line of program code: "x = f(y);", "if (a) {" */
    L_DIALOG = 1 << 17,  /* in a player's settings dialog (textzone.c): not read */
    L_TEASER = 1 << 18   /* another story's title, cut short in the body (texthead.c) */
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

/* Length of the white space at s (a space, a tab, a no-break or an
 * ideographic space), or 0. */
size_t crier_dump_space_at(const char *s, size_t n);

/* Length of a list bullet at the start of s (with its space), or 0:
 * lynx's "* + o #", w3m's "• ◦ ▪ □ ■", and "1." numbers. */
size_t crier_dump_bullet_len(const char *s, size_t n);

/* True when s is one file name of a picture, "IMG_3886.jpg": what a text
 * browser shows for an image without alt text. (textwrap.c) */
int crier_dump_image_name(const char *s, size_t n);

/* A paragraph that keeps its source's line breaks arrives cut into lines.
 * A line joins the one before it (no blank line between) when the line
 * before is long and does not end a sentence, and either the line is
 * indented three columns deeper than the first line of the paragraph (a
 * hanging indent) or the break falls in the middle of a sentence: after a
 * comma or a word in lower case, with the line going on in lower case and
 * not with a byline's "by". Bulleted lines never join. Pictures' file
 * names in brackets among a line's words are left out. Returns a malloc'd
 * copy with the joins made (a space for each line break removed), its
 * length in *out_len, or NULL when out of memory. (textwrap.c) */
char *crier_dump_unwrap(const crier_lexicon *lex, const char *text, size_t len, size_t *out_len);

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

/* Marks the teasers that the body of lines a..b carries cut short ("Ten
 * ways to grow tomatoes in a..."): the cut copy is furniture, and a line
 * that it starts, elsewhere on the page, is another story's title
 * (L_TEASER), never the headline. (texthead.c) */
void crier_dump_cut_teasers(dump *d, size_t a, size_t b);

/* Adds a segment to the doc (nothing for empty text); out of memory
 * sets d->oom. */
void crier_dump_add(dump *d, crier_kind kind, const char *s, size_t n);

/* ---- textmeta.c: captions, credits, bylines, datelines ---- */

/* True when s starts with a credit prefix ("Photo:", "Reporting by"). */
int crier_dump_is_credit(const crier_lexicon *lex, const char *s, size_t n);

/* True when s starts with a picture's credit prefix ("Photo by"), not a
 * story's ("Reporting by", "Source:"). */
int crier_dump_photo_credit(const crier_lexicon *lex, const char *s, size_t n);

/* Length of a caption label that starts the line ("Media caption"), or 0;
 * *strip says whether the label is left out of the caption. */
size_t crier_dump_caption_label(const crier_lexicon *lex, const char *s, size_t n, int *strip);

/* A caption that carries its credit: "A man walks past a mural. (Photo:
 * REUTERS/...)", "... election. (Thomas Coex/AFP/Getty Images)", or
 * "Whale expert Hori Parata. Photograph: Adrian Malloch". Returns 1 and
 * the caption's length and the credit's offset and length; 0 when the
 * line is not one. */
int crier_dump_caption_split(const crier_lexicon *lex, const line *l, size_t *cap, size_t *off,
                             size_t *len);

/* Adds a credit line, dropping a trailing "/ab" desk-initials tag
 * ("Source: Reuters/ec" is "Source: Reuters"). */
void crier_dump_add_credit(dump *d, const char *s, size_t n);

/* A picture's alt text next to its caption in other words, one of them a
 * list item (as a text browser prints a figure whose caption is in a
 * list): the alt text is marked L_IMAGE and the caption L_CAPTION. Two
 * lines of prose that follow each other never say the same thing. */
void crier_dump_alt_captions(dump *d);

/* Adds the caption (and credit) of a line marked L_CAPTION; returns 0,
 * adding nothing, for any other line. */
int crier_dump_take_caption(dump *d, const line *l);

/* Length of a leading dateline, "LONDON:" or "CAIRO —": an upper-case
 * place name and a colon or a dash, maybe with a news agency's name in
 * brackets before the dash ("LONDON (AP) —", "(Reuters) -"); *rest is
 * where the text after it starts. 0 when the line has none. */
size_t crier_dump_dateline_len(const char *s, size_t n, size_t *rest);

/* The part of a date line said as the dateline: the parts with a number
 * of a line split by "|", "·", "•" or "/" between spaces, without a
 * reading time after them or glued to the day ("Jo Lee | March 5, 2018 |
 * 4 min read", "on Mar 2714 min"); a person's name as the first part is
 * added as the byline when the doc has none. Returns where it starts and
 * sets *n to its length (the line as it is when it has no number).
 * (textdate.c) */
size_t crier_dump_date_span(dump *d, const char *s, size_t *n);

/* A page with no date under its headline may print it just above the
 * headline (over a kicker, beside a section's name) or just after the
 * article ("Published 2 November 2023"): when the doc has no dateline,
 * a date line among the three lines of text above the headline at h (not
 * in a list of dated items), or else among the three after the body's
 * end b (before any record, list or end marker), is the dateline; not a
 * line that ends like a sentence (a reference: "... 2019-02-13.").
 * (textdate.c) */
void crier_dump_outer_date(dump *d, size_t h, size_t b);

/* Adds a dateline, without a count printed after its year ("March 9,
 * 2017 13"), unless the doc has one that says the same. */
void crier_dump_add_dateline(dump *d, const char *s, size_t n);

/* Length of the byline s[0..n) without an update or a stamp word of
 * byline.tsv and what follows it ("By Jo Lee Updated", "By Jo Lee
 * Published"), and, when `cut` says that the line went on after it (with
 * a date or a time), without the words in lower case that led to it
 * ("Written by Jo Lee on", "Posted by Jo Lee at"). (textdate.c) */
size_t crier_dump_byline_tail(const crier_lexicon *lex, const char *s, size_t n, int cut);

/* Adds a byline, cut before what often follows it on the same line: a
 * date, a Twitter handle, a "|" or a dash between spaces. Returns where
 * the byline ended on the line. */
size_t crier_dump_add_byline(dump *d, const line *l);

/* Length of a person's name that starts the line, two to four words
 * with capitals ("Hazel Sheffield", "Nelson D. Schwartz"), when nothing
 * follows it or a date, a time or a handle does ("Dan Goodin - Apr 16,
 * 2015", "Alex Perry 1 day ago", "Jo Lee, @jlee"): *rest is where that
 * starts (n when nothing does). 0 for any other line. */
size_t crier_dump_name_len(const crier_lexicon *lex, const line *l, size_t *rest);

/* Sets a line's word counts (line.words, line.units) and L_CJK. */
void crier_dump_count_words(line *l);

/* True for a date line: short (or a longer one that starts with the
 * date), with a month name next to a number, or a numeric date.
 * (textdate.c) */
int crier_dump_date_like(const crier_lexicon *lex, const line *l);

/* True when s[0..n) is a German date whose day's dot looks like a
 * numbered list's ("5. März 2018"): the line keeps its number.
 * (textdate.c) */
int crier_dump_dotted_date(const char *s, size_t n);

/* True for a byline line: "By" (byline.tsv) and a name. */
int crier_dump_byline_line(const crier_lexicon *lex, const line *l);

/* Where a byline starts on a line of parts split by " | " ("Site | date
 * | By Jane Doe"), or 0. */
size_t crier_dump_byline_part(const crier_lexicon *lex, const line *l);

/* The line of a byline without "By" among the first lines under the
 * headline at h, or the last ones above the body at a, or the last ones
 * above the headline, with *rest where what follows the name starts;
 * d->n when there is none. */
size_t crier_dump_name_byline(const dump *d, size_t h, size_t a, size_t *rest);

/* A byline given as a field of a line printed as fields, after a
 * writer's label and a colon ("Source: Xinhua Author: Jane Doe",
 * "来源：…作者：…"; byline.tsv, "label"): returns 1 with its offset on the
 * line in *off, its length in *len, and where the first writer's label
 * starts in *at (what comes before it may be a date); 0 when there is
 * none. (textname.c) */
int crier_dump_label_byline(const crier_lexicon *lex, const line *l, size_t *at, size_t *off,
                            size_t *len);

/* Adds the byline of crier_dump_label_byline(), and the date before the
 * first writer's label as the dateline; 0, adding nothing, when line l
 * has no writer's field. (textname.c) */
int crier_dump_add_label_byline(dump *d, const line *l);

/* Adds the byline of crier_dump_name_byline() and its date. */
void crier_dump_add_name_byline(dump *d, const line *l, size_t rest);

/* Adds a byline line ("By Jane Doe — 12 March 2024") and its date. */
void crier_dump_add_byline_line(dump *d, const line *l);

/* True when the text ends like a sentence, after closing quotes and
 * brackets: . ! ? : and their full-width forms, or an ellipsis. */
int crier_dump_ends_sentence(const char *s, size_t n);

/* Marks the line under a picture's doubled alt text at line i as its
 * caption (L_CAPTION_NEXT) when it reads like one. w3m glues the two
 * copies of the alt text (`glued`) and sets the figure's caption apart
 * with a blank line or two, which are passed over. */
void crier_dump_caption_under(dump *d, size_t i, int glued);

/* Marks the alt text printed above line i's caption (`cap` bytes long)
 * as a caption too. */
void crier_dump_alt_text(dump *d, size_t i, size_t cap);

/* A photo credit on line i: the line above it becomes its caption when
 * it reads like one, else the credit is the picture's only caption. */
void crier_dump_photo_caption(dump *d, size_t i);

/* ---- textname.c: names beside pictures ---- */

/* True for a "Name/Agency" credit alone on its line ("Jo Lee/AFP"). */
int crier_dump_slash_credit(const line *l);

/* Where a person's name in brackets that ends a short line starts (the
 * "("): "Dig a hole in the foam. (Jo Lee)", two words or more before it.
 * 0 for any other line, and for a list item. */
size_t crier_dump_name_credit(const crier_lexicon *lex, const line *l);

/* Marks L_CAPTION the lines that end with the same name in brackets as
 * another line near them (a photographer who signs each picture). */
void crier_dump_name_credits(dump *d);

/* Adds a line that ends with a name in brackets as a caption (said once
 * when the browser printed it twice) and its credit; returns 0, adding
 * nothing, for any other line. */
int crier_dump_take_name_credit(dump *d, const line *l);

/* A writer's signature after the article, "Jane Doe — 2013-09-29 — in
 * Code": a name, then a date as the first part after it. When the doc has
 * no byline yet, adds the name as the byline and the date as the
 * dateline, and returns 1; returns 0 otherwise. */
int crier_dump_signature(dump *d, const line *l);

/* True for a picture's credit alone on its line whose last part after a
 * "/" is an agency (credits.tsv): "Jo Lee/Moodboard/Getty Images",
 * "jlee/iStock/Getty Images", maybe in brackets. */
int crier_dump_agency_credit(const crier_lexicon *lex, const line *l);

/* A writer's picture and name after a short label, as text browsers
 * print a page's header: "Daily Example [0] Jane Doe" (w3m, the picture's
 * tag), "Daily Example Jane Doe Jane Doe" (lynx, its alt text and the
 * name): the line is cut down to the name. Other lines are left alone. */
void crier_dump_avatar(const crier_lexicon *lex, line *l);

/* A byline split over two lines: "By" (or "Written on Mar 27 by") alone,
 * and a person's name on the next line of text. The name is marked
 * L_BYLINE, the line before it L_FURN. */
void crier_dump_split_bylines(dump *d);

/* True when a clock time ("14:44", "9:05") starts at s[i]. (textzone.c) */
int crier_dump_clock_at(const char *s, size_t n, size_t i);

/* Marks runs of records (L_STAMP, L_RECORD) and galleries (L_GALLERY):
 * what follows an article, or interrupts it, in the shape of prose.
 * Returns 0, or -1 when out of memory. (textzone.c) */
int crier_dump_zones(dump *d);

#endif

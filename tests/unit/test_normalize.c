/* test_normalize.c -- the normalizer through crier.h: the span map that
 * captions depend on, input hygiene, the line contract, the flags, and
 * lexicon overrides. What each class says is in tests/spec/normalize.txt;
 * this file checks the properties every output must have.
 *
 * usage: test_normalize LEXICON_DIR */
#include "crier.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static crier_spoken *norm(const crier_lexicon *lex, const char *src, unsigned flags)
{
    crier_spoken *sp = NULL;
    crier_error err = {0};
    crier_status st = crier_normalize(lex, src, strlen(src), flags, &sp, &err);
    OK(st == CRIER_OK && sp, "normalize \"%s\": status %d", src, st);
    return sp;
}

/* The span of the first output word equal to `word`, or NULL. */
static const crier_span *span_of(const crier_spoken *sp, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < sp->nspans; i++)
        if (sp->spans[i].out_len == n && !memcmp(sp->text + sp->spans[i].out_off, word, n))
            return &sp->spans[i];
    return NULL;
}

/* Spans lie inside both texts, in output order, never overlap in the
 * output, have source starts that never go backwards, and cover every
 * word of the output (letters and digits are always inside a span). */
static void check_spans(const char *src, const crier_spoken *sp)
{
    size_t slen = strlen(src), out_end = 0, src_start = 0;
    int inside = 1, ordered = 1, forward = 1;
    char *covered = calloc(sp->len + 1, 1);
    for (size_t i = 0; i < sp->nspans; i++) {
        crier_span s = sp->spans[i];
        inside &= s.out_off + s.out_len <= sp->len && s.src_off + s.src_len <= slen;
        ordered &= s.out_off >= out_end;
        forward &= s.src_off >= src_start;
        out_end = s.out_off + s.out_len;
        src_start = s.src_off;
        if (inside)
            memset(covered + s.out_off, 1, s.out_len);
    }
    OK(inside, "spans inside both texts for \"%s\"", src);
    OK(ordered, "spans in output order for \"%s\"", src);
    OK(forward, "span sources never go backwards for \"%s\"", src);
    int all = 1;
    for (size_t i = 0; i < sp->len; i++) {
        char c = sp->text[i];
        if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) &&
            !covered[i])
            all = 0;
    }
    OK(all, "every word has a span in \"%s\" -> \"%s\"", src, sp->text);
    free(covered);
}

static void test_span_properties(const crier_lexicon *lex)
{
    static const char *INPUTS[] = {
        "On Sep 1, 2022 the UN met.",
        "Tuesday (Sep 20) at 10:30 a.m. EST, $5.5 million was paid.",
        "Brig. Gen. Luca Piperni told NATO's 3,700 troops about World War II.",
        "Visit https://www.bbc.co.uk/news or call +41 22 123 4567.",
        "The 1990s, 5 km/h, -5°C, 3 1/2 cups and 10-20 people.",
        "“Curly” quotes, a non\xc2\xa0" "breaking space, soft\xc2\xad" "hyphen.",
        "BREAKING NEWS: PRESIDENT RESIGNS\nsecond line\n\nfourth",
        "The Organisation's 2x8 m2 slab, 2Q22 sales, card ending in 8876.",
        "Write to enterpriseservices@ourdailynews.com or http : //www.example.com/a .",
        "Sen. Ann Ruiz (D-W.Va.) met Aug. 3-6 at 45°30′N, 7 : 30 p.m., ISBN 978-0-300-01234-5.",
        "KYIV, Ukraine (AP) — Mr. and Mrs. Li paid 1.5m euros for a 747-400 in FY2024.",
    };
    for (size_t i = 0; i < sizeof INPUTS / sizeof *INPUTS; i++) {
        crier_spoken *sp = norm(lex, INPUTS[i], 0);
        if (sp)
            check_spans(INPUTS[i], sp);
        crier_spoken_free(sp);
    }
}

static void test_span_values(const crier_lexicon *lex)
{
    const char *src = "It cost $5 on Sep 1, 2022.";
    crier_spoken *sp = norm(lex, src, 0);
    if (!sp)
        return;
    STR_EQ(sp->text, "It cost five dollars on September first, twenty twenty-two.", "spoken");
    /* Several words share the span of what they came from. */
    const crier_span *a = span_of(sp, "five"), *b = span_of(sp, "dollars");
    OK(a && b && a->src_off == 8 && a->src_len == 2 && b->src_off == 8 && b->src_len == 2,
       "\"five dollars\" both map to \"$5\"");
    const crier_span *y = span_of(sp, "twenty-two");
    OK(y && y->src_len == 4 && !memcmp(src + y->src_off, "2022", 4), "year maps to \"2022\"");
    const crier_span *m = span_of(sp, "September");
    OK(m && !memcmp(src + m->src_off, "Sep 1", m->src_len), "month and day map to \"Sep 1\"");
    const crier_span *stop = span_of(sp, ".");
    (void)stop;
    crier_spoken_free(sp);

    /* A respelled word maps to the word as written; the words cut out of
     * an address part all map to the whole address. */
    src = "An organisation at ourdailynews.com";
    sp = norm(lex, src, 0);
    if (!sp)
        return;
    STR_EQ(sp->text, "An organization at our daily news dot com", "spoken");
    const crier_span *o = span_of(sp, "organization");
    OK(o && o->src_len == 12 && !memcmp(src + o->src_off, "organisation", 12),
       "\"organization\" maps to \"organisation\"");
    const crier_span *d = span_of(sp, "daily");
    OK(d && !memcmp(src + d->src_off, "ourdailynews.com", d->src_len) && d->src_len == 16,
       "\"daily\" maps to the address");
    crier_spoken_free(sp);
}

/* Spans are in bytes of the text given, even where hygiene changed it:
 * a curly apostrophe (3 bytes) is inside "don't", a zero-width space is
 * inside the word it splits, and nothing points into the middle of a
 * character. */
static void test_span_hygiene(const crier_lexicon *lex)
{
    const char *src = "don\xe2\x80\x99t zero\xe2\x80\x8bwidth \xc2\x93quoted\xc2\x94 end";
    crier_spoken *sp = norm(lex, src, 0);
    if (!sp)
        return;
    STR_EQ(sp->text, "don't zerowidth quoted end", "hygiene");
    const crier_span *a = span_of(sp, "don't");
    OK(a && a->src_off == 0 && a->src_len == 7, "\"don't\" covers the curly apostrophe");
    const crier_span *b = span_of(sp, "zerowidth");
    OK(b && b->src_off == 8 && b->src_len == 12, "\"zerowidth\" covers the zero-width space");
    const crier_span *c = span_of(sp, "quoted");
    OK(c && !memcmp(src + c->src_off, "quoted", 6), "\"quoted\" after a C1 quote starts on it");
    const crier_span *d = span_of(sp, "end");
    OK(d && !memcmp(src + d->src_off, "end", 3) && d->src_len == 3, "\"end\" maps exactly");
    check_spans(src, sp);
    crier_spoken_free(sp);
}

/* Newlines stay newlines one for one, and a line never ends in a comma. */
static void test_lines(const crier_lexicon *lex)
{
    const char *src = "first (line)\n\nthird - \nDr.\n";
    crier_spoken *sp = norm(lex, src, 0);
    if (!sp)
        return;
    int nl = 0;
    for (size_t i = 0; i < sp->len; i++)
        nl += sp->text[i] == '\n';
    INT_EQ(nl, 4, "one newline out per newline in");
    STR_EQ(sp->text, "first, line\n\nthird\nDoctor\n", "lines");
    crier_spoken_free(sp);
}

static void test_flags(const crier_lexicon *lex)
{
    crier_spoken *us = norm(lex, "On 4/7/2022, 123 km.", 0);
    crier_spoken *gb = norm(lex, "On 4/7/2022, 123 km.", CRIER_NORM_GB);
    if (us)
        STR_EQ(us->text,
               "On April seventh, twenty twenty-two, one hundred twenty-three kilometers.", "US");
    if (gb)
        STR_EQ(gb->text,
               "On the fourth of July twenty twenty-two, one hundred and twenty-three kilometres.",
               "GB");
    crier_spoken_free(us);
    crier_spoken_free(gb);
}

/* --lexicon overrides, and CRIER_NORM_PHONEMES with pronunciations. */
static void test_lexicon_files(const char *dir)
{
    crier_lexicon *lex = NULL;
    crier_error err = {0};
    if (crier_lexicon_load(dir, &lex, &err) != CRIER_OK) {
        OK(0, "load %s: %s", dir, err.msg);
        return;
    }
    char path[] = "/tmp/crier-test-norm-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    OK(f != NULL, "temp file");
    if (!f) {
        crier_lexicon_free(lex);
        return;
    }
    fputs("# table: pronunciations\nPiperni\tp@p'e@ni\n", f);
    fclose(f);
    INT_EQ(crier_lexicon_add_file(lex, path, &err), CRIER_OK, "add pronunciations");
    crier_spoken *plain = norm(lex, "Piperni said", 0);
    crier_spoken *ph = norm(lex, "Piperni said", CRIER_NORM_PHONEMES);
    if (plain)
        STR_EQ(plain->text, "Piperni said", "no phonemes in a text dump");
    if (ph)
        STR_EQ(ph->text, "[[p@p'e@ni]] said", "phonemes for synthesis");
    crier_spoken_free(plain);
    crier_spoken_free(ph);
    /* A unit added from a file of the user's. */
    f = fopen(path, "w");
    if (f) {
        fputs("# table: units\n# columns: form\tsingular\tplural\tflags\nfurl\tfurlong\tfurlongs\n",
              f);
        fclose(f);
        INT_EQ(crier_lexicon_add_file(lex, path, &err), CRIER_OK, "add a unit");
        crier_spoken *u = norm(lex, "3 furl", 0);
        if (u)
            STR_EQ(u->text, "three furlongs", "user unit");
        crier_spoken_free(u);
    }
    /* A malformed row names its file and line. */
    f = fopen(path, "w");
    if (f) {
        fputs("# table: units\nkm\tkilometer\tkilometers\tnot-a-flag\n", f);
        fclose(f);
        INT_EQ(crier_lexicon_add_file(lex, path, &err), CRIER_ERR_LEXICON, "bad flag refused");
        INT_EQ(err.line, 2, "line of the bad row");
        OK(!strcmp(err.file, path), "file of the bad row: %s", err.file);
    }
    remove(path);
    crier_lexicon_free(lex);
}

/* A number no rule recognises is still read, never dropped: a version,
 * a clause, stray separators. Every line gives words and no figure. */
static void test_numbers_kept(const crier_lexicon *lex)
{
    static const char *INPUTS[] = {"2.0.1", "release 7.4.1.9 is out", "1..2", "3,5,7",
                                   "12,34,567", "0.0.0", "v10.15.7 and 8.1.2-rc"};
    for (size_t i = 0; i < sizeof INPUTS / sizeof *INPUTS; i++) {
        crier_spoken *sp = norm(lex, INPUTS[i], 0);
        if (!sp)
            continue;
        int figures = 0;
        for (size_t k = 0; k < sp->len; k++)
            figures |= sp->text[k] >= '0' && sp->text[k] <= '9';
        OK(sp->len > 0 && !figures, "\"%s\" read in words: \"%s\"", INPUTS[i], sp->text);
        crier_spoken_free(sp);
    }
}

/* Input that is not valid UTF-8 still gives an answer (the library never
 * aborts on input), and so does a text of nothing but symbols. */
static void test_odd_input(const crier_lexicon *lex)
{
    static const char *INPUTS[] = {"\xff\xfe broken \xc3", "", "\n\n", "$$$ ### %%% ///",
                                   "- - - -- --- ...", "\"\"\"''' ((( )))"};
    for (size_t i = 0; i < sizeof INPUTS / sizeof *INPUTS; i++) {
        crier_spoken *sp = norm(lex, INPUTS[i], 0);
        if (sp)
            OK(strlen(sp->text) == sp->len, "length of \"%s\"", INPUTS[i]);
        crier_spoken_free(sp);
    }
    crier_spoken_free(NULL);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s LEXICON_DIR\n", argv[0]);
        return 2;
    }
    crier_lexicon *lex = harness_lexicon(argv[1]);
    test_span_properties(lex);
    test_span_values(lex);
    test_span_hygiene(lex);
    test_lines(lex);
    test_flags(lex);
    test_odd_input(lex);
    test_numbers_kept(lex);
    crier_lexicon_free(lex);
    test_lexicon_files(argv[1]);
    return harness_done();
}

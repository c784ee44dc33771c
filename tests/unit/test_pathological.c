/* test_pathological.c -- worst-case inputs for the normalizer.
 *
 * Each input is normalized once and must come back with CRIER_OK, the
 * contract's newline count and sane spans: a 1 MB run of digits, 100,000
 * dots, a 10 MB line without spaces, 100,000 repeated abbreviations, and
 * a few shapes that once made classifiers look ahead or back too far.
 * That they finish is the test; that they finish in linear time is
 * measured by `bench_normalize --pathological` (bench/), because unit
 * tests never assert on time (cmark's pathological_tests.py has a time
 * limit; ctest's default timeout plays that part here).
 *
 * usage: test_pathological LEXICON_DIR */
#include "crier.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

/* Fills a buffer with `unit` repeated until it holds `size` bytes. */
static char *repeat(const char *unit, size_t size)
{
    size_t u = strlen(unit);
    char *s = malloc(size + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i < size; i++)
        s[i] = unit[i % u];
    s[size] = '\0';
    return s;
}

static void run(const crier_lexicon *lex, const char *name, const char *unit, size_t size)
{
    char *text = repeat(unit, size);
    OK(text != NULL, "%s: allocate", name);
    if (!text)
        return;
    crier_spoken *sp = NULL;
    crier_error err = {0};
    crier_status st = crier_normalize(lex, text, size, 0, &sp, &err);
    OK(st == CRIER_OK, "%s: status %d", name, st);
    if (st == CRIER_OK) {
        size_t nl_in = 0, nl_out = 0;
        for (size_t i = 0; i < size; i++)
            nl_in += text[i] == '\n';
        for (size_t i = 0; i < sp->len; i++)
            nl_out += sp->text[i] == '\n';
        INT_EQ(nl_out, nl_in, name);
        int sane = 1;
        for (size_t i = 0; i < sp->nspans && sane; i++)
            sane = sp->spans[i].src_off + sp->spans[i].src_len <= size &&
                   sp->spans[i].out_off + sp->spans[i].out_len <= sp->len;
        OK(sane, "%s: spans inside both texts", name);
    }
    crier_spoken_free(sp);
    free(text);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s LEXICON_DIR\n", argv[0]);
        return 2;
    }
    crier_lexicon *lex = harness_lexicon(argv[1]);
    run(lex, "1 MB of digits", "1234567890", 1 << 20);
    run(lex, "100,000 dots", ".", 100000);
    run(lex, "100,000 spaced dots", ". ", 200000);
    run(lex, "10 MB line without spaces", "abc.def-1/2:3@x_y", 10 << 20);
    run(lex, "10 MB of one letter", "a", 10 << 20);
    run(lex, "100,000 abbreviations", "Dr. ", 400000);
    run(lex, "100,000 dotted initials", "U.S.", 400000);
    run(lex, "dates without end", "Sep 1, ", 700000);
    run(lex, "ranges without end", "1-", 200000);
    run(lex, "brackets", "((((([[[[", 200000);
    run(lex, "tags that never close", "<a ", 300000);
    run(lex, "grouped digits", "1,000,", 600000);
    run(lex, "digits grouped in pairs", "12,", 600000);
    run(lex, "feet and sizes", "12' x ", 600000);
    run(lex, "lines of capitals", "NATO UN KFOR\n", 650000);
    crier_lexicon_free(lex);
    return harness_done();
}

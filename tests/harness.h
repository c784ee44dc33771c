/* harness.h -- a tiny test harness in the style of cmark's api_test.
 *
 * OK(cond, msg), INT_EQ(got, want, msg), STR_EQ(got, want, msg) record a
 * result and print a line with the test file's line number on failure;
 * harness_done() prints "N passed, N failed" and returns the exit code
 * ctest reads. Tests never stop at the first failure: one run shows them
 * all. */
#ifndef CRIER_TEST_HARNESS_H
#define CRIER_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int harness_passed, harness_failed;

#define OK(cond, ...)                                                                      \
    do {                                                                                   \
        if (cond) {                                                                        \
            harness_passed++;                                                              \
        } else {                                                                           \
            harness_failed++;                                                              \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                           \
            fprintf(stderr, __VA_ARGS__);                                                  \
            fputc('\n', stderr);                                                           \
        }                                                                                  \
    } while (0)

#define INT_EQ(got, want, msg)                                                             \
    do {                                                                                   \
        long long g_ = (long long)(got), w_ = (long long)(want);                           \
        OK(g_ == w_, "%s: got %lld, want %lld", msg, g_, w_);                              \
    } while (0)

#define STR_EQ(got, want, msg)                                                             \
    do {                                                                                   \
        const char *g_ = (got), *w_ = (want);                                              \
        OK(g_ && w_ && strcmp(g_, w_) == 0, "%s:\n   got: %s\n  want: %s", msg,            \
           g_ ? g_ : "(null)", w_);                                                        \
    } while (0)

static inline int harness_done(void)
{
    printf("%d passed, %d failed\n", harness_passed, harness_failed);
    return harness_failed ? 1 : 0;
}

#ifdef CRIER_H /* tests of the library; the audio checkers do not link it */
/* The lexicon the test runs with (its directory, from ctest's command
 * line). A lexicon that does not load is a broken setup, not a failed
 * test: the message says where, and the run stops with status 2. */
static inline crier_lexicon *harness_lexicon(const char *dir)
{
    crier_lexicon *lex = NULL;
    crier_error err = {0};
    if (crier_lexicon_load(dir, &lex, &err) != CRIER_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        exit(2);
    }
    return lex;
}
#endif

#endif

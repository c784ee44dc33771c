/* fuzz_normalize.c -- libFuzzer target for crier_normalize().
 *
 * The first byte picks the flags (CRIER_NORM_PHONEMES, CRIER_NORM_GB), as
 * cmark's fuzzer takes its options from the input; the rest is the text,
 * any bytes at all: the normalizer is a public entry point and must not
 * trust its input to be valid UTF-8. Besides the sanitizers, the target
 * checks what callers rely on: the output's length, one newline out per
 * newline in, and spans that lie inside both texts in output order. A
 * broken invariant aborts, which the fuzzer reports as a crash.
 *
 * Build with clang and -DCRIER_FUZZ=ON; without libFuzzer, replay.c
 * replays the corpus in fuzz/corpus/normalize under ctest. The lexicon
 * comes from $CRIER_FUZZ_LEXICON, else from the source tree. */
#include "crier.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CRIER_FUZZ_LEXICON
#define CRIER_FUZZ_LEXICON "lexicon/en"
#endif

static crier_lexicon *lexicon(void)
{
    static crier_lexicon *lex;
    if (!lex) {
        const char *dir = getenv("CRIER_FUZZ_LEXICON");
        crier_error err = {0};
        if (crier_lexicon_load(dir ? dir : CRIER_FUZZ_LEXICON, &lex, &err) != CRIER_OK) {
            fprintf(stderr, "fuzz_normalize: %s:%ld: %s\n", err.file, err.line, err.msg);
            abort();
        }
    }
    return lex;
}

static void check(const uint8_t *text, size_t len, const crier_spoken *sp)
{
    size_t nl_in = 0, nl_out = 0, last = 0;
    for (size_t i = 0; i < len; i++)
        nl_in += text[i] == '\n';
    if (strlen(sp->text) != sp->len)
        abort();
    for (size_t i = 0; i < sp->len; i++)
        nl_out += sp->text[i] == '\n';
    if (nl_in != nl_out)
        abort();
    for (size_t i = 0; i < sp->nspans; i++) {
        const crier_span *s = &sp->spans[i];
        if (s->out_off < last || s->out_off + s->out_len > sp->len ||
            s->src_off + s->src_len > len)
            abort();
        last = s->out_off + s->out_len;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned flags = data[0] & (CRIER_NORM_PHONEMES | CRIER_NORM_GB);
    const uint8_t *text = data + 1;
    size_t len = size - 1;
    crier_spoken *sp = NULL;
    if (crier_normalize(lexicon(), (const char *)text, len, flags, &sp, NULL) == CRIER_OK) {
        check(text, len, sp);
        crier_spoken_free(sp);
    }
    return 0;
}

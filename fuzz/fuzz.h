/* fuzz.h -- what the fuzz targets share: the lexicon they all parse with.
 *
 * The targets are libFuzzer entry points (LLVMFuzzerTestOneInput). Built
 * with -DCRIER_FUZZ=ON and clang they are fuzzers; linked with
 * replay.c they are plain programs that replay a corpus, which is how
 * ctest runs them (label fuzz-smoke) with any compiler. */
#ifndef CRIER_FUZZ_H
#define CRIER_FUZZ_H

#include "crier.h"

#include <stdio.h>
#include <stdlib.h>

/* The shipped lexicon, loaded once (the fuzzer calls the target millions
 * of times). The build sets CRIER_FUZZ_LEXICON; $CRIER_FUZZ_LEXICON wins. */
static inline const crier_lexicon *fuzz_lexicon(void)
{
    static crier_lexicon *lex;
    if (!lex) {
        const char *dir = getenv("CRIER_FUZZ_LEXICON");
        crier_error err;
        if (crier_lexicon_load(dir ? dir : CRIER_FUZZ_LEXICON, &lex, &err) != CRIER_OK) {
            fprintf(stderr, "fuzz: %s:%ld: %s\n", err.file, err.line, err.msg);
            abort();
        }
    }
    return lex;
}

/* Parses `data` as `kind` with the captions policy taken from its first
 * byte, both as raw bytes and after crier_text_clean() as the CLI does,
 * and renders the result both ways. Any crash, leak or sanitizer report is
 * the finding; results are not checked beyond their own consistency. */
static inline void fuzz_parse(const unsigned char *data, size_t size, crier_input kind)
{
    const crier_lexicon *lex = fuzz_lexicon();
    crier_parse_options opts;
    crier_parse_options_init(&opts);
    opts.input = kind;
    opts.captions = size ? (crier_captions)(data[0] % 3) : CRIER_CAPTIONS_END;
    char *clean = NULL;
    size_t len = 0;
    const char *inputs[2] = {(const char *)data, NULL};
    size_t lens[2] = {size, 0};
    if (crier_text_clean((const char *)data, size, "fuzz", &clean, &len, NULL) == CRIER_OK) {
        inputs[1] = clean;
        lens[1] = len;
    }
    for (int i = 0; i < 2 && inputs[i]; i++) {
        crier_doc *doc = NULL;
        if (crier_parse(inputs[i], lens[i], &opts, lex, &doc, NULL) != CRIER_OK)
            continue;
        for (size_t k = 0; k < crier_doc_count(doc); k++)
            if (!crier_doc_text(doc, k) || (unsigned)crier_doc_kind(doc, k) > CRIER_KIND_PARAGRAPH)
                abort();
        crier_free(crier_doc_render(doc, CRIER_RENDER_JSON));
        crier_free(crier_doc_render(doc, CRIER_RENDER_TEXT));
        crier_doc_free(doc);
    }
    crier_free(clean);
}

#endif

/* fuzz_feed.c -- libFuzzer target for the untrusted text parsers of the
 * batch and bulletin stages: feeds (RSS/Atom through libxml2) and batch
 * manifests. The first byte picks the parser, so one corpus covers both.
 * Built with -DCRIER_FUZZ=ON (clang); replay.c runs the corpus under ctest
 * with any compiler. */
#include "crier.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    if (data[0] & 1) {
        crier_batch *b = crier_batch_new();
        if (b && crier_batch_add_manifest(b, text, len, "/nonexistent", "fuzz", NULL) == CRIER_OK)
            crier_batch_plan(b, NULL);
        for (size_t i = 0; b && i < crier_batch_count(b); i++)
            crier_batch_shard_of(b, i, 7);
        crier_batch_free(b);
    } else {
        crier_feed_item *items = NULL;
        size_t n = 0;
        crier_feed_sniff(text, len);
        if (crier_feed_parse(text, len, "fuzz", &items, &n, NULL) == CRIER_OK)
            crier_feed_items_free(items, n);
    }
    return 0;
}

/* fuzz_site.c -- libFuzzer target for the readers behind crier feed and
 * the listening page: WebVTT captions and JSON chapters found beside an
 * episode. The first byte picks which file the rest becomes; the target
 * then writes both the feed and the page for a one-episode directory. */
#include "crier.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void put(const char *name, const void *p, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(p, 1, n, f);
        fclose(f);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/crier-fuzz-site-XXXXXX");
        if (!mkdtemp(dir))
            abort();
        put("ep.wav", "RIFF", 4);
    }
    if (size == 0)
        return 0;
    put(data[0] & 1 ? "ep.chapters.json" : "ep.vtt", data + 1, size - 1);
    crier_feed_options o;
    crier_feed_options_init(&o);
    o.base_url = "http://fuzz.example/";
    char out[128];
    snprintf(out, sizeof out, "%s/feed.xml", dir);
    crier_feed_write(dir, &o, out, NULL);
    crier_site_write(dir, &o, dir, NULL);
    return 0;
}

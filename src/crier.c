/* crier.c -- the front door: version, status strings, errors and memory.
 *
 * Small things every stage needs and that belong to no stage in
 * particular. The pipeline itself starts in input.c. */
#include "internal.h"
#include "crier_version.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *crier_version(void) { return CRIER_VERSION_STRING; }

const char *crier_status_str(crier_status status)
{
    switch (status) {
    case CRIER_OK: return "success";
    case CRIER_ERR_NOMEM: return "out of memory";
    case CRIER_ERR_IO: return "input/output error";
    case CRIER_ERR_UTF8: return "invalid UTF-8";
    case CRIER_ERR_EMPTY: return "no article text found";
    case CRIER_ERR_LEXICON: return "malformed lexicon";
    case CRIER_ERR_VOICE: return "bad voice profile";
    case CRIER_ERR_SYNTH: return "speech synthesis failed";
    case CRIER_ERR_AUDIO: return "audio encoding failed";
    case CRIER_ERR_ARG: return "invalid argument";
    case CRIER_ERR_INTERRUPTED: return "interrupted";
    case CRIER_ERR_MEDIA: return "not a usable sound file";
    }
    return "unknown status";
}

void crier_free(void *ptr) { free(ptr); }

crier_status crier_fail(crier_error *err, crier_status code, const char *file, long line,
                        const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    err->offset = -1;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

crier_status crier_read_file(const char *path, char **out, size_t *len, crier_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    while (p) {
        n += fread(p + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        char *q = cap < SIZE_MAX / 2 ? realloc(p, cap * 2) : NULL;
        if (!q) {
            free(p);
            p = NULL;
            break;
        }
        p = q;
        cap *= 2;
    }
    int bad = ferror(f);
    int saved = errno;
    fclose(f);
    if (!p)
        return crier_fail(err, CRIER_ERR_NOMEM, path, 0, "out of memory reading the file");
    if (bad) {
        free(p);
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot read: %s", strerror(saved));
    }
    p[n] = '\0';
    *out = p;
    *len = n;
    return CRIER_OK;
}

char *crier_path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    size_t k = a;
    if (k && p[k - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

/* See internal.h. */
int crier_write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t k = write(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

int crier_read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n) {
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

/* See internal.h. */
int crier_fill_block(float *buf, size_t *fill, size_t cap, const float **x, size_t *n)
{
    size_t k = cap - *fill < *n ? cap - *fill : *n;
    memcpy(buf + *fill, *x, k * sizeof **x);
    *fill += k;
    *x += k;
    *n -= k;
    return *fill == cap;
}

/* buf.h -- growable byte buffer used by every stage (cmark's buffer.c idea).
 *
 * A crier_buf owns `ptr`, which always ends in a NUL byte after `len` bytes
 * once anything has been appended. Appends report out-of-memory by
 * returning -1 and setting `oom`; after that the buffer ignores further
 * appends, so a long run of appends can be checked once at the end. */
#ifndef CRIER_BUF_H
#define CRIER_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct crier_buf {
    char *ptr;
    size_t len;
    size_t cap;
    int oom; /* set once an allocation failed */
} crier_buf;

#define CRIER_BUF_INIT {NULL, 0, 0, 0}

int crier_buf_grow(crier_buf *b, size_t extra);
int crier_buf_put(crier_buf *b, const char *s, size_t n);
int crier_buf_puts(crier_buf *b, const char *s);
int crier_buf_putc(crier_buf *b, char c);
int crier_buf_printf(crier_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends the UTF-8 encoding of code point `cp`. */
int crier_buf_put_cp(crier_buf *b, int32_t cp);
void crier_buf_truncate(crier_buf *b, size_t len);
/* Hands the memory to the caller (never NULL unless out of memory) and
 * resets the buffer. */
char *crier_buf_detach(crier_buf *b);
void crier_buf_free(crier_buf *b);

#endif

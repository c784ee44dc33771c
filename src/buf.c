/* buf.c -- growable byte buffer. See buf.h for the contract. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for `extra` more bytes plus the trailing NUL. Returns 0, or -1
 * when the allocation failed (or already failed earlier). */
int crier_buf_grow(crier_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (extra > SIZE_MAX / 2 - b->len - 1) {
        b->oom = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->ptr, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->ptr = p;
    b->cap = cap;
    return 0;
}

int crier_buf_put(crier_buf *b, const char *s, size_t n)
{
    if (crier_buf_grow(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = '\0';
    return 0;
}

int crier_buf_puts(crier_buf *b, const char *s) { return crier_buf_put(b, s, strlen(s)); }

int crier_buf_putc(crier_buf *b, char c) { return crier_buf_put(b, &c, 1); }

int crier_buf_printf(crier_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || crier_buf_grow(b, (size_t)n) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int crier_buf_put_cp(crier_buf *b, int32_t cp)
{
    char s[4];
    size_t n;
    if (cp < 0x80) {
        s[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        s[0] = (char)(0xF0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return crier_buf_put(b, s, n);
}

void crier_buf_truncate(crier_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->ptr[len] = '\0';
    }
}

char *crier_buf_detach(crier_buf *b)
{
    if (b->oom) {
        crier_buf_free(b);
        return NULL;
    }
    if (!b->ptr && crier_buf_grow(b, 0) < 0)
        return NULL;
    if (b->len == 0)
        b->ptr[0] = '\0';
    char *p = b->ptr;
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}

void crier_buf_free(crier_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

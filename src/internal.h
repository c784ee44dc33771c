/* internal.h -- helpers shared by the library's stages; never installed.
 *
 * Everything here has the crier_ prefix and hidden visibility (the build
 * compiles with -fvisibility=hidden and only crier.h is exported). */
#ifndef CRIER_INTERNAL_H
#define CRIER_INTERNAL_H

#include "crier.h"

#include <stdio.h>

/* Fills `err` (when not NULL) and returns `code`, so that a failing path can
 * end with `return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot open: %s",
 * strerror(errno));`. `file` may be NULL. */
crier_status crier_fail(crier_error *err, crier_status code, const char *file, long line,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Reads a whole file into a NUL-terminated malloc'd buffer. */
crier_status crier_read_file(const char *path, char **out, size_t *len, crier_error *err);

/* Joins a directory and a name with one slash. Caller frees; NULL on OOM. */
char *crier_path_join(const char *dir, const char *name);

/* Writes, or reads, all n bytes of a file descriptor, through short
 * counts and EINTR. Returns 0, or -1 on an error (errno says which) or at
 * the end of the file. */
int crier_write_all(int fd, const void *p, size_t n);
int crier_read_all(int fd, void *p, size_t n);

/* Moves as much of the samples *x (*n of them) into buf, which holds *fill
 * of cap, as fits, and advances *x and *n past them. Returns 1 when buf is
 * then full: the caller sends the block and sets *fill to 0. Encoders and
 * worker pipes both want fixed-size blocks from calls of any length. */
int crier_fill_block(float *buf, size_t *fill, size_t cap, const float **x, size_t *n);

#define CRIER_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif

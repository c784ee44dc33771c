/* outfile.h -- output files that appear whole or not at all.
 *
 * Every file crier writes (audio, captions, chapters) goes to a temporary
 * file in the destination directory, so that the final rename is atomic
 * on the same file system. An existing file at the final path is either
 * replaced whole or left as it was. Targets that are not regular files
 * (a pipe, /dev/null, /dev/full) are written directly: renaming over a
 * device would be wrong, and there is nothing to leave half-written. */
#ifndef CRIER_OUTFILE_H
#define CRIER_OUTFILE_H

#include "crier.h"

typedef struct crier_outfile {
    const char *path;  /* the final name (borrowed) */
    char *tmp;         /* the temporary name, or NULL for direct writes */
    int fd;            /* -1 when closed */
    int seekable;      /* regular file: can be rewritten in place */
} crier_outfile;

/* Creates the temporary file (mode as a plain open would give). Errors
 * name `path`: CRIER_ERR_IO "cannot create: ...". */
crier_status crier_outfile_open(crier_outfile *o, const char *path, crier_error *err);

/* Writes all of `buf`, retrying short writes. */
crier_status crier_outfile_write(crier_outfile *o, const void *buf, size_t n, crier_error *err);

/* Flushes to disk and closes; the file keeps its temporary name until
 * crier_outfile_rename(). Split in two so that several files can all be
 * complete before any of them replaces an old one. */
crier_status crier_outfile_finish(crier_outfile *o, crier_error *err);
crier_status crier_outfile_rename(crier_outfile *o, crier_error *err);

/* Closes and removes the temporary file. Safe on a zeroed or finished
 * outfile, and on one that was never opened (fd -1 and tmp NULL). */
void crier_outfile_abort(crier_outfile *o);

#endif

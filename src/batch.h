/* batch.h -- pieces of the batch stage that the feed and bulletin stages
 * share: atomic whole-file writes and reading episode records back. */
#ifndef CRIER_BATCH_H
#define CRIER_BATCH_H

#include "crier.h"

/* Writes `len` bytes to `path` so that `path` only ever holds the old
 * content or the complete new one, even across SIGKILL or power loss: the
 * data goes to an unnamed O_TMPFILE inode where the file system supports
 * it (so a kill leaves nothing behind), else to ".NAME.XXXXXX", is
 * fsync'ed, then renamed over `path`, and the directory is fsync'ed. */
crier_status crier_write_atomic(const char *path, const char *data, size_t len,
                                crier_error *err);

/* An episode record read back from NAME.meta.json; every string owned. */
typedef struct crier_episode_rec {
    char *title, *author, *date, *description, *input, *key;
    double seconds; /* negative when the record has none */
} crier_episode_rec;

/* Reads the record at `path`. CRIER_ERR_IO when it cannot be read,
 * CRIER_ERR_EMPTY when it is not a crier episode record. */
crier_status crier_episode_load(const char *path, crier_episode_rec *out, crier_error *err);
void crier_episode_rec_clear(crier_episode_rec *rec);

/* SHA-256 of a memory buffer as hex. */
void crier_sha256_hex(const void *data, size_t len, char hex[65]);

#endif

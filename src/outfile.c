/* outfile.c -- output files that appear whole or not at all (outfile.h). */
#include "outfile.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary name: ".NAME.XXXXXX" beside NAME, hidden from listings. */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path + 1) : 0, n = strlen(path);
    char *t = malloc(n + 16);
    if (t) {
        memcpy(t, path, dir);
        snprintf(t + dir, n + 16 - dir, ".%s.XXXXXX", path + dir);
    }
    return t;
}

crier_status crier_outfile_open(crier_outfile *o, const char *path, crier_error *err)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    o->fd = -1;
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot create: is a directory");
        o->fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (o->fd < 0)
            return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
        return CRIER_OK;
    }
    o->tmp = temp_name(path);
    if (!o->tmp)
        return crier_fail(err, CRIER_ERR_NOMEM, path, 0, "out of memory");
    o->fd = mkstemp(o->tmp);
    if (o->fd < 0) {
        int e = errno;
        free(o->tmp);
        o->tmp = NULL;
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot create: %s", strerror(e));
    }
    fcntl(o->fd, F_SETFD, FD_CLOEXEC);
    /* mkstemp makes the file private; give it the mode open() would. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(o->fd, 0666 & ~mask);
    o->seekable = 1;
    return CRIER_OK;
}

crier_status crier_outfile_write(crier_outfile *o, const void *buf, size_t n, crier_error *err)
{
    errno = 0;
    if (crier_write_all(o->fd, buf, n) < 0)
        return crier_fail(err, CRIER_ERR_IO, o->path, 0, "cannot write: %s",
                          errno ? strerror(errno) : "nothing written");
    return CRIER_OK;
}

crier_status crier_outfile_finish(crier_outfile *o, crier_error *err)
{
    int bad = 0, e = 0;
    if (o->tmp && fsync(o->fd) < 0) {
        bad = 1;
        e = errno;
    }
    if (close(o->fd) < 0 && !bad) {
        bad = 1;
        e = errno;
    }
    o->fd = -1;
    if (bad)
        return crier_fail(err, CRIER_ERR_IO, o->path, 0, "cannot write: %s", strerror(e));
    return CRIER_OK;
}

crier_status crier_outfile_rename(crier_outfile *o, crier_error *err)
{
    if (!o->tmp)
        return CRIER_OK;
    if (rename(o->tmp, o->path) < 0)
        return crier_fail(err, CRIER_ERR_IO, o->path, 0, "cannot write: %s", strerror(errno));
    free(o->tmp);
    o->tmp = NULL;
    return CRIER_OK;
}

void crier_outfile_abort(crier_outfile *o)
{
    if (o->fd >= 0)
        close(o->fd);
    o->fd = -1;
    if (o->tmp) {
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
}

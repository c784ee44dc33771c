/* episode.c -- episode records (NAME.meta.json), batch reports, and the
 * atomic file writes both rely on.
 *
 * An episode record is the "done" stamp of a batch article and the
 * metadata the feed reads. It is written last, after every output it lists
 * has been renamed into place, and it lists each output's size and SHA-256.
 * So a record that exists and matches proves that the whole set of outputs
 * is complete; a kill at any earlier moment leaves either no record (the
 * worker removes the old one before it starts writing) or files that no
 * longer match it, and the article is made again. */
#define _GNU_SOURCE /* O_TMPFILE, linkat */
#include "batch.h"
#include "crier_version.h"
#include "internal.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ==== Atomic writes ====================================================== */

/* The directory part of `path` ("." when there is none). Caller frees. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Makes the hidden temporary name ".BASE.XXXXXX" beside `path`. */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path + 1) : 0, n = strlen(path) + 16;
    char *t = malloc(n);
    if (t) {
        memcpy(t, path, dir);
        snprintf(t + dir, n - dir, ".%s.XXXXXX", path + dir);
    }
    return t;
}

/* Gives an unnamed O_TMPFILE inode the temporary name `tmp`: linkat needs
 * a name that does not exist yet, so mkstemp reserves one first. */
static int link_tmpfile(int fd, char *tmp)
{
    int hold = mkstemp(tmp);
    if (hold < 0)
        return -1;
    close(hold);
    unlink(tmp);
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    return linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW);
}

/* See batch.h. The order is what makes it safe: write everything, fsync
 * the data, give it a name, rename over the target, then fsync the
 * directory so that the rename survives a crash too. With O_TMPFILE the
 * inode has no name until it is complete, so a SIGKILL in the middle of
 * writing leaves nothing at all; the named fallback can leave a hidden
 * ".NAME.XXXXXX", which crier batch removes when it resumes. */
crier_status crier_write_atomic(const char *path, const char *data, size_t len,
                                crier_error *err)
{
    char *dir = dir_of(path), *tmp = temp_name(path);
    if (!dir || !tmp) {
        free(dir);
        free(tmp);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    mode_t mask = umask(0);
    umask(mask);
    int named = 0, fd = -1;
#ifdef O_TMPFILE
    fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666 & ~mask);
#endif
    if (fd < 0) {
        named = 1;
        fd = mkstemp(tmp);
        if (fd >= 0)
            fchmod(fd, 0666 & ~mask);
    }
    int bad = fd < 0 || crier_write_all(fd, data, len) < 0 || fsync(fd) < 0;
    if (!bad && !named)
        bad = link_tmpfile(fd, tmp) < 0;
    else if (bad && named && fd >= 0)
        unlink(tmp);
    int saved = errno;
    if (fd >= 0 && close(fd) < 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (!bad && rename(tmp, path) < 0) {
        bad = 1;
        saved = errno;
        unlink(tmp);
    }
    if (!bad) {
        /* Make the rename itself durable. */
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    free(dir);
    free(tmp);
    if (bad)
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot write: %s", strerror(saved));
    return CRIER_OK;
}

/* ==== Episode records ==================================================== */

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static cJSON *str_or_null(const char *s) { return s ? cJSON_CreateString(s) : cJSON_CreateNull(); }

/* The listing of one output file: base name, size, hash. */
static crier_status file_entry(const char *path, cJSON **out, crier_error *err)
{
    struct stat s;
    char hex[65];
    if (stat(path, &s) < 0)
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot stat: %s", strerror(errno));
    crier_status st = crier_hash_file(path, hex, err);
    if (st != CRIER_OK)
        return st;
    cJSON *f = cJSON_CreateObject();
    if (!f || !cJSON_AddStringToObject(f, "path", base_name(path)) ||
        !cJSON_AddNumberToObject(f, "bytes", (double)s.st_size) ||
        !cJSON_AddStringToObject(f, "sha256", hex)) {
        cJSON_Delete(f);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    *out = f;
    return CRIER_OK;
}

/* Builds the record with cJSON (which escapes everything) and writes it
 * atomically. Each file is listed by base name only: the record lives
 * beside its files, so a directory of episodes can be moved as a whole. */
crier_status crier_episode_write(const char *path, const crier_episode *ep, crier_error *err)
{
    cJSON *o = cJSON_CreateObject(), *files = cJSON_CreateArray();
    int oom = !o || !files;
    if (!oom) {
        cJSON_AddItemToObject(o, "crier", cJSON_CreateString(CRIER_VERSION_STRING));
        cJSON_AddItemToObject(o, "key", str_or_null(ep->key));
        cJSON_AddItemToObject(o, "input", str_or_null(ep->input));
        cJSON_AddItemToObject(o, "title", str_or_null(ep->title));
        cJSON_AddItemToObject(o, "author", str_or_null(ep->author));
        cJSON_AddItemToObject(o, "date", str_or_null(ep->date));
        cJSON_AddItemToObject(o, "description", str_or_null(ep->description));
        cJSON_AddItemToObject(o, "seconds", cJSON_CreateNumber(ep->seconds));
        cJSON_AddItemToObject(o, "files", files);
        files = NULL;
    }
    crier_status st = CRIER_OK;
    cJSON *list = o ? cJSON_GetObjectItem(o, "files") : NULL;
    for (size_t i = 0; !oom && st == CRIER_OK && i < 4 && ep->files[i]; i++) {
        cJSON *f = NULL;
        st = file_entry(ep->files[i], &f, err);
        if (st == CRIER_OK)
            cJSON_AddItemToArray(list, f);
    }
    char *text = !oom && st == CRIER_OK ? cJSON_Print(o) : NULL;
    if (st == CRIER_OK && !text)
        oom = 1;
    if (!oom && st == CRIER_OK) {
        size_t n = strlen(text);
        text[n] = '\n'; /* cJSON_Print leaves room for exactly its NUL */
        st = crier_write_atomic(path, text, n + 1, err);
        text[n] = '\0';
    }
    cJSON_free(text);
    cJSON_Delete(o);
    cJSON_Delete(files);
    if (oom)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    return st;
}

/* Parses a record file into cJSON. CRIER_ERR_IO if unreadable, _EMPTY if
 * it is not a crier record. */
static crier_status read_record(const char *path, cJSON **out, crier_error *err)
{
    char *text = NULL;
    size_t len = 0;
    crier_status st = crier_read_file(path, &text, &len, err);
    if (st != CRIER_OK)
        return st;
    cJSON *o = cJSON_ParseWithLength(text, len);
    free(text);
    if (!o || !cJSON_IsObject(o) || !cJSON_IsString(cJSON_GetObjectItem(o, "crier"))) {
        cJSON_Delete(o);
        return crier_fail(err, CRIER_ERR_EMPTY, path, 0, "not a crier episode record");
    }
    *out = o;
    return CRIER_OK;
}

/* Checks one listed file against its size and hash, beside the record. */
/* Size first, because it is free and catches a truncated or appended file;
 * then the hash, which catches a file of the same size with other bytes
 * (an output replaced by hand, or by another run with other options). A
 * path with a slash is refused: a record only speaks for its own
 * directory. */
static crier_status check_file(const char *record, const cJSON *f, crier_error *err)
{
    const cJSON *p = cJSON_GetObjectItem(f, "path"), *b = cJSON_GetObjectItem(f, "bytes"),
                *h = cJSON_GetObjectItem(f, "sha256");
    if (!cJSON_IsString(p) || !cJSON_IsNumber(b) || !cJSON_IsString(h) ||
        strchr(p->valuestring, '/'))
        return crier_fail(err, CRIER_ERR_EMPTY, record, 0, "malformed file entry");
    char *dir = dir_of(record), *path = dir ? crier_path_join(dir, p->valuestring) : NULL;
    free(dir);
    if (!path)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    struct stat s;
    char hex[65];
    crier_status st = CRIER_OK;
    if (stat(path, &s) < 0)
        st = crier_fail(err, CRIER_ERR_EMPTY, path, 0, "missing");
    else if ((double)s.st_size != b->valuedouble)
        st = crier_fail(err, CRIER_ERR_EMPTY, path, 0, "size differs from the record");
    else if (crier_hash_file(path, hex, NULL) != CRIER_OK || strcmp(hex, h->valuestring))
        st = crier_fail(err, CRIER_ERR_EMPTY, path, 0, "content differs from the record");
    free(path);
    return st;
}

/* "Up to date" means: a record exists, it was made for this key (the
 * same input bytes and settings), and every file it lists is still exactly
 * what was written. Anything else, including an unreadable record, means
 * "make it again": a false "stale" costs one article's time, a false
 * "fresh" would publish the wrong audio. */
crier_status crier_episode_check(const char *path, const char *key, double *seconds,
                                 crier_error *err)
{
    cJSON *o = NULL;
    crier_status st = read_record(path, &o, err);
    if (st == CRIER_ERR_IO)
        return crier_fail(err, CRIER_ERR_EMPTY, path, 0, "no record yet");
    if (st != CRIER_OK)
        return st;
    const cJSON *k = cJSON_GetObjectItem(o, "key"), *files = cJSON_GetObjectItem(o, "files");
    if (!cJSON_IsString(k) || !key || strcmp(k->valuestring, key))
        st = crier_fail(err, CRIER_ERR_EMPTY, path, 0, "made from other input or options");
    else if (!cJSON_IsArray(files) || cJSON_GetArraySize(files) == 0)
        st = crier_fail(err, CRIER_ERR_EMPTY, path, 0, "lists no files");
    const cJSON *f;
    cJSON_ArrayForEach(f, files)
    {
        if (st == CRIER_OK)
            st = check_file(path, f, err);
    }
    const cJSON *sec = cJSON_GetObjectItem(o, "seconds");
    if (st == CRIER_OK && seconds)
        *seconds = cJSON_IsNumber(sec) ? sec->valuedouble : 0;
    cJSON_Delete(o);
    return st;
}

static char *dup_str(const cJSON *o, const char *name, int *oom)
{
    const cJSON *v = cJSON_GetObjectItem(o, name);
    if (!cJSON_IsString(v))
        return NULL;
    char *s = strdup(v->valuestring);
    *oom |= !s;
    return s;
}

crier_status crier_episode_load(const char *path, crier_episode_rec *out, crier_error *err)
{
    cJSON *o = NULL;
    crier_status st = read_record(path, &o, err);
    if (st != CRIER_OK)
        return st;
    crier_episode_rec r = {0};
    int oom = 0;
    r.title = dup_str(o, "title", &oom);
    r.author = dup_str(o, "author", &oom);
    r.date = dup_str(o, "date", &oom);
    r.description = dup_str(o, "description", &oom);
    r.input = dup_str(o, "input", &oom);
    r.key = dup_str(o, "key", &oom);
    const cJSON *sec = cJSON_GetObjectItem(o, "seconds");
    r.seconds = cJSON_IsNumber(sec) ? sec->valuedouble : -1;
    cJSON_Delete(o);
    if (oom) {
        crier_episode_rec_clear(&r);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    *out = r;
    return CRIER_OK;
}

void crier_episode_rec_clear(crier_episode_rec *r)
{
    free(r->title);
    free(r->author);
    free(r->date);
    free(r->description);
    free(r->input);
    free(r->key);
    memset(r, 0, sizeof *r);
}

/* ==== Batch reports ====================================================== */

struct crier_report {
    cJSON *items;
    long counts[3]; /* done, skipped, failed */
};

crier_report *crier_report_new(void)
{
    crier_report *r = calloc(1, sizeof *r);
    if (r && !(r->items = cJSON_CreateArray())) {
        free(r);
        r = NULL;
    }
    return r;
}

void crier_report_free(crier_report *r)
{
    if (!r)
        return;
    cJSON_Delete(r->items);
    free(r);
}

crier_status crier_report_add(crier_report *r, const crier_report_item *it, crier_error *err)
{
    cJSON *o = cJSON_CreateObject(), *outs = cJSON_CreateArray();
    int ok = o && outs;
    if (ok) {
        cJSON_AddItemToObject(o, "input", str_or_null(it->input));
        cJSON_AddItemToObject(o, "name", str_or_null(it->name));
        cJSON_AddItemToObject(o, "status", str_or_null(it->status));
        for (size_t i = 0; i < 4 && it->outputs[i]; i++)
            cJSON_AddItemToArray(outs, cJSON_CreateString(it->outputs[i]));
        cJSON_AddItemToObject(o, "outputs", outs);
        outs = NULL;
        cJSON_AddItemToObject(o, "seconds", cJSON_CreateNumber(it->seconds));
        cJSON_AddItemToObject(o, "elapsed", cJSON_CreateNumber(it->elapsed));
        cJSON_AddItemToObject(o, "error", str_or_null(it->error));
        /* cJSON swallows failed allocations above; check the last one. */
        ok = cJSON_GetObjectItem(o, "error") != NULL;
    }
    cJSON_Delete(outs);
    if (!ok) {
        cJSON_Delete(o);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    cJSON_AddItemToArray(r->items, o);
    const char *s = it->status ? it->status : "";
    r->counts[strcmp(s, "done") == 0 ? 0 : strcmp(s, "skipped") == 0 ? 1 : 2]++;
    return CRIER_OK;
}

crier_status crier_report_write(const crier_report *r, const char *path, crier_error *err)
{
    cJSON *o = cJSON_CreateObject();
    char *text = NULL;
    if (o) {
        long total = r->counts[0] + r->counts[1] + r->counts[2];
        cJSON_AddItemToObject(o, "crier", cJSON_CreateString(CRIER_VERSION_STRING));
        cJSON_AddItemToObject(o, "total", cJSON_CreateNumber((double)total));
        cJSON_AddItemToObject(o, "done", cJSON_CreateNumber((double)r->counts[0]));
        cJSON_AddItemToObject(o, "skipped", cJSON_CreateNumber((double)r->counts[1]));
        cJSON_AddItemToObject(o, "failed", cJSON_CreateNumber((double)r->counts[2]));
        /* Borrow the items for printing, then take them back. */
        cJSON_AddItemReferenceToObject(o, "articles", r->items);
        text = cJSON_Print(o);
        cJSON_Delete(o);
    }
    if (!text)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    size_t n = strlen(text);
    text[n] = '\n';
    crier_status st = crier_write_atomic(path, text, n + 1, err);
    cJSON_free(text);
    return st;
}

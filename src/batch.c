/* batch.c -- the batch job model: which articles, under which names, in
 * which shard, and whether their outputs are up to date.
 *
 * A job is a flat list of article paths built from files, directories and
 * manifests, in a deterministic order, each with an output name that is
 * stable and unique within the job. Nothing here speaks or writes audio:
 * the `crier batch` command runs the list in worker processes. Because the
 * list, the names and the shard of each name depend only on the inputs,
 * several machines given the same inputs and `--shard I/N` split the work
 * without talking to each other.
 *
 * "Up to date" is decided by content, never by timestamps: the key of an
 * article is SHA-256 over its bytes and the settings that shape the audio,
 * and an article is done when its episode record (episode.c) carries that
 * key and its files still hash to what the record says. */
#include "batch.h"
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Manifests may name manifests; this stops a loop of them. */
#define MAX_MANIFEST_DEPTH 16

typedef struct article {
    char *input;
    char *name; /* set by crier_batch_plan */
} article;

struct crier_batch {
    article *a;
    size_t n, cap;
    int depth; /* manifest nesting while adding */
};

crier_batch *crier_batch_new(void) { return calloc(1, sizeof(crier_batch)); }

void crier_batch_free(crier_batch *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free(b->a[i].input);
        free(b->a[i].name);
    }
    free(b->a);
    free(b);
}

size_t crier_batch_count(const crier_batch *b) { return b->n; }
const char *crier_batch_input(const crier_batch *b, size_t i) { return b->a[i].input; }
const char *crier_batch_name(const crier_batch *b, size_t i) { return b->a[i].name; }

static crier_status push(crier_batch *b, const char *path, crier_error *err)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        article *a = realloc(b->a, cap * sizeof *a);
        if (!a)
            return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
        b->a = a;
        b->cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    b->a[b->n].input = copy;
    b->a[b->n].name = NULL;
    b->n++;
    return CRIER_OK;
}

/* ==== Collecting inputs ================================================== */

/* True when a file name looks like an article crier can read. */
static int is_article_name(const char *name)
{
    static const char *const EXTS[] = {".txt", ".text", ".html", ".htm", ".xhtml"};
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    for (size_t i = 0; i < CRIER_ARRAY_LEN(EXTS); i++)
        if (strcasecmp(dot, EXTS[i]) == 0)
            return 1;
    return 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Reads the entry names of a directory, sorted bytewise, hidden ones
 * skipped. Returns the count, or -1 with errno set. */
static long list_dir(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int oom = 0;
    while (!oom && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **w = realloc(v, cap * sizeof *w);
            oom = !w;
            if (w)
                v = w;
        }
        if (!oom && !(v[n] = strdup(e->d_name)))
            oom = 1;
        else if (!oom)
            n++;
    }
    closedir(d);
    if (oom) {
        while (n)
            free(v[--n]);
        free(v);
        errno = ENOMEM;
        return -1;
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_str);
    *out = v;
    return (long)n;
}

/* Adds the article files under `dir`, depth first, in name order. Symbolic
 * links to directories are not followed, so a link loop cannot hang us. */
static crier_status add_dir(crier_batch *b, const char *dir, crier_error *err)
{
    char **names = NULL;
    long n = list_dir(dir, &names);
    if (n < 0)
        return crier_fail(err, errno == ENOMEM ? CRIER_ERR_NOMEM : CRIER_ERR_IO, dir, 0,
                          "cannot list the directory: %s", strerror(errno));
    crier_status st = CRIER_OK;
    for (long i = 0; i < n; i++) {
        char *p = st == CRIER_OK ? crier_path_join(dir, names[i]) : NULL;
        struct stat ls;
        if (st == CRIER_OK && !p)
            st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
        else if (p && lstat(p, &ls) == 0 && S_ISDIR(ls.st_mode))
            st = add_dir(b, p, err);
        else if (p && is_article_name(names[i]))
            st = push(b, p, err);
        free(p);
        free(names[i]);
    }
    free(names);
    return st;
}

/* Joins a relative path onto a base directory; absolute paths pass. */
static char *resolve(const char *base, const char *path)
{
    if (!base || !*base || path[0] == '/')
        return strdup(path);
    return crier_path_join(base, path);
}

static crier_status add_manifest_file(crier_batch *b, const char *path, crier_error *err)
{
    char *text = NULL;
    size_t len = 0;
    crier_status st = crier_read_file(path, &text, &len, err);
    if (st != CRIER_OK)
        return st;
    char *base = strdup(path);
    if (!base) {
        free(text);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    char *slash = strrchr(base, '/');
    if (slash)
        slash[1] = '\0';
    else
        base[0] = '\0';
    st = crier_batch_add_manifest(b, text, len, base, path, err);
    free(base);
    free(text);
    return st;
}

crier_status crier_batch_add(crier_batch *b, const char *input, crier_error *err)
{
    if (input[0] == '@')
        return add_manifest_file(b, input + 1, err);
    struct stat s;
    if (stat(input, &s) == 0 && S_ISDIR(s.st_mode))
        return add_dir(b, input, err);
    /* Anything else is an article, even one that is missing or unreadable:
     * it fails on its own later and the rest of the batch still runs. */
    return push(b, input, err);
}

crier_status crier_batch_add_manifest(crier_batch *b, const char *text, size_t len,
                                      const char *base, const char *name, crier_error *err)
{
    if (b->depth >= MAX_MANIFEST_DEPTH)
        return crier_fail(err, CRIER_ERR_ARG, name, 0, "manifests nested too deeply");
    b->depth++;
    crier_status st = CRIER_OK;
    long line = 0;
    for (size_t i = 0; st == CRIER_OK && i < len;) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        line++;
        size_t s = i, e = j;
        while (s < e && (text[s] == ' ' || text[s] == '\t'))
            s++;
        while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
            e--;
        i = j + 1;
        if (s == e || text[s] == '#')
            continue;
        if (memchr(text + s, '\0', e - s)) {
            st = crier_fail(err, CRIER_ERR_ARG, name, line, "a NUL byte in a path");
            break;
        }
        char *entry = strndup(text + s, e - s);
        int at = entry && entry[0] == '@';
        char *p = entry ? resolve(base, entry + at) : NULL;
        if (!p) {
            st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
        } else if (at) {
            st = add_manifest_file(b, p, err);
        } else {
            st = crier_batch_add(b, p, err);
        }
        if (st != CRIER_OK && err && !err->line && err->code != CRIER_ERR_NOMEM) {
            /* Point at the manifest line that named the bad entry. */
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s: %s", err->file, err->msg);
            crier_fail(err, st, name, line, "%s", msg);
        }
        free(entry);
        free(p);
    }
    b->depth--;
    return st;
}

/* ==== Naming ============================================================= */

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* A set of strings for collision checks: open addressing, no removal. */
typedef struct strset {
    const char **slot;
    size_t cap;
} strset;

static int set_init(strset *s, size_t n)
{
    s->cap = 16;
    while (s->cap < 2 * n + 16)
        s->cap *= 2;
    s->slot = calloc(s->cap, sizeof *s->slot);
    return s->slot ? 0 : -1;
}

/* Returns 1 if `key` was already present, 0 after inserting it. The set
 * borrows the string. */
static int set_put(strset *s, const char *key)
{
    size_t i = (size_t)fnv1a(key) & (s->cap - 1);
    for (; s->slot[i]; i = (i + 1) & (s->cap - 1))
        if (strcmp(s->slot[i], key) == 0)
            return 1;
    s->slot[i] = key;
    return 0;
}

/* Appends `s` to buffer `o` with every byte outside [A-Za-z0-9._-] turned
 * into '-', runs of '-' squeezed, and leading dots and dashes dropped. */
static void sanitize(char *o, const char *s, size_t n)
{
    size_t k = strlen(o);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == '-';
        char ch = ok ? (char)c : '-';
        if (k == 0 && (ch == '.' || ch == '-'))
            continue;
        if (ch == '-' && k && o[k - 1] == '-')
            continue;
        o[k++] = ch;
    }
    while (k && o[k - 1] == '-')
        k--;
    o[k] = '\0';
}

/* The name an input would get on its own, and its extension, sanitized.
 * Both in malloc'd buffers. */
static int stem_of(const char *input, char **stem, char **ext)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    if (dot == base)
        dot = NULL;
    size_t n = strlen(base);
    *stem = calloc(n + 16, 1);
    *ext = calloc(n + 16, 1);
    if (!*stem || !*ext)
        return -1;
    sanitize(*stem, base, dot ? (size_t)(dot - base) : n);
    if (!**stem)
        strcpy(*stem, "article");
    if (dot)
        sanitize(*ext, dot + 1, strlen(dot + 1));
    return 0;
}

/* True if `key` is in the set. */
static int set_has(const strset *s, const char *key)
{
    size_t i = (size_t)fnv1a(key) & (s->cap - 1);
    for (; s->slot[i]; i = (i + 1) & (s->cap - 1))
        if (strcmp(s->slot[i], key) == 0)
            return 1;
    return 0;
}

/* Gives article i its final name: the stem, or stem-ext when the stem is
 * ambiguous, then -2, -3 ... until it is not taken yet. */
static char *unique_name(const char *stem, const char *ext, int ambiguous, strset *taken)
{
    size_t n = strlen(stem) + strlen(ext) + 32;
    char *name = malloc(n);
    if (!name)
        return NULL;
    if (ambiguous && *ext)
        snprintf(name, n, "%s-%s", stem, ext);
    else
        snprintf(name, n, "%s", stem);
    size_t len = strlen(name);
    for (int k = 2; set_has(taken, name); k++)
        snprintf(name + len, n - len, "-%d", k);
    set_put(taken, name);
    return name;
}

/* Two passes: first find the stems that occur more than once (so that
 * "a.txt" and "a.html" both become explicit, "a-txt" and "a-html", rather
 * than one of them winning "a" by the accident of list order), then give
 * names in list order, numbering whatever still collides. */
crier_status crier_batch_plan(crier_batch *b, crier_error *err)
{
    char **stem = calloc(b->n + 1, sizeof *stem), **ext = calloc(b->n + 1, sizeof *ext);
    strset seen = {0}, twice = {0}, taken = {0};
    int oom = !stem || !ext || set_init(&seen, b->n) < 0 || set_init(&twice, b->n) < 0 ||
              set_init(&taken, b->n) < 0;
    /* Pass 1: which bare stems occur more than once. */
    for (size_t i = 0; !oom && i < b->n; i++) {
        oom = stem_of(b->a[i].input, &stem[i], &ext[i]) < 0;
        if (!oom && set_put(&seen, stem[i]))
            set_put(&twice, stem[i]);
    }
    /* Pass 2: names in list order; the set borrows each finished name. */
    for (size_t i = 0; !oom && i < b->n; i++) {
        free(b->a[i].name);
        b->a[i].name = unique_name(stem[i], ext[i], set_has(&twice, stem[i]), &taken);
        oom = !b->a[i].name;
    }
    for (size_t i = 0; stem && ext && i < b->n; i++) {
        free(stem[i]);
        free(ext[i]);
    }
    free(stem);
    free(ext);
    free(seen.slot);
    free(twice.slot);
    free(taken.slot);
    return oom ? crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory") : CRIER_OK;
}

unsigned crier_batch_shard_of(const crier_batch *b, size_t i, unsigned nshards)
{
    if (nshards <= 1 || !b->a[i].name)
        return 1;
    return (unsigned)(fnv1a(b->a[i].name) % nshards) + 1;
}

/* ==== Content hashes ===================================================== */

static void to_hex(const uint8_t *d, size_t n, char *hex)
{
    static const char H[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        hex[2 * i] = H[d[i] >> 4];
        hex[2 * i + 1] = H[d[i] & 15];
    }
    hex[2 * n] = '\0';
}

void crier_sha256_hex(const void *data, size_t len, char hex[65])
{
    struct sha256_ctx c;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_init(&c);
    sha256_update(&c, len, data);
    sha256_digest(&c, sizeof d, d);
    to_hex(d, sizeof d, hex);
}

/* Feeds a whole file into a running hash. */
static crier_status hash_into(struct sha256_ctx *c, const char *path, crier_error *err)
{
    /* Regular files only, opened without blocking: a FIFO named like an
     * article must not hang the batch. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat sb;
    if (fd >= 0 && (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode))) {
        close(fd);
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot open: not a regular file");
    }
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        int saved = errno;
        if (fd >= 0)
            close(fd);
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot open: %s", strerror(saved));
    }
    uint8_t buf[1 << 15];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(c, k, buf);
    int bad = ferror(f), saved = errno;
    fclose(f);
    if (bad)
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot read: %s", strerror(saved));
    return CRIER_OK;
}

crier_status crier_hash_file(const char *path, char hex[65], crier_error *err)
{
    struct sha256_ctx c;
    sha256_init(&c);
    crier_status st = hash_into(&c, path, err);
    if (st == CRIER_OK) {
        uint8_t d[SHA256_DIGEST_SIZE];
        sha256_digest(&c, sizeof d, d);
        to_hex(d, sizeof d, hex);
    }
    return st;
}

crier_status crier_batch_key(const char *input, const char *settings, size_t settings_len,
                             char key[65], crier_error *err)
{
    /* The settings go first, with their length, so that no choice of
     * settings and input bytes can imitate another pair. */
    struct sha256_ctx c;
    char head[64];
    int n = snprintf(head, sizeof head, "crier-batch-key 1\n%zu\n", settings_len);
    sha256_init(&c);
    sha256_update(&c, (size_t)n, (const uint8_t *)head);
    sha256_update(&c, settings_len, (const uint8_t *)settings);
    crier_status st = hash_into(&c, input, err);
    if (st == CRIER_OK) {
        uint8_t d[SHA256_DIGEST_SIZE];
        sha256_digest(&c, sizeof d, d);
        to_hex(d, sizeof d, key);
    }
    return st;
}

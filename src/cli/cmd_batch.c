/* cmd_batch.c -- `crier batch [OPTIONS] INPUT... --out-dir DIR`: many
 * articles into audio, in parallel worker processes, resumably.
 *
 * The job model (inputs, names, shards, content keys, episode records,
 * the report) is the library's (crier_batch_*, crier_episode_*,
 * crier_report_*); this file runs it. libespeak-ng keeps global state and
 * is not thread-safe, so each article is spoken in its own forked worker
 * process, at most -j at a time. A worker sends one fixed-size record back
 * through a shared pipe (writes up to PIPE_BUF bytes are atomic, so records
 * from several workers never interleave) and exits. A worker that dies
 * without a record is reported as failed; the others go on.
 *
 * Every output goes through a temporary file and a rename, and the episode
 * record (NAME.meta.json) is written last, so after a kill at any moment a
 * rerun redoes exactly the articles whose record is missing or stale. The
 * hidden temporary files a kill may leave behind are removed by the rerun. */
#define _GNU_SOURCE /* prctl, strsignal */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static const char HELP[] =
    "usage: crier batch [OPTIONS] INPUT... --out-dir DIR\n"
    "\n"
    "Speaks many articles, each into DIR/NAME.FORMAT plus NAME.meta.json (the\n"
    "record that marks it done). INPUT is an article file, a directory (its\n"
    ".txt/.html files, recursively), @FILE (a manifest: one path per line), or\n"
    "- (a manifest on standard input). NAME is the input's base name.\n"
    "\n"
    "  -d, --out-dir DIR         where the outputs go (created if missing)\n"
    "  -j, --jobs N              worker processes (default: the number of cores)\n"
    "  --shard I/N               only the I-th of N deterministic shares (1-based)\n"
    "  --report FILE             write a JSON report of every article\n"
    "  --force                   redo articles that are already up to date\n"
    "  --dry-run                 list NAME, INPUT and whether it is up to date\n"
    "  --format wav|flac|ogg     the audio format (default: ogg)\n"
    "  --voice NAME|FILE         voice profile (default: us-news)\n"
    "  --rate WPM, --pitch N     override the profile (80-450, 0-100)\n"
    "  --quality Q               lossy formats: 0 (smallest) to 1 (best)\n"
    "  --input text|html         the input kind (default: detected per file)\n"
    "  --photo-captions end|inline|skip  where photo captions go (default: end)\n"
    "  --lexicon FILE, --data-dir DIR    as for crier speak\n"
    "  -q, --quiet               only failures and the summary\n"
    "  -h, --help                show this help\n"
    "\n"
    "An article is skipped when its outputs are up to date: judged by a hash\n"
    "of the input, the options and the lexicon and voice files, not by times.\n"
    "Exit status: 0 when every article is done, 1 when some failed (see the\n"
    "report), or the failure's own code when all of them failed.\n";

enum { ST_TODO, ST_DONE, ST_SKIPPED, ST_FAILED };

typedef struct job {
    const char *input, *name;
    char key[65];
    int state;
    int exit_code;        /* for a failure: what `crier speak` would exit with */
    double seconds;       /* audio duration */
    double started, elapsed;
    pid_t pid;            /* while running */
    char *error;          /* for a failure */
} job;

typedef struct settings {
    const char *out_dir, *ext, *report, *shard_text;
    unsigned shard, nshards;
    int jobs, quiet, dry_run, force;
    crier_parse_options popts;
    crier_speak_options sopts;
    crier_lexicon *lex;
    char *key_settings;   /* serialized options for crier_batch_key */
} settings;

/* What a worker tells the parent; small enough for one atomic pipe write. */
typedef struct record {
    uint32_t index;
    int32_t status; /* crier_status */
    int32_t exit_code;
    double seconds;
    char error[1024];
} record;

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig) { stop_signal = sig; }

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* "DIR/NAME.SUFFIX" in a fresh buffer, or NULL. */
static char *out_path(const settings *s, const char *name, const char *suffix)
{
    size_t n = strlen(s->out_dir) + strlen(name) + strlen(suffix) + 3;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s.%s", s->out_dir, name, suffix);
    return p;
}

/* Formats a library error as "file:line: message". */
static void format_error(char *dst, size_t n, const crier_error *e, const char *fallback)
{
    const char *file = e->file[0] ? e->file : fallback;
    if (e->line > 0)
        snprintf(dst, n, "%s:%ld: %s", file, e->line, e->msg);
    else
        snprintf(dst, n, "%s: %s", file, e->msg);
}

/* ==== The worker: one article ============================================ */

/* The episode description: the standfirst, else the first paragraph, cut
 * at a word boundary to stay short. Caller frees. */
static char *describe(const crier_doc *doc)
{
    const char *text = NULL;
    for (size_t i = 0; i < crier_doc_count(doc) && !text; i++)
        if (crier_doc_kind(doc, i) == CRIER_KIND_STANDFIRST)
            text = crier_doc_text(doc, i);
    for (size_t i = 0; i < crier_doc_count(doc) && !text; i++)
        if (crier_doc_kind(doc, i) == CRIER_KIND_PARAGRAPH)
            text = crier_doc_text(doc, i);
    if (!text)
        return NULL;
    size_t n = strlen(text), max = 480;
    if (n > max) {
        n = max;
        while (n > 0 && text[n] != ' ')
            n--; /* a space is never inside a UTF-8 sequence */
    }
    char *d = malloc(n + 4);
    if (d) {
        memcpy(d, text, n);
        strcpy(d + n, n < strlen(text) ? "..." : "");
    }
    return d;
}

/* Reads and parses article `path`. */
static crier_status load_article(const settings *s, const char *path, crier_doc **doc,
                                 crier_error *err)
{
    /* O_NONBLOCK, and regular files only: a FIFO or a device named like an
     * article must fail, not hang the worker. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat sb;
    if (fd >= 0 && fstat(fd, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        close(fd);
        fd = -1;
        errno = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
    }
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        snprintf(err->msg, sizeof err->msg, "cannot open: %s",
                 errno == EINVAL ? "not a regular file" : strerror(errno));
        snprintf(err->file, sizeof err->file, "%s", path);
        if (fd >= 0)
            close(fd);
        return err->code = CRIER_ERR_IO;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf && (n += fread(buf + n, 1, cap - n, f)) == cap) {
        char *b = realloc(buf, cap *= 2);
        if (!b)
            free(buf);
        buf = b;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        snprintf(err->file, sizeof err->file, "%s", path);
        snprintf(err->msg, sizeof err->msg, "%s", buf ? "cannot read" : "out of memory");
        return err->code = buf ? CRIER_ERR_IO : CRIER_ERR_NOMEM;
    }
    char *text = NULL;
    size_t len = 0;
    crier_status st = crier_text_clean(buf, n, path, &text, &len, err);
    free(buf);
    if (st == CRIER_OK)
        st = crier_parse(text, len, &s->popts, s->lex, doc, err);
    crier_free(text);
    return st;
}

/* Speaks article j into its outputs and writes its episode record last.
 * The old record goes first, so that from here on a kill leaves the
 * article not done. */
static crier_status make_article(const settings *s, const job *j, double *seconds,
                                 crier_error *err)
{
    crier_doc *doc = NULL;
    crier_status st = load_article(s, j->input, &doc, err);
    char *audio = out_path(s, j->name, s->ext), *meta = out_path(s, j->name, "meta.json");
    char *desc = doc ? describe(doc) : NULL;
    if (st == CRIER_OK && (!audio || !meta))
        st = CRIER_ERR_NOMEM;
    if (st == CRIER_OK && unlink(meta) < 0 && errno != ENOENT) {
        snprintf(err->file, sizeof err->file, "%s", meta);
        snprintf(err->msg, sizeof err->msg, "cannot remove: %s", strerror(errno));
        st = err->code = CRIER_ERR_IO;
    }
    crier_speak_result res = {0};
    if (st == CRIER_OK)
        st = crier_speak(doc, s->lex, &s->sopts, audio, &res, err);
    if (st == CRIER_OK) {
        const char *author = crier_doc_byline(doc) ? crier_doc_byline(doc) : crier_doc_site(doc);
        crier_episode ep = {j->key, j->input, crier_doc_title(doc), author, crier_doc_date(doc),
                            desc, res.seconds, {audio, NULL}};
        st = crier_episode_write(meta, &ep, err);
        *seconds = res.seconds;
    }
    free(desc);
    free(audio);
    free(meta);
    crier_doc_free(doc);
    return st;
}

/* The worker process: never returns. */
static void worker(const settings *s, const job *j, uint32_t index, int fd, pid_t parent)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
#ifdef __linux__
    /* Die with the parent, so that a killed batch leaves no worker
     * writing behind the back of the rerun. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != parent)
        _exit(EXIT_SOFTWARE);
    record r;
    memset(&r, 0, sizeof r);
    r.index = index;
    crier_error err = {0};
    crier_status st = make_article(s, j, &r.seconds, &err);
    r.status = (int32_t)st;
    if (st != CRIER_OK) {
        if (!err.msg[0])
            snprintf(err.msg, sizeof err.msg, "%s", crier_status_str(st));
        format_error(r.error, sizeof r.error, &err, j->input);
        /* The same code `crier speak` would exit with. */
        int output = st == CRIER_ERR_IO && strncmp(err.file, s->out_dir, strlen(s->out_dir)) == 0;
        r.exit_code = cli_exit_code(st, output);
    }
    ssize_t w;
    do
        w = write(fd, &r, sizeof r);
    while (w < 0 && errno == EINTR);
    _exit(st == CRIER_OK ? 0 : 1);
}

/* ==== Progress =========================================================== */

typedef struct progress {
    int tty;
    size_t total, finished, ran; /* ran: made or failed in this run */
    double audio, t0;
} progress;

static void fmt_clock(char *dst, size_t n, double sec)
{
    long s = (long)(sec + 0.5);
    if (s >= 3600)
        snprintf(dst, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(dst, n, "%ld:%02ld", s / 60, s % 60);
}

/* Redraws the one-line progress bar on a terminal. */
static void draw_bar(const progress *p, size_t running, size_t todo_left)
{
    char eta[32] = "--:--";
    double spent = now() - p->t0;
    if (p->ran > 0)
        fmt_clock(eta, sizeof eta, spent / (double)p->ran * (double)(todo_left + running));
    int width = 24, fill = p->total ? (int)(width * p->finished / p->total) : width;
    char bar[32];
    for (int i = 0; i < width; i++)
        bar[i] = i < fill ? '#' : '-';
    bar[width] = '\0';
    fprintf(stderr, "\r[%s] %zu/%zu  %.2f h audio  ETA %s\033[K", bar, p->finished, p->total,
            p->audio / 3600, eta);
    fflush(stderr);
}

/* One article finished: a log line (always for a failure), or on a
 * terminal a failure line above the bar. */
static void log_job(const settings *s, const progress *p, const job *j)
{
    if (p->tty)
        fputs("\r\033[K", stderr);
    if (j->state == ST_FAILED) {
        cli_error("batch: [%zu/%zu] FAILED %s", p->finished, p->total, j->error);
    } else if (!p->tty && !s->quiet) {
        char len[32];
        fmt_clock(len, sizeof len, j->seconds);
        fprintf(stderr, "%s: batch: [%zu/%zu] %s %s/%s.%s (%s of audio, %.1f s)\n", cli_prog,
                p->finished, p->total, j->state == ST_DONE ? "done" : "up to date",
                s->out_dir, j->name, s->ext, len, j->elapsed);
    }
}

/* ==== Options and what the key covers ==================================== */

/* Appends "NAME HASH\n" for every regular file in `dir` (sorted), so that
 * editing a lexicon table or a voice profile makes every output stale. */
static void hash_dir(FILE *o, const char *dir)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        char path[PATH_MAX], hex[65];
        snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
        struct stat st;
        if (list[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
            crier_hash_file(path, hex, NULL) == CRIER_OK)
            fprintf(o, "%s %s\n", list[i]->d_name, hex);
        free(list[i]);
    }
    free(list);
}

/* Serializes everything that changes an article's audio. */
static int key_settings(settings *s, const cli_data *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&buf, &len);
    if (!o)
        return -1;
    const crier_speak_options *so = &s->sopts;
    fprintf(o, "crier %s\nformat %s\nvoice %s\nrate %d\npitch %d\nquality %.6f\n",
            crier_version(), s->ext, so->voice ? so->voice : "", so->rate, so->pitch,
            so->quality);
    fprintf(o, "input %d\nphoto-captions %d\nnorm %u\n", (int)s->popts.input,
            (int)s->popts.captions, so->norm_flags);
    char dir[PATH_MAX], hex[65];
    snprintf(dir, sizeof dir, "%s/lexicon/en", so->data_dir);
    hash_dir(o, dir);
    snprintf(dir, sizeof dir, "%s/voices", so->data_dir);
    hash_dir(o, dir);
    for (int i = 0; i < d->nlexicons; i++)
        if (crier_hash_file(d->lexicons[i], hex, NULL) == CRIER_OK)
            fprintf(o, "lexicon %s\n", hex);
    if (so->voice && strchr(so->voice, '/') && crier_hash_file(so->voice, hex, NULL) == CRIER_OK)
        fprintf(o, "voice-file %s\n", hex);
    if (fclose(o) != 0)
        return -1;
    s->key_settings = buf;
    return 0;
}

static int parse_count(const char *opt, const char *v, int lo, int hi, int *out)
{
    char *end;
    long x = strtol(v, &end, 10);
    if (end == v || *end || x < lo || x > hi) {
        cli_error("--%s: expected a number from %d to %d, got '%s'", opt, lo, hi, v);
        return -1;
    }
    *out = (int)x;
    return 0;
}

static int parse_shard(const char *v, settings *s)
{
    unsigned i, n;
    char tail;
    if (sscanf(v, "%u/%u%c", &i, &n, &tail) != 2 || n < 1 || i < 1 || i > n) {
        cli_error("--shard: expected I/N with 1 <= I <= N, got '%s'", v);
        return -1;
    }
    s->shard = i;
    s->nshards = n;
    return 0;
}

/* Handles one option that is not a data option. Returns 0, or an exit
 * code. */
static int one_option(int c, const char *arg, settings *s)
{
    static const char *const INPUTS[] = {"auto", "text", "html"};
    static const char *const PLACES[] = {"end", "inline", "skip"};
    int v;
    char *end;
    switch (c) {
    case 'd': s->out_dir = arg; return 0;
    case 'j': return parse_count("jobs", arg, 1, 1024, &s->jobs) ? EXIT_USAGE : 0;
    case 'q': s->quiet = 1; return 0;
    case 'S': return parse_shard(arg, s) ? EXIT_USAGE : 0;
    case 'R': s->report = arg; return 0;
    case 'F': s->force = 1; return 0;
    case 'n': s->dry_run = 1; return 0;
    case 'f': s->ext = arg; return 0;
    case 'v': s->sopts.voice = arg; return 0;
    case 'r': return parse_count("rate", arg, 80, 450, &s->sopts.rate) ? EXIT_USAGE : 0;
    case 'p': return parse_count("pitch", arg, 0, 100, &s->sopts.pitch) ? EXIT_USAGE : 0;
    case 'Q':
        s->sopts.quality = strtod(arg, &end);
        if (end == arg || *end || s->sopts.quality < 0 || s->sopts.quality > 1) {
            cli_error("--quality: expected a number from 0 to 1, got '%s'", arg);
            return EXIT_USAGE;
        }
        return 0;
    case 'i':
        if ((v = cli_parse_choice("input", arg, INPUTS, 3)) < 0)
            return EXIT_USAGE;
        s->popts.input = (crier_input)v;
        return 0;
    case 'c':
        if ((v = cli_parse_choice("photo-captions", arg, PLACES, 3)) < 0)
            return EXIT_USAGE;
        s->popts.captions = (crier_captions)v;
        return 0;
    }
    fputs(HELP, stderr);
    return EXIT_USAGE;
}

/* Parses the command line into `s`. Returns 0, or an exit code (-1 for a
 * --help that was answered). */
static int parse_options(int argc, char **argv, settings *s, cli_data *d)
{
    static const struct option LONG[] = {
        {"help", no_argument, NULL, 'h'},
        {"out-dir", required_argument, NULL, 'd'},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"shard", required_argument, NULL, 'S'},
        {"report", required_argument, NULL, 'R'},
        {"force", no_argument, NULL, 'F'},
        {"dry-run", no_argument, NULL, 'n'},
        {"format", required_argument, NULL, 'f'},
        {"voice", required_argument, NULL, 'v'},
        {"rate", required_argument, NULL, 'r'},
        {"pitch", required_argument, NULL, 'p'},
        {"quality", required_argument, NULL, 'Q'},
        {"input", required_argument, NULL, 'i'},
        {"photo-captions", required_argument, NULL, 'c'},
        CLI_DATA_OPTIONS,
        {0}};
    int c;
    while ((c = getopt_long(argc, argv, "hd:j:q", LONG, NULL)) != -1) {
        int dd = cli_data_option(c, optarg, d);
        if (dd < 0)
            return EXIT_USAGE;
        if (dd)
            continue;
        if (c == 'h') {
            fputs(HELP, stdout);
            return -1;
        }
        int rc = one_option(c, optarg, s);
        if (rc)
            return rc;
    }
    if (!s->out_dir || optind == argc) {
        cli_error(s->out_dir ? "batch: expected at least one INPUT"
                             : "batch: --out-dir DIR is required");
        fputs(HELP, stderr);
        return EXIT_USAGE;
    }
    static const char *const FORMATS[] = {"wav", "flac", "ogg"};
    if (cli_parse_choice("format", s->ext, FORMATS, 3) < 0)
        return EXIT_USAGE;
    s->sopts.format = s->ext;
    return 0;
}

/* ==== The job list ======================================================= */

/* Reads all of standard input (a manifest). Caller frees. */
static char *read_stdin(size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf && (n += fread(buf + n, 1, cap - n, stdin)) == cap) {
        char *b = realloc(buf, cap *= 2);
        if (!b)
            free(buf);
        buf = b;
    }
    *len = n;
    return buf;
}

/* Collects every INPUT into a planned batch. Returns 0, or an exit code. */
static int collect(char **inputs, int n, crier_batch **out)
{
    crier_batch *b = crier_batch_new();
    crier_error err = {0};
    crier_status st = b ? CRIER_OK : CRIER_ERR_NOMEM;
    for (int i = 0; st == CRIER_OK && i < n; i++) {
        if (strcmp(inputs[i], "-") == 0) {
            size_t len = 0;
            char *text = read_stdin(&len);
            st = text ? crier_batch_add_manifest(b, text, len, NULL, "<stdin>", &err)
                      : CRIER_ERR_NOMEM;
            free(text);
        } else {
            st = crier_batch_add(b, inputs[i], &err);
        }
    }
    if (st == CRIER_OK)
        st = crier_batch_plan(b, &err);
    if (st != CRIER_OK) {
        if (!err.msg[0])
            snprintf(err.msg, sizeof err.msg, "%s", crier_status_str(st));
        cli_report(&err, NULL);
        crier_batch_free(b);
        return st == CRIER_ERR_IO ? EXIT_NOINPUT : cli_exit_code(st, 0);
    }
    if (crier_batch_count(b) == 0) {
        cli_error("batch: no article files found (.txt, .html) in the inputs");
        crier_batch_free(b);
        return EXIT_NOINPUT;
    }
    *out = b;
    return 0;
}

/* Makes the output directory and its parents, like mkdir -p. */
static int make_dirs(const char *dir)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s", dir);
    for (char *c = p + 1; *c; c++) {
        if (*c != '/')
            continue;
        *c = '\0';
        if (mkdir(p, 0777) < 0 && errno != EEXIST)
            return -1;
        *c = '/';
    }
    if (mkdir(p, 0777) < 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (stat(p, &st) < 0 || access(p, W_OK) < 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* Fills the jobs of this shard and decides which are already done. */
static void prepare_jobs(const settings *s, const crier_batch *b, job *jobs, size_t *njobs)
{
    size_t n = 0;
    for (size_t i = 0; i < crier_batch_count(b); i++) {
        if (crier_batch_shard_of(b, i, s->nshards) != s->shard)
            continue;
        job *j = &jobs[n++];
        memset(j, 0, sizeof *j);
        j->input = crier_batch_input(b, i);
        j->name = crier_batch_name(b, i);
        crier_error err = {0};
        if (crier_batch_key(j->input, s->key_settings, strlen(s->key_settings), j->key, &err)) {
            char msg[1024];
            format_error(msg, sizeof msg, &err, j->input);
            j->state = ST_FAILED;
            j->exit_code = EXIT_NOINPUT;
            j->error = strdup(msg);
            continue;
        }
        char *meta = out_path(s, j->name, "meta.json");
        if (!s->force && meta && crier_episode_check(meta, j->key, &j->seconds, NULL) == CRIER_OK)
            j->state = ST_SKIPPED;
        free(meta);
    }
    *njobs = n;
}

/* Removes the hidden temporary files (".NAME.EXT.XXXXXX") that a killed
 * run left for the articles about to be made. Only names of this shard are
 * touched, so shards sharing a directory never delete each other's work. */
static void clean_temps(const settings *s, const job *jobs, size_t n)
{
    DIR *d = opendir(s->out_dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] != '.' || len < 9 || e->d_name[len - 7] != '.')
            continue;
        for (size_t i = 0; i < n; i++) {
            size_t k = strlen(jobs[i].name);
            if (jobs[i].state != ST_TODO || len < k + 9 ||
                strncmp(e->d_name + 1, jobs[i].name, k) || e->d_name[k + 1] != '.')
                continue;
            /* What lies between ".NAME." and ".XXXXXX" must be one of ours. */
            const char *mid = e->d_name + k + 2;
            size_t m = len - k - 9;
            if ((m == strlen(s->ext) && !strncmp(mid, s->ext, m)) ||
                (m == 9 && !strncmp(mid, "meta.json", 9)) || (m == 3 && !strncmp(mid, "vtt", 3)) ||
                (m == 13 && !strncmp(mid, "chapters.json", 13))) {
                char p[PATH_MAX];
                snprintf(p, sizeof p, "%s/%s", s->out_dir, e->d_name);
                unlink(p);
            }
        }
    }
    if (d)
        closedir(d);
}

/* ==== The pool of workers ================================================ */

typedef struct pool {
    const settings *s;
    job *jobs;
    size_t njobs, next, running;
    int fd;          /* read end of the records pipe */
    int wfd;         /* write end, handed to workers */
    char buf[sizeof(record)];
    size_t have;     /* bytes of a record read so far */
    progress prog;
} pool;

/* Marks job j finished (from its record or its death) and logs it. */
static void finish(pool *p, job *j, int state, double seconds, const char *error, int code)
{
    j->state = state;
    j->pid = 0;
    j->seconds = seconds;
    j->elapsed = now() - j->started;
    j->exit_code = code;
    if (error)
        j->error = strdup(error);
    p->prog.finished++;
    p->prog.ran++;
    if (state == ST_DONE)
        p->prog.audio += seconds;
    log_job(p->s, &p->prog, j);
}

/* Collects the exit of job j's worker, which is on its way out once its
 * record has arrived: waiting for it here, rather than at the next poll
 * timeout, keeps -j 1 from idling between articles. */
static void collect_worker(pool *p, job *j)
{
    if (j->pid <= 0)
        return;
    int wst;
    while (waitpid(j->pid, &wst, 0) < 0 && errno == EINTR)
        ;
    j->pid = -1; /* reaped */
    p->running--;
}

/* Reads every complete record waiting in the pipe. */
static void drain(pool *p)
{
    for (;;) {
        ssize_t k = read(p->fd, p->buf + p->have, sizeof p->buf - p->have);
        if (k <= 0)
            return;
        p->have += (size_t)k;
        if (p->have < sizeof p->buf)
            continue;
        p->have = 0;
        record r;
        memcpy(&r, p->buf, sizeof r);
        if (r.index >= p->njobs || p->jobs[r.index].state != ST_TODO ||
            p->jobs[r.index].pid == 0)
            continue;
        job *j = &p->jobs[r.index];
        collect_worker(p, j);
        r.error[sizeof r.error - 1] = '\0';
        if (r.status == CRIER_OK)
            finish(p, j, ST_DONE, r.seconds, NULL, 0);
        else
            finish(p, j, ST_FAILED, 0, r.error, r.exit_code);
    }
}

/* Reaps workers that ended; one that died without a record failed. */
static void reap(pool *p, int block)
{
    int wst;
    pid_t pid;
    while (p->running && (pid = waitpid(-1, &wst, block ? 0 : WNOHANG)) > 0) {
        block = 0;
        job *j = NULL;
        for (size_t i = 0; i < p->njobs && !j; i++)
            if (p->jobs[i].pid == pid)
                j = &p->jobs[i];
        if (!j)
            continue;
        j->pid = -1;
        p->running--;
        drain(p); /* its record, if it wrote one, is in the pipe by now */
        if (j->state != ST_TODO)
            continue;
        char msg[512];
        if (WIFSIGNALED(wst))
            snprintf(msg, sizeof msg, "%s: worker killed by signal %d (%s)", j->input,
                     WTERMSIG(wst), strsignal(WTERMSIG(wst)));
        else
            snprintf(msg, sizeof msg, "%s: worker exited with status %d and no result",
                     j->input, WEXITSTATUS(wst));
        finish(p, j, ST_FAILED, 0, msg, stop_signal ? EXIT_INTERRUPTED : EXIT_SOFTWARE);
    }
}

/* Starts the next to-do job in a new worker. Returns -1 if fork failed. */
static int spawn(pool *p)
{
    while (p->next < p->njobs && (p->jobs[p->next].state != ST_TODO || p->jobs[p->next].pid))
        p->next++;
    if (p->next == p->njobs)
        return 0;
    job *j = &p->jobs[p->next];
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(p->fd);
        worker(p->s, j, (uint32_t)p->next, p->wfd, parent);
    }
    j->pid = pid;
    j->started = now();
    p->running++;
    p->next++;
    return 0;
}

/* Runs every to-do job, at most s->jobs at a time. */
static void run_pool(pool *p)
{
    size_t todo = 0;
    for (size_t i = 0; i < p->njobs; i++)
        todo += p->jobs[i].state == ST_TODO;
    while (!stop_signal) {
        while (p->running < (size_t)p->s->jobs && p->next < p->njobs && !stop_signal)
            if (spawn(p) < 0) {
                cli_error("batch: fork: %s", strerror(errno));
                break;
            }
        if (!p->running)
            break;
        struct pollfd pf = {p->fd, POLLIN, 0};
        poll(&pf, 1, p->prog.tty ? 250 : 1000);
        drain(p);
        reap(p, 0);
        if (p->prog.tty)
            draw_bar(&p->prog, p->running, todo > p->prog.ran + p->running
                                               ? todo - p->prog.ran - p->running : 0);
    }
    if (stop_signal) {
        /* Interrupted: stop the workers, collect them, tidy after them. */
        for (size_t i = 0; i < p->njobs; i++)
            if (p->jobs[i].pid > 0 && p->jobs[i].state == ST_TODO)
                kill(p->jobs[i].pid, SIGTERM);
        while (p->running)
            reap(p, 1);
        for (size_t i = 0; i < p->njobs; i++)
            if (p->jobs[i].state == ST_FAILED && p->jobs[i].exit_code == EXIT_INTERRUPTED)
                p->jobs[i].state = ST_TODO; /* so clean_temps looks at it */
        clean_temps(p->s, p->jobs, p->njobs);
        for (size_t i = 0; i < p->njobs; i++)
            if (p->jobs[i].state == ST_TODO) {
                p->jobs[i].state = ST_FAILED;
                p->jobs[i].exit_code = EXIT_INTERRUPTED;
                if (!p->jobs[i].error)
                    p->jobs[i].error = strdup("interrupted");
            }
    }
    if (p->prog.tty)
        fputs("\r\033[K", stderr);
}

/* ==== Report and exit status ============================================= */

/* Writes the JSON report. Returns 0, or an exit code. */
static int write_report(const settings *s, const job *jobs, size_t n)
{
    crier_report *r = crier_report_new();
    crier_error err = {0};
    crier_status st = r ? CRIER_OK : CRIER_ERR_NOMEM;
    static const char *const STATE[] = {"failed", "done", "skipped", "failed"};
    for (size_t i = 0; st == CRIER_OK && i < n; i++) {
        const job *j = &jobs[i];
        char *audio = NULL, *meta = NULL;
        crier_report_item it = {j->input, j->name, STATE[j->state], {NULL}, j->seconds,
                                j->elapsed, j->error};
        if (j->state == ST_DONE || j->state == ST_SKIPPED) {
            audio = out_path(s, j->name, s->ext);
            meta = out_path(s, j->name, "meta.json");
            it.outputs[0] = audio;
            it.outputs[1] = meta;
        }
        st = crier_report_add(r, &it, &err);
        free(audio);
        free(meta);
    }
    if (st == CRIER_OK)
        st = crier_report_write(r, s->report, &err);
    crier_report_free(r);
    if (st == CRIER_OK)
        return 0;
    cli_report(&err, s->report);
    return cli_exit_code(st, 1);
}

/* Prints the summary line and works out the exit status: 0 when all are
 * done, 1 when some failed, and when all failed the first failure's code
 * (so that a batch of one behaves like crier speak). */
static int summarize(const settings *s, const job *jobs, size_t n, double t0)
{
    size_t count[4] = {0};
    double audio = 0;
    int first = 0;
    for (size_t i = 0; i < n; i++) {
        count[jobs[i].state]++;
        if (jobs[i].state == ST_DONE || jobs[i].state == ST_SKIPPED)
            audio += jobs[i].seconds;
        if (jobs[i].state == ST_FAILED && !first)
            first = jobs[i].exit_code ? jobs[i].exit_code : EXIT_SOFTWARE;
    }
    char took[32];
    fmt_clock(took, sizeof took, now() - t0);
    fprintf(stderr, "%s: batch: %zu done, %zu up to date, %zu failed; %.2f h of audio in %s "
            "(-j %d)\n", cli_prog, count[ST_DONE], count[ST_SKIPPED], count[ST_FAILED],
            audio / 3600, took, s->jobs);
    if (stop_signal)
        return EXIT_INTERRUPTED;
    if (!count[ST_FAILED])
        return EXIT_OK;
    return count[ST_DONE] + count[ST_SKIPPED] ? EXIT_PARTIAL : first;
}

/* --dry-run: one line per article of the shard. */
static void print_plan(const settings *s, const job *jobs, size_t n)
{
    static const char *const STATE[] = {"to-do", "done", "up-to-date", "failed"};
    for (size_t i = 0; i < n; i++)
        printf("%s\t%s\t%s\n", jobs[i].name, jobs[i].input, STATE[jobs[i].state]);
}

static void free_jobs(job *jobs, size_t n)
{
    for (size_t i = 0; jobs && i < n; i++)
        free(jobs[i].error);
    free(jobs);
}

int cmd_batch(int argc, char **argv)
{
    settings s = {0};
    crier_parse_options_init(&s.popts);
    crier_speak_options_init(&s.sopts);
    s.ext = "ogg";
    s.shard = s.nshards = 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    s.jobs = cores > 0 ? (int)cores : 1;
    cli_data data = {0};
    int rc = parse_options(argc, argv, &s, &data);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    double t0 = now();
    s.sopts.data_dir = cli_data_dir(&data);
    crier_batch *b = NULL;
    job *jobs = NULL;
    size_t njobs = 0;
    if ((rc = cli_load_lexicon(&data, &s.lex)) || (rc = collect(argv + optind, argc - optind, &b)))
        goto done;
    if (key_settings(&s, &data) < 0 || !(jobs = calloc(crier_batch_count(b), sizeof *jobs))) {
        cli_error("batch: out of memory");
        rc = EXIT_SOFTWARE;
        goto done;
    }
    if (!s.dry_run && make_dirs(s.out_dir) < 0) {
        cli_error("%s: cannot create the output directory: %s", s.out_dir, strerror(errno));
        rc = EXIT_CANTCREAT;
        goto done;
    }
    prepare_jobs(&s, b, jobs, &njobs);
    if (s.dry_run) {
        print_plan(&s, jobs, njobs);
        goto done;
    }
    clean_temps(&s, jobs, njobs);
    int fds[2];
    if (pipe(fds) < 0) {
        cli_error("batch: pipe: %s", strerror(errno));
        rc = EXIT_SOFTWARE;
        goto done;
    }
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    pool p = {&s, jobs, njobs, 0, 0, fds[0], fds[1], {0}, 0, {0}};
    p.prog.tty = isatty(2);
    p.prog.total = njobs;
    p.prog.t0 = t0;
    for (size_t i = 0; i < njobs; i++) {
        if (jobs[i].state == ST_TODO)
            continue;
        p.prog.finished++;
        p.prog.audio += jobs[i].seconds;
        if (jobs[i].state == ST_FAILED || (!s.quiet && !p.prog.tty))
            log_job(&s, &p.prog, &jobs[i]);
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    run_pool(&p);
    close(fds[0]);
    close(fds[1]);
    rc = summarize(&s, jobs, njobs, t0);
    if (s.report) {
        int r2 = write_report(&s, jobs, njobs);
        if (r2 && rc == EXIT_OK)
            rc = r2;
    }
done:
    free_jobs(jobs, njobs);
    crier_batch_free(b);
    crier_lexicon_free(s.lex);
    free(s.key_settings);
    return rc;
}

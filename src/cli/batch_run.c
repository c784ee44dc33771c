/* batch_run.c -- the running side of `crier batch`: worker processes, the
 * progress display, and tidying after a kill.
 *
 * libespeak-ng keeps global state and is not thread-safe, so each article
 * is spoken in its own forked worker process, at most -j at a time. A
 * worker sends one fixed-size record back through a shared pipe (writes up
 * to PIPE_BUF bytes are atomic, so records from several workers never
 * interleave) and exits. A worker that dies without a record is reported
 * as failed; the others go on. Every output goes through a temporary file
 * and a rename, and the episode record (NAME.meta.json) is written last, so
 * after a kill at any moment a rerun redoes exactly the articles whose
 * record is missing or stale; the hidden temporary files a kill may leave
 * behind are removed by batch_clean_temps() before the rerun starts. */
#define _GNU_SOURCE /* prctl, strsignal */
#include "batch_run.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* What a worker tells the parent; small enough for one atomic pipe write. */
typedef struct record {
    uint32_t index;
    int32_t status; /* crier_status */
    int32_t exit_code;
    double seconds;
    char error[1024];
} record;

volatile sig_atomic_t batch_stop;

static void on_signal(int sig) { batch_stop = sig; }

double batch_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* "DIR/NAME.SUFFIX" in a fresh buffer, or NULL. */
char *batch_path(const settings *s, const char *name, const char *suffix)
{
    size_t n = strlen(s->out_dir) + strlen(name) + strlen(suffix) + 3;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s.%s", s->out_dir, name, suffix);
    return p;
}

/* Formats a library error as "file:line: message". */
void batch_format_error(char *dst, size_t n, const crier_error *e, const char *fallback)
{
    const char *file = e->file[0] ? e->file : fallback;
    if (e->line > 0)
        snprintf(dst, n, "%s:%ld: %s", file, e->line, e->msg);
    else
        snprintf(dst, n, "%s: %s", file, e->msg);
}

/* ==== The worker: one article ============================================ */

/* The episode description: the page's summary, else the standfirst, else
 * the first paragraph, cut at a word boundary to stay short. Caller
 * frees. */
static char *describe(const crier_doc *doc)
{
    /* The page's own summary first: the editor wrote it for this. */
    const char *text = crier_doc_description(doc);
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

/* In a worker, SIGINT or SIGTERM asks the library to stop: it ends its
 * own processes, removes its temporary files and returns
 * CRIER_ERR_INTERRUPTED, which the worker reports like any failure. */
static volatile sig_atomic_t worker_cancel;

static void on_worker_signal(int sig) { worker_cancel = sig; }

/* Removes the sidecars of article `name` that this run does not make: after
 * a run with --vtt, a rerun without it would otherwise leave the old
 * NAME.vtt beside the new audio, and crier feed would advertise captions
 * that no longer match it (the same for --chapters). Only those exact
 * names are touched; one that cannot be removed fails the article, which
 * then has no record and is redone by the next run. */
static crier_status drop_stale_sidecars(const settings *s, const char *name, crier_error *err)
{
    const char *drop[2] = {s->captions ? NULL : "vtt", s->chapters ? NULL : "chapters.json"};
    for (int i = 0; i < 2; i++) {
        char *p = drop[i] ? batch_path(s, name, drop[i]) : NULL;
        if (drop[i] && !p)
            return err->code = CRIER_ERR_NOMEM;
        if (p && unlink(p) < 0 && errno != ENOENT) {
            snprintf(err->file, sizeof err->file, "%s", p);
            snprintf(err->msg, sizeof err->msg, "cannot remove the old %s: %s",
                     i ? "chapters" : "captions", strerror(errno));
            free(p);
            return err->code = CRIER_ERR_IO;
        }
        free(p);
    }
    return CRIER_OK;
}

/* Speaks article j into its outputs and writes its episode record last.
 * The old record goes first, so that from here on a kill leaves the
 * article not done. */
static crier_status make_article(const settings *s, const job *j, double *seconds,
                                 crier_error *err)
{
    crier_doc *doc = NULL;
    crier_status st = load_article(s, j->input, &doc, err);
    char *audio = batch_path(s, j->name, s->ext), *meta = batch_path(s, j->name, "meta.json");
    char *vtt = s->captions ? batch_path(s, j->name, "vtt") : NULL;
    char *chap = s->chapters ? batch_path(s, j->name, "chapters.json") : NULL;
    char *desc = doc ? describe(doc) : NULL;
    if (st == CRIER_OK && (!audio || !meta || (s->captions && !vtt) || (s->chapters && !chap)))
        st = CRIER_ERR_NOMEM;
    if (st == CRIER_OK && unlink(meta) < 0 && errno != ENOENT) {
        snprintf(err->file, sizeof err->file, "%s", meta);
        snprintf(err->msg, sizeof err->msg, "cannot remove: %s", strerror(errno));
        st = err->code = CRIER_ERR_IO;
    }
    /* One synthesis process per article: -j is the parallelism, and the
     * bytes do not depend on it either way. */
    crier_speak_options o = s->sopts;
    o.jobs = 1;
    o.cancel = &worker_cancel;
    o.captions_path = vtt;
    o.chapters_path = chap;
    crier_speak_result res = {0};
    if (st == CRIER_OK)
        st = crier_speak(doc, s->lex, &o, audio, &res, err);
    if (st == CRIER_OK)
        st = drop_stale_sidecars(s, j->name, err);
    if (st == CRIER_OK) {
        const char *author = crier_doc_byline(doc) ? crier_doc_byline(doc) : crier_doc_site(doc);
        crier_episode ep = {j->key, j->input, crier_doc_title(doc), author, crier_doc_date(doc),
                            desc, res.seconds, {audio, vtt ? vtt : chap, vtt ? chap : NULL, NULL}};
        st = crier_episode_write(meta, &ep, err);
        *seconds = res.seconds;
        /* A record that cannot be written (a full disk) fails the article:
         * its files go too, so that crier feed does not list them. */
        for (int i = 0; st != CRIER_OK && i < 3; i++)
            if (ep.files[i])
                unlink(ep.files[i]);
    }
    crier_speak_result_free(&res);
    free(desc);
    free(audio);
    free(meta);
    free(vtt);
    free(chap);
    crier_doc_free(doc);
    return st;
}

/* The worker process: never returns. */
static void worker(const settings *s, const job *j, uint32_t index, int fd, pid_t parent)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_worker_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
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
        batch_format_error(r.error, sizeof r.error, &err, j->input);
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

void batch_fmt_clock(char *dst, size_t n, double sec)
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
    double spent = batch_now() - p->t0;
    if (p->ran > 0)
        batch_fmt_clock(eta, sizeof eta, spent / (double)p->ran * (double)(todo_left + running));
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
        batch_fmt_clock(len, sizeof len, j->seconds);
        fprintf(stderr, "%s: batch: [%zu/%zu] %s %s/%s.%s (%s of audio, %.1f s)\n", cli_prog,
                p->finished, p->total, j->state == ST_DONE ? "done" : "up to date",
                s->out_dir, j->name, s->ext, len, j->elapsed);
    }
}

/* Removes the hidden temporary files (".NAME.EXT.XXXXXX") that a killed
 * run left for the articles about to be made. Only names of this shard are
 * touched, so shards sharing a directory never delete each other's work. */
void batch_clean_temps(const settings *s, const job *jobs, size_t n)
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
    j->elapsed = batch_now() - j->started;
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
        finish(p, j, ST_FAILED, 0, msg, batch_stop ? EXIT_INTERRUPTED : EXIT_SOFTWARE);
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
    j->started = batch_now();
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
    while (!batch_stop) {
        while (p->running < (size_t)p->s->jobs && p->next < p->njobs && !batch_stop)
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
    if (batch_stop) {
        /* Interrupted: stop the workers, collect them, tidy after them. */
        for (size_t i = 0; i < p->njobs; i++)
            if (p->jobs[i].pid > 0 && p->jobs[i].state == ST_TODO)
                kill(p->jobs[i].pid, SIGTERM);
        while (p->running)
            reap(p, 1);
        for (size_t i = 0; i < p->njobs; i++)
            if (p->jobs[i].state == ST_FAILED && p->jobs[i].exit_code == EXIT_INTERRUPTED)
                p->jobs[i].state = ST_TODO; /* so clean_temps looks at it */
        batch_clean_temps(p->s, p->jobs, p->njobs);
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


/* ==== Running a batch ==================================================== */

void batch_run(const settings *s, job *jobs, size_t njobs, double t0)
{
    int fds[2];
    if (pipe(fds) < 0) {
        cli_error("batch: pipe: %s", strerror(errno));
        for (size_t i = 0; i < njobs; i++)
            if (jobs[i].state == ST_TODO) {
                jobs[i].state = ST_FAILED;
                jobs[i].exit_code = EXIT_SOFTWARE;
            }
        return;
    }
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    pool p = {s, jobs, njobs, 0, 0, fds[0], fds[1], {0}, 0, {0}};
    p.prog.tty = isatty(2);
    p.prog.total = njobs;
    p.prog.t0 = t0;
    for (size_t i = 0; i < njobs; i++) {
        if (jobs[i].state == ST_TODO)
            continue;
        p.prog.finished++;
        p.prog.audio += jobs[i].seconds;
        if (jobs[i].state == ST_FAILED || (!s->quiet && !p.prog.tty))
            log_job(s, &p.prog, &jobs[i]);
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    run_pool(&p);
    close(fds[0]);
    close(fds[1]);
}

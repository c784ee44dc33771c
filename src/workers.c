/* workers.c -- parallel work in forked processes, results in order.
 *
 * The parent forks one worker per task, keeps at most `jobs` of them
 * running, and reads only the pipe of the oldest unfinished task; later
 * workers run ahead and park their records in their pipes (or block when
 * a pipe is full, which bounds memory; pipes are enlarged to hold a
 * chunk's records, see PIPE_BYTES). A worker that finished early is
 * noticed through POLLHUP on its pipe and reaped, so that another can
 * start. No signal handlers, no threads, no global state: everything lives
 * in this call's stack frame, and every path out of it kills and reaps the
 * workers it started. */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "workers.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

enum { TAG_DONE = 'Z', TAG_ERROR = 'X', POLL_MS = 100 };

/* A later worker whose records all fit in its pipe exits when its work is
 * done, and frees its CPU for the next task while the parent still reads
 * an earlier one; a worker whose pipe is full waits, and its CPU idles.
 * The default 64 KB holds a few seconds of MP3; 1 MB (Linux's limit for
 * an unprivileged process) holds a chunk's (half a minute at 96 kbit/s is
 * about 400 KB). The kernel allocates a pipe's pages only as they fill,
 * and at most `window` pipes exist at once. */
enum { PIPE_BYTES = 1 << 20 };

typedef struct slot {
    size_t task;
    pid_t pid;   /* 0 once reaped */
    int fd;      /* read end, -1 once closed */
    int wstatus; /* from waitpid, once reaped */
} slot;

typedef struct pool {
    const crier_pool_spec *spec;
    slot *slots;        /* ring indexed by task % window */
    size_t window;
    int alive;          /* workers not yet reaped */
    /* The record stream of the current task. */
    char *buf;
    size_t len, cap;
    int ended;          /* the current task's terminal record was seen */
} pool;

int crier_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

int crier_record(int fd, int tag, const void *p, size_t n)
{
    char hdr[5];
    uint32_t len = (uint32_t)n;
    hdr[0] = (char)tag;
    memcpy(hdr + 1, &len, 4);
    if (crier_write_all(fd, hdr, 5) < 0)
        return -1;
    return n ? crier_write_all(fd, p, n) : 0;
}

/* ==== Worker side ======================================================== */

static void worker_main(pool *P, size_t task, int fd)
{
    /* Die with the parent, and on the terminal's Ctrl-C, instead of
     * finishing a task nobody will read. */
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    for (size_t i = 0; i < P->window; i++)
        if (P->slots[i].fd >= 0)
            close(P->slots[i].fd);
    crier_error err;
    memset(&err, 0, sizeof err);
    crier_status st = P->spec->work(P->spec->ud, task, fd, &err);
    if (st == CRIER_OK)
        crier_record(fd, TAG_DONE, NULL, 0);
    else {
        err.code = st;
        crier_record(fd, TAG_ERROR, &err, sizeof err);
    }
    _exit(0);
}

/* ==== Parent side ======================================================== */

static crier_status start(pool *P, size_t task, crier_error *err)
{
    slot *s = &P->slots[task % P->window];
    int fds[2];
    if (pipe(fds) < 0)
        return crier_fail(err, CRIER_ERR_SYNTH, NULL, 0, "pipe: %s", strerror(errno));
#ifdef F_SETPIPE_SZ
    /* Not an error when refused: a small pipe only makes the worker
     * wait longer. */
    fcntl(fds[0], F_SETPIPE_SZ, PIPE_BYTES);
#endif
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return crier_fail(err, CRIER_ERR_SYNTH, NULL, 0, "fork: %s", strerror(errno));
    }
    if (pid == 0) {
        close(fds[0]);
        worker_main(P, task, fds[1]);
    }
    close(fds[1]);
    *s = (slot){task, pid, fds[0], 0};
    P->alive++;
    return CRIER_OK;
}

static void reap(pool *P, slot *s, int block)
{
    if (!s->pid)
        return;
    pid_t r;
    while ((r = waitpid(s->pid, &s->wstatus, block ? 0 : WNOHANG)) < 0 && errno == EINTR)
        ;
    if (r == s->pid || r < 0) {
        s->pid = 0;
        P->alive--;
    }
}

/* Hands the complete records in the buffer to `take`. */
static crier_status parse(pool *P, size_t task, crier_error *err)
{
    size_t at = 0;
    crier_status st = CRIER_OK;
    while (st == CRIER_OK && !P->ended && P->len - at >= 5) {
        uint32_t n;
        memcpy(&n, P->buf + at + 1, 4);
        if (P->len - at - 5 < n)
            break;
        int tag = (unsigned char)P->buf[at];
        const char *body = P->buf + at + 5;
        if (tag == TAG_DONE) {
            P->ended = 1;
        } else if (tag == TAG_ERROR && n == sizeof(crier_error)) {
            crier_error e;
            memcpy(&e, body, sizeof e);
            if (err)
                *err = e;
            st = e.code != CRIER_OK ? e.code : CRIER_ERR_SYNTH;
            P->ended = 1;
        } else {
            st = P->spec->take(P->spec->ud, task, tag, body, n, err);
        }
        at += 5 + n;
    }
    memmove(P->buf, P->buf + at, P->len - at);
    P->len -= at;
    return st;
}

/* Reads what the current task's pipe holds. */
static crier_status drain(pool *P, slot *s, crier_error *err)
{
    if (P->cap - P->len < 65536) {
        size_t cap = P->cap ? P->cap * 2 : 1 << 18;
        char *b = realloc(P->buf, cap);
        if (!b)
            return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
        P->buf = b;
        P->cap = cap;
    }
    ssize_t k = read(s->fd, P->buf + P->len, P->cap - P->len);
    if (k < 0)
        return errno == EINTR ? CRIER_OK
                              : crier_fail(err, CRIER_ERR_SYNTH, NULL, 0, "read: %s",
                                           strerror(errno));
    if (k == 0) {
        reap(P, s, 1);
        if (P->spec->cancel && *P->spec->cancel)
            return crier_fail(err, CRIER_ERR_INTERRUPTED, NULL, 0, "interrupted");
        if (WIFSIGNALED(s->wstatus))
            return crier_fail(err, CRIER_ERR_SYNTH, NULL, 0,
                              "a worker process was killed by signal %d",
                              WTERMSIG(s->wstatus));
        return crier_fail(err, CRIER_ERR_SYNTH, NULL, 0, "a worker process stopped early");
    }
    P->len += (size_t)k;
    return parse(P, s->task, err);
}

/* Waits for the current task's pipe, noticing finished later workers. */
static crier_status wait_step(pool *P, size_t cur, size_t started, crier_error *err)
{
    struct pollfd pfd[2 * 64 + 1];
    slot *map[2 * 64 + 1];
    nfds_t n = 0;
    for (size_t t = cur; t < started && n < CRIER_ARRAY_LEN(pfd); t++) {
        slot *s = &P->slots[t % P->window];
        if (t != cur && !s->pid)
            continue;
        pfd[n] = (struct pollfd){s->fd, t == cur ? POLLIN : 0, 0};
        map[n++] = s;
    }
    int r = poll(pfd, n, POLL_MS);
    if (r < 0)
        return errno == EINTR ? CRIER_OK
                              : crier_fail(err, CRIER_ERR_SYNTH, NULL, 0, "poll: %s",
                                           strerror(errno));
    for (nfds_t i = 1; i < n; i++)
        if (pfd[i].revents & (POLLHUP | POLLERR))
            reap(P, map[i], 1);
    if (n && pfd[0].revents)
        return drain(P, map[0], err);
    return CRIER_OK;
}

static void stop_all(pool *P, size_t from, size_t to)
{
    for (size_t t = from; t < to; t++) {
        slot *s = &P->slots[t % P->window];
        if (s->pid)
            kill(s->pid, SIGKILL);
        if (s->fd >= 0)
            close(s->fd);
        s->fd = -1;
        reap(P, s, 1);
    }
}

crier_status crier_pool_run(const crier_pool_spec *spec, crier_error *err)
{
    pool P = {0};
    P.spec = spec;
    int jobs = spec->jobs > 0 ? spec->jobs : 1;
    if (jobs > 64)
        jobs = 64;
    P.window = 2 * (size_t)jobs;
    P.slots = malloc(P.window * sizeof *P.slots);
    if (!P.slots)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < P.window; i++)
        P.slots[i] = (slot){0, 0, -1, 0};
    fflush(NULL); /* nothing buffered may be written twice */
    size_t started = 0, cur = 0;
    crier_status st = CRIER_OK;
    while (st == CRIER_OK && cur < spec->ntasks) {
        if (spec->cancel && *spec->cancel) {
            st = crier_fail(err, CRIER_ERR_INTERRUPTED, NULL, 0, "interrupted");
            break;
        }
        while (st == CRIER_OK && P.alive < jobs && started < spec->ntasks &&
               started - cur < P.window)
            st = start(&P, started++, err);
        if (st == CRIER_OK)
            st = wait_step(&P, cur, started, err);
        if (st == CRIER_OK && P.ended) {
            slot *s = &P.slots[cur % P.window];
            close(s->fd);
            s->fd = -1;
            reap(&P, s, 1);
            P.ended = 0;
            P.len = 0;
            if (spec->done)
                st = spec->done(spec->ud, cur, err);
            cur++;
        }
    }
    stop_all(&P, cur, started);
    free(P.slots);
    free(P.buf);
    return st;
}

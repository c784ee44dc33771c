/* workers.h -- parallel work in forked processes, results in order.
 *
 * libespeak-ng is not thread-safe, and MP3 encoding, resampling and
 * loudness cost far more than synthesis, so crier parallelizes with
 * processes: each task (one pass over one chunk of a program) runs in a
 * worker forked from the parent, which streams records back through a
 * pipe. The parent consumes the records strictly in task order, so what
 * it builds from them (the file, the captions, the loudness sums) never
 * depends on how many workers ran or which finished first.
 *
 * A record is a one-byte tag, a 32-bit length and that many bytes. */
#ifndef CRIER_WORKERS_H
#define CRIER_WORKERS_H

#include "crier.h"

/* Runs in the worker: does task `task` and writes its records to `fd`
 * with crier_record(). Returns CRIER_OK or an error (filled in `err`),
 * which the pool carries back to the parent. */
typedef crier_status (*crier_work_fn)(void *ud, size_t task, int fd, crier_error *err);

/* Runs in the parent, for every record, in task order and in the order
 * the worker wrote them. A non-OK return stops everything. */
typedef crier_status (*crier_take_fn)(void *ud, size_t task, int tag, const void *p, size_t n,
                                      crier_error *err);

/* Runs in the parent when a task's records are all taken. May be NULL. */
typedef crier_status (*crier_done_fn)(void *ud, size_t task, crier_error *err);

typedef struct crier_pool_spec {
    size_t ntasks;
    int jobs;                            /* at most this many workers at once */
    crier_work_fn work;
    crier_take_fn take;
    crier_done_fn done;
    void *ud;
    const volatile sig_atomic_t *cancel; /* may be NULL */
} crier_pool_spec;

/* Runs all tasks. On an error in a worker or in `take`, or when *cancel
 * becomes non-zero, kills the workers still running, waits for them and
 * returns the error (CRIER_ERR_INTERRUPTED for a cancel). */
crier_status crier_pool_run(const crier_pool_spec *spec, crier_error *err);

/* Writes one record from a worker. Returns 0, or -1 when the pipe is gone
 * (the parent stopped listening). */
int crier_record(int fd, int tag, const void *p, size_t n);

/* The number of online processors (at least 1). */
int crier_cpu_count(void);

#endif

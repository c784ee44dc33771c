/* batch_run.h -- the running side of `crier batch`, shared by cmd_batch.c
 * (options, the job list, the report) and batch_run.c (worker processes,
 * progress, tidying after a kill). Private to the CLI. */
#ifndef CRIER_CLI_BATCH_RUN_H
#define CRIER_CLI_BATCH_RUN_H

#include "cli.h"

#include <signal.h>
#include <sys/types.h>

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
    int captions, chapters; /* --vtt, --chapters: also NAME.vtt, NAME.chapters.json */
    crier_parse_options popts;
    crier_speak_options sopts;
    crier_lexicon *lex;
    char *key_settings;   /* serialized options for crier_batch_key */
} settings;

/* Set by SIGINT/SIGTERM: stop starting workers, stop the running ones. */
extern volatile sig_atomic_t batch_stop;

/* Monotonic seconds. */
double batch_now(void);
/* "OUT_DIR/NAME.SUFFIX" in a fresh buffer, or NULL. */
char *batch_path(const settings *s, const char *name, const char *suffix);
/* A library error as "file:line: message". */
void batch_format_error(char *dst, size_t n, const crier_error *e, const char *fallback);
/* "m:ss" or "h:mm:ss". */
void batch_fmt_clock(char *dst, size_t n, double sec);
/* Removes what a killed run left of the to-do jobs (see batch_run.c). */
void batch_clean_temps(const settings *s, const job *jobs, size_t n);
/* Runs every to-do job in worker processes, at most s->jobs at a time,
 * with a progress bar or log lines; `t0` is when the batch started. Each
 * job ends done or failed (with its error and exit code). */
void batch_run(const settings *s, job *jobs, size_t n, double t0);

#endif

/* cli.h -- shared pieces of the crier command-line tool.
 *
 * The CLI is a client of the library: it includes only crier.h (plus this
 * file), as cmark's main.c uses only cmark.h. Each command lives in its
 * own cmd_*.c file. */
#ifndef CRIER_CLI_H
#define CRIER_CLI_H

#include "crier.h"

#include <stdio.h>

/* Exit codes, documented in README.md and crier(1). They follow BSD
 * sysexits.h where one fits. */
enum {
    EXIT_OK = 0,
    EXIT_PARTIAL = 1,     /* batch: some articles failed, the rest were made */
    EXIT_USAGE = 64,      /* bad command line */
    EXIT_DATAERR = 65,    /* input is not usable text: bad UTF-8, no article;
                             or a sting that is not usable audio */
    EXIT_NOINPUT = 66,    /* input file missing or unreadable */
    EXIT_SOFTWARE = 70,   /* speech engine or encoder failed, out of memory */
    EXIT_CANTCREAT = 73,  /* output cannot be created or written */
    EXIT_CONFIG = 78,     /* lexicon or voice profile missing or malformed */
    EXIT_INTERRUPTED = 130 /* SIGINT or SIGTERM: nothing half-written is left */
};

/* Options shared by the commands that load language data. */
typedef struct cli_data {
    const char *data_dir;     /* --data-dir, else found next to the binary */
    const char *lexicons[32]; /* --lexicon FILE, in order */
    int nlexicons;
} cli_data;

extern const char *cli_prog; /* "crier", for messages */

/* Prints "crier: FILE:LINE: message" for an error from the library. */
void cli_report(const crier_error *err, const char *fallback_file);
/* Maps a library status to an exit code; `output` says whether the
 * failure concerns the output file (73) rather than the input (66). */
int cli_exit_code(crier_status st, int output);
/* Prints a formatted message to stderr, prefixed by the program name. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Finds the data directory: --data-dir, $CRIER_DATA_DIR, ../share/crier
 * beside the executable, then the install path compiled in. */
const char *cli_data_dir(const cli_data *d);
/* Loads lexicon/en from the data directory plus every --lexicon file.
 * Prints the error and returns its exit code, or 0. */
int cli_load_lexicon(const cli_data *d, crier_lexicon **lex);
/* Reads and cleans INPUT ("-" is standard input). Prints the error and
 * returns its exit code, or 0. */
int cli_read_input(const char *path, char **text, size_t *len);

/* Long-option codes for the data options every command accepts. */
enum { OPT_DATA_DIR = 1000, OPT_LEXICON };
#define CLI_DATA_OPTIONS                                                                   \
    {"data-dir", required_argument, NULL, OPT_DATA_DIR},                                   \
    {"lexicon", required_argument, NULL, OPT_LEXICON}
/* Handles --data-dir and --lexicon. Returns 1 when `c` was one of them,
 * -1 on a bad value (message printed), 0 otherwise. */
int cli_data_option(int c, const char *arg, cli_data *d);

/* Returns the index of `val` in `names`, or prints an error naming the
 * option and returns -1. */
int cli_parse_choice(const char *opt, const char *val, const char *const *names, int n);

/* Parses a whole decimal number (or any number, for cli_parse_num) within
 * [lo, hi] into *out; otherwise prints an error naming the option and
 * returns -1. */
int cli_parse_int(const char *opt, const char *s, int lo, int hi, int *out);
int cli_parse_num(const char *opt, const char *s, double lo, double hi, double *out);

int cmd_speak(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_feed(int argc, char **argv);
int cmd_bulletin(int argc, char **argv);

#endif

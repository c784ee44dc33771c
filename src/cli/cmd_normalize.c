/* cmd_normalize.c -- `crier normalize [INPUT]`: a line filter.
 *
 * Prints the spoken form of each input line on exactly one output line
 * (an empty line stays empty), so it can stand in a pipe and be scored
 * line by line. Reads line by line, so memory stays bounded by the
 * longest line whatever the input's size. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: crier normalize [OPTIONS] [INPUT]\n"
    "\n"
    "Prints the spoken form of each line of INPUT (default: standard input),\n"
    "one output line per input line.\n"
    "\n"
    "  --gb              British conventions (day/month dates, \"one hundred and\n"
    "                    five\", \"kilometres\")\n"
    "  --lexicon FILE    extra lexicon entries (repeatable)\n"
    "  --data-dir DIR    where lexicon/ and voices/ are\n"
    "  -h, --help        show this help\n";

/* The cleaner saw one line, so its byte offset counts from the line's
 * start; the other commands report offsets in the file, and so must this
 * one ("invalid UTF-8 at byte N" means the same N everywhere). */
static void file_offset(crier_error *err, long start)
{
    char *at = strstr(err->msg, " at byte ");
    if (!at)
        return;
    err->offset += start;
    snprintf(at, sizeof err->msg - (size_t)(at - err->msg), " at byte %ld", err->offset);
}

int cmd_normalize(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"help", no_argument, NULL, 'h'}, {"gb", no_argument, NULL, 'g'}, CLI_DATA_OPTIONS, {0}};
    cli_data data = {0};
    unsigned flags = 0;
    int c;
    while ((c = getopt_long(argc, argv, "h", LONG, NULL)) != -1) {
        int d = cli_data_option(c, optarg, &data);
        if (d < 0)
            return EXIT_USAGE;
        if (d)
            continue;
        if (c == 'h') {
            fputs(HELP, stdout);
            return EXIT_OK;
        }
        if (c == 'g') {
            flags |= CRIER_NORM_GB;
            continue;
        }
        fputs(HELP, stderr);
        return EXIT_USAGE;
    }
    if (argc - optind > 1) {
        fputs(HELP, stderr);
        return EXIT_USAGE;
    }
    const char *path = optind < argc ? argv[optind] : "-";
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!in) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        return EXIT_NOINPUT;
    }
    crier_lexicon *lex = NULL;
    int rc = cli_load_lexicon(&data, &lex);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    size_t prev = 0;
    long lineno = 0, start = 0; /* the line's number and its offset in the file */
    while (!rc && !ferror(stdout) && (n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        start += (long)prev;
        prev = (size_t)n;
        if (n && line[n - 1] == '\n')
            n--;
        char *clean = NULL;
        size_t len = 0;
        crier_spoken *sp = NULL;
        crier_error err = {0};
        crier_status st = crier_text_clean(line, (size_t)n, name, &clean, &len, &err);
        if (st == CRIER_OK)
            st = crier_normalize(lex, clean, len, flags, &sp, &err);
        if (st != CRIER_OK) {
            err.line = lineno;
            if (st == CRIER_ERR_UTF8)
                file_offset(&err, start);
            cli_report(&err, name);
            rc = cli_exit_code(st, 0);
        } else {
            /* The contract is one line out per line in: a stray newline
             * from the cleaner (a lone CR) must not split the line. */
            for (size_t i = 0; i < sp->len; i++)
                if (sp->text[i] == '\n')
                    sp->text[i] = ' ';
            fwrite(sp->text, 1, sp->len, stdout);
            putchar('\n');
        }
        crier_spoken_free(sp);
        crier_free(clean);
    }
    /* getline() fails alike at the end and on a read error (a directory
     * opens but cannot be read): only ferror() tells them apart. */
    if (!rc && ferror(in)) {
        cli_error("%s: cannot read: %s", name, strerror(errno));
        rc = EXIT_NOINPUT;
    }
    free(line);
    if (in != stdin)
        fclose(in);
    crier_lexicon_free(lex);
    return rc; /* main() checks that standard output was written */
}

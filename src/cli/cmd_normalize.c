/* cmd_normalize.c -- `crier normalize [INPUT]`: a line filter.
 *
 * Prints the spoken form of each input line on exactly one output line
 * (an empty line stays empty), so it can stand in a pipe and be scored
 * line by line. Reads line by line, so memory stays bounded by the
 * longest line whatever the input's size. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
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
    long lineno = 0;
    while (!rc && (n = getline(&line, &cap, in)) >= 0) {
        lineno++;
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
    free(line);
    if (in != stdin)
        fclose(in);
    crier_lexicon_free(lex);
    if (!rc && fflush(stdout) != 0) {
        cli_error("<stdout>: write error");
        rc = EXIT_CANTCREAT;
    }
    return rc;
}

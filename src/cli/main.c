/* main.c -- the crier command: dispatch and the pieces commands share.
 *
 *   crier speak [OPTIONS] INPUT -o OUTPUT    article to audio
 *   crier segment [--json] INPUT             the article's segments
 *   crier normalize [INPUT]                  written text to spoken text
 *   crier batch [OPTIONS] INPUT... -d DIR     many articles, resumably
 *   crier feed DIR --base-url URL -o FEED    podcast feed and listening page
 *   crier bulletin ARTICLE... -o EPISODE     several stories in one episode
 *
 * Every error goes to stderr, names the file (and line when known), and
 * ends the process with one of the exit codes in cli.h. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *cli_prog = "crier";

static const char USAGE[] =
    "usage: crier COMMAND [OPTIONS] ...\n"
    "\n"
    "Turns news articles (HTML or a page's plain text) into audio.\n"
    "\n"
    "commands:\n"
    "  speak      speak an article into an audio file\n"
    "  segment    print an article's segments in listening order\n"
    "  normalize  print the spoken form of text, line by line\n"
    "  batch      speak many articles into a directory, resumably\n"
    "  bulletin   speak several stories (or a feed's newest) as one episode\n"
    "  feed       write a podcast feed and listening page for a directory\n"
    "\n"
    "options:\n"
    "  -h, --help     show this help (crier COMMAND --help for a command)\n"
    "  -V, --version  show the version\n"
    "\n"
    "Exit codes: 0 success, 1 partial batch, 64 usage, 65 bad input data,\n"
    "66 unreadable input, 70 internal failure, 73 cannot write output,\n"
    "78 bad lexicon or voice, 130 interrupted. See crier(1).\n";

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", cli_prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_report(const crier_error *err, const char *fallback_file)
{
    const char *file = err->file[0] ? err->file : fallback_file;
    if (file && err->line > 0)
        cli_error("%s:%ld: %s", file, err->line, err->msg);
    else if (file)
        cli_error("%s: %s", file, err->msg);
    else
        cli_error("%s", err->msg);
}

int cli_exit_code(crier_status st, int output)
{
    switch (st) {
    case CRIER_OK: return EXIT_OK;
    case CRIER_ERR_UTF8:
    case CRIER_ERR_EMPTY:
    case CRIER_ERR_MEDIA: return EXIT_DATAERR;
    case CRIER_ERR_IO: return output ? EXIT_CANTCREAT : EXIT_NOINPUT;
    case CRIER_ERR_LEXICON:
    case CRIER_ERR_VOICE: return EXIT_CONFIG;
    case CRIER_ERR_ARG: return EXIT_USAGE;
    case CRIER_ERR_INTERRUPTED: return EXIT_INTERRUPTED;
    case CRIER_ERR_NOMEM:
    case CRIER_ERR_SYNTH:
    case CRIER_ERR_AUDIO: return EXIT_SOFTWARE;
    }
    return EXIT_SOFTWARE;
}

static int is_dir(const char *p)
{
    char probe[PATH_MAX + 64];
    snprintf(probe, sizeof probe, "%s/lexicon", p);
    return access(probe, R_OK) == 0;
}

const char *cli_data_dir(const cli_data *d)
{
    static char beside[PATH_MAX + 32];
    if (d && d->data_dir)
        return d->data_dir;
    const char *env = getenv("CRIER_DATA_DIR");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(beside, sizeof beside, "%s/../share/crier", exe);
            if (is_dir(beside))
                return beside;
        }
    }
    return CRIER_INSTALL_DATADIR;
}

int cli_data_option(int c, const char *arg, cli_data *d)
{
    if (c == OPT_DATA_DIR) {
        d->data_dir = arg;
        return 1;
    }
    if (c != OPT_LEXICON)
        return 0;
    if (d->nlexicons == (int)(sizeof d->lexicons / sizeof *d->lexicons)) {
        cli_error("too many --lexicon files");
        return -1;
    }
    d->lexicons[d->nlexicons++] = arg;
    return 1;
}

/* Matches an option value against its allowed names. */
int cli_parse_choice(const char *opt, const char *val, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(val, names[i]))
            return i;
    cli_error("--%s: unknown value '%s'", opt, val);
    return -1;
}

int cli_parse_int(const char *opt, const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi) {
        cli_error("--%s: expected a number from %d to %d, got '%s'", opt, lo, hi, s);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int cli_parse_num(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= lo && v <= hi)) {
        cli_error("--%s: expected a number from %g to %g, got '%s'", opt, lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_load_lexicon(const cli_data *d, crier_lexicon **lex)
{
    crier_error err = {0};
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/lexicon/en", cli_data_dir(d));
    crier_status st = crier_lexicon_load(dir, lex, &err);
    for (int i = 0; st == CRIER_OK && d && i < d->nlexicons; i++) {
        st = crier_lexicon_add_file(*lex, d->lexicons[i], &err);
        if (st == CRIER_ERR_IO)
            err.code = st = CRIER_ERR_LEXICON;
    }
    if (st == CRIER_OK)
        return 0;
    cli_report(&err, dir);
    crier_lexicon_free(*lex);
    *lex = NULL;
    return cli_exit_code(st, 0);
}

int cli_read_input(const char *path, char **text, size_t *len)
{
    int std = strcmp(path, "-") == 0;
    const char *name = std ? "<stdin>" : path;
    FILE *f = std ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        return EXIT_NOINPUT;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *b = realloc(buf, cap *= 2);
        if (!b)
            free(buf);
        buf = b;
    }
    int bad = ferror(f), saved = errno; /* a directory opens, then fails here */
    if (!std)
        fclose(f);
    if (!buf) {
        cli_error("%s: cannot read: out of memory", name);
        return EXIT_SOFTWARE;
    }
    if (bad) {
        free(buf);
        cli_error("%s: cannot read: %s", name, strerror(saved));
        return EXIT_NOINPUT;
    }
    crier_error err = {0};
    crier_status st = crier_text_clean(buf, n, name, text, len, &err);
    free(buf);
    if (st != CRIER_OK) {
        cli_report(&err, name);
        return cli_exit_code(st, 0);
    }
    return 0;
}

/* A dump redirected to a full disk must not end in exit 0 with half a
 * file: stdio only reports the failed write when the buffer is flushed,
 * so every command's result is checked here, once, on the way out. */
static int check_stdout(int rc)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("<stdout>: write error%s%s", errno ? ": " : "", errno ? strerror(errno) : "");
        if (rc == EXIT_OK || rc == EXIT_PARTIAL)
            rc = EXIT_CANTCREAT;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
        fputs(USAGE, stdout);
        return check_stdout(EXIT_OK);
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("crier %s\n", crier_version());
        return check_stdout(EXIT_OK);
    }
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } COMMANDS[] = {
        {"speak", cmd_speak},
        {"segment", cmd_segment},
        {"normalize", cmd_normalize},
        {"batch", cmd_batch},
        {"feed", cmd_feed},
        {"bulletin", cmd_bulletin},
    };
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        if (!strcmp(cmd, COMMANDS[i].name))
            return check_stdout(COMMANDS[i].run(argc - 1, argv + 1));
    cli_error("unknown command '%s' (try 'crier --help')", cmd);
    return EXIT_USAGE;
}

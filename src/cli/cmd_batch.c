/* cmd_batch.c -- `crier batch [OPTIONS] INPUT... --out-dir DIR`: many
 * articles into audio, in parallel worker processes, resumably.
 *
 * The job model (inputs, names, shards, content keys, episode records,
 * the report) is the library's (crier_batch_*, crier_episode_*,
 * crier_report_*). This file reads the options, builds the job list for
 * this shard, decides what is already up to date, and writes the report;
 * batch_run.c runs the workers. */
#define _GNU_SOURCE /* open_memstream, scandir */
#include "batch_run.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
    "  --vtt                     also write captions, NAME.vtt (WebVTT)\n"
    "  --chapters                also write chapters, NAME.chapters.json\n"
    "  --format mp3|opus|ogg|flac|wav  the audio format (default: mp3)\n"
    "  --loudness LUFS           loudness target (default: -16)\n"
    "  --no-loudness             leave the level as synthesized\n"
    "  --bitrate KBPS            MP3 and Opus bit rate\n"
    "  --voice NAME|FILE         voice profile (default: us-news)\n"
    "  --rate WPM, --pitch N     override the profile (80-450, 0-100)\n"
    "  --quality Q               Ogg Vorbis: 0 (smallest) to 1 (best)\n"
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
/* The settings half of every article's key. Anything that can change an
 * output byte belongs here: the options, crier's version, and the content
 * of the lexicon and voice files (a corrected pronunciation must remake
 * the articles, though no option changed). Options that cannot change an
 * output (-j, --quiet, --report, --shard) stay out, so a rerun with another
 * -j or another shard split still finds everything up to date. */
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
    fprintf(o, "loudness %.3f\nno-loudness %d\nbitrate %d\nvtt %d\nchapters %d\n",
            so->loudness, so->no_loudness, so->bitrate, s->captions, s->chapters);
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

/* "I/N", 1-based like the shard options of test runners, so that a Slurm
 * array 1-N maps straight onto it. */
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
    switch (c) {
    case 'd': s->out_dir = arg; return 0;
    case 'j': return cli_parse_int("jobs", arg, 1, 1024, &s->jobs) ? EXIT_USAGE : 0;
    case 'q': s->quiet = 1; return 0;
    case 'S': return parse_shard(arg, s) ? EXIT_USAGE : 0;
    case 'R': s->report = arg; return 0;
    case 'F': s->force = 1; return 0;
    case 'n': s->dry_run = 1; return 0;
    case 'f': s->ext = arg; return 0;
    case 'v': s->sopts.voice = arg; return 0;
    case 'r': return cli_parse_int("rate", arg, 80, 450, &s->sopts.rate) ? EXIT_USAGE : 0;
    case 'p': return cli_parse_int("pitch", arg, 0, 100, &s->sopts.pitch) ? EXIT_USAGE : 0;
    case 'Q':
        return cli_parse_num("quality", arg, 0, 1, &s->sopts.quality) < 0 ? EXIT_USAGE : 0;
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
    case 'V': s->captions = 1; return 0;
    case 'C': s->chapters = 1; return 0;
    case 'N': s->sopts.no_loudness = 1; return 0;
    case 'B': return cli_parse_int("bitrate", arg, 8, 320, &s->sopts.bitrate) ? EXIT_USAGE : 0;
    case 'L': return cli_parse_num("loudness", arg, -40, -5, &s->sopts.loudness) ? EXIT_USAGE : 0;
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
        {"vtt", no_argument, NULL, 'V'},
        {"chapters", no_argument, NULL, 'C'},
        {"loudness", required_argument, NULL, 'L'},
        {"no-loudness", no_argument, NULL, 'N'},
        {"bitrate", required_argument, NULL, 'B'},
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
    static const char *const FORMATS[] = {"mp3", "opus", "ogg", "flac", "wav"};
    if (cli_parse_choice("format", s->ext, FORMATS, 5) < 0)
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
/* A missing manifest or an unreadable directory stops the batch before
 * any work (exit 66): that is a broken command, not a bad article. A
 * missing article file does not: it fails alone, in the report. */
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
/* Keys are computed here, in the parent, before any worker starts: an
 * article that cannot even be read fails at once, and the up-to-date ones
 * are counted as done from the start, so the progress bar and the ETA are
 * about the work that is really left. */
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
            batch_format_error(msg, sizeof msg, &err, j->input);
            j->state = ST_FAILED;
            j->exit_code = EXIT_NOINPUT;
            j->error = strdup(msg);
            continue;
        }
        char *meta = batch_path(s, j->name, "meta.json");
        if (!s->force && meta && crier_episode_check(meta, j->key, &j->seconds, NULL) == CRIER_OK)
            j->state = ST_SKIPPED;
        free(meta);
    }
    *njobs = n;
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
        char *audio = NULL, *meta = NULL, *vtt = NULL, *chap = NULL;
        crier_report_item it = {j->input, j->name, STATE[j->state], {NULL}, j->seconds,
                                j->elapsed, j->error};
        if (j->state == ST_DONE || j->state == ST_SKIPPED) {
            audio = batch_path(s, j->name, s->ext);
            meta = batch_path(s, j->name, "meta.json");
            vtt = s->captions ? batch_path(s, j->name, "vtt") : NULL;
            chap = s->chapters ? batch_path(s, j->name, "chapters.json") : NULL;
            const char **o = it.outputs;
            *o++ = audio;
            if (vtt)
                *o++ = vtt;
            if (chap)
                *o++ = chap;
            *o = meta;
        }
        st = crier_report_add(r, &it, &err);
        free(audio);
        free(meta);
        free(vtt);
        free(chap);
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
    batch_fmt_clock(took, sizeof took, batch_now() - t0);
    fprintf(stderr, "%s: batch: %zu done, %zu up to date, %zu failed; %.2f h of audio in %s "
            "(-j %d)\n", cli_prog, count[ST_DONE], count[ST_SKIPPED], count[ST_FAILED],
            audio / 3600, took, s->jobs);
    if (batch_stop)
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

/* A report that cannot be written is found before the articles are made
 * (an edition can take hours), not after. */
static int report_blocked(const char *path)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        strcpy(dir, ".");
    else
        slash[slash == dir] = '\0'; /* "/r.json" is in "/" */
    struct stat st;
    int e = 0;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        e = EISDIR;
    else if (stat(dir, &st) < 0)
        e = errno;
    else if (!S_ISDIR(st.st_mode))
        e = ENOTDIR;
    else if (access(dir, W_OK | X_OK) < 0)
        e = errno;
    if (e)
        cli_error("%s: cannot write: %s", path, strerror(e));
    return e != 0;
}

/* The order matters for resuming: plan and check everything first, remove
 * what an earlier killed run left behind (only for this shard's to-do
 * articles), then run, then report. */
int cmd_batch(int argc, char **argv)
{
    settings s = {0};
    crier_parse_options_init(&s.popts);
    crier_speak_options_init(&s.sopts);
    s.ext = "mp3";
    s.shard = s.nshards = 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    s.jobs = cores > 0 ? (int)cores : 1;
    cli_data data = {0};
    int rc = parse_options(argc, argv, &s, &data);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    double t0 = batch_now();
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
    if (!s.dry_run && s.report && report_blocked(s.report)) {
        rc = EXIT_CANTCREAT;
        goto done;
    }
    prepare_jobs(&s, b, jobs, &njobs);
    if (s.dry_run) {
        print_plan(&s, jobs, njobs);
        goto done;
    }
    batch_clean_temps(&s, jobs, njobs);
    batch_run(&s, jobs, njobs, t0);
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

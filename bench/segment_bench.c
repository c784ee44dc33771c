/* segment_bench.c -- how fast the segmenter is, and how much of that is
 * the HTML parser.
 *
 * usage: segment_bench LEXICON_DIR [-r REPS] PATH...
 *
 * Each PATH is a page file, or a directory searched two levels deep for
 * pages: DIR/NAME/source.html (the extraction benchmark's layout) or any
 * .html file, and the text dumps beside them (text*.txt). For every page
 * the bench times, REPS times each, and keeps the median:
 *
 *   parse   crier_parse() on the cleaned page: the whole segmenter
 *   gumbo   gumbo_parse_with_options() and gumbo_destroy_output() alone,
 *           with the options html.c uses, on the same text
 *
 * and prints the median over pages of each, the share of crier_parse spent
 * inside gumbo, and the cost of segmentation on top of parsing as a ratio
 * to the parse: the target is at most 1 (segmenting costs no more than
 * parsing). Text dumps have no parser to compare with; their median time
 * per page is printed on its own. Timings on a shared machine are noisy:
 * the ratios, measured in the same run, are the result to quote. */
#define _DEFAULT_SOURCE
#include "crier.h"

#include <dirent.h>
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct sample {
    double parse, gumbo;
} sample;

typedef struct series {
    double *v;
    size_t n, cap;
} series;

static void push(series *s, double x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v) {
            perror("segment_bench");
            exit(1);
        }
    }
    s->v[s->n++] = x;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf ? (size_t)n : 0;
    return buf;
}

static const crier_lexicon *lex;
static int reps = 5;
static series html_parse, html_gumbo, html_ratio, text_parse;

/* Times one page, REPS times, and records the medians. */
static void bench_file(const char *path, int html)
{
    size_t raw_len, len;
    char *raw = slurp(path, &raw_len), *text = NULL;
    if (!raw || crier_text_clean(raw, raw_len, path, &text, &len, NULL) != CRIER_OK) {
        free(raw);
        return;
    }
    free(raw);
    crier_parse_options o;
    crier_parse_options_init(&o);
    o.input = html ? CRIER_INPUT_HTML : CRIER_INPUT_TEXT;
    double *p = calloc((size_t)reps, sizeof *p), *g = calloc((size_t)reps, sizeof *g);
    for (int r = 0; p && g && r < reps; r++) {
        double t0 = now();
        crier_doc *doc = NULL;
        crier_parse(text, len, &o, lex, &doc, NULL);
        crier_doc_free(doc);
        double t1 = now();
        p[r] = t1 - t0;
        if (html) {
            GumboOptions go = kGumboDefaultOptions;
            go.max_errors = 0;
            GumboOutput *out = gumbo_parse_with_options(&go, text, len);
            if (out)
                gumbo_destroy_output(&go, out);
            g[r] = now() - t1;
        }
    }
    double mp = median(p, (size_t)reps), mg = median(g, (size_t)reps);
    if (html) {
        push(&html_parse, mp);
        push(&html_gumbo, mg);
        push(&html_ratio, mg > 0 ? (mp - mg) / mg : 0);
    } else {
        push(&text_parse, mp);
    }
    free(p);
    free(g);
    crier_free(text);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void bench_path(const char *path, int depth);

static void bench_dir(const char *dir, int depth)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.') {
            char *p = malloc(strlen(dir) + strlen(names[i]->d_name) + 2);
            if (p) {
                sprintf(p, "%s/%s", dir, names[i]->d_name);
                bench_path(p, depth + 1);
                free(p);
            }
        }
        free(names[i]);
    }
    free(n >= 0 ? names : NULL);
}

static void bench_path(const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        if (depth < 2)
            bench_dir(path, depth);
        return;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (ends_with(base, ".html") || ends_with(base, ".htm"))
        bench_file(path, 1);
    else if (strncmp(base, "text", 4) == 0 && ends_with(base, ".txt"))
        bench_file(path, 0);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s LEXICON_DIR [-r REPS] PATH...\n", argv[0]);
        return 2;
    }
    crier_lexicon *l = NULL;
    crier_error err;
    if (crier_lexicon_load(argv[1], &l, &err) != CRIER_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return 2;
    }
    lex = l;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
            reps = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
        else
            bench_path(argv[i], 0);
    }
    size_t pages = html_parse.n;
    double mp = median(html_parse.v, pages), mg = median(html_gumbo.v, pages);
    double total_p = 0, total_g = 0;
    for (size_t i = 0; i < pages; i++)
        total_p += html_parse.v[i], total_g += html_gumbo.v[i];
    printf("html pages          %zu (median of %d runs each)\n", pages, reps);
    printf("crier_parse         median %.2f ms per page\n", mp * 1e3);
    printf("gumbo alone         median %.2f ms per page\n", mg * 1e3);
    printf("share in gumbo      %.0f%% (of all pages' time)\n",
           total_p > 0 ? 100 * total_g / total_p : 0);
    printf("segmentation/parse  median %.2f, overall %.2f (target: at most 1)\n",
           median(html_ratio.v, html_ratio.n), total_g > 0 ? (total_p - total_g) / total_g : 0);
    printf("text dumps          %zu, median %.2f ms per page\n", text_parse.n,
           median(text_parse.v, text_parse.n) * 1e3);
    crier_lexicon_free(l);
    free(html_parse.v);
    free(html_gumbo.v);
    free(html_ratio.v);
    free(text_parse.v);
    return 0;
}

/* spec_segment.c -- runs tests/spec/segment.txt against crier_parse().
 *
 * The spec file is a list of examples. Each is an input (HTML or a text
 * dump), a line with a single ".", and the segments expected for it, one
 * "kind: text" line each, in listening order:
 *
 *     ## Headlines                    a section heading (shown on failure)
 *     ```` html                       an example: "html" or "text", then
 *     <h1>Title</h1><p>Body.</p>      options: captions=end|inline|skip
 *     .
 *     @title: Title                   optional: the doc's title, byline,
 *     headline: Title                 date or site, checked when given
 *     paragraph: Body.
 *     ````
 *
 * The expected segments are the whole document, in order: a missing or
 * extra segment fails. "@error" alone expects crier_parse() to fail.
 * Lines outside examples are comments. On failure the runner prints the
 * example's line number and both lists.
 *
 * usage: spec_segment LEXICON_DIR SPEC_FILE */
#include "crier.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

typedef struct example {
    long line;            /* where it starts in the spec file */
    char section[256];
    crier_parse_options opts;
    char *input;          /* malloc'd */
    size_t len;
    char *want;           /* expected lines, '\n'-separated, malloc'd */
} example;

static char *append(char *buf, size_t *len, const char *s)
{
    size_t n = strlen(s);
    char *p = realloc(buf, *len + n + 2);
    if (!p) {
        free(buf);
        return NULL;
    }
    memcpy(p + *len, s, n);
    p[*len + n] = '\n';
    *len += n + 1;
    p[*len] = '\0';
    return p;
}

/* What crier made of the example, in the spec's own format. */
static char *describe(const crier_doc *doc)
{
    char *out = NULL;
    size_t len = 0;
    char line[8192];
    const char *meta[][2] = {{"@title", crier_doc_title(doc)},
                             {"@byline", crier_doc_byline(doc)},
                             {"@date", crier_doc_date(doc)},
                             {"@site", crier_doc_site(doc)}};
    for (size_t i = 0; i < sizeof meta / sizeof *meta; i++)
        if (meta[i][1]) {
            snprintf(line, sizeof line, "%s: %s", meta[i][0], meta[i][1]);
            out = append(out, &len, line);
        }
    for (size_t i = 0; i < crier_doc_count(doc); i++) {
        snprintf(line, sizeof line, "%s: %s", crier_kind_name(crier_doc_kind(doc, i)),
                 crier_doc_text(doc, i));
        out = append(out, &len, line);
    }
    return out ? out : calloc(1, 1);
}

/* True when every expected line is in `got`, and every segment line of
 * `got` is expected (metadata lines are checked only when expected). */
static int matches(const char *want, const char *got)
{
    char *w = strdup(want), *g = strdup(got);
    int ok = w && g;
    /* Metadata: each expected "@" line must appear in got. */
    for (char *p = w; ok && *p;) {
        char *eol = strchr(p, '\n');
        *eol = '\0';
        if (*p == '@') {
            size_t n = strlen(p);
            const char *q = g;
            int found = 0;
            while (!found && (q = strstr(q, p)) != NULL) {
                found = (q == g || q[-1] == '\n') && q[n] == '\n';
                q++;
            }
            ok = found;
        }
        *eol = '\n';
        p = eol + 1;
    }
    /* Segments: the non-"@" lines, in order, exactly. */
    char *a = w, *b = g;
    while (ok) {
        while (*a == '@')
            a = strchr(a, '\n') + 1;
        while (*b == '@')
            b = strchr(b, '\n') + 1;
        if (!*a || !*b) {
            ok = !*a && !*b;
            break;
        }
        char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        ok = ea - a == eb - b && memcmp(a, b, (size_t)(ea - a)) == 0;
        a = ea + 1;
        b = eb + 1;
    }
    free(w);
    free(g);
    return ok;
}

static void run(const crier_lexicon *lex, const char *spec, const example *ex)
{
    crier_doc *doc = NULL;
    crier_error err = {0};
    crier_status st = crier_parse(ex->input, ex->len, &ex->opts, lex, &doc, &err);
    if (st != CRIER_OK) {
        OK(strcmp(ex->want, "@error\n") == 0, "%s:%ld [%s]: %s", spec, ex->line, ex->section,
           err.msg);
        return;
    }
    char *got = describe(doc);
    OK(got && matches(ex->want, got), "%s:%ld [%s]\n--- want:\n%s--- got:\n%s", spec, ex->line,
       ex->section, ex->want, got ? got : "(out of memory)\n");
    free(got);
    crier_doc_free(doc);
}

static void options(const char *s, example *ex)
{
    crier_parse_options_init(&ex->opts);
    ex->opts.input = strstr(s, "html") ? CRIER_INPUT_HTML : CRIER_INPUT_TEXT;
    if (strstr(s, "captions=inline"))
        ex->opts.captions = CRIER_CAPTIONS_INLINE;
    else if (strstr(s, "captions=skip"))
        ex->opts.captions = CRIER_CAPTIONS_SKIP;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s LEXICON_DIR SPEC_FILE\n", argv[0]);
        return 2;
    }
    crier_lexicon *lex = harness_lexicon(argv[1]);
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    static char line[1 << 16];
    example ex = {0};
    enum { OUTSIDE, INPUT, EXPECTED } state = OUTSIDE;
    long lineno = 0;
    size_t want_len = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (state == OUTSIDE && !strncmp(line, "## ", 3)) {
            snprintf(ex.section, sizeof ex.section, "%s", line + 3);
        } else if (state == OUTSIDE && !strncmp(line, "````", 4)) {
            options(line + 4, &ex);
            ex.line = lineno;
            ex.input = ex.want = NULL;
            ex.len = 0;
            state = INPUT;
        } else if (state == INPUT && !strcmp(line, ".")) {
            state = EXPECTED;
            want_len = 0;
            ex.want = calloc(1, 1);
        } else if (state == INPUT) {
            ex.input = append(ex.input, &ex.len, line);
        } else if (state == EXPECTED && !strcmp(line, "````")) {
            if (ex.input && ex.want)
                run(lex, argv[2], &ex);
            free(ex.input);
            free(ex.want);
            state = OUTSIDE;
        } else if (state == EXPECTED) {
            ex.want = append(ex.want, &want_len, line);
        }
    }
    fclose(f);
    OK(state == OUTSIDE, "%s: unterminated example at line %ld", argv[2], ex.line);
    crier_lexicon_free(lex);
    return harness_done();
}

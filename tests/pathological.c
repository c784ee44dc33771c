/* pathological.c -- worst-case inputs for the segmenter: they must finish,
 * in bounded memory, without crashing.
 *
 *   nested-divs     100,000 nested <div>s
 *   one-line-html   a 10 MB page on a single line
 *   one-line-text   a 10 MB text dump on a single line
 *   unclosed        100,000 unclosed formatting, list and table tags
 *   entities        a megabyte of character references, good and bad
 *   attributes      one tag with 100,000 attributes
 *   binary          a megabyte of random bytes passed as HTML
 *   short-lines     a text dump of 500,000 one-word lines
 *   picture-lines   a text dump of 400,000 lines of pictures, captions
 *                   signed with names in brackets, writers' names after
 *                   labels and player dialogs that never close
 *   date-lines      a text dump of 400,000 lines of teasers cut short,
 *                   headers printed as fields, date lines in parts with
 *                   reading times, and w3m's glued alt texts
 *
 * Each case runs in a child process, so that a crash is reported as this
 * case failing and its peak memory can be read from wait4(). The child
 * gets an alarm (a hang is a failure); time is printed for information,
 * not asserted (bench/ measures speed). Peak memory must stay under a
 * bound proportional to the input, except under the sanitizers, which
 * have overheads of their own.
 *
 * usage: pathological LEXICON_DIR */
#define _DEFAULT_SOURCE /* wait4() */
#include "crier.h"
#include "harness.h"

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

enum { ALARM_SECONDS = 120 };

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap)
            b->cap = b->cap ? b->cap * 2 : 4096;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void put_s(buf *b, const char *s) { put(b, s, strlen(s)); }

static void puts_n(buf *b, const char *s, size_t times)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < times; i++)
        put(b, s, n);
}

/* ==== The inputs ========================================================== */

static buf nested_divs(void)
{
    buf b = {0};
    puts_n(&b, "<div>", 100000);
    put_s(&b, "<p>At the very bottom of it all, a paragraph of text.</p>");
    return b;
}

static buf one_line(int html)
{
    buf b = {0};
    if (html)
        put_s(&b, "<html><body><p>");
    while (b.n < 10u * 1000 * 1000)
        put_s(&b, "a long line of words, with commas, never ending. ");
    if (html)
        put_s(&b, "</p></body></html>");
    return b;
}

static buf unclosed(void)
{
    buf b = {0};
    for (int i = 0; i < 12500; i++)
        put_s(&b, "<b><i><p>text<li>item<table><tr><td>cell<a href=x>");
    return b;
}

static buf entities(void)
{
    buf b = {0};
    put_s(&b, "<p>");
    while (b.n < 1000 * 1000)
        put_s(&b, "&amp;&lt;&#x41;&#233;&eacute;&nbsp;&bogus;&#xFFFFFF;&#0;&");
    return b;
}

static buf attributes(void)
{
    buf b = {0};
    char a[32];
    put_s(&b, "<p");
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(a, sizeof a, " a%d=\"%d\"", i, i);
        put(&b, a, (size_t)n);
    }
    put_s(&b, ">text</p>");
    return b;
}

static buf binary(void)
{
    buf b = {0};
    uint32_t x = 2463534242u; /* xorshift: the same bytes every run */
    char c[1];
    for (int i = 0; i < 1000 * 1000; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c[0] = (char)(x & 0xFF);
        put(&b, c, 1);
    }
    return b;
}

static buf short_lines(void)
{
    buf b = {0};
    puts_n(&b, "Home\n", 500000);
    return b;
}

/* ==== Running a case ====================================================== */

/* The child's work: clean (when asked) and parse. Exit status 0 when the
 * library returned a status, any status: failing cleanly is fine. */
/* Lines that the caption, credit and byline rules look at twice: names
 * in brackets that differ from line to line (each compared with its
 * neighbours), pictures' tags, names after labels, dialogs left open. */
static buf picture_lines(void)
{
    buf b = {0};
    char line[128];
    for (unsigned i = 0; i < 50000; i++) {
        snprintf(line, sizeof line, "Moss on the stones number %u (Jo Lee%c%c)\n", i, 'a' + i % 26,
                 'a' + i / 26 % 26);
        put_s(&b, line);
        put_s(&b, "[moss.png]\nA short caption\n\n");
        put_s(&b, "Garden Notes [0] Ada Whitlock\nGarden Notes Ada Whitlock Ada Whitlock\n");
        put_s(&b, "This is a modal window.\njlee/Moodboard/Getty Images\n");
    }
    return b;
}

/* Lines that the headline's cut teasers, the header's fields and the
 * date line's parts look at: each cut title is compared with every line
 * (they are bounded), fields and parts are split on every separator. */
static buf date_lines(void)
{
    buf b = {0};
    char line[160];
    put_s(&b, "Ferry timetable changes for the winter\n\n");
    for (unsigned i = 0; i < 50000; i++) {
        snprintf(line, sizeof line, "Island council approves ramp number %u for the winter ferry\n", i);
        put_s(&b, line);
        snprintf(line, sizeof line, "Island council approves ramp number %u for the...\n\n", i);
        put_s(&b, line);
        put_s(&b, "2023-11-02 08:15来源：海岛日报作者：责任编辑：作者：责任编辑：李明\n");
        put_s(&b, "Jo Lee | Published on 5 March 2023 | 4 min read | 5 min read | 6 min\n");
        put_s(&b, "Posted by Jo Lee on at on Updated Last updated 3:42 PM\non Mar 2714 min\n");
        put_s(&b, "The old ferry.The old ferry.\n\n\nThe old ferry at the quay in the rain.\n\n");
    }
    return b;
}

static int parse_case(const char *lexdir, const buf *in, crier_input kind, int clean)
{
    crier_lexicon *lex = NULL;
    if (crier_lexicon_load(lexdir, &lex, NULL) != CRIER_OK)
        return 3;
    char *text = in->p;
    size_t len = in->n;
    if (clean && crier_text_clean(in->p, in->n, "case", &text, &len, NULL) != CRIER_OK) {
        crier_lexicon_free(lex);
        return 0; /* rejected as not text: a clean failure */
    }
    crier_parse_options o;
    crier_parse_options_init(&o);
    o.input = kind;
    crier_doc *doc = NULL;
    if (crier_parse(text, len, &o, lex, &doc, NULL) == CRIER_OK)
        crier_free(crier_doc_render(doc, CRIER_RENDER_JSON));
    crier_doc_free(doc);
    if (text != in->p)
        crier_free(text);
    crier_lexicon_free(lex);
    return 0;
}

static void run_case(const char *lexdir, const char *name, buf in, crier_input kind, int clean)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(ALARM_SECONDS);
        _exit(parse_case(lexdir, &in, kind, clean));
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    OK(pid > 0 && wait4(pid, &status, 0, &ru) == pid, "%s: fork/wait", name);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    long mb = ru.ru_maxrss / 1024;
    printf("%-14s %9zu bytes  %6.2f s  %5ld MB peak\n", name, in.n, secs, mb);
    OK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: the parse %s (status %d)", name,
       WIFSIGNALED(status) ? "crashed or hung" : "failed", status);
    /* The page, gumbo's tree of it and ours: a few dozen bytes per input
     * byte at most, plus the lexicon and the program. */
    long bound = 64 + (long)(in.n * 48 / (1024 * 1024));
    if (!SANITIZED)
        OK(mb <= bound, "%s: %ld MB peak, more than %ld MB", name, mb, bound);
    free(in.p);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s LEXICON_DIR\n", argv[0]);
        return 2;
    }
    const char *lex = argv[1];
    run_case(lex, "nested-divs", nested_divs(), CRIER_INPUT_HTML, 1);
    run_case(lex, "one-line-html", one_line(1), CRIER_INPUT_HTML, 1);
    run_case(lex, "one-line-text", one_line(0), CRIER_INPUT_TEXT, 1);
    run_case(lex, "unclosed", unclosed(), CRIER_INPUT_HTML, 1);
    run_case(lex, "entities", entities(), CRIER_INPUT_HTML, 1);
    run_case(lex, "attributes", attributes(), CRIER_INPUT_HTML, 1);
    run_case(lex, "binary-raw", binary(), CRIER_INPUT_HTML, 0);
    run_case(lex, "binary-clean", binary(), CRIER_INPUT_HTML, 1);
    run_case(lex, "short-lines", short_lines(), CRIER_INPUT_TEXT, 1);
    run_case(lex, "picture-lines", picture_lines(), CRIER_INPUT_TEXT, 1);
    run_case(lex, "date-lines", date_lines(), CRIER_INPUT_TEXT, 1);
    return harness_done();
}

/* test_api.c -- the library through its public header: input cleaning,
 * lexicon loading and errors, parsing, normalization and its span map.
 *
 * usage: test_api LEXICON_DIR SAMPLE_ARTICLE */
#include "crier.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static const char *lexdir;

static void test_clean(void)
{
    char *out = NULL;
    size_t n = 0;
    crier_error err = {0};
    /* BOM dropped, CRLF unified, decomposed e + acute composed to NFC. */
    const char in[] = "\xEF\xBB\xBF" "Caf" "e\xCC\x81\r\nx\ry";
    INT_EQ(crier_text_clean(in, sizeof in - 1, "t", &out, &n, &err), CRIER_OK, "clean");
    STR_EQ(out, "Caf\xC3\xA9\nx\ny", "NFC and newlines");
    crier_free(out);
    /* Invalid UTF-8 is reported with its byte offset and line. */
    const char bad[] = "ok\nline two \xC3\x28 here";
    out = NULL;
    INT_EQ(crier_text_clean(bad, sizeof bad - 1, "bad.txt", &out, &n, &err), CRIER_ERR_UTF8,
           "invalid UTF-8");
    INT_EQ(err.offset, 12, "byte offset of the bad sequence");
    INT_EQ(err.line, 2, "line of the bad sequence");
    STR_EQ(err.file, "bad.txt", "file named");
    OK(out == NULL, "no output on failure");
    const char nul[] = "a\0b";
    INT_EQ(crier_text_clean(nul, 3, "n", &out, &n, &err), CRIER_ERR_UTF8, "NUL byte rejected");
}

static void test_lexicon_errors(void)
{
    crier_lexicon *lex = NULL;
    crier_error err = {0};
    INT_EQ(crier_lexicon_load("/nonexistent", &lex, &err), CRIER_ERR_LEXICON, "missing dir");
    OK(lex == NULL, "no lexicon on failure");
    INT_EQ(crier_lexicon_load(lexdir, &lex, &err), CRIER_OK, "load shipped lexicon");
    char path[] = "/tmp/crier-test-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("# table: acronyms\n# columns: form\thow\nABC\tword\nXYZ\n", f);
    fclose(f);
    INT_EQ(crier_lexicon_add_file(lex, path, &err), CRIER_ERR_LEXICON, "malformed row");
    INT_EQ(err.line, 4, "error line");
    STR_EQ(err.file, path, "error file");
    f = fopen(path, "w");
    fputs("# table: acronyms\nKFOR\tspell\n", f);
    fclose(f);
    INT_EQ(crier_lexicon_add_file(lex, path, &err), CRIER_OK, "override");
    crier_spoken *sp = NULL;
    crier_normalize(lex, "KFOR", 4, 0, &sp, &err);
    STR_EQ(sp->text, "K F O R", "override applies");
    crier_spoken_free(sp);
    remove(path);
    crier_lexicon_free(lex);
    crier_lexicon_free(NULL);
}

static void test_spans(const crier_lexicon *lex)
{
    const char *src = "On Sep 1, 2022 the UN met.";
    crier_spoken *sp = NULL;
    crier_error err = {0};
    INT_EQ(crier_normalize(lex, src, strlen(src), 0, &sp, &err), CRIER_OK, "normalize");
    STR_EQ(sp->text, "On September first, twenty twenty-two the U N met.", "spoken");
    /* Every span lies inside both texts, and in output order. */
    size_t last = 0;
    int inside = 1, ordered = 1;
    for (size_t i = 0; i < sp->nspans; i++) {
        crier_span s = sp->spans[i];
        inside &= s.out_off + s.out_len <= sp->len && s.src_off + s.src_len <= strlen(src);
        ordered &= s.out_off >= last;
        last = s.out_off;
    }
    OK(inside && ordered, "spans inside and ordered");
    /* "twenty-two" maps back to "2022". */
    int found = 0;
    for (size_t i = 0; i < sp->nspans; i++) {
        crier_span s = sp->spans[i];
        if (!strncmp(sp->text + s.out_off, "twenty-two", 10))
            found = s.src_len == 4 && !strncmp(src + s.src_off, "2022", 4);
    }
    OK(found, "year word maps to its source");
    crier_spoken_free(sp);
}

static void test_parse(const crier_lexicon *lex, const char *sample)
{
    FILE *f = fopen(sample, "rb");
    OK(f != NULL, "open sample %s", sample);
    if (!f)
        return;
    char *buf = malloc(1 << 20);
    size_t n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    char *text;
    size_t len;
    crier_error err = {0};
    crier_text_clean(buf, n, sample, &text, &len, &err);
    free(buf);
    crier_doc *doc = NULL;
    INT_EQ(crier_parse(text, len, NULL, lex, &doc, &err), CRIER_OK, "parse sample");
    STR_EQ(crier_doc_title(doc), "NATO ready to send more troops to Kosovo in case of fresh unrest",
           "title");
    INT_EQ(crier_doc_kind(doc, 0), CRIER_KIND_HEADLINE, "headline first");
    size_t headlines = 0, captions = 0, last_body = 0, first_caption = 0;
    for (size_t i = 0; i < crier_doc_count(doc); i++) {
        crier_kind k = crier_doc_kind(doc, i);
        headlines += k == CRIER_KIND_HEADLINE;
        if (k == CRIER_KIND_CAPTION && !captions++)
            first_caption = i;
        if (k == CRIER_KIND_PARAGRAPH)
            last_body = i;
        OK(!strstr(crier_doc_text(doc, i), "Skip to main content"), "no boilerplate");
        OK(!strstr(crier_doc_text(doc, i), "Also worth reading"), "no related-links line");
    }
    INT_EQ(headlines, 1, "headline spoken once");
    INT_EQ(captions, 1, "one caption");
    OK(first_caption > last_body, "caption after the body");
    crier_doc_free(doc);
    /* Captions skipped by policy. */
    crier_parse_options po;
    crier_parse_options_init(&po);
    po.captions = CRIER_CAPTIONS_SKIP;
    INT_EQ(crier_parse(text, len, &po, lex, &doc, &err), CRIER_OK, "parse, skip captions");
    for (size_t i = 0; i < crier_doc_count(doc); i++)
        OK(crier_doc_kind(doc, i) != CRIER_KIND_CAPTION, "no caption when skipped");
    crier_doc_free(doc);
    /* Nothing but furniture is an error, not an empty recording. */
    const char *junk = "Skip to main content\nHamburger Menu\n";
    doc = NULL;
    INT_EQ(crier_parse(junk, strlen(junk), NULL, lex, &doc, &err), CRIER_ERR_EMPTY, "empty");
    OK(doc == NULL, "no doc when empty");
    crier_free(text);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s LEXICON_DIR SAMPLE\n", argv[0]);
        return 2;
    }
    lexdir = argv[1];
    crier_lexicon *lex = NULL;
    crier_error err = {0};
    if (crier_lexicon_load(lexdir, &lex, &err) != CRIER_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return 2;
    }
    STR_EQ(crier_status_str(CRIER_ERR_UTF8), "invalid UTF-8", "status text");
    OK(crier_version()[0] != '\0', "version");
    test_clean();
    test_lexicon_errors();
    test_spans(lex);
    test_parse(lex, argv[2]);
    crier_lexicon_free(lex);
    return harness_done();
}

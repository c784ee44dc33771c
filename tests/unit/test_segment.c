/* test_segment.c -- the segmenter through its public calls: input-kind
 * sniffing, metadata getters, listening order on the sample, caption
 * policy, determinism, legacy charsets, and errors. The segment-by-segment
 * behaviour is specified in tests/spec/segment.txt.
 *
 * usage: test_segment LEXICON_DIR SAMPLE_ARTICLE */
#include "crier.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static const crier_lexicon *lex;

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static crier_doc *parse(const char *s, crier_input kind, crier_captions captions)
{
    crier_parse_options o;
    crier_parse_options_init(&o);
    o.input = kind;
    o.captions = captions;
    crier_doc *doc = NULL;
    crier_error err = {0};
    crier_status st = crier_parse(s, strlen(s), &o, lex, &doc, &err);
    return st == CRIER_OK ? doc : NULL;
}

/* The index of the first segment of `kind`, or -1. */
static long find(const crier_doc *doc, crier_kind kind)
{
    for (size_t i = 0; i < crier_doc_count(doc); i++)
        if (crier_doc_kind(doc, i) == kind)
            return (long)i;
    return -1;
}

static const char PAGE[] =
    "<!doctype html><html lang=\"en-GB\"><head><title>Harbour bridge reopens after repairs | "
    "The Daily</title>"
    "<meta property=\"og:site_name\" content=\"The Daily\">"
    "<meta name=\"description\" content=\"A quarter of a million people a day can go back to their "
    "old way to work, and the ferries to their old timetable.\">"
    "<meta property=\"article:published_time\" content=\"2023-05-04T09:30:00Z\">"
    "</head><body><article><h1>Harbour bridge reopens after repairs</h1>"
    "<figure><img src=a.jpg><figcaption>The bridge on Thursday morning.</figcaption></figure>"
    "<p>The harbour bridge reopened to traffic on Thursday morning, three months after "
    "engineers closed it to replace corroded cables, and commuters cheered.</p>"
    "<p>The council said the repairs cost less than planned, and that no major work would be "
    "needed on the bridge for another twenty years, barring accidents.</p>"
    "</article></body></html>";

static void test_metadata(void)
{
    crier_doc *doc = parse(PAGE, CRIER_INPUT_AUTO, CRIER_CAPTIONS_END);
    OK(doc != NULL, "page parses");
    if (!doc)
        return;
    STR_EQ(crier_doc_title(doc), "Harbour bridge reopens after repairs",
           "title without the site name");
    STR_EQ(crier_doc_date(doc), "2023-05-04", "date from article:published_time");
    STR_EQ(crier_doc_site(doc), "The Daily", "site from og:site_name");
    STR_EQ(crier_doc_language(doc), "en-GB", "language from <html lang>");
    OK(crier_doc_description(doc) && strstr(crier_doc_description(doc), "quarter"),
       "description");
    OK(crier_doc_byline(doc) == NULL, "no byline on the page");
    INT_EQ(crier_doc_kind(doc, 0), CRIER_KIND_HEADLINE, "headline first");
    INT_EQ(crier_doc_kind(doc, 1), CRIER_KIND_STANDFIRST, "then the standfirst");
    INT_EQ(crier_doc_kind(doc, 2), CRIER_KIND_DATELINE, "then the date");
    STR_EQ(crier_doc_text(doc, 2), "May 4, 2023", "the date as it is said");
    INT_EQ(crier_doc_kind(doc, crier_doc_count(doc) - 1), CRIER_KIND_CAPTION,
           "captions at the end by default");
    char *text = crier_doc_render(doc, CRIER_RENDER_TEXT);
    OK(text && strstr(text, "# date: 2023-05-04\n") && strstr(text, "# site: The Daily\n"),
       "text dump lists the metadata");
    crier_free(text);
    crier_doc_free(doc);
}

static void test_captions(void)
{
    crier_doc *in = parse(PAGE, CRIER_INPUT_HTML, CRIER_CAPTIONS_INLINE);
    crier_doc *skip = parse(PAGE, CRIER_INPUT_HTML, CRIER_CAPTIONS_SKIP);
    OK(in && skip, "both policies parse");
    if (in && skip) {
        long cap = find(in, CRIER_KIND_CAPTION), para = find(in, CRIER_KIND_PARAGRAPH);
        OK(cap >= 0 && cap < para, "inline: the caption stands before the paragraph after it");
        INT_EQ(find(skip, CRIER_KIND_CAPTION), -1, "skip: no caption");
        INT_EQ(crier_doc_count(skip) + 1, crier_doc_count(in), "skip drops only the caption");
    }
    crier_doc_free(in);
    crier_doc_free(skip);
}

static void test_sample(const char *path)
{
    size_t len = 0, n = 0;
    char *raw = read_all(path, &len), *text = NULL;
    OK(raw && crier_text_clean(raw, len, path, &text, &n, NULL) == CRIER_OK, "sample cleans");
    free(raw);
    if (!text)
        return;
    crier_doc *doc = NULL;
    INT_EQ(crier_parse(text, n, NULL, lex, &doc, NULL), CRIER_OK, "NULL options are defaults");
    if (doc) {
        STR_EQ(crier_doc_title(doc), "NATO ready to send more troops to Kosovo in case of fresh unrest",
               "sample headline");
        long last_para = -1;
        int headlines = 0, furniture = 0;
        for (size_t i = 0; i < crier_doc_count(doc); i++) {
            const char *s = crier_doc_text(doc, i);
            headlines += crier_doc_kind(doc, i) == CRIER_KIND_HEADLINE;
            furniture += strstr(s, "Also worth reading") || strstr(s, "Hamburger") ||
                         strstr(s, "Skip to main");
            if (crier_doc_kind(doc, i) == CRIER_KIND_PARAGRAPH)
                last_para = (long)i;
        }
        INT_EQ(headlines, 1, "the repeated headline is said once");
        INT_EQ(furniture, 0, "no page furniture");
        OK(find(doc, CRIER_KIND_DATELINE) == 1, "dateline right after the headline");
        OK(find(doc, CRIER_KIND_CAPTION) > last_para, "caption after the body");
        INT_EQ(crier_doc_kind(doc, crier_doc_count(doc) - 1), CRIER_KIND_CREDIT, "credits last");
        /* Determinism: the same input gives the same bytes. */
        crier_doc *again = NULL;
        crier_parse(text, n, NULL, lex, &again, NULL);
        char *a = crier_doc_render(doc, CRIER_RENDER_JSON);
        char *b = again ? crier_doc_render(again, CRIER_RENDER_JSON) : NULL;
        OK(a && b && strcmp(a, b) == 0, "same input, same JSON");
        crier_free(a);
        crier_free(b);
        crier_doc_free(again);
    }
    crier_doc_free(doc);
    crier_free(text);
}

static void test_sniffing(void)
{
    /* A text dump that starts with a stray tag is still a text dump. */
    const char *dump = "<img src=\"x.gif\" height=\"1\">\nBridge reopens after repairs\n\n"
                       "The harbour bridge reopened to traffic on Thursday morning, three "
                       "months after it was closed for repairs to its cables.\n";
    crier_doc *doc = parse(dump, CRIER_INPUT_AUTO, CRIER_CAPTIONS_END);
    OK(doc && find(doc, CRIER_KIND_HEADLINE) == 0, "stray tag: read as text");
    if (doc)
        STR_EQ(crier_doc_title(doc), "Bridge reopens after repairs", "text dump title");
    crier_doc_free(doc);
}

static void test_charset(void)
{
    /* A windows-1252 page that says so is read as a browser reads it. */
    const char page[] = "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 opens \x96 at "
                        "last</title></head><body><p>The caf\xe9 \x93opens\x94 today, with "
                        "coffee at \x80" "2 and a long queue of people outside.</p></body></html>";
    char *text = NULL;
    size_t n = 0;
    crier_error err = {0};
    INT_EQ(crier_text_clean(page, sizeof page - 1, "w.html", &text, &n, &err), CRIER_OK,
           "declared windows-1252 is transcoded");
    OK(text && strstr(text, "Caf\xc3\xa9 opens \xe2\x80\x93") &&
           strstr(text, "\xe2\x80\x9copens\xe2\x80\x9d") && strstr(text, "\xe2\x82\xac" "2"),
       "windows-1252 bytes become their characters");
    crier_free(text);
    /* Undeclared, it is still an error. */
    const char bare[] = "<html><body><p>caf\xe9</p></body></html>";
    text = NULL;
    INT_EQ(crier_text_clean(bare, sizeof bare - 1, "b.html", &text, &n, &err), CRIER_ERR_UTF8,
           "undeclared Latin-1 is invalid UTF-8");
    INT_EQ(err.offset, 18, "offset of the bad byte");
    OK(text == NULL, "nothing on failure");
}

static void test_errors(void)
{
    crier_doc *doc = NULL;
    crier_error err = {0};
    INT_EQ(crier_parse(NULL, 0, NULL, lex, &doc, &err), CRIER_ERR_ARG, "NULL text");
    INT_EQ(crier_parse("x", 1, NULL, NULL, &doc, &err), CRIER_ERR_ARG, "NULL lexicon");
    const char *furniture = "Skip to main content\nMenu\nAdvertisement\n";
    INT_EQ(crier_parse(furniture, strlen(furniture), NULL, lex, &doc, &err), CRIER_ERR_EMPTY,
           "only furniture");
    OK(strstr(err.msg, "no article text") != NULL, "message says why");
    OK(doc == NULL, "no document on failure");
    INT_EQ(crier_parse("", 0, NULL, lex, &doc, &err), CRIER_ERR_EMPTY, "empty input");
    crier_doc_free(NULL);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s LEXICON_DIR SAMPLE\n", argv[0]);
        return 2;
    }
    crier_lexicon *l = NULL;
    crier_error err = {0};
    if (crier_lexicon_load(argv[1], &l, &err) != CRIER_OK) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return 2;
    }
    lex = l;
    test_metadata();
    test_captions();
    test_sample(argv[2]);
    test_sniffing();
    test_charset();
    test_errors();
    crier_lexicon_free(l);
    return harness_done();
}

/* test_batch.c -- the batch job model, episode records, feeds in and
 * bulletin lines, through crier.h only.
 *
 * usage: test_batch LEXICON-DIR SCRATCH-DIR */
#include "crier.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *scratch;

static void put(const char *name, const char *text)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", scratch, name);
    FILE *f = fopen(p, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static char *path(const char *name)
{
    static char p[8][1024];
    static int k;
    k = (k + 1) % 8;
    snprintf(p[k], sizeof p[k], "%s/%s", scratch, name);
    return p[k];
}

static void test_names_and_shards(void)
{
    crier_batch *b = crier_batch_new();
    const char *list = "a.txt\nx/a.html\n# comment\n\n  Été déjà vu!.txt  \nb.txt\nb.txt\n";
    OK(crier_batch_add_manifest(b, list, strlen(list), "/nowhere", "list", NULL) == CRIER_OK,
       "manifest");
    OK(crier_batch_plan(b, NULL) == CRIER_OK, "plan");
    INT_EQ(crier_batch_count(b), 5, "articles in the manifest");
    STR_EQ(crier_batch_input(b, 0), "/nowhere/a.txt", "relative paths from the base");
    STR_EQ(crier_batch_name(b, 0), "a-txt", "an ambiguous stem takes its extension");
    STR_EQ(crier_batch_name(b, 1), "a-html", "the other one too");
    STR_EQ(crier_batch_name(b, 2), "t-d-j-vu", "ASCII names");
    STR_EQ(crier_batch_name(b, 3), "b-txt", "same path twice: first");
    STR_EQ(crier_batch_name(b, 4), "b-txt-2", "same path twice: numbered");
    unsigned before[5];
    for (size_t i = 0; i < 5; i++) {
        before[i] = crier_batch_shard_of(b, i, 3);
        OK(before[i] >= 1 && before[i] <= 3, "shard in range");
    }
    /* Adding an article moves no other article to another shard. */
    const char *more = "zzz.txt\n";
    crier_batch_add_manifest(b, more, strlen(more), NULL, "more", NULL);
    crier_batch_plan(b, NULL);
    for (size_t i = 0; i < 5; i++)
        INT_EQ(crier_batch_shard_of(b, i, 3), before[i], "stable shard");
    crier_batch_free(b);
    crier_batch_free(NULL);

    crier_error err = {0};
    b = crier_batch_new();
    OK(crier_batch_add(b, "@/no/such/list", &err) == CRIER_ERR_IO, "missing manifest");
    const char *loop = "@loop.list\n";
    put("loop.list", loop);
    OK(crier_batch_add(b, path("loop.list") - 0, &err) == CRIER_OK, "a .list file is an article");
    char at[1100];
    snprintf(at, sizeof at, "@%s", path("loop.list"));
    OK(crier_batch_add(b, at, &err) == CRIER_ERR_ARG, "a manifest naming itself stops");
    crier_batch_free(b);
}

static void test_keys_and_records(void)
{
    char k1[65], k2[65], k3[65];
    put("art.txt", "Headline\n\nBody text.\n");
    OK(crier_batch_key(path("art.txt"), "rate 170", 8, k1, NULL) == CRIER_OK, "key");
    crier_batch_key(path("art.txt"), "rate 171", 8, k2, NULL);
    OK(strlen(k1) == 64 && strcmp(k1, k2) != 0, "the settings change the key");
    put("art.txt", "Headline\n\nBody text!\n");
    crier_batch_key(path("art.txt"), "rate 170", 8, k3, NULL);
    OK(strcmp(k1, k3) != 0, "the content changes the key");
    OK(crier_batch_key(path("none.txt"), "", 0, k3, NULL) == CRIER_ERR_IO, "missing input");

    put("ep.wav", "pretend audio");
    crier_episode ep = {k1, "art.txt", "Héadline", "By Someone", "2022-09-20", "Body text.",
                        12.5, {path("ep.wav"), NULL}};
    crier_error err = {0};
    OK(crier_episode_write(path("ep.meta.json"), &ep, &err) == CRIER_OK, "record written");
    double sec = 0;
    OK(crier_episode_check(path("ep.meta.json"), k1, &sec, &err) == CRIER_OK, "record fresh");
    OK(sec == 12.5, "duration back");
    OK(crier_episode_check(path("ep.meta.json"), k2, NULL, &err) == CRIER_ERR_EMPTY,
       "another key is stale");
    put("ep.wav", "pretend audiO");
    OK(crier_episode_check(path("ep.meta.json"), k1, NULL, &err) == CRIER_ERR_EMPTY,
       "same size, other bytes: stale");
    OK(strstr(err.msg, "content differs") != NULL, "says why");
    unlink(path("ep.wav"));
    OK(crier_episode_check(path("ep.meta.json"), k1, NULL, &err) == CRIER_ERR_EMPTY,
       "missing output: stale");
    OK(crier_episode_check(path("nothing.json"), k1, NULL, &err) == CRIER_ERR_EMPTY,
       "no record: stale");

    crier_report *r = crier_report_new();
    crier_report_item it = {"a.txt", "a", "failed", {NULL}, 0, 0.5, "a.txt:1: bad"};
    OK(crier_report_add(r, &it, NULL) == CRIER_OK, "report line");
    OK(crier_report_write(r, path("report.json"), NULL) == CRIER_OK, "report written");
    crier_report_free(r);
    crier_report_free(NULL);
}

static const char RSS[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
    "<channel><title>T</title>"
    "<item><title>Older</title><pubDate>Mon, 19 Sep 2022 08:00:00 +0000</pubDate>"
    "<description>&lt;p&gt;Short.&lt;/p&gt;</description></item>"
    "<item><title>Newer &amp; better</title><link>http://x/2</link>"
    "<pubDate>Tue, 20 Sep 2022 10:00:00 +0200</pubDate><description>Short</description>"
    "<content:encoded><![CDATA[<p>Full text &xxe; here.</p>]]></content:encoded></item>"
    "<item><title>Undated</title><description>&xxe;</description></item>"
    "</channel></rss>";

static const char ATOM[] =
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>"
    "<entry><title>One</title><link rel=\"alternate\" href=\"http://a/1\"/>"
    "<updated>2023-01-02T03:04:05+01:00</updated>"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>X</p></div></content>"
    "</entry><entry><title>Two</title><published>2023-01-02T03:00:00Z</published>"
    "<summary>plain</summary></entry></feed>";

static const char RDF[] =
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
    "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
    "<channel><title>C</title></channel>"
    "<item><title>Dated</title><link>http://r/1</link><dc:date>2021-05-06</dc:date>"
    "<description>Some text.</description></item>"
    "<item><title>Plain</title><description>More.</description></item></rdf:RDF>";

static void test_feeds_in(void)
{
    OK(crier_feed_sniff(RSS, strlen(RSS)), "sniff RSS");
    OK(crier_feed_sniff(ATOM, strlen(ATOM)), "sniff Atom");
    OK(!crier_feed_sniff("<html><body>x</body></html>", 27), "HTML is no feed");
    crier_feed_item *it = NULL;
    size_t n = 0;
    crier_error err = {0};
    OK(crier_feed_parse(RSS, strlen(RSS), "rss.xml", &it, &n, &err) == CRIER_OK, "parse RSS");
    INT_EQ(n, 3, "RSS items");
    if (n == 3) {
        STR_EQ(it[0].title, "Newer & better", "newest first");
        STR_EQ(it[0].date, "2022-09-20T08:00:00Z", "RFC 822 to ISO, in UTC");
        OK(it[0].content && strstr(it[0].content, "<p>Full text") && it[0].html,
           "content:encoded wins over description");
        OK(!strstr(it[0].content, "root:"), "no external entity expanded");
        STR_EQ(it[1].title, "Older", "then older");
        STR_EQ(it[2].title, "Undated", "undated last");
        OK(!it[2].content || !strstr(it[2].content, "root:"), "no entity in description");
    }
    crier_feed_items_free(it, n);
    OK(crier_feed_parse(ATOM, strlen(ATOM), "atom.xml", &it, &n, &err) == CRIER_OK, "Atom");
    INT_EQ(n, 2, "Atom entries");
    if (n == 2) {
        STR_EQ(it[0].title, "Two", "03:00Z is after 03:04:05+01:00");
        OK(!it[0].html, "summary is text");
        OK(it[1].html && strstr(it[1].content, "<p>X</p>"), "xhtml content kept as markup");
        STR_EQ(it[1].link, "http://a/1", "alternate link");
    }
    crier_feed_items_free(it, n);
    OK(crier_feed_parse(RDF, strlen(RDF), "rdf.xml", &it, &n, &err) == CRIER_OK, "RSS 1.0");
    INT_EQ(n, 2, "RSS 1.0 items");
    if (n == 2) {
        STR_EQ(it[0].title, "Dated", "RSS 1.0 title");
        STR_EQ(it[0].date, "2021-05-06", "dc:date");
        STR_EQ(it[0].link, "http://r/1", "RSS 1.0 link");
        STR_EQ(it[1].content, "More.", "RSS 1.0 description");
    }
    crier_feed_items_free(it, n);
    OK(crier_feed_parse("<rss><channel/></rss>", 21, "e.xml", &it, &n, &err) == CRIER_ERR_EMPTY,
       "no items");
    OK(crier_feed_parse("<rss><chan", 10, "bad.xml", &it, &n, &err) == CRIER_ERR_EMPTY,
       "malformed");
    OK(strstr(err.msg, "not well-formed") != NULL, "malformed says so");
    crier_feed_items_free(NULL, 0);
}

static void test_lines(const char *lexdir)
{
    crier_lexicon *lex = NULL;
    if (crier_lexicon_load(lexdir, &lex, NULL) != CRIER_OK) {
        OK(0, "lexicon loads");
        return;
    }
    char *s = NULL;
    OK(crier_bulletin_line(lex, "intro", "Crier news", "2022-09-20", 3, &s, NULL) == CRIER_OK,
       "intro");
    OK(s && strstr(s, "Crier news") && strstr(s, "September 20, 2022"), "title and date: %s",
       s ? s : "");
    crier_free(s);
    OK(crier_bulletin_line(lex, "next", NULL, NULL, 0, &s, NULL) == CRIER_OK, "next");
    STR_EQ(s, "Next:", "next line");
    crier_free(s);
    crier_error err = {0};
    OK(crier_bulletin_line(lex, "nosuch", NULL, NULL, 0, &s, &err) == CRIER_ERR_LEXICON,
       "unknown line");
    crier_lexicon_free(lex);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_batch LEXICON-DIR SCRATCH-DIR\n");
        return 2;
    }
    scratch = argv[2];
    mkdir(scratch, 0777);
    test_names_and_shards();
    test_keys_and_records();
    test_feeds_in();
    test_lines(argv[1]);
    return harness_done();
}

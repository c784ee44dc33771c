/* bulletin.c -- the pieces of a bulletin that are not audio: stories from
 * an RSS or Atom feed, and the spoken lines around them.
 *
 * Feeds are untrusted XML. libxml2 reads them with the network off, no
 * external entities or DTDs loaded, and its error reporting off (the
 * library never prints); what survives is a flat list of items with the
 * fullest content each one carries. Dates in feeds come in RFC 822 (RSS)
 * or ISO 8601 (Atom, Dublin Core); both become ISO 8601 here, which is
 * what the rest of crier speaks and sorts.
 *
 * The lines a bulletin speaks ("First:", "Next:", the intro and outro) are
 * language data in lexicon/en/bulletin.tsv with {placeholders}; the date
 * is written out with the lexicon's month names so that the normalizer
 * says it as a newsreader would. */
#define _DEFAULT_SOURCE /* timegm, strcasecmp */
#include "buf.h"
#include "doc.h"
#include "internal.h"
#include "lexicon.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_DC "http://purl.org/dc/elements/1.1/"

/* ==== Reading feeds ====================================================== */

int crier_feed_sniff(const char *buf, size_t len)
{
    /* The first element name after the prolog, comments and doctype. */
    size_t i = 0;
    for (;;) {
        while (i < len && buf[i] != '<')
            i++;
        if (i + 1 >= len)
            return 0;
        if (buf[i + 1] != '?' && buf[i + 1] != '!')
            break;
        i++;
    }
    const char *p = buf + i + 1;
    size_t left = len - i - 1; /* at least 1 */
    if (left > 4 && memcmp(p, "rdf:", 4) == 0) {
        p += 4;
        left -= 4;
    }
    static const char *const ROOTS[] = {"rss", "RDF", "feed"};
    for (size_t k = 0; k < CRIER_ARRAY_LEN(ROOTS); k++) {
        size_t n = strlen(ROOTS[k]);
        if (left > n && !memcmp(p, ROOTS[k], n) &&
            (p[n] == ' ' || p[n] == '>' || p[n] == '\t' || p[n] == '\n' || p[n] == '\r'))
            return 1;
    }
    return 0;
}

/* True when `n` is an element called `name` in namespace `ns` (NULL: no
 * namespace). */
static int is(const xmlNode *n, const char *name, const char *ns)
{
    if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
        return 0;
    const char *href = n->ns ? (const char *)n->ns->href : NULL;
    return ns ? href && !strcmp(href, ns) : !href;
}

static const xmlNode *child(const xmlNode *n, const char *name, const char *ns)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is(c, name, ns))
            return c;
    return NULL;
}

/* The element's text (text and CDATA, concatenated), or NULL. Owned. */
static char *text_of(const xmlNode *n)
{
    if (!n)
        return NULL;
    xmlChar *t = xmlNodeGetContent(n);
    char *s = t ? strdup((const char *)t) : NULL;
    xmlFree(t);
    return s;
}

/* The children of an Atom xhtml content element, serialized. Owned. */
static char *inner_xml(const xmlNode *n)
{
    xmlBufferPtr b = xmlBufferCreate();
    if (!b)
        return NULL;
    for (xmlNode *c = n->children; c; c = c->next)
        xmlNodeDump(b, n->doc, c, 0, 0);
    char *s = strdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    return s;
}

/* An RFC 822 date ("Tue, 20 Sep 2022 10:15:00 +0200") as ISO 8601 UTC.
 * Returns NULL when it is not one. Owned. */
static char *rfc822_to_iso(const char *s)
{
    static const char *const MON[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const char *comma = strchr(s, ',');
    if (comma)
        s = comma + 1;
    int d, y, h = 0, mi = 0, sec = 0;
    char mon[4] = "", zone[8] = "";
    if (sscanf(s, " %d %3s %d %d:%d:%d %7s", &d, mon, &y, &h, &mi, &sec, zone) < 3 &&
        sscanf(s, " %d %3s %d %d:%d %7s", &d, mon, &y, &h, &mi, zone) < 3)
        return NULL;
    int m = -1;
    for (int k = 0; k < 12; k++)
        if (!strcasecmp(mon, MON[k]))
            m = k;
    if (m < 0 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return NULL;
    if (y < 100)
        y += y < 50 ? 2000 : 1900;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    time_t t = timegm(&tm);
    if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 5) {
        int off = ((zone[1] - '0') * 10 + (zone[2] - '0')) * 3600 +
                  ((zone[3] - '0') * 10 + (zone[4] - '0')) * 60;
        t -= zone[0] == '+' ? off : -off;
    }
    struct tm u;
    char *out = malloc(24);
    if (out && gmtime_r(&t, &u))
        strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &u);
    return out;
}

/* Fills an item from an RSS <item>. Its elements are in the item's own
 * namespace: none in RSS 2.0, RSS 1.0's in an rdf:RDF feed. */
static void rss_item(const xmlNode *n, crier_feed_item *it)
{
    const char *ns = n->ns ? (const char *)n->ns->href : NULL;
    it->title = text_of(child(n, "title", ns));
    it->link = text_of(child(n, "link", ns));
    char *pub = text_of(child(n, "pubDate", ns));
    it->date = pub ? rfc822_to_iso(pub) : text_of(child(n, "date", NS_DC));
    free(pub);
    it->content = text_of(child(n, "encoded", NS_CONTENT));
    if (!it->content)
        it->content = text_of(child(n, "description", ns));
    it->html = 1; /* RSS descriptions are entity-encoded HTML */
}

/* Fills an item from an Atom <entry>. */
static void atom_entry(const xmlNode *n, crier_feed_item *it)
{
    it->title = text_of(child(n, "title", NS_ATOM));
    for (const xmlNode *c = n->children; c && !it->link; c = c->next) {
        xmlChar *rel = is(c, "link", NS_ATOM) ? xmlGetProp(c, BAD_CAST "rel") : NULL;
        if (is(c, "link", NS_ATOM) && (!rel || !strcmp((const char *)rel, "alternate"))) {
            xmlChar *href = xmlGetProp(c, BAD_CAST "href");
            it->link = href ? strdup((const char *)href) : NULL;
            xmlFree(href);
        }
        xmlFree(rel);
    }
    it->date = text_of(child(n, "published", NS_ATOM));
    if (!it->date)
        it->date = text_of(child(n, "updated", NS_ATOM));
    const xmlNode *body = child(n, "content", NS_ATOM);
    if (!body)
        body = child(n, "summary", NS_ATOM);
    xmlChar *type = body ? xmlGetProp(body, BAD_CAST "type") : NULL;
    const char *t = type ? (const char *)type : "text";
    it->html = !strcmp(t, "html") || !strcmp(t, "xhtml");
    it->content = !strcmp(t, "xhtml") ? inner_xml(body) : text_of(body);
    xmlFree(type);
}

/* Appends an item for each child of `n` named `name` in namespace `ns`
 * (RSS <item>s under channel or rdf:RDF, Atom <entry>s under feed),
 * filled by `fill`. Sets *oom and stops when memory runs out. */
static void items_of(const xmlNode *n, const char *name, const char *ns,
                     void (*fill)(const xmlNode *, crier_feed_item *), crier_feed_item **v,
                     size_t *cnt, size_t *cap, int *oom)
{
    for (const xmlNode *c = n->children; c && !*oom; c = c->next) {
        if (!is(c, name, ns))
            continue;
        if (*cnt == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            crier_feed_item *g = realloc(*v, *cap * sizeof *g);
            if (!g) {
                *oom = 1;
                break;
            }
            *v = g;
        }
        crier_feed_item *it = &(*v)[(*cnt)++];
        memset(it, 0, sizeof *it);
        fill(c, it);
    }
}

/* Sorting: newest first by ISO date (which sorts as text once it is UTC),
 * undated last, feed order otherwise. */
typedef struct ranked {
    crier_feed_item item;
    size_t pos;
} ranked;

static int cmp_ranked(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    const char *da = a->item.date, *db = b->item.date;
    if (da && db) {
        int c = strcmp(db, da);
        if (c)
            return c;
    } else if (da || db) {
        return da ? -1 : 1;
    }
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static void sort_items(crier_feed_item *v, size_t n)
{
    ranked *r = malloc(n * sizeof *r);
    if (!r)
        return; /* feed order is still a valid order */
    for (size_t i = 0; i < n; i++) {
        r[i].item = v[i];
        r[i].pos = i;
        /* Normalize offsets so that dates compare as text. */
        if (v[i].date && strlen(v[i].date) > 19) {
            char *iso = NULL;
            struct tm tm = {0};
            int oh = 0, om = 0;
            char sign = 0;
            const char *d = v[i].date;
            if (sscanf(d, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                       &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6) {
                const char *z = d + 19;
                while (*z == '.' || (*z >= '0' && *z <= '9'))
                    z++;
                if ((*z == '+' || *z == '-') && sscanf(z + 1, "%2d:%2d", &oh, &om) == 2)
                    sign = *z;
                tm.tm_year -= 1900;
                tm.tm_mon -= 1;
                time_t t = timegm(&tm) - (sign == '+' ? 1 : sign == '-' ? -1 : 0) *
                                             (oh * 3600 + om * 60);
                struct tm u;
                if ((iso = malloc(24)) && gmtime_r(&t, &u))
                    strftime(iso, 24, "%Y-%m-%dT%H:%M:%SZ", &u);
            }
            if (iso) {
                free(r[i].item.date);
                r[i].item.date = iso;
            }
        }
    }
    qsort(r, n, sizeof *r, cmp_ranked);
    for (size_t i = 0; i < n; i++)
        v[i] = r[i].item;
    free(r);
}

/* RSS 2.0 (rss/channel/item), RSS 1.0 (rdf:RDF/item, in its own
 * namespace) and Atom (feed/entry). libxml2's own limits guard against
 * entity expansion attacks; the options below keep it off the network and
 * away from external entities and DTDs, and quiet (the library never
 * prints). A feed that is not well-formed is an error naming its line: a
 * half-read feed would silently drop stories. */
crier_status crier_feed_parse(const char *buf, size_t len, const char *name,
                              crier_feed_item **items, size_t *count, crier_error *err)
{
    if (len > (size_t)INT32_MAX)
        return crier_fail(err, CRIER_ERR_ARG, name, 0, "the feed is too large");
    xmlInitParser();
    /* NONET: never fetch; no NOENT or DTDLOAD: external entities stay
     * unresolved; NOERROR/NOWARNING: the library does not print. */
    xmlDocPtr doc = xmlReadMemory(buf, (int)len, NULL, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        const char *m = e && e->message ? e->message : "parse error";
        int mlen = (int)strcspn(m, "\n"); /* libxml2 ends its messages with one */
        return crier_fail(err, CRIER_ERR_EMPTY, name, e ? e->line : 0,
                          "not well-formed XML: %.*s", mlen, m);
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    crier_feed_item *v = NULL;
    size_t n = 0, cap = 0;
    int oom = 0;
    if (root && is(root, "rss", NULL)) {
        const xmlNode *ch = child(root, "channel", NULL);
        if (ch)
            items_of(ch, "item", NULL, rss_item, &v, &n, &cap, &oom);
    } else if (root && !strcmp((const char *)root->name, "RDF")) {
        items_of(root, "item", "http://purl.org/rss/1.0/", rss_item, &v, &n, &cap, &oom);
    } else if (root && is(root, "feed", NS_ATOM)) {
        items_of(root, "entry", NS_ATOM, atom_entry, &v, &n, &cap, &oom);
    }
    xmlFreeDoc(doc);
    if (oom) {
        crier_feed_items_free(v, n);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    if (!n) {
        free(v);
        return crier_fail(err, CRIER_ERR_EMPTY, name, 0,
                          root ? "no items in the feed (RSS 2.0, RSS 1.0 or Atom)"
                               : "not a feed");
    }
    sort_items(v, n);
    *items = v;
    *count = n;
    return CRIER_OK;
}

void crier_feed_items_free(crier_feed_item *items, size_t n)
{
    for (size_t i = 0; items && i < n; i++) {
        free(items[i].title);
        free(items[i].link);
        free(items[i].date);
        free(items[i].content);
    }
    free(items);
}

/* ==== The spoken lines =================================================== */

/* "2022-09-20..." as "September 20, 2022" with the lexicon's full month
 * names (the rows whose form is the name itself). */
static void write_date(crier_buf *b, const crier_lexicon *lex, const char *iso)
{
    int y, m, d;
    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) {
        if (iso)
            crier_buf_puts(b, iso);
        return;
    }
    const char *name = NULL;
    for (size_t i = 0; !name && i < crier_lex_count(lex, CRIER_TAB_MONTHS); i++) {
        const crier_lex_row *r = crier_lex_at(lex, CRIER_TAB_MONTHS, i);
        if (r->ncols >= 3 && atoi(r->cols[2]) == m && !strcmp(r->cols[0], r->cols[1]))
            name = r->cols[1];
    }
    if (name)
        crier_buf_printf(b, "%s %d, %d", name, d, y);
    else
        crier_buf_printf(b, "%04d-%02d-%02d", y, m, d);
}

/* Placeholders are plain text substitutions: the result is written text,
 * which the normalizer then speaks like any article text ("{count}" as a
 * number, "{date}" as a date). */
crier_status crier_bulletin_line(const crier_lexicon *lex, const char *key, const char *title,
                                 const char *date, size_t count, char **out, crier_error *err)
{
    const crier_lex_row *r = crier_lex_find(lex, CRIER_TAB_BULLETIN, key, strlen(key));
    if (!r)
        return crier_fail(err, CRIER_ERR_LEXICON, "bulletin.tsv", 0,
                          "no line '%s' in the bulletin table", key);
    crier_buf b = CRIER_BUF_INIT;
    for (const char *p = r->cols[1]; *p; p++) {
        if (!strncmp(p, "{title}", 7)) {
            crier_buf_puts(&b, title ? title : "");
            p += 6;
        } else if (!strncmp(p, "{date}", 6)) {
            write_date(&b, lex, date);
            p += 5;
        } else if (!strncmp(p, "{count}", 7)) {
            crier_buf_printf(&b, "%zu", count);
            p += 6;
        } else {
            crier_buf_putc(&b, *p);
        }
    }
    crier_buf_putc(&b, '\0');
    char *s = b.oom ? NULL : crier_buf_detach(&b);
    crier_buf_free(&b);
    if (!s)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    *out = s;
    return CRIER_OK;
}

/* ==== Feed items to articles ============================================= */

/* Appends text with the HTML specials escaped. */
static void put_escaped(crier_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            crier_buf_puts(b, "&lt;");
        else if (*s == '>')
            crier_buf_puts(b, "&gt;");
        else if (*s == '&')
            crier_buf_puts(b, "&amp;");
        else
            crier_buf_putc(b, *s);
    }
}

crier_status crier_feed_item_doc(const crier_feed_item *item, const crier_lexicon *lex,
                                 crier_doc **out, crier_error *err)
{
    const char *content = item->content ? item->content : "";
    const char *name = item->link ? item->link : item->title ? item->title : "feed item";
    crier_buf page = CRIER_BUF_INIT;
    if (item->html) {
        /* A page the HTML extractor knows: the title as the headline. */
        /* The title twice, as a page has it: in <title> and as the <h1>
         * of the article, which is how the extractor recognizes a
         * headline. */
        crier_buf_puts(&page, "<!DOCTYPE html><html><head><title>");
        if (item->title)
            put_escaped(&page, item->title);
        crier_buf_puts(&page, "</title></head><body><article>");
        if (item->title && !strstr(content, "<h1")) {
            crier_buf_puts(&page, "<h1>");
            put_escaped(&page, item->title);
            crier_buf_puts(&page, "</h1>\n");
        }
        crier_buf_puts(&page, content);
        crier_buf_puts(&page, "</article></body></html>\n");
    } else {
        if (item->title)
            crier_buf_printf(&page, "%s\n\n", item->title);
        crier_buf_puts(&page, content);
    }
    if (page.oom) {
        crier_buf_free(&page);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    char *text = NULL;
    size_t len = 0;
    crier_status st = crier_text_clean(page.ptr ? page.ptr : "", page.len, name, &text, &len, err);
    crier_buf_free(&page);
    crier_parse_options po;
    crier_parse_options_init(&po);
    po.input = item->html ? CRIER_INPUT_HTML : CRIER_INPUT_TEXT;
    if (st == CRIER_OK)
        st = crier_parse(text, len, &po, lex, out, err);
    if (st == CRIER_OK && item->date && !crier_doc_date(*out) &&
        crier_doc_set(&(*out)->date, item->date, strlen(item->date)) < 0)
        st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    free(text);
    return st;
}

/* ==== The bulletin as one program ======================================== */

void crier_bulletin_options_init(crier_bulletin_options *o)
{
    memset(o, 0, sizeof *o);
    o->gap_ms = 1200;
}

/* The bulletin's date: the option, else the newest story's, else today
 * (UTC). Written into `buf`. */
static const char *bulletin_date(const crier_doc *const *stories, size_t n,
                                 const crier_bulletin_options *bo, char buf[32])
{
    if (bo->date)
        return bo->date;
    const char *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *d = crier_doc_date(stories[i]);
        if (d && (!best || strcmp(d, best) > 0))
            best = d;
    }
    if (best)
        return best;
    time_t now = time(NULL);
    struct tm u;
    gmtime_r(&now, &u);
    strftime(buf, 32, "%Y-%m-%d", &u);
    return buf;
}

/* A bulletin as a program of items (crier_speak_items): everything the
 * items point at, owned here. */
typedef struct program {
    crier_item *items;
    size_t n;
    char **lines;  /* the spoken lines and chapter titles */
    size_t nlines;
    char title[256], date[32];
} program;

static void program_free(program *p)
{
    for (size_t i = 0; i < p->nlines; i++)
        free(p->lines[i]);
    free(p->lines);
    free(p->items);
}

/* A line from bulletin.tsv, kept alive by the program. NULL on error. */
static const char *line(program *p, const crier_lexicon *lex, const char *key, size_t count,
                        crier_error *err)
{
    char *s = NULL;
    if (crier_bulletin_line(lex, key, p->title, p->date, count, &s, err) != CRIER_OK)
        return NULL;
    p->lines[p->nlines++] = s;
    return s;
}

/* Builds the program: the intro (its own chapter), then per story a link
 * ("First:" or "Next:") that opens the story's chapter, titled with its
 * headline, followed by the story, whose own headline comes first so the
 * two are heard as "Next: <headline>", with gap_ms of silence after all but
 * the last; then the outro (its own chapter).
 *
 * A sting goes in the middle of the gap after each story but the last:
 * half the gap, the sting, the other half. The silence between stories is
 * the same with or without it, so a sting adds exactly its own length, and
 * it belongs to the story before it: the next story's chapter starts with
 * its "Next:", after the sting, where a listener skipping chapters wants
 * to land. */
static crier_status build_program(const crier_doc *const *stories, size_t n,
                                  const crier_lexicon *lex, const crier_bulletin_options *bo,
                                  program *p, crier_error *err)
{
    memset(p, 0, sizeof *p);
    char *deftitle = NULL;
    if (!bo->title && crier_bulletin_line(lex, "title", NULL, NULL, 0, &deftitle, err))
        return err ? err->code : CRIER_ERR_LEXICON;
    snprintf(p->title, sizeof p->title, "%s", bo->title ? bo->title : deftitle);
    free(deftitle);
    char today[32];
    snprintf(p->date, sizeof p->date, "%s", bulletin_date(stories, n, bo, today));
    p->items = calloc(3 * n + 2, sizeof *p->items);
    p->lines = calloc(2 * n + 8, sizeof *p->lines);
    if (!p->items || !p->lines)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    crier_item *it = p->items;
    it->text = line(p, lex, "intro", n, err);
    it->role = "standfirst";
    it->chapter = line(p, lex, "intro-chapter", n, err);
    it->pause_after = bo->gap_ms;
    it++;
    for (size_t i = 0; i < n; i++, it += 2) {
        const char *head = crier_doc_title(stories[i]);
        it[0].text = line(p, lex, i ? "next" : "first", n, err);
        if (!it[0].text)
            return err ? err->code : CRIER_ERR_LEXICON;
        it[0].role = "link";
        it[0].chapter = head ? head : it[0].text;
        it[1].doc = stories[i];
        it[1].pause_after = i + 1 < n ? bo->gap_ms : 0;
        if (bo->sting && i + 1 < n) {
            it[1].pause_after = bo->gap_ms / 2;
            it[2].audio = bo->sting;
            it[2].pause_after = bo->gap_ms - bo->gap_ms / 2;
            it++;
        }
    }
    it->text = line(p, lex, "outro", n, err);
    it->role = "standfirst";
    it->chapter = line(p, lex, "outro-chapter", n, err);
    p->n = (size_t)(it - p->items) + 1;
    for (size_t i = 0; i < p->n; i++)
        if (!p->items[i].doc && !p->items[i].text && !p->items[i].audio)
            return err ? err->code : CRIER_ERR_LEXICON;
    if (!p->items[0].chapter || !p->items[p->n - 1].chapter)
        return err ? err->code : CRIER_ERR_LEXICON;
    return CRIER_OK;
}

crier_status crier_bulletin_speak(const crier_doc *const *stories, size_t n,
                                  const crier_lexicon *lex, const crier_bulletin_options *bo,
                                  const crier_speak_options *so, const char *path,
                                  crier_speak_result *result, crier_error *err)
{
    if (!n)
        return crier_fail(err, CRIER_ERR_EMPTY, NULL, 0, "a bulletin needs at least one story");
    program p;
    crier_status st = build_program(stories, n, lex, bo, &p, err);
    if (st == CRIER_OK) {
        /* The episode's tags: the bulletin, not its first story. */
        crier_speak_options o = *so;
        crier_tags tags = so->tags ? *so->tags : (crier_tags){0};
        if (!tags.title)
            tags.title = p.title;
        if (!tags.date)
            tags.date = p.date;
        if (!tags.artist)
            tags.artist = "crier";
        o.tags = &tags;
        st = crier_speak_items(p.items, p.n, lex, &o, path, result, err);
    }
    program_free(&p);
    return st;
}

crier_status crier_bulletin_script(const crier_doc *const *stories, size_t n,
                                   const crier_lexicon *lex, const crier_bulletin_options *bo,
                                   const crier_speak_options *so, char **out, crier_error *err)
{
    if (!n)
        return crier_fail(err, CRIER_ERR_EMPTY, NULL, 0, "a bulletin needs at least one story");
    program p;
    crier_status st = build_program(stories, n, lex, bo, &p, err);
    if (st == CRIER_OK)
        st = crier_speak_items_script(p.items, p.n, lex, so, out, err);
    program_free(&p);
    return st;
}

/* metadata.c -- what a page says about itself: title, author, date.
 *
 * Pages describe their article in three places, in decreasing order of
 * trust: a JSON-LD block (schema.org NewsArticle and friends: headline,
 * author, datePublished, description, image caption), meta tags (Dublin
 * Core, OpenGraph, Twitter, Parse.ly, plain name="author"), and the
 * <title> element, which usually carries the site name too ("Headline -
 * The Site"). Each is collected while html.c flattens the tree, and the
 * precedence is applied at the end. JSON-LD is parsed with cJSON; the
 * order of precedence follows Mozilla Readability's, which is what most
 * readers of the web have come to expect. */
#include "html.h"
#include "internal.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Meta tag keys we keep, as found in name= or property= (lower case, with
 * '.' written ':'). The index is the slot in crier_meta.values. */
static const char *const KEYS[] = {
    /* titles, in order of preference (0-7) */
    "dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
    "title", "twitter:title", "parsely-title",
    /* authors (8-12) */
    "dc:creator", "dcterm:creator", "author", "parsely-author", "article:author",
    /* descriptions (13-19) */
    "dc:description", "dcterm:description", "og:description", "weibo:article:description",
    "weibo:webpage:description", "description", "twitter:description",
    /* site and date (20-25) */
    "og:site_name", "article:published_time", "parsely-pub-date", "dc:date", "date", "pubdate"};

enum { K_TITLE = 0, K_TITLE_END = 8, K_AUTHOR = 8, K_ARTICLE_AUTHOR = 12, K_DESC = 13,
       K_DESC_END = 20, K_SITE = 20, K_DATE = 21, K_DATE_END = 26 };

/* schema.org types that describe an article. */
static const char *const ARTICLE_TYPES[] = {
    "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
    "AskPublicNewsArticle", "BackgroundNewsArticle", "BlogPosting", "DiscussionForumPosting",
    "LiveBlogPosting", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
    "Report", "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle",
    "SocialMediaPosting", "TechArticle"};

/* See html.h. Leaves every field NULL. */
void crier_meta_free(crier_meta *m)
{
    char **fields[] = {&m->ld_headline, &m->ld_name, &m->ld_byline,
                       &m->ld_description, &m->ld_date, &m->ld_site, &m->ld_caption,
                       &m->doc_title, &m->lang, &m->time};
    for (size_t i = 0; i < CRIER_ARRAY_LEN(fields); i++) {
        free(*fields[i]);
        *fields[i] = NULL;
    }
    for (size_t i = 0; i < CRIER_ARRAY_LEN(m->values); i++) {
        free(m->values[i]);
        m->values[i] = NULL;
    }
}

/* ==== Small string helpers ================================================ */

/* A malloc'd copy of s with runs of white space made one space and the
 * ends trimmed; NULL for NULL, or for text that is all white space. Sets
 * *oom when the allocation fails. */
static char *collapse(const char *s, int *oom)
{
    if (!s)
        return NULL;
    crier_buf b = CRIER_BUF_INIT;
    for (const char *p = s; *p; p++) {
        int sp = isspace((unsigned char)*p) ||
                 ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0 && p++);
        if (sp && (b.len == 0 || b.ptr[b.len - 1] == ' '))
            continue;
        crier_buf_putc(&b, sp ? ' ' : *p);
    }
    while (b.len && b.ptr[b.len - 1] == ' ')
        b.len--;
    if (b.oom)
        *oom = 1;
    if (!b.len || b.oom) {
        crier_buf_free(&b);
        return NULL;
    }
    b.ptr[b.len] = '\0';
    return crier_buf_detach(&b);
}

/* Replaces *field with a collapsed copy of s (when s has any text). */
static int set_field(char **field, const char *s)
{
    int oom = 0;
    char *v = collapse(s, &oom);
    if (v) {
        free(*field);
        *field = v;
    }
    return oom ? -1 : 0;
}

/* True for an absolute or scheme-relative URL: not a name. */
static int is_url(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0 ||
           strncmp(s, "//", 2) == 0;
}

/* Words separated by white space. */
static size_t word_count(const char *s)
{
    size_t n = 0;
    for (int in = 0; *s; s++) {
        int sp = isspace((unsigned char)*s);
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

/* ==== Meta tags ============================================================ */

/* The slot of a meta key in KEYS, or -1. */
static int key_index(const char *k, size_t n)
{
    for (size_t i = 0; i < CRIER_ARRAY_LEN(KEYS); i++)
        if (strlen(KEYS[i]) == n && strncmp(KEYS[i], k, n) == 0)
            return (int)i;
    return -1;
}

/* Normalizes a name= or property= token: lower case, no white space, and
 * "dc.title" written "dc:title". Returns its key index or -1. */
static int meta_key(const char *s, size_t n)
{
    char k[64];
    size_t j = 0;
    for (size_t i = 0; i < n && j + 1 < sizeof k; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isspace(c))
            continue;
        k[j++] = c == '.' ? ':' : (char)tolower(c);
    }
    return j < sizeof k - 1 ? key_index(k, j) : -1;
}

/* A property= token: "og:title", or a key at the end of a longer one
 * ("og:article:author" is "article:author"). */
static int property_key(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (i == 0 || s[i - 1] == ':') {
            int k = meta_key(s + i, n - i);
            if (k >= 0)
                return k;
        }
    return -1;
}

/* A name= value: the article: keys are OpenGraph properties, and a page
 * that puts them in name= is not following it. */
static int name_key(const char *s)
{
    size_t n = strlen(s);
    return n >= 8 && strncasecmp(s, "article:", 8) == 0 ? -1 : meta_key(s, n);
}

/* Keeps the content of a <meta> whose name or property is a key we use
 * (the last one on the page wins, as in Readability). */
static int meta_tag(crier_meta *m, const GumboElement *el)
{
    const GumboAttribute *content = gumbo_get_attribute(&el->attributes, "content");
    if (!content || !content->value[0])
        return 0;
    const GumboAttribute *name = gumbo_get_attribute(&el->attributes, "name");
    const GumboAttribute *prop = gumbo_get_attribute(&el->attributes, "property");
    int failed = 0;
    if (prop) {
        /* property= may hold several keys: "og:title twitter:title". */
        for (const char *p = prop->value; *p;) {
            size_t w = strcspn(p, " \t\n\r\f");
            int k = w ? property_key(p, w) : -1;
            if (k >= 0)
                failed |= set_field(&m->values[k], content->value);
            p += w;
            while (*p && isspace((unsigned char)*p))
                p++;
        }
    }
    int k = name ? name_key(name->value) : -1;
    if (k >= 0)
        failed |= set_field(&m->values[k], content->value);
    return failed ? -1 : 0;
}

/* ==== JSON-LD ============================================================= */

/* True when a JSON-LD @type (a string or an array of them) names an
 * article type. */
static int type_is_article(const cJSON *type)
{
    if (cJSON_IsArray(type)) {
        const cJSON *t;
        cJSON_ArrayForEach(t, type) if (type_is_article(t)) return 1;
        return 0;
    }
    if (!cJSON_IsString(type))
        return 0;
    for (size_t i = 0; i < CRIER_ARRAY_LEN(ARTICLE_TYPES); i++)
        if (strcmp(type->valuestring, ARTICLE_TYPES[i]) == 0)
            return 1;
    return 0;
}

/* True when a JSON-LD @context is schema.org: the string, an object
 * whose @vocab is, or an array holding either. */
static int is_schema_org(const cJSON *ctx)
{
    if (cJSON_IsObject(ctx))
        ctx = cJSON_GetObjectItemCaseSensitive(ctx, "@vocab");
    if (cJSON_IsArray(ctx)) {
        const cJSON *c;
        cJSON_ArrayForEach(c, ctx) if (is_schema_org(c)) return 1;
        return 0;
    }
    if (!cJSON_IsString(ctx))
        return 0;
    const char *s = ctx->valuestring;
    if (strncmp(s, "http://", 7) == 0)
        s += 7;
    else if (strncmp(s, "https://", 8) == 0)
        s += 8;
    else
        return 0;
    return strcmp(s, "schema.org") == 0 || strcmp(s, "schema.org/") == 0;
}

/* The article object in a parsed JSON-LD block: the block itself, an item
 * of a top-level array, or an item of "@graph"; NULL when none. */
static const cJSON *find_article(const cJSON *root)
{
    const cJSON *it;
    if (cJSON_IsArray(root)) {
        cJSON_ArrayForEach(it, root)
        {
            if (cJSON_IsObject(it) &&
                type_is_article(cJSON_GetObjectItemCaseSensitive(it, "@type")))
                return is_schema_org(cJSON_GetObjectItemCaseSensitive(it, "@context")) ? it
                                                                                        : NULL;
        }
        return NULL;
    }
    if (!cJSON_IsObject(root) ||
        !is_schema_org(cJSON_GetObjectItemCaseSensitive(root, "@context")))
        return NULL;
    if (type_is_article(cJSON_GetObjectItemCaseSensitive(root, "@type")))
        return root;
    const cJSON *graph = cJSON_GetObjectItemCaseSensitive(root, "@graph");
    cJSON_ArrayForEach(it, graph)
    {
        if (cJSON_IsObject(it) && type_is_article(cJSON_GetObjectItemCaseSensitive(it, "@type")))
            return it;
    }
    return NULL;
}

/* A string member of a JSON object, or NULL. */
static const char *str_item(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Authors as "A, B": an object with a name, a plain string, or an array
 * of either. URLs are not names. */
static void authors(const cJSON *a, crier_buf *b)
{
    if (cJSON_IsArray(a)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, a) authors(it, b);
        return;
    }
    const char *name = cJSON_IsString(a) ? a->valuestring : str_item(a, "name");
    int oom = 0;
    char *clean = name && !is_url(name) ? collapse(name, &oom) : NULL;
    if (clean) {
        if (b->len)
            crier_buf_puts(b, ", ");
        crier_buf_puts(b, clean);
    }
    b->oom |= oom;
    free(clean);
}

/* The caption of the article's image: "image": {"caption": ...}, or the
 * first such object of an array. */
static const char *image_caption(const cJSON *img)
{
    if (cJSON_IsArray(img)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, img)
        {
            const char *c = image_caption(it);
            if (c)
                return c;
        }
        return NULL;
    }
    return cJSON_IsObject(img) ? str_item(img, "caption") : NULL;
}

/* Copies what we use from a JSON-LD article object. */
static int ld_fields(crier_meta *m, const cJSON *art)
{
    int failed = set_field(&m->ld_name, str_item(art, "name"));
    failed |= set_field(&m->ld_headline, str_item(art, "headline"));
    crier_buf b = CRIER_BUF_INIT;
    authors(cJSON_GetObjectItemCaseSensitive(art, "author"), &b);
    if (b.len)
        failed |= set_field(&m->ld_byline, b.ptr);
    failed |= b.oom;
    crier_buf_free(&b);
    failed |= set_field(&m->ld_description, str_item(art, "description"));
    failed |= set_field(&m->ld_date, str_item(art, "datePublished"));
    const cJSON *pub = cJSON_GetObjectItemCaseSensitive(art, "publisher");
    failed |= set_field(&m->ld_site, cJSON_IsObject(pub) ? str_item(pub, "name") : NULL);
    failed |= set_field(&m->ld_caption, image_caption(cJSON_GetObjectItemCaseSensitive(art, "image")));
    m->have_ld = 1;
    return failed ? -1 : 0;
}

/* Parses one <script type="application/ld+json">; the first block that
 * describes an article wins. */
static int json_ld(crier_meta *m, const GumboElement *el)
{
    if (m->have_ld || el->children.length == 0)
        return 0;
    const GumboNode *txt = el->children.data[0];
    if (txt->type != GUMBO_NODE_TEXT && txt->type != GUMBO_NODE_WHITESPACE &&
        txt->type != GUMBO_NODE_CDATA)
        return 0;
    const char *s = txt->v.text.text;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)*s))
        s++, n--;
    if (n >= 9 && strncmp(s, "<![CDATA[", 9) == 0)
        s += 9, n -= 9;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= 3 && strncmp(s + n - 3, "]]>", 3) == 0)
        n -= 3;
    cJSON *root = cJSON_ParseWithLength(s, n);
    if (!root)
        return 0; /* malformed JSON-LD is common; the page still has meta tags */
    const cJSON *art = find_article(root);
    int rc = art ? ld_fields(m, art) : 0;
    cJSON_Delete(root);
    return rc;
}

/* ==== Elements ============================================================= */

/* True when the element's type attribute is `want` (parameters after
 * it are allowed). */
static int type_is(const GumboElement *el, const char *want)
{
    const GumboAttribute *a = gumbo_get_attribute(&el->attributes, "type");
    if (!a)
        return 0;
    const char *v = a->value;
    while (isspace((unsigned char)*v))
        v++;
    size_t n = strlen(want);
    return strncasecmp(v, want, n) == 0 && (v[n] == '\0' || isspace((unsigned char)v[n]));
}

/* The text of an element's children, for <title>. */
static int child_text(const GumboElement *el, char **field)
{
    if (*field || el->children.length == 0)
        return 0;
    const GumboNode *c = el->children.data[0];
    if (c->type != GUMBO_NODE_TEXT && c->type != GUMBO_NODE_WHITESPACE)
        return 0;
    return set_field(field, c->v.text.text);
}

/* See html.h. */
int crier_meta_element(crier_meta *m, const GumboNode *node)
{
    const GumboElement *el = &node->v.element;
    const GumboAttribute *a;
    switch (el->tag) {
    case GUMBO_TAG_HTML:
        a = gumbo_get_attribute(&el->attributes, "lang");
        return a && !m->lang ? set_field(&m->lang, a->value) : 0;
    case GUMBO_TAG_TITLE:
        /* A <title> inside <svg> is not the document's. */
        return el->tag_namespace == GUMBO_NAMESPACE_HTML ? child_text(el, &m->doc_title) : 0;
    case GUMBO_TAG_META:
        return meta_tag(m, el);
    case GUMBO_TAG_TIME:
        a = gumbo_get_attribute(&el->attributes, "datetime");
        return a && !m->time ? set_field(&m->time, a->value) : 0;
    case GUMBO_TAG_SCRIPT:
        return type_is(el, "application/ld+json") ? json_ld(m, el) : 0;
    default:
        return 0;
    }
}

/* ==== Title =============================================================== */

/* See html.h. */
double crier_similarity(const char *a, const char *b)
{
    /* Words are runs of letters and digits, compared case-insensitively;
     * any byte above ASCII counts as a letter so that accented and CJK
     * text has words too. */
    size_t total = 0, missing = 0;
    for (const char *p = b; *p;) {
        while (*p && !(isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
            p++;
        const char *w = p;
        while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
            p++;
        size_t n = (size_t)(p - w);
        if (!n)
            break;
        total += n + 1;
        int found = 0;
        for (const char *q = a; *q && !found;) {
            while (*q && !(isalnum((unsigned char)*q) || (unsigned char)*q >= 0x80))
                q++;
            const char *v = q;
            while (*q && (isalnum((unsigned char)*q) || (unsigned char)*q >= 0x80))
                q++;
            found = (size_t)(q - v) == n && strncasecmp(v, w, n) == 0;
        }
        if (!found)
            missing += n + 1;
    }
    return total ? 1.0 - (double)missing / (double)total : 0.0;
}

/* Title separators: a '|', '-', en or em dash, '\\', '/', '>' or '»' with
 * a space on each side. The last four mark a hierarchy ("Site > News"). */
static const char *const SEPS[] = {"|", "-", "\xE2\x80\x93", "\xE2\x80\x94", "\\", "/",
                                   ">", "\xC2\xBB"};
enum { FIRST_HIER_SEP = 4 };

/* The length of the separator at s (a space before it), or 0. */
static size_t sep_at(const char *s, int *hier)
{
    if (*s != ' ')
        return 0;
    for (size_t k = 0; k < CRIER_ARRAY_LEN(SEPS); k++) {
        size_t len = strlen(SEPS[k]);
        if (strncmp(s + 1, SEPS[k], len) == 0 && s[1 + len] == ' ') {
            *hier = k >= FIRST_HIER_SEP;
            return len + 2;
        }
    }
    return 0;
}

/* Offsets of the first and last separators (-1 when none), their lengths,
 * and whether any of them marks a hierarchy. */
static void find_seps(const char *s, long *first, size_t *fn, long *last, size_t *ln, int *hier)
{
    *first = *last = -1;
    *hier = 0;
    for (size_t i = 0; s[i]; i++) {
        int h = 0;
        size_t n = sep_at(s + i, &h);
        if (!n)
            continue;
        if (*first < 0) {
            *first = (long)i;
            *fn = n;
        }
        *last = (long)i;
        *ln = n;
        *hier |= h;
    }
}

/* Words of s once separator characters are taken out. */
static size_t words_without_seps(const char *s)
{
    size_t n = 0;
    int in = 0;
    while (*s) {
        size_t skip = 0;
        for (size_t k = 0; k < CRIER_ARRAY_LEN(SEPS) && !skip; k++)
            if (strncmp(s, SEPS[k], strlen(SEPS[k])) == 0)
                skip = strlen(SEPS[k]);
        if (skip) {
            s += skip;
            continue;
        }
        int sp = isspace((unsigned char)*s);
        n += !sp && !in;
        in = !sp;
        s++;
    }
    return n;
}

/* A collapsed copy of n bytes of s, or NULL when empty or out of memory. */
static char *dup_range(const char *s, size_t n)
{
    int oom = 0;
    char *tmp = strndup(s, n);
    char *v = tmp ? collapse(tmp, &oom) : NULL;
    free(tmp);
    return v;
}

/* The part of a "Kicker: Headline" title to keep, or NULL for all of it.
 * A heading that repeats the whole title says the colon belongs to it. */
static char *colon_title(const char *orig, const char *const *heads, size_t nheads)
{
    for (size_t i = 0; i < nheads; i++)
        if (strcmp(heads[i], orig) == 0)
            return NULL;
    const char *last = strrchr(orig, ':'), *first = strchr(orig, ':');
    char *cur = dup_range(last + 1, strlen(last + 1));
    if (!cur || word_count(cur) < 3) {
        free(cur);
        return dup_range(first + 1, strlen(first + 1));
    }
    char *head = dup_range(orig, (size_t)(first - orig));
    if (head && word_count(head) > 5) {
        free(cur);
        cur = NULL;
    }
    free(head);
    return cur;
}

/* <title> without the site name: "Headline | Site" gives "Headline",
 * unless that leaves too little of it. A page with no <title> (a saved
 * fragment, a page some tool wrote) and a single <h1> has that <h1> for
 * its title, however short: "Mayor resigns" is a headline, and there is
 * no better one to prefer. */
static char *doc_title(const crier_meta *m, const char *const *heads, size_t nheads, size_t nh1)
{
    const char *orig = m->doc_title;
    if (!orig || !*orig)
        return nh1 == 1 && *heads[0] ? strdup(heads[0]) : NULL;
    size_t fn = 0, ln = 0, olen = strlen(orig);
    long first, last;
    int hier;
    char *cur = NULL;
    find_seps(orig, &first, &fn, &last, &ln, &hier);
    if (last >= 0) {
        cur = dup_range(orig, (size_t)last);
        if (!cur || word_count(cur) < 3) {
            free(cur);
            cur = dup_range(orig + first + (long)fn, olen - (size_t)first - fn);
        }
    } else if (strstr(orig, ": ")) {
        cur = colon_title(orig, heads, nheads);
    } else if ((olen > 150 || olen < 15) && nh1 == 1) {
        cur = dup_range(heads[0], strlen(heads[0]));
    }
    /* Too short to be a headline: keep the whole title, unless the cut
     * only took one level off a hierarchy ("Site > Section > Story"). */
    if (cur && word_count(cur) <= 4 && (!hier || word_count(cur) != words_without_seps(orig) - 1)) {
        free(cur);
        cur = NULL;
    }
    return cur ? cur : strdup(orig);
}

/* See html.h. */
char *crier_meta_title(const crier_meta *m, const char *const *heads, size_t nheads, size_t nh1)
{
    char *fallback = doc_title(m, heads, nheads, nh1);
    const char *pick = NULL;
    if (m->ld_name && m->ld_headline && strcmp(m->ld_name, m->ld_headline) != 0) {
        /* Two names for the article: take the headline only when it, and
         * not the name, looks like the page's own title. */
        int name_ok = fallback && crier_similarity(m->ld_name, fallback) > 0.75;
        int head_ok = fallback && crier_similarity(m->ld_headline, fallback) > 0.75;
        pick = head_ok && !name_ok ? m->ld_headline : m->ld_name;
    } else {
        pick = m->ld_name ? m->ld_name : m->ld_headline;
    }
    for (int k = K_TITLE; !pick && k < K_TITLE_END; k++)
        pick = m->values[k];
    if (!pick)
        return fallback;
    free(fallback);
    return strdup(pick);
}

/* See html.h. JSON-LD, then Dublin Core, name="author", Parse.ly, and
 * article:author when it is not a URL. */
const char *crier_meta_byline(const crier_meta *m)
{
    if (m->ld_byline)
        return m->ld_byline;
    for (int k = K_AUTHOR; k < K_ARTICLE_AUTHOR; k++)
        if (m->values[k] && !is_url(m->values[k]))
            return m->values[k];
    const char *a = m->values[K_ARTICLE_AUTHOR];
    return a && !is_url(a) ? a : NULL;
}

/* See html.h. */
const char *crier_meta_description(const crier_meta *m)
{
    if (m->ld_description)
        return m->ld_description;
    for (int k = K_DESC; k < K_DESC_END; k++)
        if (m->values[k])
            return m->values[k];
    return NULL;
}

/* See html.h. */
const char *crier_meta_site(const crier_meta *m)
{
    return m->ld_site ? m->ld_site : m->values[K_SITE];
}

/* See html.h. JSON-LD, meta tags, then the first <time datetime>. */
const char *crier_meta_date(const crier_meta *m)
{
    if (m->ld_date)
        return m->ld_date;
    for (int k = K_DATE; k < K_DATE_END; k++)
        if (m->values[k])
            return m->values[k];
    return m->time;
}

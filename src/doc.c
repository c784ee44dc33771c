/* doc.c -- the article model: segments in listening order, plus metadata,
 * and its two text dumps (JSON for tools, a listing for people).
 *
 * The JSON dump is the contract of `crier segment --json`:
 *   {"title": str|null, "byline": str|null, "segments": [{"kind", "text"}]}
 * It is built with cJSON, which handles escaping for us. */
#include "doc.h"
#include "buf.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *KIND_NAMES[] = {"headline", "standfirst", "byline",  "dateline",
                                   "caption",  "credit",     "heading", "paragraph"};

const char *crier_kind_name(crier_kind kind)
{
    return (unsigned)kind < sizeof KIND_NAMES / sizeof *KIND_NAMES ? KIND_NAMES[kind] : "?";
}

crier_doc *crier_doc_new(void) { return calloc(1, sizeof(crier_doc)); }

int crier_doc_add(crier_doc *doc, crier_kind kind, const char *text, size_t len)
{
    if (doc->n == doc->cap) {
        size_t cap = doc->cap ? doc->cap * 2 : 16;
        crier_segment *s = realloc(doc->segs, cap * sizeof *s);
        if (!s)
            return -1;
        doc->segs = s;
        doc->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, text, len);
    copy[len] = '\0';
    doc->segs[doc->n].kind = kind;
    doc->segs[doc->n].text = copy;
    doc->n++;
    return 0;
}

int crier_doc_set(char **field, const char *text, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, text, len);
    copy[len] = '\0';
    free(*field);
    *field = copy;
    return 0;
}

void crier_doc_free(crier_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n; i++)
        free(doc->segs[i].text);
    free(doc->segs);
    free(doc->title);
    free(doc->byline);
    free(doc->date);
    free(doc->site);
    free(doc->lang);
    free(doc->description);
    free(doc);
}

const char *crier_doc_title(const crier_doc *doc) { return doc->title; }
const char *crier_doc_byline(const crier_doc *doc) { return doc->byline; }
const char *crier_doc_date(const crier_doc *doc) { return doc->date; }
const char *crier_doc_site(const crier_doc *doc) { return doc->site; }
const char *crier_doc_language(const crier_doc *doc) { return doc->lang; }
const char *crier_doc_description(const crier_doc *doc) { return doc->description; }
size_t crier_doc_count(const crier_doc *doc) { return doc->n; }
crier_kind crier_doc_kind(const crier_doc *doc, size_t i) { return doc->segs[i].kind; }
const char *crier_doc_text(const crier_doc *doc, size_t i) { return doc->segs[i].text; }

static cJSON *string_or_null(const char *s) { return s ? cJSON_CreateString(s) : cJSON_CreateNull(); }

/* Builds the JSON contract. Returns a malloc'd string, or NULL on OOM. */
static char *render_json(const crier_doc *doc)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *segs = cJSON_CreateArray();
    if (!root || !segs) {
        cJSON_Delete(root);
        cJSON_Delete(segs);
        return NULL;
    }
    cJSON_AddItemToObject(root, "title", string_or_null(doc->title));
    cJSON_AddItemToObject(root, "byline", string_or_null(doc->byline));
    cJSON_AddItemToObject(root, "segments", segs);
    for (size_t i = 0; i < doc->n; i++) {
        cJSON *s = cJSON_CreateObject();
        if (!s)
            break;
        cJSON_AddStringToObject(s, "kind", crier_kind_name(doc->segs[i].kind));
        cJSON_AddStringToObject(s, "text", doc->segs[i].text);
        cJSON_AddItemToArray(segs, s);
    }
    char *json = cJSON_Print(root);
    cJSON_Delete(root);
    if (!json)
        return NULL;
    /* cJSON allocates with malloc by default; copy so that crier_free()
     * (free) is right whatever hooks cJSON was built with. */
    size_t n = strlen(json);
    char *out = malloc(n + 2);
    if (out) {
        memcpy(out, json, n);
        out[n] = '\n';
        out[n + 1] = '\0';
    }
    cJSON_free(json);
    return out;
}

/* A listing for people: "kind: text", one segment per paragraph. */
static char *render_text(const crier_doc *doc)
{
    crier_buf b = CRIER_BUF_INIT;
    if (doc->title)
        crier_buf_printf(&b, "# title: %s\n", doc->title);
    if (doc->byline)
        crier_buf_printf(&b, "# byline: %s\n", doc->byline);
    if (doc->date)
        crier_buf_printf(&b, "# date: %s\n", doc->date);
    if (doc->site)
        crier_buf_printf(&b, "# site: %s\n", doc->site);
    if (doc->lang)
        crier_buf_printf(&b, "# language: %s\n", doc->lang);
    for (size_t i = 0; i < doc->n; i++)
        crier_buf_printf(&b, "%s%s: %s\n", b.len ? "\n" : "", crier_kind_name(doc->segs[i].kind),
                         doc->segs[i].text);
    return crier_buf_detach(&b);
}

char *crier_doc_render(const crier_doc *doc, crier_render how)
{
    return how == CRIER_RENDER_JSON ? render_json(doc) : render_text(doc);
}

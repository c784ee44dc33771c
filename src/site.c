/* site.c -- the static listening page, and the readers it needs for an
 * episode's captions (WebVTT) and chapters (Podcasting 2.0 JSON).
 *
 * The page is for people first: plain HTML that works without scripts,
 * one <audio> per episode with its captions as a <track kind="captions">,
 * the chapters as a list of links, and the whole transcript as text (for
 * reading, searching, and for anyone who cannot hear the audio). A few
 * lines of script make a chapter link seek its player instead of leaving
 * the page; without scripts the link still opens the audio at that time
 * (a media fragment, "#t=SECONDS").
 *
 * Captions files are untrusted input (anyone can drop a .vtt into the
 * directory), so the reader never fails on a bad cue: it skips it. */
#define _DEFAULT_SOURCE /* realpath */
#include "batch.h"
#include "buf.h"
#include "feed.h"
#include "internal.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ==== WebVTT ============================================================= */

/* Parses "[hh:]mm:ss.ttt" at *p. Returns seconds, or -1. */
static double vtt_time(const char **p)
{
    double part[3] = {0};
    int n = 0;
    const char *s = *p;
    while (n < 3) {
        if (*s < '0' || *s > '9')
            return -1;
        double v = 0;
        int digits = 0;
        while (*s >= '0' && *s <= '9' && digits < 12) {
            v = v * 10 + (*s++ - '0');
            digits++;
        }
        part[n++] = v;
        if (*s != ':')
            break;
        s++;
    }
    if (*s != '.' || n < 2)
        return -1;
    s++;
    double frac = 0, scale = 0.1;
    for (int k = 0; k < 3; k++, s++) {
        if (*s < '0' || *s > '9')
            return -1;
        frac += (*s - '0') * scale;
        scale /= 10;
    }
    *p = s;
    return n == 3 ? part[0] * 3600 + part[1] * 60 + part[2] + frac
                  : part[0] * 60 + part[1] + frac;
}

/* Appends a cue's text line with tags removed and the common character
 * references decoded. */
static void vtt_text(crier_buf *b, const char *s, size_t n)
{
    static const struct {
        const char *name, *utf8;
    } REFS[] = {{"&amp;", "&"},  {"&lt;", "<"},        {"&gt;", ">"},       {"&quot;", "\""},
                {"&apos;", "'"}, {"&nbsp;", "\xc2\xa0"}, {"&lrm;", "\xe2\x80\x8e"},
                {"&rlm;", "\xe2\x80\x8f"}};
    for (size_t i = 0; i < n;) {
        if (s[i] == '<') {
            const char *close = memchr(s + i, '>', n - i);
            i = close ? (size_t)(close - s) + 1 : n;
            continue;
        }
        if (s[i] == '&') {
            size_t k = 0;
            while (k < CRIER_ARRAY_LEN(REFS) &&
                   (n - i < strlen(REFS[k].name) ||
                    memcmp(s + i, REFS[k].name, strlen(REFS[k].name)) != 0))
                k++;
            if (k < CRIER_ARRAY_LEN(REFS)) {
                crier_buf_puts(b, REFS[k].utf8);
                i += strlen(REFS[k].name);
                continue;
            }
        }
        crier_buf_putc(b, s[i++]);
    }
}

/* Parses one cue block (lines [s, e)). Returns 1 with *cue filled, 0 when
 * the block is not a cue, -1 when out of memory. */
static int vtt_block(const char *s, const char *e, crier_cue *cue)
{
    const char *nl = memchr(s, '\n', (size_t)(e - s));
    const char *line_end = nl ? nl : e;
    const char *arrow = NULL;
    for (const char *c = s; c + 3 <= line_end && !arrow; c++)
        if (memcmp(c, "-->", 3) == 0)
            arrow = c;
    if (!arrow) { /* an identifier line may come first */
        if (!nl)
            return 0;
        return vtt_block(nl + 1, e, cue);
    }
    const char *p = s;
    while (p < arrow && (*p == ' ' || *p == '\t'))
        p++;
    double a = vtt_time(&p);
    p = arrow + 3;
    while (p < line_end && (*p == ' ' || *p == '\t'))
        p++;
    double b = p < line_end ? vtt_time(&p) : -1;
    if (a < 0 || b < a)
        return 0;
    crier_buf t = CRIER_BUF_INIT;
    for (const char *l = nl ? nl + 1 : e; l < e;) {
        const char *le = memchr(l, '\n', (size_t)(e - l));
        le = le ? le : e;
        size_t n = (size_t)(le - l);
        if (n && l[n - 1] == '\r')
            n--;
        if (t.len)
            crier_buf_putc(&t, ' ');
        vtt_text(&t, l, n);
        l = le + 1;
    }
    crier_buf_putc(&t, '\0');
    if (t.oom) {
        crier_buf_free(&t);
        return -1;
    }
    cue->start = a;
    cue->end = b;
    cue->text = crier_buf_detach(&t);
    return cue->text ? 1 : -1;
}

/* A WebVTT file is a header block ("WEBVTT" and optional text), then
 * blocks separated by blank lines: cues (an optional identifier line, a
 * timing line with "-->", text lines), NOTE, STYLE and REGION blocks. Only
 * cues have a timing line, so every block without one is skipped, as is a
 * cue whose times do not parse or run backwards. */
crier_status crier_vtt_parse(const char *text, size_t len, crier_cue **out, size_t *count)
{
    const char *s = text, *end = text + len;
    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
        s += 3;
    if (end - s < 6 || memcmp(s, "WEBVTT", 6) != 0 ||
        (end - s > 6 && s[6] != ' ' && s[6] != '\t' && s[6] != '\n' && s[6] != '\r'))
        return CRIER_ERR_EMPTY;
    crier_cue *cues = NULL;
    size_t n = 0, cap = 0;
    int oom = 0;
    /* Blocks are separated by blank lines; the first is the header. */
    int first = 1;
    while (s < end && !oom) {
        while (s < end && (*s == '\n' || *s == '\r'))
            s++;
        const char *b = s;
        while (s < end && !(s[0] == '\n' && (s + 1 == end || s[1] == '\n' ||
                                              (s[1] == '\r' && s + 2 < end && s[2] == '\n'))))
            s++;
        if (s < end)
            s++;
        if (first || s == b) {
            first = 0;
            continue;
        }
        crier_cue c;
        int r = vtt_block(b, s, &c);
        if (r > 0 && n == cap) {
            cap = cap ? cap * 2 : 64;
            crier_cue *g = realloc(cues, cap * sizeof *g);
            if (!g) {
                free(c.text);
                r = -1;
            } else {
                cues = g;
            }
        }
        if (r > 0)
            cues[n++] = c;
        oom = r < 0;
    }
    if (oom) {
        crier_cues_free(cues, n);
        return CRIER_ERR_NOMEM;
    }
    *out = cues;
    *count = n;
    return CRIER_OK;
}

void crier_cues_free(crier_cue *cues, size_t n)
{
    for (size_t i = 0; cues && i < n; i++)
        free(cues[i].text);
    free(cues);
}

/* ==== JSON chapters ====================================================== */

crier_status crier_json_chapters_parse(const char *text, size_t len, crier_json_chapter **out, size_t *count)
{
    cJSON *o = cJSON_ParseWithLength(text, len);
    const cJSON *list = o ? cJSON_GetObjectItem(o, "chapters") : NULL;
    if (!cJSON_IsArray(list)) {
        cJSON_Delete(o);
        return CRIER_ERR_EMPTY;
    }
    size_t cap = (size_t)cJSON_GetArraySize(list), n = 0;
    crier_json_chapter *ch = calloc(cap + 1, sizeof *ch);
    int oom = !ch;
    const cJSON *c;
    cJSON_ArrayForEach(c, list)
    {
        const cJSON *t = cJSON_GetObjectItem(c, "startTime"), *title = cJSON_GetObjectItem(c, "title"),
                    *toc = cJSON_GetObjectItem(c, "toc");
        if (oom || !cJSON_IsNumber(t) || !cJSON_IsString(title) || cJSON_IsFalse(toc) ||
            t->valuedouble < 0)
            continue;
        ch[n].start = t->valuedouble;
        ch[n].title = strdup(title->valuestring);
        oom = !ch[n++].title;
    }
    cJSON_Delete(o);
    if (oom) {
        crier_json_chapters_free(ch, n);
        return CRIER_ERR_NOMEM;
    }
    *out = ch;
    *count = n;
    return CRIER_OK;
}

void crier_json_chapters_free(crier_json_chapter *ch, size_t n)
{
    for (size_t i = 0; ch && i < n; i++)
        free(ch[i].title);
    free(ch);
}

/* ==== The page =========================================================== */

/* Appends text escaped for HTML content and attribute values. */
static void esc(crier_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': crier_buf_puts(b, "&amp;"); break;
        case '<': crier_buf_puts(b, "&lt;"); break;
        case '>': crier_buf_puts(b, "&gt;"); break;
        case '"': crier_buf_puts(b, "&quot;"); break;
        default: crier_buf_putc(b, *s);
        }
    }
}

static void clock_text(char *dst, size_t n, double sec)
{
    long s = (long)(sec + 0.5);
    if (s >= 3600)
        snprintf(dst, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(dst, n, "%ld:%02ld", s / 60, s % 60);
}

/* Reads DIR/NAME.SUFFIX into a buffer, or NULL. */
static char *read_side(const char *dir, const char *name, const char *suffix, size_t *len)
{
    size_t n = strlen(dir) + strlen(name) + strlen(suffix) + 3;
    char *p = malloc(n), *text = NULL;
    if (p) {
        snprintf(p, n, "%s/%s%s", dir, name, suffix);
        if (crier_read_file(p, &text, len, NULL) != CRIER_OK)
            text = NULL;
    }
    free(p);
    return text;
}

/* Where the page links a file: relative when the page sits beside the
 * episodes, else under the base URL. Caller frees. */
static char *link_to(const char *prefix, const char *file)
{
    char *e = crier_url_escape(file);
    size_t n = strlen(prefix) + (e ? strlen(e) : 0) + 1;
    char *u = e ? malloc(n) : NULL;
    if (u)
        snprintf(u, n, "%s%s", prefix, e);
    free(e);
    return u;
}

/* The chapter list: links that seek player `id`. */
static void chapters_html(crier_buf *b, const char *dir, const crier_ep *e, const char *audio,
                          int id)
{
    size_t len = 0, n = 0;
    char *text = e->has_chapters ? read_side(dir, e->name, ".chapters.json", &len) : NULL;
    crier_json_chapter *ch = NULL;
    if (text && crier_json_chapters_parse(text, len, &ch, &n) == CRIER_OK && n) {
        crier_buf_printf(b, "<nav aria-labelledby=\"c%d\"><h3 id=\"c%d\">Chapters</h3><ol>\n",
                         id, id);
        for (size_t i = 0; i < n; i++) {
            char at[32];
            clock_text(at, sizeof at, ch[i].start);
            crier_buf_printf(b, "<li><a href=\"");
            esc(b, audio);
            crier_buf_printf(b, "#t=%.3f\" data-player=\"p%d\" data-start=\"%.3f\">", ch[i].start,
                             id, ch[i].start);
            esc(b, ch[i].title);
            crier_buf_printf(b, "</a> <span class=\"at\">(%s)</span></li>\n", at);
        }
        crier_buf_puts(b, "</ol></nav>\n");
    }
    crier_json_chapters_free(ch, n);
    free(text);
}

/* The transcript: the caption cues as text, one paragraph each. */
static void transcript_html(crier_buf *b, const char *dir, const crier_ep *e, int id)
{
    size_t len = 0, n = 0;
    char *text = e->has_vtt ? read_side(dir, e->name, ".vtt", &len) : NULL;
    crier_cue *cues = NULL;
    if (text && crier_vtt_parse(text, len, &cues, &n) == CRIER_OK && n) {
        crier_buf_printf(b, "<details><summary id=\"s%d\">Transcript</summary>\n"
                            "<div class=\"transcript\" aria-labelledby=\"s%d\">\n", id, id);
        for (size_t i = 0; i < n; i++) {
            crier_buf_puts(b, "<p>");
            esc(b, cues[i].text);
            crier_buf_puts(b, "</p>\n");
        }
        crier_buf_puts(b, "</div></details>\n");
    }
    crier_cues_free(cues, n);
    free(text);
}

/* One episode as an <article> labelled by its title: date and duration,
 * description, the player with its captions track (marked default, so
 * captions are on for those who need them without hunting for a menu),
 * a plain download link for players that cannot play the format, the
 * chapter list, and the transcript in a <details> that is closed until
 * asked for. */
static void episode_html(crier_buf *b, const char *dir, const char *prefix, const crier_ep *e,
                         int id, const char *lang)
{
    char *audio = link_to(prefix, e->audio);
    size_t vn = strlen(e->name) + 5;
    char *vname = malloc(vn), *vtt = NULL;
    if (vname) {
        snprintf(vname, vn, "%s.vtt", e->name);
        vtt = link_to(prefix, vname);
    }
    if (!audio || !vtt) {
        b->oom = 1;
    } else {
        char date[16], dur[32] = "";
        struct tm tm;
        gmtime_r(&e->when, &tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        if (e->seconds >= 0)
            clock_text(dur, sizeof dur, e->seconds);
        crier_buf_printf(b, "<article aria-labelledby=\"t%d\">\n<h2 id=\"t%d\">", id, id);
        esc(b, e->title);
        crier_buf_printf(b, "</h2>\n<p class=\"meta\"><time datetime=\"%s\">%s</time>%s%s</p>\n",
                         date, date, *dur ? " &middot; " : "", dur);
        crier_buf_puts(b, "<p>");
        esc(b, e->description);
        crier_buf_printf(b, "</p>\n<audio id=\"p%d\" controls preload=\"metadata\" src=\"", id);
        esc(b, audio);
        crier_buf_puts(b, "\">\n");
        if (e->has_vtt) {
            crier_buf_puts(b, "<track kind=\"captions\" src=\"");
            esc(b, vtt);
            crier_buf_printf(b, "\" srclang=\"%s\" label=\"Captions\" default>\n", lang);
        }
        crier_buf_puts(b, "<a href=\"");
        esc(b, audio);
        crier_buf_puts(b, "\">Download the audio</a>\n</audio>\n");
        chapters_html(b, dir, e, audio, id);
        transcript_html(b, dir, e, id);
        crier_buf_puts(b, "</article>\n");
    }
    free(audio);
    free(vname);
    free(vtt);
}

/* A chapter link seeks its player and plays from there. Without scripts
 * the link opens the audio at that time instead. */
static const char SCRIPT[] =
    "<script>\n"
    "document.addEventListener('click', function (ev) {\n"
    "  var a = ev.target.closest ? ev.target.closest('a[data-start]') : null;\n"
    "  var p = a && document.getElementById(a.getAttribute('data-player'));\n"
    "  if (!p) return;\n"
    "  ev.preventDefault();\n"
    "  p.currentTime = parseFloat(a.getAttribute('data-start'));\n"
    "  var r = p.play();\n"
    "  if (r && r.catch) r.catch(function () {});\n"
    "});\n"
    "</script>\n";

static const char STYLE[] =
    "<style>\n"
    "body{font:1.125rem/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;"
    "color:#111;background:#fff}\n"
    "article{border-top:1px solid #767676;padding:1rem 0}audio{width:100%}\n"
    "a{color:#0b4f9c}a:focus,summary:focus,audio:focus{outline:3px solid #b35c00;"
    "outline-offset:2px}\n"
    ".meta,.at{color:#444}.transcript p{margin:.3rem 0}\n"
    "</style>\n";

/* The page: a header with the channel's title and description, one
 * article per episode in the feed's order (newest first), the small
 * script, and an inline stylesheet with visible focus outlines and text
 * contrast above WCAG AA. The page is written atomically, like the feed. */
crier_status crier_site_write(const char *dir, const crier_feed_options *o, const char *site_dir,
                              crier_error *err)
{
    char rd[PATH_MAX], rs[PATH_MAX];
    int beside = realpath(dir, rd) && realpath(site_dir, rs) && strcmp(rd, rs) == 0;
    if (!beside && (!o->base_url || !*o->base_url))
        return crier_fail(err, CRIER_ERR_ARG, NULL, 0, "a base URL is required");
    crier_ep *eps = NULL;
    size_t n = 0;
    crier_status st = crier_episodes_scan(dir, &eps, &n, err);
    if (st != CRIER_OK)
        return st;
    crier_buf prefix = CRIER_BUF_INIT, b = CRIER_BUF_INIT;
    if (beside) {
        crier_buf_puts(&prefix, "");
    } else {
        crier_buf_puts(&prefix, o->base_url);
        while (prefix.len && prefix.ptr[prefix.len - 1] == '/')
            crier_buf_truncate(&prefix, prefix.len - 1);
        crier_buf_putc(&prefix, '/');
    }
    char *dtitle = o->title ? NULL : crier_dir_title(dir);
    const char *title = o->title ? o->title : dtitle ? dtitle : "crier";
    const char *lang = o->language ? o->language : "en";
    crier_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"");
    esc(&b, lang);
    crier_buf_puts(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>");
    esc(&b, title);
    crier_buf_printf(&b, "</title>\n%s</head>\n<body>\n<header><h1>", STYLE);
    esc(&b, title);
    crier_buf_puts(&b, "</h1>");
    if (o->description) {
        crier_buf_puts(&b, "<p>");
        esc(&b, o->description);
        crier_buf_puts(&b, "</p>");
    }
    crier_buf_puts(&b, "</header>\n<main>\n");
    for (size_t i = 0; i < n; i++)
        episode_html(&b, dir, prefix.ptr ? prefix.ptr : "", &eps[i], (int)i + 1, lang);
    crier_buf_printf(&b, "</main>\n%s</body>\n</html>\n", SCRIPT);
    char *index = crier_path_join(site_dir, "index.html");
    if (b.oom || prefix.oom || !index)
        st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    else
        st = crier_write_atomic(index, b.ptr, b.len, err);
    free(index);
    free(dtitle);
    crier_buf_free(&b);
    crier_buf_free(&prefix);
    crier_episodes_free(eps, n);
    return st;
}

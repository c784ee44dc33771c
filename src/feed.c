/* feed.c -- a directory of episodes to an RSS 2.0 podcast feed.
 *
 * The feed carries what Apple's podcast directory requires of a channel
 * (title, description, itunes:image, language, itunes:category,
 * itunes:explicit) and of an item (title, enclosure with url, exact length
 * and type, guid), what it recommends (itunes:author, link, pubDate,
 * description, itunes:duration, itunes:episodeType), and the Podcasting 2.0
 * elements for accessibility: podcast:transcript (WebVTT captions) and
 * podcast:chapters. See AUDIO-FACTS.md section B.
 *
 * GUIDs never change for an episode: Apple keys downloads on them. An
 * item's GUID is a UUIDv5 of the channel's podcast:guid and the episode's
 * name, so it survives re-renders, re-uploads and a rerun of crier feed;
 * only renaming the file makes a new episode. The XML is written with
 * libxml2's writer, which does the escaping, and it is deterministic: no
 * "now" anywhere (lastBuildDate is the newest episode's date). */
#define _DEFAULT_SOURCE /* timegm */
#include "feed.h"
#include "batch.h"
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <libxml/xmlwriter.h>
#include <limits.h>
#include <nettle/sha1.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Audio types a feed can enclose, in order of preference when one name has
 * several (a podcast app wants the MP3). */
static const struct {
    const char *ext, *mime;
} AUDIO[] = {
    {"mp3", "audio/mpeg"}, {"m4a", "audio/x-m4a"}, {"ogg", "audio/ogg"},
    {"opus", "audio/ogg"}, {"flac", "audio/flac"}, {"wav", "audio/wav"},
};

/* The Podcasting 2.0 namespace's UUID for podcast:guid (podcast-namespace,
 * docs/1.0.md, "guid"). */
static const uint8_t PODCAST_NS[16] = {0xea, 0xd4, 0xc2, 0x36, 0xbf, 0x58, 0x58, 0xc6,
                                       0xa2, 0xc6, 0xa6, 0xb2, 0x8d, 0x12, 0x8c, 0xb6};

void crier_feed_options_init(crier_feed_options *o) { memset(o, 0, sizeof *o); }

/* ==== Scanning a directory =============================================== */

/* The rank of a file name's audio extension in AUDIO, or -1. */
static int audio_rank(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return -1;
    for (size_t i = 0; i < CRIER_ARRAY_LEN(AUDIO); i++)
        if (strcasecmp(dot + 1, AUDIO[i].ext) == 0)
            return (int)i;
    return -1;
}

/* "a-b_c" -> "a b c": a readable title for an episode without a record. */
static char *title_from_name(const char *name)
{
    char *t = strdup(name);
    for (char *c = t; c && *c; c++)
        if (*c == '-' || *c == '_')
            *c = ' ';
    return t;
}

/* Parses the start of an ISO 8601 date or date-time (UTC unless an offset
 * follows). Returns 0, or -1 when it is not one. */
static int parse_iso(const char *s, time_t *out)
{
    struct tm tm = {0};
    int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
        return -1;
    const char *p = s + n;
    if ((*p == 'T' || *p == ' ') && sscanf(p + 1, "%2d:%2d%n", &h, &mi, &n) == 2) {
        p += 1 + n;
        if (*p == ':' && sscanf(p + 1, "%2d%n", &sec, &n) == 1)
            p += 1 + n;
        while (*p == '.' || (*p >= '0' && *p <= '9'))
            p++;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return -1;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    time_t t = timegm(&tm);
    int oh, om;
    if ((*p == '+' || *p == '-') && sscanf(p + 1, "%2d:%2d", &oh, &om) == 2)
        t -= (*p == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    *out = t;
    return 0;
}

/* The end of the last caption cue: a duration for episodes without a
 * record. Negative when unknown. */
static double duration_from_vtt(const char *path)
{
    char *text = NULL;
    size_t len = 0, n = 0;
    crier_cue *cues = NULL;
    double end = -1;
    if (crier_read_file(path, &text, &len, NULL) == CRIER_OK &&
        crier_vtt_parse(text, len, &cues, &n) == CRIER_OK)
        for (size_t i = 0; i < n; i++)
            if (cues[i].end > end)
                end = cues[i].end;
    crier_cues_free(cues, n);
    free(text);
    return end;
}

/* "DIR/NAME.SUFFIX". Caller frees. */
static char *sibling(const char *dir, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(name) + strlen(suffix) + 3;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s%s", dir, name, suffix);
    return p;
}

/* Fills an episode's metadata from its record, its files and its name. */
/* The record written by crier batch or crier bulletin is the best source;
 * without one an episode still gets a title (its name), a date (the audio
 * file's modification time) and, when it has captions, a duration (the
 * end of the last cue), so that any directory of audio makes a feed. */
static int fill_episode(const char *dir, crier_ep *e)
{
    char *audio = sibling(dir, e->audio, ""), *vtt = sibling(dir, e->name, ".vtt"),
         *chap = sibling(dir, e->name, ".chapters.json"),
         *meta = sibling(dir, e->name, ".meta.json");
    struct stat s;
    int bad = !audio || !vtt || !chap || !meta || stat(audio, &s) < 0;
    crier_episode_rec r = {0};
    r.seconds = -1;
    if (!bad) {
        e->bytes = (long long)s.st_size;
        e->when = s.st_mtime;
        e->has_vtt = access(vtt, R_OK) == 0;
        e->has_chapters = access(chap, R_OK) == 0;
        crier_episode_load(meta, &r, NULL);
        time_t t;
        if (r.date && parse_iso(r.date, &t) == 0)
            e->when = t;
        e->seconds = r.seconds >= 0 ? r.seconds : e->has_vtt ? duration_from_vtt(vtt) : -1;
        e->title = r.title ? strdup(r.title) : title_from_name(e->name);
        e->description = strdup(r.description ? r.description : e->title ? e->title : "");
        e->author = strdup(r.author ? r.author : "");
        bad = !e->title || !e->description || !e->author;
    }
    crier_episode_rec_clear(&r);
    free(audio);
    free(vtt);
    free(chap);
    free(meta);
    return bad ? -1 : 0;
}

static int cmp_ep(const void *x, const void *y)
{
    const crier_ep *a = x, *b = y;
    if (a->when != b->when)
        return a->when > b->when ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Adds file `f` as an episode, or replaces a less preferred file of the
 * same name. Returns -1 when out of memory. */
static int consider(crier_ep **eps, size_t *n, size_t *cap, const char *f, int rank)
{
    size_t stem = (size_t)(strrchr(f, '.') - f);
    for (size_t i = 0; i < *n; i++) {
        crier_ep *e = &(*eps)[i];
        if (strlen(e->name) != stem || strncmp(e->name, f, stem))
            continue;
        if (rank < audio_rank(e->audio)) {
            char *a = strdup(f);
            if (!a)
                return -1;
            free(e->audio);
            e->audio = a;
            e->mime = AUDIO[rank].mime;
        }
        return 0;
    }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        crier_ep *g = realloc(*eps, *cap * sizeof *g);
        if (!g)
            return -1;
        *eps = g;
    }
    crier_ep *e = &(*eps)[(*n)++];
    memset(e, 0, sizeof *e);
    e->name = strndup(f, stem);
    e->audio = strdup(f);
    e->mime = AUDIO[rank].mime;
    return e->name && e->audio ? 0 : -1;
}

crier_status crier_episodes_scan(const char *dir, crier_ep **out, size_t *count,
                                 crier_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return crier_fail(err, CRIER_ERR_IO, dir, 0, "cannot list the directory: %s",
                          strerror(errno));
    crier_ep *eps = NULL;
    size_t n = 0, cap = 0;
    int oom = 0;
    struct dirent *de;
    while (!oom && (de = readdir(d))) {
        int rank = audio_rank(de->d_name);
        if (de->d_name[0] != '.' && rank >= 0)
            oom = consider(&eps, &n, &cap, de->d_name, rank) < 0;
    }
    closedir(d);
    for (size_t i = 0; !oom && i < n; i++)
        oom = fill_episode(dir, &eps[i]) < 0;
    if (oom) {
        crier_episodes_free(eps, n);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    if (n)
        qsort(eps, n, sizeof *eps, cmp_ep);
    *out = eps;
    *count = n;
    return CRIER_OK;
}

void crier_episodes_free(crier_ep *eps, size_t n)
{
    for (size_t i = 0; eps && i < n; i++) {
        free(eps[i].name);
        free(eps[i].audio);
        free(eps[i].title);
        free(eps[i].description);
        free(eps[i].author);
    }
    free(eps);
}

/* ==== Small formatters =================================================== */

char *crier_dir_title(const char *dir)
{
    char real[PATH_MAX];
    const char *d = realpath(dir, real) ? real : dir;
    size_t n = strlen(d);
    while (n > 1 && d[n - 1] == '/')
        n--;
    size_t start = n;
    while (start > 0 && d[start - 1] != '/')
        start--;
    return strndup(d + start, n - start);
}

char *crier_url_escape(const char *name)
{
    static const char H[] = "0123456789ABCDEF";
    char *o = malloc(strlen(name) * 3 + 1), *p = o;
    for (const unsigned char *c = (const unsigned char *)name; o && *c; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
            *c == '-' || *c == '.' || *c == '_' || *c == '~') {
            *p++ = (char)*c;
        } else {
            *p++ = '%';
            *p++ = H[*c >> 4];
            *p++ = H[*c & 15];
        }
    }
    if (o)
        *p = '\0';
    return o;
}

/* RFC 822 date, as RSS wants, in English whatever the locale. */
static void rfc822(time_t t, char out[40])
{
    static const char *const DAY[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const MON[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000", DAY[tm.tm_wday], tm.tm_mday,
             MON[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* A name-based UUID, version 5 (RFC 4122 section 4.3), as text. */
static void uuid5(const uint8_t ns[16], const char *name, char out[37])
{
    struct sha1_ctx c;
    uint8_t d[SHA1_DIGEST_SIZE];
    sha1_init(&c);
    sha1_update(&c, 16, ns);
    sha1_update(&c, strlen(name), (const uint8_t *)name);
    sha1_digest(&c, sizeof d, d);
    d[6] = (uint8_t)((d[6] & 0x0f) | 0x50);
    d[8] = (uint8_t)((d[8] & 0x3f) | 0x80);
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", d[0],
             d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13],
             d[14], d[15]);
}

/* Reads a UUID's text form into 16 bytes. Returns 0, or -1. */
static int uuid_bytes(const char *s, uint8_t out[16])
{
    int k = 0;
    for (const char *c = s; *c && k < 32; c++) {
        if (*c == '-')
            continue;
        int v = (*c >= '0' && *c <= '9') ? *c - '0' : (*c | 32) >= 'a' && (*c | 32) <= 'f'
                                                         ? (*c | 32) - 'a' + 10 : -1;
        if (v < 0)
            return -1;
        out[k / 2] = (uint8_t)(k % 2 ? (out[k / 2] | v) : v << 4);
        k++;
    }
    return k == 32 ? 0 : -1;
}

/* The channel's podcast:guid: the given one, or UUIDv5 of the feed URL
 * without its scheme and trailing slashes (the namespace's rule). */
static int channel_guid(const crier_feed_options *o, const char *feed_url, char out[37])
{
    if (o->guid) {
        uint8_t b[16];
        if (uuid_bytes(o->guid, b) < 0)
            return -1;
        snprintf(out, 37, "%s", o->guid);
        return 0;
    }
    const char *u = strstr(feed_url, "://");
    u = u ? u + 3 : feed_url;
    char *v = strdup(u);
    if (!v)
        return -1;
    for (size_t n = strlen(v); n && v[n - 1] == '/'; n--)
        v[n - 1] = '\0';
    uuid5(PODCAST_NS, v, out);
    free(v);
    return 0;
}

/* ==== Writing the feed =================================================== */

/* Everything one feed write needs. */
typedef struct feedw {
    xmlTextWriterPtr w;
    const crier_feed_options *o;
    char *base;        /* base_url without trailing slashes */
    uint8_t ns[16];    /* the channel guid, as the namespace of item guids */
    int bad;           /* a libxml2 call failed */
} feedw;

#define X(call) (fw->bad |= (call) < 0)

static void elem(feedw *fw, const char *name, const char *text)
{
    X(xmlTextWriterWriteElement(fw->w, BAD_CAST name, BAD_CAST text));
}

static void attr(feedw *fw, const char *name, const char *value)
{
    X(xmlTextWriterWriteAttribute(fw->w, BAD_CAST name, BAD_CAST value));
}

static void start(feedw *fw, const char *name) { X(xmlTextWriterStartElement(fw->w, BAD_CAST name)); }
static void end(feedw *fw) { X(xmlTextWriterEndElement(fw->w)); }

/* base + "/" + escaped file name. Caller frees. */
static char *url_of(const feedw *fw, const char *file)
{
    char *esc = crier_url_escape(file);
    size_t n = strlen(fw->base) + (esc ? strlen(esc) : 0) + 2;
    char *u = esc ? malloc(n) : NULL;
    if (u)
        snprintf(u, n, "%s/%s", fw->base, esc);
    free(esc);
    return u;
}

/* <podcast:transcript> or <podcast:chapters> for NAME.SUFFIX. */
static void side_file(feedw *fw, const crier_ep *e, const char *el, const char *suffix,
                      const char *type)
{
    size_t n = strlen(e->name) + strlen(suffix) + 1;
    char *f = malloc(n), *u = NULL;
    if (f) {
        snprintf(f, n, "%s%s", e->name, suffix);
        u = url_of(fw, f);
    }
    fw->bad |= !u;
    start(fw, el);
    attr(fw, "url", u ? u : "");
    attr(fw, "type", type);
    if (!strcmp(suffix, ".vtt")) {
        attr(fw, "language", fw->o->language ? fw->o->language : "en");
        attr(fw, "rel", "captions");
    }
    end(fw);
    free(f);
    free(u);
}

/* One <item>: what Apple requires (title, enclosure, guid), what it
 * recommends (pubDate, description, itunes:duration in whole seconds,
 * itunes:episodeType, itunes:explicit), and the Podcasting 2.0 transcript
 * and chapters when the episode has them. */
static void item(feedw *fw, const crier_ep *e)
{
    char date[40], guid[37], len[32], dur[32];
    char *u = url_of(fw, e->audio);
    fw->bad |= !u;
    rfc822(e->when, date);
    uuid5(fw->ns, e->name, guid);
    snprintf(len, sizeof len, "%lld", e->bytes);
    start(fw, "item");
    elem(fw, "title", e->title);
    elem(fw, "description", e->description);
    elem(fw, "pubDate", date);
    start(fw, "guid");
    attr(fw, "isPermaLink", "false");
    X(xmlTextWriterWriteString(fw->w, BAD_CAST guid));
    end(fw);
    start(fw, "enclosure");
    attr(fw, "url", u ? u : "");
    attr(fw, "length", len);
    attr(fw, "type", e->mime);
    end(fw);
    elem(fw, "itunes:title", e->title);
    if (*e->author)
        elem(fw, "itunes:author", e->author);
    if (e->seconds >= 0) {
        snprintf(dur, sizeof dur, "%ld", (long)(e->seconds + 0.5));
        elem(fw, "itunes:duration", dur);
    }
    elem(fw, "itunes:episodeType", "full");
    elem(fw, "itunes:explicit", fw->o->explicit_content ? "true" : "false");
    if (e->has_vtt)
        side_file(fw, e, "podcast:transcript", ".vtt", "text/vtt");
    if (e->has_chapters)
        side_file(fw, e, "podcast:chapters", ".chapters.json", "application/json+chapters");
    end(fw);
    free(u);
}

/* The channel image: the option, or a cover file in the directory. */
static char *image_of(const feedw *fw, const char *dir)
{
    if (fw->o->image)
        return strdup(fw->o->image);
    static const char *const COVERS[] = {"cover.jpg", "cover.png", "cover.jpeg"};
    for (size_t i = 0; i < CRIER_ARRAY_LEN(COVERS); i++) {
        char *p = crier_path_join(dir, COVERS[i]);
        int there = p && access(p, R_OK) == 0;
        free(p);
        if (there)
            return url_of(fw, COVERS[i]);
    }
    return NULL;
}

static void channel(feedw *fw, const char *dir, const char *feed_url, const char *cguid,
                    const crier_ep *eps, size_t n)
{
    const crier_feed_options *o = fw->o;
    char *dtitle = o->title ? NULL : crier_dir_title(dir);
    const char *title = o->title ? o->title : dtitle ? dtitle : "crier";
    char desc[512], date[40];
    snprintf(desc, sizeof desc, "%s: news articles read aloud by crier.", title);
    start(fw, "channel");
    elem(fw, "title", title);
    elem(fw, "link", fw->base);
    elem(fw, "description", o->description ? o->description : desc);
    elem(fw, "language", o->language ? o->language : "en");
    elem(fw, "generator", "crier");
    if (n) {
        rfc822(eps[0].when, date);
        elem(fw, "lastBuildDate", date);
    }
    start(fw, "atom:link");
    attr(fw, "href", feed_url);
    attr(fw, "rel", "self");
    attr(fw, "type", "application/rss+xml");
    end(fw);
    elem(fw, "podcast:guid", cguid);
    elem(fw, "itunes:type", "episodic");
    if (o->author)
        elem(fw, "itunes:author", o->author);
    char *img = image_of(fw, dir);
    if (img) {
        start(fw, "itunes:image");
        attr(fw, "href", img);
        end(fw);
        start(fw, "image");
        elem(fw, "url", img);
        elem(fw, "title", title);
        elem(fw, "link", fw->base);
        end(fw);
    }
    free(img);
    start(fw, "itunes:category");
    attr(fw, "text", o->category ? o->category : "News");
    end(fw);
    elem(fw, "itunes:explicit", o->explicit_content ? "true" : "false");
    for (size_t i = 0; i < n; i++)
        item(fw, &eps[i]);
    end(fw);
    free(dtitle);
}

/* The XML document into a buffer. */
static crier_status render(feedw *fw, const char *dir, const char *feed_url, const char *cguid,
                           const crier_ep *eps, size_t n, xmlBufferPtr buf)
{
    fw->w = xmlNewTextWriterMemory(buf, 0);
    if (!fw->w)
        return CRIER_ERR_NOMEM;
    X(xmlTextWriterSetIndent(fw->w, 1));
    X(xmlTextWriterSetIndentString(fw->w, BAD_CAST "  "));
    X(xmlTextWriterStartDocument(fw->w, "1.0", "UTF-8", NULL));
    start(fw, "rss");
    attr(fw, "version", "2.0");
    attr(fw, "xmlns:itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd");
    attr(fw, "xmlns:podcast", "https://podcastindex.org/namespace/1.0");
    attr(fw, "xmlns:atom", "http://www.w3.org/2005/Atom");
    attr(fw, "xmlns:content", "http://purl.org/rss/1.0/modules/content/");
    channel(fw, dir, feed_url, cguid, eps, n);
    end(fw);
    X(xmlTextWriterEndDocument(fw->w));
    xmlFreeTextWriter(fw->w);
    fw->w = NULL;
    return fw->bad ? CRIER_ERR_NOMEM : CRIER_OK;
}

crier_status crier_feed_write(const char *dir, const crier_feed_options *o, const char *path,
                              crier_error *err)
{
    if (!o->base_url || !*o->base_url)
        return crier_fail(err, CRIER_ERR_ARG, NULL, 0, "a base URL is required");
    feedw fw = {NULL, o, strdup(o->base_url), {0}, 0};
    if (!fw.base)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t k = strlen(fw.base); k && fw.base[k - 1] == '/'; k--)
        fw.base[k - 1] = '\0';
    const char *slash = strrchr(path, '/');
    char *feed_url = o->feed_url ? strdup(o->feed_url) : url_of(&fw, slash ? slash + 1 : path);
    char cguid[37];
    crier_status st = feed_url ? CRIER_OK : crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    if (st == CRIER_OK && (channel_guid(o, feed_url, cguid) < 0 || uuid_bytes(cguid, fw.ns) < 0))
        st = crier_fail(err, CRIER_ERR_ARG, NULL, 0, "the channel GUID is not a UUID: %s",
                        o->guid ? o->guid : "");
    crier_ep *eps = NULL;
    size_t n = 0;
    if (st == CRIER_OK)
        st = crier_episodes_scan(dir, &eps, &n, err);
    xmlBufferPtr buf = st == CRIER_OK ? xmlBufferCreate() : NULL;
    if (st == CRIER_OK && (!buf || render(&fw, dir, feed_url, cguid, eps, n, buf) != CRIER_OK))
        st = crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory writing the feed");
    if (st == CRIER_OK)
        st = crier_write_atomic(path, (const char *)xmlBufferContent(buf),
                                (size_t)xmlBufferLength(buf), err);
    xmlBufferFree(buf);
    crier_episodes_free(eps, n);
    free(feed_url);
    free(fw.base);
    return st;
}

/* input.c -- stage 0 of the pipeline: raw bytes to clean text.
 *
 * In: the bytes of a file or of standard input. Out: NUL-terminated UTF-8
 * in NFC with "\n" line ends and no byte-order mark. Invalid UTF-8 and NUL
 * bytes are errors that name the byte offset and line: an article that is
 * not text should be reported, not read aloud as noise. Later stages may
 * then assume valid UTF-8 everywhere. */
#include "input.h"
#include "buf.h"
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* Returns the byte offset of the first invalid sequence or NUL byte, or
 * -1 when the whole buffer is valid. */
static long first_bad_byte(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            if (s[i] == 0)
                return (long)i;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return (long)i;
        i += (size_t)n;
    }
    return -1;
}

static long line_of(const char *s, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        line += s[i] == '\n';
    return line;
}

/* Copies `s` without a leading BOM, turning CRLF and lone CR into LF. */
static char *unify_newlines(const char *s, size_t len, size_t *out_len)
{
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        len -= 3;
    }
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\r') {
            p[k++] = '\n';
            if (i + 1 < len && s[i + 1] == '\n')
                i++;
        } else {
            p[k++] = s[i];
        }
    }
    p[k] = '\0';
    *out_len = k;
    return p;
}

/* ==== Legacy charsets =====================================================
 *
 * Pages saved from older sites are often in windows-1252, or in ISO 8859-1,
 * which browsers read as windows-1252 (WHATWG Encoding), and say so in a
 * <meta charset>, an http-equiv Content-Type or an XML declaration. Such a
 * page that is not valid UTF-8 is transcoded before the UTF-8 check, the
 * way a browser reads it. Anything else that is not valid UTF-8 is still
 * an error: guessing encodings is how text gets garbled. */

/* windows-1252 bytes 0x80-0x9F; the rest of the range is ISO 8859-1. */
static const uint16_t CP1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

/* True when the first kilobytes declare a charset that is windows-1252
 * in a browser: windows-1252, cp1252, iso-8859-1, latin1, us-ascii. */
static int declares_cp1252(const char *buf, size_t len)
{
    static const char *const KEYS[] = {"charset=", "encoding="};
    static const char *const NAMES[] = {"windows-1252", "cp1252", "iso-8859-1", "iso8859-1",
                                        "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii",
                                        "ascii", "x-cp1252"};
    size_t scan = len < 2048 ? len : 2048;
    for (size_t i = 0; i < scan; i++)
        for (size_t k = 0; k < CRIER_ARRAY_LEN(KEYS); k++) {
            size_t kl = strlen(KEYS[k]);
            if (i + kl > scan || strncasecmp(buf + i, KEYS[k], kl) != 0)
                continue;
            size_t j = i + kl;
            while (j < scan && (buf[j] == '"' || buf[j] == '\'' || buf[j] == ' '))
                j++;
            for (size_t m = 0; m < CRIER_ARRAY_LEN(NAMES); m++) {
                size_t nl = strlen(NAMES[m]);
                if (j + nl <= len && strncasecmp(buf + j, NAMES[m], nl) == 0 &&
                    (j + nl == len || !(isalnum((unsigned char)buf[j + nl]) || buf[j + nl] == '-')))
                    return 1;
            }
        }
    return 0;
}

/* The windows-1252 bytes as UTF-8; malloc'd, NULL when out of memory. */
static char *from_cp1252(const char *buf, size_t len, size_t *out_len)
{
    crier_buf b = CRIER_BUF_INIT;
    crier_buf_grow(&b, len + len / 2 + 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c < 0x80)
            crier_buf_putc(&b, (char)c);
        else
            crier_buf_put_cp(&b, c < 0xA0 ? CP1252[c - 0x80] : c);
    }
    if (b.oom) {
        crier_buf_free(&b);
        return NULL;
    }
    *out_len = b.len;
    return crier_buf_detach(&b);
}

crier_status crier_text_clean(const char *buf, size_t len, const char *name, char **out,
                              size_t *out_len, crier_error *err)
{
    long bad = first_bad_byte((const unsigned char *)buf, len);
    if (bad >= 0 && buf[bad] != 0 && declares_cp1252(buf, len)) {
        size_t n = 0;
        char *utf8 = from_cp1252(buf, len, &n);
        if (!utf8)
            return crier_fail(err, CRIER_ERR_NOMEM, name, 0, "out of memory");
        crier_status st = crier_text_clean(utf8, n, name, out, out_len, err);
        free(utf8);
        return st;
    }
    if (bad >= 0) {
        const char *what = buf[bad] == 0 ? "NUL byte (binary file?)" : "invalid UTF-8";
        crier_fail(err, CRIER_ERR_UTF8, name, line_of(buf, (size_t)bad), "%s at byte %ld",
                   what, bad);
        if (err)
            err->offset = bad;
        return CRIER_ERR_UTF8;
    }
    size_t n;
    char *unified = unify_newlines(buf, len, &n);
    if (!unified)
        return crier_fail(err, CRIER_ERR_NOMEM, name, 0, "out of memory");
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)unified, (utf8proc_ssize_t)n,
                                      &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(unified);
    if (m < 0)
        return crier_fail(err, m == UTF8PROC_ERROR_NOMEM ? CRIER_ERR_NOMEM : CRIER_ERR_UTF8,
                          name, 0, "%s", utf8proc_errmsg(m));
    *out = (char *)nfc;
    *out_len = (size_t)m;
    return CRIER_OK;
}

/* Counts tags ("<p", "</p", "<!--") in the first `scan` bytes, and the
 * closing ones among them. */
static void count_tags(const char *text, size_t scan, size_t *tags, size_t *closing)
{
    *tags = *closing = 0;
    for (size_t j = 0; j + 2 < scan; j++) {
        if (text[j] != '<')
            continue;
        char c = text[j + 1];
        int close = c == '/' && ((text[j + 2] | 0x20) >= 'a' && (text[j + 2] | 0x20) <= 'z');
        if (close || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
            (c == '!' && text[j + 2] == '-')) {
            (*tags)++;
            *closing += close;
        }
    }
}

int crier_input_looks_html(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
        i++;
    /* A document: doctype, XML declaration, comment, or <html>, <head>,
     * <body> first. */
    static const char *const STARTS[] = {"<!doctype", "<?xml", "<!--", "<html", "<head", "<body"};
    for (size_t t = 0; t < CRIER_ARRAY_LEN(STARTS); t++) {
        size_t k = strlen(STARTS[t]);
        if (len - i >= k && strncasecmp(text + i, STARTS[t], k) == 0)
            return 1;
    }
    /* A fragment starts with a tag and closes some, and has tags about
     * every few hundred bytes. A text dump can start with a stray tag and
     * even show a few more (a browser shows <noscript> content as text),
     * and text that quotes some HTML (a code sample) has far fewer tags per
     * kilobyte than HTML has. */
    size_t scan = len < 65536 ? len : 65536, tags, closing;
    count_tags(text, scan, &tags, &closing);
    int tag_first = i + 1 < len && text[i] == '<' &&
                    (text[i + 1] | 0x20) >= 'a' && (text[i + 1] | 0x20) <= 'z';
    if (tag_first && closing > 0 && tags * 1000 >= 3 * scan)
        return 1;
    return tags >= 8 && tags * 1000 >= 10 * scan;
}

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

crier_status crier_text_clean(const char *buf, size_t len, const char *name, char **out,
                              size_t *out_len, crier_error *err)
{
    long bad = first_bad_byte((const unsigned char *)buf, len);
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

int crier_input_looks_html(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
        i++;
    if (i < len && text[i] == '<' && i + 1 < len &&
        (text[i + 1] == '!' || text[i + 1] == '?' || text[i + 1] == '/' ||
         ((text[i + 1] | 0x20) >= 'a' && (text[i + 1] | 0x20) <= 'z')))
        return 1;
    /* A fragment with some text before its first tag: look for common
     * block tags in the first few kilobytes. */
    static const char *tags[] = {"<html", "<body", "<article", "<p>", "<div", "<br"};
    size_t scan = len < 4096 ? len : 4096;
    for (size_t t = 0; t < CRIER_ARRAY_LEN(tags); t++) {
        size_t k = strlen(tags[t]);
        for (size_t j = 0; j + k <= scan; j++)
            if (strncasecmp(text + j, tags[t], k) == 0)
                return 1;
    }
    return 0;
}

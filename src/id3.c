/* id3.c -- audio stage: an ID3v2.4 tag with UTF-8 text and chapters.
 *
 * Layout (id3.org, ID3v2.4.0 structure and frames; Chapter Frame Addendum):
 *
 *   "ID3" 04 00 00 size        header; size is "synchsafe" (7 bits a byte)
 *   frame: id[4] size[4] flags[2] body, size synchsafe too in v2.4
 *   text frame body:   03 (UTF-8) text
 *   COMM body:         03 "eng" description 00 text
 *   CTOC body:         "toc" 00, flags 03 (top level, ordered), count,
 *                      child ids each ending in 00, then a TIT2 frame
 *   CHAP body:         "chpN" 00, start ms, end ms, start and end byte
 *                      offsets (FFFFFFFF: not used), then a TIT2 frame
 *
 * All numbers big-endian. No padding, no unsynchronisation, no extended
 * header. */
#include "id3.h"
#include "buf.h"
#include "crier_version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_u32(crier_buf *b, uint32_t v)
{
    char c[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
    crier_buf_put(b, c, 4);
}

static void put_synchsafe(char *at, size_t v)
{
    for (int i = 0; i < 4; i++)
        at[i] = (char)((v >> (7 * (3 - i))) & 0x7f);
}

/* Starts a frame; returns where its size goes. */
static size_t frame_begin(crier_buf *b, const char *id)
{
    crier_buf_put(b, id, 4);
    size_t at = b->len;
    crier_buf_put(b, "\0\0\0\0\0\0", 6); /* size, flags */
    return at;
}

static void frame_end(crier_buf *b, size_t at)
{
    if (!b->oom)
        put_synchsafe(b->ptr + at, b->len - at - 6);
}

static void text_frame(crier_buf *b, const char *id, const char *text)
{
    if (!text || !text[0])
        return;
    size_t at = frame_begin(b, id);
    crier_buf_putc(b, 3);
    crier_buf_puts(b, text);
    frame_end(b, at);
}

static void comment_frame(crier_buf *b, const char *text)
{
    if (!text || !text[0])
        return;
    size_t at = frame_begin(b, "COMM");
    crier_buf_put(b, "\3eng\0", 5);
    crier_buf_puts(b, text);
    frame_end(b, at);
}

static void chapters(crier_buf *b, const crier_id3_chapter *ch, size_t n)
{
    if (n > CRIER_ID3_MAX_CHAPTERS)
        n = CRIER_ID3_MAX_CHAPTERS;
    if (!n)
        return;
    char id[16];
    size_t at = frame_begin(b, "CTOC");
    crier_buf_put(b, "toc\0\3", 5);
    crier_buf_putc(b, (char)n);
    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "chp%zu", i);
        crier_buf_put(b, id, strlen(id) + 1);
    }
    text_frame(b, "TIT2", "Chapters");
    frame_end(b, at);
    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "chp%zu", i);
        at = frame_begin(b, "CHAP");
        crier_buf_put(b, id, strlen(id) + 1);
        put_u32(b, ch[i].start_ms);
        put_u32(b, ch[i].end_ms);
        put_u32(b, 0xffffffffu);
        put_u32(b, 0xffffffffu);
        text_frame(b, "TIT2", ch[i].title && ch[i].title[0] ? ch[i].title : id);
        frame_end(b, at);
    }
}

unsigned char *crier_id3_build(const crier_tags *tags, const crier_id3_chapter *ch, size_t n,
                               size_t *len)
{
    crier_buf b = CRIER_BUF_INIT;
    crier_buf_put(&b, "ID3\4\0\0\0\0\0\0", 10);
    if (tags) {
        text_frame(&b, "TIT2", tags->title);
        text_frame(&b, "TPE1", tags->artist);
        text_frame(&b, "TALB", tags->album);
        /* TDRC takes "yyyy-MM-ddTHH:mm:ss" or a prefix of it: no zone. */
        char date[20] = "";
        for (size_t i = 0; tags->date && i < 19 && tags->date[i] &&
                           strchr("0123456789-T:", tags->date[i]);
             i++) {
            date[i] = tags->date[i];
            date[i + 1] = '\0';
        }
        text_frame(&b, "TDRC", date);
        comment_frame(&b, tags->comment);
    }
    text_frame(&b, "TSSE", "crier " CRIER_VERSION_STRING);
    chapters(&b, ch, n);
    if (b.oom) {
        crier_buf_free(&b);
        return NULL;
    }
    put_synchsafe(b.ptr + 6, b.len - 10);
    *len = b.len;
    return (unsigned char *)crier_buf_detach(&b);
}

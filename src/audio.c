/* audio.c -- audio stage: encoding through libsndfile (see audio.h).
 *
 * The only file that includes sndfile.h. Traps from AUDIO-FACTS.md D
 * handled here:
 *
 *  - FLAC writes nothing for samples beyond +-1.0 unless clipping is on,
 *    so clipping is always on (the limiter keeps samples inside anyway);
 *  - one huge write to Vorbis can crash libvorbis, so samples go out in
 *    blocks. The blocks have a fixed size whatever the caller passes, so
 *    that the encoder sees the same calls, and writes the same bytes,
 *    however the samples arrived;
 *  - Opus only takes 8, 12, 16, 24 and 48 kHz;
 *  - libsndfile writes MP3 text as Latin-1-labelled UTF-8, so MP3 chunks
 *    are written without any strings and id3.c writes a proper tag;
 *  - libsndfile gives every Ogg stream a serial number seeded from the
 *    clock, which would make two runs differ: the serial is rewritten
 *    (and the page checksums recomputed) when the file is complete. */
#include "audio.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* `ceiling` and `loss` are first guesses, measured on eSpeak speech at
 * the default settings with ffmpeg's ebur128 filter: how far below -1
 * dBTP the limiter must stay for the decoded peaks to end below it, and
 * how much integrated loudness the codec takes away. The quality check
 * after encoding (speak.c) corrects them when a setting behaves
 * differently. */
static const struct {
    const char *name;
    int sf_format;
    double ceiling;  /* dBTP before encoding */
    double loss;     /* LU lost in encoding */
    int lossy;
} FORMATS[CRIER_FMT_COUNT] = {
    /* Lossless: the file holds what the limiter made. */
    [CRIER_FMT_WAV] = {"wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, -1.5, 0, 0},
    [CRIER_FMT_FLAC] = {"flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, -1.5, 0, 0},
    /* Vorbis at its default quality adds up to 3 dB of peak. */
    [CRIER_FMT_OGG] = {"ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, -4.0, 0, 1},
    /* Opus at 48 kbit/s: -0.5 LU; below that its own spikes on some
     * plosives reach 2 dB over the limiter's ceiling. */
    [CRIER_FMT_OPUS] = {"opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, -3.0, 0.5, 1},
    /* LAME at 96 kbit/s: -0.5 LU, peaks about as before. */
    [CRIER_FMT_MP3] = {"mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, -2.0, 0.5, 1},
};

int crier_format_by_name(const char *name, crier_format *fmt)
{
    if (name[0] == '.')
        name++;
    if (strcasecmp(name, "oga") == 0)
        name = "ogg";
    for (int i = 0; i < CRIER_FMT_COUNT; i++)
        if (strcasecmp(name, FORMATS[i].name) == 0) {
            *fmt = (crier_format)i;
            return 0;
        }
    return -1;
}

int crier_format_by_path(const char *path, crier_format *fmt)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return -1;
    return crier_format_by_name(dot + 1, fmt);
}

const char *crier_format_name(crier_format fmt) { return FORMATS[fmt].name; }

double crier_format_ceiling(crier_format fmt, int kbps)
{
    /* Below 96 kbit/s LAME's peaks grow by about a decibel. */
    return FORMATS[fmt].ceiling - (fmt == CRIER_FMT_MP3 && kbps < 96 ? 0.5 : 0);
}

double crier_format_loss(crier_format fmt) { return FORMATS[fmt].loss; }

int crier_format_lossy(crier_format fmt) { return FORMATS[fmt].lossy; }

int crier_format_default_rate(crier_format fmt, int engine_rate)
{
    return fmt == CRIER_FMT_MP3 ? 44100 : fmt == CRIER_FMT_OPUS ? 48000 : engine_rate;
}

int crier_format_rate_ok(crier_format fmt, int rate)
{
    static const int OPUS[] = {8000, 12000, 16000, 24000, 48000};
    static const int MP3[] = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
    const int *list = fmt == CRIER_FMT_OPUS ? OPUS : fmt == CRIER_FMT_MP3 ? MP3 : NULL;
    size_t n = fmt == CRIER_FMT_OPUS ? CRIER_ARRAY_LEN(OPUS) : CRIER_ARRAY_LEN(MP3);
    if (!list)
        return rate >= 8000 && rate <= 192000;
    for (size_t i = 0; i < n; i++)
        if (list[i] == rate)
            return 1;
    return 0;
}

/* ==== Streaming encoder ================================================== */

enum { BLOCK = 4096 };

struct crier_encoder {
    SNDFILE *sf;
    int fd;
    crier_format fmt;
    const char *name;
    uint32_t serial;     /* Ogg: the serial number the file will carry */
    float buf[BLOCK];
    size_t fill;
};

static void set_tags(SNDFILE *sf, const crier_tags *tags)
{
    if (tags) {
        const char *v[] = {tags->title, tags->artist, tags->album, tags->date, tags->comment};
        int k[] = {SF_STR_TITLE, SF_STR_ARTIST, SF_STR_ALBUM, SF_STR_DATE, SF_STR_COMMENT};
        for (size_t i = 0; i < CRIER_ARRAY_LEN(v); i++)
            if (v[i] && v[i][0])
                sf_set_string(sf, k[i], v[i]);
    }
    sf_set_string(sf, SF_STR_SOFTWARE, "crier");
}

/* A serial number that depends only on the tags: stable across runs. */
static uint32_t tags_hash(const crier_tags *tags)
{
    uint32_t h = 2166136261u;
    const char *v[] = {tags ? tags->title : NULL, tags ? tags->artist : NULL,
                       tags ? tags->date : NULL};
    for (size_t i = 0; i < CRIER_ARRAY_LEN(v); i++)
        for (const char *s = v[i] ? v[i] : ""; *s; s++)
            h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Compression settings, which libsndfile accepts only before the first
 * write. */
static void set_compression(SNDFILE *sf, crier_format fmt, const crier_encode_opts *o)
{
    double level = -1;
    if (fmt == CRIER_FMT_OGG && o->quality >= 0)
        level = 1.0 - (o->quality > 1 ? 1 : o->quality);
    if (fmt == CRIER_FMT_OPUS) {
        /* libsndfile: bitrate ~ (1 - level) * 250 kbit/s + 6 per channel. */
        int kbps = o->bitrate > 0 ? o->bitrate : 48;
        level = 1.0 - (kbps - 6) / 250.0;
        level = level < 0 ? 0 : level > 1 ? 1 : level;
    }
    if (level >= 0)
        sf_command(sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
}

/* Why libsndfile failed: the system's reason when there is one (a full
 * disk says "No space left on device"), else libsndfile's own. */
static const char *why(SNDFILE *sf, int e)
{
    return e ? strerror(e) : sf_strerror(sf);
}

crier_status crier_encoder_open(int fd, const char *name, crier_format fmt,
                                const crier_encode_opts *o, const crier_tags *tags,
                                crier_encoder **out, crier_error *err)
{
    crier_encoder *e = calloc(1, sizeof *e);
    if (!e)
        return crier_fail(err, CRIER_ERR_NOMEM, name, 0, "out of memory");
    SF_INFO info = {0};
    info.samplerate = o->rate;
    info.channels = 1;
    info.format = FORMATS[fmt].sf_format;
    errno = 0;
    e->sf = sf_open_fd(fd, SFM_WRITE, &info, 0);
    if (!e->sf) {
        int en = errno;
        free(e);
        return crier_fail(err, CRIER_ERR_IO, name, 0, "cannot write: %s", why(NULL, en));
    }
    e->fd = fd;
    e->fmt = fmt;
    e->name = name;
    e->serial = tags_hash(tags);
    sf_command(e->sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
    set_compression(e->sf, fmt, o);
    set_tags(e->sf, tags);
    *out = e;
    return CRIER_OK;
}

static crier_status put_block(crier_encoder *e, const float *x, size_t n, crier_error *err)
{
    errno = 0;
    if (sf_writef_float(e->sf, x, (sf_count_t)n) != (sf_count_t)n)
        return crier_fail(err, CRIER_ERR_IO, e->name, 0, "cannot write: %s", why(e->sf, errno));
    return CRIER_OK;
}

crier_status crier_encoder_write(crier_encoder *e, const float *x, size_t n, crier_error *err)
{
    while (n && crier_fill_block(e->buf, &e->fill, BLOCK, &x, &n)) {
        e->fill = 0;
        crier_status st = put_block(e, e->buf, BLOCK, err);
        if (st != CRIER_OK)
            return st;
    }
    return CRIER_OK;
}

/* ==== Ogg serial numbers ================================================= */

static void ogg_crc_table(uint32_t t[256])
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t r = i << 24;
        for (int j = 0; j < 8; j++)
            r = r & 0x80000000u ? (r << 1) ^ 0x04c11db7u : r << 1;
        t[i] = r;
    }
}

static int pread_all(int fd, unsigned char *p, size_t n, off_t off)
{
    while (n) {
        ssize_t k = pread(fd, p, n, off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
        off += k;
    }
    return 0;
}

/* Gives every page of the finished Ogg file on `fd` the serial number
 * `serial`, with its checksum recomputed. Returns 0, or -1 on I/O errors
 * or a malformed page. */
static int ogg_set_serial(int fd, uint32_t serial)
{
    uint32_t crc_tab[256];
    ogg_crc_table(crc_tab);
    unsigned char *page = malloc(27 + 255 + 255 * 255);
    if (!page)
        return -1;
    off_t off = 0, end = lseek(fd, 0, SEEK_END);
    int bad = end < 0;
    while (!bad && off < end) {
        if (pread_all(fd, page, 27, off) < 0 || memcmp(page, "OggS", 4) != 0 ||
            pread_all(fd, page + 27, page[26], off + 27) < 0) {
            bad = 1;
            break;
        }
        size_t body = 0, head = 27 + (size_t)page[26];
        for (int i = 0; i < page[26]; i++)
            body += page[27 + i];
        if (pread_all(fd, page + head, body, off + (off_t)head) < 0) {
            bad = 1;
            break;
        }
        for (int i = 0; i < 4; i++) {
            page[14 + i] = (unsigned char)(serial >> (8 * i));
            page[22 + i] = 0;
        }
        uint32_t crc = 0;
        for (size_t i = 0; i < head + body; i++)
            crc = (crc << 8) ^ crc_tab[((crc >> 24) & 0xff) ^ page[i]];
        for (int i = 0; i < 4; i++)
            page[22 + i] = (unsigned char)(crc >> (8 * i));
        bad = pwrite(fd, page, 27, off) != 27;
        off += (off_t)(head + body);
    }
    free(page);
    return bad ? -1 : 0;
}

crier_status crier_encoder_close(crier_encoder *e, crier_error *err)
{
    crier_status st = e->fill ? put_block(e, e->buf, e->fill, err) : CRIER_OK;
    errno = 0;
    if (sf_close(e->sf) != 0 && st == CRIER_OK)
        st = crier_fail(err, CRIER_ERR_IO, e->name, 0, "cannot write: %s",
                        errno ? strerror(errno) : "cannot finish the file");
    if (st == CRIER_OK && (e->fmt == CRIER_FMT_OGG || e->fmt == CRIER_FMT_OPUS) &&
        ogg_set_serial(e->fd, e->serial) < 0)
        st = crier_fail(err, CRIER_ERR_IO, e->name, 0, "cannot write: %s", strerror(errno));
    free(e);
    return st;
}

/* ==== MP3 chunks ========================================================= */

struct crier_mp3 {
    SNDFILE *sf;
    unsigned char *p;
    size_t n, cap, pos;
    size_t decoded;
    int oom;
    float buf[BLOCK];
    size_t fill;
};

static sf_count_t vm_len(void *ud) { return (sf_count_t)((crier_mp3 *)ud)->n; }
static sf_count_t vm_tell(void *ud) { return (sf_count_t)((crier_mp3 *)ud)->pos; }

static sf_count_t vm_seek(sf_count_t off, int whence, void *ud)
{
    crier_mp3 *m = ud;
    sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (sf_count_t)m->pos
                                                                  : (sf_count_t)m->n;
    if (base + off < 0)
        return -1;
    m->pos = (size_t)(base + off);
    return (sf_count_t)m->pos;
}

static sf_count_t vm_read(void *ptr, sf_count_t count, void *ud)
{
    crier_mp3 *m = ud;
    size_t k = m->pos >= m->n ? 0 : m->n - m->pos;
    if ((size_t)count < k)
        k = (size_t)count;
    memcpy(ptr, m->p + m->pos, k);
    m->pos += k;
    return (sf_count_t)k;
}

static sf_count_t vm_write(const void *ptr, sf_count_t count, void *ud)
{
    crier_mp3 *m = ud;
    size_t need = m->pos + (size_t)count;
    if (need > m->cap) {
        size_t cap = m->cap ? m->cap : 1 << 16;
        while (cap < need)
            cap *= 2;
        unsigned char *p = realloc(m->p, cap);
        if (!p) {
            m->oom = 1;
            return 0;
        }
        m->p = p;
        m->cap = cap;
    }
    if (m->pos > m->n)
        memset(m->p + m->n, 0, m->pos - m->n);
    memcpy(m->p + m->pos, ptr, (size_t)count);
    m->pos = need;
    if (need > m->n)
        m->n = need;
    return count;
}

crier_mp3 *crier_mp3_new(int rate, int kbps)
{
    crier_mp3 *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    SF_VIRTUAL_IO io = {vm_len, vm_seek, vm_read, vm_write, vm_tell}; /* copied by libsndfile */
    SF_INFO info = {0};
    info.samplerate = rate;
    info.channels = 1;
    info.format = FORMATS[CRIER_FMT_MP3].sf_format;
    m->sf = sf_open_virtual(&io, SFM_WRITE, &info, m);
    if (!m->sf) {
        free(m);
        return NULL;
    }
    sf_command(m->sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
    /* Constant bitrate: libsndfile maps a level to kbit/s linearly, from
     * 320 (level 0) down to 32 at 32 kHz and above, 160 to 8 below. */
    int mode = SF_BITRATE_MODE_CONSTANT;
    sf_command(m->sf, SFC_SET_BITRATE_MODE, &mode, sizeof mode);
    double level = rate >= 32000 ? (320.0 - kbps) / 288.0 : (160.0 - kbps) / 152.0;
    level = level < 0 ? 0 : level > 1 ? 1 : level;
    sf_command(m->sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
    return m;
}

int crier_mp3_write(crier_mp3 *m, const float *x, size_t n)
{
    while (n && crier_fill_block(m->buf, &m->fill, BLOCK, &x, &n)) {
        m->fill = 0;
        if (sf_writef_float(m->sf, m->buf, BLOCK) != BLOCK || m->oom)
            return -1;
    }
    return 0;
}

/* The length of the MPEG audio Layer III frame at p (n bytes available),
 * and its samples in *spf; 0 when p is not a frame header. */
static size_t mp3_frame(const unsigned char *p, size_t n, size_t *spf)
{
    static const int KBPS1[16] = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0};
    static const int KBPS2[16] = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0};
    static const int RATE[3] = {44100, 48000, 32000};
    if (n < 4 || p[0] != 0xff || (p[1] & 0xe0) != 0xe0 || ((p[1] >> 1) & 3) != 1)
        return 0;
    int version = (p[1] >> 3) & 3; /* 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5 */
    int bi = p[2] >> 4, ri = (p[2] >> 2) & 3, pad = (p[2] >> 1) & 1;
    if (version == 1 || ri == 3 || bi == 0 || bi == 15)
        return 0;
    int rate = RATE[ri] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
    int mpeg1 = version == 3;
    int kbps = mpeg1 ? KBPS1[bi] : KBPS2[bi];
    *spf = mpeg1 ? 1152 : 576;
    return (size_t)((mpeg1 ? 144 : 72) * kbps * 1000 / rate + pad);
}

int crier_mp3_finish(crier_mp3 *m)
{
    int bad = m->fill && sf_writef_float(m->sf, m->buf, (sf_count_t)m->fill) != (sf_count_t)m->fill;
    bad |= sf_close(m->sf) != 0;
    m->sf = NULL;
    if (bad || m->oom)
        return -1;
    /* Drop the Xing/Info frame LAME puts first (it describes this chunk
     * only), then count the frames and cut anything after them. */
    size_t spf = 0, len = mp3_frame(m->p, m->n, &spf), start = 0;
    if (len && len <= m->n) {
        const unsigned char *f = m->p;
        for (size_t i = 4; i + 4 <= len && i < 64; i++)
            if (!memcmp(f + i, "Info", 4) || !memcmp(f + i, "Xing", 4)) {
                start = len;
                break;
            }
    }
    size_t at = start;
    m->decoded = 0;
    while (at < m->n && (len = mp3_frame(m->p + at, m->n - at, &spf)) && at + len <= m->n) {
        at += len;
        m->decoded += spf;
    }
    memmove(m->p, m->p + start, at - start);
    m->n = at - start;
    return 0;
}

/* MPEG audio layer III bitrates (kbit/s) by version: MPEG-1 for 32 kHz and
 * above, MPEG-2 and 2.5 below. */
static const int KBPS_MPEG1[] = {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
static const int KBPS_MPEG2[] = {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};

int crier_format_bitrate_ok(crier_format fmt, int rate, int kbps)
{
    if (fmt == CRIER_FMT_OPUS)
        return kbps >= 6 && kbps <= 256;
    if (fmt != CRIER_FMT_MP3)
        return 1;
    const int *t = rate >= 32000 ? KBPS_MPEG1 : KBPS_MPEG2;
    for (size_t i = 0; i < CRIER_ARRAY_LEN(KBPS_MPEG1); i++)
        if (t[i] == kbps)
            return 1;
    return 0;
}

size_t crier_mp3_info_len(int rate, int kbps)
{
    return (size_t)((rate >= 32000 ? 144000 : 72000) * kbps / rate);
}

size_t crier_mp3_samples_per_frame(int rate) { return rate >= 32000 ? 1152 : 576; }

void crier_mp3_info_build(const unsigned char hdr[4], uint32_t frames, uint32_t bytes,
                          unsigned char *out, size_t len)
{
    memset(out, 0, len);
    memcpy(out, hdr, 4);
    out[2] &= (unsigned char)~0x02; /* no padding byte */
    /* After the side information, which is silence (all zeros): 17 bytes
     * for MPEG-1 mono, 9 for MPEG-2 and 2.5. */
    size_t at = 4 + (((hdr[1] >> 3) & 3) == 3 ? 17 : 9);
    const unsigned char tag[12] = {'I', 'n', 'f', 'o', 0, 0, 0, 3,
                                   (unsigned char)(frames >> 24), (unsigned char)(frames >> 16),
                                   (unsigned char)(frames >> 8), (unsigned char)frames};
    if (at + 16 > len)
        return;
    memcpy(out + at, tag, 12);
    for (int i = 0; i < 4; i++)
        out[at + 12 + i] = (unsigned char)(bytes >> (24 - 8 * i));
}

const unsigned char *crier_mp3_bytes(const crier_mp3 *m, size_t *n)
{
    *n = m->n;
    return m->p;
}

size_t crier_mp3_decoded(const crier_mp3 *m) { return m->decoded; }

/* ==== Decoding, for the quality check ==================================== */

/* Reads every sample of an open file into `sink`, in blocks. */
static int decode_all(SNDFILE *sf, const SF_INFO *info, crier_decode_fn sink, void *ud)
{
    float buf[BLOCK];
    size_t frames = BLOCK / (size_t)(info->channels > 0 ? info->channels : 1);
    sf_count_t k;
    while ((k = sf_readf_float(sf, buf, (sf_count_t)frames)) > 0) {
        if (info->channels > 1) /* not ours, but mix down rather than fail */
            for (sf_count_t i = 0; i < k; i++) {
                float sum = 0;
                for (int c = 0; c < info->channels; c++)
                    sum += buf[i * info->channels + c];
                buf[i] = sum / (float)info->channels;
            }
        if (sink(ud, buf, (size_t)k))
            return -2;
    }
    return k < 0 ? -1 : 0;
}

int crier_mp3_decode(crier_mp3 *m, crier_decode_fn sink, void *ud)
{
    SF_VIRTUAL_IO io = {vm_len, vm_seek, vm_read, vm_write, vm_tell}; /* copied by libsndfile */
    SF_INFO info = {0};
    m->pos = 0;
    SNDFILE *sf = sf_open_virtual(&io, SFM_READ, &info, m);
    if (!sf)
        return -1;
    int r = decode_all(sf, &info, sink, ud);
    sf_close(sf);
    return r;
}

crier_status crier_audio_decode(int fd, const char *name, crier_decode_fn sink, void *ud,
                                int *rate, crier_error *err)
{
    if (lseek(fd, 0, SEEK_SET) < 0)
        return crier_fail(err, CRIER_ERR_IO, name, 0, "cannot read back: %s", strerror(errno));
    SF_INFO info = {0};
    SNDFILE *sf = sf_open_fd(fd, SFM_READ, &info, 0);
    if (!sf)
        return crier_fail(err, CRIER_ERR_AUDIO, name, 0, "cannot read back: %s",
                          sf_strerror(NULL));
    *rate = info.samplerate;
    int r = decode_all(sf, &info, sink, ud);
    sf_close(sf);
    if (r == -2)
        return crier_fail(err, CRIER_ERR_INTERRUPTED, name, 0, "interrupted");
    if (r < 0)
        return crier_fail(err, CRIER_ERR_AUDIO, name, 0, "cannot decode what was written");
    return CRIER_OK;
}

/* ==== Reading a sound file, for a sting ================================== */

/* Collects decoded mono samples, up to `max`. */
typedef struct clip_sink {
    float *x;
    size_t n, cap, max;
    int too_long, oom;
} clip_sink;

static int clip_take(void *ud, const float *x, size_t n)
{
    clip_sink *c = ud;
    if (c->n + n > c->max) {
        c->too_long = 1;
        return 1;
    }
    if (c->n + n > c->cap) {
        size_t cap = c->cap ? c->cap : 65536;
        while (cap < c->n + n)
            cap *= 2;
        float *g = realloc(c->x, cap * sizeof *g);
        if (!g) {
            c->oom = 1;
            return 1;
        }
        c->x = g;
        c->cap = cap;
    }
    memcpy(c->x + c->n, x, n * sizeof *x);
    c->n += n;
    return 0;
}

/* The file is opened here rather than by libsndfile so that a file that
 * is missing (an input error, EX_NOINPUT) is told apart from one that is
 * there but is not audio (a data error). The length is capped while
 * decoding: a compressed file's header may not say how long it is. */
crier_status crier_audio_read(const char *path, double max_seconds, float **x, size_t *n,
                              int *rate, crier_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat stt;
    if (fd < 0 || fstat(fd, &stt) < 0 || S_ISDIR(stt.st_mode)) {
        int en = fd < 0 ? errno : EISDIR;
        if (fd >= 0)
            close(fd);
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot open: %s", strerror(en));
    }
    SF_INFO info = {0};
    SNDFILE *sf = sf_open_fd(fd, SFM_READ, &info, 0);
    if (!sf) {
        crier_status st = crier_fail(err, CRIER_ERR_MEDIA, path, 0,
                                     "not a sound file crier can read (%s)", sf_strerror(NULL));
        close(fd);
        return st;
    }
    crier_status st = CRIER_OK;
    clip_sink c = {NULL, 0, 0, (size_t)(max_seconds * (info.samplerate > 0 ? info.samplerate : 0)),
                   0, 0};
    if (info.samplerate < 1000 || info.samplerate > 768000 || info.channels < 1 ||
        info.channels > 64)
        st = crier_fail(err, CRIER_ERR_MEDIA, path, 0, "unusable audio: %d Hz, %d channels",
                        info.samplerate, info.channels);
    else if (info.frames > 0 && info.frames < SF_COUNT_MAX && (size_t)info.frames > c.max)
        st = crier_fail(err, CRIER_ERR_MEDIA, path, 0, "%.1f s long; a sting may last %g s at most",
                        (double)info.frames / info.samplerate, max_seconds);
    if (st == CRIER_OK) {
        int r = decode_all(sf, &info, clip_take, &c);
        if (c.oom)
            st = crier_fail(err, CRIER_ERR_NOMEM, path, 0, "out of memory");
        else if (c.too_long)
            st = crier_fail(err, CRIER_ERR_MEDIA, path, 0,
                            "longer than %g s, the most a sting may last", max_seconds);
        else if (r < 0)
            st = crier_fail(err, CRIER_ERR_MEDIA, path, 0, "cannot be decoded: %s",
                            sf_strerror(sf));
        else if (!c.n)
            st = crier_fail(err, CRIER_ERR_MEDIA, path, 0, "holds no audio");
    }
    sf_close(sf);
    close(fd);
    if (st != CRIER_OK) {
        free(c.x);
        return st;
    }
    *x = c.x;
    *n = c.n;
    *rate = info.samplerate;
    return CRIER_OK;
}

void crier_mp3_free(crier_mp3 *m)
{
    if (!m)
        return;
    if (m->sf)
        sf_close(m->sf);
    free(m->p);
    free(m);
}

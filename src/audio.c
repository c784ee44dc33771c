/* audio.c -- stage 5: mono float PCM to a file, through libsndfile.
 *
 * The only file that includes sndfile.h. Writes go to a temporary file in
 * the destination directory (so the final rename is atomic on the same
 * file system), are flushed with fsync, and only then replace the target:
 * an existing file is never left half-overwritten, and a failed write
 * leaves nothing behind.
 *
 * Traps from AUDIO-FACTS.md handled here: FLAC silently writes nothing
 * for samples beyond +-1.0 unless clipping is on, and one huge write to
 * Vorbis can crash libvorbis, so samples go out in blocks. */
#include "audio.h"
#include "internal.h"

#include <errno.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *name;
    int sf_format;
} FORMATS[CRIER_FMT_COUNT] = {
    [CRIER_FMT_WAV] = {"wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16},
    [CRIER_FMT_FLAC] = {"flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16},
    [CRIER_FMT_OGG] = {"ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS},
};

int crier_format_by_name(const char *name, crier_format *fmt)
{
    if (name[0] == '.')
        name++;
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

/* Creates the temporary file beside `path`. Returns its descriptor, and its
 * name in *tmp (caller frees), or -1. */
static int make_temp(const char *path, char **tmp)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path + 1) : 0;
    size_t n = strlen(path);
    char *t = malloc(n + 16);
    if (!t)
        return -1;
    memcpy(t, path, dir);
    snprintf(t + dir, n + 16 - dir, ".%s.XXXXXX", path + dir);
    int fd = mkstemp(t);
    if (fd < 0) {
        free(t);
        return -1;
    }
    *tmp = t;
    return fd;
}

static void set_tags(SNDFILE *sf, const crier_tags *tags)
{
    if (!tags)
        return;
    const char *v[] = {tags->title, tags->artist, tags->album, tags->date, tags->comment};
    int k[] = {SF_STR_TITLE, SF_STR_ARTIST, SF_STR_ALBUM, SF_STR_DATE, SF_STR_COMMENT};
    for (size_t i = 0; i < CRIER_ARRAY_LEN(v); i++)
        if (v[i] && v[i][0])
            sf_set_string(sf, k[i], v[i]);
    sf_set_string(sf, SF_STR_SOFTWARE, "crier");
}

/* Encodes into an open descriptor. Returns 0, or -1 with *why set. */
static int encode(int fd, crier_format fmt, const float *pcm, size_t n, int rate,
                  const crier_tags *tags, double quality, const char **why)
{
    SF_INFO info = {0};
    info.samplerate = rate;
    info.channels = 1;
    info.format = FORMATS[fmt].sf_format;
    SNDFILE *sf = sf_open_fd(fd, SFM_WRITE, &info, 0);
    if (!sf) {
        *why = sf_strerror(NULL);
        return -1;
    }
    sf_command(sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
    if (quality >= 0 && fmt == CRIER_FMT_OGG) {
        double level = 1.0 - (quality > 1 ? 1 : quality);
        sf_command(sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
    }
    set_tags(sf, tags);
    int bad = 0;
    for (size_t i = 0; i < n && !bad;) {
        size_t k = n - i < 65536 ? n - i : 65536;
        bad = sf_writef_float(sf, pcm + i, (sf_count_t)k) != (sf_count_t)k;
        i += k;
    }
    if (bad)
        *why = sf_strerror(sf);
    if (sf_close(sf) != 0 && !bad) {
        bad = 1;
        *why = "cannot finish the file";
    }
    return bad ? -1 : 0;
}

crier_status crier_audio_write(const char *path, crier_format fmt, const float *pcm, size_t n,
                               int rate, const crier_tags *tags, double quality,
                               crier_error *err)
{
    char *tmp = NULL;
    int fd = make_temp(path, &tmp);
    if (fd < 0)
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
    /* mkstemp makes the file private; give it the mode a plain fopen would. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    const char *why = NULL;
    int bad = encode(fd, fmt, pcm, n, rate, tags, quality, &why);
    if (!bad && fsync(fd) < 0) {
        bad = 1;
        why = strerror(errno);
    }
    if (close(fd) < 0 && !bad) {
        bad = 1;
        why = strerror(errno);
    }
    if (!bad && rename(tmp, path) < 0) {
        bad = 1;
        why = strerror(errno);
    }
    if (bad)
        unlink(tmp);
    free(tmp);
    if (bad)
        return crier_fail(err, CRIER_ERR_IO, path, 0, "cannot write: %s", why ? why : "error");
    return CRIER_OK;
}

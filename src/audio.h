/* audio.h -- audio stage: encoding to files, through libsndfile.
 *
 * audio.c is the only file that includes sndfile.h. Two ways out:
 *
 *  - crier_encoder: one stream into one file descriptor, for WAV, FLAC,
 *    Ogg Vorbis and Opus, whose containers cannot be cut and joined;
 *  - crier_mp3: one chunk of a program into memory. MP3 frames of chunks
 *    encoded independently concatenate into a valid stream, which is how
 *    MP3 encoding (the most expensive stage) runs in parallel. */
#ifndef CRIER_AUDIO_H
#define CRIER_AUDIO_H

#include "crier.h"

typedef enum crier_format {
    CRIER_FMT_WAV,
    CRIER_FMT_FLAC,
    CRIER_FMT_OGG,  /* Ogg Vorbis */
    CRIER_FMT_OPUS, /* Ogg Opus */
    CRIER_FMT_MP3,
    CRIER_FMT_COUNT
} crier_format;

/* Finds the format named by an extension or name ("wav", ".flac", "ogg",
 * "oga", "opus", "mp3"); the match ignores case. Returns 0, or -1. */
int crier_format_by_name(const char *name, crier_format *fmt);
/* Finds the format from a path's extension. Returns 0, or -1. */
int crier_format_by_path(const char *path, crier_format *fmt);
const char *crier_format_name(crier_format fmt);

/* The output rate a format uses when none is asked for: MP3 44100 (the
 * podcast norm), Opus 48000 (its native rate), the others the engine's. */
int crier_format_default_rate(crier_format fmt, int engine_rate);
/* True when the format can be written at `rate`. */
int crier_format_rate_ok(crier_format fmt, int rate);
/* The true-peak ceiling for the limiter, in dBTP: -1 dBTP minus the
 * overshoot the format's codec adds when it is decoded (a first guess;
 * speak.c checks the decoded file). */
double crier_format_ceiling(crier_format fmt, int kbps);
/* True when the format takes `kbps` at `rate` (MP3 has a fixed table). */
int crier_format_bitrate_ok(crier_format fmt, int rate, int kbps);
/* The integrated loudness the codec takes away, in LU (a first guess). */
double crier_format_loss(crier_format fmt);
int crier_format_lossy(crier_format fmt);

typedef struct crier_encode_opts {
    int rate;        /* Hz */
    double quality;  /* Vorbis: 0-1, negative = default */
    int bitrate;     /* MP3 and Opus: kbit/s, 0 = default */
} crier_encode_opts;

/* ==== Streaming encoder ================================================== */

typedef struct crier_encoder crier_encoder;

/* Starts a file of `fmt` on `fd` (which stays open and owned by the
 * caller), with the tags that are set. `name` labels errors. Not for MP3. */
crier_status crier_encoder_open(int fd, const char *name, crier_format fmt,
                                const crier_encode_opts *o, const crier_tags *tags,
                                crier_encoder **out, crier_error *err);

/* Appends mono float samples; louder than +-1 is clipped. */
crier_status crier_encoder_write(crier_encoder *e, const float *x, size_t n, crier_error *err);

/* Finishes the file and frees the encoder (also after a failed write). */
crier_status crier_encoder_close(crier_encoder *e, crier_error *err);

/* ==== MP3 chunks ========================================================= */

/* Where input sample 0 of a chunk appears when the chunk's frames are
 * decoded without a gapless header: LAME's encoder delay (576) plus the
 * decoder's (529). Measured with ffmpeg and libsndfile (mpg123) alike. */
#define CRIER_MP3_DELAY 1105

typedef struct crier_mp3 crier_mp3;

/* A constant-bitrate MP3 encoder for one chunk, into memory. */
crier_mp3 *crier_mp3_new(int rate, int kbps);
int crier_mp3_write(crier_mp3 *m, const float *x, size_t n);
/* Ends the chunk. Afterwards the bytes are plain MP3 frames: no tag and
 * no Xing/Info frame, ready to be concatenated. Returns 0 or -1. */
int crier_mp3_finish(crier_mp3 *m);
const unsigned char *crier_mp3_bytes(const crier_mp3 *m, size_t *n);

/* The whole file gets one Xing "Info" frame of its own, before the audio
 * frames: a silent frame that decoders skip and read the exact frame count
 * from (without it, libsndfile estimates the length from the file size).
 * It carries no LAME gapless fields, so no decoder trims samples and the
 * timeline stays as computed with CRIER_MP3_DELAY. */
size_t crier_mp3_info_len(int rate, int kbps);
size_t crier_mp3_samples_per_frame(int rate);
/* Builds it from the 4-byte header of an audio frame of the file. */
void crier_mp3_info_build(const unsigned char hdr[4], uint32_t frames, uint32_t bytes,
                          unsigned char *out, size_t len);
/* How many samples the chunk's frames decode to. */
size_t crier_mp3_decoded(const crier_mp3 *m);
void crier_mp3_free(crier_mp3 *m);

/* ==== Decoding, for the quality check ==================================== */

/* Receives decoded mono samples; returns non-zero to stop decoding. */
typedef int (*crier_decode_fn)(void *ud, const float *x, size_t n);

/* Decodes a finished chunk's frames, as a player would. Returns 0 or -1. */
int crier_mp3_decode(crier_mp3 *m, crier_decode_fn sink, void *ud);

/* Decodes the finished file open on `fd` from its start, and gives its
 * sample rate in *rate. A sink that stops it gives CRIER_ERR_INTERRUPTED. */
crier_status crier_audio_decode(int fd, const char *name, crier_decode_fn sink, void *ud,
                                int *rate, crier_error *err);

/* ==== Reading a sound file, for a sting ================================== */

/* Reads a whole file that libsndfile can decode (WAV, FLAC, Ogg, Opus,
 * MP3...) of at most `max_seconds`, mixed down to mono. On success *x
 * (free with free()) holds *n samples at *rate Hz. CRIER_ERR_IO when the
 * file cannot be opened; CRIER_ERR_MEDIA when it is not audio, cannot be
 * decoded, is empty or is too long. Errors name `path`. */
crier_status crier_audio_read(const char *path, double max_seconds, float **x, size_t *n,
                              int *rate, crier_error *err);

#endif

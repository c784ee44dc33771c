/* speak.c -- articles to a published audio file: the parent's side.
 *
 * crier_speak_items() plans the program (plan.c), then runs three passes
 * over its chunks in worker processes (render.c, workers.c), and takes
 * their results strictly in chunk order:
 *
 *   measure    -> the engine's sentence and word times, unit lengths, and
 *                 the loudness of the raw speech (L0)
 *   calibrate  -> loudness after the limiter at gains G0 = target - L0 and
 *                 G0 + 3 dB; the gain G that reaches the target is read
 *                 off the line through those two points (the limiter's
 *                 loss grows smoothly with the gain). A long program is
 *                 calibrated on every k-th chunk only (CALIBRATE_CHUNKS
 *                 of them): the limiter's loss is a property of the
 *                 voices, and the same chunks' raw loudness, kept from
 *                 the first pass, turns it into the whole program's
 *   render     -> the file: MP3 frames from the workers are appended as
 *                 they come, other formats are encoded here from the
 *                 workers' samples; captions are written chunk by chunk
 *                 as each chunk's exact length becomes known
 *
 * Nothing here holds more than a block of audio, and the result does not
 * depend on the number of workers. All output goes to temporary files,
 * renamed into place together at the end. */
#include "audio.h"
#include "buf.h"
#include "captions.h"
#include "id3.h"
#include "internal.h"
#include "loudness.h"
#include "outfile.h"
#include "plan.h"
#include "render.h"
#include "synth.h"
#include "workers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void crier_speak_options_init(crier_speak_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->pitch = -1;
    opts->quality = -1;
    opts->loudness = -16;
}

void crier_speak_result_free(crier_speak_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; i < result->nchapters; i++)
        free(result->chapters[i].title);
    free(result->chapters);
    result->chapters = NULL;
    result->nchapters = 0;
}

/* How many chunks the calibration pass measures in a long program. */
enum { CALIBRATE_CHUNKS = 12 };

/* The largest program whose speech is cached between passes, in bytes of
 * 16-bit samples (about 50 minutes at 22 kHz). Longer ones synthesize again
 * rather than fill the temporary directory. */
#define CACHE_MAX (128.0 * 1024 * 1024)

/* Everything one crier_speak_items() call keeps in the parent. */
typedef struct job {
    const crier_speak_options *o;
    crier_plan *plan;
    crier_chunk_job R;
    crier_gate *gate[2];
    crier_outfile audio, caps, chaps;
    crier_encoder *enc;
    crier_cues *cap;
    uint64_t out_pos;        /* output samples before the current chunk */
    crier_chunk_stats cs;    /* the current chunk's */
    double peak;             /* linear, the whole program's */
    double dec_peak;         /* MP3: of the decoded frames */
    size_t next_chapter;
    size_t cues;
    int cues_done;           /* the captions are written (a retry keeps them) */
    unsigned char mp3_hdr[4];/* the first MP3 frame's header */
    uint64_t mp3_bytes;      /* MP3 frames written */
    size_t info_at, info_len;/* where the Info frame goes, and its size */
    double l0, l0s;          /* raw loudness: all chunks, calibrated ones */
    double raw_peak;         /* raw sample peak, linear */
    double pre_loudness;     /* after the limiter, before encoding */
    double loudness, true_peak; /* of the decoded file */
    char cache[1024];        /* the speech cache directory, or "" */
} job;

/* ==== Options ============================================================ */

/* Whether two output paths name one file: the same string, or two names
 * of one existing file. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (!a || !b)
        return 0;
    return !strcmp(a, b) || (stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
                             sa.st_ino == sb.st_ino);
}

static crier_status check_options(const crier_speak_options *o, const char *path,
                                  crier_format *fmt, crier_error *err)
{
    /* The outputs are renamed into place one after another, so one path
     * given twice would silently end up holding only the last of them. */
    const char *dup = same_file(path, o->captions_path)   ? o->captions_path
                      : same_file(path, o->chapters_path) ? o->chapters_path
                      : same_file(o->captions_path, o->chapters_path) ? o->chapters_path
                                                                      : NULL;
    if (dup)
        return crier_fail(err, CRIER_ERR_ARG, dup, 0,
                          "the audio, captions and chapters must not be the same file");
    /* A format asked for by name is what is wrong, not the output's name. */
    if (o->format && crier_format_by_name(o->format, fmt) < 0)
        return crier_fail(err, CRIER_ERR_ARG, NULL, 0,
                          "unknown audio format '%.64s' (use wav, flac, ogg, opus or mp3)",
                          o->format);
    if (!o->format && crier_format_by_path(path, fmt) < 0)
        return crier_fail(err, CRIER_ERR_ARG, path, 0,
                          "unknown audio format (use .wav, .flac, .ogg, .opus or .mp3)");
    if (!o->no_loudness && !(o->loudness >= -40 && o->loudness <= -5))
        return crier_fail(err, CRIER_ERR_ARG, NULL, 0,
                          "loudness target must be from -40 to -5 LUFS");
    if (o->sample_rate && !crier_format_rate_ok(*fmt, o->sample_rate))
        return crier_fail(err, CRIER_ERR_ARG, NULL, 0, "%s cannot be written at %d Hz",
                          crier_format_name(*fmt), o->sample_rate);
    int rate = o->sample_rate ? o->sample_rate : crier_format_default_rate(*fmt, 22050);
    if (o->bitrate && !crier_format_bitrate_ok(*fmt, rate, o->bitrate))
        return crier_fail(err, CRIER_ERR_ARG, NULL, 0, "%s cannot be written at %d kbit/s%s",
                          crier_format_name(*fmt), o->bitrate,
                          *fmt == CRIER_FMT_MP3 ? " (MPEG allows 32-320 at 32 kHz and up, "
                                                  "8-160 below)"
                                                : "");
    return CRIER_OK;
}

/* ==== Taking the workers' records ======================================== */

static crier_status take_measure(job *J, int tag, const char *p, size_t n, crier_error *err)
{
    crier_plan *plan = J->plan;
    uint64_t u;
    if (tag == REC_SENTENCE && n >= 8 + sizeof(plan_sentence)) {
        plan_sentence s;
        memcpy(&u, p, 8);
        memcpy(&s, p + 8, sizeof s);
        size_t nw = (n - 8 - sizeof s) / sizeof(plan_word);
        plan_word *w = malloc(nw ? nw * sizeof *w : 1);
        if (!w)
            return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
        memcpy(w, p + 8 + sizeof s, nw * sizeof *w);
        int bad = u >= plan->nunits || crier_plan_add_sentence(plan, (size_t)u, &s, w, nw) < 0;
        free(w);
        if (bad)
            return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    } else if (tag == REC_UNIT && n == 16) {
        uint64_t len;
        memcpy(&u, p, 8);
        memcpy(&len, p + 8, 8);
        if (u < plan->nunits)
            plan->units[u].samples = (size_t)len;
    }
    return CRIER_OK;
}

static crier_status take(void *ud, size_t task, int tag, const void *data, size_t n,
                         crier_error *err)
{
    job *J = ud;
    const char *p = data;
    if (tag == REC_BLOCKS && n >= 1) {
        /* The first pass also keeps the raw loudness of the chunks the
         * calibration will look at. */
        int m = p[0] ? 1 : 0;
        int also = J->R.pass == CRIER_PASS_MEASURE && task % J->R.stride == 0;
        size_t k = (n - 1) / sizeof(double);
        for (size_t i = 0; i < k; i++) {
            double e;
            memcpy(&e, p + 1 + i * sizeof e, sizeof e);
            crier_gate_add(J->gate[m], e);
            if (also)
                crier_gate_add(J->gate[1], e);
        }
        return CRIER_OK;
    }
    if (tag == REC_STATS && n == sizeof(crier_chunk_stats) && J->R.pass == CRIER_PASS_MEASURE) {
        crier_chunk_stats cs;
        memcpy(&cs, data, n);
        J->raw_peak = cs.peak > J->raw_peak ? cs.peak : J->raw_peak;
        return CRIER_OK;
    }
    switch (J->R.pass) {
    case CRIER_PASS_MEASURE: return take_measure(J, tag, p, n, err);
    case CRIER_PASS_CALIBRATE: return CRIER_OK;
    case CRIER_PASS_RENDER: break;
    }
    if (tag == REC_PCM)
        return crier_encoder_write(J->enc, data, n / sizeof(float), err);
    if (tag == REC_MP3) {
        if (!J->mp3_bytes && n >= 4)
            memcpy(J->mp3_hdr, data, 4);
        J->mp3_bytes += n;
        return crier_outfile_write(&J->audio, data, n, err);
    }
    if (tag == REC_STATS && n == sizeof J->cs)
        memcpy(&J->cs, data, n);
    return CRIER_OK;
}

static crier_status work(void *ud, size_t task, int fd, crier_error *err)
{
    job *J = ud;
    size_t chunk = J->R.pass == CRIER_PASS_CALIBRATE ? task * J->R.stride : task;
    return crier_render_chunk(&J->R, chunk, fd, err);
}

/* ==== Timing: captions and chapters of a rendered chunk ================== */

/* Seconds in the output file of engine sample `s` of the current chunk. */
static double out_time(const job *J, size_t s)
{
    double delay = J->R.fmt == CRIER_FMT_MP3 ? CRIER_MP3_DELAY : 0;
    double ratio = (double)J->R.out_rate / J->plan->rate;
    return ((double)J->out_pos + delay + (double)s * ratio) / J->R.out_rate;
}

/* The written text of unit u: [*from, *to) of its text's src. */
static void unit_src(const crier_plan *p, size_t u, size_t *from, size_t *to)
{
    const plan_unit *x = &p->units[u];
    int first = u == 0 || p->units[u - 1].text != x->text;
    int last = u + 1 == p->nunits || p->units[u + 1].text != x->text;
    *from = first ? 0 : crier_plan_src_offset(p, u, 0);
    *to = last ? strlen(p->texts[x->text].src) : crier_plan_src_offset(p, u + 1, 0);
}

/* Writes the cues of unit u, whose speech starts at chunk sample `at`. */
static crier_status unit_captions(job *J, size_t u, size_t at, crier_error *err)
{
    const crier_plan *p = J->plan;
    const plan_unit *x = &p->units[u];
    const char *src = p->texts[x->text].src;
    size_t from, to;
    unit_src(p, u, &from, &to);
    crier_status st = CRIER_OK;
    for (size_t i = 0; st == CRIER_OK && i < x->nsent; i++) {
        const plan_sentence *s = &p->sents[x->sent0 + i];
        if (!s->nword)
            continue;
        const plan_word *w = &p->words[s->word0];
        size_t a = i == 0 ? from : crier_plan_src_offset(p, u, w[0].pos);
        size_t b = to;
        for (size_t j = i + 1; j < x->nsent; j++) {
            const plan_sentence *t = &p->sents[x->sent0 + j];
            if (t->nword) {
                b = crier_plan_src_offset(p, u, p->words[t->word0].pos);
                break;
            }
        }
        if (a < from || b > to || b <= a)
            continue;
        crier_word_time *wt = malloc(s->nword * sizeof *wt);
        if (!wt)
            return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
        for (size_t k = 0; k < s->nword; k++) {
            size_t off = crier_plan_src_offset(p, u, w[k].pos);
            wt[k] = (crier_word_time){out_time(J, at + w[k].sample), off > a ? off - a : 0};
        }
        st = crier_cues_sentence(J->cap, src + a, b - a, wt, s->nword,
                                     out_time(J, at + s->end), err);
        free(wt);
    }
    return st;
}

static crier_status done(void *ud, size_t task, crier_error *err)
{
    job *J = ud;
    crier_plan *p = J->plan;
    if (J->R.pass != CRIER_PASS_RENDER)
        return CRIER_OK;
    size_t at = 0;
    crier_status st = CRIER_OK;
    for (size_t u = p->chunk[task]; st == CRIER_OK && u < p->chunk[task + 1]; u++) {
        const plan_unit *x = &p->units[u];
        while (J->next_chapter < p->nchapters && p->chapters[J->next_chapter].unit == u)
            p->chapters[J->next_chapter++].start = u == 0 ? 0 : out_time(J, at);
        if (J->cap && !x->clip) /* a sound file has no words */
            st = unit_captions(J, u, at + x->pause_before, err);
        at += x->pause_before + x->samples + x->pause_after;
    }
    J->out_pos += J->R.fmt == CRIER_FMT_MP3 ? J->cs.decoded : J->cs.out_samples;
    if (J->cs.peak > J->peak)
        J->peak = J->cs.peak;
    if (J->cs.dec_peak > J->dec_peak)
        J->dec_peak = J->cs.dec_peak;
    memset(&J->cs, 0, sizeof J->cs);
    return st;
}

/* ==== Passes ============================================================= */

static crier_status run_pass(job *J, crier_pass pass, crier_error *err)
{
    J->R.pass = pass;
    for (int m = 0; m < 2; m++) {
        crier_gate_free(J->gate[m]);
        if (!(J->gate[m] = crier_gate_new()))
            return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    int jobs = J->o->jobs > 0 ? J->o->jobs : crier_cpu_count();
    size_t n = J->plan->nchunks;
    if (pass == CRIER_PASS_CALIBRATE)
        n = (n + J->R.stride - 1) / J->R.stride;
    crier_pool_spec spec = {n, jobs, work, take, done, J, J->o->cancel};
    return crier_pool_run(&spec, err);
}

/* Removes the chunk files of one cache directory, then the directory. The
 * directory is opened without following links and must be the caller's
 * own; anything in it that is not a chunk file stays (and so does it). */
static void cache_sweep_one(const char *tmp, const char *name)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return;
    DIR *d = fstat(fd, &st) == 0 && st.st_uid == geteuid() ? fdopendir(fd) : NULL;
    if (!d) {
        close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n > 9 && !strncmp(e->d_name, "chunk", 5) && !strcmp(e->d_name + n - 4, ".pcm"))
            unlinkat(fd, e->d_name, 0);
    }
    closedir(d);
    rmdir(path);
}

/* A run that is killed outright (SIGKILL, a crash, the power) cannot
 * remove its speech cache. Cache directories are named after their
 * process, crier-PID-XXXXXX, so that the next run can tell the leftovers
 * of dead processes (no process has that PID, or a zombie) from the caches of live
 * ones, and remove them. A reused PID only keeps a leftover for longer;
 * a live cache removed by mistake (a process in another PID namespace
 * sharing the directory) only costs that run its cache: a chunk whose
 * file is missing is synthesized again. */
/* True when process pid is gone: no such process, or a zombie (dead,
 * waiting to be reaped, which a parent killed outright leaves for a
 * while, and kill() still finds). */
static int process_gone(long pid)
{
    if (kill((pid_t)pid, 0) < 0)
        return errno == ESRCH;
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0; /* no /proc: alive, to be safe */
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *state = strrchr(buf, ')'); /* after the command's name */
    return state && state[1] == ' ' && (state[2] == 'Z' || state[2] == 'X');
}

static void cache_sweep(const char *tmp)
{
    DIR *d = opendir(tmp);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        const char *name = e->d_name;
        if (strncmp(name, "crier-", 6) || !(name[6] >= '1' && name[6] <= '9'))
            continue;
        char *end;
        long pid = strtol(name + 6, &end, 10);
        if (*end != '-' || strlen(end + 1) != 6 || pid <= 0 || pid > INT32_MAX ||
            pid == (long)getpid())
            continue;
        if (process_gone(pid))
            cache_sweep_one(tmp, name);
    }
    if (d)
        closedir(d);
}

/* A directory for the speech cache, when the program is short enough
 * (estimated from its text at 12 characters a second, generously). */
static void cache_create(job *J)
{
    const char *tmp = getenv("TMPDIR");
    tmp = tmp && *tmp ? tmp : "/tmp";
    cache_sweep(tmp);
    size_t bytes = 0;
    for (size_t u = 0; u < J->plan->nunits; u++)
        bytes += J->plan->units[u].b - J->plan->units[u].a;
    if ((double)bytes / 12 * J->plan->rate * 2 > CACHE_MAX)
        return;
    snprintf(J->cache, sizeof J->cache, "%s/crier-%ld-XXXXXX", tmp, (long)getpid());
    if (!mkdtemp(J->cache))
        J->cache[0] = '\0'; /* no cache: synthesize every pass */
    J->R.cache = J->cache[0] ? J->cache : NULL;
}

static void cache_remove(job *J)
{
    if (!J->cache[0])
        return;
    char path[1100];
    for (size_t c = 0; J->plan && c < J->plan->nchunks; c++) {
        crier_chunk_cache_path(&J->R, c, path, sizeof path);
        unlink(path);
    }
    rmdir(J->cache);
    J->cache[0] = '\0';
    J->R.cache = NULL;
}

/* Sound files (stings) are brought to the loudness of the speech around
 * them: a jingle mastered for radio is 10 dB louder than raw synthesized
 * speech and would otherwise jump out of the episode, or be flattened by
 * the limiter. Each clip's gain is set so that it reaches `level` LUFS
 * once the program's gain of `g` dB is applied: after the first pass the
 * raw speech's loudness (g = 0); after the calibration the target itself,
 * since the limiter takes loudness from peaky speech but hardly any from
 * a mastered jingle, which the program's gain would then lift above the
 * speech. The gain is capped, so a near-silent clip is not blown up. */
static void level_clips(job *J, double level, double g)
{
    for (size_t i = 0; i < J->plan->nclips; i++) {
        plan_clip *c = &J->plan->clips[i];
        double db = isfinite(level) && isfinite(c->loudness) ? level - g - c->loudness : 0;
        db = db < -40 ? -40 : db > 20 ? 20 : db;
        c->gain = (float)pow(10, db / 20);
    }
}

/* The first pass: timings, and the raw loudness of the whole program
 * and of the chunks the calibration will measure. */
static crier_status measure(job *J, crier_error *err)
{
    size_t nc = J->plan->nchunks;
    /* Every other chunk of a short program, twelve or so of a long one. */
    J->R.stride = nc > 2 * CALIBRATE_CHUNKS ? nc / CALIBRATE_CHUNKS : nc >= 4 ? 2 : 1;
    crier_status st = run_pass(J, CRIER_PASS_MEASURE, err);
    J->l0 = crier_gate_loudness(J->gate[0]);
    J->l0s = crier_gate_loudness(J->gate[1]);
    level_clips(J, J->l0, 0);
    /* The clips' peaks at that level join the speech's, which the
     * calibration plans the limiter from. */
    for (size_t i = 0; i < J->plan->nclips; i++) {
        const plan_clip *c = &J->plan->clips[i];
        if (c->peak * c->gain > J->raw_peak)
            J->raw_peak = c->peak * c->gain;
    }
    return st;
}

/* Finds the gain that brings the program, limited at `ceiling`, to
 * `target` LUFS before encoding. Without the limiter that would be
 * G0 = target - L0; the limiter takes loudness away, more the harder it
 * works, so the gain lies above G0 by a fraction of the excess E: how far
 * the loudest raw peak would rise over the ceiling at G0. Two trial gains
 * that bracket it (0.35 E and 0.85 E above G0) are measured, and the
 * answer is read off the line through them. */
static crier_status calibrate(job *J, double target, double ceiling, crier_error *err)
{
    J->R.limit = 0;
    if (!isfinite(J->l0) || !isfinite(J->l0s) || !(J->raw_peak > 0)) /* silence */
        return CRIER_OK;
    double g0 = target - J->l0;
    double excess = 20 * log10(J->raw_peak) + g0 - ceiling;
    /* The calibrated chunks must reach what makes the whole reach target. */
    double want = target - J->l0 + J->l0s;
    J->R.limit = 1;
    J->R.ceiling = ceiling;
    J->R.gain[0] = excess > 1 ? g0 + 0.35 * excess : g0;
    J->R.gain[1] = excess > 1 ? g0 + 0.85 * excess : g0 + 1;
    crier_status st = run_pass(J, CRIER_PASS_CALIBRATE, err);
    if (st != CRIER_OK)
        return st;
    double la = crier_gate_loudness(J->gate[0]), lb = crier_gate_loudness(J->gate[1]);
    double ga = J->R.gain[0], gb = J->R.gain[1], g = gb;
    if (isfinite(la) && isfinite(lb) && lb - la > 0.01)
        g = ga + (want - la) * (gb - ga) / (lb - la);
    J->R.gain[0] = g < g0 - 1 ? g0 - 1 : g > gb + 4 ? gb + 4 : g;
    level_clips(J, target, J->R.gain[0]);
    return CRIER_OK;
}

/* ==== Output files ======================================================= */

static crier_status open_outputs(job *J, const char *path, crier_error *err)
{
    crier_status st = crier_outfile_open(&J->audio, path, err);
    if (st == CRIER_OK && J->o->captions_path)
        st = crier_outfile_open(&J->caps, J->o->captions_path, err);
    if (st == CRIER_OK && J->o->chapters_path)
        st = crier_outfile_open(&J->chaps, J->o->chapters_path, err);
    return st;
}

/* The ID3 tag: tags and chapters. Before the audio is made the chapter
 * times are unknown; the tag's size does not depend on them, so it is
 * written with zeros first and rewritten at the end. */
static crier_status write_id3(job *J, int final, crier_error *err)
{
    const crier_plan *p = J->plan;
    size_t n = J->audio.seekable ? p->nchapters : 0, len;
    crier_id3_chapter *ch = calloc(n ? n : 1, sizeof *ch);
    if (!ch)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < n; i++)
        ch[i] = (crier_id3_chapter){final ? (uint32_t)lround(p->chapters[i].start * 1000) : 0,
                                    final ? (uint32_t)lround(p->chapters[i].end * 1000) : 0,
                                    p->chapters[i].title};
    unsigned char *tag = crier_id3_build(&p->tags, ch, n, &len);
    free(ch);
    if (!tag)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    crier_status st = CRIER_OK;
    if (!final)
        st = crier_outfile_write(&J->audio, tag, len, err);
    else if (pwrite(J->audio.fd, tag, len, 0) != (ssize_t)len)
        st = crier_fail(err, CRIER_ERR_IO, J->audio.path, 0, "cannot write the tag");
    free(tag);
    return st;
}

static crier_status start_render(job *J, crier_error *err)
{
    J->out_pos = 0;
    J->peak = J->dec_peak = 0;
    J->next_chapter = 0;
    if (J->o->captions_path && !J->cues_done) {
        crier_status st = crier_cues_open(&J->caps, &J->cap, err);
        if (st != CRIER_OK)
            return st;
    }
    if (J->R.fmt == CRIER_FMT_MP3) {
        crier_status st = write_id3(J, 0, err);
        J->mp3_bytes = 0;
        J->info_len = J->audio.seekable ? crier_mp3_info_len(J->R.out_rate, J->R.kbps) : 0;
        J->info_at = (size_t)lseek(J->audio.fd, 0, SEEK_CUR);
        unsigned char zero[2048] = {0};
        if (st == CRIER_OK && J->info_len)
            st = crier_outfile_write(&J->audio, zero, J->info_len, err);
        return st;
    }
    crier_encode_opts eo = {J->R.out_rate, J->o->quality, J->o->bitrate};
    return crier_encoder_open(J->audio.fd, J->audio.path, J->R.fmt, &eo, &J->plan->tags, &J->enc,
                              err);
}

/* Ends the audio file: the encoder's last pages, or the MP3's final tag
 * with the chapter times. */
static crier_status end_audio(job *J, crier_error *err)
{
    crier_plan *p = J->plan;
    double total = (double)J->out_pos / J->R.out_rate;
    for (size_t i = 0; i < p->nchapters; i++)
        p->chapters[i].end = i + 1 < p->nchapters ? p->chapters[i + 1].start : total;
    if (J->enc) {
        crier_status st = crier_encoder_close(J->enc, err);
        J->enc = NULL;
        return st;
    }
    if (!J->audio.seekable)
        return CRIER_OK;
    crier_status st = write_id3(J, 1, err);
    unsigned char info[2048];
    size_t spf = crier_mp3_samples_per_frame(J->R.out_rate);
    crier_mp3_info_build(J->mp3_hdr, (uint32_t)(J->out_pos / spf),
                         (uint32_t)(J->mp3_bytes + J->info_len), info, J->info_len);
    if (st == CRIER_OK &&
        pwrite(J->audio.fd, info, J->info_len, (off_t)J->info_at) != (ssize_t)J->info_len)
        st = crier_fail(err, CRIER_ERR_IO, J->audio.path, 0, "cannot write: %s",
                        strerror(errno));
    return st;
}

/* ==== The quality check ================================================== */

typedef struct qa {
    crier_meter *meter;
    crier_gate *gate;
    crier_peak peak;
    const volatile sig_atomic_t *cancel;
} qa;

static int qa_take(void *ud, const float *x, size_t n)
{
    qa *q = ud;
    if (q->cancel && *q->cancel)
        return 1;
    crier_meter_add(q->meter, x, n);
    crier_peak_add(&q->peak, x, n);
    size_t k;
    const double *e = crier_meter_take(q->meter, &k);
    for (size_t i = 0; i < k; i++)
        crier_gate_add(q->gate, e[i]);
    return 0;
}

/* Measures the file as a player will decode it. MP3 chunks were decoded
 * by the workers; Ogg files are read back here; lossless files hold
 * exactly what was measured before encoding. */
static crier_status check_file(job *J, crier_error *err)
{
    J->pre_loudness = crier_gate_loudness(J->gate[0]);
    J->loudness = J->pre_loudness;
    J->true_peak = J->peak > 0 ? 20 * log10(J->peak) : -HUGE_VAL;
    if (J->R.fmt == CRIER_FMT_MP3) {
        J->loudness = crier_gate_loudness(J->gate[1]);
        J->true_peak = J->dec_peak > 0 ? 20 * log10(J->dec_peak) : -HUGE_VAL;
        return CRIER_OK;
    }
    if (!crier_format_lossy(J->R.fmt) || !J->audio.seekable)
        return CRIER_OK;
    qa q = {crier_meter_new(J->R.out_rate), crier_gate_new(), {{{0}}, {0}, 0}, J->o->cancel};
    crier_peak_init(&q.peak);
    int rate = 0;
    crier_status st = q.meter && q.gate ? CRIER_OK
                                        : crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    if (st == CRIER_OK)
        st = crier_audio_decode(J->audio.fd, J->audio.path, qa_take, &q, &rate, err);
    if (st == CRIER_OK) {
        J->loudness = crier_gate_loudness(q.gate);
        J->true_peak = crier_peak_db(&q.peak);
    }
    crier_meter_free(q.meter);
    crier_gate_free(q.gate);
    return st;
}

/* Whether the decoded file meets the target: loudness within 0.4 LU and
 * true peak at least 0.2 dB under -1 dBTP (other meters, ffmpeg's among
 * them, differ from ours by up to 0.1 dB). */
static int meets_target(const job *J)
{
    return !isfinite(J->loudness) || J->R.limit == 0 ||
           (fabs(J->loudness - J->o->loudness) <= 0.4 && J->true_peak <= -1.2);
}

/* ==== Output files ======================================================= */

/* Ends the captions and chapters, and renames every file into place. */
static crier_status finish_outputs(job *J, crier_error *err)
{
    crier_plan *p = J->plan;
    crier_status st = CRIER_OK;
    if (J->o->chapters_path) {
        crier_chapter *ch = calloc(p->nchapters ? p->nchapters : 1, sizeof *ch);
        if (!ch)
            return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
        for (size_t i = 0; i < p->nchapters; i++)
            ch[i] = (crier_chapter){p->chapters[i].start, p->chapters[i].end,
                                    p->chapters[i].title};
        st = crier_chapters_write(&J->chaps, ch, p->nchapters, err);
        free(ch);
    }
    crier_outfile *f[3] = {&J->audio, &J->caps, &J->chaps};
    for (int i = 0; i < 3 && st == CRIER_OK; i++)
        if (f[i]->fd >= 0)
            st = crier_outfile_finish(f[i], err);
    for (int i = 0; i < 3 && st == CRIER_OK; i++)
        st = crier_outfile_rename(f[i], err);
    return st;
}

/* Drops what a render wrote, to render again. */
static void discard_outputs(job *J)
{
    if (J->enc)
        crier_encoder_close(J->enc, NULL);
    if (J->cap)
        crier_cues_close(J->cap, NULL);
    J->enc = NULL;
    J->cap = NULL;
    crier_outfile_abort(&J->audio);
    crier_outfile_abort(&J->caps);
    crier_outfile_abort(&J->chaps);
}

/* Renders, checks the decoded file, and when a lossy codec took more
 * loudness or added more peak than its first guess, calibrates again for
 * what it actually did and renders once more. A codec whose peaks are
 * mostly its own noise (Opus below 32 kbit/s) misses -1 dBTP whatever the
 * limiter does; the result reports what the file measures. */
/* How far the decoded file misses the target: peaks over -1 dBTP count
 * three times as much as loudness more than 0.5 LU off. */
static double miss(const job *J)
{
    double tp = J->true_peak > -1.0 ? J->true_peak + 1.0 : 0;
    double lu = fabs(J->loudness - J->o->loudness);
    return 3 * tp + (lu > 0.5 ? lu - 0.5 : 0);
}

/* Makes the audio (the captions are written on the first run only: the
 * timeline does not depend on the gain), ends it and measures it. */
static crier_status render_audio(job *J, crier_error *err)
{
    crier_status st = start_render(J, err);
    if (st == CRIER_OK)
        st = run_pass(J, CRIER_PASS_RENDER, err);
    if (st == CRIER_OK && J->cap) {
        J->cues = crier_cues_count(J->cap);
        st = crier_cues_close(J->cap, err);
        J->cap = NULL;
        J->cues_done = 1;
    }
    if (st == CRIER_OK)
        st = end_audio(J, err);
    if (st == CRIER_OK)
        st = check_file(J, err);
    return st;
}

/* Renders and checks the decoded file. When a lossy codec took more
 * loudness or added more peak than its first guess, calibrates again for
 * what it actually did and renders a second file, then keeps whichever of
 * the two comes closer to the target: a codec's own peaks (Opus at low
 * bitrates puts single-sample spikes on some plosives) do not always
 * follow the limiter. The result reports what the kept file measures. */
static crier_status render(job *J, const char *path, crier_error *err)
{
    double target = J->o->loudness + crier_format_loss(J->R.fmt);
    double ceiling = crier_format_ceiling(J->R.fmt, J->R.kbps);
    crier_status st = J->o->no_loudness ? CRIER_OK : calibrate(J, target, ceiling, err);
    if (st == CRIER_OK)
        st = open_outputs(J, path, err);
    if (st == CRIER_OK)
        st = render_audio(J, err);
    if (st != CRIER_OK)
        return st;
    if (!meets_target(J)) {
        crier_outfile first = J->audio;
        double l1 = J->loudness, t1 = J->true_peak, m1 = miss(J), g1 = J->R.gain[0];
        target += J->o->loudness - J->loudness;
        if (J->true_peak > -1.2)
            ceiling -= J->true_peak + 1.5;
        st = calibrate(J, target, ceiling, err);
        if (st == CRIER_OK)
            st = crier_outfile_open(&J->audio, path, err);
        if (st == CRIER_OK)
            st = render_audio(J, err);
        if (st != CRIER_OK) {
            crier_outfile_abort(&first);
        } else if (miss(J) > m1) { /* the first was better */
            crier_outfile_abort(&J->audio);
            J->audio = first;
            J->loudness = l1;
            J->true_peak = t1;
            J->R.gain[0] = g1;
        } else {
            crier_outfile_abort(&first);
        }
    }
    return st == CRIER_OK ? finish_outputs(J, err) : st;
}

static crier_status fill_result(const job *J, crier_speak_result *r, crier_error *err)
{
    const crier_plan *p = J->plan;
    memset(r, 0, sizeof *r);
    r->seconds = (double)J->out_pos / J->R.out_rate;
    r->sample_rate = J->R.out_rate;
    r->segments = p->segments;
    r->loudness = J->loudness;
    r->true_peak = J->true_peak;
    r->gain = J->R.limit ? J->R.gain[0] : 0;
    r->cues = J->cues;
    r->chapters = calloc(p->nchapters ? p->nchapters : 1, sizeof *r->chapters);
    if (!r->chapters)
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < p->nchapters; i++) {
        r->chapters[i] = (crier_chapter){p->chapters[i].start, p->chapters[i].end,
                                         strdup(p->chapters[i].title)};
        r->nchapters++;
        if (!r->chapters[i].title)
            return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    return CRIER_OK;
}

/* ==== Public API ========================================================= */

/* The output rate when none is asked for: the format's, or for formats
 * that would take the engine's rate, a sound file's when it is higher
 * (up to 48 kHz), so that a jingle is not cut to the engine's 11 kHz of
 * bandwidth. */
static int default_rate(crier_format fmt, int engine_rate, const crier_plan *p)
{
    int clip = crier_plan_clip_rate(p);
    clip = clip > 48000 ? 48000 : clip;
    return crier_format_default_rate(fmt, clip > engine_rate ? clip : engine_rate);
}

static crier_status speak(job *J, const crier_item *items, size_t n, const crier_lexicon *lex,
                          const char *path, crier_speak_result *result, crier_error *err)
{
    const crier_speak_options *o = J->o;
    crier_status st = check_options(o, path, &J->R.fmt, err);
    int rate = 0;
    if (st == CRIER_OK)
        st = crier_synth_init(&rate, err);
    if (st == CRIER_OK)
        st = crier_plan_build(items, n, lex, o, rate, &J->plan, err);
    if (st == CRIER_OK && !J->plan->nunits)
        st = crier_fail(err, CRIER_ERR_EMPTY, NULL, 0, "nothing to say");
    if (st != CRIER_OK)
        return st;
    J->R.plan = J->plan;
    J->R.out_rate = o->sample_rate ? o->sample_rate : default_rate(J->R.fmt, rate, J->plan);
    J->R.kbps = o->bitrate ? o->bitrate : 96;
    /* Speech alone is mixed at the engine's rate and resampled at the
     * end, which is cheapest; a sound file would lose its treble there,
     * so a program that plays one is mixed at the output's rate. */
    int mix = J->plan->nclips && J->R.out_rate > rate ? J->R.out_rate : rate;
    st = crier_plan_mix(J->plan, mix, err);
    if (st != CRIER_OK)
        return st;
    /* Fail on an unwritable destination before any work is done. */
    st = open_outputs(J, path, err);
    cache_create(J);
    if (st == CRIER_OK)
        st = measure(J, err);
    discard_outputs(J);
    if (st == CRIER_OK)
        st = render(J, path, err);
    if (st == CRIER_OK && result)
        st = fill_result(J, result, err);
    return st;
}

crier_status crier_speak_items(const crier_item *items, size_t n, const crier_lexicon *lex,
                               const crier_speak_options *opts, const char *path,
                               crier_speak_result *result, crier_error *err)
{
    job J;
    memset(&J, 0, sizeof J);
    J.o = opts;
    J.audio.fd = J.caps.fd = J.chaps.fd = -1;
    if (result)
        memset(result, 0, sizeof *result);
    crier_status st = speak(&J, items, n, lex, path, result, err);
    if (J.enc)
        crier_encoder_close(J.enc, NULL);
    if (J.cap)
        crier_cues_close(J.cap, NULL);
    crier_outfile_abort(&J.audio);
    crier_outfile_abort(&J.caps);
    crier_outfile_abort(&J.chaps);
    cache_remove(&J);
    crier_gate_free(J.gate[0]);
    crier_gate_free(J.gate[1]);
    crier_plan_free(J.plan);
    return st;
}

crier_status crier_speak(const crier_doc *doc, const crier_lexicon *lex,
                         const crier_speak_options *opts, const char *path,
                         crier_speak_result *result, crier_error *err)
{
    crier_item item = {doc, NULL, NULL, NULL, 1, 0, NULL};
    return crier_speak_items(&item, 1, lex, opts, path, result, err);
}

crier_status crier_speak_items_script(const crier_item *items, size_t n,
                                      const crier_lexicon *lex, const crier_speak_options *opts,
                                      char **out, crier_error *err)
{
    crier_plan *p = NULL;
    crier_status st = crier_plan_build(items, n, lex, opts, 0, &p, err);
    if (st == CRIER_OK)
        st = crier_plan_script(p, out, err);
    crier_plan_free(p);
    return st;
}

crier_status crier_speak_script(const crier_doc *doc, const crier_lexicon *lex,
                                const crier_speak_options *opts, char **out, crier_error *err)
{
    crier_item item = {doc, NULL, NULL, NULL, 1, 0, NULL};
    return crier_speak_items_script(&item, 1, lex, opts, out, err);
}

/* synth.c -- stage 3: spoken text to PCM with libespeak-ng.
 *
 * The only file that includes eSpeak NG's headers. eSpeak keeps its state
 * in process globals and is not thread-safe, and (measured on 1.51) it
 * carries state from one espeak_Synth() call to the next: the same
 * sentence comes out a few samples different depending on what was spoken
 * before, and re-initializing does not reset it. So the parent process
 * initializes the engine once and never speaks; each segment is spoken by
 * a forked child that inherits the clean, initialized state, streams its
 * samples and events back over a pipe, and exits. A fork costs about half
 * a millisecond, far less than speaking a paragraph.
 *
 * Pipe records, all in host byte order:
 *   'A' u32 n, then n int16 samples
 *   'E' u32 type, u64 sample, u64 text position (1-based code points)
 *   'Z' u32 status (0 = success) -- always the last record */
#include "synth.h"
#include "internal.h"

#include <errno.h>
#include <espeak-ng/speak_lib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int engine_rate; /* 0 until crier_synth_init() succeeded */

/* ==== Child side ========================================================= */

/* eSpeak's callback in the child: forwards samples and events. The pipe's
 * file descriptor arrives through the event's user_data. */
static int child_cb(short *wav, int n, espeak_EVENT *ev)
{
    int fd = -1;
    for (espeak_EVENT *e = ev; e && e->type != espeakEVENT_LIST_TERMINATED; e++) {
        fd = (int)(intptr_t)e->user_data;
        if (e->type == espeakEVENT_WORD || e->type == espeakEVENT_SENTENCE ||
            e->type == espeakEVENT_END) {
            char rec[1 + 4 + 8 + 8];
            uint32_t type = (uint32_t)e->type;
            uint64_t sample = (uint64_t)e->sample, pos = (uint64_t)e->text_position;
            rec[0] = 'E';
            memcpy(rec + 1, &type, 4);
            memcpy(rec + 5, &sample, 8);
            memcpy(rec + 13, &pos, 8);
            if (crier_write_all(fd, rec, sizeof rec) < 0)
                return 1;
        }
    }
    if (fd < 0 && ev)
        fd = (int)(intptr_t)ev->user_data;
    if (wav && n > 0 && fd >= 0) {
        char hdr[5] = {'A'};
        uint32_t k = (uint32_t)n;
        memcpy(hdr + 1, &k, 4);
        if (crier_write_all(fd, hdr, 5) < 0 || crier_write_all(fd, wav, (size_t)n * 2) < 0)
            return 1;
    }
    return 0;
}

/* The engine's name for a role's voice: "en-us+m3". */
static void voice_name(const crier_role_voice *v, char *out, size_t cap)
{
    snprintf(out, cap, "%s%s%s", v->espeak, v->variant[0] ? "+" : "", v->variant);
}

/* Runs in the child: sets the voice, speaks, reports, exits. */
static void child_main(int fd, const crier_role_voice *v, const char *text)
{
    uint32_t status = 0;
    char name[128];
    voice_name(v, name, sizeof name);
    if (espeak_SetVoiceByName(name) != EE_OK)
        status = 1;
    espeak_SetParameter(espeakRATE, v->rate, 0);
    espeak_SetParameter(espeakPITCH, v->pitch, 0);
    espeak_SetParameter(espeakRANGE, v->range, 0);
    espeak_SetParameter(espeakVOLUME, v->volume, 0);
    /* eSpeak counts the word gap in units of 10 ms at the normal rate. */
    espeak_SetParameter(espeakWORDGAP, (v->word_gap + 5) / 10, 0);
    if (!status && espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
                                espeakCHARS_UTF8 | espeakPHONEMES, NULL,
                                (void *)(intptr_t)fd) != EE_OK)
        status = 2;
    char rec[5] = {'Z'};
    memcpy(rec + 1, &status, 4);
    crier_write_all(fd, rec, 5);
    _exit(0);
}

/* ==== Parent side ======================================================== */

crier_status crier_synth_init(int *rate, crier_error *err)
{
    if (!engine_rate) {
        int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0);
        if (r <= 0)
            return crier_fail(err, CRIER_ERR_SYNTH, NULL, 0,
                              "cannot initialize eSpeak NG (is espeak-ng-data installed?)");
        espeak_SetSynthCallback(child_cb);
        engine_rate = r;
    }
    *rate = engine_rate;
    return CRIER_OK;
}

/* Reads the child's records until 'Z'. Returns the child's status, or -1
 * when the pipe broke, or -2 when the sink asked to stop. */
static int pump(int fd, const crier_synth_sink *sink)
{
    int16_t buf[4096];
    for (;;) {
        char tag;
        uint32_t n;
        if (crier_read_all(fd, &tag, 1) < 0 || crier_read_all(fd, &n, 4) < 0)
            return -1;
        if (tag == 'Z')
            return (int)n;
        if (tag == 'E') {
            uint64_t sample, pos;
            if (crier_read_all(fd, &sample, 8) < 0 || crier_read_all(fd, &pos, 8) < 0)
                return -1;
            if (sink->event)
                sink->event(sink->ud, (crier_synth_ev)n, (size_t)sample, pos ? pos - 1 : 0);
            continue;
        }
        if (tag != 'A')
            return -1;
        while (n) {
            uint32_t k = n < 4096 ? n : 4096;
            if (crier_read_all(fd, buf, k * 2) < 0)
                return -1;
            if (sink->pcm(sink->ud, buf, k))
                return -2;
            n -= k;
        }
    }
}

crier_status crier_synth_segment(const crier_role_voice *voice, const char *text,
                                 const crier_synth_sink *sink, crier_error *err)
{
    int rate;
    crier_status st = crier_synth_init(&rate, err);
    if (st != CRIER_OK)
        return st;
    int fds[2];
    if (pipe(fds) < 0)
        return crier_fail(err, CRIER_ERR_SYNTH, NULL, 0, "pipe: %s", strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return crier_fail(err, CRIER_ERR_SYNTH, NULL, 0, "fork: %s", strerror(errno));
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(fds[1], voice, text);
    }
    close(fds[1]);
    int r = pump(fds[0], sink);
    close(fds[0]);
    if (r != 0)
        kill(pid, SIGKILL);
    int wst;
    while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
        ;
    if (r == -2)
        return crier_fail(err, CRIER_ERR_INTERRUPTED, NULL, 0, "stopped");
    if (r == 1)
        return crier_fail(err, CRIER_ERR_VOICE, NULL, 0, "eSpeak NG has no voice '%s'",
                          voice->espeak);
    if (r == 0 && WIFSIGNALED(wst))
        return crier_fail(err, CRIER_ERR_SYNTH, NULL, 0, "eSpeak NG crashed (signal %d)",
                          WTERMSIG(wst));
    if (r != 0)
        return crier_fail(err, CRIER_ERR_SYNTH, NULL, 0, "eSpeak NG failed to speak a segment");
    return CRIER_OK;
}

/* Whether the engine knows a voice. eSpeak accepts any variant name
 * silently (and then speaks without it), so variants are looked up as
 * files in its data directory; the voice itself is tried in a child, to
 * keep the parent's engine state untouched. */
crier_status crier_synth_check_voice(const crier_role_voice *voice, crier_error *err)
{
    int rate;
    crier_status st = crier_synth_init(&rate, err);
    if (st != CRIER_OK)
        return st;
    if (voice->variant[0]) {
        const char *data = NULL;
        espeak_Info(&data);
        char path[1024];
        snprintf(path, sizeof path, "%s/voices/!v/%s", data ? data : "", voice->variant);
        if (!data || access(path, R_OK) != 0)
            return crier_fail(err, CRIER_ERR_VOICE, NULL, 0, "eSpeak NG has no variant '%s'",
                              voice->variant);
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return crier_fail(err, CRIER_ERR_SYNTH, NULL, 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        char name[128];
        voice_name(voice, name, sizeof name);
        _exit(espeak_SetVoiceByName(name) == EE_OK ? 0 : 1);
    }
    int wst = 0;
    while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(wst) || WEXITSTATUS(wst) != 0)
        return crier_fail(err, CRIER_ERR_VOICE, NULL, 0, "eSpeak NG has no voice '%s'",
                          voice->espeak);
    return CRIER_OK;
}

/* audio_check.c -- checks an audio file by its properties, never its bytes.
 *
 * usage: audio_check FILE RATE CHANNELS MIN_SECONDS MAX_SECONDS MIN_RMS_DBFS
 *
 * Reads FILE with libsndfile and fails unless it has the sample rate and
 * channel count given, a duration within [MIN, MAX] seconds, and an RMS
 * level above MIN_RMS_DBFS (so a silent file fails). Prints what it
 * measured either way. */
#include "harness.h"

#include <math.h>
#include <sndfile.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: %s FILE RATE CHANNELS MIN_S MAX_S MIN_RMS_DBFS\n", argv[0]);
        return 2;
    }
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(argv[1], SFM_READ, &info);
    if (!sf) {
        fprintf(stderr, "%s: %s\n", argv[1], sf_strerror(NULL));
        return 1;
    }
    double sum = 0;
    sf_count_t total = 0;
    float buf[8192];
    sf_count_t n;
    while ((n = sf_read_float(sf, buf, 8192)) > 0) {
        for (sf_count_t i = 0; i < n; i++)
            sum += (double)buf[i] * buf[i];
        total += n;
    }
    sf_close(sf);
    double seconds = (double)info.frames / info.samplerate;
    double rms_db = total ? 10 * log10(sum / (double)total + 1e-20) : -200;
    printf("%s: %d Hz, %d channel(s), %.2f s, RMS %.1f dBFS\n", argv[1], info.samplerate,
           info.channels, seconds, rms_db);
    INT_EQ(info.samplerate, atoi(argv[2]), "sample rate");
    INT_EQ(info.channels, atoi(argv[3]), "channels");
    OK(seconds >= atof(argv[4]) && seconds <= atof(argv[5]), "duration %.2f s outside [%s, %s]",
       seconds, argv[4], argv[5]);
    OK(rms_db >= atof(argv[6]), "RMS %.1f dBFS below %s: silent?", rms_db, argv[6]);
    return harness_done();
}

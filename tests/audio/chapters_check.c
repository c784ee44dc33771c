/* chapters_check.c -- checks a Podcasting 2.0 JSON chapters file.
 *
 * usage: chapters_check FILE.json MIN_CHAPTERS AUDIO [FIRST_TITLE]
 *
 * The file must parse, say version 1.2.0, and list at least MIN_CHAPTERS
 * chapters with titles, starting at 0, in time order, each ending where
 * the next starts, the last at the end of AUDIO (read with libsndfile; a
 * decoder may add up to a frame of padding). FIRST_TITLE, when given, is
 * the first chapter's title. */
#include "harness.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    s[fread(s, 1, (size_t)n, f)] = '\0';
    fclose(f);
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s FILE.json MIN_CHAPTERS AUDIO [FIRST_TITLE]\n", argv[0]);
        return 2;
    }
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(argv[3], SFM_READ, &info);
    double seconds = sf ? (double)info.frames / info.samplerate : 0;
    if (sf)
        sf_close(sf);
    OK(sf != NULL, "cannot read %s", argv[3]);
    char *text = slurp(argv[1]);
    cJSON *root = cJSON_Parse(text);
    OK(root != NULL, "not JSON");
    const cJSON *v = cJSON_GetObjectItem(root, "version");
    OK(cJSON_IsString(v) && !strcmp(v->valuestring, "1.2.0"), "version");
    const cJSON *list = cJSON_GetObjectItem(root, "chapters");
    int n = cJSON_GetArraySize(list);
    OK(n >= atoi(argv[2]), "%d chapters, want at least %s", n, argv[2]);
    double prev_end = 0;
    for (int i = 0; i < n; i++) {
        const cJSON *c = cJSON_GetArrayItem(list, i);
        double start = cJSON_GetNumberValue(cJSON_GetObjectItem(c, "startTime"));
        double end = cJSON_GetNumberValue(cJSON_GetObjectItem(c, "endTime"));
        const char *title = cJSON_GetStringValue(cJSON_GetObjectItem(c, "title"));
        printf("%8.3f %8.3f  %s\n", start, end, title ? title : "(none)");
        OK(title && title[0], "chapter %d has no title", i);
        OK(fabs(start - prev_end) < 0.0015, "chapter %d starts at %.3f, not at %.3f", i, start,
           prev_end);
        OK(end > start, "chapter %d is empty", i);
        prev_end = end;
        if (i == 0 && argc > 4)
            STR_EQ(title, argv[4], "first chapter's title");
    }
    OK(fabs(prev_end - seconds) < 0.1, "last chapter ends at %.3f, the audio at %.3f", prev_end,
       seconds);
    cJSON_Delete(root);
    free(text);
    return harness_done();
}

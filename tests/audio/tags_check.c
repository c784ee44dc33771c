/* tags_check.c -- reads an audio file's tags with libsndfile.
 *
 * usage: tags_check FILE [title=T] [artist=A] [album=A] [date=D] ...
 *
 * Each KEY=VALUE must be the file's tag exactly (UTF-8). Prints them all. */
#include "harness.h"

#include <sndfile.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    static const struct {
        const char *key;
        int id;
    } KEYS[] = {{"title", SF_STR_TITLE},   {"artist", SF_STR_ARTIST}, {"album", SF_STR_ALBUM},
                {"date", SF_STR_DATE},     {"comment", SF_STR_COMMENT}};
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [key=value ...]\n", argv[0]);
        return 2;
    }
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(argv[1], SFM_READ, &info);
    if (!sf) {
        fprintf(stderr, "%s: %s\n", argv[1], sf_strerror(NULL));
        return 1;
    }
    for (size_t k = 0; k < sizeof KEYS / sizeof *KEYS; k++) {
        const char *v = sf_get_string(sf, KEYS[k].id);
        printf("%s: %s\n", KEYS[k].key, v ? v : "(none)");
    }
    for (int i = 2; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        OK(eq != NULL, "bad argument '%s'", argv[i]);
        if (!eq)
            continue;
        *eq = '\0';
        const char *got = NULL;
        for (size_t k = 0; k < sizeof KEYS / sizeof *KEYS; k++)
            if (!strcmp(KEYS[k].key, argv[i]))
                got = sf_get_string(sf, KEYS[k].id);
        STR_EQ(got, eq + 1, argv[i]);
    }
    sf_close(sf);
    return harness_done();
}

/* measure.c -- runs a command and reports its wall time and peak memory.
 *
 * usage: measure COMMAND [ARGS...]
 *
 * Prints "wall_s=W cpu_s=C maxrss_kb=M exit=E" on standard error after
 * the command ends. C is the user and system time of the command and
 * everything it waited for: on a busy machine, C / W shows how much of the
 * CPUs the command actually got. M is the largest resident set of the command or of any
 * process it started and waited for (wait4's ru_maxrss, which the kernel
 * carries up from reaped children): for crier, the parent or its biggest
 * worker or engine process, whichever peaked highest. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s COMMAND [ARGS...]\n", argv[0]);
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        perror(argv[1]);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    struct rusage all;
    getrusage(RUSAGE_CHILDREN, &all);
    long rss = ru.ru_maxrss > all.ru_maxrss ? ru.ru_maxrss : all.ru_maxrss;
    double cpu = (double)all.ru_utime.tv_sec + all.ru_utime.tv_usec / 1e6 +
                 (double)all.ru_stime.tv_sec + all.ru_stime.tv_usec / 1e6;
    fprintf(stderr, "wall_s=%.3f cpu_s=%.3f maxrss_kb=%ld exit=%d\n", wall, cpu, rss,
            WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

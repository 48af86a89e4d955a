/*
 * spawn_time N PROGRAM [ARGS...]: starts PROGRAM N times, one after another, and prints the medians of what each whole
 * process cost, from exec to exit, as its parent sees it:
 *
 *   wall_ms=W cpu_ms=C minflt=F failures=K
 *
 * Timed around posix_spawn() + wait4() with CLOCK_MONOTONIC; CPU (user + system) and minor page faults from wait4()'s
 * rusage. No shell in between (bash's own fork and exec are ~4 ms on the bench VM, more than C's whole start). The
 * child's stdout goes to /dev/null; a run that does not exit 0 is counted in failures.
 * Used by bench/startup/floor.sh (bench/history/2026-11-steps-1-27.md, steps 23 and 26).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    if (argc < 3 || atoi(argv[1]) < 1) {
        fprintf(stderr, "usage: spawn_time N PROGRAM [ARGS...]\n");
        return 2;
    }
    int n = atoi(argv[1]), failures = 0;
    char **child = argv + 2;
    double *wall = calloc(n, sizeof *wall), *cpu = calloc(n, sizeof *cpu), *faults = calloc(n, sizeof *faults);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    for (int i = 0; i < n; i++) {
        struct timespec t0, t1;
        struct rusage usage;
        pid_t pid;
        int status;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (posix_spawn(&pid, child[0], &actions, NULL, child, environ) != 0) {
            perror(child[0]);
            return 1;
        }
        if (wait4(pid, &status, 0, &usage) < 0) {
            perror("wait4");
            return 1;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        failures += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
        wall[i] = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
        cpu[i] = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
        faults[i] = usage.ru_minflt;
    }
    printf("wall_ms=%.2f cpu_ms=%.2f minflt=%.0f failures=%d\n", median(wall, n), median(cpu, n), median(faults, n), failures);
    return 0;
}

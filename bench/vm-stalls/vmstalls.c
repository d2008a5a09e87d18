// vmstalls: how long does this machine take the CPU away from a thread that never yields?
//
// Pins itself to one CPU and spins reading the time-stamp counter. Any gap between two consecutive reads longer than
// 1 us is time the thread did not run (an interrupt, the hypervisor, another task). It then answers the question the
// latency targets ask: if events arrived at uniformly random moments and each had to wait for the thread to run
// again, what would their wait percentiles be? An event arriving inside a stall of length g waits g minus how far into
// the stall it arrived, so the fraction of events waiting longer than w is the sum over stalls of max(0, g - w)
// divided by the run time. No program on this CPU can show percentiles below these.
//
//   cc -O2 -o vmstalls vmstalls.c && ./vmstalls CPU SECONDS
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <x86intrin.h>

#define MAX_STALLS 4000000

static double stalls_us[MAX_STALLS];

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

// Counter ticks per microsecond, measured against the monotonic clock over 200 ms.
static double ticks_per_us(void)
{
    double t0 = now_seconds();
    unsigned long long c0 = __rdtsc();
    while (now_seconds() - t0 < 0.2) {
    }
    double t1 = now_seconds();
    unsigned long long c1 = __rdtsc();
    return (c1 - c0) / ((t1 - t0) * 1e6);
}

// The wait w exceeded by a fraction `tail` of uniformly arriving events (bisection on the monotone tail function).
static double wait_percentile(long n, double run_us, double tail)
{
    double lo = 0, hi = 1e8;
    for (int i = 0; i < 80; i++) {
        double w = (lo + hi) / 2, exceeded = 0;
        for (long k = 0; k < n; k++) {
            if (stalls_us[k] > w) {
                exceeded += stalls_us[k] - w;
            }
        }
        if (exceeded / run_us > tail) {
            lo = w;
        } else {
            hi = w;
        }
    }
    return lo;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: vmstalls CPU SECONDS\n");
        return 2;
    }

    int cpu = atoi(argv[1]);
    double seconds = atof(argv[2]);
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        perror("sched_setaffinity");
        return 1;
    }

    double rate = ticks_per_us();
    unsigned long long start = __rdtsc(), last = start;
    unsigned long long end = start + (unsigned long long)(seconds * 1e6 * rate);
    long n = 0, over20 = 0, over200 = 0, over1000 = 0;
    double max_us = 0, lost_us = 0;
    for (;;) {
        unsigned long long t = __rdtsc();
        double gap = (t - last) / rate;
        if (gap > 1.0) {
            if (n < MAX_STALLS) {
                stalls_us[n++] = gap;
            }
            lost_us += gap;
            over20 += gap > 20;
            over200 += gap > 200;
            over1000 += gap > 1000;
            if (gap > max_us) {
                max_us = gap;
            }
        }
        last = t;
        if (t > end) {
            break;
        }
    }

    double run_us = seconds * 1e6;
    printf("cpu %d, %.0f s spinning: %ld stalls over 1 us (%.2f%% of the time), %ld over 20 us, %ld over 200 us, %ld over 1 ms, longest %.0f us\n",
           cpu, seconds, n, 100 * lost_us / run_us, over20, over200, over1000, max_us);
    printf("cpu %d, waits of uniformly arriving events: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, p99.99 %.1f us\n",
           cpu, wait_percentile(n, run_us, 0.5), wait_percentile(n, run_us, 0.01), wait_percentile(n, run_us, 0.001),
           wait_percentile(n, run_us, 0.0001));
    return 0;
}

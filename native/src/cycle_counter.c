/*
 * The cheapest monotonic clock the CPU offers: the time-stamp counter on x86-64, the virtual counter on aarch64,
 * and CLOCK_MONOTONIC_RAW elsewhere (then the managed side keeps Stopwatch, which is the same clock).
 * The managed side calibrates counter ticks to nanoseconds against Stopwatch once at start-up.
 */
#include "engine_native.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <x86intrin.h>

EN_API uint64_t en_read_counter(void)
{
    /* Not ordered against earlier loads; the cost is ~20 cycles instead of ~40 for rdtscp. */
    return __rdtsc();
}

static int has_rdtscp(void)
{
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(0x80000001u, &eax, &ebx, &ecx, &edx)) {
        return 0;
    }
    return (edx >> 27) & 1u;
}

/* Decided once when the library loads, before any thread can call the readers. */
static int rdtscp_available;

__attribute__((constructor)) static void detect_rdtscp(void)
{
    rdtscp_available = has_rdtscp();
}

EN_API uint64_t en_read_counter_ordered(void)
{
    if (rdtscp_available) {
        unsigned int aux;
        return __rdtscp(&aux);
    }
    _mm_lfence(); /* on Intel and on AMD with lfence serialising, this orders rdtsc after earlier instructions */
    return __rdtsc();
}

EN_API int32_t en_counter_kind(void)
{
    return EN_COUNTER_X86_TSC;
}

EN_API int32_t en_counter_invariant(void)
{
    /* CPUID.80000007H:EDX[8] "invariant TSC": constant rate in all P-, C- and T-states. */
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(0x80000000u, &eax, &ebx, &ecx, &edx) || eax < 0x80000007u) {
        return 0;
    }
    __cpuid(0x80000007u, eax, ebx, ecx, edx);
    return (edx >> 8) & 1u;
}

#elif defined(__aarch64__)

EN_API uint64_t en_read_counter(void)
{
    uint64_t value;
    __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(value));
    return value;
}

EN_API uint64_t en_read_counter_ordered(void)
{
    uint64_t value;
    __asm__ __volatile__("isb\n\tmrs %0, cntvct_el0" : "=r"(value) : : "memory");
    return value;
}

EN_API int32_t en_counter_kind(void)
{
    return EN_COUNTER_ARM_CNTVCT;
}

EN_API int32_t en_counter_invariant(void)
{
    /* The generic timer ticks at the fixed frequency in cntfrq_el0 by architecture. */
    return 1;
}

#else

#include <time.h>

static uint64_t monotonic_raw_nanos(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

EN_API uint64_t en_read_counter(void)
{
    return monotonic_raw_nanos();
}

EN_API uint64_t en_read_counter_ordered(void)
{
    return monotonic_raw_nanos();
}

EN_API int32_t en_counter_kind(void)
{
    return EN_COUNTER_CLOCK_GETTIME;
}

EN_API int32_t en_counter_invariant(void)
{
    /* Constant-rate, but a syscall-class read: not worth SuppressGCTransition, the managed side keeps Stopwatch. */
    return 0;
}

#endif

/*
 * engine_native: the small piece of the engine that .NET cannot do by itself.
 *
 * Every function returns 0 on success or a positive errno value saying why the OS refused,
 * so the managed side (src/Engine/Interop/NativeMethods.cs) can print a clear reason.
 * All arguments are blittable; nothing here allocates, blocks or calls back into managed code.
 * The counter readers are safe to call with [SuppressGCTransition]: a handful of instructions, no syscalls
 * on x86-64 and aarch64.
 */
#ifndef ENGINE_NATIVE_H
#define ENGINE_NATIVE_H

#include <stdint.h>

#if defined(ENGINE_NATIVE_BUILDING)
#define EN_API __attribute__((visibility("default")))
#else
#define EN_API
#endif

/* Bumped when a signature changes; the managed side refuses a library with another version. */
#define EN_ABI_VERSION 1

/* Which hardware counter en_read_counter reads. */
#define EN_COUNTER_X86_TSC 1        /* rdtsc */
#define EN_COUNTER_ARM_CNTVCT 2     /* aarch64 virtual counter, cntvct_el0 */
#define EN_COUNTER_CLOCK_GETTIME 3  /* CLOCK_MONOTONIC_RAW in nanoseconds: no cheap counter on this CPU */

EN_API int32_t en_abi_version(void);

/* Pins the calling thread to the given CPUs. Returns 0 or an errno (EINVAL for an empty or out-of-range set). */
EN_API int32_t en_pin_current_thread(const int32_t *cpus, int32_t count);

/* mlockall(MCL_CURRENT | MCL_FUTURE) and its undo. Returns 0 or an errno (EPERM, ENOMEM, ...). */
EN_API int32_t en_lock_memory(void);
EN_API int32_t en_unlock_memory(void);

/* Moves the calling thread to SCHED_FIFO at the given priority, or back to SCHED_OTHER. Returns 0 or an errno. */
EN_API int32_t en_set_realtime_priority(int32_t priority);
EN_API int32_t en_set_normal_priority(void);

/* Raw counter value; monotonic on one CPU, and across CPUs when the counter is invariant and synchronised. */
EN_API uint64_t en_read_counter(void);
/* Like en_read_counter, but waits until earlier instructions have executed (rdtscp on x86 when available). */
EN_API uint64_t en_read_counter_ordered(void);
/* One of EN_COUNTER_*. */
EN_API int32_t en_counter_kind(void);
/* 1 when the counter runs at a constant rate through frequency changes and deep C-states, else 0. */
EN_API int32_t en_counter_invariant(void);

#endif

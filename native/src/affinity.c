/* Thread pinning: sched_setaffinity on the calling thread (tid 0 means "me" on Linux). */
#include "engine_native.h"

#include <errno.h>
#include <sched.h>

EN_API int32_t en_abi_version(void)
{
    return EN_ABI_VERSION;
}

EN_API int32_t en_pin_current_thread(const int32_t *cpus, int32_t count)
{
    if (cpus == 0 || count <= 0) {
        return EINVAL;
    }

    int32_t highest = 0;
    for (int32_t i = 0; i < count; i++) {
        if (cpus[i] < 0) {
            return EINVAL;
        }
        if (cpus[i] > highest) {
            highest = cpus[i];
        }
    }

    /* A dynamically sized set, so machines with more than CPU_SETSIZE (1024) CPUs work too. */
    cpu_set_t *set = CPU_ALLOC((size_t)highest + 1);
    if (set == 0) {
        return ENOMEM;
    }
    size_t size = CPU_ALLOC_SIZE((size_t)highest + 1);
    CPU_ZERO_S(size, set);
    for (int32_t i = 0; i < count; i++) {
        CPU_SET_S((size_t)cpus[i], size, set);
    }

    /* The kernel answers EINVAL when no CPU of the set is online and allowed by the cpuset cgroup. */
    int rc = sched_setaffinity(0, size, set) == 0 ? 0 : errno;
    CPU_FREE(set);
    return rc;
}

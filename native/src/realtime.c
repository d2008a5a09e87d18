/* Real-time scheduling of the calling thread: SCHED_FIFO so nothing of normal priority preempts it. */
#include "engine_native.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>

EN_API int32_t en_set_realtime_priority(int32_t priority)
{
    int lowest = sched_get_priority_min(SCHED_FIFO);
    int highest = sched_get_priority_max(SCHED_FIFO);
    if (priority < lowest || priority > highest) {
        return EINVAL;
    }

    struct sched_param param = { .sched_priority = priority };
    /* pthread_setschedparam returns the error instead of setting errno.
       EPERM without CAP_SYS_NICE and with RLIMIT_RTPRIO (ulimit -r) below the requested priority. */
    return pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
}

EN_API int32_t en_set_normal_priority(void)
{
    struct sched_param param = { .sched_priority = 0 };
    return pthread_setschedparam(pthread_self(), SCHED_OTHER, &param);
}

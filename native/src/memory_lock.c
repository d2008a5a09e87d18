/* Memory locking: keeps every present and future page resident, so the hot path never takes a major fault. */
#include "engine_native.h"

#include <errno.h>
#include <sys/mman.h>

EN_API int32_t en_lock_memory(void)
{
    /* EPERM without CAP_IPC_LOCK; ENOMEM when RLIMIT_MEMLOCK (ulimit -l) is smaller than the process. */
    return mlockall(MCL_CURRENT | MCL_FUTURE) == 0 ? 0 : errno;
}

EN_API int32_t en_unlock_memory(void)
{
    return munlockall() == 0 ? 0 : errno;
}

using System.Runtime.InteropServices;

namespace Engine.Interop;

/// <summary>
/// Pins the calling thread to CPUs, locks the process's memory and raises the calling thread to real-time priority.
/// Cold code, called once per thread at start-up. Every call returns false with a readable reason when the native
/// library is missing or the OS refuses; none throws.
/// </summary>
public static class ThreadAffinity
{
    private const int EPERM = 1;
    private const int ENOMEM = 12;
    private const int EINVAL = 22;

    /// <summary>True when libengine_native.so is loaded; otherwise every Try method returns false.</summary>
    public static bool NativeAvailable => NativeLibraryStatus.IsLoaded;

    /// <summary>Why pinning is unavailable, or null when it is available.</summary>
    public static string? UnavailableReason => NativeLibraryStatus.UnavailableReason;

    /// <summary>Restricts the calling thread to one CPU.</summary>
    public static bool TryPinCurrentThread(int cpu, out string? error) => TryPinCurrentThread([cpu], out error);

    /// <summary>Restricts the calling thread to a set of CPUs.</summary>
    public static bool TryPinCurrentThread(ReadOnlySpan<int> cpus, out string? error)
    {
        if (cpus.IsEmpty)
        {
            error = "pin thread: no CPU given";
            return false;
        }

        string what = cpus.Length == 1 ? $"pin thread to CPU {cpus[0]}" : $"pin thread to CPUs {string.Join(',', cpus.ToArray())}";

        if (!NativeAvailable)
        {
            return Unavailable(what, out error);
        }

        int errno = NativeMethods.PinCurrentThread(cpus);
        string hint = errno == EINVAL
            ? $"; the CPU does not exist, is offline or is outside this process's cpuset (this machine has {Environment.ProcessorCount} CPUs)"
            : string.Empty;
        return Check(errno, what, hint, out error);
    }

    /// <summary>mlockall(MCL_CURRENT | MCL_FUTURE): keeps every present and future page of the process resident.</summary>
    public static bool TryLockMemory(out string? error)
    {
        const string what = "lock memory (mlockall)";
        if (!NativeAvailable)
        {
            return Unavailable(what, out error);
        }

        int errno = NativeMethods.LockMemory();
        string hint = errno is EPERM or ENOMEM
            ? "; needs CAP_IPC_LOCK or a memlock limit (ulimit -l, LimitMEMLOCK=) larger than the process"
            : string.Empty;
        return Check(errno, what, hint, out error);
    }

    /// <summary>munlockall: undoes <see cref="TryLockMemory"/>.</summary>
    public static bool TryUnlockMemory(out string? error)
    {
        const string what = "unlock memory (munlockall)";
        return NativeAvailable ? Check(NativeMethods.UnlockMemory(), what, string.Empty, out error) : Unavailable(what, out error);
    }

    /// <summary>Moves the calling thread to SCHED_FIFO at <paramref name="priority"/> (1-99 on Linux).</summary>
    public static bool TryRaiseToRealtimePriority(int priority, out string? error)
    {
        string what = $"raise thread to real-time priority SCHED_FIFO {priority}";
        if (!NativeAvailable)
        {
            return Unavailable(what, out error);
        }

        int errno = NativeMethods.SetRealtimePriority(priority);
        string hint = errno switch
        {
            EINVAL => "; the priority must be between 1 and 99",
            EPERM => "; needs CAP_SYS_NICE or an rtprio limit (ulimit -r, LimitRTPRIO=) at least this high",
            _ => string.Empty,
        };
        return Check(errno, what, hint, out error);
    }

    /// <summary>Moves the calling thread back to ordinary SCHED_OTHER scheduling.</summary>
    public static bool TryRestoreNormalPriority(out string? error)
    {
        const string what = "restore normal priority SCHED_OTHER";
        return NativeAvailable ? Check(NativeMethods.SetNormalPriority(), what, string.Empty, out error) : Unavailable(what, out error);
    }

    private static bool Check(int errno, string what, string hint, out string? error)
    {
        if (errno == 0)
        {
            error = null;
            return true;
        }

        error = $"{what}: refused by the OS: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}){hint}";
        return false;
    }

    private static bool Unavailable(string what, out string? error)
    {
        error = $"{what}: not available: {NativeLibraryStatus.UnavailableReason}";
        return false;
    }
}

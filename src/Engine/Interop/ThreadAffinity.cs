// replaced at merge by the native-backed version
namespace Engine.Interop;

/// <summary>Thread pinning, memory locking and real-time priority (managed stub: nothing is available).</summary>
public static class ThreadAffinity
{
    private const string NotBuilt = "native library not built";

    public static bool NativeAvailable => false;

    public static bool TryPinCurrentThread(int cpu, out string? error)
    {
        error = NotBuilt;
        return false;
    }

    public static bool TryLockMemory(out string? error)
    {
        error = NotBuilt;
        return false;
    }

    public static bool TryRaiseToRealtimePriority(int priority, out string? error)
    {
        error = NotBuilt;
        return false;
    }
}

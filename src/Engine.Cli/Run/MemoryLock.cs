using Engine.Interop;

namespace Engine.Cli.Run;

/// <summary>
/// Locks the process's memory (mlockall) for the length of a run when asked, and unlocks it afterwards; refusal is a
/// warning for the report, never a failure.
/// </summary>
public sealed class MemoryLock : IDisposable
{
    private readonly bool _locked;

    private MemoryLock(bool locked, string? warning)
    {
        _locked = locked;
        Warning = warning;
    }

    /// <summary>Why memory is not locked, when it was asked for and refused.</summary>
    public string? Warning { get; }

    public static MemoryLock Acquire(bool requested)
    {
        if (!requested)
        {
            return new MemoryLock(false, null);
        }

        return ThreadAffinity.TryLockMemory(out string? error)
            ? new MemoryLock(true, null)
            : new MemoryLock(false, $"memory not locked: {error}");
    }

    public void Dispose()
    {
        if (_locked)
        {
            ThreadAffinity.TryUnlockMemory(out _);
        }
    }
}

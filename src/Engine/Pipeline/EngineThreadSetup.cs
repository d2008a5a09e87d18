using System.Diagnostics;
using Engine.Interop;

namespace Engine.Pipeline;

/// <summary>
/// What the engine thread does when it starts and stops: pin itself, ask for a real-time priority, and note the
/// allocation counter so the run can report bytes allocated on the engine thread. Cold code; warnings are collected,
/// never thrown: a refused pin or priority degrades the run, it does not fail it.
/// </summary>
public sealed class EngineThreadSetup
{
    private readonly int _cpu;
    private readonly int _realtimePriority;
    private long _allocatedAtStart;

    public EngineThreadSetup(int cpu, int realtimePriority)
    {
        _cpu = cpu;
        _realtimePriority = realtimePriority;
    }

    public List<string> Warnings { get; } = [];

    /// <summary>Bytes allocated on the engine thread between its start and stop (warm-up included).</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Allocation counter of the engine thread at the end of warm-up; set by <see cref="MarkWarm"/>.</summary>
    public long AllocatedBytesAfterWarmup { get; private set; } = -1;

    private long _allocatedAtWarm = -1;

    internal void OnEngineThreadStart()
    {
        if (_cpu >= 0 && !ThreadAffinity.TryPinCurrentThread(_cpu, out string? error))
        {
            Warnings.Add($"engine thread not pinned: {error}");
        }

        if (_realtimePriority > 0 && !ThreadAffinity.TryRaiseToRealtimePriority(_realtimePriority, out string? rtError))
        {
            Warnings.Add($"engine thread real-time priority not granted: {rtError}");
        }

        _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
    }

    /// <summary>Stopwatch timestamp at the end of warm-up (0 when warm-up never ended).</summary>
    public long WarmTimestamp { get; private set; }

    /// <summary>Stopwatch timestamp when the engine finished the end-of-stream event (0 before).</summary>
    public long EndOfStreamTimestamp { get; private set; }

    /// <summary>Called on the engine thread when warm-up ends.</summary>
    internal void MarkWarm()
    {
        _allocatedAtWarm = GC.GetAllocatedBytesForCurrentThread();
        WarmTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Called on the engine thread once it has processed the end-of-stream event: its work on the input is done.</summary>
    internal void MarkEndOfStream() => EndOfStreamTimestamp = Stopwatch.GetTimestamp();

    internal void OnEngineThreadStop()
    {
        long now = GC.GetAllocatedBytesForCurrentThread();
        AllocatedBytes = now - _allocatedAtStart;
        if (_allocatedAtWarm >= 0)
        {
            AllocatedBytesAfterWarmup = now - _allocatedAtWarm;
        }
    }
}

// replaced at merge by the native-backed version
using System.Diagnostics;

namespace Engine.Timing;

/// <summary>The engine's monotonic clock (managed stub: <see cref="Stopwatch"/>).</summary>
public static class EngineClock
{
    public static string Source => "stopwatch";

    public static long Timestamp() => Stopwatch.GetTimestamp();

    public static long TicksToNanos(long ticks) => (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));

    public static long ElapsedNanos(long startTimestamp, long endTimestamp) => TicksToNanos(endTimestamp - startTimestamp);
}

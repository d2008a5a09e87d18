using System.Diagnostics;
using System.Runtime.CompilerServices;
using Engine.Interop;

namespace Engine.Timing;

/// <summary>
/// The engine's monotonic clock for latency measurement: the CPU's invariant time-stamp counter read without a GC
/// transition where available (calibrated to nanoseconds against Stopwatch once at start-up), else Stopwatch.
/// Ticks are comparable only with ticks from this clock, in this process. Not wall time; engine logic uses event time.
/// The first use calibrates (about 15 ms): touch <see cref="Source"/> at start-up, not on the hot thread.
/// ENGINE_CLOCK=stopwatch forces the Stopwatch source.
/// </summary>
public static class EngineClock
{
    // Chosen once when the class initialises. The tier-1 JIT sees an initialised class and treats these static
    // readonly values as constants, so Timestamp() compiles to one counter read with no branch.
    private static readonly Calibrated s_clock = Choose();
    private static readonly bool s_useCounter = s_clock.UseCounter;
    private static readonly long s_nanosPerTickQ32 = s_clock.NanosPerTickQ32;

    /// <summary>"tsc" when the hardware counter is used (x86 TSC, or the aarch64 virtual counter), otherwise "stopwatch".</summary>
    public static string Source => s_useCounter ? "tsc" : "stopwatch";

    /// <summary>Why this source was chosen, in one line (the counter's kind and rate, or why the counter is not used).</summary>
    public static string SourceDetail => s_clock.Detail;

    /// <summary>Ticks of <see cref="Timestamp"/> per second (calibrated for the counter, Stopwatch.Frequency otherwise).</summary>
    public static double TicksPerSecond => s_clock.TicksPerSecond;

    /// <summary>Reads the clock: monotonic raw ticks. Hot path: a few nanoseconds, no allocation, no GC transition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Timestamp() => s_useCounter ? (long)NativeMethods.ReadCounter() : Stopwatch.GetTimestamp();

    /// <summary>Converts a tick count (or difference) to nanoseconds; exact to 1 part in 10^9 for any realistic span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long TicksToNanos(long ticks)
    {
        // ticks * nanosPerTick in 32.32 fixed point, through a 128-bit product so no realistic span overflows.
        long high = Math.BigMul(ticks, s_nanosPerTickQ32, out long low);
        return (high << 32) | (long)((ulong)low >> 32);
    }

    /// <summary>Nanoseconds from <paramref name="startTimestamp"/> to <paramref name="endTimestamp"/>, both from <see cref="Timestamp"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ElapsedNanos(long startTimestamp, long endTimestamp) => TicksToNanos(endTimestamp - startTimestamp);

    /// <summary>nanoseconds per tick as a 32.32 fixed-point number, rounded to nearest.</summary>
    internal static long NanosPerTickQ32(double ticksPerSecond) => (long)Math.Round(1e9 / ticksPerSecond * 4294967296.0);

    private static Calibrated Choose()
    {
        string? nativeFailure = NativeLibraryStatus.UnavailableReason;
        bool loaded = nativeFailure is null;
        var choice = ClockSourceChoice.Decide(
            forceStopwatch: string.Equals(Environment.GetEnvironmentVariable("ENGINE_CLOCK"), "stopwatch", StringComparison.OrdinalIgnoreCase),
            nativeFailure,
            loaded ? NativeMethods.CounterKind() : 0,
            loaded && NativeMethods.CounterInvariant() != 0,
            loaded ? CpuInfoFlags.Read() : null);

        if (choice.UseCounter)
        {
            if (CounterCalibration.TryMeasure(static () => (long)NativeMethods.ReadCounter(), out double rate, out string? failure))
            {
                return new Calibrated(true, rate, NanosPerTickQ32(rate), $"{choice.Detail}, calibrated at {rate / 1e6:F2} MHz against Stopwatch");
            }

            choice = new ClockSourceChoice(false, $"{choice.Detail}, but {failure}");
        }

        return new Calibrated(false, Stopwatch.Frequency, NanosPerTickQ32(Stopwatch.Frequency), $"Stopwatch at {Stopwatch.Frequency} Hz: {choice.Detail}");
    }

    private sealed record Calibrated(bool UseCounter, double TicksPerSecond, long NanosPerTickQ32, string Detail);
}

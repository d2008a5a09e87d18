using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Engine.Interop;
using Engine.Timing;

namespace Engine.Benchmarks.Timing;

// What does one clock read cost: Stopwatch, EngineClock (TSC without a GC transition), or the TSC through an ordinary P/Invoke?
[MemoryDiagnoser]
public class ClockBenchmarks
{
    // Without libengine_native.so the native methods fall back to Stopwatch, so the suite still runs (and says so in GlobalSetup).
    private static readonly bool NativeLoaded = NativeLibraryStatus.IsLoaded;

    [GlobalSetup]
    public void ReportClock() => Console.WriteLine($"// EngineClock: {EngineClock.Source}: {EngineClock.SourceDetail}");

    [Benchmark(Baseline = true)]
    public long StopwatchGetTimestamp() => Stopwatch.GetTimestamp();

    [Benchmark]
    public long EngineClockTimestamp() => EngineClock.Timestamp();

    [Benchmark]
    public long CounterWithGcTransition() => NativeLoaded ? (long)NativeMethods.ReadCounterWithGcTransition() : Stopwatch.GetTimestamp();

    [Benchmark]
    public long CounterOrderedRdtscp() => NativeLoaded ? (long)NativeMethods.ReadCounterOrdered() : Stopwatch.GetTimestamp();

    [Benchmark]
    public long TimestampPairToElapsedNanos()
    {
        long start = EngineClock.Timestamp();
        return EngineClock.ElapsedNanos(start, EngineClock.Timestamp());
    }
}

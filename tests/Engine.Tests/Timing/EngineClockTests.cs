using System.Diagnostics;
using Engine.Interop;
using Engine.Tests.Support;
using Engine.Timing;

namespace Engine.Tests.Timing;

public class EngineClockTests
{
    [Fact]
    public void Timestamp_ReadManyTimesOnOneThread_NeverDecreases()
    {
        long previous = EngineClock.Timestamp();
        for (int i = 0; i < 1_000_000; i++)
        {
            long now = EngineClock.Timestamp();
            Assert.True(now >= previous, $"clock went back from {previous} to {now} at read {i}");
            previous = now;
        }
    }

    [Fact]
    public void ElapsedNanos_OverAbout50Milliseconds_AgreesWithStopwatchWithin3Percent()
    {
        var (startStopwatch, startClock) = BracketedPair();
        long spinUntil = startStopwatch + (Stopwatch.Frequency / 20);
        while (Stopwatch.GetTimestamp() < spinUntil)
        {
            Thread.SpinWait(64);
        }

        var (endStopwatch, endClock) = BracketedPair();

        double stopwatchNanos = (endStopwatch - startStopwatch) * (1e9 / Stopwatch.Frequency);
        long clockNanos = EngineClock.ElapsedNanos(startClock, endClock);
        double relative = Math.Abs(clockNanos - stopwatchNanos) / stopwatchNanos;
        Assert.True(relative < 0.03, $"EngineClock {clockNanos} ns vs Stopwatch {stopwatchNanos:F0} ns ({relative:P2}); {EngineClock.SourceDetail}");
    }

    [Fact]
    public void TicksToNanos_OfOneSecondOfTicks_IsOneBillion()
    {
        long oneSecondOfTicks = (long)Math.Round(EngineClock.TicksPerSecond);

        // Rounding the rate to whole ticks and the multiplier to 32 fractional bits costs at most a few ns per second.
        Assert.InRange(EngineClock.TicksToNanos(oneSecondOfTicks), 1_000_000_000L - 3, 1_000_000_000L + 3);
    }

    [Fact]
    public void TicksToNanos_OfOneDayOfTicks_DoesNotOverflow()
    {
        long oneDayOfTicks = (long)Math.Round(EngineClock.TicksPerSecond * 86_400);
        const long oneDayNanos = 86_400L * 1_000_000_000L;

        Assert.InRange(EngineClock.TicksToNanos(oneDayOfTicks), oneDayNanos - 100_000, oneDayNanos + 100_000);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(12_345L)]
    [InlineData(987_654_321L)]
    public void TicksToNanos_OfNegatedTicks_IsNegatedWithinOneNanosecond(long ticks)
    {
        long forward = EngineClock.TicksToNanos(ticks);
        long backward = EngineClock.TicksToNanos(-ticks);

        Assert.InRange(forward + backward, -1, 0); // the arithmetic shift floors, so -x rounds down by at most 1
    }

    [Fact]
    public void ElapsedNanos_IsTicksToNanosOfTheDifference()
    {
        long start = EngineClock.Timestamp();
        long end = start + 3_000_000;

        Assert.Equal(EngineClock.TicksToNanos(3_000_000), EngineClock.ElapsedNanos(start, end));
    }

    [Fact]
    public void NanosPerTickQ32_AtOneGigahertz_IsExactlyOne()
    {
        Assert.Equal(1L << 32, EngineClock.NanosPerTickQ32(1e9));
        Assert.Equal(1L << 31, EngineClock.NanosPerTickQ32(2e9));
    }

    [Fact]
    public void Source_OnThisMachine_FollowsTheLibraryAndTheCpuFlags()
    {
        var flags = CpuInfoFlags.Read();
        bool forced = string.Equals(Environment.GetEnvironmentVariable("ENGINE_CLOCK"), "stopwatch", StringComparison.OrdinalIgnoreCase);
        bool invariantByKernel = flags is not null && flags.Contains("constant_tsc") && flags.Contains("nonstop_tsc");

        if (!NativeLibraryStatus.IsLoaded || forced)
        {
            Assert.Equal("stopwatch", EngineClock.Source);
            Assert.Equal(Stopwatch.Frequency, EngineClock.TicksPerSecond);
        }
        else if (invariantByKernel && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.Equal("tsc", EngineClock.Source);
            Assert.InRange(EngineClock.TicksPerSecond, 1e8, 1e10); // a TSC runs at the CPU's nominal clock, 100 MHz to 10 GHz
        }

        Assert.False(string.IsNullOrWhiteSpace(EngineClock.SourceDetail));
    }

    [Fact]
    public void TimestampAndElapsedNanos_WarmPath_AllocateNothing()
    {
        long sum = 0;
        Allocations.AssertZero(() =>
        {
            long start = EngineClock.Timestamp();
            for (int i = 0; i < 10_000; i++)
            {
                sum += EngineClock.ElapsedNanos(start, EngineClock.Timestamp());
            }
        });

        Assert.True(sum >= 0);
    }

    // A (Stopwatch, EngineClock) pair read back to back, retried until no preemption fell between the two reads.
    private static (long Stopwatch, long Clock) BracketedPair()
    {
        long limit = Stopwatch.Frequency / 20_000; // 50 µs
        while (true)
        {
            long before = Stopwatch.GetTimestamp();
            long clock = EngineClock.Timestamp();
            long after = Stopwatch.GetTimestamp();
            if (after - before <= limit)
            {
                return (before + ((after - before) / 2), clock);
            }
        }
    }
}

using System.Diagnostics;
using Engine.Timing;

namespace Engine.Tests.Timing;

public class CounterCalibrationTests
{
    [Fact]
    public void TryMeasure_StopwatchAgainstItself_FindsStopwatchFrequency()
    {
        bool ok = CounterCalibration.TryMeasure(Stopwatch.GetTimestamp, out double rate, out string? failure);

        Assert.True(ok, failure);
        Assert.InRange(rate / Stopwatch.Frequency, 0.999, 1.001);
    }

    [Fact]
    public void TryMeasure_CounterThreeTimesAsFast_FindsThreeTimesTheFrequency()
    {
        bool ok = CounterCalibration.TryMeasure(() => Stopwatch.GetTimestamp() * 3, out double rate, out string? failure);

        Assert.True(ok, failure);
        Assert.InRange(rate / (3.0 * Stopwatch.Frequency), 0.999, 1.001);
    }

    [Fact]
    public void TryMeasure_CounterStandingStill_FailsWithReason()
    {
        bool ok = CounterCalibration.TryMeasure(() => 42, out _, out string? failure);

        Assert.False(ok);
        Assert.Contains("stand still", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMeasure_CounterWhoseRateDrifts_FailsWithReason()
    {
        // Each calibration sample makes 32 reads; the jump grows with the square of the sample number, so each
        // round sees a faster rate than the one before (3x, 11x, 19x Stopwatch for 5 ms rounds).
        long reads = 0;
        long Drifting()
        {
            long sample = reads++ / 32;
            return Stopwatch.GetTimestamp() + (sample * sample * (Stopwatch.Frequency / 100));
        }

        bool ok = CounterCalibration.TryMeasure(Drifting, out _, out string? failure);

        Assert.False(ok);
        Assert.Contains("disagree", failure, StringComparison.Ordinal);
    }
}

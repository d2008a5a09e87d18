using System.Diagnostics;
using Engine.Cli.Status;

namespace Engine.Tests.Cli.Status;

/// <summary>The status line's frames/s: the rate over the last interval, so a feed that went quiet shows 0, not its average.</summary>
public sealed class RecentRateTests
{
    private static long Seconds(double s) => (long)(s * Stopwatch.Frequency);

    [Fact]
    public void Rate_IsOverTheLastInterval_NotSinceTheStart()
    {
        var rate = new RecentRate();
        long start = 1_000;
        Assert.Equal(500, rate.PerSecond(2_500, start + Seconds(5), start), 6);      // 2,500 frames in the first 5 s
        Assert.Equal(100, rate.PerSecond(3_000, start + Seconds(10), start), 6);     // 500 in the next 5 s (the average would say 300)
        Assert.Equal(0, rate.PerSecond(3_000, start + Seconds(15), start), 6);       // quiet: 0, not 200
        Assert.Equal(0, rate.PerSecond(3_000, start + Seconds(15), start), 6);       // no time passed: 0, not a division by zero
    }
}

using Engine.Latency;
using Engine.Metrics;

namespace Engine.Tests.Latency;

public class PercentilesTests
{
    [Fact]
    public void FromHistogram_OneToTwoThousand_MatchesNearestRank()
    {
        // Values below 2048 are exact at 3 significant digits, so nearest rank over 1..2000 is the answer.
        var h = new Histogram(1, 1_000_000, 3);
        for (long v = 1; v <= 2_000; v++)
        {
            h.RecordValue(v);
        }

        Percentiles p = Percentiles.FromHistogram(h);

        Assert.Equal(1_000, p.P50);   // ceil(0.5 × 2000)
        Assert.Equal(1_800, p.P90);
        Assert.Equal(1_980, p.P99);
        Assert.Equal(1_998, p.P999);
        Assert.Equal(2_000, p.P9999); // ceil(0.9999 × 2000) = 2000
        Assert.Equal(2_000, p.Max);
    }

    [Fact]
    public void FromHistogram_Empty_IsAllZero()
    {
        Assert.Equal(default, Percentiles.FromHistogram(new Histogram(1, 1_000, 3)));
    }
}

using Engine.Metrics;

namespace Engine.Tests.Metrics;

/// <summary>
/// The record path computes a value's slot with its own folded formula (and, for the standard layout, with constants
/// in the code); the queries use HdrHistogram's textbook bucket/sub-bucket math. Both must name the same slot.
/// </summary>
public sealed class HistogramRecordPathTests
{
    [Theory]
    [InlineData(1L, 3_600_000_000_000L, 3)] // the standard layout: constants folded into the record path
    [InlineData(1L, 60_000_000_000L, 3)]    // standard layout, other range
    [InlineData(1L, 3_600_000_000_000L, 2)] // general path: other precision
    [InlineData(1L, 3_600_000_000_000L, 4)]
    [InlineData(1_000L, 3_600_000_000_000L, 3)] // general path: unit above 1
    public void EveryRecordedValue_LandsInTheSlotTheQueriesAssignIt(long lowest, long highest, int digits)
    {
        var histogram = new Histogram(lowest, highest, digits);
        foreach (long value in Values(highest))
        {
            histogram.Reset();
            Assert.True(histogram.RecordValueWithCount(value, 1));

            Assert.Equal(1, histogram.CountAtValue(value));
            Assert.Equal(1, histogram.TotalCount);
            long lowestEquivalent = histogram.LowestEquivalentValue(value);
            Assert.Equal(lowestEquivalent, histogram.ValueAtPercentile(0));
            Assert.Equal(histogram.HighestEquivalentValue(value), histogram.MaxValue);
        }
    }

    [Fact]
    public void StandardLayout_OverflowStillCounted_AtTheEdges()
    {
        var histogram = new Histogram(1, 3_600_000_000_000, 3);
        Assert.True(histogram.RecordValueWithCount(3_600_000_000_000, 1));
        Assert.False(histogram.RecordValueWithCount(3_600_000_000_001, 1));
        Assert.False(histogram.RecordValueWithCount(-1, 1));
        Assert.False(histogram.RecordValueWithCount(long.MaxValue, 1));

        Assert.Equal(1, histogram.TotalCount);
        Assert.Equal(3, histogram.OverflowCount);
        Assert.Equal(long.MaxValue, histogram.MaxOverflowValue);
    }

    private static IEnumerable<long> Values(long highest)
    {
        for (long v = 0; v <= 5_000; v++)
        {
            yield return v;
        }

        for (int k = 12; k < 63 && (1L << k) - 1 <= highest; k++)
        {
            for (long v = (1L << k) - 2; v <= (1L << k) + 1; v++)
            {
                if (v <= highest)
                {
                    yield return v;
                }
            }
        }

        var random = new Random(7);
        double top = Math.Log(highest);
        for (int i = 0; i < 2_000; i++)
        {
            yield return Math.Min(highest, (long)Math.Exp(random.NextDouble() * top));
        }

        yield return highest;
    }
}

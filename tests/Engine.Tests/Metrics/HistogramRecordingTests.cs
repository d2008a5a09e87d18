using Engine.Metrics;
using Engine.Tests.Support;

namespace Engine.Tests.Metrics;

public class HistogramRecordingTests
{
    [Fact]
    public void RecordValue_AboveHighestTrackableOrNegative_CountsOverflowAndKeepsTotals()
    {
        var histogram = new Histogram(1, 1000, 3);
        histogram.RecordValue(10);
        histogram.RecordValue(1000); // the highest trackable value itself is in range

        histogram.RecordValue(1001);
        histogram.RecordValue(5000);
        histogram.RecordValue(-3);
        histogram.RecordValue(long.MinValue);
        bool recorded = histogram.RecordValueWithCount(long.MaxValue, 4);

        Assert.False(recorded);
        Assert.Equal(2, histogram.TotalCount);
        Assert.Equal(8, histogram.OverflowCount);
        Assert.Equal(long.MaxValue, histogram.MaxOverflowValue);
        Assert.Equal(histogram.HighestEquivalentValue(1000), histogram.MaxValue);
    }

    [Fact]
    public void RecordValueWithCount_AddsCountToOneSlot()
    {
        var histogram = new Histogram(1, 1_000_000, 3);

        Assert.True(histogram.RecordValueWithCount(10_007, 5));

        Assert.Equal(5, histogram.TotalCount);
        Assert.Equal(5, histogram.CountAtValue(10_000)); // same slot [10000, 10007]
        Assert.Equal(0, histogram.CountAtValue(10_008));
    }

    [Theory]
    [InlineData(1, 3, 2000)]
    [InlineData(1000, 3, 2000)]
    [InlineData(1, 1, 2000)]
    [InlineData(7, 5, 100)] // 5 digits: a 6 MB counts array, so fewer resets
    public void RecordValue_AnyLayout_LandsInTheSlotQueriesReadBack(long lowestDiscernible, int digits, int probes)
    {
        var histogram = new Histogram(lowestDiscernible, 1_000_000_000, digits);
        var random = new Random(5);
        for (int i = 0; i < probes; i++)
        {
            long value = i < probes / 2 ? i : random.NextInt64(0, 1_000_000_001);
            histogram.Reset();

            histogram.RecordValue(value);

            Assert.Equal(1, histogram.CountAtValue(value));
            Assert.Equal(1, histogram.CountAtValue(histogram.LowestEquivalentValue(value)));
            Assert.Equal(histogram.LowestEquivalentValue(value), histogram.MinValue);
            Assert.Equal(histogram.HighestEquivalentValue(value), histogram.MaxValue);
        }
    }

    [Fact]
    public void RecordValueWithExpectedInterval_StallOfTenIntervals_BackfillsTheMissedSamples()
    {
        // 1000 with a 100 expected interval: the caller missed samples that would have seen 900, 800, ..., 100.
        var histogram = new Histogram(1, 1_000_000, 3);

        histogram.RecordValueWithExpectedInterval(1000, 100);

        Assert.Equal(10, histogram.TotalCount);
        Assert.Equal(100, histogram.MinValue);
        Assert.Equal(1000, histogram.MaxValue);
        Assert.Equal(550.0, histogram.Mean);
        for (long v = 100; v <= 1000; v += 100)
        {
            Assert.Equal(1, histogram.CountAtValue(v));
        }
    }

    [Fact]
    public void RecordValueWithExpectedInterval_BelowTheInterval_RecordsOnlyTheValue()
    {
        var histogram = new Histogram(1, 1_000_000, 3);

        histogram.RecordValueWithExpectedInterval(99, 100);
        histogram.RecordValueWithExpectedInterval(150, 100);

        Assert.Equal(2, histogram.TotalCount);
    }

    [Fact]
    public void Reset_ClearsCountsExtremesAndOverflow()
    {
        var histogram = new Histogram(1, 1000, 3);
        histogram.RecordValue(5);
        histogram.RecordValue(2000);

        histogram.Reset();

        Assert.Equal(0, histogram.TotalCount);
        Assert.Equal(0, histogram.OverflowCount);
        Assert.Equal(0, histogram.MaxValue);
        Assert.Equal(0, histogram.CountAtValue(5));
        histogram.RecordValue(7);
        Assert.Equal(7, histogram.MinValue);
    }

    [Fact]
    public void Record_WarmPath_AllocatesNothing()
    {
        var histogram = new Histogram(1, SampleDistributions.HighestTrackable, 3);
        var random = new Random(1);
        long[] values = new long[10_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextInt64(-10, 4_000_000_000_000); // includes negatives and overflow
        }

        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < values.Length; i++)
            {
                histogram.RecordValue(values[i]);
                histogram.RecordValueWithCount(values[i], 2);
            }

            histogram.RecordValueWithExpectedInterval(1_000_000, 1000);
        });
    }

    [Fact]
    public void Queries_WarmPath_AllocateNothing()
    {
        var histogram = new Histogram(1, SampleDistributions.HighestTrackable, 3);
        for (long v = 1; v < 100_000; v += 13)
        {
            histogram.RecordValue(v);
        }

        long sink = 0;
        Allocations.AssertZero(() =>
        {
            sink += histogram.ValueAtPercentile(99.9);
            sink += (long)histogram.PercentileAtOrBelowValue(50_000);
            sink += (long)histogram.Mean + (long)histogram.StdDeviation + histogram.MaxValue + histogram.MinValue;
            var iterator = new PercentileIterator(histogram, 5);
            while (iterator.MoveNext())
            {
                sink += iterator.Current.Value;
            }
        });
        Assert.NotEqual(0, sink);
    }
}

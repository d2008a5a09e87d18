using Engine.Metrics;

namespace Engine.Tests.Metrics;

public class HistogramPercentileTests
{
    private const int SampleCount = 100_000;

    private static readonly double[] Percentiles =
        [0.0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 99.999, 100.0];

    [Theory]
    [MemberData(nameof(SampleDistributions.Names), MemberType = typeof(SampleDistributions))]
    public void ValueAtPercentile_ForSeededSample_IsEquivalentToExactOrderStatistic(string distribution)
    {
        long[] values = SampleDistributions.Generate(distribution, SampleCount, seed: 42);
        var histogram = Record(values);
        long[] sorted = [.. values];
        Array.Sort(sorted);

        foreach (double p in Percentiles)
        {
            long exact = SampleDistributions.OrderStatistic(sorted, p);
            long reported = histogram.ValueAtPercentile(p);

            Assert.True(
                histogram.ValuesAreEquivalent(exact, reported),
                $"{distribution} p{p}: reported {reported}, exact {exact} (range {histogram.SizeOfEquivalentValueRange(exact)})");
            // The reported value is the top of the exact value's range (the bottom for p0), as HdrHistogram reports it.
            long expectedEdge = p == 0.0 ? histogram.LowestEquivalentValue(exact) : histogram.HighestEquivalentValue(exact);
            Assert.Equal(expectedEdge, reported);
        }
    }

    [Theory]
    [MemberData(nameof(SampleDistributions.Names), MemberType = typeof(SampleDistributions))]
    public void MinMaxMeanAndDeviation_ForSeededSample_MatchExactStatisticsWithinResolution(string distribution)
    {
        long[] values = SampleDistributions.Generate(distribution, SampleCount, seed: 7);
        var histogram = Record(values);

        double exactMean = values.Average(v => (double)v);
        double exactDeviation = Math.Sqrt(values.Average(v => (v - exactMean) * (v - exactMean)));

        Assert.Equal(SampleCount, histogram.TotalCount);
        Assert.Equal(histogram.LowestEquivalentValue(values.Min()), histogram.MinValue);
        Assert.Equal(histogram.HighestEquivalentValue(values.Max()), histogram.MaxValue);
        // Three digits: each value moves at most half a range, i.e. under 1/2048 of itself, toward its slot middle.
        Assert.InRange(histogram.Mean, exactMean * (1 - 1e-3), exactMean * (1 + 1e-3));
        Assert.InRange(histogram.StdDeviation, exactDeviation * (1 - 1e-2), exactDeviation * (1 + 1e-2));
    }

    [Theory]
    [MemberData(nameof(SampleDistributions.Names), MemberType = typeof(SampleDistributions))]
    public void PercentileAtOrBelowValue_CountsEverySampleInOrBelowTheValuesSlot(string distribution)
    {
        long[] values = SampleDistributions.Generate(distribution, 20_000, seed: 3);
        var histogram = Record(values);

        foreach (long probe in new long[] { 1, 5_000, 10_000, 20_000, 50_000, 100_000, 600_000, 10_000_000 })
        {
            long slotTop = histogram.HighestEquivalentValue(probe);
            double exact = 100.0 * values.Count(v => v <= slotTop) / values.Length;

            Assert.Equal(exact, histogram.PercentileAtOrBelowValue(probe), precision: 9);
        }
    }

    [Fact]
    public void ValueAtPercentile_ThousandValues_NinetyNinePointNineIsTheNineHundredNinetyNinth()
    {
        // 0.999 · 1000 = 999 exactly in decimal; floating point gives 999.0000000000001, which must not round up.
        var histogram = new Histogram(1, 1_000_000, 3);
        for (long v = 1; v <= 1000; v++)
        {
            histogram.RecordValue(v);
        }

        Assert.Equal(999, histogram.ValueAtPercentile(99.9));
        Assert.Equal(500, histogram.ValueAtPercentile(50));
        Assert.Equal(1, histogram.ValueAtPercentile(0));
        Assert.Equal(1000, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Queries_OnEmptyHistogram_ReturnZeroes()
    {
        var histogram = new Histogram(1, 1_000_000, 3);

        Assert.Equal(0, histogram.TotalCount);
        Assert.Equal(0, histogram.MinValue);
        Assert.Equal(0, histogram.MaxValue);
        Assert.Equal(0.0, histogram.Mean);
        Assert.Equal(0.0, histogram.StdDeviation);
        Assert.Equal(0, histogram.ValueAtPercentile(99));
        Assert.Equal(100.0, histogram.PercentileAtOrBelowValue(5));
    }

    [Fact]
    public void MinValue_WhenZeroRecorded_IsZero()
    {
        var histogram = new Histogram(1, 1_000_000, 3);
        histogram.RecordValue(0);
        histogram.RecordValue(500);

        Assert.Equal(0, histogram.MinValue);
        Assert.Equal(500, histogram.MaxValue);
    }

    private static Histogram Record(long[] values)
    {
        var histogram = new Histogram(1, SampleDistributions.HighestTrackable, 3);
        foreach (long v in values)
        {
            histogram.RecordValue(v);
        }

        return histogram;
    }
}

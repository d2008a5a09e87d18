using Engine.Metrics;
using Engine.Metrics.Reporting;
using Engine.Tests.Support;
using HdrHistogram;

namespace Engine.Tests.Metrics.Reporting;

public class PercentileDistributionWriterTests
{
    /*
     * Golden .hgrm derived by hand (not by running the code).
     *
     * Histogram(1, 100_000, 3): 2·10^3 → 2048 sub-buckets (half 1024); buckets: 2048 ≤ 1e5 doubles to 4096, 8192,
     * 16384, 32768, 65536, 131072 > 1e5 → 7 buckets. Footer: Buckets = 7, SubBuckets = 2048.
     *
     * Input (ns): 100, 200, 300, 400, 10007. Below 2048 a slot is one unit wide, so the first four are exact.
     * 10007 lies in [8192, 16384): slot width 8, slot [10000, 10007]; the reported value is its top, 10007,
     * and its mean contribution is the slot middle 10000 + 8/2 = 10004.
     * Cumulative percentiles after each value: 20, 40, 60, 80, 100.
     *
     * Percentile ticks, 5 per half distance: ticks = 5 · 2^(floor(log2(100/(100-L))) + 1), L += 100/ticks:
     *   0, 10, 20, 30, 40, 50 (step 10); 55, 60, 65, 70, 75 (step 5); 77.5, 80, 82.5, ... (step 2.5).
     * A tick is emitted at the first value whose cumulative percentile reaches it, several ticks per value allowed:
     *   100 (20%):   ticks 0, 10, 20
     *   200 (40%):   ticks 30, 40
     *   300 (60%):   ticks 50, 55, 60
     *   400 (80%):   ticks 65, 70, 75, 77.5, 80
     *   10007 (100%): tick 82.5 (the last value is reached: one row), then the closing 100% row without 1/(1-p).
     * Value column = ns / 1000 as %12.3f; Percentile = tick/100 as %2.12f; TotalCount %10d; 1/(1-p) as %14.2f:
     *   1/0.9 = 1.11, 1/0.8 = 1.25, 1/0.7 = 1.43, 1/0.6 = 1.67, 1/0.45 = 2.22, 1/0.4 = 2.50, 1/0.35 = 2.86,
     *   1/0.3 = 3.33, 1/0.225 = 4.44, 1/0.2 = 5.00, 1/0.175 = 5.71.
     * Mean = (100 + 200 + 300 + 400 + 10004) / 5 = 2200.8 ns → 2.201 µs.
     * StdDeviation: deviations -2100.8, -2000.8, -1900.8, -1800.8, 7803.2; squares sum to 76,162,412.8;
     *   / 5 = 15,232,482.56; sqrt = 3902.88 ns → 3.903 µs.
     * Max = top of 10007's slot = 10007 ns → 10.007 µs. Total count = 5.
     */
    private const string Golden =
        "       Value     Percentile TotalCount 1/(1-Percentile)\n" +
        "\n" +
        "       0.100 0.000000000000          1           1.00\n" +
        "       0.100 0.100000000000          1           1.11\n" +
        "       0.100 0.200000000000          1           1.25\n" +
        "       0.200 0.300000000000          2           1.43\n" +
        "       0.200 0.400000000000          2           1.67\n" +
        "       0.300 0.500000000000          3           2.00\n" +
        "       0.300 0.550000000000          3           2.22\n" +
        "       0.300 0.600000000000          3           2.50\n" +
        "       0.400 0.650000000000          4           2.86\n" +
        "       0.400 0.700000000000          4           3.33\n" +
        "       0.400 0.750000000000          4           4.00\n" +
        "       0.400 0.775000000000          4           4.44\n" +
        "       0.400 0.800000000000          4           5.00\n" +
        "      10.007 0.825000000000          5           5.71\n" +
        "      10.007 1.000000000000          5\n" +
        "#[Mean    =        2.201, StdDeviation   =        3.903]\n" +
        "#[Max     =       10.007, Total count    =            5]\n" +
        "#[Buckets =            7, SubBuckets     =         2048]\n";

    [Fact]
    public void ToText_SmallKnownInput_MatchesHandDerivedHgrm()
    {
        var histogram = new Histogram(1, 100_000, 3);
        foreach (long v in new long[] { 300, 100, 10_007, 400, 200 })
        {
            histogram.RecordValue(v);
        }

        string text = PercentileDistributionWriter.ToText(histogram, outputValueUnitScalingRatio: 1000.0);

        Assert.Equal(Golden, text);
    }

    [Fact]
    public void ToText_EmptyHistogram_WritesHeaderAndZeroFooter()
    {
        // 2 digits: 256 sub-buckets; 256 doubles 9 times to 131072 > 1e5 → 10 buckets.
        var histogram = new Histogram(1, 100_000, 2);

        string text = PercentileDistributionWriter.ToText(histogram, outputValueUnitScalingRatio: 1.0);

        Assert.Equal(
            "       Value     Percentile TotalCount 1/(1-Percentile)\n\n" +
            "#[Mean    =         0.00, StdDeviation   =         0.00]\n" +
            "#[Max     =         0.00, Total count    =            0]\n" +
            "#[Buckets =           10, SubBuckets     =          256]\n",
            text);
    }

    [Fact]
    public void ToText_LargeSample_PercentileColumnRisesToOneAndCountsToTotal()
    {
        long[] values = SampleDistributions.Generate("lognormal", 50_000, seed: 9);
        var histogram = new Histogram(1, SampleDistributions.HighestTrackable, 3);
        foreach (long v in values)
        {
            histogram.RecordValue(v);
        }

        string[] rows = PercentileDistributionWriter.ToText(histogram).Split('\n')[2..^4];

        double previousPercentile = -1;
        foreach (string row in rows)
        {
            string[] columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double percentile = double.Parse(columns[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(percentile > previousPercentile, row);
            previousPercentile = percentile;
        }

        string[] last = rows[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, last.Length);
        Assert.Equal("1.000000000000", last[1]);
        Assert.Equal("50000", last[2]);
    }

    [Theory]
    [MemberData(nameof(SampleDistributions.Names), MemberType = typeof(SampleDistributions))]
    public void ToText_ReadBack_MatchesThePackagesOwnHistogramOfTheSameValues(string distribution)
    {
        // The package records the raw values itself: its counts, max and percentiles are the reference the file is
        // read back against, and its own OutputPercentileDistribution of them is the text the file must hold.
        long[] values = SampleDistributions.Generate(distribution, 20_000, seed: 21);
        var histogram = new Histogram(1, SampleDistributions.HighestTrackable, 3);
        var reference = new LongHistogram(1, SampleDistributions.HighestTrackable, 3);
        foreach (long v in values)
        {
            histogram.RecordValue(v);
            reference.RecordValue(v);
        }

        string text = PercentileDistributionWriter.ToText(histogram);
        HgrmFile file = HgrmFile.Parse(text);

        Assert.Equal(reference.TotalCount, file.TotalCount);
        Assert.Equal(reference.GetMaxValue() / 1000.0, file.Max, precision: 3);
        Assert.Equal(reference.GetMean() / 1000.0, file.Mean, precision: 3);
        Assert.Equal(reference.BucketCount, file.Buckets);
        Assert.Equal(reference.SubBucketCount, file.SubBuckets);
        foreach (HgrmRow row in file.Rows)
        {
            // Each row's count is the number of recorded values in slots up to the row's value.
            long valueNanos = (long)Math.Round(row.Value * 1000);
            Assert.Equal(values.Count(v => reference.LowestEquivalentValue(v) <= valueNanos), row.TotalCount);
            Assert.True(row.TotalCount >= row.Percentile * values.Length, $"{row}");
        }

        Assert.Equal(values.Length, file.Rows[^1].TotalCount);
        var expected = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        reference.OutputPercentileDistribution(expected, 5, 1000.0);
        Assert.Equal(expected.ToString(), text);
    }
}

using Engine.Metrics;

namespace Engine.Tests.Metrics;

public class HistogramLayoutTests
{
    [Fact]
    public void Layout_OneNanoToOneHourAtThreeDigits_MatchesHdrHistogram()
    {
        // 2·10^3 = 2000 needs 11 bits → 2048 sub-buckets; 2048·2^31 > 3.6e12 ≥ 2048·2^30 → 32 buckets;
        // (32 + 1) · 1024 = 33,792 counts → 270,336 bytes of longs.
        var histogram = new Histogram(1, 3_600_000_000_000, 3);

        Assert.Equal(2048, histogram.SubBucketCount);
        Assert.Equal(32, histogram.BucketCount);
        Assert.Equal(33_792, histogram.CountsArrayLength);
        Assert.Equal(270_336, histogram.CountsArrayLength * sizeof(long));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2047, 1)]
    [InlineData(2048, 2)]
    [InlineData(2500, 2)]
    [InlineData(4095, 2)]
    [InlineData(4096, 4)]
    [InlineData(8191, 4)]
    [InlineData(8192, 8)]
    [InlineData(10_000, 8)]
    public void SizeOfEquivalentValueRange_AtThreeDigits_DoublesPerBucket(long value, long expected)
    {
        var histogram = new Histogram(1, 3_600_000_000_000, 3);

        Assert.Equal(expected, histogram.SizeOfEquivalentValueRange(value));
    }

    [Theory]
    [InlineData(10_007, 10_000, 10_007, 10_004)]
    [InlineData(10_009, 10_008, 10_015, 10_012)]
    [InlineData(2049, 2048, 2049, 2049)]
    [InlineData(1234, 1234, 1234, 1234)]
    public void EquivalentValues_AtThreeDigits_BoundTheSlot(long value, long lowest, long highest, long median)
    {
        var histogram = new Histogram(1, 3_600_000_000_000, 3);

        Assert.Equal(lowest, histogram.LowestEquivalentValue(value));
        Assert.Equal(highest, histogram.HighestEquivalentValue(value));
        Assert.Equal(median, histogram.MedianEquivalentValue(value));
        Assert.Equal(highest + 1, histogram.NextNonEquivalentValue(value));
    }

    [Fact]
    public void LowestDiscernibleValue_OfOneThousand_CoarsensUnitsToPowerOfTwoBelow()
    {
        // unit magnitude = floor(log2 1000) = 9: values are resolved in 512 ns steps at the bottom.
        var histogram = new Histogram(1000, 3_600_000_000_000, 3);

        Assert.Equal(512, histogram.SizeOfEquivalentValueRange(1000));
        Assert.Equal(512, histogram.LowestEquivalentValue(1000));
        Assert.True(histogram.ValuesAreEquivalent(600, 1000));
    }

    [Fact]
    public void SignificantDigits_One_GivesThirtyTwoSubBuckets()
    {
        // 2·10^1 = 20 needs 5 bits → 32 sub-buckets.
        var histogram = new Histogram(1, 1000, 1);

        Assert.Equal(32, histogram.SubBucketCount);
        Assert.Equal(1, histogram.SizeOfEquivalentValueRange(31));
        Assert.Equal(2, histogram.SizeOfEquivalentValueRange(32));
    }

    [Fact]
    public void EveryValueInRange_LiesInsideItsReportedEquivalenceRange()
    {
        var histogram = new Histogram(1, 1_000_000, 2);
        for (long value = 0; value <= 1_000_000; value += 7)
        {
            long lowest = histogram.LowestEquivalentValue(value);
            long size = histogram.SizeOfEquivalentValueRange(value);
            Assert.InRange(value, lowest, lowest + size - 1);
            // Resolution promise: the range is no wider than value / 10^(digits) · 2.
            Assert.True(size == 1 || size <= value / 50, $"range {size} too wide at {value}");
        }
    }

    [Theory]
    [InlineData(0, 100, 3)]
    [InlineData(10, 15, 3)]
    [InlineData(1, 100, 0)]
    [InlineData(1, 100, 6)]
    public void Constructor_WithInvalidBounds_Throws(long lowest, long highest, int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Histogram(lowest, highest, digits));
    }
}

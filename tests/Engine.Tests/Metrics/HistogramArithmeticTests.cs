using Engine.Metrics;

namespace Engine.Tests.Metrics;

public class HistogramArithmeticTests
{
    private const long Highest = SampleDistributions.HighestTrackable;

    [Fact]
    public void Add_TwoSamples_EqualsRecordingTheUnion()
    {
        long[] first = SampleDistributions.Generate("lognormal", 30_000, seed: 11);
        long[] second = SampleDistributions.Generate("bimodal", 20_000, seed: 12);
        var a = Record(first);
        var b = Record(second);
        b.RecordValue(Highest + 1); // overflow travels with the merge too
        var union = Record([.. first, .. second]);

        a.Add(b);

        AssertSameCounts(union, a);
        Assert.Equal(union.TotalCount, a.TotalCount);
        Assert.Equal(union.MinValue, a.MinValue);
        Assert.Equal(union.MaxValue, a.MaxValue);
        Assert.Equal(1, a.OverflowCount);
        foreach (double p in new[] { 50.0, 90, 99, 99.9, 99.99 })
        {
            Assert.Equal(union.ValueAtPercentile(p), a.ValueAtPercentile(p));
        }
    }

    [Fact]
    public void Subtract_OneOfTwoMergedSamples_LeavesTheOther()
    {
        long[] first = SampleDistributions.Generate("uniform", 10_000, seed: 21);
        long[] second = SampleDistributions.Generate("exponential", 10_000, seed: 22);
        var union = Record([.. first, .. second]);
        var expected = Record(first);

        union.Subtract(Record(second));

        AssertSameCounts(expected, union);
        Assert.Equal(expected.TotalCount, union.TotalCount);
        Assert.Equal(expected.MinValue, union.MinValue);
        Assert.Equal(expected.MaxValue, union.MaxValue);
    }

    [Fact]
    public void Subtract_MoreThanContained_ThrowsAndLeavesHistogramUnchanged()
    {
        var histogram = Record([5, 6, 7]);
        var bigger = Record([5, 5]);

        Assert.Throws<ArgumentException>(() => histogram.Subtract(bigger));
        Assert.Equal(3, histogram.TotalCount);
        Assert.Equal(1, histogram.CountAtValue(5));
    }

    [Fact]
    public void Copy_IsEqualAndIndependent()
    {
        var original = Record(SampleDistributions.Generate("exponential", 5_000, seed: 5));

        var copy = original.Copy();
        copy.RecordValue(123);

        Assert.Equal(original.TotalCount + 1, copy.TotalCount);
        copy.Reset();
        copy.CopyFrom(original);
        AssertSameCounts(original, copy);
        Assert.Equal(original.Mean, copy.Mean);
    }

    [Fact]
    public void Add_WithDifferentLayout_Throws()
    {
        var threeDigits = new Histogram(1, Highest, 3);

        Assert.Throws<ArgumentException>(() => threeDigits.Add(new Histogram(1, Highest, 2)));
        Assert.Throws<ArgumentException>(() => threeDigits.Add(new Histogram(1, 1_000_000, 3)));
        Assert.Throws<ArgumentException>(() => threeDigits.Add(new Histogram(1024, Highest, 3)));
    }

    internal static void AssertSameCounts(Histogram expected, Histogram actual)
    {
        Assert.Equal(expected.CountsArrayLength, actual.CountsArrayLength);
        for (int i = 0; i < expected.CountsArrayLength; i++)
        {
            if (expected.CountAtIndex(i) != actual.CountAtIndex(i))
            {
                Assert.Fail($"slot {i} (value {expected.ValueFromIndex(i)}): expected {expected.CountAtIndex(i)}, saw {actual.CountAtIndex(i)}");
            }
        }
    }

    private static Histogram Record(long[] values)
    {
        var histogram = new Histogram(1, Highest, 3);
        foreach (long v in values)
        {
            histogram.RecordValue(v);
        }

        return histogram;
    }
}

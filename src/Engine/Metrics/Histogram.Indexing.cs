using System.Numerics;
using System.Runtime.CompilerServices;

namespace Engine.Metrics;

/// <summary>The log-linear index math, identical to HdrHistogram's so value-equivalence ranges match.</summary>
public sealed partial class Histogram
{
    /// <summary>Smallest value that lands in the same counts slot as <paramref name="value"/>.</summary>
    public long LowestEquivalentValue(long value)
    {
        int bucketIndex = BucketIndexOf(value);
        int subBucketIndex = SubBucketIndexOf(value, bucketIndex);
        return ValueFrom(bucketIndex, subBucketIndex);
    }

    /// <summary>Largest value that lands in the same counts slot as <paramref name="value"/>.</summary>
    public long HighestEquivalentValue(long value) => NextNonEquivalentValue(value) - 1;

    /// <summary>The middle of <paramref name="value"/>'s equivalence range (used for mean and deviation).</summary>
    public long MedianEquivalentValue(long value) => LowestEquivalentValue(value) + (SizeOfEquivalentValueRange(value) >> 1);

    /// <summary>The first value above <paramref name="value"/>'s equivalence range.</summary>
    public long NextNonEquivalentValue(long value) => LowestEquivalentValue(value) + SizeOfEquivalentValueRange(value);

    /// <summary>Width of the range of values that are indistinguishable from <paramref name="value"/>.</summary>
    public long SizeOfEquivalentValueRange(long value)
    {
        int bucketIndex = BucketIndexOf(value);
        int subBucketIndex = SubBucketIndexOf(value, bucketIndex);
        int distanceMagnitude = _unitMagnitude + (subBucketIndex >= _subBucketCount ? bucketIndex + 1 : bucketIndex);
        return 1L << distanceMagnitude;
    }

    /// <summary>True when the two values share one counts slot.</summary>
    public bool ValuesAreEquivalent(long a, long b) => LowestEquivalentValue(a) == LowestEquivalentValue(b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CountsIndexFor(long value)
    {
        int bucketIndex = BucketIndexOf(value);
        int subBucketIndex = SubBucketIndexOf(value, bucketIndex);
        return CountsIndex(bucketIndex, subBucketIndex);
    }

    /// <summary>
    /// <see cref="CountsIndexFor"/> with the algebra folded for the record path (see HistogramBenchmarks.RecordValue):
    /// ((b + 1) &lt;&lt; h) + (sub - 2^h) = (b &lt;&lt; h) + sub, and sub = value &gt;&gt; (lzcBase + unit - lzc).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RecordIndexFor(long value)
    {
        int leadingZeros = BitOperations.LeadingZeroCount((ulong)(value | _subBucketMask));
        int bucketIndex = _leadingZeroCountBase - leadingZeros;
        return (bucketIndex << _subBucketHalfCountMagnitude) + (int)((ulong)value >> (_subBucketShiftBase - leadingZeros));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CountsIndex(int bucketIndex, int subBucketIndex)
    {
        // Bucket 0 uses all its sub-buckets; every later bucket only its upper half (the lower half would
        // duplicate the previous bucket at half the resolution), hence the (bucketIndex + 1) half-count base.
        int bucketBaseIndex = (bucketIndex + 1) << _subBucketHalfCountMagnitude;
        int offsetInBucket = subBucketIndex - _subBucketHalfCount;
        return bucketBaseIndex + offsetInBucket;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketIndexOf(long value) =>
        // OR-ing the mask pins every value below the first bucket's top to bucket 0.
        _leadingZeroCountBase - BitOperations.LeadingZeroCount((ulong)(value | _subBucketMask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SubBucketIndexOf(long value, int bucketIndex) => (int)((ulong)value >> (bucketIndex + _unitMagnitude));

    private long ValueFrom(int bucketIndex, int subBucketIndex) => (long)subBucketIndex << (bucketIndex + _unitMagnitude);

    /// <summary>The lowest value counted at counts slot <paramref name="index"/>.</summary>
    internal long ValueFromIndex(int index)
    {
        int bucketIndex = (index >> _subBucketHalfCountMagnitude) - 1;
        int subBucketIndex = (index & (_subBucketHalfCount - 1)) + _subBucketHalfCount;
        if (bucketIndex < 0)
        {
            subBucketIndex -= _subBucketHalfCount;
            bucketIndex = 0;
        }

        return ValueFrom(bucketIndex, subBucketIndex);
    }

    internal long CountAtIndex(int index) => _counts[index];
}

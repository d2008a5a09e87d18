using System.Runtime.Intrinsics;

namespace Engine.Metrics;

/// <summary>Read-side queries; call them only while no thread records into this histogram.</summary>
public sealed partial class Histogram
{
    /// <summary>Smallest recorded value, reported as the low end of its equivalence range (0 when empty).</summary>
    public long MinValue
    {
        get
        {
            for (int i = 0; i < _counts.Length; i++)
            {
                if (_counts[i] != 0)
                {
                    return ValueFromIndex(i);
                }
            }

            return 0;
        }
    }

    /// <summary>
    /// Largest recorded value, reported as the high end of its equivalence range (0 when empty). Read from the
    /// counts, so with a lowest discernible value above 1 a recorded 0 reports as the top of slot 0.
    /// </summary>
    public long MaxValue
    {
        get
        {
            for (int i = _counts.Length - 1; i >= 0; i--)
            {
                if (_counts[i] != 0)
                {
                    return HighestEquivalentValue(ValueFromIndex(i));
                }
            }

            return 0;
        }
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> percent of recorded values fall: the
    /// ceil(p/100 · N)-th smallest value, reported as the high end of its equivalence range (the low end for 0).
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        // Like HdrHistogram: step one ulp down so p·N that lands just above an integer by round-off does not
        // overrun into the next slot when rounded up.
        double requested = Math.Clamp(Math.BitDecrement(percentile), 0.0, 100.0);
        long countAtPercentile = Math.Max((long)Math.Ceiling(requested / 100.0 * SumOfCounts()), 1);
        long runningCount = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            runningCount += _counts[i];
            if (runningCount >= countAtPercentile)
            {
                long valueAtIndex = ValueFromIndex(i);
                return percentile == 0.0 ? LowestEquivalentValue(valueAtIndex) : HighestEquivalentValue(valueAtIndex);
            }
        }

        return 0;
    }

    /// <summary>Percentage of recorded values equivalent to or below <paramref name="value"/> (100 when empty).</summary>
    public double PercentileAtOrBelowValue(long value)
    {
        long totalCount = SumOfCounts();
        if (totalCount == 0)
        {
            return 100.0;
        }

        if (value < 0)
        {
            return 0.0;
        }

        int targetIndex = value > HighestTrackableValue ? _counts.Length - 1 : CountsIndexFor(value);
        long runningCount = 0;
        for (int i = 0; i <= targetIndex; i++)
        {
            runningCount += _counts[i];
        }

        return 100.0 * runningCount / totalCount;
    }

    /// <summary>Count recorded in <paramref name="value"/>'s equivalence range.</summary>
    public long CountAtValue(long value) =>
        (ulong)value > (ulong)HighestTrackableValue ? 0 : _counts[CountsIndexFor(value)];

    /// <summary>Mean of recorded values, each taken at the middle of its equivalence range (0 when empty).</summary>
    public double Mean
    {
        get
        {
            double total = 0;
            long totalCount = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                long count = _counts[i];
                if (count != 0)
                {
                    total += MedianEquivalentValue(ValueFromIndex(i)) * (double)count;
                    totalCount += count;
                }
            }

            return totalCount == 0 ? 0.0 : total / totalCount;
        }
    }

    /// <summary>Population standard deviation, on the same median-equivalent values as <see cref="Mean"/>.</summary>
    public double StdDeviation
    {
        get
        {
            double mean = Mean;
            double sumOfSquares = 0;
            long totalCount = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                long count = _counts[i];
                if (count != 0)
                {
                    double deviation = MedianEquivalentValue(ValueFromIndex(i)) - mean;
                    sumOfSquares += deviation * deviation * count;
                    totalCount += count;
                }
            }

            return totalCount == 0 ? 0.0 : Math.Sqrt(sumOfSquares / totalCount);
        }
    }

    /// <summary>The total of every slot, four slots per vector step; the record path keeps no running total.</summary>
    private long SumOfCounts()
    {
        ReadOnlySpan<long> counts = _counts;
        var sums = Vector256<long>.Zero;
        int i = 0;
        for (; i <= counts.Length - Vector256<long>.Count; i += Vector256<long>.Count)
        {
            sums += Vector256.Create(counts.Slice(i, Vector256<long>.Count));
        }

        long total = Vector256.Sum(sums);
        for (; i < counts.Length; i++)
        {
            total += counts[i];
        }

        return total;
    }
}

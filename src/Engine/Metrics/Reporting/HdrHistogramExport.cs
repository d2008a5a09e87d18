using HdrHistogram;

namespace Engine.Metrics.Reporting;

/// <summary>
/// Copies the engine's histogram into the HdrHistogram package's <see cref="LongHistogram"/> for output: both use the
/// same log-linear layout, so each non-empty slot lands in the same slot of a package histogram with the same lowest
/// discernible value and digits, and every count, percentile, min and max comes out the same. Values the engine
/// counted as overflow (above its highest trackable value) have no slot and are not copied. Cold code.
/// </summary>
public static class HdrHistogramExport
{
    /// <summary>A new package histogram with <paramref name="source"/>'s layout and counts.</summary>
    public static LongHistogram ToLongHistogram(Histogram source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var target = new LongHistogram(source.LowestDiscernibleValue, source.HighestTrackableValue, source.SignificantValueDigits);
        AddTo(source, target);
        return target;
    }

    /// <summary>Adds <paramref name="source"/>'s counts into <paramref name="target"/> (same lowest value and digits, range at least as wide).</summary>
    public static void AddTo(Histogram source, HistogramBase target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (target.LowestTrackableValue != source.LowestDiscernibleValue
            || target.NumberOfSignificantValueDigits != source.SignificantValueDigits
            || target.HighestTrackableValue < source.HighestTrackableValue)
        {
            throw new ArgumentException("the package histogram's layout does not cover the source's slot for slot", nameof(target));
        }

        for (int i = 0; i < source.CountsArrayLength; i++)
        {
            long count = source.CountAtIndex(i);
            if (count != 0)
            {
                target.RecordValueWithCount(source.ValueFromIndex(i), count);
            }
        }
    }
}

using System.Globalization;
using System.Text;

namespace Engine.Metrics.Reporting;

/// <summary>
/// Writes a histogram's percentile distribution in HdrHistogram's <c>.hgrm</c> text format (the output of
/// outputPercentileDistribution), column for column, so HdrHistogram's plotter and tools read it.
/// </summary>
public static class PercentileDistributionWriter
{
    /// <summary>HdrHistogram's default number of percentile ticks per half distance to 100%.</summary>
    public const int DefaultTicksPerHalfDistance = 5;

    /// <summary>Nanoseconds recorded, microseconds printed.</summary>
    public const double NanosToMicros = 1000.0;

    /// <summary>The distribution as text; <paramref name="outputValueUnitScalingRatio"/> divides every printed value.</summary>
    public static string ToText(
        Histogram histogram,
        double outputValueUnitScalingRatio = NanosToMicros,
        int ticksPerHalfDistance = DefaultTicksPerHalfDistance)
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        {
            Write(writer, histogram, outputValueUnitScalingRatio, ticksPerHalfDistance);
        }

        return text.ToString();
    }

    /// <summary>Writes the distribution with '\n' line ends, as the reference does.</summary>
    public static void Write(
        TextWriter writer,
        Histogram histogram,
        double outputValueUnitScalingRatio = NanosToMicros,
        int ticksPerHalfDistance = DefaultTicksPerHalfDistance)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputValueUnitScalingRatio);

        // Java: "%12s %14s %10s %14s\n\n"
        writer.Write($"{"Value",12} {"Percentile",14} {"TotalCount",10} {"1/(1-Percentile)",14}\n\n");

        string valueFormat = "F" + histogram.SignificantValueDigits.ToString(CultureInfo.InvariantCulture);
        var iterator = new PercentileIterator(histogram, ticksPerHalfDistance);
        while (iterator.MoveNext())
        {
            PercentileStep step = iterator.Current;
            double fraction = step.Percentile / 100.0;
            // Java: "%12.{digits}f %2.12f %10d %14.2f\n", the last (100%) line without the last column.
            writer.Write(Fixed(step.Value / outputValueUnitScalingRatio, valueFormat, 12));
            writer.Write(' ');
            writer.Write(Fixed(fraction, "F12", 2));
            writer.Write(' ');
            writer.Write(step.TotalCountToThisValue.ToString(CultureInfo.InvariantCulture).PadLeft(10));
            if (step.Percentile != 100.0)
            {
                writer.Write(' ');
                writer.Write(Fixed(1.0 / (1.0 - fraction), "F2", 14));
            }

            writer.Write('\n');
        }

        double mean = histogram.Mean / outputValueUnitScalingRatio;
        double deviation = histogram.StdDeviation / outputValueUnitScalingRatio;
        double max = histogram.MaxValue / outputValueUnitScalingRatio;
        writer.Write($"#[Mean    = {Fixed(mean, valueFormat, 12)}, StdDeviation   = {Fixed(deviation, valueFormat, 12)}]\n");
        writer.Write($"#[Max     = {Fixed(max, valueFormat, 12)}, Total count    = {histogram.TotalCount,12}]\n");
        writer.Write($"#[Buckets = {histogram.BucketCount,12}, SubBuckets     = {histogram.SubBucketCount,12}]\n");
    }

    private static string Fixed(double value, string format, int width) =>
        value.ToString(format, CultureInfo.InvariantCulture).PadLeft(width);
}

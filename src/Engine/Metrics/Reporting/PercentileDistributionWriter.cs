using System.Globalization;
using System.Text;
using HdrHistogram;

namespace Engine.Metrics.Reporting;

/// <summary>
/// Writes a histogram's percentile distribution in HdrHistogram's <c>.hgrm</c> text format with the HdrHistogram
/// package's own <c>OutputPercentileDistribution</c>, so HdrHistogram's plotter and tools read exactly what they
/// expect. The engine's histogram is copied slot for slot into the package's (<see cref="HdrHistogramExport"/>).
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

    /// <summary>
    /// Writes the distribution with '\n' line ends, as the reference does. The package formats with the writer's
    /// format provider: pass an invariant-culture writer for files.
    /// </summary>
    public static void Write(
        TextWriter writer,
        Histogram histogram,
        double outputValueUnitScalingRatio = NanosToMicros,
        int ticksPerHalfDistance = DefaultTicksPerHalfDistance)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputValueUnitScalingRatio);
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerHalfDistance, 1);

        LongHistogram copy = HdrHistogramExport.ToLongHistogram(histogram);
        if (copy.TotalCount > 0)
        {
            copy.OutputPercentileDistribution(writer, ticksPerHalfDistance, outputValueUnitScalingRatio, useCsvFormat: false);
            return;
        }

        // Empty: the package divides 0 by 0 and prints NaN for the mean and deviation, where HdrHistogram (Java) prints 0.
        using var text = new StringWriter(writer.FormatProvider);
        copy.OutputPercentileDistribution(text, ticksPerHalfDistance, outputValueUnitScalingRatio, useCsvFormat: false);
        string zero = 0.0.ToString("F" + histogram.SignificantValueDigits.ToString(CultureInfo.InvariantCulture), writer.FormatProvider).PadLeft(12);
        writer.Write(text.ToString().Replace(double.NaN.ToString(writer.FormatProvider).PadLeft(12), zero, StringComparison.Ordinal));
    }
}

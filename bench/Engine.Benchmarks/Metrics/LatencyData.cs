namespace Engine.Benchmarks.Metrics;

/// <summary>The values both histogram suites record, so their figures compare on the same data.</summary>
internal static class LatencyData
{
    public const int Batch = 1024;
    public const long OneHourNanos = 3_600_000_000_000;

    /// <summary>Populated histograms hold this many values: <see cref="PopulatedValue"/> for i below it.</summary>
    public const int PopulatedCount = 1_000_000;

    public const int EdgeCount = 92;

    /// <summary>Log-normal around 20 µs (seed 42), like a stage latency: spreads writes over several buckets as real data does.</summary>
    public static long[] LogNormal()
    {
        var values = new long[Batch];
        var random = new Random(42);
        for (int i = 0; i < Batch; i++)
        {
            double gaussian = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            values[i] = (long)Math.Exp(Math.Log(20_000) + gaussian);
        }

        return values;
    }

    /// <summary>
    /// The values the reference .NET HdrHistogram's recording benchmark uses: 2^k - 1, 2^k and 2^k + 1 for
    /// k = 0..31, distinct and positive (92 values).
    /// </summary>
    public static long[] BucketEdges()
    {
        var edges = new List<long>();
        for (int k = 0; k < 32; k++)
        {
            for (long value = (1L << k) - 1; value <= (1L << k) + 1; value++)
            {
                if (value > 0 && !edges.Contains(value))
                {
                    edges.Add(value);
                }
            }
        }

        return edges.Count == EdgeCount
            ? [.. edges]
            : throw new InvalidOperationException($"expected {EdgeCount} bucket-edge values, generated {edges.Count}");
    }

    /// <summary>The i-th value recorded into a populated histogram (queries run against these).</summary>
    public static long PopulatedValue(long[] logNormal, int i) => logNormal[i % Batch] + (i % 997);
}

namespace Engine.Tests.Metrics;

/// <summary>Seeded latency-like samples (nanoseconds) and the exact order statistics the histogram is checked against.</summary>
internal static class SampleDistributions
{
    public const long HighestTrackable = 3_600_000_000_000; // 1 hour in ns

    public static TheoryData<string> Names => new() { "uniform", "exponential", "lognormal", "bimodal" };

    public static long[] Generate(string name, int count, int seed)
    {
        var random = new Random(seed);
        var values = new long[count];
        for (int i = 0; i < count; i++)
        {
            double x = name switch
            {
                "uniform" => 1 + (random.NextDouble() * 1_000_000),
                "exponential" => -50_000 * Math.Log(1 - random.NextDouble()),
                "lognormal" => Math.Exp(Math.Log(20_000) + (1.0 * Gaussian(random))),
                "bimodal" => random.NextDouble() < 0.9
                    ? 10_000 + (1_000 * Gaussian(random))
                    : 500_000 + (50_000 * Gaussian(random)),
                _ => throw new ArgumentOutOfRangeException(nameof(name)),
            };
            values[i] = Math.Clamp((long)x, 1, HighestTrackable);
        }

        return values;
    }

    /// <summary>The ceil(p/100 · N)-th smallest value (rank at least 1), computed in decimal so 99.9 stays exact.</summary>
    public static long OrderStatistic(long[] sorted, double percentile)
    {
        long rank = (long)Math.Ceiling((decimal)percentile / 100m * sorted.Length);
        rank = Math.Clamp(rank, 1, sorted.Length);
        return sorted[rank - 1];
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

using System.Diagnostics;

namespace Engine.Timing;

/// <summary>
/// Measures a counter's ticks per second against Stopwatch: a few short rounds, each between two tightly bracketed
/// (Stopwatch, counter, Stopwatch) readings, so a preemption anywhere only costs a retry, never a wrong rate.
/// Cold: runs once at start-up, about 15 ms.
/// </summary>
internal static class CounterCalibration
{
    public const int Rounds = 3;
    public const double MaxSpread = 0.01;
    private const int BracketAttempts = 32;
    private static readonly TimeSpan RoundLength = TimeSpan.FromMilliseconds(5);

    /// <summary>The counter's rate in ticks per second, or false with a reason when the counter looks unreliable.</summary>
    public static bool TryMeasure(Func<long> readCounter, out double ticksPerSecond, out string? failure)
    {
        var rates = new double[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            var start = Sample(readCounter);
            long waitUntil = start.Stopwatch + (long)(RoundLength.TotalSeconds * Stopwatch.Frequency);
            Thread.Sleep(RoundLength);
            while (Stopwatch.GetTimestamp() < waitUntil)
            {
                Thread.SpinWait(16);
            }

            var end = Sample(readCounter);
            double seconds = (double)(end.Stopwatch - start.Stopwatch) / Stopwatch.Frequency;
            rates[round] = (end.Counter - start.Counter) / seconds;
        }

        Array.Sort(rates);
        ticksPerSecond = rates[Rounds / 2];
        if (!(rates[0] > 0) || double.IsInfinity(rates[^1]))
        {
            failure = $"calibration saw the counter stand still or run backwards ({rates[0]:G4} ticks/s)";
            return false;
        }

        double spread = (rates[^1] - rates[0]) / ticksPerSecond;
        if (spread > MaxSpread)
        {
            failure = $"calibration rounds disagree by {spread:P1} ({rates[0]:G6} to {rates[^1]:G6} ticks/s)";
            return false;
        }

        failure = null;
        return true;
    }

    // The Stopwatch reading is the midpoint of the narrowest bracket seen, so its error is half that width (~20 ns).
    private static (long Stopwatch, long Counter) Sample(Func<long> readCounter)
    {
        long bestWidth = long.MaxValue;
        (long, long) best = default;
        for (int attempt = 0; attempt < BracketAttempts; attempt++)
        {
            long before = Stopwatch.GetTimestamp();
            long counter = readCounter();
            long after = Stopwatch.GetTimestamp();
            if (after - before < bestWidth)
            {
                bestWidth = after - before;
                best = (before + ((after - before) / 2), counter);
            }
        }

        return best;
    }
}

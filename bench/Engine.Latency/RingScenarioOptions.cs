using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Engine.Latency;

/// <summary>Settings of the <c>ring</c> command.</summary>
internal sealed record RingScenarioOptions(string? JsonPath, int Runs, TimeSpan ThroughputDuration, int RoundTripSamples)
{
    public static bool TryParse(ReadOnlySpan<string> args, [NotNullWhen(true)] out RingScenarioOptions? options, out string? error)
    {
        string? json = null;
        int runs = 5;
        double seconds = 2;
        int samples = 1_000_000;
        options = null;
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return false;
            }

            string value = args[++i];
            bool ok = name switch
            {
                "--json" => (json = value) is not null,
                "--runs" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out runs) && runs > 0,
                "--seconds" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
                "--samples" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out samples) && samples > 0,
                _ => false,
            };
            if (!ok)
            {
                error = $"bad option {name} {value}";
                return false;
            }
        }

        options = new RingScenarioOptions(json, runs, TimeSpan.FromSeconds(seconds), samples);
        return true;
    }
}

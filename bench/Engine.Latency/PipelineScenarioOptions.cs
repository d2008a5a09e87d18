using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Engine.Ring;

namespace Engine.Latency;

/// <summary>Settings of the <c>pipeline</c> command.</summary>
internal sealed record PipelineScenarioOptions(
    double Rate,
    long Events,
    long WarmupEvents,
    string? JsonPath,
    string? OutDirectory,
    IReadOnlyList<string> Inputs,
    WaitStrategyKind Wait,
    bool SkipFloor,
    int RealtimePriority = 0,
    int Rounds = PipelineScenarioOptions.DefaultRounds)
{
    /// <summary>Pipeline and floor alternate in this many rounds, so both see the same phases of a VM whose stalls come and go.</summary>
    public const int DefaultRounds = 4;

    public const double DefaultRate = 100_000;
    public const long DefaultEvents = 10_000_000;

    public static bool TryParse(ReadOnlySpan<string> args, [NotNullWhen(true)] out PipelineScenarioOptions? options, out string? error)
    {
        double rate = DefaultRate;
        long events = DefaultEvents;
        long warmup = -1;
        string? json = null, outDir = null;
        var inputs = new List<string>();
        var wait = WaitStrategyKind.BusySpin;
        bool skipFloor = false;
        int realtime = 0;
        int rounds = DefaultRounds;
        options = null;
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--no-floor")
            {
                skipFloor = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return false;
            }

            string value = args[++i];
            bool ok = name switch
            {
                "--rate" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate > 0,
                "--events" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out events) && events > 0,
                "--warmup" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out warmup),
                "--json" => (json = value) is not null,
                "--out" => (outDir = value) is not null,
                "--input" => File.Exists(value) && AddTo(inputs, value),
                "--realtime" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out realtime) && realtime is >= 1 and <= 99,
                "--wait" => Enum.TryParse(value, ignoreCase: true, out wait) && Enum.IsDefined(wait),
                "--rounds" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out rounds) && rounds is >= 1 and <= 64,
                _ => false,
            };
            if (!ok)
            {
                error = name == "--input" ? $"--input {value}: no such file" : $"bad option {name} {value}";
                return false;
            }
        }

        if (skipFloor)
        {
            rounds = 1; // nothing to alternate with
        }

        if (events < rounds)
        {
            error = $"--events {events}: fewer than --rounds {rounds}";
            return false;
        }

        // Default warm-up, at the start of every round (each round's pipeline is new): a tenth of the round, at most
        // 200k events (2 s at 100k/s).
        long perRound = events / rounds;
        warmup = warmup >= 0 ? Math.Min(warmup, perRound / 2) : Math.Min(perRound / 10, 200_000);
        options = new PipelineScenarioOptions(rate, events, warmup, json, outDir, inputs, wait, skipFloor, realtime, rounds);
        return true;
    }

    private static bool AddTo(List<string> list, string value)
    {
        list.Add(value);
        return true;
    }
}

using Engine.Cli.Configuration;
using Engine.Pipeline;
using Engine.Ring;

namespace Engine.Cli.Run;

/// <summary>
/// The wait strategy and pinning of a live run's threads, chosen from the core count so that a spinning thread never
/// starves the feed's socket reader: only the engine thread ever spins, and only when it can own a core.
/// <list type="bullet">
/// <item>4 or more cores: the engine busy-spins pinned to the last CPU; the journal and the event journal sleep when
/// idle on CPU 0; the feed's socket reader and the gateway are left to the scheduler on the cores in between.</item>
/// <item>2 or 3 cores (a common VPS): the engine yields (spins, then gives its core to any thread ready on it), pinned
/// to the last CPU; the journals on CPU 0; the feed unpinned, so it runs on whichever core is free.</item>
/// <item>1 core: the engine blocks on a lock, nothing is pinned.</item>
/// </list>
/// The order gateway (engine live) yields while it waits for order requests with 2 cores or more (it gives its core
/// to any thread ready on it, so an order is picked up within microseconds instead of the journal's sleep of up to a
/// millisecond), and sleeps with 1.
/// A setting given in the configuration (Runtime:WaitStrategy, EngineCpu, JournalCpu, FeedCpu) is kept as given.
/// </summary>
public sealed record PaperThreadPlan
{
    public required WaitStrategyKind EngineWait { get; init; }

    /// <summary>How the gateway (the output ring's attached consumer) waits for order requests.</summary>
    public WaitStrategyKind GatewayWait { get; init; } = WaitStrategyKind.Sleeping;

    public required int EngineCpu { get; init; }

    public required int JournalCpu { get; init; }

    /// <summary>CPU for the feed's socket reader; -1 leaves it to the scheduler.</summary>
    public required int FeedCpu { get; init; }

    /// <summary>CPU for the input ring's attached consumer (the event journal); -1 unpinned.</summary>
    public required int InputConsumerCpu { get; init; }

    /// <summary>CPU for the output ring's attached consumer (the order gateway); -1 unpinned.</summary>
    public required int OutputConsumerCpu { get; init; }

    /// <summary>The choice and its reason, one line each, for the report.</summary>
    public required IReadOnlyList<string> Describe { get; init; }

    public static PaperThreadPlan Choose(int cores, RuntimeOptions runtime, IReadOnlyList<ConfigEntry> effective)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(effective);
        int last = cores - 1;
        (WaitStrategyKind wait, int engine, int journal, string why) = cores switch
        {
            >= 4 => (WaitStrategyKind.BusySpin, last, 0,
                $"{cores} cores: the engine busy-spins on CPU {last}, a core of its own; the journals sleep when idle on CPU 0; the feed's socket reader and the gateway run unpinned on the cores between"),
            >= 2 => (WaitStrategyKind.Yielding, last, 0,
                $"{cores} cores, fewer than a spinning engine, feed and gateway would need: the engine yields its CPU {last} to any thread ready on it instead of busy-spinning; the journals sleep when idle on CPU 0; the feed's socket reader runs unpinned on whichever core is free"),
            _ => (WaitStrategyKind.Blocking, -1, -1,
                "1 core: the engine blocks until input arrives, nothing is pinned, so every thread shares the core through the scheduler"),
        };

        var kept = new List<string>();
        WaitStrategyKind engineWait = Configured(effective, "Runtime:WaitStrategy", kept) ? runtime.WaitStrategy : wait;
        int engineCpu = Configured(effective, "Runtime:EngineCpu", kept) ? runtime.EngineCpu : engine;
        int journalCpu = Configured(effective, "Runtime:JournalCpu", kept) ? runtime.JournalCpu : journal;
        int feedCpu = Configured(effective, "Runtime:FeedCpu", kept) ? runtime.FeedCpu : -1;
        WaitStrategyKind gatewayWait = Configured(effective, "Runtime:GatewayWait", kept) ? runtime.GatewayWait
            : cores >= 2 ? WaitStrategyKind.Yielding : WaitStrategyKind.Sleeping;
        var lines = new List<string>
        {
            why,
            $"in force: engine {engineWait} on {Cpu(engineCpu)}, journal on {Cpu(journalCpu)}, event journal on {Cpu(journalCpu)}, feed on {Cpu(feedCpu)}, gateway {gatewayWait} unpinned",
        };
        if (kept.Count > 0)
        {
            lines.Add($"kept as configured: {string.Join(", ", kept)}");
        }

        return new PaperThreadPlan
        {
            EngineWait = engineWait,
            GatewayWait = gatewayWait,
            EngineCpu = engineCpu,
            JournalCpu = journalCpu,
            FeedCpu = feedCpu,
            InputConsumerCpu = journalCpu,
            OutputConsumerCpu = -1,
            Describe = lines,
        };
    }

    /// <summary>The pipeline runtime with this plan's strategy and pinning.</summary>
    public PipelineRuntime ApplyTo(PipelineRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return runtime with { EngineWait = EngineWait, OutputConsumerWait = GatewayWait, EngineCpu = EngineCpu, JournalCpu = JournalCpu, FeedCpu = FeedCpu };
    }

    private static bool Configured(IReadOnlyList<ConfigEntry> effective, string key, List<string> kept)
    {
        ConfigEntry? entry = effective.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));
        if (entry is null || entry.Layer == ConfigLayer.Default)
        {
            return false;
        }

        kept.Add($"{entry.Key} = {entry.Value} ({entry.Origin})");
        return true;
    }

    private static string Cpu(int cpu) => cpu < 0 ? "any CPU" : $"CPU {cpu}";
}

using Engine.Ring;

namespace Engine.Cli.Configuration;

/// <summary>Threads, cores, rings and memory: how the process runs, not what it decides.</summary>
public sealed class RuntimeOptions
{
    /// <summary>CPU the engine thread is pinned to; -1 leaves it unpinned. Default: the last CPU, when there are two or more.</summary>
    public int EngineCpu { get; set; } = Environment.ProcessorCount > 1 ? Environment.ProcessorCount - 1 : -1;

    /// <summary>CPU for the feed (input) thread; -1 leaves it unpinned. Default: CPU 0, when there are two or more.</summary>
    public int FeedCpu { get; set; } = Environment.ProcessorCount > 1 ? 0 : -1;

    /// <summary>
    /// CPU for the journal (output) thread; -1 leaves it unpinned. Default: CPU 0, beside the feed, when there are two
    /// or more, so that nothing but the engine thread runs on the engine's CPU.
    /// </summary>
    public int JournalCpu { get; set; } = Environment.ProcessorCount > 1 ? 0 : -1;

    public WaitStrategyKind WaitStrategy { get; set; } = WaitStrategyKind.Yielding;

    /// <summary>
    /// <c>engine live</c>: how the order gateway waits for the engine's order requests (default chosen from the core
    /// count: Yielding with 2 or more, Sleeping with 1). Sleeping costs up to a millisecond per order; Blocking is taken
    /// as Sleeping.
    /// </summary>
    public WaitStrategyKind GatewayWait { get; set; } = WaitStrategyKind.Yielding;

    /// <summary>Input ring slots (a power of two).</summary>
    public int InputRingSize { get; set; } = 1 << 16;

    /// <summary>Output ring slots (a power of two).</summary>
    public int OutputRingSize { get; set; } = 1 << 16;

    /// <summary>mlockall the process so the engine never takes a page fault; a warning, not a failure, when refused.</summary>
    public bool LockMemory { get; set; } = true;

    /// <summary>SCHED_FIFO priority for the engine thread (1-99); 0 does not ask.</summary>
    public int RealtimePriority { get; set; }

    /// <summary>Events run through the pipeline before latency is recorded.</summary>
    public long WarmupEvents { get; set; } = 50_000;

    /// <summary>
    /// As-fast-as-possible replays time one event in this many (a power of two); paced runs (--speed) time every
    /// event. A timed event reads the clock at every stage and records into histograms the ring's traffic has pushed
    /// out of cache, which costs about as much as the stages themselves on dozens of untimed events.
    /// </summary>
    public int LatencySampleEvery { get; set; } = 256;

    /// <summary>
    /// Replay pace: recorded speed × this (20 plays five minutes of trades in 15 s); 0 plays as fast as possible, a
    /// throughput run in which events queue in the input ring and end-to-end latency measures that backlog.
    /// <c>--speed X</c> sets it (<c>--speed max</c> or <c>--speed 0</c>: as fast as possible).
    /// </summary>
    public double Speed { get; set; }

    /// <summary>
    /// Paced replays only: how many milliseconds ahead of its time an event may be released, so that the feed thread
    /// sleeps instead of spinning between events (0, the default: each event at its time, spinning the last 2 ms).
    /// For long soaks on a shared machine; the outputs do not change.
    /// </summary>
    public double PaceSlackMs { get; set; }

    /// <summary>
    /// The end-to-end latency the run should stay within, in milliseconds: the report's first line says whether the
    /// run's p99.99 and maximum did.
    /// </summary>
    public double LatencyBudgetMs { get; set; } = 100;

    /// <summary>Seconds between status lines when not on a terminal.</summary>
    public double StatusIntervalSeconds { get; set; } = 5;

    public void Validate(ICollection<string> errors)
    {
        int cpus = Environment.ProcessorCount;
        CheckCpu(errors, nameof(EngineCpu), EngineCpu, cpus);
        CheckCpu(errors, nameof(FeedCpu), FeedCpu, cpus);
        CheckCpu(errors, nameof(JournalCpu), JournalCpu, cpus);
        CheckRing(errors, nameof(InputRingSize), InputRingSize);
        CheckRing(errors, nameof(OutputRingSize), OutputRingSize);
        if (RealtimePriority is < 0 or > 99)
        {
            errors.Add($"Runtime:{nameof(RealtimePriority)} = {RealtimePriority}: must be 0 (do not ask) or a SCHED_FIFO priority from 1 to 99");
        }

        if (WarmupEvents < 0)
        {
            errors.Add($"Runtime:{nameof(WarmupEvents)} = {WarmupEvents}: must be 0 or more");
        }

        if (LatencySampleEvery < 1 || LatencySampleEvery > (1 << 20) || (LatencySampleEvery & (LatencySampleEvery - 1)) != 0)
        {
            errors.Add($"Runtime:{nameof(LatencySampleEvery)} = {LatencySampleEvery}: must be a power of two from 1 to 1048576");
        }

        if (!(Speed >= 0) || double.IsInfinity(Speed))
        {
            errors.Add($"Runtime:{nameof(Speed)} = {Speed}: must be a finite number above 0 (recorded speed × that), or 0 for as fast as possible");
        }

        if (!(PaceSlackMs >= 0) || PaceSlackMs > 1_000)
        {
            errors.Add($"Runtime:{nameof(PaceSlackMs)} = {PaceSlackMs}: must be from 0 (release each event at its time) to 1000 milliseconds");
        }

        if (!(LatencyBudgetMs > 0) || double.IsInfinity(LatencyBudgetMs))
        {
            errors.Add($"Runtime:{nameof(LatencyBudgetMs)} = {LatencyBudgetMs}: must be a finite number of milliseconds above 0");
        }

        if (!(StatusIntervalSeconds > 0))
        {
            errors.Add($"Runtime:{nameof(StatusIntervalSeconds)} = {StatusIntervalSeconds}: must be more than 0");
        }
    }

    private static void CheckCpu(ICollection<string> errors, string name, int cpu, int cpus)
    {
        if (cpu < -1 || cpu >= cpus)
        {
            errors.Add($"Runtime:{name} = {cpu}: must be -1 (unpinned) or a CPU from 0 to {cpus - 1} on this machine");
        }
    }

    private static void CheckRing(ICollection<string> errors, string name, int size)
    {
        if (size < 64 || size > (1 << 24) || (size & (size - 1)) != 0)
        {
            errors.Add($"Runtime:{name} = {size}: must be a power of two from 64 to 16777216");
        }
    }
}

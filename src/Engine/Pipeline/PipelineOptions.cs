using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;
using Engine.Risk;
using Engine.Signals;

namespace Engine.Pipeline;

/// <summary>Everything the engine thread needs, fixed at start-up: stages are sized from it, nothing grows later.</summary>
public sealed record PipelineOptions
{
    public required IReadOnlyList<SymbolSetup> Symbols { get; init; }

    /// <summary>Time aggregation interval (1 s to 1 h).</summary>
    public long IntervalMs { get; init; } = 60_000;

    public SignalSource Signal { get; init; } = SignalSource.DeltaScout;

    public DeltaScoutOptions DeltaScout { get; init; } = new();

    public VolumeSignalOptions VolumeSignal { get; init; } = new();

    /// <summary>The latency probe's settings (used when <see cref="Signal"/> is <see cref="SignalSource.LatencyProbe"/>).</summary>
    public LatencyProbeOptions Probe { get; init; } = new();

    public RiskOptions Risk { get; init; } = new();

    public OrderManagerOptions OrderManager { get; init; } = new();

    public PaperVenueOptions Paper { get; init; } = new();

    /// <summary>Paper account equity at start, in the quote asset.</summary>
    public decimal StartingEquity { get; init; } = 10_000m;

    /// <summary>
    /// Time one input event in this many (a power of two): 1 in paced runs, where every event is timed, more in
    /// as-fast-as-possible replays, where timing every event would cost more than the stages it measures.
    /// </summary>
    public int LatencySampleEvery { get; init; } = 1;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Symbols.Count == 0)
        {
            errors.Add("Symbols: at least one symbol is needed");
        }

        foreach (SymbolSetup s in Symbols)
        {
            if (!s.Filters.IsValid)
            {
                errors.Add($"Symbols:{s.Name}: filters need a tick size and lot steps above zero");
            }

            if (s.BarSize <= 0)
            {
                errors.Add($"Symbols:{s.Name}:BarSize = {s.BarSize}: must be more than 0");
            }
        }

        if (IntervalMs < 1_000 || IntervalMs > 3_600_000 || IntervalMs % 1_000 != 0)
        {
            errors.Add($"Run:IntervalSeconds = {IntervalMs / 1000.0}: must be whole seconds from 1 to 3600");
        }

        if (LatencySampleEvery < 1 || (LatencySampleEvery & (LatencySampleEvery - 1)) != 0)
        {
            errors.Add($"LatencySampleEvery = {LatencySampleEvery}: must be a power of two");
        }

        if (StartingEquity <= 0)
        {
            errors.Add($"StartingEquity = {StartingEquity}: must be more than 0");
        }

        errors.AddRange(DeltaScout.Validate());
        errors.AddRange(VolumeSignal.Validate());
        errors.AddRange(Probe.Validate());
        errors.AddRange(Risk.Validate());
        return errors;
    }
}

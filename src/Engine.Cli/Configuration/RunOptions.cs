using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Configuration;

/// <summary>What a run computes: interval, signal, paper account, where symbol filters come from.</summary>
public sealed class RunOptions
{
    /// <summary>Aggregation interval in seconds (1 to 3600), aligned to UTC.</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Which signal drives trading.</summary>
    public SignalSource Signal { get; set; } = SignalSource.DeltaScout;

    /// <summary>A Binance futures exchangeInfo JSON to take symbol filters from (tick, lot, min notional).</summary>
    public string? ExchangeInfo { get; set; }

    /// <summary>
    /// An existing aggregated.csv (the engine's or the original Aggregator's) whose rows prime DeltaScout's windows,
    /// EMA50 and previous-candidate slot before live input, without emitting anything (contracts §3 warm start).
    /// </summary>
    public string? WarmStart { get; set; }

    /// <summary>
    /// How far, in trade-time milliseconds, a symbol's input may run ahead of a missing trade id before the id is given
    /// up as a gap: trades out of id order within it are put back in order, later ones are counted and dropped
    /// (see TradeReorderBuffer). 0 lets nothing wait (duplicates are still dropped).
    /// </summary>
    public long ReorderWindowMs { get; set; } = 1000;

    /// <summary>
    /// The stream a replay keeps for a symbol whose input holds both <c>aggTrade</c> and <c>trade</c> (the same market
    /// trades twice); the other is left out and the report says how many. Inputs holding one stream are not affected.
    /// </summary>
    public TradeStream TradeStream { get; set; } = TradeStream.AggTrade;

    /// <summary>Paper account equity at start, in the quote asset.</summary>
    public decimal StartingEquity { get; set; } = 10_000m;

    public void Validate(ICollection<string> errors)
    {
        if (IntervalSeconds is < 1 or > 3600)
        {
            errors.Add($"Run:{nameof(IntervalSeconds)} = {IntervalSeconds}: must be from 1 to 3600 seconds");
        }

        if (ExchangeInfo is not null && !File.Exists(ExchangeInfo))
        {
            errors.Add($"Run:{nameof(ExchangeInfo)} = '{ExchangeInfo}': no such file");
        }

        if (WarmStart is not null && !File.Exists(WarmStart))
        {
            errors.Add($"Run:{nameof(WarmStart)} = '{WarmStart}': no such file");
        }

        if (ReorderWindowMs is < 0 or > 3_600_000)
        {
            errors.Add($"Run:{nameof(ReorderWindowMs)} = {ReorderWindowMs}: must be from 0 to 3600000 milliseconds");
        }

        if (StartingEquity <= 0)
        {
            errors.Add($"Run:{nameof(StartingEquity)} = {StartingEquity}: must be more than 0");
        }
    }
}

using Engine.Binance.Archives;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>Feeds an existing aggregated.csv into the engine's signal state before a run (cold, start-up only).</summary>
public static class WarmStarter
{
    /// <summary>Primes <paramref name="engine"/> with every row of <paramref name="path"/>; returns a line for the report.</summary>
    public static string Prime<TOut>(TradingEngine<TOut> engine, string path, SymbolId symbol, long intervalMs)
        where TOut : struct, IOutputSink
    {
        ArgumentNullException.ThrowIfNull(engine);
        using AggregatedCsvReader reader = AggregatedCsvReader.Open(path, symbol, intervalMs);
        var slot = default(EngineEvent);
        long primed = 0;
        long refused = 0;
        while (reader.TryReadNext(ref slot))
        {
            if (engine.WarmStart(in slot.Row))
            {
                primed++;
            }
            else
            {
                refused++;
            }
        }

        return $"warm start: {primed} rows from {path} primed DeltaScout ({refused} refused, {reader.Stats.Malformed} malformed lines)";
    }
}

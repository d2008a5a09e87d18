using Engine.Binance.Archives;
using Engine.Model;
using Engine.Sim.Tape;

namespace Engine.SimBench;

/// <summary>A trade file tiled into a long tape for the throughput programs (SimBench, FeedBench).</summary>
internal static class TiledTape
{
    // The file's trades, played `laps` times back to back with times and ids shifted so the tape stays continuous.
    public static SimTape Load(string path, int laps, out string symbol)
    {
        symbol = Path.GetFileName(path).Split('-')[0].ToUpperInvariant();
        var registry = new SymbolRegistry([symbol]);
        var trades = new List<Trade>();
        using (TradeCsvReader reader = TradeCsvReader.Open(path, registry, new SymbolId(0)))
        {
            var slot = default(EngineEvent);
            while (reader.TryReadNext(ref slot))
            {
                if (slot.Kind == EventKind.Trade)
                {
                    trades.Add(slot.Trade);
                }
            }
        }

        long span = trades[^1].TradeTimeMs - trades[0].TradeTimeMs + 1;
        long ids = trades[^1].Id - trades[0].Id + 1;
        var tiled = new List<Trade>(trades.Count * laps);
        for (int lap = 0; lap < laps; lap++)
        {
            foreach (Trade t in trades)
            {
                Trade s = t;
                s.TradeTimeMs += lap * span;
                s.EventTimeMs += lap * span;
                s.Id += lap * ids;
                s.FirstTradeId += lap * ids;
                s.LastTradeId += lap * ids;
                tiled.Add(s);
            }
        }

        return SimTape.Of(tiled, registry);
    }
}

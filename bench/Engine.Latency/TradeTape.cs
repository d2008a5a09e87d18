using Engine.Binance.Archives;
using Engine.Model;

namespace Engine.Latency;

/// <summary>
/// Recorded trades loaded once into a preallocated array of input slots, merged across files by trade time, and
/// replayed as many times as needed: lap <c>k</c> shifts every trade's times by <c>k</c> × the tape's span and every
/// id by <c>k</c> × that symbol's id span, so times and ids stay continuous from one lap to the next.
/// </summary>
internal sealed class TradeTape
{
    private readonly EngineEvent[] _events;
    private readonly long[] _idSpanBySymbol;

    public TradeTape(EngineEvent[] events, int symbolCount)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfZero(events.Length);
        _events = events;
        long minTime = long.MaxValue, maxTime = long.MinValue;
        var minId = new long[symbolCount];
        var maxId = new long[symbolCount];
        Array.Fill(minId, long.MaxValue);
        Array.Fill(maxId, long.MinValue);
        foreach (ref readonly EngineEvent e in events.AsSpan())
        {
            minTime = Math.Min(minTime, e.Trade.TradeTimeMs);
            maxTime = Math.Max(maxTime, e.Trade.TradeTimeMs);
            int s = e.Trade.Symbol.Value;
            minId[s] = Math.Min(minId[s], e.Trade.Id);
            maxId[s] = Math.Max(maxId[s], e.Trade.Id);
        }

        TimeSpanMs = maxTime - minTime + 1;
        _idSpanBySymbol = new long[symbolCount];
        for (int s = 0; s < symbolCount; s++)
        {
            _idSpanBySymbol[s] = maxId[s] >= minId[s] ? maxId[s] - minId[s] + 1 : 0;
        }
    }

    /// <summary>Trades in one lap.</summary>
    public int Length => _events.Length;

    /// <summary>How far one lap moves trade and event times, in ms.</summary>
    public long TimeSpanMs { get; }

    /// <summary>How far one lap moves the ids of <paramref name="symbol"/>.</summary>
    public long IdSpan(SymbolId symbol) => _idSpanBySymbol[symbol.Value];

    /// <summary>Copies event <paramref name="index"/> of the endless tape into <paramref name="slot"/> (hot: no allocation).</summary>
    public void CopyTo(long index, ref EngineEvent slot)
    {
        long lap = index / _events.Length;
        slot = _events[index - (lap * _events.Length)];
        if (lap == 0)
        {
            return;
        }

        ref Trade t = ref slot.Trade;
        long timeShift = lap * TimeSpanMs;
        long idShift = lap * _idSpanBySymbol[t.Symbol.Value];
        t.TradeTimeMs += timeShift;
        t.EventTimeMs += timeShift;
        t.Id += idShift;
        t.FirstTradeId += idShift;
        t.LastTradeId += idShift;
    }

    /// <summary>Reads every trade of <paramref name="paths"/> (cold), keeping the accepted ones in trade-time order.</summary>
    public static TradeTape Load(IReadOnlyList<string> paths, SymbolRegistry symbols, out long rejectedLines)
    {
        var trades = new List<EngineEvent>();
        rejectedLines = 0;
        foreach (string path in paths)
        {
            using TradeCsvReader reader = TradeCsvReader.Open(path, symbols);
            var slot = default(EngineEvent);
            while (reader.TryReadNext(ref slot))
            {
                if (slot.Kind == EventKind.Trade)
                {
                    trades.Add(slot);
                }
            }

            rejectedLines += reader.Stats.Malformed;
        }

        // Stable merge by trade time: ties keep file order (Array.Sort is not stable, so the index is part of the key).
        var keys = new (long Time, int Index)[trades.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = (trades[i].Trade.TradeTimeMs, i);
        }

        Array.Sort(keys);
        var merged = new EngineEvent[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            merged[i] = trades[keys[i].Index];
        }

        return new TradeTape(merged, symbols.Count);
    }
}

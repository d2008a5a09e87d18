using Engine.Model;
using Engine.Pipeline;

namespace Engine.Binance.Sequencing;

/// <summary>
/// Which trade streams (<c>aggTrade</c>, <c>trade</c>) an input holds per symbol, read before the replay so the
/// <see cref="TradeStreamSelector"/> knows from the first event which symbols hold both. Cold: runs before the pipeline.
/// </summary>
public sealed class TradeStreamSurvey
{
    private readonly bool[] _aggregate;
    private readonly bool[] _raw;
    private readonly long[] _lastId;

    public TradeStreamSurvey(int symbolCount)
    {
        _aggregate = new bool[symbolCount];
        _raw = new bool[symbolCount];
        _lastId = new long[symbolCount];
        Array.Fill(_lastId, long.MinValue);
    }

    /// <summary>
    /// True while every trade read so far followed its symbol's previous one by exactly one id (no gap, no repeat, no
    /// disorder), all inputs read to their end, in the order read. Such an input needs no reorder buffer: the buffer's
    /// steady path would pass every trade straight through.
    /// </summary>
    public bool Consecutive { get; private set; } = true;

    public int SymbolCount => _raw.Length;

    /// <summary>Per symbol id: true when both streams were seen.</summary>
    public IReadOnlyList<bool> HoldsBoth => [.. _raw.Select((raw, s) => raw && _aggregate[s])];

    public bool AnyHoldsBoth => HoldsBoth.Contains(true);

    public void Observe(in Trade trade)
    {
        int s = trade.Symbol.Value;
        if ((uint)s < (uint)_raw.Length)
        {
            (trade.IsAggregate ? _aggregate : _raw)[s] = true;
            Consecutive &= _lastId[s] == long.MinValue || trade.Id == _lastId[s] + 1;
            _lastId[s] = trade.Id;
        }
    }

    /// <summary>
    /// Reads <paramref name="input"/> to its end, or only to its first trade when every trade of it is known to be of
    /// one stream and one symbol (a trade CSV).
    /// </summary>
    public void Read(IInputFeed input, bool firstTradeOnly)
    {
        ArgumentNullException.ThrowIfNull(input);
        Consecutive &= !firstTradeOnly; // the rest of it is not read: its order is not known
        var slot = default(EngineEvent);
        while (input.TryReadNext(ref slot))
        {
            if (slot.Kind == EventKind.Trade)
            {
                Observe(in slot.Trade);
                if (firstTradeOnly)
                {
                    return;
                }
            }
        }
    }
}

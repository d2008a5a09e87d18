using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Binance.Live.Market;

/// <summary>
/// A test double of the live input ring: slots in a growing array, every published slot kept in publish order.
/// Thread-safe (a lock), so a test may read while the feed's threads write.
/// </summary>
internal sealed class ListPublisher : IInputPublisher
{
    private readonly Lock _gate = new();
    private EngineEvent[] _slots = new EngineEvent[1024];
    private readonly List<EngineEvent> _published = [];
    private long _next;

    public long Claim()
    {
        lock (_gate)
        {
            if (_next == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            return _next++;
        }
    }

    public ref EngineEvent this[long sequence] => ref _slots[sequence];

    public void Publish(long sequence)
    {
        lock (_gate)
        {
            _published.Add(_slots[sequence]);
        }
    }

    public List<EngineEvent> Published()
    {
        lock (_gate)
        {
            return [.. _published];
        }
    }

    public List<EngineEvent> OfKind(EventKind kind) => Published().Where(e => e.Kind == kind).ToList();

    /// <summary>Aggregate ids of the published trades of <paramref name="symbol"/>, in ring order.</summary>
    public List<long> TradeIds(SymbolId symbol) => OfKind(EventKind.Trade).Where(e => e.Trade.Symbol == symbol).Select(e => e.Trade.Id).ToList();
}

/// <summary>A fixed ring of slots that keeps only counts: for allocation tests and the benchmark's shape.</summary>
internal sealed class CountingPublisher : IInputPublisher
{
    private readonly EngineEvent[] _slots = new EngineEvent[1024];
    private long _next;

    public long Trades { get; private set; }

    public long Empty { get; private set; }

    public long Claim() => _next++;

    public ref EngineEvent this[long sequence] => ref _slots[sequence & 1023];

    public void Publish(long sequence)
    {
        if (_slots[sequence & 1023].Kind == EventKind.Trade)
        {
            Trades++;
        }
        else
        {
            Empty++;
        }
    }
}

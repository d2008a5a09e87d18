using Engine.Binance.Live.Market;
using Engine.Model;

namespace Engine.Tests.Binance.Live.Market;

/// <summary>
/// REST aggTrades as a test scripts it: the ids it holds (per symbol), and answers to give before serving
/// (e.g. two 503s, then data). Records every request's fromId.
/// </summary>
internal sealed class FakeHistory : IAggTradeHistory
{
    private readonly Dictionary<SymbolId, SortedDictionary<long, Trade>> _trades = [];
    private readonly Queue<HistoryAnswer> _script = new();
    private readonly Lock _gate = new();

    public List<long> Requests { get; } = [];

    /// <summary>Environment.TickCount64 at each request.</summary>
    public List<long> RequestTimesMs { get; } = [];

    public void Add(Trade trade)
    {
        lock (_gate)
        {
            if (!_trades.TryGetValue(trade.Symbol, out var map))
            {
                _trades[trade.Symbol] = map = [];
            }

            map[trade.Id] = trade;
        }
    }

    public void AddRange(SymbolId symbol, long fromId, long toId)
    {
        for (long id = fromId; id <= toId; id++)
        {
            Add(FeedFrames.RestTrade(symbol, id));
        }
    }

    /// <summary>Answers given, in order, before the history serves trades.</summary>
    public void Then(HistoryAnswer answer)
    {
        lock (_gate)
        {
            _script.Enqueue(answer);
        }
    }

    public Task<HistoryAnswer> FetchAsync(string symbol, SymbolId id, long fromId, int limit, List<Trade> into, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Requests.Add(fromId);
            RequestTimesMs.Add(Environment.TickCount64);
            if (_script.TryDequeue(out HistoryAnswer scripted))
            {
                return Task.FromResult(scripted);
            }

            if (_trades.TryGetValue(id, out var map))
            {
                into.AddRange(map.Where(kv => kv.Key >= fromId).Take(limit).Select(kv => kv.Value));
            }

            return Task.FromResult(HistoryAnswer.Ok);
        }
    }
}

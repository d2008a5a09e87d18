using System.Globalization;
using System.Text.Json;
using Engine.Model;
using static Engine.Binance.Live.UserData.VenueJson;

namespace Engine.Binance.Live.UserData;

/// <summary>
/// After every (re)connect, asks the venue what the stream may have missed (binance-usdm design consequence 7): open
/// orders and open algo orders (orders placed in the gap become Accepted), then each symbol's <c>userTrades</c> from
/// the last fill reported (fills in the gap, reported once each), then the status of every order the engine believed
/// working that is no longer open (a cancel or expiry in the gap), then positions (as account updates). Runs on the
/// stream's thread between sockets, never beside the receive loop. Cold path.
/// </summary>
internal sealed partial class UserReconciler
{
    private readonly UserRestClient _rest;
    private readonly UserOrderTracker _tracker;
    private readonly SymbolRegistry _symbols;
    private readonly UserStreamOptions _options;
    private readonly UserStreamStatistics _stats;

    // Fills older than this are from before the stream started (an earlier run's): the first query starts here.
    private readonly long _startMs;

    public UserReconciler(UserRestClient rest, UserOrderTracker tracker, SymbolRegistry symbols, UserStreamOptions options, UserStreamStatistics stats)
    {
        _rest = rest;
        _tracker = tracker;
        _symbols = symbols;
        _options = options;
        _stats = stats;
        _startMs = options.ServerTimeMs();
    }

    /// <summary>One pass; returns a one-line summary of what it found that the stream had not said (empty when nothing).</summary>
    public async Task<string> RunAsync(CancellationToken cancel)
    {
        long now = _options.ServerTimeMs();
        long fillsBefore = _stats.FillsRecovered, statusesBefore = _stats.StatusesRecovered, foreignBefore = _stats.ForeignFills;
        HashSet<long> open = await OpenOrdersAsync(now, cancel).ConfigureAwait(false);
        HashSet<long> openAlgos = await OpenAlgoOrdersAsync(now, cancel).ConfigureAwait(false);
        foreach (string symbol in _options.Symbols)
        {
            await UserTradesAsync(symbol, cancel).ConfigureAwait(false);
        }

        foreach ((ClientOrderId id, TrackedOrder o) in _tracker.WorkingOrders())
        {
            if (!open.Contains(o.VenueId.Value))
            {
                await OrderEndAsync(id, o, now, cancel).ConfigureAwait(false);
            }
        }

        foreach ((long algoId, TrackedAlgo a) in _tracker.WorkingAlgos())
        {
            if (!openAlgos.Contains(algoId))
            {
                await AlgoEndAsync(algoId, a, now, cancel).ConfigureAwait(false);
            }
        }

        await PositionsAsync(now, cancel).ConfigureAwait(false);
        long fills = _stats.FillsRecovered - fillsBefore, statuses = _stats.StatusesRecovered - statusesBefore, foreign = _stats.ForeignFills - foreignBefore;
        return fills + statuses == 0 ? ""
            : $"{fills} fill(s) recovered ({foreign} not the engine's), {statuses} order status(es) recovered";
    }

    /// <summary>GET /fapi/v1/openOrders: every open order of the account; returns their venue ids.</summary>
    private async Task<HashSet<long>> OpenOrdersAsync(long now, CancellationToken cancel)
    {
        var ids = new HashSet<long>();
        using JsonDocument doc = await _rest.GetSignedAsync("/fapi/v1/openOrders", "", cancel).ConfigureAwait(false);
        foreach (JsonElement e in Array(doc))
        {
            long orderId = e.GetProperty("orderId").GetInt64();
            ids.Add(orderId);
            ClientOrderId id = ClientIdText.Classify(e.GetProperty("clientOrderId").GetString(), _options.ClientIdPrefix, out OrderOrigin origin);
            if (origin == OrderOrigin.Engine && _symbols.TryGet(Text(e, "symbol"), out SymbolId symbol))
            {
                _tracker.OnOrderFound(id, symbol, SideOf(Text(e, "side")), new OrderId(orderId), Qty(e, "origQty"), working: true, now);
            }
        }

        return ids;
    }

    /// <summary>GET /fapi/v1/openAlgoOrders: the Algo Service's open conditional orders (openOrders does not list them).</summary>
    private async Task<HashSet<long>> OpenAlgoOrdersAsync(long now, CancellationToken cancel)
    {
        var ids = new HashSet<long>();
        using JsonDocument doc = await _rest.GetSignedAsync("/fapi/v1/openAlgoOrders", "", cancel).ConfigureAwait(false);
        foreach (JsonElement e in Array(doc))
        {
            long algoId = e.GetProperty("algoId").GetInt64();
            ids.Add(algoId);
            OnAlgo(e, algoId, now);
        }

        return ids;
    }

    /// <summary>GET /fapi/v1/userTrades from the fill after the last one reported (or from the stream's start).</summary>
    private async Task UserTradesAsync(string symbolName, CancellationToken cancel)
    {
        if (!_symbols.TryGet(symbolName, out SymbolId symbol))
        {
            return;
        }

        long last = _tracker.LastTradeId(symbol);
        string from = last > 0 ? "fromId=" + (last + 1).ToString(CultureInfo.InvariantCulture)
            : "startTime=" + _startMs.ToString(CultureInfo.InvariantCulture);
        using JsonDocument doc = await _rest.GetSignedAsync("/fapi/v1/userTrades", $"symbol={symbolName}&{from}&limit=1000", cancel).ConfigureAwait(false);
        var trades = Array(doc).Select(e => e.Clone()).OrderBy(e => e.GetProperty("id").GetInt64()).ToList();
        foreach (JsonElement t in trades)
        {
            long tradeId = t.GetProperty("id").GetInt64();
            long time = t.GetProperty("time").GetInt64();
            if ((last > 0 && tradeId <= last) || (last == 0 && time < _startMs))
            {
                continue; // the venue ignored fromId/startTime: filtered here
            }

            var venueId = new OrderId(t.GetProperty("orderId").GetInt64());
            OrderOrigin origin = OrderOrigin.Engine;
            if (!_tracker.TryClientOf(venueId, out ClientOrderId id))
            {
                (id, origin) = await LearnOrderAsync(symbolName, symbol, venueId, cancel).ConfigureAwait(false);
            }

            string asset = Text(t, "commissionAsset");
            _tracker.OnFillFound(
                origin, id, symbol, SideOf(Text(t, "side")), venueId, Qty(t, "qty"), new Price(Fixed(t, "price")), tradeId,
                t.GetProperty("maker").GetBoolean(), new Money(Fixed(t, "commission")), asset == "USDT", new Money(Fixed(t, "realizedPnl")), time);
        }
    }

    /// <summary>A fill of an order the stream never named: GET /fapi/v1/order tells whose it is and its size.</summary>
    private async Task<(ClientOrderId Id, OrderOrigin Origin)> LearnOrderAsync(string symbolName, SymbolId symbol, OrderId venueId, CancellationToken cancel)
    {
        using JsonDocument doc = await _rest.GetSignedAsync("/fapi/v1/order", $"symbol={symbolName}&orderId={venueId.Value}", cancel).ConfigureAwait(false);
        JsonElement e = doc.RootElement;
        ClientOrderId id = ClientIdText.Classify(e.GetProperty("clientOrderId").GetString(), _options.ClientIdPrefix, out OrderOrigin origin);
        if (origin == OrderOrigin.Engine)
        {
            _tracker.OnOrderFound(id, symbol, SideOf(Text(e, "side")), venueId, Qty(e, "origQty"), working: false, _options.ServerTimeMs());
        }

        return (id, origin);
    }
}

using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using Engine.Binance.Live.UserData;
using Engine.Model;
using static Engine.Binance.Live.UserData.VenueJson;

namespace Engine.Binance.Live.Reconcile;

// The queries of one pass: open orders, open algo orders, fills since the last known one, how vanished orders ended,
// positions and the balance. Nothing is acted on here.
public sealed partial class StartupReconciler
{
    private async Task<VenueView> AskVenueAsync(EngineBook book, CancellationToken cancel)
    {
        var view = new VenueView();
        using (JsonDocument doc = await _rest.GetSignedAsync("/fapi/v1/openOrders", "", cancel).ConfigureAwait(false))
        {
            foreach (JsonElement e in Array(doc))
            {
                AddOpen(view, e, isAlgo: false, "orderId", "clientOrderId", "type");
            }
        }

        using (JsonDocument doc = await _rest.GetSignedAsync("/fapi/v1/openAlgoOrders", "", cancel).ConfigureAwait(false))
        {
            foreach (JsonElement e in Array(doc))
            {
                AddOpen(view, e, isAlgo: true, "algoId", "clientAlgoId", "orderType");
            }
        }

        var owners = new Dictionary<long, VenueOrderOwner>();
        foreach (BookOrder o in book.Orders)
        {
            if (!o.VenueId.IsNone && !o.IsAlgo)
            {
                owners[o.VenueId.Value] = new VenueOrderOwner(o.Id, OrderOrigin.Engine, o.Quantity);
            }
        }

        foreach (BookPosition p in book.Positions)
        {
            await FillsAsync(view, p, owners, cancel).ConfigureAwait(false);
        }

        foreach (BookOrder o in book.Orders)
        {
            if (!view.Open.Any(v => v.EngineId == o.Id && v.IsAlgo == o.IsAlgo))
            {
                view.Ends[o.Id.Value] = await EndOfAsync(o, cancel).ConfigureAwait(false);
            }
        }

        using (JsonDocument doc = await _rest.GetSignedAsync("/fapi/v2/positionRisk", "", cancel).ConfigureAwait(false))
        {
            foreach (JsonElement e in Array(doc))
            {
                string symbol = Text(e, "symbol");
                if (_symbols.TryGet(symbol, out _))
                {
                    view.Positions[symbol] = new VenuePosition(Qty(e, "positionAmt"), new Price(Fixed(e, "entryPrice")), new Price(Fixed(e, "markPrice")));
                }
            }
        }

        using (JsonDocument doc = await _rest.GetSignedAsync("/fapi/v2/balance", "", cancel).ConfigureAwait(false))
        {
            foreach (JsonElement e in Array(doc))
            {
                if (Text(e, "asset") == "USDT")
                {
                    view.WalletBalance = new Money(Fixed(e, "balance"));
                }
            }
        }

        return view;
    }

    private void AddOpen(VenueView view, JsonElement e, bool isAlgo, string idName, string clientName, string typeName)
    {
        string symbol = Text(e, "symbol");
        if (!_symbols.TryGet(symbol, out _))
        {
            return; // another symbol's order: not this engine's to judge
        }

        string client = Text(e, clientName);
        ClientOrderId id = ClientIdText.Classify(client, _venue.ClientIdPrefix, out _);
        view.Open.Add(new VenueOpenOrder(
            symbol, e.GetProperty(idName).GetInt64(), client, id, isAlgo, SideOf(Text(e, "side")), Text(e, typeName), Flag(e, "closePosition"), Flag(e, "reduceOnly")));
    }

    /// <summary>
    /// The symbol's fills after the last one the engine applied (<c>fromId</c>), or, when it knows none, from a minute
    /// before its oldest working order (<c>startTime</c>); a symbol with neither has nothing of the engine's to fill.
    /// Pages of 1,000 until a short one. The venue may ignore the bounds: they are applied here too.
    /// </summary>
    private async Task FillsAsync(VenueView view, BookPosition p, Dictionary<long, VenueOrderOwner> owners, CancellationToken cancel)
    {
        string symbol = _symbols.NameOf(p.Symbol);
        long last = p.LastTradeId;
        long since = p.OldestWorkingMs > 0 ? p.OldestWorkingMs - _options.FillLookbackMs : 0;
        if (last == 0 && since == 0)
        {
            return;
        }

        var seen = new HashSet<long>();
        long from = last + 1;
        while (true)
        {
            string bound = last > 0 || seen.Count > 0 ? "fromId=" + from.ToString(CultureInfo.InvariantCulture) : "startTime=" + since.ToString(CultureInfo.InvariantCulture);
            using JsonDocument doc = await _rest.GetSignedAsync("/fapi/v1/userTrades", $"symbol={symbol}&{bound}&limit=1000", cancel).ConfigureAwait(false);
            int page = 0, added = 0;
            foreach (JsonElement t in Array(doc))
            {
                page++;
                long tradeId = t.GetProperty("id").GetInt64();
                long time = t.GetProperty("time").GetInt64();
                if ((last > 0 && tradeId <= last) || (last == 0 && time < since) || !seen.Add(tradeId))
                {
                    continue;
                }

                added++;
                from = Math.Max(from, tradeId + 1);
                long orderId = t.GetProperty("orderId").GetInt64();
                if (!owners.TryGetValue(orderId, out VenueOrderOwner owner))
                {
                    owner = await OwnerOfAsync(symbol, orderId, cancel).ConfigureAwait(false);
                    owners[orderId] = owner;
                }

                view.Trades.Add(new VenueTrade(
                    symbol, tradeId, orderId, SideOf(Text(t, "side")), Qty(t, "qty"), new Price(Fixed(t, "price")), new Money(Fixed(t, "commission")),
                    Text(t, "commissionAsset") == "USDT", new Money(Fixed(t, "realizedPnl")), Flag(t, "maker"), time, owner.EngineId, owner.Origin));
            }

            if (page < 1000 || added == 0)
            {
                break;
            }
        }

        view.Trades.Sort((a, b) => a.Symbol == b.Symbol ? a.TradeId.CompareTo(b.TradeId) : string.CompareOrdinal(a.Symbol, b.Symbol));
    }

    /// <summary>GET /fapi/v1/order by venue id: whose order a fill belongs to (a triggered stop's order carries the stop's client id).</summary>
    private async Task<VenueOrderOwner> OwnerOfAsync(string symbol, long orderId, CancellationToken cancel)
    {
        using JsonDocument doc = await _rest.GetSignedAsync("/fapi/v1/order", $"symbol={symbol}&orderId={orderId}", cancel).ConfigureAwait(false);
        ClientOrderId id = ClientIdText.Classify(Text(doc.RootElement, "clientOrderId"), _venue.ClientIdPrefix, out OrderOrigin origin);
        return new VenueOrderOwner(id, origin, Qty(doc.RootElement, "origQty"));
    }

    /// <summary>How an order the engine believes working, and the venue no longer lists as open, ended: its status, or NOT_FOUND.</summary>
    private async Task<string> EndOfAsync(BookOrder o, CancellationToken cancel)
    {
        string symbol = _symbols.NameOf(o.Symbol);
        string client = _venue.ClientIdPrefix + "-" + o.Id.Value.ToString(CultureInfo.InvariantCulture);
        (string path, string query, string statusName) = o.IsAlgo
            ? ("/fapi/v1/algoOrder", $"symbol={symbol}&clientAlgoId={client}", "algoStatus")
            : ("/fapi/v1/order", $"symbol={symbol}&origClientOrderId={client}", "status");
        (int status, JsonDocument doc) = await _rest.SendSignedAsync(HttpMethod.Get, path, query, cancel).ConfigureAwait(false);
        using (doc)
        {
            if (status == 200)
            {
                return Text(doc.RootElement, statusName);
            }

            int code = ErrorCode(doc);
            if (code is -2013 or -2011)
            {
                return VenueView.NotFound; // "Order does not exist": the submit never reached the book
            }

            throw new UserStreamException($"GET {path} of {client}: HTTP {status} {code} {ErrorText(doc)}");
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Engine.Binance.Live.Orders;
using Engine.Model;
using static Engine.Binance.Live.UserData.VenueJson;

namespace Engine.Binance.Live.UserData;

// Orders that ended in the gap, positions, and the JSON helpers of the reconciliation's answers.
internal sealed partial class UserReconciler
{
    /// <summary>A working order missing from openOrders: GET /fapi/v1/order says how it ended (its fills came from userTrades).</summary>
    private async Task OrderEndAsync(ClientOrderId id, TrackedOrder o, long now, CancellationToken cancel)
    {
        string symbol = _symbols.NameOf(o.Symbol);
        using JsonDocument doc = await _rest.GetSignedAsync("/fapi/v1/order", $"symbol={symbol}&orderId={o.VenueId.Value}", cancel).ConfigureAwait(false);
        VenueReportKind kind = Text(doc.RootElement, "status") switch
        {
            "CANCELED" => VenueReportKind.Canceled,
            "EXPIRED" or "EXPIRED_IN_MATCH" => VenueReportKind.Expired,
            "REJECTED" => VenueReportKind.Rejected,
            _ => VenueReportKind.None, // FILLED: its fills are reported already; NEW: the open list raced it
        };
        if (kind != VenueReportKind.None)
        {
            _tracker.OnStatusFound(id, kind, now);
        }
    }

    /// <summary>A working algo order missing from openAlgoOrders: GET /fapi/v1/algoOrder says what became of it.</summary>
    private async Task AlgoEndAsync(long algoId, TrackedAlgo a, long now, CancellationToken cancel)
    {
        string symbol = _symbols.NameOf(a.Symbol);
        using JsonDocument doc = await _rest.GetSignedAsync("/fapi/v1/algoOrder", $"symbol={symbol}&algoId={algoId}", cancel).ConfigureAwait(false);
        long statusesBefore = _stats.Reports;
        OnAlgo(doc.RootElement, algoId, now);
        if (_stats.Reports != statusesBefore)
        {
            UserStreamStatistics.Add(ref _stats.StatusesRecoveredField);
        }
    }

    private void OnAlgo(JsonElement e, long algoId, long now)
    {
        ClientOrderId id = ClientIdText.Classify(e.GetProperty("clientAlgoId").GetString(), _options.ClientIdPrefix, out OrderOrigin origin);
        if (origin != OrderOrigin.Engine || !_symbols.TryGet(Text(e, "symbol"), out SymbolId symbol))
        {
            return;
        }

        string actual = e.TryGetProperty("actualOrderId", out JsonElement a) ? a.ToString() : "";
        var update = new AlgoUpdate
        {
            Symbol = symbol,
            ClientId = id,
            Origin = origin,
            Side = SideOf(Text(e, "side")),
            Status = AlgoStatusOf(Text(e, "algoStatus")),
            AlgoId = algoId,
            TriggeredOrderId = new OrderId(long.TryParse(actual, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : 0),
            Quantity = Qty(e, "quantity"),
            TriggerPrice = new Price(Fixed(e, "triggerPrice")),
            EventTimeMs = now,
        };
        _tracker.OnAlgoUpdate(in update);
    }

    /// <summary>GET /fapi/v2/positionRisk: each of the run's symbols' position, as the venue holds it.</summary>
    private async Task PositionsAsync(long now, CancellationToken cancel)
    {
        using JsonDocument doc = await _rest.GetSignedAsync("/fapi/v2/positionRisk", "", cancel).ConfigureAwait(false);
        foreach (JsonElement e in Array(doc))
        {
            if (_symbols.TryGet(Text(e, "symbol"), out SymbolId symbol))
            {
                _tracker.OnPositionFound(symbol, Qty(e, "positionAmt"), new Price(Fixed(e, "entryPrice")), now);
            }
        }
    }

    private static VenueOrderStatus AlgoStatusOf(string text) => VenueAnswerParser.StatusOf(System.Text.Encoding.ASCII.GetBytes(text));
}

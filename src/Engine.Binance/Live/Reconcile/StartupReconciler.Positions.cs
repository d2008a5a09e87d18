using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using Engine.Binance.Live.UserData;
using Engine.Model;
using Engine.Oms;
using static Engine.Binance.Live.UserData.VenueJson;

namespace Engine.Binance.Live.Reconcile;

// Open orders the engine does not know, positions, protection of an unprotected position, the balance.
public sealed partial class StartupReconciler
{
    private async Task UnknownOrdersAsync(EngineBook book, VenueView view, CancellationToken cancel)
    {
        foreach (VenueOpenOrder v in view.Open.ToList())
        {
            if (!v.EngineId.IsNone && book.Orders.Any(o => o.Id == v.EngineId))
            {
                continue;
            }

            _symbols.TryGet(v.Symbol, out SymbolId symbol);
            string what = $"{v.Side} {v.Type} '{v.ClientText}' the engine does not know";
            if (_options.UnknownOrders == UnknownOrderPolicy.Adopt)
            {
                Note(ReconcileDifferenceKind.UnknownOrderAdopted, symbol, ClientOrderId.None, v.VenueId, default, default, what + ": left in place (adopt), its fills count as foreign");
                continue;
            }

            await CancelAtVenueAsync(v, what, cancel).ConfigureAwait(false);
            view.Open.Remove(v);
            Note(ReconcileDifferenceKind.UnknownOrderCanceled, symbol, ClientOrderId.None, v.VenueId, default, default, what + ": canceled");
        }
    }

    /// <summary>
    /// Orders the engine held as PendingCancel that are still open at the venue: the engine decided to cancel them, but
    /// the request was lost with the process (a rebuilt engine replays the decision, and a replay sends nothing). The
    /// cancel is sent now and its outcome reported, so the OMS does not wait for an answer to a request never made.
    /// </summary>
    private async Task LostCancelsAsync(EngineBook book, VenueView view, CancellationToken cancel)
    {
        foreach (BookOrder o in book.Orders)
        {
            if (o.Status != OrderStatus.PendingCancel || view.Open.FirstOrDefault(v => v.EngineId == o.Id) is not { EngineId.IsNone: false } v)
            {
                continue;
            }

            await CancelAtVenueAsync(v, $"{o.Role} order {v.ClientText} (the engine's, lost at the last stop)", cancel).ConfigureAwait(false);
            view.Open.Remove(v);
            Report(VenueReportKind.Canceled, o, new OrderId(v.VenueId), view, _venue.ServerTimeMs());
            Note(ReconcileDifferenceKind.CancelResent, o.Symbol, o.Id, v.VenueId, o.Quantity, default,
                $"{o.Role} order the engine held as PendingCancel is open at the venue: the cancel was lost, sent again, Canceled");
        }
    }

    /// <summary>Cancels an open order or algo order by its venue id; -2011 (already gone) is as good; any other refusal fails the pass.</summary>
    private async Task CancelAtVenueAsync(VenueOpenOrder v, string what, CancellationToken cancel)
    {
        (string path, string id) = v.IsAlgo ? ("/fapi/v1/algoOrder", "algoId") : ("/fapi/v1/order", "orderId");
        (int status, JsonDocument doc) = await _rest.SendSignedAsync(HttpMethod.Delete, path, $"symbol={v.Symbol}&{id}={v.VenueId}", cancel).ConfigureAwait(false);
        using (doc)
        {
            if (status != 200 && ErrorCode(doc) != -2011)
            {
                throw new ReconcileException($"cancel of {what} refused: HTTP {status} {ErrorCode(doc)} {ErrorText(doc)}");
            }
        }
    }

    /// <summary>
    /// Each symbol's position at the venue against the engine's after the fills while down (published as an account
    /// update either way); a position is protected when a closing stop is open at the venue, or when the engine holds
    /// the same position under an exit plan (its OMS places or replaces the stop itself); otherwise it gets one here.
    /// </summary>
    private async Task PositionsAsync(EngineBook book, VenueView view, CancellationToken cancel)
    {
        long now = _venue.ServerTimeMs();
        foreach (BookPosition p in book.Positions)
        {
            string name = _symbols.NameOf(p.Symbol);
            VenuePosition venue = view.Positions.TryGetValue(name, out VenuePosition v) ? v : default;
            var update = new AccountUpdate
            {
                Kind = AccountUpdateKind.Position,
                Reason = AccountUpdateReason.Reconciliation,
                Symbol = p.Symbol,
                Amount = venue.Amount,
                Price = venue.Entry,
                EventTimeMs = now,
            };
            _sink.OnAccountUpdate(in update);
            Quantity expected = _expected[p.Symbol.Value];
            bool same = expected == venue.Amount;
            if (!same)
            {
                Note(ReconcileDifferenceKind.PositionMismatch, p.Symbol, ClientOrderId.None, 0, venue.Amount, venue.Entry,
                    $"the venue holds {venue.Amount} at {venue.Entry}, the engine {expected} after the fills while down");
            }

            if (venue.Amount.E8 == 0)
            {
                continue;
            }

            Side exit = venue.Amount.E8 > 0 ? Side.Sell : Side.Buy;
            bool stopOpen = view.Open.Any(o => o.Symbol == name && o.IsAlgo && o.Side == exit && o.Type is "STOP_MARKET" or "STOP" && (o.ClosePosition || o.ReduceOnly));
            bool engineProtects = same && p.Phase is ExitPhase.Entering or ExitPhase.Open;
            if (!stopOpen && !engineProtects)
            {
                await ProtectAsync(p.Symbol, name, venue, exit, cancel).ConfigureAwait(false);
            }
        }
    }

    /// <summary>STOP_MARKET closePosition at the configured distance from the mark; refused: MARKET reduce-only for the whole size.</summary>
    private async Task ProtectAsync(SymbolId symbol, string name, VenuePosition venue, Side exit, CancellationToken cancel)
    {
        Price reference = venue.Mark.E8 > 0 ? venue.Mark : venue.Entry;
        Price trigger = StopTrigger(name, reference, exit);
        string side = exit == Side.Buy ? "BUY" : "SELL";
        string client = NextProtectiveId();
        (int status, JsonDocument doc) = await _rest.SendSignedAsync(HttpMethod.Post, "/fapi/v1/algoOrder",
            $"algoType=CONDITIONAL&symbol={name}&side={side}&type=STOP_MARKET&triggerPrice={trigger}&closePosition=true&workingType=MARK_PRICE&clientAlgoId={client}", cancel).ConfigureAwait(false);
        string refusal;
        using (doc)
        {
            if (status == 200)
            {
                Note(ReconcileDifferenceKind.PositionProtected, symbol, ClientOrderId.None, doc.RootElement.TryGetProperty("algoId", out JsonElement a) ? a.GetInt64() : 0,
                    venue.Amount, trigger, $"position {venue.Amount} had no stop: {side} STOP_MARKET closePosition at {trigger} ('{client}')");
                return;
            }

            refusal = $"HTTP {status} {ErrorCode(doc)} {ErrorText(doc)}";
        }

        Quantity size = new(Math.Abs(venue.Amount.E8));
        client = NextProtectiveId();
        (status, doc) = await _rest.SendSignedAsync(HttpMethod.Post, "/fapi/v1/order",
            $"symbol={name}&side={side}&type=MARKET&quantity={size}&reduceOnly=true&newClientOrderId={client}", cancel).ConfigureAwait(false);
        using (doc)
        {
            if (status != 200)
            {
                throw new ReconcileException($"{name} position {venue.Amount} has no stop: the stop at {trigger} was refused ({refusal}) and so was the flatten (HTTP {status} {ErrorCode(doc)} {ErrorText(doc)})");
            }

            Note(ReconcileDifferenceKind.PositionFlattened, symbol, ClientOrderId.None, doc.RootElement.TryGetProperty("orderId", out JsonElement o) ? o.GetInt64() : 0,
                venue.Amount, reference, $"position {venue.Amount} had no stop and the stop at {trigger} was refused ({refusal}): closed at market ('{client}')");
        }
    }

    /// <summary>The trigger <see cref="ReconcileOptions.ProtectiveStopPercent"/> away from <paramref name="reference"/>, on the tick grid, away from it.</summary>
    private Price StopTrigger(string name, Price reference, Side exit)
    {
        long distance = (long)Math.Round(reference.E8 * (_options.ProtectiveStopPercent / 100.0));
        long raw = exit == Side.Sell ? reference.E8 - distance : reference.E8 + distance;
        long tick = _options.TickSizes.TryGetValue(name, out Price t) && t.E8 > 0 ? t.E8 : 1;
        long snapped = exit == Side.Sell ? raw / tick * tick : (raw + tick - 1) / tick * tick;
        return new Price(Math.Max(snapped, tick));
    }

    // Not the engine's {prefix}-{n} form (the engine must never take them for its own): {prefix}rc-{ms}-{n}.
    private string NextProtectiveId() =>
        string.Create(CultureInfo.InvariantCulture, $"{_venue.ClientIdPrefix}rc-{_venue.ServerTimeMs()}-{++_protectiveOrders}");

    private void PublishBalance(VenueView view)
    {
        if (view.WalletBalance is not Money balance)
        {
            return;
        }

        var update = new AccountUpdate
        {
            Kind = AccountUpdateKind.Balance,
            Reason = AccountUpdateReason.Reconciliation,
            Symbol = SymbolId.None,
            Balance = balance,
            EventTimeMs = _venue.ServerTimeMs(),
        };
        _sink.OnAccountUpdate(in update);
    }
}

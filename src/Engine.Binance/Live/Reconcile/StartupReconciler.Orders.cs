using Engine.Binance.Live.UserData;
using Engine.Model;

namespace Engine.Binance.Live.Reconcile;

// Fills while down, orders whose acknowledgement was lost, and orders that vanished: each as the venue report the OMS
// would have had.
public sealed partial class StartupReconciler
{
    // The engine's position per symbol after the fills while down (what the venue's should equal).
    private Quantity[] _expected = [];

    private void ApplyFills(EngineBook book, VenueView view)
    {
        _expected = [.. book.Positions.Select(p => p.Size)];
        var filled = book.Orders.ToDictionary(o => o.Id.Value, o => o.Filled);
        foreach (VenueTrade t in view.Trades)
        {
            _symbols.TryGet(t.Symbol, out SymbolId symbol);
            if (t.Origin != OrderOrigin.Engine)
            {
                ForeignFill(symbol, in t);
                continue;
            }

            BookOrder? order = book.Orders.FirstOrDefault(o => o.Id == t.EngineId) is { Id.IsNone: false } o ? o : null;
            Quantity before = filled.TryGetValue(t.EngineId.Value, out Quantity f) ? f : default;
            Quantity cumulative = before + t.Quantity;
            filled[t.EngineId.Value] = cumulative;
            Quantity size = order?.Quantity ?? default;
            var report = new VenueReport
            {
                Kind = size.E8 != 0 && cumulative >= size ? VenueReportKind.Filled : VenueReportKind.PartiallyFilled,
                ClientId = t.EngineId,
                VenueId = new OrderId(t.OrderId),
                Symbol = symbol,
                Side = t.Side,
                LastQuantity = t.Quantity,
                LastPrice = t.Price,
                TradeId = t.TradeId,
                CumulativeQuantity = cumulative,
                Fee = t.CommissionInQuote ? t.Commission : Money.Zero,
                IsMaker = t.Maker,
                EventTimeMs = t.TimeMs,
            };
            _sink.OnReport(in report);
            _expected[symbol.Value] = new Quantity(_expected[symbol.Value].E8 + (t.Side == Side.Buy ? t.Quantity.E8 : -t.Quantity.E8));
            string whose = order is null ? "an order the engine no longer holds as working" : $"{order.Value.Role} order";
            Note(ReconcileDifferenceKind.FillWhileDown, symbol, t.EngineId, t.OrderId, t.Quantity, t.Price,
                $"{t.Side} fill of {whose} (trade {t.TradeId}) while down, applied: cumulative {cumulative}");
        }
    }

    private void ForeignFill(SymbolId symbol, in VenueTrade t)
    {
        var update = new AccountUpdate
        {
            Kind = AccountUpdateKind.ForeignFill,
            Reason = t.Origin switch
            {
                OrderOrigin.Liquidation => AccountUpdateReason.Liquidation,
                OrderOrigin.Adl => AccountUpdateReason.Adl,
                OrderOrigin.Settlement => AccountUpdateReason.Settlement,
                _ => AccountUpdateReason.Manual,
            },
            Side = t.Side,
            Symbol = symbol,
            Amount = t.Quantity,
            Price = t.Price,
            Balance = t.RealizedPnl,
            Change = t.CommissionInQuote ? t.Commission : Money.Zero,
            EventTimeMs = t.TimeMs,
        };
        _sink.OnAccountUpdate(in update);
        Note(ReconcileDifferenceKind.ForeignFillWhileDown, symbol, ClientOrderId.None, t.OrderId, t.Quantity, t.Price,
            $"{t.Side} fill of a {t.Origin} order (trade {t.TradeId}) while down, passed on as a foreign fill");
    }

    /// <summary>Working orders of the book: open at the venue (confirmed when the engine still waited for the ack), or ended.</summary>
    private void ApplyOpenAndEnds(EngineBook book, VenueView view)
    {
        long now = _venue.ServerTimeMs();
        foreach (BookOrder o in book.Orders)
        {
            VenueOpenOrder? open = view.Open.FirstOrDefault(v => v.EngineId == o.Id) is { EngineId.IsNone: false } v ? v : null;
            if (open is VenueOpenOrder found)
            {
                if (o.Status is OrderStatus.PendingSubmit or OrderStatus.Unknown)
                {
                    Report(VenueReportKind.Accepted, o, new OrderId(found.VenueId), view, now);
                    Note(ReconcileDifferenceKind.OrderConfirmed, o.Symbol, o.Id, found.VenueId, o.Quantity, default,
                        $"{o.Role} order the engine held as {o.Status} is open at the venue: Accepted");
                }

                continue;
            }

            string end = view.Ends.TryGetValue(o.Id.Value, out string? e) ? e : VenueView.NotFound;
            VenueReportKind kind = end switch
            {
                "CANCELED" => VenueReportKind.Canceled,
                "EXPIRED" or "EXPIRED_IN_MATCH" => VenueReportKind.Expired,
                "REJECTED" => VenueReportKind.Rejected,
                VenueView.NotFound => NotFoundAs(o.Status),
                _ => VenueReportKind.None, // FILLED, TRIGGERED, FINISHED: the fills above said it all
            };
            if (kind == VenueReportKind.None)
            {
                continue;
            }

            Report(kind, o, o.VenueId, view, now);
            Note(ReconcileDifferenceKind.OrderVanished, o.Symbol, o.Id, o.VenueId.Value, o.Quantity, default,
                $"{o.Role} order the engine held as {o.Status} is {end} at the venue: reported {kind}");
        }
    }

    /// <summary>
    /// What "the venue has no such order" means to the OMS: an outcome left open is settled (NotFound: never placed);
    /// a submit never acknowledged was refused (Rejected); an order the OMS saw working has ended (Canceled).
    /// </summary>
    private static VenueReportKind NotFoundAs(OrderStatus status) => status switch
    {
        OrderStatus.Unknown or OrderStatus.PendingCancel => VenueReportKind.NotFound,
        OrderStatus.PendingSubmit => VenueReportKind.Rejected,
        _ => VenueReportKind.Canceled,
    };

    private void Report(VenueReportKind kind, BookOrder o, OrderId venueId, VenueView view, long now)
    {
        Quantity filled = o.Filled;
        foreach (VenueTrade t in view.Trades)
        {
            filled += t.EngineId == o.Id ? t.Quantity : default;
        }

        var report = new VenueReport
        {
            Kind = kind,
            ClientId = o.Id,
            VenueId = venueId,
            Symbol = o.Symbol,
            Side = o.Side,
            CumulativeQuantity = filled,
            EventTimeMs = now,
        };
        _sink.OnReport(in report);
    }
}

using Engine.Model;
using Engine.Oms.Paper;

namespace Engine.Sim.Trading;

public sealed partial class SimTradingDesk
{
    /// <summary>
    /// One print of the tape: triggers the symbol's conditional orders, then matches its resting orders in arrival
    /// order with <see cref="FillRules.Match"/> (market orders share the print's quantity), then ends IOC/FOK orders
    /// that were on the book at this print. Insurance-fund and ADL prints only move the last price, as in the paper venue.
    /// </summary>
    internal void OnTrade(in Trade trade)
    {
        int s = trade.Symbol.Value;
        if ((uint)s >= (uint)_symbols.Length)
        {
            return;
        }

        lock (_gate)
        {
            DeskSymbol symbol = _symbols[s];
            if (trade.Type != TradeType.Market)
            {
                symbol.Last = trade.Price;
                return;
            }

            TriggerAlgos(symbol, trade.Price);
            List<DeskOrder> book = _resting[s];
            if (book.Count != 0)
            {
                Quantity marketRoom = trade.Quantity;
                foreach (DeskOrder o in book.ToArray())
                {
                    if (!o.IsOpen)
                    {
                        continue;
                    }

                    bool triggered = o.Triggered;
                    PrintFill fill = FillRules.Match(o.Type, o.Side, o.Price, o.StopPrice, o.TakerOnFill, ref triggered, o.Remaining, trade.Price, trade.Quantity, marketRoom, 0);
                    o.Triggered = triggered;
                    if (o.TimeInForce == TimeInForce.Fok && fill.Quantity < o.Remaining)
                    {
                        Finish(o, "EXPIRED"); // fill or kill: all of it on this print, or nothing
                        continue;
                    }

                    if (!fill.IsNone)
                    {
                        if (o.Type != OrderType.Limit)
                        {
                            marketRoom -= fill.Quantity;
                        }

                        Fill(o, fill);
                    }

                    if (o.IsOpen && o.TimeInForce == TimeInForce.Ioc)
                    {
                        Finish(o, "EXPIRED"); // immediate or cancel: what this print did not fill
                    }
                }
            }

            symbol.Last = trade.Price;
        }
    }

    /// <summary>Applies one fill: reduce-only clamp, position and entry price, realised PnL, fee, then the events.</summary>
    private void Fill(DeskOrder o, PrintFill fill)
    {
        DeskAccount a = o.Owner;
        DeskPosition pos = a.Position(o.Symbol);
        Quantity q = fill.Quantity;
        if (o.ReduceOnly)
        {
            q = FillRules.ReduceOnlyRoom(o.Side, pos.Amount, q);
            if (q.E8 == 0)
            {
                Finish(o, "EXPIRED"); // nothing left to reduce
                return;
            }
        }

        long now = Now;
        decimal price = fill.Price.ToDecimal();
        decimal qty = q.ToDecimal();
        decimal signed = o.Side == Side.Buy ? qty : -qty;
        decimal before = pos.Amount.ToDecimal();
        decimal realized = 0m;
        if (before != 0 && Math.Sign(before) != Math.Sign(signed))
        {
            decimal closing = Math.Min(Math.Abs(before), qty);
            realized = closing * (price - pos.EntryPrice) * Math.Sign(before);
        }

        decimal after = before + signed;
        if (after == 0)
        {
            pos.EntryPrice = 0;
        }
        else if (before == 0 || Math.Sign(before) != Math.Sign(after))
        {
            pos.EntryPrice = price; // opened, or flipped: the rest opens at the fill
        }
        else if (Math.Abs(after) > Math.Abs(before))
        {
            pos.EntryPrice = ((Math.Abs(before) * pos.EntryPrice) + (qty * price)) / Math.Abs(after);
        }

        pos.Amount += o.Side == Side.Buy ? q : new Quantity(-q.E8);
        pos.Realized += realized;
        pos.UpdateTimeMs = now;
        decimal fee = FillRules.Fee(fill.Price, q, fill.Maker, MakerRateE8, TakerRateE8).ToDecimal();
        a.Wallet += realized - fee;

        o.Filled += q;
        o.CumQuote += qty * price;
        o.UpdateTimeMs = now;
        bool done = o.Remaining.E8 == 0;
        o.Status = done ? "FILLED" : "PARTIALLY_FILLED";
        if (done)
        {
            Release(o);
        }

        Fills++;
        var trade = new DeskTrade(++_nextTradeId, o.OrderId, o.Symbol, o.Side, fill.Price, q, fee, realized, fill.Maker, now);
        a.Trades.Add(trade);
        PublishTradeLite(o, trade);
        PublishOrderUpdate(o, "TRADE", trade);
        PublishAccountUpdate(a, o.Symbol, "ORDER");
        if (!done && o.ReduceOnly && o.Type != OrderType.Limit && pos.Amount.E8 == 0)
        {
            Finish(o, "EXPIRED"); // a closing market order's rest has nothing left to close
        }
    }

    /// <summary>
    /// The account as the rules see it for <paramref name="symbol"/>: its position there, and as margin the wallet
    /// plus unrealised PnL less the initial margin of its positions in other symbols.
    /// </summary>
    private AccountView View(DeskAccount a, DeskSymbol symbol)
    {
        decimal margin = a.Wallet;
        foreach (var (id, p) in a.Positions)
        {
            if (p.Amount.E8 == 0)
            {
                continue;
            }

            DeskSymbol other = _symbols[id];
            decimal mark = other.Last.ToDecimal();
            margin += p.Amount.ToDecimal() * (mark - p.EntryPrice);
            if (other != symbol)
            {
                margin -= Math.Abs(p.Amount.ToDecimal()) * mark / a.LeverageOf(other);
            }
        }

        Quantity position = a.Positions.TryGetValue(symbol.Id.Value, out DeskPosition? mine) ? mine.Amount : default;
        return new AccountView(position, Money.FromDecimal(Math.Max(margin, 0.00000001m)), a.LeverageOf(symbol));
    }
}

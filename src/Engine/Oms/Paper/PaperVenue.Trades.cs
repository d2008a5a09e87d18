using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms.Paper;

public sealed partial class PaperVenue
{
    /// <summary>
    /// Trade fill model (<see cref="FillRules.Match"/>, shared with <c>engine sim</c>'s desk): first the requests that
    /// reached the venue by this trade's time, then every resting order of the symbol against this trade. Market orders take at most this print's quantity at its price ± slippage and
    /// walk the following prints for the rest (a large order moves through the book, never fills whole at one print);
    /// stop-market (price at or through the stop) and take-profit-market (at or through the target) trigger on the
    /// print and then fill the same way, so a stop the market gapped through fills at the print, never at the stop.
    /// Limits fill when the trade is at or through them, at most the trade's quantity each: a resting limit at its
    /// limit (maker), one that was marketable on arrival at the trade price (taker, as Binance's matching gives it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnTrade(in Trade trade)
    {
        // The usual case, trade after trade: nothing rests and nothing is on its way, so the trade only becomes the
        // symbol's last price. This much is inlined into the caller, which saves the call into the whole method
        // (and its frame) on every trade.
        int s = trade.Symbol.Value;
        if ((_resting | _inbound.Count) == 0 && FillModel == PaperFillModel.Trades && (uint)s < (uint)_lastPrice.Length && trade.Type == TradeType.Market)
        {
            _lastPrice[s] = trade.Price;
            return;
        }

        OnTradeInFull(in trade);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnTradeInFull(in Trade trade)
    {
        if (FillModel != PaperFillModel.Trades && !AcceptInput(PaperFillModel.Trades))
        {
            return;
        }

        if (_inbound.Count != 0)
        {
            Arrive(trade.TradeTimeMs);
        }

        int s = trade.Symbol.Value;
        if ((uint)s >= (uint)_filters.Length || trade.Type != TradeType.Market)
        {
            return; // insurance-fund and ADL prints do not trade against the book
        }

        Price px = trade.Price;
        long t = trade.TradeTimeMs;
        long slip = _filters[s].TickSize.E8 * _slippageTicks;
        Quantity marketRoom = _walkPrints ? trade.Quantity : new Quantity(long.MaxValue); // what this print has left for market orders
        int high = _resting == 0 ? 0 : _bookHighWater; // nothing resting, the usual case: no scan of the book
        for (int i = 0; i < high; i++)
        {
            ref PaperOrder o = ref _book[i];
            if (!o.InUse || o.Request.Symbol.Value != s)
            {
                continue;
            }

            bool triggered = o.Triggered;
            PrintFill fill = FillRules.Match(o.Request.Type, o.Request.Side, o.Request.Price, o.Request.StopPrice, o.TakerOnFill, ref triggered, o.Remaining, px, trade.Quantity, marketRoom, slip);
            o.Triggered = triggered;
            if (!fill.IsNone)
            {
                if (o.Request.Type != OrderType.Limit)
                {
                    marketRoom -= fill.Quantity; // market orders on one print share its quantity
                }

                Fill(ref o, fill.Quantity, fill.Price, fill.Maker, t);
            }
        }

        _lastPrice[s] = px;
    }
}

using Engine.Model;

namespace Engine.Binance.Live.UserData;

// Activity the engine did not cause: orders placed by hand, liquidations, auto-deleverage, settlements.
public sealed partial class UserOrderTracker
{
    private void OnForeign(in OrderUpdate u)
    {
        if (!u.IsFill)
        {
            UserStreamStatistics.Add(ref _stats.ForeignOrderEventsField);
            return;
        }

        OnForeignFill(u.Origin, u.Symbol, u.Side, u.LastQuantity, u.LastPrice, u.TradeId, u.Commission, u.CommissionInQuote, u.RealizedProfit, u.EventTimeMs);
    }

    private void OnForeignFill(
        OrderOrigin origin, SymbolId symbol, Side side, Quantity quantity, Price price, long tradeId, Money commission,
        bool commissionInQuote, Money realized, long timeMs)
    {
        if (!Remember(symbol, tradeId))
        {
            UserStreamStatistics.Add(ref _stats.DuplicateFillsField);
            return;
        }

        UserStreamStatistics.Add(ref _stats.ForeignFillsField);
        if (origin == OrderOrigin.Liquidation)
        {
            UserStreamStatistics.Add(ref _stats.LiquidationFillsField);
        }
        else if (origin == OrderOrigin.Adl)
        {
            UserStreamStatistics.Add(ref _stats.AdlFillsField);
        }
        else if (origin == OrderOrigin.Settlement)
        {
            UserStreamStatistics.Add(ref _stats.SettlementFillsField);
        }

        CountMoney(commission, commissionInQuote, Money.Zero);
        var update = new AccountUpdate
        {
            Kind = AccountUpdateKind.ForeignFill,
            Reason = origin switch
            {
                OrderOrigin.Liquidation => AccountUpdateReason.Liquidation,
                OrderOrigin.Adl => AccountUpdateReason.Adl,
                OrderOrigin.Settlement => AccountUpdateReason.Settlement,
                _ => AccountUpdateReason.Manual,
            },
            Side = side,
            Symbol = symbol,
            Amount = quantity,
            Price = price,
            Balance = realized,
            Change = commissionInQuote ? commission : Money.Zero,
            EventTimeMs = timeMs,
        };
        _sink.OnAccountUpdate(in update);
    }
}

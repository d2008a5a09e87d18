using Engine.Model;

namespace Engine.Oms.Paper;

public sealed partial class PaperVenue
{
    /// <summary>
    /// The first Binance rule the request breaks (<see cref="FillRules.Validate"/>, the rules <c>engine sim</c>'s desk
    /// applies too); None when it passes. The paper venue has no mark price: PERCENT_PRICE is checked against the last
    /// trade, and the margin check holds against <see cref="PaperVenueOptions.WalletBalance"/> (none when zero).
    /// </summary>
    private BinanceErrorCode Validate(in OrderRequest r)
    {
        int s = r.Symbol.Value;
        if ((uint)s >= (uint)_filters.Length)
        {
            return BinanceErrorCode.NewOrderRejected; // unknown symbol
        }

        return FillRules.Validate(in r, in _filters[s], new AccountView(_position[s], _walletBalance, _leverage), _lastPrice[s], default);
    }
}

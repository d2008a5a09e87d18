namespace Engine.Model;

/// <summary>
/// What the venue says about the account rather than about one of our orders (input-ring
/// <see cref="EventKind.AccountUpdate"/>): a balance or a position from Binance's <c>ACCOUNT_UPDATE</c> (funding fees,
/// transfers, fills), a position as reconciliation found it, or a fill the engine did not cause (an order placed by
/// hand, a liquidation, an auto-deleverage, a settlement). Which fields mean something depends on <see cref="Kind"/>.
/// </summary>
public struct AccountUpdate
{
    public AccountUpdateKind Kind;

    /// <summary>Why the venue changed the account (Binance <c>a.m</c>), or what the foreign fill was.</summary>
    public AccountUpdateReason Reason;

    /// <summary>The fill's side (<see cref="AccountUpdateKind.ForeignFill"/>).</summary>
    public Side Side;

    /// <summary>The position's or fill's symbol; <see cref="SymbolId.None"/> for a balance.</summary>
    public SymbolId Symbol;

    /// <summary>Position amount, signed, negative short (Binance <c>pa</c>); the fill's quantity for a foreign fill.</summary>
    public Quantity Amount;

    /// <summary>Entry price of the position (<c>ep</c>), or the foreign fill's price.</summary>
    public Price Price;

    /// <summary>Wallet balance (<c>wb</c>) of a balance update; the venue's realised profit (<c>rp</c>) of a foreign fill.</summary>
    public Money Balance;

    /// <summary>Balance change other than PnL and commission (<c>bc</c>: funding fees, transfers); a foreign fill's commission.</summary>
    public Money Change;

    /// <summary>Venue event time, Unix epoch ms UTC.</summary>
    public long EventTimeMs;
}

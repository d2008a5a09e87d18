namespace Engine.Model;

/// <summary>Why the venue changed the account: Binance's <c>ACCOUNT_UPDATE</c> reason (<c>a.m</c>), or a foreign fill's origin.</summary>
public enum AccountUpdateReason : byte
{
    Other = 0,
    Order = 1,
    FundingFee = 2,
    Deposit = 3,
    Withdraw = 4,
    MarginTransfer = 5,
    AssetTransfer = 6,
    InsuranceClear = 7,
    AutoExchange = 8,

    /// <summary>Read by a reconciliation query after a user-stream gap, not pushed by the stream.</summary>
    Reconciliation = 9,

    /// <summary>A foreign fill of an order placed outside the engine (by hand or by another program).</summary>
    Manual = 10,

    /// <summary>A liquidation fill (<c>autoclose-…</c>, execution type CALCULATED).</summary>
    Liquidation = 11,

    /// <summary>An auto-deleverage fill (<c>adl_autoclose</c>, status NEW_ADL).</summary>
    Adl = 12,

    /// <summary>A delivery or delisting settlement (<c>settlement_autoclose-…</c>).</summary>
    Settlement = 13,
}

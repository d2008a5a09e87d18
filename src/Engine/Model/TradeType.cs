namespace Engine.Model;

/// <summary>
/// Binance futures trade source (<c>X</c> on the @trade stream). Only <see cref="Market"/> trades enter aggregation
/// and bars, as Binance's own aggTrade stream and archives exclude the others.
/// </summary>
public enum TradeType : byte
{
    Market = 0,
    InsuranceFund = 1,
    Adl = 2,
    Other = 3,
}

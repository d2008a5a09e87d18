using Engine.Model;
using Engine.Risk;

namespace Engine.Tests.Risk;

/// <summary>
/// A signal and inputs that pass every check, with round numbers so expected sizes are easy to compute by hand:
/// equity 10,000, RISK_PCT 1% → risk 100; ATR 500 × ATR_MULT 2 → stop distance 1,000; last trade 60,000 →
/// quantity 100 / 1,000 = 0.1 BTC, notional 6,000, long stop 59,000. Tests change one thing at a time with <c>with</c>.
/// </summary>
internal static class RiskScenario
{
    public const long Noon = 1_723_118_400_000;          // 2024-08-08T12:00:00Z
    public const long NextMidnight = 1_723_161_600_000;  // 2024-08-09T00:00:00Z
    public const long Minute = 60_000;

    public static RiskOptions Options => new()
    {
        RiskPct = 0.01,
        AtrMult = 2,
        MaxNotional = 10_000m,
        MaxDailyLossPct = 0.05,
        MaxDrawdownPct = 0.15,
        MaxConsecutiveLosses = 3,
        MaxTradesPerDay = 5,
        CooldownMinutes = 15,
        MaxOpenPositionsPerSymbol = 1,
        MaxSymbolExposure = 20_000m,
        OrderBurst = 2,
        OrderRefillSeconds = 30,
        PriceBandPct = 0.02,
        EntryLimitOffsetPct = 0,
    };

    public static SymbolFilters Filters => new()
    {
        TickSize = P("0.1"),
        MinPrice = P("100"),
        MaxPrice = P("1000000"),
        StepSize = Q("0.001"),
        MinQty = Q("0.001"),
        MaxQty = Q("1000"),
        MarketStepSize = Q("0.001"),
        MarketMinQty = Q("0.001"),
        MarketMaxQty = Q("120"),
        MinNotional = M("5"),
        MultiplierUpE8 = 105_000_000,
        MultiplierDownE8 = 95_000_000,
    };

    public static RiskInputs Inputs => new()
    {
        TimeMs = Noon,
        Equity = M("10000"),
        EquityPeak = M("10000"),
        DailyRealisedPnl = Money.Zero,
        ConsecutiveLosses = 0,
        TradesToday = 0,
        LastCloseTimeMs = Noon - (60 * Minute),
        OpenPositions = 0,
        SymbolExposure = Money.Zero,
        LastTradePrice = P("60000"),
        Atr = 500,
        SwingLow = Price.Zero,
        SwingHigh = Price.Zero,
        Filters = Filters,
    };

    public static TradeSignal Long => Signal(SignalDirection.Long, 60_000);

    public static TradeSignal Short => Signal(SignalDirection.Short, 60_000);

    public static TradeSignal Signal(SignalDirection direction, double price) => new()
    {
        Symbol = new SymbolId(0),
        Source = default,
        Direction = direction,
        TimeMs = Noon,
        Price = price,
        LastTradePrice = P("60000"),
        Vwap = double.NaN,
        Poc = double.NaN,
        Atr = 500,
    };

    public static RiskGate Gate(RiskOptions? options = null) => new(options ?? Options);

    public static Price P(string text) => Price.Parse(text);

    public static Quantity Q(string text) => Quantity.Parse(text);

    public static Money M(string text) => new(Price.Parse(text).E8);

    public static OperatorCommand Command(OperatorCommandKind kind, long timeMs) => new(kind, SymbolId.None, timeMs);
}

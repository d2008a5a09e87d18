using System.Globalization;
using Engine.Model;

namespace Engine.Risk;

/// <summary>
/// Risk gate and circuit breaker settings (cold). Fractions are fractions: 0.01 is 1%. Keys in CAPITALS are the
/// names the live-trading seed uses (RISK_PCT, ATR_MULT) or the names the engine's configuration gives the others.
/// Call <see cref="Validate"/> once at start-up; the gate refuses options with problems.
/// </summary>
public sealed record RiskOptions
{
    /// <summary>RISK_PCT: fraction of equity risked per trade (risk amount = equity × RISK_PCT).</summary>
    public double RiskPct { get; init; } = 0.01;

    /// <summary>ATR_MULT: stop distance = ATR × ATR_MULT when no swing stop is given.</summary>
    public double AtrMult { get; init; } = 2.0;

    /// <summary>STOP_RULE: the stop rule tried first (Atr or Swing); the other one is tried next, then STOP_FALLBACK_PCT.</summary>
    public StopRule StopRule { get; init; } = StopRule.Atr;

    /// <summary>SWING_LOOKBACK: closed rows whose lowest low (long) or highest high (short) is the swing stop.</summary>
    public int SwingLookback { get; init; } = 20;

    /// <summary>STOP_FALLBACK_PCT: stop distance = entry × this fraction when neither ATR nor swing gives one; 0 = off.</summary>
    public double StopFallbackPct { get; init; }

    /// <summary>MAX_NOTIONAL: cap on one entry's notional, in quote units (USDT).</summary>
    public decimal MaxNotional { get; init; } = 10_000m;

    /// <summary>MAX_DAILY_LOSS_PCT: realised loss today, as a fraction of the day's starting equity, that breaches.</summary>
    public double MaxDailyLossPct { get; init; } = 0.05;

    /// <summary>MAX_DRAWDOWN_PCT: fall from the equity peak, as a fraction of the peak, that breaches.</summary>
    public double MaxDrawdownPct { get; init; } = 0.15;

    /// <summary>MAX_CONSECUTIVE_LOSSES: losing trades in a row that breach.</summary>
    public int MaxConsecutiveLosses { get; init; } = 3;

    /// <summary>MAX_TRADES_PER_DAY: entries per UTC day; the signal after the last allowed one is rejected.</summary>
    public int MaxTradesPerDay { get; init; } = 20;

    /// <summary>
    /// COOLDOWN_MIN: minutes after a close before the next entry (contracts §4: 15 by default). The engine's only
    /// cooldown; <see cref="CooldownScope"/> says whether it holds back every symbol or only the one that closed.
    /// </summary>
    public double CooldownMinutes { get; init; } = 15;

    /// <summary>What the cooldown holds back: <see cref="Risk.CooldownScope.Account"/> (any close holds back every symbol, the default) or <see cref="Risk.CooldownScope.Symbol"/>.</summary>
    public CooldownScope CooldownScope { get; init; } = CooldownScope.Account;

    /// <summary>MAX_OPEN_POSITIONS: open positions per symbol (contracts §4: one at a time).</summary>
    public int MaxOpenPositionsPerSymbol { get; init; } = 1;

    /// <summary>MAX_SYMBOL_EXPOSURE: absolute notional per symbol, in quote units; entries are also capped to the headroom.</summary>
    public decimal MaxSymbolExposure { get; init; } = 20_000m;

    /// <summary>ORDER_BURST: token-bucket capacity, orders that may go out back to back.</summary>
    public int OrderBurst { get; init; } = 3;

    /// <summary>ORDER_REFILL_SEC: event-time seconds to earn back one order token.</summary>
    public double OrderRefillSeconds { get; init; } = 20;

    /// <summary>PRICE_BAND_PCT: largest distance between the order's price and the last trade (fat finger).</summary>
    public double PriceBandPct { get; init; } = 0.02;

    /// <summary>ENTRY_OFFSET_PCT: 0 enters at market; above 0, a limit at the signal price plus this fraction.</summary>
    public double EntryLimitOffsetPct { get; init; }

    /// <summary>
    /// The equity peak MAX_DRAWDOWN_PCT is measured from: <see cref="Risk.DrawdownReference.Daily"/>
    /// (re-based at each UTC day roll, the default) or <see cref="Risk.DrawdownReference.Rolling"/> (carried across days).
    /// </summary>
    public DrawdownReference DrawdownReference { get; init; } = DrawdownReference.Daily;

    /// <summary>
    /// The taker fee rate (0.0005 is Binance USD-M VIP 0's 0.05%) used to estimate an entry's fees: a market
    /// entry and a stop-out, both taker. Contracts §5's sizing leaves fees out; the estimate is reported beside the risk.
    /// </summary>
    public double FeeRate { get; init; } = 0.0005;

    /// <summary>
    /// When true, the quantity is sized so the price loss at the stop plus the estimated fees stays
    /// within equity × RISK_PCT (qty = risk / (distance + FeeRate × (entry + stop))). Off by default: the contract's
    /// formula, qty = risk / distance.
    /// </summary>
    public bool FeeInclusiveSizing { get; init; }

    /// <summary>Whether each breached limit trips the breaker to HALTED (otherwise it only rejects the signal).</summary>
    public bool HaltOnDailyLoss { get; init; } = true;

    public bool HaltOnDrawdown { get; init; } = true;

    public bool HaltOnConsecutiveLosses { get; init; } = true;

    public bool HaltOnTradesPerDay { get; init; }

    /// <summary>Every problem, each naming the key, the value and what is allowed; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Fraction(problems, "RISK_PCT", RiskPct, 0.1);
        Range(problems, "ATR_MULT", AtrMult, 0, 50, lowExclusive: true);
        if (StopRule is not (StopRule.Atr or StopRule.Swing))
        {
            problems.Add($"STOP_RULE = {StopRule} is not allowed: Atr or Swing (the fixed percent is the fallback, STOP_FALLBACK_PCT)");
        }

        Count(problems, "SWING_LOOKBACK", SwingLookback, 2, 10_000);
        Range(problems, "STOP_FALLBACK_PCT", StopFallbackPct, 0, 0.5, lowExclusive: false);
        Money(problems, "MAX_NOTIONAL", MaxNotional);
        Fraction(problems, "MAX_DAILY_LOSS_PCT", MaxDailyLossPct, 1);
        Fraction(problems, "MAX_DRAWDOWN_PCT", MaxDrawdownPct, 1);
        Count(problems, "MAX_CONSECUTIVE_LOSSES", MaxConsecutiveLosses, 1, 1000);
        Count(problems, "MAX_TRADES_PER_DAY", MaxTradesPerDay, 1, 100_000);
        Range(problems, "COOLDOWN_MIN", CooldownMinutes, 0, 7 * 24 * 60, lowExclusive: false);
        Count(problems, "MAX_OPEN_POSITIONS", MaxOpenPositionsPerSymbol, 1, 1000);
        Money(problems, "MAX_SYMBOL_EXPOSURE", MaxSymbolExposure);
        Count(problems, "ORDER_BURST", OrderBurst, 1, 10_000);
        Range(problems, "ORDER_REFILL_SEC", OrderRefillSeconds, 0.001, 86_400, lowExclusive: false);
        Fraction(problems, "PRICE_BAND_PCT", PriceBandPct, 0.5);
        Range(problems, "ENTRY_OFFSET_PCT", EntryLimitOffsetPct, 0, 0.1, lowExclusive: false);
        Range(problems, "FeeRate", FeeRate, 0, 0.01, lowExclusive: false);
        if (problems.Count == 0 && EntryLimitOffsetPct >= PriceBandPct)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"ENTRY_OFFSET_PCT = {EntryLimitOffsetPct} must be below PRICE_BAND_PCT = {PriceBandPct}, or every limit entry is a fat finger"));
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem of <see cref="Validate"/>.</summary>
    public void EnsureValid()
    {
        IReadOnlyList<string> problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid risk options: " + string.Join("; ", problems));
        }
    }

    private static void Fraction(List<string> problems, string key, double value, double max)
    {
        if (!(value > 0 && value <= max))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} = {value} is not allowed: a fraction above 0 and at most {max} (0.01 is 1%)"));
        }
    }

    private static void Range(List<string> problems, string key, double value, double min, double max, bool lowExclusive)
    {
        bool low = lowExclusive ? value > min : value >= min;
        if (!(low && value <= max))
        {
            string bound = lowExclusive ? "above" : "at least";
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} = {value} is not allowed: a number {bound} {min} and at most {max}"));
        }
    }

    private static void Count(List<string> problems, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} = {value} is not allowed: a whole number from {min} to {max}"));
        }
    }

    private static void Money(List<string> problems, string key, decimal value)
    {
        const decimal Max = 1_000_000_000m; // keeps every product with a price inside 128-bit fixed point
        if (value <= 0 || value > Max || decimal.Round(value, FixedPoint.Decimals) != value)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} = {value} is not allowed: an amount above 0 and at most {Max}, with at most 8 decimals"));
        }
    }
}

using Engine.Model;

namespace Engine.Risk;

/// <summary>
/// <see cref="RiskOptions"/> compiled once into the fixed-point units the hot path compares: fractions scaled by
/// 10^8, amounts as <see cref="Money"/>, durations in event-time milliseconds.
/// </summary>
internal readonly struct RiskLimits
{
    public long RiskPctE8 { get; init; }
    public double AtrMult { get; init; }
    public StopRule StopRule { get; init; }
    public long StopFallbackPctE8 { get; init; }
    public Money MaxNotional { get; init; }
    public long MaxDailyLossE8 { get; init; }
    public long MaxDrawdownE8 { get; init; }
    public int MaxConsecutiveLosses { get; init; }
    public int MaxTradesPerDay { get; init; }
    public long CooldownMs { get; init; }
    public int MaxOpenPositions { get; init; }
    public Money MaxSymbolExposure { get; init; }
    public int OrderBurst { get; init; }
    public long OrderRefillMs { get; init; }
    public long PriceBandE8 { get; init; }
    public long EntryOffsetE8 { get; init; }
    public long FeeRateE8 { get; init; }
    public bool FeeInclusiveSizing { get; init; }
    public bool HaltOnDailyLoss { get; init; }
    public bool HaltOnDrawdown { get; init; }
    public bool HaltOnConsecutiveLosses { get; init; }
    public bool HaltOnTradesPerDay { get; init; }

    public static RiskLimits From(RiskOptions options)
    {
        options.EnsureValid();
        return new RiskLimits
        {
            RiskPctE8 = ToE8(options.RiskPct),
            AtrMult = options.AtrMult,
            StopRule = options.StopRule,
            StopFallbackPctE8 = ToE8(options.StopFallbackPct),
            MaxNotional = Money.FromDecimal(options.MaxNotional),
            MaxDailyLossE8 = ToE8(options.MaxDailyLossPct),
            MaxDrawdownE8 = ToE8(options.MaxDrawdownPct),
            MaxConsecutiveLosses = options.MaxConsecutiveLosses,
            MaxTradesPerDay = options.MaxTradesPerDay,
            CooldownMs = (long)Math.Round(options.CooldownMinutes * 60_000),
            MaxOpenPositions = options.MaxOpenPositionsPerSymbol,
            MaxSymbolExposure = Money.FromDecimal(options.MaxSymbolExposure),
            OrderBurst = options.OrderBurst,
            OrderRefillMs = Math.Max(1, (long)Math.Round(options.OrderRefillSeconds * 1000)),
            PriceBandE8 = ToE8(options.PriceBandPct),
            EntryOffsetE8 = ToE8(options.EntryLimitOffsetPct),
            FeeRateE8 = ToE8(options.FeeRate),
            FeeInclusiveSizing = options.FeeInclusiveSizing,
            HaltOnDailyLoss = options.HaltOnDailyLoss,
            HaltOnDrawdown = options.HaltOnDrawdown,
            HaltOnConsecutiveLosses = options.HaltOnConsecutiveLosses,
            HaltOnTradesPerDay = options.HaltOnTradesPerDay,
        };
    }

    // Configured fractions have few digits (0.015), so rounding at 10^-8 recovers them exactly.
    private static long ToE8(double fraction) => (long)Math.Round(fraction * FixedPoint.Scale, MidpointRounding.ToEven);
}

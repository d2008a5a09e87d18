namespace Engine.Signals;

/// <summary>
/// DeltaScout settings (contracts §3) under the original script's names, with its defaults. Validate once at start-up.
/// </summary>
public sealed record DeltaScoutOptions
{
    public const string RollWindowMinKey = "ROLL_WINDOW_MIN";
    public const string VwapWindowMinKey = "VWAP_WINDOW_MIN";
    public const string PocStepUsdKey = "POC_STEP_USD";
    public const string ZeroQtyThKey = "ZERO_QTY_TH";
    public const string Avg9MaxKey = "AVG9_MAX";
    public const string Chop30MaxKey = "CHOP30_MAX";
    public const string Coh10MinKey = "COH10_MIN";
    public const string ImbMinKey = "IMB_MIN";
    public const string ImbMaxKey = "IMB_MAX";
    public const string ImbMinLongKey = "IMB_MIN_LONG";
    public const string ImbMinShortKey = "IMB_MIN_SHORT";
    public const string VwapMaxDistUsdKey = "VWAP_MAX_DIST_USD";

    /// <summary>Largest window accepted; every window is preallocated from these values.</summary>
    public const int MaxWindow = 1_000_000;

    /// <summary>ROLL_WINDOW_MIN: rows of delta whose max/min make a row a peak candidate (this row included).</summary>
    public int RollWindowMin { get; init; } = 180;

    /// <summary>VWAP_WINDOW_MIN: rows of (AvgPrice, TotalQty) behind vwap and poc.</summary>
    public int VwapWindowMin { get; init; } = 180;

    /// <summary>POC_STEP_USD: width of a POC price bin, in price units.</summary>
    public double PocStepUsd { get; init; } = 10;

    /// <summary>ZERO_QTY_TH: a row with TotalQty below this may be a quiet minute.</summary>
    public double ZeroQtyTh { get; init; } = 0.24;

    /// <summary>AVG9_MAX: ...and only when the mean TotalQty of the last 9 rows is below this.</summary>
    public double Avg9Max { get; init; } = 1;

    /// <summary>CHOP30_MAX: the chop gate passes when CHOP30 &lt;= this.</summary>
    public double Chop30Max { get; init; } = 2.6;

    /// <summary>COH10_MIN: the coherence gate passes when COH10 &gt;= this.</summary>
    public double Coh10Min { get; init; } = 0.30;

    /// <summary>IMB_MIN: lower bound of the imbalance band (inclusive).</summary>
    public double ImbMin { get; init; } = 0.55;

    /// <summary>IMB_MAX: upper bound of the imbalance band (inclusive).</summary>
    public double ImbMax { get; init; } = 0.65;

    /// <summary>IMB_MIN_LONG: lower bound for long candidates; null falls back to IMB_MIN.</summary>
    public double? ImbMinLong { get; init; }

    /// <summary>IMB_MIN_SHORT: lower bound for short candidates; null falls back to IMB_MIN.</summary>
    public double? ImbMinShort { get; init; }

    /// <summary>VWAP_MAX_DIST_USD: a candidate further than this from vwap (on its own side) is not compared.</summary>
    public double VwapMaxDistUsd { get; init; } = 1000;

    public double EffectiveImbMinLong => ImbMinLong ?? ImbMin;

    public double EffectiveImbMinShort => ImbMinShort ?? ImbMin;

    /// <summary>Every problem found, each naming the key, the value and what is allowed; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Window(errors, RollWindowMinKey, RollWindowMin);
        Window(errors, VwapWindowMinKey, VwapWindowMin);
        if (!double.IsFinite(PocStepUsd) || PocStepUsd <= 0)
        {
            errors.Add($"{PocStepUsdKey}={PocStepUsd}: must be a finite number > 0");
        }

        NonNegative(errors, ZeroQtyThKey, ZeroQtyTh);
        NonNegative(errors, Avg9MaxKey, Avg9Max);
        NonNegative(errors, Chop30MaxKey, Chop30Max);
        NonNegative(errors, VwapMaxDistUsdKey, VwapMaxDistUsd);
        Fraction(errors, Coh10MinKey, Coh10Min);
        Fraction(errors, ImbMinKey, ImbMin);
        Fraction(errors, ImbMaxKey, ImbMax);
        if (ImbMinLong is double l)
        {
            Fraction(errors, ImbMinLongKey, l);
        }

        if (ImbMinShort is double s)
        {
            Fraction(errors, ImbMinShortKey, s);
        }

        if (EffectiveImbMinLong > ImbMax)
        {
            errors.Add($"{ImbMinLongKey}/{ImbMinKey}={EffectiveImbMinLong}: must be <= {ImbMaxKey}={ImbMax}, or no long peak can pass");
        }

        if (EffectiveImbMinShort > ImbMax)
        {
            errors.Add($"{ImbMinShortKey}/{ImbMinKey}={EffectiveImbMinShort}: must be <= {ImbMaxKey}={ImbMax}, or no short peak can pass");
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem (start-up only).</summary>
    public void EnsureValid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid DeltaScout settings: " + string.Join("; ", errors));
        }
    }

    private static void Window(List<string> errors, string key, int value)
    {
        if (value < 1 || value > MaxWindow)
        {
            errors.Add($"{key}={value}: must be a whole number of rows from 1 to {MaxWindow}");
        }
    }

    private static void NonNegative(List<string> errors, string key, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            errors.Add($"{key}={value}: must be a finite number >= 0");
        }
    }

    private static void Fraction(List<string> errors, string key, double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1)
        {
            errors.Add($"{key}={value}: must be a number from 0 to 1");
        }
    }
}

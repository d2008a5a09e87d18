namespace Engine.Signals;

/// <summary>The live-trading seed's volume-bar signal: EMA crossover, Bollinger breakout, RSI filter, ATR for sizing.</summary>
public sealed record VolumeSignalOptions
{
    public int EmaFast { get; init; } = 9;
    public int EmaSlow { get; init; } = 21;
    public int RsiPeriod { get; init; } = 14;
    public int BbPeriod { get; init; } = 20;
    public double BbDeviations { get; init; } = 2.0;
    public int AtrPeriod { get; init; } = 14;

    /// <summary>A crossover confirms a breakout within this many bars (the crossover bar included).</summary>
    public int CrossWindowBars { get; init; } = 3;

    /// <summary>Longs need RSI in [RsiLongMin, RsiLongMax]; shorts in [RsiShortMin, RsiShortMax].</summary>
    public double RsiLongMin { get; init; } = 50;
    public double RsiLongMax { get; init; } = 75;
    public double RsiShortMin { get; init; } = 25;
    public double RsiShortMax { get; init; } = 50;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (EmaFast < 1 || EmaSlow <= EmaFast)
        {
            errors.Add($"VolumeSignal:EmaFast/EmaSlow = {EmaFast}/{EmaSlow}: need 1 <= EmaFast < EmaSlow");
        }

        if (RsiPeriod < 2 || BbPeriod < 2 || AtrPeriod < 1)
        {
            errors.Add($"VolumeSignal: RsiPeriod {RsiPeriod}, BbPeriod {BbPeriod}, AtrPeriod {AtrPeriod}: periods must be at least 2 (ATR 1)");
        }

        if (!(BbDeviations > 0))
        {
            errors.Add($"VolumeSignal:BbDeviations = {BbDeviations}: must be more than 0");
        }

        if (CrossWindowBars < 1)
        {
            errors.Add($"VolumeSignal:CrossWindowBars = {CrossWindowBars}: must be 1 or more");
        }

        if (!(RsiLongMin >= 0 && RsiLongMin <= RsiLongMax && RsiLongMax <= 100 && RsiShortMin >= 0 && RsiShortMin <= RsiShortMax && RsiShortMax <= 100))
        {
            errors.Add("VolumeSignal: RSI bands must satisfy 0 <= min <= max <= 100");
        }

        return errors;
    }
}

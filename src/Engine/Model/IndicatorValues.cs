namespace Engine.Model;

/// <summary>Indicators computed on a closed volume bar; NaN while an indicator warms up.</summary>
public struct IndicatorValues
{
    public double EmaFast;
    public double EmaSlow;
    public double Rsi;
    public double BbUpper;
    public double BbMiddle;
    public double BbLower;
    public double Atr;

    public static IndicatorValues Empty => new()
    {
        EmaFast = double.NaN, EmaSlow = double.NaN, Rsi = double.NaN, BbUpper = double.NaN, BbMiddle = double.NaN,
        BbLower = double.NaN, Atr = double.NaN,
    };
}

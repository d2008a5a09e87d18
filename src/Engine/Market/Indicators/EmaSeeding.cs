namespace Engine.Market.Indicators;

/// <summary>How an <see cref="ExponentialMovingAverage"/> starts.</summary>
public enum EmaSeeding : byte
{
    /// <summary>TA-Lib: no value for the first N-1 inputs; the N-th output is the SMA of the first N inputs.</summary>
    SmaOfFirstPeriod = 0,

    /// <summary>DeltaScout's EMA50 (contracts §3) and pandas <c>ewm(adjust=False)</c>: the first input is the first value.</summary>
    FirstValue = 1,
}

namespace Engine.Market.Indicators;

/// <summary>
/// VWAP anchored to the UTC day of event time: Σ(price × volume) / Σ volume since 00:00:00.000 UTC of the current
/// observation's day. The first observation of a new day (time in Unix milliseconds) resets the sums. O(1).
/// </summary>
public sealed class DailyVwap
{
    public const long MillisecondsPerDay = 86_400_000;

    private CompensatedSum _notional;
    private CompensatedSum _volume;
    private long _day = long.MinValue;

    /// <summary>Start of the current anchor day, Unix ms UTC; <see cref="long.MinValue"/> before the first observation.</summary>
    public long DayStartMs => _day == long.MinValue ? long.MinValue : _day * MillisecondsPerDay;

    /// <summary>True once the current day has volume.</summary>
    public bool IsReady => _volume.Value > 0;

    public double Value => IsReady ? _notional.Value / _volume.Value : double.NaN;

    /// <summary>Observations refused: non-finite price, negative or non-finite volume, or a time in an earlier day.</summary>
    public long RejectedInputs { get; private set; }

    public bool Update(long timeMs, double price, double volume)
    {
        if (!double.IsFinite(price) || !double.IsFinite(volume) || volume < 0)
        {
            RejectedInputs++;
            return false;
        }

        long day = Math.DivRem(timeMs, MillisecondsPerDay, out long rem);
        if (rem < 0)
        {
            day--; // floor for times before 1970
        }

        if (day != _day)
        {
            if (day < _day)
            {
                RejectedInputs++;
                return false; // the anchor has moved on: a late observation must not reopen yesterday
            }

            _day = day;
            _notional.Reset();
            _volume.Reset();
        }

        _notional.Add(price * volume);
        _volume.Add(volume);
        return true;
    }
}

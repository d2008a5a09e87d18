namespace Engine.Binance.Live.Market;

/// <summary>
/// Exponential back-off with full jitter between half and the whole step: attempt n waits a random time in
/// [d/2, d] where d = min(cap, first × 2^n), so clients dropped together do not come back together. Thread-safe.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _cap;
    private readonly Random _random;

    public ReconnectBackoff(TimeSpan first, TimeSpan cap, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(first, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, first);
        _first = first;
        _cap = cap;
        _random = seed is int s ? new Random(s) : new Random();
    }

    /// <summary>The wait before retry number <paramref name="attempt"/> (0 for the first retry).</summary>
    public TimeSpan Delay(int attempt)
    {
        double step = Math.Min(_cap.TotalMilliseconds, _first.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30)));
        double fraction;
        lock (_random)
        {
            fraction = 0.5 + (_random.NextDouble() * 0.5);
        }

        return TimeSpan.FromMilliseconds(step * fraction);
    }
}

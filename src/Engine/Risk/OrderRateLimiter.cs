namespace Engine.Risk;

/// <summary>
/// A token bucket driven by event time: <c>burst</c> tokens, one earned back every <c>refillMs</c>. Integer
/// arithmetic only: the level counts milliseconds of credit, a token costs <c>refillMs</c> of it. Time that goes
/// backwards (out-of-order events) earns nothing. Starts full.
/// </summary>
internal struct OrderRateLimiter
{
    private readonly long _refillMs;
    private readonly long _capacity;
    private long _level;
    private long _lastMs;
    private bool _started;

    public OrderRateLimiter(int burst, long refillMs)
    {
        _refillMs = refillMs;
        _capacity = burst * refillMs;
        _level = _capacity;
    }

    public readonly long Level => _level;

    public readonly long LastMs => _lastMs;

    public readonly bool Started => _started;

    public bool HasToken(long nowMs)
    {
        Refill(nowMs);
        return _level >= _refillMs;
    }

    /// <summary>Spends a token; call only after <see cref="HasToken"/> returned true for the same time.</summary>
    public void Take() => _level -= _refillMs;

    public void Restore(long level, long lastMs, bool started)
    {
        _level = Math.Clamp(level, 0, _capacity);
        _lastMs = lastMs;
        _started = started;
    }

    private void Refill(long nowMs)
    {
        if (!_started)
        {
            _started = true;
            _lastMs = nowMs;
            return;
        }

        long elapsed = nowMs - _lastMs;
        if (elapsed > 0)
        {
            _level = elapsed >= _capacity ? _capacity : Math.Min(_capacity, _level + elapsed);
            _lastMs = nowMs;
        }
    }
}

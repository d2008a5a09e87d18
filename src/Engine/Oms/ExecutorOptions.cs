namespace Engine.Oms;

/// <summary>Configuration of the <see cref="Executor{TOut}"/>, validated once at start-up.</summary>
public sealed record ExecutorOptions
{
    /// <summary>Order table slots (a power of two).</summary>
    public int OrderCapacity { get; init; } = 1024;

    /// <summary>Client order ids continue after this value (a restart passes the highest id it has seen).</summary>
    public long LastClientOrderId { get; init; }

    /// <summary>Symbols are ids 0 .. MaxSymbols-1.</summary>
    public int MaxSymbols { get; init; } = 16;

    /// <summary>TP1 and TP2 distances from the entry as multiples of the stop distance (R).</summary>
    public decimal TakeProfit1R { get; init; } = 1m;
    public decimal TakeProfit2R { get; init; } = 2m;

    /// <summary>The trailing remainder's stop follows the best price at this many ticks.</summary>
    public long TrailingDistanceTicks { get; init; } = 100;

    /// <summary>The trailing stop is moved only when it gains at least this many ticks (each move is two requests).</summary>
    public long TrailingStepTicks { get; init; } = 10;

    /// <summary>Close at market after holding this long (event time); 0 disables the time exit.</summary>
    public long MaxHoldMs { get; init; }

    /// <summary>Cancel a limit entry not filled within this time; 0 keeps it working.</summary>
    public long EntryTimeoutMs { get; init; }

    /// <summary>No entry for this long after a position closes (event time).</summary>
    public long CooldownMs { get; init; } = 15 * 60 * 1000;

    /// <summary>A rejected stop is re-sent this many times before the position is flattened at market.</summary>
    public int StopRetries { get; init; } = 2;

    public void Validate()
    {
        if (OrderCapacity <= 0 || (OrderCapacity & (OrderCapacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OrderCapacity), OrderCapacity, "must be a power of two");
        }

        if (MaxSymbols <= 0 || TakeProfit1R <= 0 || TakeProfit2R < TakeProfit1R || TrailingDistanceTicks <= 0 || TrailingStepTicks <= 0
            || MaxHoldMs < 0 || LastClientOrderId < 0 || EntryTimeoutMs < 0 || CooldownMs < 0 || StopRetries < 0)
        {
            throw new ArgumentException("invalid executor options: " + this);
        }
    }
}

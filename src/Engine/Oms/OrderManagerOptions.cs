namespace Engine.Oms;

/// <summary>Configuration of the <see cref="OrderManager{TOut}"/>, validated once at start-up.</summary>
public sealed record OrderManagerOptions
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

    /// <summary>
    /// A stop the venue did not place for a transient reason (-1003, -1015, -1021) is resent this many times, each after
    /// <see cref="StopRetryBackoffMs"/>, before the position is flattened at market. Any other refusal flattens at once.
    /// </summary>
    public int StopRetries { get; init; } = 2;

    /// <summary>Event-time wait before resending a stop (or a flatten) the venue refused for a transient reason.</summary>
    public long StopRetryBackoffMs { get; init; } = 1000;

    /// <summary>An order whose outcome is open (Unknown, or a cancel without an answer) is queried this often (event time).</summary>
    public long QueryIntervalMs { get; init; } = 5000;

    /// <summary>
    /// An Unknown order still unresolved this long after it became so is cancelled by client id; a cancel still
    /// unanswered this long after it was sent is taken as done (counted; a fill that turns up later is still applied
    /// and protected). So no order stays working, nor holds its order-table slot, forever.
    /// </summary>
    public long UnresolvedTimeoutMs { get; init; } = 60_000;

    public void Validate()
    {
        if (OrderCapacity <= 0 || (OrderCapacity & (OrderCapacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OrderCapacity), OrderCapacity, "must be a power of two");
        }

        if (MaxSymbols <= 0 || TakeProfit1R <= 0 || TakeProfit2R < TakeProfit1R || TrailingDistanceTicks <= 0 || TrailingStepTicks <= 0
            || MaxHoldMs < 0 || LastClientOrderId < 0 || EntryTimeoutMs < 0 || StopRetries < 0 || StopRetryBackoffMs <= 0
            || QueryIntervalMs <= 0 || UnresolvedTimeoutMs <= 0)
        {
            throw new ArgumentException("invalid executor options: " + this);
        }
    }
}

namespace Engine.Binance.Live.Alerts;

/// <summary>
/// Where live-run alerts go (<see cref="AlertSink"/>: a webhook). <see cref="Raise"/> never blocks and never throws:
/// an alert the sink cannot take (queue full, rate limit) is counted and dropped, so any thread may call it, the
/// engine's neighbours included (the gateway thread, the health monitor, reconciliation).
/// </summary>
public interface IAlertSink
{
    /// <summary>Queues an alert; false when it was dropped (counted). <paramref name="symbol"/> null: not about one symbol.</summary>
    bool Raise(AlertKind kind, string? symbol, string message);

    /// <summary>A message to fill and hand to <see cref="Raise(AlertMessage)"/> (<see cref="AlertSink"/>: from its pool).</summary>
    AlertMessage Rent() => new();

    /// <summary>
    /// Queues a rented message, which belongs to the sink from here (the caller must not touch it again); false when
    /// it was dropped (counted).
    /// </summary>
    bool Raise(AlertMessage message) => Raise(message.Kind, message.Symbol, message.ToString());
}

/// <summary>An <see cref="IAlertSink"/> that takes nothing (no webhook configured).</summary>
public sealed class NoAlerts : IAlertSink
{
    public static readonly NoAlerts Instance = new();

    public bool Raise(AlertKind kind, string? symbol, string message) => false;

    public bool Raise(AlertMessage message) => false;
}

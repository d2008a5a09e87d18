namespace Engine.Binance.Live.Health;

/// <summary>
/// One connection the health rule watches, read from any thread: whether it is up now and how many times it has
/// reconnected so far. <c>engine live</c> builds them from the feed's and the user stream's statistics, e.g.
/// <c>new HealthLink("user stream", () =&gt; stream.Statistics.Connected, () =&gt; stream.Statistics.Disconnects)</c>.
/// </summary>
public sealed record HealthLink(string Name, Func<bool> IsUp, Func<long> Reconnects);

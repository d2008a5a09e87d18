using System.Globalization;

namespace Engine.Binance.Live.Health;

/// <summary>The health rule of a live run (config section <c>Health</c>).</summary>
public sealed record HealthOptions
{
    /// <summary>How long the market feed or the user stream may be down while a position is open before the engine is halted.</summary>
    public TimeSpan MaxDownWithPosition { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Flatten instead of halt when the rule fires (close the positions at market, then stay halted).</summary>
    public bool Flatten { get; init; }

    /// <summary>How often the links are looked at.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reconnects of one link within <see cref="ReconnectStormWindow"/> that make a reconnect storm (alerted once per window).</summary>
    public int ReconnectStormCount { get; init; } = 5;

    public TimeSpan ReconnectStormWindow { get; init; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxDownWithPosition <= TimeSpan.Zero)
        {
            problems.Add("Health:MaxDownWithPosition is not allowed: above 0");
        }

        if (CheckInterval < TimeSpan.FromMilliseconds(10) || CheckInterval > MaxDownWithPosition)
        {
            problems.Add("Health:CheckInterval is not allowed: at least 10 ms and at most Health:MaxDownWithPosition");
        }

        if (ReconnectStormCount < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Health:ReconnectStormCount = {ReconnectStormCount} is not allowed: 1 or more"));
        }

        if (ReconnectStormWindow <= TimeSpan.Zero)
        {
            problems.Add("Health:ReconnectStormWindow is not allowed: above 0");
        }

        return problems;
    }
}

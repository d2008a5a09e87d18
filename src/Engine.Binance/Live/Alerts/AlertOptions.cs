using System.Globalization;

namespace Engine.Binance.Live.Alerts;

/// <summary>The alert webhook (config section <c>Alerts</c>). No <see cref="WebhookUrl"/>: alerts are only counted.</summary>
public sealed record AlertOptions
{
    /// <summary>An http(s) URL that takes a JSON POST (Slack- and Discord-style incoming webhooks read <c>text</c>/<c>content</c>).</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>Alerts waiting to be sent; one more is dropped and counted.</summary>
    public int QueueCapacity { get; init; } = 256;

    /// <summary>Alerts sent per minute at most (a token bucket of this size, refilled evenly); more are dropped and counted, and the next one sent says how many.</summary>
    public int MaxPerMinute { get; init; } = 20;

    /// <summary>One POST's time limit.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Names the run in every alert (e.g. host and run directory); empty leaves it out.</summary>
    public string Source { get; init; } = "";

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (WebhookUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https")))
        {
            problems.Add("Alerts:WebhookUrl is not an absolute http or https URL");
        }

        if (QueueCapacity is < 1 or > 100_000)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Alerts:QueueCapacity = {QueueCapacity} is not allowed: 1 to 100000"));
        }

        if (MaxPerMinute is < 1 or > 10_000)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Alerts:MaxPerMinute = {MaxPerMinute} is not allowed: 1 to 10000"));
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            problems.Add("Alerts:Timeout is not allowed: above 0 and at most 1 minute");
        }

        return problems;
    }
}

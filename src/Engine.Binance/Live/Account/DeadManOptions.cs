namespace Engine.Binance.Live.Account;

/// <summary>The dead-man switch (config section <c>DeadMan</c>): Binance's <c>countdownCancelAll</c> heartbeat.</summary>
public sealed record DeadManOptions
{
    /// <summary>Off: no heartbeat; resting entries then outlive a dead process.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How often the countdown is renewed (Binance's example: every 30 s).</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The countdown each heartbeat sets: entries are cancelled this long after the last heartbeat (Binance's example: 120 s).</summary>
    public TimeSpan Countdown { get; init; } = TimeSpan.FromSeconds(120);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Period < TimeSpan.FromMilliseconds(100))
        {
            problems.Add("DeadMan:Period is not allowed: at least 100 ms");
        }

        if (Countdown < Period * 2)
        {
            problems.Add("DeadMan:Countdown is not allowed: at least twice DeadMan:Period, or one late heartbeat cancels the entries");
        }

        if (Countdown > TimeSpan.FromHours(1))
        {
            problems.Add("DeadMan:Countdown is not allowed: at most 1 hour");
        }

        return problems;
    }
}

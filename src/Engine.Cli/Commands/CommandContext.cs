namespace Engine.Cli.Commands;

/// <summary>Where a command writes, and the stop request it honours (Ctrl-C / SIGTERM in the real process).</summary>
public sealed record CommandContext(TextWriter Output, TextWriter Error, Func<string?> StopReason, bool Interactive, CancellationToken Stop)
{
    /// <summary>The environment variables to read settings from; null (the default) reads the process environment.</summary>
    public IEnumerable<KeyValuePair<string, string>>? Environment { get; init; }

    /// <summary>The market data of <c>engine paper</c>; null (the default) is Binance's streams (tests give a scripted feed).</summary>
    public Run.PaperFeedFactory? PaperFeed { get; init; }
}

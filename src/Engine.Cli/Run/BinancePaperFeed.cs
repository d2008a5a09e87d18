using Engine.Cli.Configuration;

namespace Engine.Cli.Run;

/// <summary>Binance's market streams as a paper run's feed.</summary>
public static class BinancePaperFeed
{
    /// <summary>The feed for <paramref name="context"/>'s symbols and endpoints.</summary>
    public static IPaperFeed Create(PaperFeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        throw new ConfigurationException("engine paper: this build has no market-data client yet (the feed of issue 16 is merged separately)");
    }
}
